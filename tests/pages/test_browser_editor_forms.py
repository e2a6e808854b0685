"""The article forms in Chromium: locked audiences, readable values, no doomed buttons."""

import datetime
import time

import pytest
from django.utils import timezone

from cms.core import roles
from cms.core.factories import UserFactory
from cms.pages.models import PressReleasePage
from cms.snippets.factories import UnitFactory
from cms.snippets.models import Audience
from cms.snippets.models.audiences import EXTERNAL_CODES
from cms.workflows.guard import system_publish
from tests.pages.factories import NewsPageFactory, NoticePageFactory

# Audiences and role groups come from data migrations; a live-server test must get
# them back after each test's flush.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def idle_browser(admin_login, chromium):
    """Stop the admin's timers before the database is reset for the next test.

    The live server shares this process's test database; a ping or autosave that
    arrives while the database is being reset would leave the next test without the
    data the migrations made.
    """
    yield
    for context in chromium.contexts:
        for page in context.pages:
            page.goto("about:blank")
    time.sleep(1)


@pytest.fixture
def people(site_tree):
    """An editor and a communicator in one managed unit, and an Administratör."""
    assert Audience.objects.exists(), (
        "the migrations' data (audiences, roles) is missing: serialized_rollback did "
        "not restore it after the previous live-server test"
    )
    manager = UserFactory(username="chef", roles=[roles.MANAGER])
    unit = UnitFactory(name="Kommunikationsenheten", managers=[manager])
    editor = UserFactory(username="redaktor", roles=[roles.EDITOR])
    unit.members.add(editor)
    return {
        "unit": unit,
        "editor": editor,
        "communicator": UserFactory(username="informator", roles=[roles.COMMUNICATOR]),
        "administrator": UserFactory(username="administrator", roles=[roles.ADMINISTRATOR]),
        "site": site_tree,
    }


def add_path(model, parent):
    """The admin's create form for ``model`` under ``parent``."""
    opts = model._meta
    return f"/admin/pages/add/{opts.app_label}/{opts.model_name}/{parent.pk}/"


def audience_box(page, code):
    """The checkbox of the audience with ``code``."""
    pk = Audience.objects.get(code=code).pk
    return page.locator(f'input[type=checkbox][name=audiences][value="{pk}"]')


def live_notice(people, removal_in_days=30):
    """A notice on the board that may not come down for ``removal_in_days`` days."""
    notice = NoticePageFactory(
        parent=people["site"]["notices"],
        owner_unit=people["unit"],
        live=False,
        earliest_removal_date=timezone.localdate() + datetime.timedelta(days=removal_in_days),
    )
    with system_publish("test"):
        notice.save_revision(user=people["editor"]).publish()
    return notice


class TestMandatoryAudiences:
    def test_a_press_release_has_media_ticked_and_locked(self, admin_login, live_server, people):
        page = admin_login(people["editor"])
        page.goto(live_server.url + add_path(PressReleasePage, people["site"]["press"]))
        media = audience_box(page, "media")
        assert media.is_checked()
        assert media.is_disabled()
        residents = audience_box(page, "residents")
        assert not residents.is_checked()
        assert residents.is_enabled()
        page.fill("#id_title", "Ny förskola i Norrby")
        page.fill("#id_summary", "Kommunen bygger en ny förskola.")
        # The unit is a snippet chooser; its hidden input is what the form posts.
        page.locator("#id_owner_unit").evaluate(
            "(input, pk) => { input.value = pk; }", str(people["unit"].pk)
        )
        residents.check()
        page.locator("form#page-edit-form").evaluate("form => form.requestSubmit()")
        page.wait_for_url("**/edit/**")
        draft = PressReleasePage.objects.get().get_latest_revision_as_object()
        assert draft.get_audience_codes() == {"media", "residents"}

    def test_a_notice_has_every_external_audience_ticked_and_locked(
        self, admin_login, live_server, people
    ):
        from cms.pages.models import NoticePage

        page = admin_login(people["editor"])
        page.goto(live_server.url + add_path(NoticePage, people["site"]["notices"]))
        for code in sorted(EXTERNAL_CODES):
            box = audience_box(page, code)
            assert box.is_checked(), code
            assert box.is_disabled(), code
        staff = audience_box(page, "staff")
        assert not staff.is_checked()
        assert staff.is_disabled()


class TestReadableNotice:
    def test_a_draft_notice_shows_no_literal_none(self, admin_login, live_server, people):
        notice = NoticePageFactory(
            parent=people["site"]["notices"], owner_unit=people["unit"], live=False
        )
        notice.save_revision(user=people["editor"])
        page = admin_login(people["editor"])
        page.goto(f"{live_server.url}/admin/pages/{notice.pk}/edit/")
        text = page.locator("main").inner_text()
        assert "None" not in text
        assert "Sätts till dagen då anslaget blir offentligt" in text


class TestNoDoomedActions:
    def test_no_publish_button_for_a_communicator_on_an_external_draft(
        self, admin_login, live_server, people
    ):
        news = NewsPageFactory(
            parent=people["site"]["news"],
            owner_unit=people["unit"],
            live=False,
            audience_codes=("residents",),
        )
        news.save_revision(user=people["editor"])
        page = admin_login(people["communicator"])
        page.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
        page.locator("form#page-edit-form").wait_for()
        assert page.locator('[name="action-publish"]').count() == 0

    def test_an_early_unpublish_is_refused_once_before_the_confirm_page(
        self, admin_login, live_server, people
    ):
        notice = live_notice(people)
        page = admin_login(people["communicator"])
        page.goto(f"{live_server.url}/admin/pages/{notice.pk}/edit/")
        page.locator("form#page-edit-form").wait_for()
        assert page.locator('[name="action-unpublish"]').count() == 0
        page.goto(f"{live_server.url}/admin/pages/{notice.pk}/unpublish/")
        page.wait_for_url(f"**/admin/pages/{notice.pk}/edit/")
        messages = page.locator(".messages li")
        assert messages.count() == 1
        assert "tidigast" in messages.first.inner_text()
        notice.refresh_from_db()
        assert notice.live

    def test_an_administrator_goes_straight_to_the_reason_form(
        self, admin_login, live_server, people
    ):
        notice = live_notice(people)
        page = admin_login(people["administrator"])
        page.goto(f"{live_server.url}/admin/pages/{notice.pk}/unpublish/")
        page.wait_for_url(f"**/enkanal-workflow/anslag/{notice.pk}/unpublish/")
        assert page.locator("textarea[name=reason]").count() == 1
