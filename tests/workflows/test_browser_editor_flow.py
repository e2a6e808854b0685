"""The editor's daily path in Chromium, as each role meets it (issue 12).

A Redaktör writes a press release with a person's typing pauses, so Wagtail's autosave
runs between keystrokes; the Chef follows the e-mailed link in a browser that has not
signed in; the Informatör approves and publishes; a Chef's own edit moves the step up.
Request-level checks of the same rules are in ``test_editor_flow.py``.
"""

import re
import time

import pytest
from django.core import mail
from wagtail.models import Page, TaskState, WorkflowState

from cms.snippets.factories import PersonFactory, TopicFactory
from cms.snippets.models import Audience
from tests.browser import choose, screenshot, sign_in, type_slowly, wait_for_editor

from .helpers import draft as make_draft
from .helpers import reload, submit

pytestmark = pytest.mark.django_db(transaction=True)

#: A person's longest wait is far shorter; the machine is shared and slow.
PATIENCE_S = 20


def wait_until(page, condition, what):
    """Poll the database (between browser events) until ``condition()`` holds."""
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        page.wait_for_timeout(200)


def approval_link(message):
    """The approve link in an approval e-mail."""
    return re.findall(r"https?://\S+/arbetsflode/godkann/\S+/approve/", message.body)[0]


def submit_from_menu(page, label):
    """Open the save button's menu and press ``label`` (e.g. "Lämna in till …")."""
    page.locator("footer .w-dropdown__toggle.button").click()
    page.locator("footer").get_by_role("button", name=label).click()


def confirm_link_as(link_page, link, user):
    """Open ``link`` signed out, sign in as ``user`` when asked, confirm the approval."""
    link_page.goto(link)
    assert "/admin/login/" in link_page.url and "next=" in link_page.url
    sign_in(link_page, user)
    link_page.wait_for_url(re.compile(r"/arbetsflode/godkann/"))
    link_page.wait_for_load_state()
    confirm = link_page.get_by_role("button", name="Bekräfta godkännande")
    assert confirm.count() == 1, link_page.inner_text("main")
    confirm.click()
    link_page.get_by_text("Du har godkänt innehållet.").wait_for()


def named(user, first_name):
    """Give ``user`` a first name a test can look for on the page."""
    user.first_name = first_name
    user.save(update_fields=["first_name"])
    return user


class TestEditorsPathInChromium:
    def test_every_role_from_autosave_to_publication(
        self, org, admin_login, anonymous_page, live_server
    ):
        editor_user = named(org["editor"], "Rut")
        communicator = named(org["communicator"], "Ingrid")
        topic = TopicFactory(name="Skola", slug="skola")
        contact = PersonFactory(name="Pia Press", show_to_press=True)
        mail.outbox.clear()

        editor = admin_login(editor_user)
        editor.goto(
            f"{live_server.url}/admin/pages/add/pages/pressreleasepage/{org['site']['press'].pk}/"
        )
        wait_for_editor(editor)
        # Item 3: the new page names the workflow its type routes to.
        submit_button = editor.locator("button[name=action-submit]")
        assert submit_button.get_attribute("value") == "Lämna in till Extern publicering"

        type_slowly(editor.locator("#id_title"), "Ny förskola i Norrby")
        type_slowly(editor.locator("#id_summary"), "Kommunen bygger en ny förskola.")
        choose(editor, "owner_unit", "Norrby förskola")
        editor.get_by_label("Kommuninvånare").check()
        editor.get_by_label("Skola").check()
        editor.get_by_label("Pia Press").check()

        def latest():
            page = Page.objects.filter(title="Ny förskola i Norrby").first()
            return page.specific.get_latest_revision() if page else None

        # Media is the press release's locked audience: ticked from the start.
        assert editor.get_by_label("Media", exact=True).is_checked()
        audiences = sorted(
            Audience.objects.filter(code__in=("residents", "media")).values_list("pk", flat=True)
        )
        wait_until(
            editor,
            lambda: (
                latest() is not None
                and latest().content.get("media_contacts") == [contact.pk]
                and sorted(latest().content.get("audiences") or []) == audiences
            ),
            "the autosave of every relation",
        )
        # Item 1: the reopened draft holds every value, as does its autosaved revision.
        page = Page.objects.get(title="Ny förskola i Norrby").specific
        assert page.current_workflow_state is None
        editor.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
        wait_for_editor(editor)
        assert editor.get_by_label("Kommuninvånare").is_checked()
        assert editor.get_by_label("Skola").is_checked()
        assert editor.get_by_label("Pia Press").is_checked()
        assert editor.get_by_label("Media", exact=True).is_checked()
        content = latest().content
        assert (sorted(content["audiences"]), content["topics"], content["media_contacts"]) == (
            audiences,
            [topic.pk],
            [contact.pk],
        )

        # Item 2: a last keystroke and the submit within half a second.
        type_slowly(editor.locator("#id_summary"), " Byggstart i vår.")
        typed = time.monotonic()
        # The same button as in the menu, pressed without waiting for the menu to open,
        # so the submit races the autosave of the last keystroke.
        editor.evaluate("document.querySelector('button[name=action-submit]').click()")
        assert time.monotonic() - typed < 0.5
        editor.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        wait_until(editor, lambda: len(mail.outbox) >= 1, "the manager's e-mail")
        page = reload(page)
        task_state = page.current_workflow_task_state
        assert task_state.revision_id == page.latest_revision_id
        (message,) = [m for m in mail.outbox if m.to == [org["unit_manager"].email]]

        # Item 11: the link asks the Chef to sign in, then confirms (as the Chef only).
        confirm_link_as(anonymous_page(), approval_link(message), org["unit_manager"])
        task_state.refresh_from_db()
        assert task_state.status == TaskState.STATUS_APPROVED
        assert task_state.finished_by == org["unit_manager"]

        # Item 5: the Informatör approves and publishes; the status panel names her.
        informator = admin_login(communicator)
        informator.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
        submit_from_menu(informator, "Godkänn och Publicera")
        informator.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        page = reload(page)
        assert page.live
        informator.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
        informator.get_by_role("button", name="Växla status").click()
        panel = informator.locator("[data-side-panel='status']")
        panel.wait_for()
        assert communicator.get_full_name() in panel.inner_text()
        assert editor_user.get_full_name() not in panel.inner_text()
        screenshot(informator, "published-status-panel")

        # Items 6 and 7, in the same browser session (one database set-up for the suite).
        self.a_step_that_moves_is_mailed_and_approved_once(
            org, admin_login, anonymous_page, live_server
        )

    def a_step_that_moves_is_mailed_and_approved_once(
        self, org, admin_login, anonymous_page, live_server
    ):
        """A Chef's own edit moves the step up: the new approver is mailed, approves once."""
        item = make_draft(org, audiences=("residents",))
        submit(item, org["editor"])
        mail.outbox.clear()

        # The unit's Chef widens the audiences and rewrites the summary at once (no
        # typing pauses): the Chef may no longer approve, the manager above may.
        chef = admin_login(org["unit_manager"])
        chef.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
        wait_for_editor(chef)
        chef.get_by_label("Media", exact=True).check()
        chef.locator("#id_summary").fill("Chefens nya ingress.")
        up = org["operation_manager"]
        wait_until(
            chef,
            lambda: any(m.to == [up.email] for m in mail.outbox),
            "the e-mail to the manager above",
        )
        (message,) = [m for m in mail.outbox if m.to == [up.email]]
        mail.outbox.clear()

        confirm_link_as(anonymous_page(), approval_link(message), up)
        item = reload(item)
        states = TaskState.objects.filter(workflow_state__object_id=str(item.pk))
        approved = states.filter(status=TaskState.STATUS_APPROVED)
        assert approved.count() == 1
        assert approved.get().revision_id == item.latest_revision_id
        assert approved.get().finished_by == up
        assert not WorkflowState.objects.filter(
            object_id=str(item.pk), status=WorkflowState.STATUS_CANCELLED
        ).exists()
        assert item.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS
        informators = sorted([org["communicator"].email, org["communicator2"].email])
        assert sorted(m.to[0] for m in mail.outbox) == informators
