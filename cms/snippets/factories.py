"""Factories for units, topics and people (tests and benchmarks)."""

import factory
from factory.django import DjangoModelFactory

from .models import Audience, Person, Topic, Unit, UnitLevel


class UnitFactory(DjangoModelFactory):
    """A unit; pass ``parent`` and ``level`` to build a tree."""

    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Enhet {n}")
    short_name = factory.Sequence(lambda n: f"E{n}")
    level = UnitLevel.ADMINISTRATION
    contact_email = factory.LazyAttribute(lambda o: f"{o.short_name.lower()}@ekby.example")

    @factory.post_generation
    def managers(self, create, extracted, **kwargs):
        if create and extracted:
            self.managers.set(extracted)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class TopicFactory(DjangoModelFactory):
    """A topic."""

    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ämne {n}")
    slug = factory.Sequence(lambda n: f"amne-{n}")


class PersonFactory(DjangoModelFactory):
    """A contact person (a media contact with ``show_to_press=True``)."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    job_title = "Informatör"
    email = factory.Sequence(lambda n: f"person{n}@ekby.example")
    phone = "0123-45 67 89"


def audiences(*codes: str):
    """The ``Audience`` rows for ``codes`` (created by the data migration)."""
    return list(Audience.objects.filter(code__in=codes))
