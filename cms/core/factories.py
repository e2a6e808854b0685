"""Factories for users, images and documents (tests and benchmarks)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.models import Collection
from wagtail_factories import CollectionFactory  # noqa: F401  (re-exported for tests)
from wagtail_factories import DocumentFactory as _WagtailDocumentFactory
from wagtail_factories import ImageFactory as _WagtailImageFactory

from .models import EnkanalDocument, EnkanalImage


class UserFactory(DjangoModelFactory):
    """A user; ``roles=["Redaktör"]`` puts them in role groups."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@ekby.example")
    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = "Efternamn"
    password = factory.django.Password("lösenord-för-test")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


def _root_collection():
    return Collection.get_first_root_node()


class ImageFactory(_WagtailImageFactory):
    """An image with alt text, in the root collection.

    wagtail-factories would make a new root collection per image, outside the tree the
    roles' collection permissions are granted on.
    """

    class Meta:
        model = EnkanalImage

    collection = factory.LazyFunction(_root_collection)
    alt_text = factory.Sequence(lambda n: f"Bild {n}")


class DocumentFactory(_WagtailDocumentFactory):
    """A document in the root collection; ``is_internal=True`` keeps it off the public."""

    class Meta:
        model = EnkanalDocument

    collection = factory.LazyFunction(_root_collection)
    title = factory.Sequence(lambda n: f"Dokument {n}")
    is_internal = False
