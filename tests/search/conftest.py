"""Search tests run against the configured backends, not the test settings' stock one."""

import datetime

import pytest
from django.utils import timezone

from search.config import backends_from_env
from search.vocabulary import clear_vocabulary


@pytest.fixture(autouse=True)
def enkanal_search_backend(settings):
    """The database backend as ``search.config`` configures it by default."""
    settings.WAGTAILSEARCH_BACKENDS = backends_from_env({})


def released(page, internal=None, external=None):
    """Give ``page`` a release plan as the workflow does on publication (no signals)."""
    from cms.pages.models import ArticlePage

    now = timezone.now()
    internal = now - datetime.timedelta(hours=2) if internal is None else internal
    if external is None and page.is_external:
        external = internal + datetime.timedelta(hours=1)
    ArticlePage.objects.filter(pk=page.pk).update(
        internal_release_at=internal, external_release_at=external
    )
    page.internal_release_at, page.external_release_at = internal, external
    return page


@pytest.fixture
def make_item(site_tree):
    """A published, released item: ``make_item("news", title=..., audience_codes=...)``."""
    from cms.workflows.guard import system_publish
    from tests.pages.factories import (
        NewsPageFactory,
        NoticePageFactory,
        PressReleasePageFactory,
        StaffBulletinPageFactory,
    )

    factories = {
        "news": (NewsPageFactory, "news"),
        "notice": (NoticePageFactory, "notices"),
        "press": (PressReleasePageFactory, "press"),
        "bulletin": (StaffBulletinPageFactory, "bulletins"),
    }

    def make(kind="news", internal=None, external=None, release=True, **kwargs):
        factory, parent = factories[kind]
        with system_publish("Testdata för sökningen"):
            page = factory(parent=site_tree[parent], **kwargs)
        if release:
            released(page, internal=internal, external=external)
        return page

    return make


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """Each test builds the vocabulary from its own items (a stored one is rolled back)."""
    clear_vocabulary(stored=False)
    yield
    clear_vocabulary(stored=False)
