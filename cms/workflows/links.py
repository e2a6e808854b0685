"""Signed, single-use approval links for the manager's e-mail.

A link is bound to one approver, one task state and one revision, expires after
``ENKANAL_APPROVAL_LINK_MAX_AGE_DAYS`` and works once. Opening it asks the approver to
sign in (unless ``ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN``), shows the draft and asks
for confirmation; only the confirming POST acts.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState

SALT = "enkanal.workflows.approval-link"
ACTIONS = ("approve", "reject")


class LinkError(Exception):
    """The link cannot be used; ``status`` is the HTTP status to answer with."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class ApprovalLink:
    """A verified link: who may act on which task state."""

    task_state: TaskState
    user: object
    page: object
    nonce: str


def max_age() -> datetime.timedelta:
    """How long a link stays valid."""
    return datetime.timedelta(days=settings.ENKANAL_APPROVAL_LINK_MAX_AGE_DAYS)


def make_token(task_state, user) -> str:
    """A signed token for ``user`` to act on ``task_state`` (its revision)."""
    payload = {
        "t": task_state.pk,
        "r": task_state.revision_id,
        "u": user.pk,
        "n": secrets.token_urlsafe(16),
    }
    return signing.TimestampSigner(salt=SALT).sign_object(payload, compress=True)


def sign_in_required() -> bool:
    """True unless ``ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN`` accepts bearer links."""
    return not getattr(settings, "ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN", False)


def link_url(token: str, action: str) -> str:
    """Absolute URL of the confirmation page for ``action``."""
    path = reverse("enkanal_workflows:approval_link", args=[token, action])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def verify(token: str, request_user=None) -> ApprovalLink:
    """Check a token; raise ``LinkError`` saying why it cannot be used."""
    from cms.workflows.models import ApprovalLinkUse

    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age())
    except signing.SignatureExpired:
        raise LinkError(
            _("The link has expired. Open the item in the admin instead."), 410
        ) from None
    except signing.BadSignature:
        raise LinkError(_("The link is not valid."), 400) from None
    if not isinstance(payload, dict) or not {"t", "r", "u", "n"} <= payload.keys():
        raise LinkError(_("The link is not valid."), 400)
    if ApprovalLinkUse.objects.filter(nonce=payload["n"]).exists():
        raise LinkError(_("The link has already been used."), 410)
    user = get_user_model().objects.filter(pk=payload["u"], is_active=True).first()
    if user is None:
        raise LinkError(_("The link is not valid."), 400)
    signed_in = request_user is not None and request_user.is_authenticated
    if not signed_in and sign_in_required():
        raise LinkError(_("Log in to use the link."), 401)
    # Whoever is signed in acts, provided the step lets them approve (checked below):
    # the named approver, or a colleague who may approve the same step.
    named = user
    if signed_in and request_user.pk != user.pk:
        user = request_user
    task_state = TaskState.objects.filter(pk=payload["t"]).select_related("workflow_state").first()
    if (
        task_state is None
        or task_state.status != TaskState.STATUS_IN_PROGRESS
        or task_state.workflow_state.status != WorkflowState.STATUS_IN_PROGRESS
    ):
        raise LinkError(
            _("The item no longer waits for your approval (it is done or cancelled)."),
            410,
        )
    page = task_state.workflow_state.content_object.specific
    if task_state.revision_id != payload["r"] or page.latest_revision_id != payload["r"]:
        raise LinkError(_("There is a newer version. Review the new version in the admin."), 410)
    task = task_state.task.specific
    if not task.user_can_approve(page, user, task_state):
        if user.pk != named.pk:
            raise LinkError(_("The link was sent to someone else."), 403)
        raise LinkError(task.cannot_approve_reason(page, user) or _("You cannot approve."), 403)
    return ApprovalLink(task_state=task_state, user=user, page=page, nonce=payload["n"])


@transaction.atomic
def use(token: str, action: str, comment: str = "", request_user=None) -> ApprovalLink:
    """Verify the token and perform ``action``; the link is spent in the same transaction."""
    from cms.workflows.models import ApprovalLinkUse

    if action not in ACTIONS:
        raise LinkError(_("Unknown action."), 400)
    if action == "reject" and not comment.strip():
        raise LinkError(_("Write what needs to change."), 400)
    link = verify(token, request_user=request_user)
    try:
        with transaction.atomic():
            ApprovalLinkUse.objects.create(
                nonce=link.nonce, task_state=link.task_state, user=link.user, action=action
            )
    except IntegrityError:
        raise LinkError(_("The link has already been used."), 410) from None
    link.task_state.task.specific.on_action(
        link.task_state, link.user, action, comment=comment.strip()
    )
    return link
