"""Background tasks of the dialogue app (django-tasks)."""

from django_tasks import task

from . import review


@task()
def send_review_reminders(force: bool = False) -> int:
    """The weekly reminder of review dates to each unit's editors and managers."""
    return review.send_review_reminders(force=force)
