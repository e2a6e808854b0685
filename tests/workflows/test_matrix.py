"""Role × audience × action: who may do what to a staff item and an external item."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.actions.copy_page import CopyPageAction
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction
from wagtail.models import Page

from cms.workflows.guard import system_publish
from cms.workflows.urgent import publish_urgently

from .helpers import act, draft, edit, reload, submit

pytestmark = pytest.mark.django_db

ROLES = ("editor", "unit_manager", "communicator", "director", "administrator")
AUDIENCES = {"staff": ("staff",), "external": ("residents", "media")}


def attempt(callable_):
    """True when ``callable_`` ran; False when it was refused (nothing written)."""
    try:
        with transaction.atomic():
            callable_()
    except PermissionDenied:
        return False
    return True


def in_review(org, audiences):
    page = draft(org, audiences=audiences)
    submit(page, org["editor"])
    return reload(page)


def live(org, audiences):
    page = draft(org, audiences=audiences)
    with system_publish("matrix"):
        page.get_latest_revision().publish()
    return reload(page)


#: action → (set up, perform, roles allowed per audience key)
EXPECTED_ALLOWED = {
    "create": {"staff": set(ROLES), "external": set(ROLES)},
    "submit": {"staff": set(ROLES), "external": set(ROLES)},
    "approve": {"staff": {"unit_manager", "director"}, "external": {"unit_manager", "director"}},
    "reject": {"staff": {"unit_manager", "director"}, "external": {"unit_manager", "director"}},
    "publish": {"staff": set(), "external": set()},
    "unpublish": {
        "staff": {"communicator", "director", "administrator"},
        "external": {"communicator", "director", "administrator"},
    },
    "urgent publish": {"staff": set(), "external": {"communicator"}},
    "bulk publish": {"staff": set(), "external": set()},
    "copy": {"staff": set(), "external": set()},
    "revert": {"staff": set(), "external": set()},
}


def perform(org, action, role, audiences):
    """Try ``action`` as ``role``; return (allowed, page)."""
    user = org[role]
    if action == "create":
        news = org["site"]["news"]
        return news.permissions_for_user(user).can_add_subpage(), None
    if action == "submit":
        page = draft(org, audiences=audiences, user=user)
        return page.permissions_for_user(user).can_submit_for_moderation(), page
    if action in ("approve", "reject"):
        page = in_review(org, audiences)
        return attempt(lambda: act(page, user, action, comment="Ändra")), page
    if action == "publish":
        page = draft(org, audiences=audiences)
        return attempt(lambda: page.get_latest_revision().publish(user=user)), page
    if action == "unpublish":
        page = live(org, audiences)
        if not page.permissions_for_user(user).can_unpublish():
            return False, page
        return attempt(lambda: page.unpublish(user=user)), page
    if action == "urgent publish":
        page = in_review(org, audiences)
        return attempt(lambda: publish_urgently(page, user, "Brådskande")), page
    if action == "bulk publish":
        page = draft(org, audiences=audiences)
        return attempt(lambda: PublishBulkAction.execute_action([page], user=user)), page
    if action == "copy":
        page = live(org, audiences)
        slug = f"kopia-{role}-{audiences[0]}"
        allowed = attempt(
            lambda: CopyPageAction(
                page, to=org["site"]["news"], update_attrs={"slug": slug}, keep_live=True
            ).execute(skip_permission_checks=True)
        )
        return allowed and Page.objects.filter(slug=slug, live=True).exists(), page
    if action == "revert":
        page = live(org, audiences)
        old = page.live_revision
        page, _latest = edit(page, org["editor"], title="Nyare")

        def revert():
            reverted = old.as_object().save_revision(user=user, previous_revision=old)
            reverted.publish(user=user, previous_revision=old)

        return attempt(revert), page
    raise AssertionError(action)


class TestRoleAudienceActionMatrix:
    def test_matrix(self, org, subtests):
        for action, allowed_by_audience in EXPECTED_ALLOWED.items():
            for audience_key, audiences in AUDIENCES.items():
                for role in ROLES:
                    with subtests.test(action=action, audience=audience_key, role=role):
                        allowed, _page = perform(org, action, role, audiences)
                        assert allowed is (role in allowed_by_audience[audience_key])
