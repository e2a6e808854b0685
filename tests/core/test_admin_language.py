"""The admin speaks Swedish on every page an editor meets, whatever the browser's language.

Swedish is everyone's default; only a user who picks English in their account gets it.
Each page in ``PAGES`` is opened in Chromium with an sv-SE and an en-US browser, and its
visible text is checked for the English words in ``ENGLISH``.
"""

import re

import pytest
from wagtail.models import Page

from tests.browser import wait_for_editor
from tests.pages.factories import (
    NewsPageFactory,
    NoticePageFactory,
    PressReleasePageFactory,
    StaffBulletinPageFactory,
)
from tests.pages.test_browser_editor_forms import idle_browser, people  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)

#: Words that must not appear on an editor's page (whole words, case-sensitive).
ENGLISH = [
    "Dashboard",
    "Pages",
    "Page",
    "Saved",
    "Autosave",
    "Search options",
    "account",
    "Edit",
    "Publish",
    "Unpublish",
    "Submit to",
    "Save draft",
    "Delete",
    "Schedule",
    "Go-live",
    "Expiry",
    "Workflow",
    "Moderation",
    "Settings",
    "Help",
    "Updated",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
#: "1-4 of 4 sidor": a count in English around Swedish words.
ENGLISH_PATTERNS = [re.compile(r"\d+\s*[-–]\s*\d+ of \d+")]


def english_in(text: str) -> list[str]:
    """The English words and patterns found in ``text``."""
    found = [word for word in ENGLISH if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    found += [pattern.pattern for pattern in ENGLISH_PATTERNS if pattern.search(text)]
    return found


@pytest.fixture
def newsroom(request):
    """The people of the editor-form tests, and items of every type in every state."""
    cast = request.getfixturevalue("people")
    site_tree, unit, editor = cast["site"], cast["unit"], cast["editor"]
    communicator = cast["communicator"]
    items = {
        "news": NewsPageFactory(parent=site_tree["news"], owner_unit=unit, live=False),
        "notice": NoticePageFactory(parent=site_tree["notices"], owner_unit=unit, live=False),
        "press": PressReleasePageFactory(parent=site_tree["press"], owner_unit=unit, live=False),
        "bulletin": StaffBulletinPageFactory(
            parent=site_tree["bulletins"], owner_unit=unit, live=False
        ),
    }
    for item in items.values():
        item.save_revision(user=editor)
    for extra in range(3):
        NewsPageFactory(
            parent=site_tree["news"], owner_unit=unit, live=False, title=f"Nyhet {extra}"
        ).save_revision(user=editor)
    news = Page.objects.get(pk=items["news"].pk).specific
    news.get_workflow().start(news, editor)
    return {"site": site_tree, "editor": editor, "communicator": communicator, **items}


def add_path(item):
    """The create form for ``item``'s type under its parent."""
    opts = item._meta
    return f"/admin/pages/add/{opts.app_label}/{opts.model_name}/{item.get_parent().pk}/"


def pages_to_walk(newsroom):
    """(name, admin path) of every page walked, in order."""
    site = newsroom["site"]
    walk = [
        ("dashboard", "/admin/"),
        ("explorer", f"/admin/pages/{site['home'].pk}/"),
        ("news listing", f"/admin/pages/{site['news'].pk}/"),
        ("search", "/admin/pages/search/?q=nyhet"),
    ]
    for kind in ("news", "notice", "press", "bulletin"):
        walk.append((f"create {kind}", add_path(newsroom[kind])))
        walk.append((f"edit {kind}", f"/admin/pages/{newsroom[kind].pk}/edit/"))
    walk += [
        ("history", f"/admin/pages/{newsroom['news'].pk}/history/"),
        ("workflow report", "/admin/reports/workflow/"),
        ("workflow tasks report", "/admin/reports/workflow_tasks/"),
        ("editorial overview", "/admin/enkanal-workflow/oversikt/"),
        ("snippets", "/admin/snippets/"),
        ("units", "/admin/snippets/snippets/unit/"),
        ("account", "/admin/account/"),
    ]
    return walk


def visible_text(page) -> str:
    """The text a person sees, with the schedule dialog opened on edit forms."""
    page.wait_for_load_state("networkidle")
    text = page.locator("body").inner_text()
    toggle = page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]')
    if toggle.count():
        toggle.first.evaluate("button => button.click()")
        dialog = page.locator("#schedule-publishing-dialog")
        dialog.wait_for(state="visible")
        text += "\n" + dialog.inner_text()
    return text


class TestSwedishAdmin:
    @pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
    def test_no_english_on_the_editors_pages(self, admin_login, live_server, newsroom, locale):
        page = admin_login(newsroom["communicator"], locale=locale)
        found = {}
        for name, path in pages_to_walk(newsroom):
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("lang") == "sv", name
            english = english_in(visible_text(page))
            if english:
                found[name] = english
        assert found == {}

    @pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
    def test_the_autosave_status_is_swedish(self, admin_login, live_server, newsroom, locale):
        page = admin_login(newsroom["editor"], locale=locale)
        # The press release is a draft outside moderation, so autosave may save it.
        page.goto(f"{live_server.url}/admin/pages/{newsroom['press'].pk}/edit/")
        # Wagtail watches the form for changes only a moment after it has loaded.
        wait_for_editor(page)
        title = page.locator("#id_title")
        title.focus()  # the title panel's wrapper takes clicks
        title.press_sequentially(" uppdaterad", delay=150)
        indicator = page.locator("[data-controller~='w-autosave'], .w-autosave-indicator")
        page.wait_for_timeout(4000)
        text = page.locator("body").inner_text()
        assert english_in(text) == []
        assert indicator.count() > 0 and any(
            status in text for status in ("Sparat", "Sparar", "Automatisk sparning är pausad")
        )

    def test_a_user_who_chose_english_gets_english(self, admin_login, live_server, newsroom):
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(newsroom["communicator"])
        profile.preferred_language = "en"
        profile.save()
        page = admin_login(newsroom["communicator"], locale="sv-SE")
        assert page.locator("html").get_attribute("lang") == "en"
        assert "Pages" in english_in(page.locator("body").inner_text())

    def test_the_sign_in_page_is_swedish_in_an_english_browser(self, chromium, live_server):
        context = chromium.new_context(locale="en-US")
        try:
            page = context.new_page()
            page.goto(f"{live_server.url}/admin/login/")
            assert page.locator("html").get_attribute("lang") == "sv"
            assert english_in(page.locator("body").inner_text()) == []
        finally:
            context.close()
