"""Side effects of the workflow, wired in one place (called from ``apps.ready``)."""

from django.db.models.signals import post_save, pre_delete, pre_save
from wagtail.models import Revision
from wagtail.signals import page_published, task_submitted

from cms.core.importing import is_importing
from cms.workflows import guard, notices


def plan_release_on_publish(sender, instance, revision=None, **kwargs):
    """Every published article gets (or keeps) its release plan."""
    from cms.pages.models import ArticlePage, NoticePage
    from cms.workflows.release import plan_release
    from cms.workflows.scheduling import schedule_expiry, schedule_notice_archive

    # An import sets the historical plan itself and marks its events as done
    # (cms.imports), so nothing is queued for a worker to announce later.
    if is_importing() or not isinstance(instance, ArticlePage):
        return
    plan_release(instance, user=getattr(revision, "user", None))
    schedule_expiry(instance)
    if isinstance(instance, NoticePage):
        schedule_notice_archive(instance)


def queue_scheduled_publication(sender, instance, raw=False, update_fields=None, **kwargs):
    """A revision scheduled for publication gets a task at its go-live time."""
    if raw or instance.approved_go_live_at is None or is_importing():
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    from cms.workflows.scheduling import schedule_go_live

    schedule_go_live(instance)


def notify_approvers(sender, instance, user=None, **kwargs):
    """E-mail the approvers of a newly started step."""
    from cms.workflows.notifications import approval_requested_notifier

    approval_requested_notifier(instance=instance, user=user)


def register_signal_handlers():
    """Connect the guards, the release planning and the notifications."""
    from cms.pages.models import NoticePage

    pre_save.connect(guard.guard_page_save, dispatch_uid="enkanal_guard_page_save")
    post_save.connect(guard.log_system_publish, dispatch_uid="enkanal_log_system_publish")
    pre_save.connect(
        guard.guard_revision_schedule,
        sender=Revision,
        dispatch_uid="enkanal_guard_revision_schedule",
    )
    post_save.connect(
        queue_scheduled_publication,
        sender=Revision,
        dispatch_uid="enkanal_queue_scheduled_publication",
    )
    page_published.connect(plan_release_on_publish, dispatch_uid="enkanal_plan_release")
    pre_save.connect(
        notices.guard_notice_unpublish,
        sender=NoticePage,
        dispatch_uid="enkanal_guard_notice_unpublish",
    )
    pre_delete.connect(
        notices.guard_notice_delete,
        sender=NoticePage,
        dispatch_uid="enkanal_guard_notice_delete",
    )
    task_submitted.connect(notify_approvers, dispatch_uid="enkanal_notify_approvers")
