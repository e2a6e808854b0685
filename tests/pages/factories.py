"""Factories for Enkanal's page types (wagtail-factories), for tests and benchmarks.

They live with the tests rather than in ``cms.pages``: an item made live here is
published past the workflow's publish guard, which the page types must not know.
"""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cms.pages.models import (
    HomePage,
    NewsIndexPage,
    NewsPage,
    NoticeBoardPage,
    NoticeKind,
    NoticePage,
    PressReleaseKind,
    PressReleasePage,
    PressRoomPage,
    StaffBulletinIndexPage,
    StaffBulletinPage,
)
from cms.snippets.factories import UnitFactory
from cms.snippets.models import Audience
from cms.workflows.guard import system_publish


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page (pass ``parent``)."""

    class Meta:
        model = HomePage

    title = "Ekby kommun"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nyheter"


class NoticeBoardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NoticeBoardPage

    title = "Anslagstavla"


class PressRoomPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PressRoomPage

    title = "Pressrum"


class StaffBulletinIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StaffBulletinIndexPage

    title = "INblick"


class ArticlePageFactory(wagtail_factories.PageFactory):
    """Shared fields; ``audience_codes=["residents", "media"]`` picks audiences."""

    class Meta:
        abstract = True

    class Params:
        audience_codes = ("residents",)

    title = factory.Sequence(lambda n: f"Artikel {n}")
    summary = "En kort sammanfattning av innehållet."
    owner_unit = factory.SubFactory(UnitFactory)
    # Passed to the constructor, so the audiences are in place before the first
    # (validated) save, as they are when an editor saves the admin form.
    audiences = factory.LazyAttribute(
        lambda o: list(Audience.objects.filter(code__in=o.audience_codes))
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Create the item; one made live is trusted test data, published as the system.

        The publish guard refuses any article made live outside ``system_publish``.
        """
        if not kwargs.get("live", True):
            return super()._create(model_class, *args, **kwargs)
        with system_publish("test data made live by a factory"):
            return super()._create(model_class, *args, **kwargs)


class NewsPageFactory(ArticlePageFactory):
    """A news item; default audience: residents."""

    class Meta:
        model = NewsPage


class NoticePageFactory(ArticlePageFactory):
    """A notice on the board (audiences fixed by the type)."""

    class Meta:
        model = NoticePage

    class Params:
        audience_codes = ()

    notice_kind = NoticeKind.OTHER
    issuing_body = "Kommunfullmäktige"
    earliest_removal_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=30)
    )


class PressReleasePageFactory(ArticlePageFactory):
    """A press release; default audiences: media and residents."""

    class Meta:
        model = PressReleasePage

    class Params:
        audience_codes = ("media", "residents")

    kind = PressReleaseKind.RELEASE


class StaffBulletinPageFactory(ArticlePageFactory):
    """A staff bulletin (audience fixed to staff by the type)."""

    class Meta:
        model = StaffBulletinPage

    class Params:
        audience_codes = ()
