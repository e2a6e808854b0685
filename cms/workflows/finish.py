"""What happens when the last step of a workflow is approved."""

from django.db import transaction
from django.db.models import Max


@transaction.atomic
def publish_workflow_state(workflow_state, user=None):
    """Publish the approved item (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

    The approver needs no Wagtail publish permission: approving the last step is the
    permission. The publish guard still checks the approvals themselves. The item
    goes live now, or at its go-live time when one is set.
    """
    obj = workflow_state.content_object
    revision = publication_revision(workflow_state, obj.get_latest_revision(), user)
    revision.publish(user=user, skip_permission_checks=True)


def publication_revision(workflow_state, revision, user):
    """The approved content as a revision of the approver who publishes it.

    Wagtail's status panel says who published an item, and when, from the live
    revision's author and time; the approved revision is the editor's, made before
    the review. Publishing the same content as the approver's revision, dated at the
    final approval, makes the panel (and the history) name the person whose approval
    published it. The revision stays inside the workflow's approval window.
    """
    if user is None or revision is None or revision.user_id == user.pk:
        return revision
    from wagtail.models import Revision  # not at import: Wagtail loads this module early

    approved_at = workflow_state.task_states.aggregate(at=Max("finished_at"))["at"]
    if approved_at is None or approved_at < revision.created_at:
        return revision
    copy = revision.as_object().save_revision(
        user=user, clean=False, changed=False, log_action=False
    )
    Revision.objects.filter(pk=copy.pk).update(created_at=approved_at)
    copy.created_at = approved_at
    return copy
