"""E-mail to the approvers of a step, through Wagtail's notification machinery.

Wagtail's ``EmailNotificationMixin`` respects each user's notification preferences
("submitted" notifications) and language; the manager's e-mail also carries signed
approval links (``cms.workflows.links``), one pair per recipient.
"""

from django.urls import reverse
from wagtail.admin.mail import EmailNotificationMixin, Notifier
from wagtail.models import TaskState

from cms.workflows.links import sign_in_required
from cms.workflows.models.tasks import EnkanalApprovalTask, UnitManagerApprovalTask


class ApprovalRequestedEmailNotifier(EmailNotificationMixin, Notifier):
    """Tells the resolved approvers of a started step that an item awaits them."""

    notification = "submitted"
    template_directory = "workflows/notifications/"

    def __init__(self):
        super().__init__((TaskState,))

    def can_handle(self, instance, **kwargs):
        """Only Enkanal's approval steps."""
        return isinstance(instance, TaskState) and isinstance(
            instance.task.specific, EnkanalApprovalTask
        )

    def get_template_base_prefix(self, instance, **kwargs):
        """Templates ``workflows/notifications/approval_submitted*``."""
        return "approval_"

    def get_page(self, task_state):
        """The item under review."""
        return task_state.workflow_state.content_object.specific

    def get_recipient_users(self, task_state, **kwargs):
        """The step's approvers, never the person who triggered the step."""
        triggering_user = kwargs.get("user")
        only_ids = kwargs.get("only_ids")
        task = task_state.task.specific
        return {
            approver
            for approver in task.get_approvers(self.get_page(task_state), task_state)
            if (triggering_user is None or approver.pk != triggering_user.pk)
            and (only_ids is None or approver.pk in only_ids)
        }

    def get_context(self, task_state, **kwargs):
        """Title, unit, audiences and the preview, compare and edit links."""
        from django.conf import settings

        context = super().get_context(task_state, **kwargs)
        page = self.get_page(task_state)
        draft = task_state.revision.as_object()
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        context.update(
            {
                "task": task_state.task.specific,
                "task_state": task_state,
                "page": page,
                "draft": draft,
                "unit": getattr(draft, "owner_unit", None),
                "audiences": [a.label for a in draft.audiences.all()]
                if hasattr(draft, "audiences")
                else [],
                "preview_url": base
                + reverse(
                    "wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]
                ),
                "compare_url": (
                    base
                    + reverse(
                        "wagtailadmin_pages:revisions_compare",
                        args=[page.pk, "live", task_state.revision_id],
                    )
                    if page.live
                    else None
                ),
                "edit_url": base + reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "links_without_sign_in": not sign_in_required(),
            }
        )
        return context

    def send_notifications(self, template_set, context, recipients, **kwargs):
        """One e-mail per recipient, each with their own signed links."""
        from cms.workflows.links import link_url, make_token

        ok = True
        for recipient in sorted(recipients, key=lambda user: user.pk):
            recipient_context = dict(context)
            if isinstance(context["task"], UnitManagerApprovalTask):
                token = make_token(context["task_state"], recipient)
                recipient_context["approve_url"] = link_url(token, "approve")
                recipient_context["reject_url"] = link_url(token, "reject")
            ok = self.send_emails(template_set, recipient_context, [recipient], **kwargs) and ok
        return ok


approval_requested_notifier = ApprovalRequestedEmailNotifier()


def current_approvers(page) -> tuple[int | None, set[int]]:
    """The current step's task state id and whom it waits on ((None, ∅) outside moderation)."""
    task_state = page.current_workflow_task_state
    if task_state is None or not isinstance(task_state.task.specific, EnkanalApprovalTask):
        return None, set()
    task = task_state.task.specific
    return task_state.pk, {user.pk for user in task.get_approvers(page, task_state)}


def notify_new_approvers(page, before, user=None) -> set[int]:
    """E-mail those a step moved to (an edit excluded its approvers), as on submission.

    ``before`` is ``current_approvers(page)`` from before the edit. The step itself did
    not restart, so Wagtail sends nothing; whoever it now waits on gets the same e-mail
    with links as if it had just started. A step that started meanwhile was announced
    by Wagtail already.
    """
    before_state_id, before_ids = before
    task_state_id, approver_ids = current_approvers(page)
    if task_state_id is None or task_state_id != before_state_id:
        return set()
    new_ids = approver_ids - before_ids
    if new_ids:
        approval_requested_notifier(
            instance=page.current_workflow_task_state, user=user, only_ids=new_ids
        )
    return new_ids
