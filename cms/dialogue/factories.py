"""Factories for feedback cases and news tips (tests and demo data)."""

import factory
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from cms.snippets.factories import UnitFactory

from .models import Feedback, FeedbackCategory, NewsTip


class FeedbackFactory(DjangoModelFactory):
    """A case from a resident who wants an answer by e-mail."""

    class Meta:
        model = Feedback

    category = FeedbackCategory.SUGGESTION
    message = "Det behövs fler papperskorgar i parken."
    name = "Eva Invånare"
    email = factory.Sequence(lambda n: f"invanare{n}@example.org")
    unit = factory.SubFactory(UnitFactory)


class NewsTipFactory(DjangoModelFactory):
    """A tip from a member of staff, in Swedish."""

    class Meta:
        model = NewsTip
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tips {n}")
    text = "Vi öppnar en ny förskola i Ekby i augusti.\n\nAlla är välkomna på invigningen."
    unit = factory.SubFactory(UnitFactory)
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="sv"))
    sender_name = "Sam Medarbetare"
    sender_email = "sam@ekby.example"

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        if create and extracted:
            self.audiences.set(extracted)
