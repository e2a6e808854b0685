"""Headless Chromium driving the CMS admin, for tests of the editor's path as users meet it.

The admin runs in pytest-django's ``live_server`` (a thread of this process, on the test
database), and Debian's Chromium is driven through Playwright's sync API. A missing
browser is a failure, not a skip: the editor's path is only proven in a real browser.

Use ``admin_login(user, locale="sv-SE")`` to get a signed-in page; ``type_slowly`` types
with the pauses a person makes, so autosave fires between keystrokes.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "var" / "test-artifacts" / "admin"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The password every user made by ``cms.core.factories.UserFactory`` has.
PASSWORD = "lösenord-för-test"


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for the session (Debian's package at /usr/bin/chromium)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests
    # make between browser steps are synchronous and safe here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium is required for browser tests: {CHROMIUM}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def admin_login(chromium, live_server, settings):
    """A factory: ``admin_login(user, locale=...)`` returns a page signed in to the admin."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    contexts = []

    def login(user, *, locale: str = "sv-SE", password: str = PASSWORD):
        context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        sign_in(page, user, password=password)
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield login
    for context in contexts:
        context.close()


@pytest.fixture
def anonymous_page(chromium, live_server, settings):
    """A factory: ``anonymous_page(locale=...)`` returns a page in a fresh, signed-out context.

    For following a link from an e-mail as its recipient would, in a browser that has
    not signed in yet.
    """
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    contexts = []

    def open_page(*, locale: str = "sv-SE"):
        context = chromium.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def sign_in(page, user, *, password: str = PASSWORD) -> None:
    """Fill and send the admin's login form shown on ``page``."""
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()


def wait_for_editor(page) -> None:
    """Wait, as a person reading the form does, until the editor tracks changes.

    Wagtail's unsaved-changes tracking (which triggers autosave) takes the form's
    initial state about two seconds after load; a change made before that is part of
    the initial state and is never autosaved.
    """
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2_500)


def choose(page, field: str, label: str) -> None:
    """Pick ``label`` in the chooser modal of the form field ``field`` (e.g. a unit)."""
    page.locator(f"#id_{field}-chooser .chooser__choose-button").click()
    page.locator(".modal").get_by_role("link", name=label).first.click()
    page.locator(".modal").wait_for(state="hidden")


def type_slowly(locator, text: str, *, delay_ms: int = 120) -> None:
    """Type ``text`` key by key with a person's pauses (autosave may fire in between)."""
    locator.click()
    locator.press_sequentially(text, delay=delay_ms)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under var/test-artifacts/admin (not committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
