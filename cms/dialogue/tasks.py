"""Background tasks of the dialogue app (django-tasks)."""

import logging

from django.utils import timezone
from django_tasks import task

from cms.core import periodic
from cms.mail.sending import backoff

from . import notifications

logger = logging.getLogger(__name__)

#: Attempts at handing one e-mail to the provider (``cms.mail.sending.backoff``).
MAX_DELIVERY_ATTEMPTS = 8


@task()
def deliver_email(message: dict, attempt: int = 1) -> bool:
    """Send one dialogue e-mail (see ``notifications.send_message``); retried when it fails.

    A failure (provider down, network) queues the same message again with backoff, with
    the same Message-ID; after ``MAX_DELIVERY_ATTEMPTS`` it is logged as an error and the
    task fails, which the worker's task list shows.
    """
    try:
        notifications.deliver(message)
    except Exception:
        if attempt >= MAX_DELIVERY_ATTEMPTS or not periodic.can_defer():
            logger.exception("Gave up e-mail %s after %d attempts", message["message_id"], attempt)
            raise
        # The e-mail channel's backoff, from its second step: 1, 2, 4 … 60 minutes.
        delay = backoff(attempt + 1)
        deliver_email.using(run_after=timezone.now() + delay).enqueue(message, attempt + 1)
        logger.warning(
            "E-mail %s failed (attempt %d); trying again in %s",
            message["message_id"],
            attempt,
            delay,
            exc_info=True,
        )
        return False
    return True


@task()
def dialogue_housekeeping() -> dict[str, int]:
    """Periodic (``ENKANAL_DIALOGUE_HOUSEKEEPING_INTERVAL``, hourly by default).

    Erases the personal data of feedback past its retention period. Queues its own next
    run first, so a failure here cannot stop the chain.
    """
    from .models import Feedback

    periodic.requeue(dialogue_housekeeping)
    return {
        "feedback_erased": Feedback.objects.erase_due(),
    }
