"""The parts of issue 19 in Chromium: banner, must-read, shortcuts, breadcrumbs, GDPR links.

Every page type is also scanned with axe-core and photographed at 1280×800 and 390×844;
the screenshots go to ``var/screenshots/<page>-<width>.png`` (not committed) for a person
to look at.
"""

from __future__ import annotations

import re
import time

import pytest

from .conftest import REPO
from .stub_api import CONFIRM_TOKEN, SCREEN_TOKEN
from .test_browser import INTRANET_TEMPLATES, PUBLIC_TEMPLATES, assert_accessible, log_in

SCREENSHOTS = REPO / "var" / "screenshots"
VIEWPORTS = {"1280x800": (1280, 800), "390x844": (390, 844)}
NEW_PUBLIC_PAGES = {
    "about-site": "/om-webbplatsen/",
    "privacy": "/behandling-av-personuppgifter/",
    "cookies": "/kakor/",
    "privacy-en": "/en/personal-data/",
    "feedback-helpful": "/synpunkter/?sida=14&hjalpte=nej",
}
ALL_PUBLIC = {**PUBLIC_TEMPLATES, **NEW_PUBLIC_PAGES}
INTRANET_BULLETIN = "/inblick/ny-schemalaggning-i-forskolan/"
ALL_INTRANET = {**INTRANET_TEMPLATES, "intranet-must-read-bulletin": INTRANET_BULLETIN}
#: Pages whose forms collect personal data, on each site.
PUBLIC_FORMS = ("/synpunkter/", "/tillganglighet/", "/prenumerera/",
                f"/prenumerera/installningar/?token={CONFIRM_TOKEN}")  # fmt: skip
BANNER = {
    "id": 1,
    "severity": "crisis",
    "text": "Vattenläcka i centrum: koka dricksvattnet.",
    "link_url": "https://ekby.example/vatten",
    "link_label": "Läs mer om läckan",
    "published_at": "2026-11-26T10:00:00+01:00",
    "valid_from": None,
    "valid_until": None,
    "staff_only": False,
}

#: The breadcrumbs' label, in the page's language.
YOU_ARE_HERE = re.compile(r"^(Du är här|You are here)$")


@pytest.fixture
def sized(browser):
    """``sized(name)`` opens a page of the viewport ``name`` (``1280x800``, ``390x844``)."""
    contexts = []

    def open_page(viewport: str):
        width, height = VIEWPORTS[viewport]
        context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def wait_for_banner(page, url: str, text: str, limit: float = 60) -> float:
    """Reload ``url`` until ``text`` is on it; the seconds it took (fails past ``limit``)."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        page.goto(url)
        if page.locator(".banner", has_text=text).count():
            return time.monotonic() - started
        page.wait_for_timeout(2000)
    raise AssertionError(f"no banner on {url} within {limit} s")


class TestImportantMessageBanner:
    def test_appears_on_the_site_within_a_minute(self, page, public_site, api):
        page.goto(f"{public_site.url}/nyheter/")
        assert page.locator(".banner").count() == 0
        api.banners = [BANNER]
        seconds = wait_for_banner(page, f"{public_site.url}/nyheter/", "Vattenläcka")
        assert seconds < 60
        banner = page.locator(".banner-crisis")
        assert banner.get_by_role("link", name="Läs mer om läckan").is_visible()
        assert_accessible(page, "banner-public")

    def test_staff_only_banner_only_on_the_intranet(self, page, public_site, intranet_site, api):
        api.banners = [{**BANNER, "id": 2, "text": "Personalmöte flyttat", "staff_only": True,
                        "severity": "warning"}]  # fmt: skip
        log_in(page, intranet_site)
        seconds = wait_for_banner(page, f"{intranet_site.url}/", "Personalmöte flyttat")
        assert seconds < 60
        page.goto(f"{public_site.url}/kakor/")
        assert page.locator(".banner", has_text="Personalmöte").count() == 0

    def test_the_screen_picks_it_up_between_reloads(self, page, intranet_site, api):
        page.clock.install()
        page.goto(f"{intranet_site.url}/skarm/?token={SCREEN_TOKEN}")
        assert page.locator(".banner").count() == 0
        api.banners = [BANNER]
        page.clock.run_for(21_000)  # one look for new messages (every 20 s)
        page.locator(".banner", has_text="Vattenläcka").wait_for(timeout=10_000)
        assert page.locator(".slide").count() >= 3  # the board itself was not reloaded


class TestMustRead:
    def test_confirm_with_one_click(self, page, intranet_site, api):
        log_in(page, intranet_site)
        must_read = page.locator("section.must-read")
        assert must_read.get_by_role("link", name="Ny schemaläggning i förskolan från januari")
        page.goto(f"{intranet_site.url}{INTRANET_BULLETIN}")
        section = page.locator("#las-och-bekrafta")
        section.get_by_role("button").click()
        page.wait_for_url(f"**{INTRANET_BULLETIN}#las-och-bekrafta")
        assert section.get_by_role("status").is_visible()
        assert section.get_by_role("button").count() == 0
        assert ("items/25/confirmation", {}) in api.posts
        page.goto(f"{intranet_site.url}/")
        assert page.locator("section.must-read").count() == 0

    def test_for_my_unit_comes_first(self, page, intranet_site, api):
        log_in(page, intranet_site)
        ids = page.evaluate("[...document.querySelectorAll('main h2')].map(h => h.id)")
        assert ids.index("h-my-unit") < ids.index("h-bulletins") < ids.index("h-news")
        my_unit = page.locator("section", has=page.locator("#h-my-unit"))
        assert my_unit.get_by_role("link", name="Ny schemaläggning i förskolan från januari")


class TestServiceShortcuts:
    def test_the_start_page_shows_the_cms_shortcuts_in_order(self, page, public_site, api):
        page.goto(f"{public_site.url}/")
        titles = page.locator(".shortcut-title").all_inner_texts()
        assert [t.split("(")[0].strip() for t in titles] == [
            "Förskola och skola", "Bygglov", "Avfall och återvinning", "Felanmälan"
        ]  # fmt: skip
        link = page.locator(".shortcut a", has_text="Bygglov")
        assert link.get_attribute("href") == "https://e.ekby.example/bygglov"
        assert page.locator(".hero h2 a").inner_text()  # the top story


class TestBreadcrumbs:
    @pytest.mark.parametrize(("name", "path"), ALL_PUBLIC.items())
    def test_every_public_page_but_home(self, page, public_site, api, name, path):
        page.goto(f"{public_site.url}{path}")
        crumbs = page.get_by_role("navigation", name=YOU_ARE_HERE)
        if path in ("/", "/en/"):
            assert crumbs.count() == 0
            return
        links = crumbs.get_by_role("link")
        assert links.first.get_attribute("href") in ("/", "/en/")
        assert crumbs.locator("[aria-current=page]").count() == 1

    @pytest.mark.parametrize(("name", "path"), INTRANET_TEMPLATES.items())
    def test_every_intranet_page_but_home(self, page, intranet_site, api, name, path):
        log_in(page, intranet_site)
        page.goto(f"{intranet_site.url}{path}")
        crumbs = page.get_by_role("navigation", name=YOU_ARE_HERE)
        assert crumbs.count() == (0 if path == "/" else 1)


class TestPersonalDataLink:
    @pytest.mark.parametrize("path", PUBLIC_FORMS)
    def test_every_public_form(self, page, public_site, api, path):
        page.goto(f"{public_site.url}{path}")
        form = page.locator("main form").last
        link = form.locator(".privacy-note a")
        assert link.get_attribute("href").endswith("/behandling-av-personuppgifter/")
        link.click()
        assert page.get_by_role("heading", level=1).inner_text()

    def test_the_news_tip(self, page, intranet_site, public_site, api):
        log_in(page, intranet_site)
        page.goto(f"{intranet_site.url}/tipsa/")
        href = page.locator("main form .privacy-note a").get_attribute("href")
        assert href.endswith("/behandling-av-personuppgifter/") and href.startswith("http")


class TestEveryPageTypeAtBothWidths:
    """axe-core and a screenshot of every page type at 1280×800 and 390×844."""

    @pytest.mark.parametrize("viewport", VIEWPORTS)
    def test_public(self, sized, public_site, api, viewport):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        api.banners = [BANNER]
        page = sized(viewport)
        for name, path in ALL_PUBLIC.items():
            page.goto(f"{public_site.url}{path}")
            width = VIEWPORTS[viewport][0]
            assert page.evaluate("document.documentElement.scrollWidth") <= width, name
            assert_accessible(page, f"{name}-{viewport}")
            page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}.png", full_page=True)

    @pytest.mark.parametrize("viewport", VIEWPORTS)
    def test_intranet_and_screen(self, sized, intranet_site, api, viewport):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page = sized(viewport)
        log_in(page, intranet_site)
        for name, path in {**ALL_INTRANET, "screen": f"/skarm/?token={SCREEN_TOKEN}"}.items():
            page.goto(f"{intranet_site.url}{path}")
            assert_accessible(page, f"{name}-{viewport}")
            page.screenshot(path=SCREENSHOTS / f"{name}-{viewport}.png", full_page=True)
