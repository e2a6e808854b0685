"""What happens when the last step of a workflow is approved."""

from django.db import transaction


@transaction.atomic
def publish_workflow_state(workflow_state, user=None):
    """Publish the approved item (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

    The approver needs no Wagtail publish permission: approving the last step is the
    permission. The publish guard still checks the approvals themselves. The item
    goes live now, or at its go-live time when one is set.
    """
    obj = workflow_state.content_object
    revision = obj.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
