"""Background work of search."""

from django_tasks import task

from .vocabulary import refresh_vocabulary


@task()
def refresh_vocabulary_task(force: bool = False) -> bool:
    """Rebuild the stored search vocabulary when it is stale (or ``force``)."""
    return refresh_vocabulary(force=force)
