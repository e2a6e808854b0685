"""The two approval steps: the unit manager's approval and the communicator's review.

Both steps share one rule (DESIGN.md §6.4): nobody approves a revision they submitted
or last edited. When that rule leaves a step without approvers, the step goes up: to
the manager of the next unit up, and finally to the Kommunchef, who may approve
anything.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Task, TaskState

from cms.core.roles import COMMUNICATOR, DIRECTOR


def _users_in_group(name, exclude_ids):
    """Active members of the role group ``name``, except ``exclude_ids``."""
    return list(
        get_user_model()
        .objects.filter(groups__name=name, is_active=True)
        .exclude(pk__in=exclude_ids)
        .order_by("pk")
    )


def follow_latest_revision(task_state, obj) -> bool:
    """Bind an in-progress step to the revision in moderation, the item's latest.

    Wagtail keeps a step on the revision it started with, while the editor page, the
    preview and the approval link show the latest; an approval must apply to what the
    approver saw, so an edit during review moves the step along (True when it moved).
    """
    latest_id = getattr(obj, "latest_revision_id", None)
    if (
        latest_id is None
        or task_state.status != TaskState.STATUS_IN_PROGRESS
        or task_state.revision_id == latest_id
    ):
        return False
    task_state.revision_id = latest_id
    task_state.save(update_fields=["revision"])
    return True


class EnkanalApprovalTask(Task):
    """A step approved by people resolved from the item, never by its own author."""

    class Meta:
        abstract = True

    # --- who may approve -------------------------------------------------------------

    def get_task_state_for(self, obj):
        """The in-progress task state of this task on ``obj``, if any."""
        return (
            TaskState.objects.for_instance(obj)
            .filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
            .select_related("workflow_state", "revision")
            .order_by("-started_at", "-pk")
            .first()
        )

    def get_excluded_user_ids(self, obj, task_state=None) -> set[int]:
        """Users who submitted, or last edited, the revision under review."""
        task_state = task_state or self.get_task_state_for(obj)
        ids: set[int | None] = set()
        if task_state is not None:
            ids.add(task_state.workflow_state.requested_by_id)
            ids.add(task_state.revision.user_id)
        latest = obj.get_latest_revision() if hasattr(obj, "get_latest_revision") else None
        if latest is not None:
            ids.add(latest.user_id)
        return {pk for pk in ids if pk is not None}

    def get_designated_approvers(self, obj, exclude_ids) -> list:
        """The people who should approve (and are notified), before the fallback."""
        raise NotImplementedError

    def get_approvers(self, obj, task_state=None) -> list:
        """Who is asked to approve: the designated people, else the Kommunchef."""
        excluded = self.get_excluded_user_ids(obj, task_state)
        return self.get_designated_approvers(obj, excluded) or _users_in_group(DIRECTOR, excluded)

    def user_can_approve(self, obj, user, task_state=None) -> bool:
        """True when ``user`` may approve or reject this step on ``obj``."""
        if not (user and user.is_authenticated and user.is_active):
            return False
        if user.pk in self.get_excluded_user_ids(obj, task_state):
            return False
        if user.is_superuser or user.groups.filter(name=DIRECTOR).exists():
            return True
        return any(approver.pk == user.pk for approver in self.get_approvers(obj, task_state))

    def cannot_approve_reason(self, obj, user):
        """Why ``user`` cannot approve this step on ``obj`` (None when they can)."""
        if self.user_can_approve(obj, user):
            return None
        if user.pk in self.get_excluded_user_ids(obj):
            return _(
                "You cannot approve: you submitted or last edited this version. The approval "
                "goes on to the next manager up or the director."
            )
        return self.not_an_approver_message()

    def not_an_approver_message(self):
        """The explanation for someone who is not an approver of this step."""
        return _("You are not an approver for this step.")

    # --- Wagtail's task API ----------------------------------------------------------

    def get_actions(self, obj, user):
        """Approve or request changes, for the resolved approvers only."""
        if self.user_can_approve(obj, user):
            return [
                ("reject", _("Request changes"), True),
                ("approve", _("Approve"), False),
                ("approve", _("Approve with comment"), True),
            ]
        return []

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Refuse anyone who is not an approver, then approve or reject."""
        from cms.workflows.routing import reroute_if_needed

        obj = task_state.workflow_state.content_object.specific
        if not self.user_can_approve(obj, user, task_state):
            raise PermissionDenied(self.cannot_approve_reason(obj, user))
        if action_name == "approve" and reroute_if_needed(obj, user=user) is not None:
            # The audiences were widened during review: moderation restarted instead.
            return None
        follow_latest_revision(task_state, obj)
        return super().on_action(task_state, user, action_name, **kwargs)

    def user_can_access_editor(self, obj, user):
        """Approvers may open the editor to review and adjust the item."""
        return self.user_can_approve(obj, user)

    def locked_for_user(self, obj, user):
        """Only approvers edit an item waiting on this step."""
        return not self.user_can_approve(obj, user)

    def user_can_lock(self, obj, user):
        """Approvers may lock the item while they review it."""
        return self.user_can_approve(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """In-progress task states ``user`` may act on ("awaiting your review")."""
        if not (user and user.is_authenticated):
            return TaskState.objects.none()
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state", "revision"
        )
        ids = [
            state.pk
            for state in states
            if self.user_can_approve(
                state.workflow_state.content_object.specific, user, task_state=state
            )
        ]
        return TaskState.objects.filter(pk__in=ids)


class UnitManagerApprovalTask(EnkanalApprovalTask):
    """The managers of the item's owner unit (or the nearest unit up) approve it."""

    class Meta:
        verbose_name = _("manager's approval")
        verbose_name_plural = _("manager's approvals")

    @classmethod
    def get_description(cls):
        """Shown when choosing a task type in the admin."""
        return _(
            "The manager of the content's owner unit approves (otherwise the nearest manager up)."
        )

    def get_owner_unit(self, obj):
        """The owner unit of the latest revision (the one being reviewed)."""
        from cms.snippets.models import Unit

        latest = obj.get_latest_revision()
        unit_id = (latest.content or {}).get("owner_unit") if latest else None
        unit_id = unit_id or getattr(obj, "owner_unit_id", None)
        return Unit.objects.filter(pk=unit_id).first() if unit_id else None

    def get_designated_approvers(self, obj, exclude_ids):
        """Managers of the owner unit, else of the nearest ancestor with a free manager."""
        unit = self.get_owner_unit(obj)
        if unit is None:
            return []
        for candidate in unit.get_ancestors(include_self=True):
            managers = list(
                candidate.managers.filter(is_active=True).exclude(pk__in=exclude_ids).order_by("pk")
            )
            if managers:
                return managers
        return []

    def not_an_approver_message(self):
        """Explain who approves instead."""
        return _("Only the manager of the owner unit (or the director) can approve.")


class CommunicatorReviewTask(EnkanalApprovalTask):
    """An Informatör reviews the item; approving publishes it (now or as scheduled)."""

    class Meta:
        verbose_name = _("communications officer's review")
        verbose_name_plural = _("communications officer's reviews")

    @classmethod
    def get_description(cls):
        """Shown when choosing a task type in the admin."""
        return _("A communications officer reviews and publishes.")

    def get_designated_approvers(self, obj, exclude_ids):
        """Every active Informatör except the item's own author."""
        return _users_in_group(COMMUNICATOR, exclude_ids)

    def not_an_approver_message(self):
        """Explain who reviews instead."""
        return _("Only communications officers (or the director) can review and publish.")
