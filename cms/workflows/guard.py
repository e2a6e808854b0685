"""The publish guard: no article goes live without its approvals, by any path.

Every way Wagtail makes a page live ends in saving the page with ``live=True`` and a
new ``live_revision`` (publish button, workflow, bulk action, revert, scheduled
publishing, copying with "publish copies", code calling ``revision.publish()``), and
scheduling a future publication saves ``Revision.approved_go_live_at``. The checks here
are wired to those two saves (``signal_handlers``), so no path can skip them; the admin
hooks call the same check earlier to show a clear message instead of an error.
"""

import contextvars
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, TaskState, WorkflowState

_system_reason: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "enkanal_system_publish", default=None
)


class PublishRefused(PermissionDenied):
    """Publishing was refused because approvals are missing; nothing was changed."""

    def __init__(self, message, page=None):
        super().__init__(message)
        self.message = message
        self.page = page


@dataclass(frozen=True)
class Approval:
    """What allows a revision to go live."""

    kind: str  # "workflow", "urgent" or "system"
    reference: object = None


@contextmanager
def system_publish(reason: str):
    """Let trusted code (demo loader, migrations) publish without approvals; logged.

    Every page published inside the block gets an ``enkanal.system_publish`` log entry
    with ``reason``. Never use it on a path a user can trigger.
    """
    if not reason or not reason.strip():
        raise ValueError("system_publish needs a reason")
    token = _system_reason.set(reason)
    try:
        yield
    finally:
        _system_reason.reset(token)


def system_publish_reason() -> str | None:
    """The reason of the enclosing ``system_publish`` block, if any."""
    return _system_reason.get()


def is_guarded(page) -> bool:
    """Only pages with an owner unit and audiences (or their types) need approvals.

    Those are the items (``ArticlePage``) and the pages made of them for a channel,
    such as an INblick edition: the owner unit's manager approves what goes out to the
    audiences. Index pages have neither and need no approvals.
    """
    from cms.pages.models.mixins import AudienceMixin

    if isinstance(page, type):
        return issubclass(page, Page) and issubclass(page, AudienceMixin)
    return isinstance(page, Page) and isinstance(page, AudienceMixin)


def revision_audience_codes(revision) -> set[str]:
    """Audience codes stored in ``revision`` (without building the page)."""
    from cms.snippets.models import Audience

    ids = (revision.content or {}).get("audiences") or []
    return set(Audience.objects.filter(pk__in=ids).values_list("code", flat=True))


def revision_owner_unit_id(revision):
    """The owner unit's id stored in ``revision`` (without building the page)."""
    return (revision.content or {}).get("owner_unit")


def approval_covers(approved_revision, codes, owner_unit_id) -> bool:
    """True when an approval of ``approved_revision`` carries a revision with ``codes``
    and ``owner_unit_id``: its audiences include all of ``codes`` (an approval for staff
    never carries a public item) and its owner unit is the same (one unit's manager
    never approves for another unit)."""
    return codes <= revision_audience_codes(approved_revision) and str(
        revision_owner_unit_id(approved_revision)
    ) == str(owner_unit_id)


def required_task_classes(page, codes) -> list[type]:
    """The approval steps an item with audiences ``codes`` needs."""
    from cms.workflows.models import CommunicatorReviewTask, UnitManagerApprovalTask
    from cms.workflows.routing import needs_communicator_review

    classes: list[type] = [UnitManagerApprovalTask]
    if needs_communicator_review(page, codes):
        classes.append(CommunicatorReviewTask)
    return classes


def find_approval(page, revision) -> Approval | None:
    """The approval that lets ``revision`` of ``page`` go live, or None.

    A workflow approves a revision when the workflow finished successfully, the
    revision was made while it ran (from the submitted revision up to the last
    approval), and every required step was approved on a revision that
    ``approval_covers`` this one (audiences not narrower, the same owner unit).
    """
    from cms.workflows.models import UrgentPublication

    if revision is None or revision.pk is None or str(revision.object_id) != str(page.pk):
        return None
    urgent = UrgentPublication.objects.filter(revision=revision, page_id=page.pk).first()
    if urgent is not None:
        return Approval("urgent", urgent)
    codes = revision_audience_codes(revision)
    owner_unit_id = revision_owner_unit_id(revision)
    required = required_task_classes(page, codes)
    states = WorkflowState.objects.for_instance(page).filter(status=WorkflowState.STATUS_APPROVED)
    for workflow_state in states.order_by("-created_at", "-pk"):
        window = workflow_state.task_states.aggregate(
            start=Min("revision__created_at"), end=Max("finished_at")
        )
        if window["start"] is None or window["end"] is None:
            continue
        if not (window["start"] <= revision.created_at <= window["end"]):
            continue
        approved = workflow_state.task_states.filter(
            status=TaskState.STATUS_APPROVED
        ).select_related("revision", "task")
        covered = {
            task_state.task.specific_class
            for task_state in approved
            if approval_covers(task_state.revision, codes, owner_unit_id)
        }
        if all(any(issubclass(c, cls) for c in covered if c) for cls in required):
            return Approval("workflow", workflow_state)
    return None


def refusal_message(page, revision) -> str:
    """Why ``revision`` of ``page`` cannot be published."""
    from cms.workflows.models import CommunicatorReviewTask

    codes = revision_audience_codes(revision) if revision else set()
    if CommunicatorReviewTask in required_task_classes(page, codes):
        return _(
            "“%(title)s” was not published: the manager's approval and the communications "
            "officer's review are missing for this version. Submit it for approval."
        ) % {"title": page.get_admin_display_title()}
    return _(
        "“%(title)s” was not published: the manager's approval is missing for this version. "
        "Submit it for approval."
    ) % {"title": page.get_admin_display_title()}


def check_publish(page, revision) -> Approval | None:
    """Raise ``PublishRefused`` unless ``revision`` of ``page`` may go live."""
    if not is_guarded(page):
        return None
    reason = system_publish_reason()
    if reason:
        return Approval("system", reason)
    approval = find_approval(page, revision)
    if approval is None:
        raise PublishRefused(refusal_message(page, revision), page=page)
    return approval


def can_publish(page, revision) -> bool:
    """True when ``check_publish`` would let ``revision`` go live."""
    try:
        check_publish(page, revision)
    except PublishRefused:
        return False
    return True


# --- signal receivers (connected in signal_handlers) ---------------------------------


def guard_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: refuse making an article live, or changing its live revision, unapproved."""
    if raw or not is_guarded(instance) or not instance.live:
        return
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return
    if instance.pk is not None:
        stored = Page.objects.filter(pk=instance.pk).values("live", "live_revision_id").first()
        if stored and stored["live"] and stored["live_revision_id"] == instance.live_revision_id:
            return  # already live with this revision (a move, a lock, a plain save)
    # A page created live without any revision (Wagtail's create view with "publish"
    # saves it so before its publish hook runs) has nothing that could be approved:
    # check_publish refuses it unless it runs inside system_publish.
    revision = instance.live_revision if instance.live_revision_id else None
    approval = check_publish(instance, revision)
    instance._enkanal_approval = approval


def log_system_publish(sender, instance, created=False, raw=False, **kwargs):
    """post_save: log a publish let through by ``system_publish``."""
    approval = getattr(instance, "_enkanal_approval", None)
    if raw or approval is None or approval.kind != "system":
        return
    instance._enkanal_approval = None
    log(
        instance=instance,
        action="enkanal.system_publish",
        data={"reason": approval.reference},
        revision=instance.live_revision if instance.live_revision_id else None,
    )


def guard_revision_schedule(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: refuse scheduling an unapproved article revision for publication."""
    if raw or instance.approved_go_live_at is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None
    if model is None or not is_guarded(model):
        return
    page = model._default_manager.filter(pk=instance.object_id).first()
    if page is None:
        return
    check_publish(page.specific, instance)
