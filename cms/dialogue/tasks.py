"""Background tasks of the dialogue app (django-tasks)."""

from django_tasks import task

from cms.core import periodic

from . import review


@task()
def send_review_reminders(force: bool = False) -> int:
    """The weekly reminder of review dates to each unit's editors and managers."""
    return review.send_review_reminders(force=force)


@task()
def dialogue_housekeeping() -> dict[str, int]:
    """Periodic (``ENKANAL_DIALOGUE_HOUSEKEEPING_INTERVAL``, hourly by default).

    Erases the personal data of feedback past its retention period and sends the week's
    review reminders (each unit once a week, however often this runs). Queues its own
    next run first, so a failure here cannot stop the chain.
    """
    from .models import Feedback

    periodic.requeue(dialogue_housekeeping)
    return {
        "feedback_erased": Feedback.objects.erase_due(),
        "review_reminders": review.send_review_reminders(force=False),
    }
