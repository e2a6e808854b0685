"""Background tasks of editorial quality (django-tasks): the weekly review reminders."""

from django_tasks import task

from cms.core import periodic

from . import review


@task()
def send_review_reminders(force: bool = False) -> int:
    """The weekly reminder of review dates to each unit's editors and managers."""
    return review.send_review_reminders(force=force)


@task()
def review_housekeeping() -> dict[str, int]:
    """Periodic (``ENKANAL_REVIEW_REMINDER_INTERVAL``, hourly by default).

    Sends the week's review reminders (each unit once a week, however often this runs).
    Queues its own next run first, so a failure here cannot stop the chain.
    """
    periodic.requeue(review_housekeeping)
    return {"review_reminders": review.send_review_reminders(force=False)}
