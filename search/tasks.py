"""Background work of search."""

from django_tasks import task

from cms.core import periodic

from .vocabulary import refresh_vocabulary


@task()
def refresh_vocabulary_task(force: bool = False) -> bool:
    """Rebuild the stored search vocabulary when it is stale (or ``force``)."""
    return refresh_vocabulary(force=force)


@task()
def vocabulary_refresh() -> bool:
    """Periodic (every ``ENKANAL_SEARCH_VOCABULARY_TTL`` seconds): rebuild the vocabulary.

    Queues its own next run first, so a failure here cannot stop the chain. The web
    processes only read what it stores: a search never queues work.
    """
    periodic.requeue(vocabulary_refresh)
    return refresh_vocabulary(force=True)
