"""The content generation: what public content looks like, without asking the database.

Every public validator (``ETag``, ``Last-Modified``) is made from a ``ContentState``:

``token``
    Changes whenever content changes: it is replaced by a new random token on every
    publish, unpublish, release, expiry, move, deletion and logged snippet or settings
    edit (``bump``, wired in ``cms.api.signals``).
``next_change``
    The next instant at which public content changes on its own – an external release
    or an expiry still ahead, which nothing logs until the worker acts. Once it has
    passed, the state is read again, so a validator never outlives its content.
``last_modified``
    The newest logged change or release up to now (for ``Last-Modified``).

With a cache shared by every process (``CACHE_URL=redis://…``), the token and the
schedule of the current token live in that cache: a conditional request is answered
with one cache round trip and no SQL query, and a bump in one worker is seen by every
other worker's next request. A per-process cache (``LocMemCache``, the default without
``CACHE_URL``) cannot see a publish made by another process (the task worker, a
management command), so there the state is read from the database on every request –
one indexed round trip, as correct as the shared variant.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from cms.core.checks import PER_PROCESS_CACHES
from cms.pages.models import ArticlePage
from cms.workflows.models import ImportantMessage

logger = logging.getLogger(__name__)

#: The current token (a string); replaced on every change of content.
GENERATION_KEY = "enkanal-api:generation"
#: ``(token, last_modified, next_change)`` read from the database under that token.
SCHEDULE_KEY = "enkanal-api:schedule"
#: Both keys are refreshed on every change; an idle site reads the database once a day.
GENERATION_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ContentState:
    """What public content looks like now, and until when (see the module docstring)."""

    token: str
    last_modified: datetime.datetime | None
    next_change: datetime.datetime | None

    def holds_at(self, at: datetime.datetime) -> bool:
        """Whether nothing scheduled has happened since the state was read."""
        return self.next_change is None or at < self.next_change


def shared_cache() -> bool:
    """Whether Django's cache is shared by every process (Redis, Memcached, ...)."""
    return settings.CACHES["default"]["BACKEND"] not in PER_PROCESS_CACHES


def current(at: datetime.datetime | None = None) -> ContentState:
    """The content state at ``at``: from the shared cache, or from the database."""
    at = at or timezone.now()
    if not shared_cache():
        return _read_database(at)
    stored = cache.get_many([GENERATION_KEY, SCHEDULE_KEY])
    token = stored.get(GENERATION_KEY)
    if token is None:  # evicted, expired or never set: start a generation
        token = _new_token()
        if not cache.add(GENERATION_KEY, token, GENERATION_SECONDS):
            token = cache.get(GENERATION_KEY) or token  # another process was first
    schedule = stored.get(SCHEDULE_KEY)
    if schedule is not None and schedule[0] == token:
        state = _unpack(schedule)
        if state.holds_at(at):
            return state
    return _store_schedule(token, at)


def bump() -> None:
    """Content changed: new validators at once, and again once the change is committed.

    At once, so that nothing keeps confirming the old state while the change is being
    made (even in a transaction that never commits in this process, such as a test's);
    after the commit, because answers rendered in between read the data from before it.
    """
    if not shared_cache():
        return  # validators are read from the database, which sees the change itself
    cache.set(GENERATION_KEY, _new_token(), GENERATION_SECONDS)
    # One bump per transaction is enough, however many rows it logged.
    if not any(entry[1] is _bump_committed for entry in connection.run_on_commit):
        transaction.on_commit(_bump_committed, robust=True)


def _bump_committed() -> None:
    token = _new_token()
    # The token goes out before the database is read: a change committed after that
    # read bumps again, so a schedule is never stored under a newer change's token.
    cache.set(GENERATION_KEY, token, GENERATION_SECONDS)
    _store_schedule(token, timezone.now())


def _new_token() -> str:
    return uuid.uuid4().hex


def _store_schedule(token: str, at: datetime.datetime) -> ContentState:
    # Read after ``token`` was current, so the schedule describes that generation or a
    # later one (whose own bump follows at once) – never an earlier one.
    state = _read_database(at, token)
    cache.set(SCHEDULE_KEY, _pack(state), GENERATION_SECONDS)
    return state


def _pack(state: ContentState) -> tuple:
    # Plain values in the cache: a pickled class would not survive a deploy that changes it.
    return (
        state.token,
        state.last_modified.timestamp() if state.last_modified else None,
        state.next_change.timestamp() if state.next_change else None,
    )


def _unpack(value) -> ContentState:
    token, modified, upcoming = value
    return ContentState(
        token,
        datetime.datetime.fromtimestamp(modified, datetime.UTC) if modified is not None else None,
        datetime.datetime.fromtimestamp(upcoming, datetime.UTC) if upcoming is not None else None,
    )


def _read_database(at: datetime.datetime, token: str | None = None) -> ContentState:
    """The state at ``at`` from the database, in one round trip of index seeks.

    The newest page and model log entries (Wagtail's audit log records every publish,
    unpublish, move and snippet or settings edit), the newest external release up to
    ``at``, and the next external release or expiry after it; likewise the opening and
    closing of important messages' windows, which nothing logs when they come. Without
    ``token`` (a per-process cache) the token is a digest of what has happened.
    """
    # Table names come from model metadata, never from input.
    page_log = PageLogEntry._meta.db_table
    model_log = ModelLogEntry._meta.db_table
    article = ArticlePage._meta.db_table
    page = Page._meta.db_table
    message = ImportantMessage._meta.db_table
    shown = f"FROM {message} WHERE published_at IS NOT NULL AND withdrawn_at IS NULL AND"
    sql = (
        f"SELECT (SELECT MAX(timestamp) FROM {page_log}),"  # noqa: S608
        f" (SELECT MAX(timestamp) FROM {model_log}),"
        f" (SELECT MAX(external_release_at) FROM {article} WHERE external_release_at <= %s),"
        f" (SELECT MAX(valid_from) {shown} valid_from <= %s),"
        f" (SELECT MAX(valid_until) {shown} valid_until <= %s),"
        f" (SELECT MIN(external_release_at) FROM {article} WHERE external_release_at > %s),"
        f" (SELECT MIN(expire_at) FROM {page} WHERE live = %s AND expire_at > %s),"
        f" (SELECT MIN(valid_from) {shown} valid_from > %s),"
        f" (SELECT MIN(valid_until) {shown} valid_until > %s)"
    )
    when = connection.ops.adapt_datetimefield_value(at)
    with connection.cursor() as cursor:
        cursor.execute(sql, [when, when, when, when, True, when, when, when])
        row = [_as_datetime(value) for value in cursor.fetchone()]
    happened = [value for value in row[:5] if value is not None]
    upcoming = [value for value in row[5:] if value is not None]
    if token is None:
        token = hashlib.sha256(repr(row[:5]).encode()).hexdigest()[:32]
    return ContentState(
        token,
        max(happened) if happened else None,
        min(upcoming) if upcoming else None,
    )


def _as_datetime(value):
    # SQLite hands back text for raw queries, PostgreSQL a datetime.
    if isinstance(value, str):
        value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
    return value
