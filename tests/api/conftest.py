"""Fixtures for the delivery API: items with release plans, users, clients."""

import datetime
import os
import secrets
import sys

import pytest
import time_machine
from django.utils import timezone

from cms.workflows.guard import system_publish
from tests.clock import next_local_noon
from tests.pages.factories import (
    NewsPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    StaffBulletinPageFactory,
)

FACTORIES = {
    "news": NewsPageFactory,
    "notice": NoticePageFactory,
    "press": PressReleasePageFactory,
    "bulletin": StaffBulletinPageFactory,
}
PARENTS = {"news": "news", "notice": "notices", "press": "press", "bulletin": "bulletins"}


def trusted_publishing():
    """Publish without the editorial workflow's approvals (tests build content directly)."""
    return system_publish("Testdata för leverans-API:t")


def republish(page):
    """Publish the page's current state (after changing relations) and keep its plan."""
    plan = {"internal": page.internal_release_at, "external": page.external_release_at}
    with trusted_publishing():
        page.save_revision().publish()
    return released(page, **plan)


def released(page, internal=None, external=None, **fields):
    """Give ``page`` a release plan (what the workflow does on publication)."""
    now = timezone.now()
    internal = now - datetime.timedelta(hours=2) if internal is None else internal
    if external is None and page.is_external:
        external = internal + datetime.timedelta(hours=1)
    fields = {"internal_release_at": internal, "external_release_at": external, **fields}
    type(page).objects.filter(pk=page.pk).update(**fields)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


@pytest.fixture
def make_item(site_tree):
    """Build a released item: ``make_item("news", audience_codes=("staff",), ...)``."""

    def make(item_type="news", /, internal=None, external=None, release=True, **kwargs):
        with trusted_publishing():
            page = FACTORIES[item_type](parent=site_tree[PARENTS[item_type]], **kwargs)
        if release:
            released(page, internal=internal, external=external)
        return page

    return make


@pytest.fixture
def at_noon():
    """The clock stands still at the next local noon, half a day from midnight's caps."""
    with time_machine.travel(next_local_noon(), tick=False):
        yield


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rendered answers are cached per validator; tests that edit rows directly need a
    clean slate (in production every change goes through a logged action)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


#: Redis runs wherever the tests run (make test, CI); its own database number here.
REDIS_URL = os.environ.get("ENKANAL_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def shared_cache(settings):
    """Django's cache on the real Redis (as with ``CACHE_URL``), under this test's prefix."""
    import redis

    from cms.settings.env import cache_from_url

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    client.ping()  # its absence is a failure, not a skip
    prefix = f"enkanal-test-{secrets.token_hex(6)}"
    settings.CACHES = {"default": {**cache_from_url(REDIS_URL), "KEY_PREFIX": prefix}}
    yield
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


@pytest.fixture
def staff_reader(site_tree):
    """A member of staff and the headers that read the intranet API as them."""
    from cms.api.models import ServiceToken
    from cms.core import roles
    from cms.core.factories import UserFactory

    user = UserFactory(roles=[roles.STAFF])
    _token, raw = ServiceToken.issue("Läsare", user)
    return user, {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def pytest_terminal_summary(terminalreporter):
    """The figures of a schemathesis run: cases per API (every check passed on each)."""
    module = sys.modules.get("tests.api.test_schemathesis")
    cases = getattr(module, "CASES", None)
    if cases:
        figures = ", ".join(f"{api} {count}" for api, count in sorted(cases.items()))
        terminalreporter.write_line(f"schemathesis: cases passing every check: {figures}")
