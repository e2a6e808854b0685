"""A flag for work that moves existing content in: an import is not a publication.

DESIGN.md §6.9: imported items send no e-mail, post nothing, call no webhook and purge
no CDN. The import engine (``cms.imports``) runs inside ``importing()``; every handler
that reacts to publishing, releasing or archiving asks ``is_importing()`` first and
does nothing when it is true. The flag lives in core so that every app can read it
without importing the import engine (which sits above them all).
"""

import contextvars
from contextlib import contextmanager

from django.dispatch import Signal

_importing: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "enkanal_importing", default=None
)


@contextmanager
def importing(source: str = "import"):
    """Mark everything inside the block as an import from ``source`` (no side effects)."""
    token = _importing.set(source or "import")
    try:
        yield
    finally:
        _importing.reset(token)


def is_importing() -> bool:
    """True inside ``importing()``: handlers with outside effects must do nothing."""
    return _importing.get() is not None


#: Sent once at the end of an import run that may have written content (also when the
#: run stopped early), instead of per item: the delivery API's validators change.
content_imported = Signal()

#: The log action of an imported item (one per item; ``data["state"]`` is the source's).
IMPORT_LOG_ACTION = "enkanal.import"


def released_by_import():
    """An ``Exists`` for page querysets: the item's publication was imported.

    Such an item was released on the old site long ago; publishing a correction of it
    in Enkanal is not news to subscribers, and it belongs in no weekly digest.
    """
    from django.db.models import Exists, OuterRef
    from wagtail.models import PageLogEntry

    return Exists(
        PageLogEntry.objects.filter(
            page_id=OuterRef("pk"), action=IMPORT_LOG_ACTION, data__state="published"
        )
    )


def was_released_by_import(page) -> bool:
    """True when ``page``'s publication was imported (see ``released_by_import``)."""
    from wagtail.models import Page

    return Page.objects.filter(pk=page.pk).filter(released_by_import()).exists()
