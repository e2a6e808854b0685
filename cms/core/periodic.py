"""Recurring background work without cron: tasks that queue their own next run.

A periodic task calls ``ensure_queued(itself, delay=interval)`` when it runs, so one
run always waits in the database queue with ``run_after`` set; ``manage.py
enkanal_scheduler`` starts every task registered here once (starting again is
harmless). Apps register theirs in ``AppConfig.ready``.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends

#: Registered periodic tasks: task path → (task, interval in seconds, or a callable
#: that returns it, so settings are read when the task is queued).
_REGISTRY: dict[str, tuple[object, object]] = {}


def can_defer() -> bool:
    """True when the task backend runs tasks later (``run_after``), as the database one does."""
    return bool(getattr(task_backends["default"], "supports_defer", False))


def is_queued(task_obj, *args, by: datetime.datetime | None = None) -> bool:
    """True when ``task_obj(*args)`` waits in the database queue already.

    With ``by``, only a run due by then counts: a retry queued for an hour from now
    must not stop a run that is wanted at once.
    """
    return queued(task_obj, *args, by=by) > 0


def queued(task_obj, *args, by: datetime.datetime | None = None) -> int:
    """How many runs of ``task_obj(*args)`` wait in the database queue (due by ``by``)."""
    if not can_defer():
        return 0
    from django.db.models import Q
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting = DBTaskResult.objects.filter(
        task_path=task_obj.module_path,
        status=TaskResultStatus.READY,
        args_kwargs__args=list(args),
    )
    if by is not None:
        # A run without a time is stored as due at the end of time, and runs first.
        waiting = waiting.filter(Q(run_after=get_date_max()) | Q(run_after__lte=by))
    return waiting.count()


def ensure_queued(task_obj, delay: float = 0) -> bool:
    """Queue ``task_obj`` to run in ``delay`` seconds unless a run waits already.

    Returns True when it queued one. Does nothing on backends that cannot defer (the
    immediate backend of the tests would otherwise run it in a loop).
    """
    if not can_defer() or is_queued(task_obj):
        return False
    with transaction.atomic():
        task_obj.using(run_after=timezone.now() + datetime.timedelta(seconds=delay)).enqueue()
    return True


def register(task_obj, interval) -> None:
    """Make ``task_obj`` one of the periodic tasks ``start_all`` starts."""
    _REGISTRY[task_obj.module_path] = (task_obj, interval)


def interval_of(task_obj) -> float:
    """The registered interval of ``task_obj``, in seconds."""
    interval = _REGISTRY[task_obj.module_path][1]
    return interval() if callable(interval) else interval


def requeue(task_obj) -> bool:
    """Queue the next run of the periodic ``task_obj`` (called first thing when it runs)."""
    return ensure_queued(task_obj, delay=interval_of(task_obj))


def start_all() -> list[str]:
    """Queue every registered periodic task that is not waiting; their paths."""
    return [path for path, (task_obj, _interval) in _REGISTRY.items() if ensure_queued(task_obj)]
