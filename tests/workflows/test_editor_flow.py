"""The editor's daily path through the admin, request by request (issue 12).

Autosave keeps the relations a form holds, a late autosave never supersedes the
submitted revision, the submit button names the routed workflow, the status panel
names the publisher, a step that moves mails its new approver, an approval applies
to the revision in moderation, and approval links ask their approver to sign in.
The same path in Chromium is in ``test_browser_editor_flow.py``.
"""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.pages.models import PressReleasePage
from cms.snippets.factories import PersonFactory, TopicFactory
from cms.snippets.models import Audience

from .helpers import act, edit, reload, submit
from .helpers import draft as make_draft

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture(autouse=True)
def swedish():
    """The admin speaks Swedish."""
    with translation.override("sv"):
        yield


def audience_ids(*codes):
    """Primary keys of ``codes`` as the checkboxes post them."""
    return [str(pk) for pk in Audience.objects.filter(code__in=codes).values_list("pk", flat=True)]


def article_data(org, title, codes, topics=(), contacts=(), **extra):
    """Form data of an article in ``org``'s unit, as the admin form posts it."""
    data = nested_form_data(
        {
            "title": title,
            "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
            "summary": "Kort ingress.",
            "owner_unit": org["unit"].pk,
            "body": streamfield([]),
            "comments": inline_formset([]),
            **extra,
        }
    )
    data["audiences"] = audience_ids(*codes)
    data["topics"] = [str(topic.pk) for topic in topics]
    if contacts:
        data["media_contacts"] = [str(person.pk) for person in contacts]
    return data


def press_data(org, codes, topic, contact):
    """A press release's form data (with its empty attachments formset)."""
    return article_data(
        org,
        "Ny förskola i Norrby",
        codes,
        topics=[topic],
        contacts=[contact],
        kind="release",
        attachments=inline_formset([]),
    )


def relation_values(revision):
    """The audiences, topics and media contacts a revision holds."""
    return {name: revision.content.get(name) for name in ("audiences", "topics", "media_contacts")}


def approval_links(message):
    """The (approve, reject) paths in an approval e-mail."""
    return re.findall(r"https?://[^/\s]+(/arbetsflode/godkann/\S+/)", message.body)


class TestAutosaveKeepsRelations:
    def test_an_autosave_without_the_mandatory_audience_keeps_every_value(self, org, client):
        topic = TopicFactory(name="Skola", slug="skola")
        contact = PersonFactory(name="Pia Press", show_to_press=True)
        client.force_login(org["editor"])
        url = reverse(
            "wagtailadmin_pages:add", args=["pages", "pressreleasepage", org["site"]["press"].pk]
        )
        # The first autosave, before any audience is ticked, creates the draft.
        response = client.post(url, press_data(org, (), topic, contact), **JSON)
        assert response.status_code == 200, response.content
        created = response.json()
        page = PressReleasePage.objects.get(pk=created["pk"])
        first = page.get_latest_revision()
        media = str(Audience.objects.get(code="media").pk)
        assert [str(pk) for pk in relation_values(first)["audiences"]] == [media]

        # Residents without Media: an autosave keeps what the form holds.
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = press_data(org, ("residents",), topic, contact)
        data["overwrite_revision_id"] = str(created["revision_id"])
        response = client.post(edit_url, data, **JSON)
        assert response.status_code == 200, response.content
        revision = PressReleasePage.objects.get(pk=page.pk).get_latest_revision()
        # Media is the type's locked audience: the form always posts it with the rest.
        assert relation_values(revision) == {
            "audiences": sorted(
                Audience.objects.filter(code__in=("residents", "media")).values_list(
                    "pk", flat=True
                )
            ),
            "topics": [topic.pk],
            "media_contacts": [contact.pk],
        }

        # Reopening shows every value.
        html = client.get(edit_url).content.decode()
        for name, value in (
            ("audiences", Audience.objects.get(code="residents").pk),
            ("topics", topic.pk),
            ("media_contacts", contact.pk),
        ):
            assert re.search(rf'name="{name}" value="{value}"[^>]*checked', html), name


class TestAutosaveAfterSubmit:
    def test_a_late_autosave_does_not_supersede_the_submitted_revision(self, org, client):
        page = make_draft(org, kind="bulletin")
        # The editor's open form: loaded before the submit, autosaving its revision.
        stale = Page.objects.get(pk=page.pk).specific
        autosaved = stale.latest_revision
        mail.outbox.clear()
        submitted = reload(page)
        submitted.save_revision(user=org["editor"])
        submit(submitted, org["editor"])
        with pytest.raises(PermissionDenied), transaction.atomic():
            # As the edit view does: the page as loaded is written back, then revised.
            stale.save()
            stale.save_revision(user=org["editor"], overwrite_revision=autosaved, clean=False)
        page = reload(page)
        assert page.latest_revision_id == page.current_workflow_task_state.revision_id
        approve, _reject = approval_links(mail.outbox[-1])
        client.force_login(org["unit_manager"])
        response = client.post(approve, {})
        assert response.status_code == 200, response.content.decode()
        assert reload(page).live


class TestSubmitButtonNamesTheRoutedWorkflow:
    def submit_label(self, client, url):
        html = client.get(url).content.decode()
        return re.search(r'name="action-submit" value="([^"]*)"', html).group(1)

    def test_new_and_existing_items_name_their_workflow(self, org, client):
        client.force_login(org["editor"])
        site = org["site"]

        def add(model, parent):
            return reverse("wagtailadmin_pages:add", args=["pages", model, parent.pk])

        assert self.submit_label(client, add("pressreleasepage", site["press"])) == (
            "Lämna in till Extern publicering"
        )
        assert self.submit_label(client, add("staffbulletinpage", site["bulletins"])) == (
            "Lämna in till Intern publicering"
        )
        staff_news = make_draft(org, audiences=("staff",))
        edit_url = reverse("wagtailadmin_pages:edit", args=[staff_news.pk])
        assert self.submit_label(client, edit_url) == "Lämna in till Intern publicering"
        edit(staff_news, org["editor"], audiences=("staff", "residents"))
        assert self.submit_label(client, edit_url) == "Lämna in till Extern publicering"


class TestPublisher:
    def test_the_live_revision_is_the_publishing_approvers(self, org, client):
        page = make_draft(org, audiences=("residents",))
        submit(page, org["editor"])
        act(page, org["unit_manager"])
        page = act(page, org["communicator"])
        assert page.live
        live = page.live_revision
        final = TaskState.objects.filter(
            workflow_state__object_id=str(page.pk), status=TaskState.STATUS_APPROVED
        ).latest("finished_at")
        assert live.user == org["communicator"]
        assert live.created_at == final.finished_at
        assert live.content["title"] == page.title
        client.force_login(org["communicator"])
        html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        name = org["communicator"].get_full_name()
        assert name in html and org["editor"].get_full_name() not in html


def chef_autosaves(client, org, page, codes):
    """The unit's Chef edits the item under review; the editor page autosaves."""
    client.force_login(org["unit_manager"])
    data = article_data(org, page.title, codes)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **JSON)
    assert response.status_code == 200, response.content
    return reload(page)


class TestStepMovesOnEdit:
    def test_the_manager_up_gets_the_email_with_working_links(self, org, client):
        page = make_draft(org, audiences=("residents",))
        submit(page, org["editor"])
        mail.outbox.clear()
        page = chef_autosaves(client, org, page, ("residents",))
        assert [m.to for m in mail.outbox] == [[org["operation_manager"].email]]
        approve, _reject = approval_links(mail.outbox[0])
        client.force_login(org["operation_manager"])
        assert client.post(approve, {}).status_code == 200
        page = reload(page)
        assert page.current_workflow_task.specific.__class__.__name__ == "CommunicatorReviewTask"

    def test_one_approval_per_step_after_widened_audiences(self, org, client):
        page = make_draft(org, audiences=("residents",))
        submit(page, org["editor"])
        page = chef_autosaves(client, org, page, ("residents", "media"))
        mail.outbox.clear()
        client.force_login(org["operation_manager"])
        data = article_data(org, page.title, ("residents", "media")) | {
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
        }
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
        assert response.status_code == 302
        page = reload(page)
        states = TaskState.objects.filter(workflow_state__object_id=str(page.pk))
        approved = states.filter(status=TaskState.STATUS_APPROVED)
        assert approved.count() == 1
        assert approved.get().revision_id == page.latest_revision_id
        assert not WorkflowState.objects.filter(
            object_id=str(page.pk), status=WorkflowState.STATUS_CANCELLED
        ).exists()
        review = page.current_workflow_task_state
        assert review.status == TaskState.STATUS_IN_PROGRESS
        informators = {org["communicator"].email, org["communicator2"].email}
        assert sorted(m.to[0] for m in mail.outbox) == sorted(informators)


def approve_and_publish(client, org, page, **headers):
    """The Informatör's *Godkänn och publicera* as the edit form posts it."""
    client.force_login(org["communicator"])
    data = article_data(org, page.title, ("residents",)) | {
        "action-workflow-action": "true",
        "workflow-action-name": "approve",
    }
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, **headers)


class TestAutosaveAroundAWorkflowAction:
    """Pressing a workflow button leaves its hidden fields in the form for the autosave."""

    @pytest.fixture
    def in_review(self, org):
        # The draft holds what the form posts: the press changes no content.
        page = make_draft(
            org,
            title="Ny lekplats i Norrby",
            slug="ny-lekplats-i-norrby",
            summary="Kort ingress.",
            body=[],
        )
        submit(page, org["editor"])
        return act(page, org["unit_manager"])

    def test_an_autosave_that_carries_the_action_only_saves(self, org, client, in_review):
        response = approve_and_publish(client, org, in_review, **JSON)
        assert response.status_code == 200, response.content
        page = reload(in_review)
        assert not page.live
        review = page.current_workflow_task_state
        assert review is not None and review.status == TaskState.STATUS_IN_PROGRESS

    def test_the_autosave_after_the_approval_leaves_the_item_published(
        self, org, client, in_review
    ):
        assert approve_and_publish(client, org, in_review).status_code == 302
        assert reload(in_review).live
        response = approve_and_publish(client, org, in_review, **JSON)
        assert response.status_code == 200, response.content
        page = reload(in_review)
        assert page.live and page.live_revision_id is not None

    def test_a_second_press_of_approve_changes_nothing(self, org, client, in_review):
        assert approve_and_publish(client, org, in_review).status_code == 302
        live_revision = reload(in_review).live_revision_id
        response = approve_and_publish(client, org, in_review)
        assert response.status_code == 302
        page = reload(in_review)
        assert page.live and page.live_revision_id == live_revision


class TestApprovalLinkSignIn:
    @pytest.fixture
    def links(self, org):
        mail.outbox.clear()
        page = make_draft(org, audiences=("staff",))
        submit(page, org["editor"])
        return reload(page), approval_links(mail.outbox[-1])

    def test_the_link_asks_for_sign_in_and_returns(self, org, client, links):
        page, (approve, _reject) = links
        response = client.get(approve)
        assert response.status_code == 302
        login = reverse("wagtailadmin_login")
        assert response["Location"].startswith(login + "?next=")
        assert client.post(approve, {}).status_code == 302
        assert not reload(page).live
        client.force_login(org["unit_manager"])
        assert client.get(approve).status_code == 200
        assert client.post(approve, {}).status_code == 200
        assert reload(page).live

    def test_only_someone_who_may_approve_can_use_it(self, org, client, links):
        page, (approve, _reject) = links
        client.force_login(org["other_manager"])
        assert client.post(approve, {}).status_code == 403
        client.force_login(org["director"])
        assert client.post(approve, {}).status_code == 200
        state = TaskState.objects.get(workflow_state__object_id=str(page.pk))
        assert state.finished_by == org["director"]

    def test_a_setting_allows_links_without_sign_in(self, org, client, links, settings):
        settings.ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN = True
        page, (approve, _reject) = links
        assert client.post(approve, {}).status_code == 200
        assert reload(page).live
