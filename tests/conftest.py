"""Shared pytest fixtures and the suite's rule on skipped tests."""

import json
import os

import pytest


@pytest.fixture
def site_tree(db):
    """A Swedish home page with one index page per type, as the site's root."""
    from wagtail.models import Locale, Page, Site

    from tests.pages.factories import (
        HomePageFactory,
        NewsIndexPageFactory,
        NoticeBoardPageFactory,
        PressRoomPageFactory,
        StaffBulletinIndexPageFactory,
    )

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=Locale.objects.get(language_code="sv"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return {
        "home": home,
        "news": NewsIndexPageFactory(parent=home),
        "notices": NoticeBoardPageFactory(parent=home),
        "press": PressRoomPageFactory(parent=home),
        "bulletins": StaffBulletinIndexPageFactory(parent=home),
    }


# The admin-in-Chromium fixtures (chromium, admin_login) for every package's browser tests.
pytest_plugins = ["tests.browser"]


# A skip hides a regression unless it names a service that may be absent where the tests
# run: the Elasticsearch cluster (never in CI), PostgreSQL (the SQLite run) and, outside
# CI, the Plone test site. Any other skip fails the run; the list is printed either way.
ALLOWED_SKIPS = ("needs ELASTICSEARCH_URL", "needs PostgreSQL")
ALLOWED_SKIPS_OUTSIDE_CI = ("needs ENKANAL_PLONE_URL",)
_skips: list[tuple[str, str]] = []


def _allowed_skip(reason: str) -> bool:
    allowed = ALLOWED_SKIPS if os.environ.get("CI") else ALLOWED_SKIPS + ALLOWED_SKIPS_OUTSIDE_CI
    return reason.removeprefix("Skipped: ").startswith(allowed)


def pytest_runtest_logreport(report):
    """Collect every skipped test with its reason."""
    if report.skipped and isinstance(report.longrepr, tuple):
        _skips.append((report.nodeid, str(report.longrepr[2])))


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Print the skips, marking those that fail the run."""
    if not _skips:
        return
    terminalreporter.section("skipped tests")
    for nodeid, reason in _skips:
        mark = "allowed" if _allowed_skip(reason) else "NOT ALLOWED"
        terminalreporter.write_line(f"{mark}: {nodeid}: {reason}")


def pytest_sessionfinish(session, exitstatus):
    """Fail the run when a test skipped for a reason other than an absent service."""
    if exitstatus == 0 and any(not _allowed_skip(reason) for _, reason in _skips):
        session.exitstatus = 1


# Transactional tests (the admin in Chromium, the e-mail workers) empty every table when
# they end, and the data the migrations made (roles, audiences, locales, Wagtail's root
# page) goes with it. Django's serialized rollback restores it only through the
# connection object that was current when the test database was made; under
# Playwright's event loop the tests get another one. So the snapshot is kept here and
# put back at the start of every transactional test that finds it missing.
_migration_data: dict[str, str] = {}


def _snapshot_migration_data():
    """Serialise the migrated test database, once, before anything has flushed it.

    Taken when the first transactional test starts rather than at session start: a run
    whose tests use no database (the frontend's) has no test database to read.
    """
    if "default" in _migration_data:
        return
    from django.db import connection

    data = getattr(connection, "_test_serialized_contents", None)
    rows = json.loads(data or connection.creation.serialize_db_to_string())
    # Content types first: saving other rows may look one up and, not finding it, make it.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    _migration_data["default"] = json.dumps(rows)


@pytest.fixture(autouse=True)
def _restore_migration_data(request):
    """Put the migrations' data back when a flushed, transactional test starts without it."""
    marker = request.node.get_closest_marker("django_db")
    if not marker or not (
        marker.kwargs.get("transaction") or "transactional_db" in request.fixturenames
    ):
        return
    request.getfixturevalue("_django_db_helper")
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Page

    if Page.objects.filter(depth=1).exists():
        # Untouched so far (earlier tests rolled back): the migrations' data as it is.
        _snapshot_migration_data()
        return
    # The flush's post_migrate made content types, permissions and locales anew, with
    # other keys than the snapshot's: empty the tables again, quietly, and load it.
    if "default" not in _migration_data:
        raise RuntimeError("the migrations' data was flushed before it could be kept")
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(_migration_data["default"])
    # Rows came back with their keys: move the sequences past them (PostgreSQL).
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    ContentType.objects.clear_cache()
