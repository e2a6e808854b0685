"""Shared pytest fixtures and the suite's rule on skipped tests."""

import os

import pytest


@pytest.fixture
def site_tree(db):
    """A Swedish home page with one index page per type, as the site's root."""
    from wagtail.models import Locale, Page, Site

    from cms.pages.factories import (
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
