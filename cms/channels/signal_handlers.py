"""Side effects of the print channels, wired in one place (called from ``apps.ready``)."""

from django.db import transaction
from wagtail.signals import page_published

from cms.core.importing import is_importing


def plan_edition_dispatch_on_publish(sender, instance, **kwargs):
    """A published edition gets its one staff e-mail, planned in the publishing transaction."""
    from cms.mail.tasks import enqueue_dispatch, ensure_mail_sweep

    from .mail import plan_edition_dispatch
    from .models import Edition

    if is_importing() or not isinstance(instance, Edition):
        return
    dispatch = plan_edition_dispatch(instance)
    if dispatch is not None:
        transaction.on_commit(lambda pk=dispatch.pk: enqueue_dispatch(pk))
    transaction.on_commit(ensure_mail_sweep)


def register_signal_handlers():
    """Connect the edition's e-mail to its publication."""
    page_published.connect(
        plan_edition_dispatch_on_publish, dispatch_uid="enkanal_channels_edition_dispatch"
    )
