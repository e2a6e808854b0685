"""Old addresses → Wagtail redirects, kept up to date without undoing editors' changes.

An import remembers what it made each old path lead to (``ImportedObject.written``:
the target and the paths). A later run with ``--update`` moves a path it made to the
item's new target; a path an editor has since pointed elsewhere, or deleted, is left
as it is and reported as a conflict, and a path that led somewhere before the import
came is never taken over.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page


@dataclass(frozen=True)
class Link:
    """A redirect target that is an address: another site's, or a file's on the CMS."""

    url: str


def target_key(target) -> str:
    """What a redirect leads to, as ``written`` keeps it: ``page:<id>`` or the address."""
    return f"page:{target.pk}" if isinstance(target, Page) else target.url


def _key_of(redirect: Redirect) -> str:
    if redirect.redirect_page_id is not None:
        return f"page:{redirect.redirect_page_id}"
    return redirect.redirect_link


@dataclass
class RedirectOutcome:
    """What ``write_redirects`` did, for the report and for ``ImportedObject.written``."""

    created: int = 0
    updated: int = 0
    #: Paths an editor pointed elsewhere or deleted since the import made them.
    conflicts: list = field(default_factory=list)
    #: Paths that led somewhere else before the import (never taken over).
    taken: list = field(default_factory=list)
    #: ``{"target": …, "paths": […]}``: what the import's redirects lead to now.
    written: dict = field(default_factory=dict)


def write_redirects(paths: list[str], target, written: dict | None) -> RedirectOutcome:
    """Make ``paths`` (normalised old paths) lead to ``target`` (a page or a ``Link``).

    ``written`` is what the import made these redirects lead to last time (empty for
    a new item). One query reads the existing redirects and one inserts the new ones.
    """
    written = written or {}
    before = written.get("target")
    made_before = set(written.get("paths") or [])
    wanted = target_key(target)
    values = (
        {"redirect_page": target, "redirect_link": ""}
        if isinstance(target, Page)
        else {"redirect_page": None, "redirect_link": target.url}
    )
    existing = {
        redirect.old_path: redirect
        for redirect in Redirect.objects.filter(old_path__in=paths, site=None)
    }
    outcome = RedirectOutcome()
    new, moved, ours = [], [], []
    for path in paths:
        redirect = existing.get(path)
        if redirect is None:
            if path in made_before:
                outcome.conflicts.append(path)  # deleted in Enkanal: stays deleted
                ours.append(path)
            else:
                new.append(Redirect(old_path=path, site=None, is_permanent=True, **values))
                ours.append(path)
            continue
        current = _key_of(redirect)
        if current == wanted:
            ours.append(path)
        elif path in made_before and current == before:
            for name, value in values.items():
                setattr(redirect, name, value)
            moved.append(redirect)
            ours.append(path)
        elif path in made_before:
            outcome.conflicts.append(path)  # pointed elsewhere in Enkanal
            ours.append(path)
        else:
            outcome.taken.append(path)
    if new:
        Redirect.objects.bulk_create(new)
    if moved:
        Redirect.objects.bulk_update(moved, ["redirect_page", "redirect_link"])
    outcome.created, outcome.updated = len(new), len(moved)
    outcome.written = {"target": wanted, "paths": ours}
    return outcome
