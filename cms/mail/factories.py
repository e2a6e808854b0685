"""Factories for subscribers (tests and benchmarks)."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from .models import Frequency, Language, Subscriber, Suppression, SuppressionReason


class SubscriberFactory(DjangoModelFactory):
    """A confirmed subscriber; ``topics=[...]`` chooses topics (none: all)."""

    class Meta:
        model = Subscriber
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"invanare{n}@example.org")
    language = Language.SV
    frequency = Frequency.IMMEDIATE
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)


class SuppressionFactory(DjangoModelFactory):
    """A suppressed address."""

    class Meta:
        model = Suppression

    email = factory.Sequence(lambda n: f"sparrad{n}@example.org")
    reason = SuppressionReason.BOUNCED
