"""Dispatches of pages that are not items: who gets them, when, and what they say.

An item's dispatches follow from its audiences (``dispatching.dispatch_channels``). An
app above the e-mail channel that sends a page of its own (an INblick edition,
cms.channels) registers a ``DispatchSource`` for its channel here. From then on the
outbox treats such a dispatch as any other: one per page and channel (a unique
constraint), a delivery per recipient written when it starts, the same claims, leases,
retries, records and admin controls, so a recorded hand-off is never repeated and no
recipient is dropped (DESIGN.md §6.5).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable

from django.db import transaction

from .models import Dispatch, DispatchState, ReleaseKind


@dataclasses.dataclass(frozen=True)
class DispatchSource:
    """What the outbox asks of a channel whose dispatches send a page.

    ``recipients(dispatch, at)`` yields ``cms.mail.recipients.Recipient`` rows;
    ``check_due(dispatch, now)`` raises ``cms.mail.dispatching.NotDue`` while the
    page may not go out; ``render(dispatch, language)`` returns the ``Rendered``
    message (``cms.mail.messages``), once per language.
    """

    recipients: Callable[[Dispatch, datetime.datetime], Iterable]
    check_due: Callable[[Dispatch, datetime.datetime], None]
    render: Callable[[Dispatch, str], object]


_sources: dict[str, DispatchSource] = {}


def register_source(channel: str, source: DispatchSource) -> None:
    """Let ``source`` answer for dispatches on ``channel`` (once per process, at start-up)."""
    _sources[channel] = source


def source_for(channel: str) -> DispatchSource | None:
    """The registered source of ``channel``, or None for the channels of items."""
    return _sources.get(channel)


@transaction.atomic
def plan_page_dispatch(page, channel: str) -> Dispatch | None:
    """The one dispatch of ``page`` on ``channel``, created if missing; None unless pending.

    Publishing the page again finds the same row (the unique constraint on
    ``source_page`` and ``channel``), so a page is sent once, however often it is
    published; a finished or cancelled dispatch stays so.
    """
    if source_for(channel) is None:
        raise LookupError(f"No dispatch source is registered for the channel {channel!r}.")
    dispatch, _created = Dispatch.objects.get_or_create(
        source_page_id=page.pk,
        channel=channel,
        defaults={"title": page.title[:255], "release_kind": ReleaseKind.INTERNAL},
    )
    return dispatch if dispatch.state == DispatchState.PENDING else None
