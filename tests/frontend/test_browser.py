"""The sites in headless Chromium: axe-core scans, keyboard use, no-JS use, scripts.

Every page template is scanned with axe-core (bundled, offline) and must have zero
violations. Screenshots of the main pages at desktop and mobile widths are saved in
``var/test-artifacts/frontend/screenshots`` (not committed).
"""

from __future__ import annotations

import json

import pytest

from .conftest import ARTIFACTS
from .stub_api import CONFIRM_TOKEN, PREVIEW_TOKEN, SCREEN_TOKEN

SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = {"desktop": (1280, 900), "mobile": (375, 812)}

#: One page per public template (and language where the layout differs).
PUBLIC_TEMPLATES = {
    "home": "/",
    "home-en": "/en/",
    "news-list": "/nyheter/",
    "news": "/nyheter/ny-forskola-oppnar-i-norrby/",
    "notice-board": "/anslagstavla/",
    "notice-archive": "/anslagstavla/arkiv/",
    "notice": "/anslagstavla/kungorelse-kommunfullmaktige/",
    "notice-en": "/en/notice-board/approved-minutes-children-and-education-committee/",
    "press-room": "/pressrum/",
    "press-release": "/pressrum/ny-skola-i-ekbyhojden/",
    "press-invitation": "/pressrum/pressinbjudan-invigning-solrosen/",
    "accessibility": "/tillganglighet/",
    "feedback": "/synpunkter/",
    "search": "/sok/?q=skola",
    "subscribe": "/prenumerera/",
    "confirm": f"/prenumerera/bekrafta/?token={CONFIRM_TOKEN}",
    "preferences": f"/prenumerera/installningar/?token={CONFIRM_TOKEN}",
    "unsubscribe": f"/prenumerera/avsluta/?token={CONFIRM_TOKEN}",
    "not-found": "/nyheter/finns-inte/",
    "preview": f"/forhandsgranska/?token={PREVIEW_TOKEN}",
}
INTRANET_TEMPLATES = {
    "intranet-home": "/",
    "intranet-bulletins": "/inblick/",
    "intranet-bulletin": "/inblick/valkommen-till-medarbetardagen/",
    "intranet-news": "/nyheter/",
    "intranet-notices": "/anslagstavla/",
    "intranet-news-tip": "/tipsa/",
}
MAIN_PAGES = ("home", "news-list", "news", "notice-board", "press-room", "accessibility")


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the current page (all rules, WCAG 2.1 AA and best practice)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in results.response["violations"]
    ]


def assert_accessible(page, name: str):
    violations = axe_violations(page)
    (ARTIFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe" / f"{name}.json").write_text(json.dumps(violations, indent=2))
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)


def log_in(page, intranet_site):
    page.goto(f"{intranet_site.url}/")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{intranet_site.url}/")


class TestAxe:
    @pytest.mark.parametrize(("name", "path"), PUBLIC_TEMPLATES.items())
    def test_public_template(self, page, public_site, api, name, path):
        page.goto(f"{public_site.url}{path}")
        assert_accessible(page, name)

    def test_api_down_page(self, page, orphan_site):
        response = page.goto(f"{orphan_site.url}/")
        assert response.status == 503
        assert_accessible(page, "unavailable")

    def test_intranet_login(self, page, intranet_site, api):
        page.goto(f"{intranet_site.url}/logga-in/")
        assert_accessible(page, "intranet-login")

    @pytest.mark.parametrize(("name", "path"), INTRANET_TEMPLATES.items())
    def test_intranet_template(self, page, intranet_site, api, name, path):
        log_in(page, intranet_site)
        page.goto(f"{intranet_site.url}{path}")
        assert_accessible(page, name)

    def test_screen(self, page, intranet_site, api):
        page.goto(f"{intranet_site.url}/skarm/?token={SCREEN_TOKEN}")
        assert_accessible(page, "screen")

    def test_form_with_errors(self, page, public_site, api):
        page.goto(f"{public_site.url}/prenumerera/")
        page.get_by_role("button", name="Prenumerera").click()
        assert page.locator("#error-summary").is_visible()
        assert page.evaluate("document.activeElement.id") == "error-summary"
        assert_accessible(page, "subscribe-errors")


class TestKeyboard:
    def test_skip_link_is_first_and_visible_on_focus(self, page, public_site, api):
        page.goto(f"{public_site.url}/nyheter/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert focused == "skip-link"
        box = page.locator(".skip-link").bounding_box()
        assert box["x"] >= 0 and box["y"] >= 0
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

    def test_focus_is_visible(self, page, public_site, api):
        page.goto(f"{public_site.url}/")
        for _ in range(3):
            page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.boxShadow, s.backgroundColor]; })()"
        )
        assert style[0] != "none" or style[1] != "none"

    def test_every_link_and_control_is_reachable(self, page, public_site, api):
        page.goto(f"{public_site.url}/nyheter/")
        reached = set()
        for _ in range(60):
            page.keyboard.press("Tab")
            reached.add(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
        assert any("topic-filter" in element for element in reached)
        assert any("Filtrera" in element for element in reached)
        assert any("/nyheter/vagarbete-pa-storgatan/" in element for element in reached)

    def test_topic_filter_by_keyboard(self, page, public_site, api):
        page.goto(f"{public_site.url}/nyheter/")
        page.focus("#topic-filter")
        page.select_option("#topic-filter", "trafik")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_url("**amne=trafik")
        assert page.get_by_role("heading", level=1).inner_text() == "Nyheter: Trafik"


class TestWithoutJavaScript:
    @pytest.fixture
    def nojs(self, browser):
        context = browser.new_context(java_script_enabled=False, locale="sv-SE")
        page = context.new_page()
        yield page
        context.close()

    def test_browse_news_and_the_notice_board(self, nojs, public_site, api):
        nojs.goto(f"{public_site.url}/")
        nojs.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Nyheter").click()
        nojs.select_option("#topic-filter", "kultur-och-fritid")
        nojs.get_by_role("button", name="Filtrera").click()
        nojs.get_by_role("link", name="Biblioteket förlänger öppettiderna").click()
        assert nojs.get_by_role("heading", level=1).inner_text() == (
            "Biblioteket förlänger öppettiderna"
        )
        nojs.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Anslagstavla"
        ).click()
        nojs.get_by_role("link", name="Kungörelse: Kommunfullmäktige sammanträder").click()
        assert nojs.get_by_text("Tas ner tidigast").is_visible()
        nojs.get_by_role("link", name="In English").click()
        assert nojs.evaluate("document.documentElement.lang") == "en"

    def test_search_and_feedback(self, nojs, public_site, api):
        nojs.goto(f"{public_site.url}/sok/")
        nojs.fill("#q", "förskola")
        nojs.get_by_role("button", name="Sök").last.click()
        assert nojs.get_by_role("link", name="Ny förskola öppnar i Norrby").is_visible()
        nojs.goto(f"{public_site.url}/tillganglighet/")
        nojs.fill("#f-message", "Kontrasten i sidfoten är för låg.")
        nojs.get_by_role("button", name="Skicka").click()
        assert nojs.get_by_text("Tack! Vi har tagit emot ditt meddelande.").is_visible()

    def test_screen_shows_everything_without_script(self, nojs, intranet_site, api):
        nojs.goto(f"{intranet_site.url}/skarm/?token={SCREEN_TOKEN}")
        assert nojs.locator(".slide").count() >= 3
        assert all(slide.is_visible() for slide in nojs.locator(".slide").all())


class TestScripts:
    def test_autocomplete(self, page, public_site, api):
        page.goto(f"{public_site.url}/sok/")
        page.locator("#q").press_sequentially("bibliot")
        option = page.get_by_role("option", name="Biblioteket förlänger öppettiderna")
        option.wait_for()
        assert page.get_attribute("#q", "aria-expanded") == "true"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        page.wait_for_url("**/nyheter/biblioteket-forlanger-oppettiderna/")

    def test_screen_rotates(self, page, intranet_site, api):
        page.clock.install()
        page.goto(f"{intranet_site.url}/skarm/?token={SCREEN_TOKEN}")
        slides = page.locator(".slide")
        total = slides.count()
        assert total >= 3
        assert page.locator(".slide.is-active").count() == 1
        first = page.locator(".slide.is-active h2").inner_text()
        assert page.locator(".progress").inner_text() == f"1 / {total}"
        page.clock.run_for(13_000)
        assert page.locator(".progress").inner_text() == f"2 / {total}"
        assert page.locator(".slide.is-active h2").inner_text() != first
        assert page.evaluate("getComputedStyle(document.body).fontSize") == "32px"


class TestIntranetInBrowser:
    def test_log_in_and_see_a_bulletin_the_public_site_hides(
        self, page, intranet_site, public_site, api
    ):
        log_in(page, intranet_site)
        assert page.get_by_text("Inloggad: Maja Medarbetare").is_visible()
        page.get_by_role("link", name="Välkommen till årets medarbetardag").click()
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Välkommen till årets medarbetardag"
        )
        path = "/inblick/valkommen-till-medarbetardagen/"
        assert page.goto(f"{public_site.url}{path}").status == 404
        page.goto(f"{intranet_site.url}{path}")
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url("**/logga-in/")
        page.goto(f"{intranet_site.url}{path}")
        assert "/logga-in/" in page.url


class TestScreenshots:
    @pytest.mark.parametrize("width", WIDTHS)
    def test_main_pages(self, browser, public_site, api, width):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        w, h = WIDTHS[width]
        context = browser.new_context(viewport={"width": w, "height": h}, locale="sv-SE")
        page = context.new_page()
        try:
            for name in MAIN_PAGES:
                page.goto(f"{public_site.url}{PUBLIC_TEMPLATES[name]}")
                # Nothing wider than the viewport: no sideways scrolling (WCAG 1.4.10).
                assert page.evaluate("document.documentElement.scrollWidth") <= w, name
                page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        finally:
            context.close()
