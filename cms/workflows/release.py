"""Release plans: internal release at publication, external release a lead time later.

Every channel reads ``internal_release_at`` and ``external_release_at`` on the item
(DESIGN.md §3); this module is the one place that writes them. The demo loader and
anything else that publishes outside the workflow call ``plan_release`` too.
"""

import contextvars
import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from cms.snippets.models.audiences import EXTERNAL_CODES

#: Set by the scheduler so a scheduled item is released at its go-live time, not at
#: the moment the worker happened to run.
_release_time: contextvars.ContextVar[datetime.datetime | None] = contextvars.ContextVar(
    "enkanal_release_time", default=None
)
#: Set by an urgent publish: why the plan differs from the default.
_release_reason: contextvars.ContextVar[str] = contextvars.ContextVar(
    "enkanal_release_reason", default=""
)
#: Set by an urgent publish to override the lead time.
_release_lead: contextvars.ContextVar[datetime.timedelta | None] = contextvars.ContextVar(
    "enkanal_release_lead", default=None
)


@dataclass(frozen=True)
class ReleasePlan:
    """When staff (internal) and everyone else (external) may see an item."""

    internal_release_at: datetime.datetime
    external_release_at: datetime.datetime | None


def default_lead() -> datetime.timedelta:
    """``ENKANAL_INTERNAL_LEAD`` minutes."""
    return datetime.timedelta(minutes=settings.ENKANAL_INTERNAL_LEAD)


def has_staff_lead(page) -> bool:
    """False for types released to everyone at once (``staff_lead = False``, notices)."""
    return getattr(page, "staff_lead", True)


def has_external_audience(page) -> bool:
    """True when any of the item's audiences is outside the organisation."""
    return bool(page.get_audience_codes() & EXTERNAL_CODES)


@contextmanager
def release_time(
    at: datetime.datetime | None = None,
    lead: datetime.timedelta | None = None,
    reason: str = "",
):
    """Publishes inside this block are planned from ``at`` and/or with ``lead``."""
    time_token = _release_time.set(at)
    lead_token = _release_lead.set(lead)
    reason_token = _release_reason.set(reason)
    try:
        yield
    finally:
        _release_time.reset(time_token)
        _release_lead.reset(lead_token)
        _release_reason.reset(reason_token)


def compute_plan(page, at=None, lead=None) -> ReleasePlan:
    """The plan for ``page`` published at ``at`` (default: now).

    An item that was already released keeps its internal release; one widened from
    staff to the public gets its external release a lead time from now, so a public
    audience never rides on an earlier internal release. A type without a staff lead
    (an official notice, Kommunallagen 8 kap.) reaches everyone at the same moment.
    """
    now = timezone.now()
    at = at or _release_time.get() or now
    lead = lead if lead is not None else _release_lead.get()
    lead = lead if lead is not None else default_lead()
    stored_internal, stored_external = stored_plan(page)
    internal = stored_internal or at
    if not has_external_audience(page):
        return ReleasePlan(internal, None)
    if not has_staff_lead(page):
        return ReleasePlan(internal, stored_external or internal)
    if stored_external is not None:
        return ReleasePlan(internal, min(stored_external, max(at, now) + lead))
    return ReleasePlan(internal, max(internal, at) + lead)


def stored_plan(page):
    """The plan in the database (a page built from a revision may carry stale values)."""
    from cms.pages.models import ArticlePage

    row = (
        ArticlePage.objects.filter(pk=page.pk)
        .values_list("internal_release_at", "external_release_at")
        .first()
    )
    return row or (None, None)


@transaction.atomic
def plan_release(page, at=None, lead=None, user=None, reason="") -> ReleasePlan:
    """Compute, store and log the release plan of a published ``page``.

    Stored with a queryset update so that the page's validation and save hooks are not
    re-run; logged as ``enkanal.release_planned``; the external release is queued for
    the scheduler.
    """
    from cms.pages.models import ArticlePage
    from cms.workflows.scheduling import schedule_external_release

    plan = compute_plan(page, at=at, lead=lead)
    ArticlePage.objects.filter(pk=page.pk).update(
        internal_release_at=plan.internal_release_at,
        external_release_at=plan.external_release_at,
    )
    page.internal_release_at = plan.internal_release_at
    page.external_release_at = plan.external_release_at
    log(
        instance=page,
        action="enkanal.release_planned",
        user=user,
        data={
            "internal_release_at": plan.internal_release_at.isoformat(),
            "external_release_at": (
                plan.external_release_at.isoformat() if plan.external_release_at else None
            ),
            "lead_minutes": (
                (plan.external_release_at - plan.internal_release_at).total_seconds() / 60
                if plan.external_release_at
                else None
            ),
            "reason": reason or _release_reason.get(),
        },
    )
    if plan.external_release_at is not None:
        schedule_external_release(page, plan.external_release_at)
    return plan
