"""Side effects of the e-mail channel, wired in one place (called from ``apps.ready``)."""

from django.db import transaction
from wagtail.signals import page_published

from cms.core.importing import is_importing, was_released_by_import
from cms.workflows.signals import released_externally


def plan_dispatches_on_publish(sender, instance, **kwargs):
    """An item's dispatches are created in the publishing transaction, sent after it."""
    from cms.pages.models import ArticlePage

    from .dispatching import plan_dispatches
    from .tasks import enqueue_dispatch, ensure_mail_sweep

    # An imported item was published long ago, elsewhere: nobody is told again.
    if is_importing() or not isinstance(instance, ArticlePage):
        return
    if was_released_by_import(instance):
        return  # a correction of an item released on the old site is not news
    for dispatch in plan_dispatches(instance):
        transaction.on_commit(lambda pk=dispatch.pk: enqueue_dispatch(pk))
    transaction.on_commit(ensure_mail_sweep)


def send_on_external_release(sender, instance, **kwargs):
    """The scheduler announces an external release: start its dispatches now."""
    from .models import Dispatch, DispatchState, ReleaseKind
    from .tasks import enqueue_dispatch

    if is_importing():
        return
    pending = Dispatch.objects.filter(
        page_id=instance.pk, release_kind=ReleaseKind.EXTERNAL, state=DispatchState.PENDING
    )
    for dispatch_id in pending.values_list("pk", flat=True):
        transaction.on_commit(lambda pk=dispatch_id: enqueue_dispatch(pk))


def register_signal_handlers():
    """Connect the fan-out to publication and the external release, and the webhooks."""
    from anymail.signals import tracking

    from .webhooks import handle_tracking

    page_published.connect(plan_dispatches_on_publish, dispatch_uid="enkanal_mail_dispatches")
    tracking.connect(handle_tracking, dispatch_uid="enkanal_mail_tracking")
    released_externally.connect(send_on_external_release, dispatch_uid="enkanal_mail_release")
