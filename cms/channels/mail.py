"""An INblick edition as one e-mail to staff, through the outbox of cms.mail.

The edition registers a dispatch source for the staff-magazine channel: publishing it
plans one dispatch (``plan_page_dispatch``, unique per page and channel), and from
there the outbox's guarantees hold as for any item – deliveries written when it
starts, claims with leases, retries, a recorded hand-off never repeated.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.mail.dispatching import NotDue, is_dispatched
from cms.mail.messages import Rendered, item_url, placeholder, site_context
from cms.mail.models import Channel
from cms.mail.recipients import Recipient
from cms.mail.sources import DispatchSource, plan_page_dispatch, register_source
from cms.pages.querysets import page_readers

from .models import Edition


def dispatch_edition(dispatch) -> Edition | None:
    """The live edition a dispatch sends, or None when it is gone or unpublished."""
    return (
        Edition.objects.live().filter(pk=dispatch.source_page_id).first()
        if dispatch.source_page_id
        else None
    )


def check_due(dispatch, now) -> None:
    """An edition goes out once it is live and not expired (a withdrawn one waits)."""
    edition = dispatch_edition(dispatch)
    if edition is None or (edition.expire_at is not None and edition.expire_at <= now):
        raise NotDue()


def recipients(dispatch, at):
    """Every active member of staff with an address who may read the edition.

    The items in it are released to all staff (``selection.edition_candidates``), so
    whoever may open the edition may read each of them.
    """
    edition = dispatch_edition(dispatch)
    if edition is None:
        return
    users = page_readers(edition).exclude(email="")
    rows = users.values_list("pk", "email", "wagtail_userprofile__preferred_language")
    for pk, email, language in rows.iterator(chunk_size=2000):
        yield Recipient(email, "en" if (language or "").startswith("en") else "sv", user_id=pk)


def edition_url(edition) -> str:
    """The edition's page on the intranet."""
    base = settings.ENKANAL_INTRANET_URL.rstrip("/")
    return f"{base}/inblick/{edition.year}/{edition.number}/"


def render(dispatch, language: str) -> Rendered:
    """The edition's message: the foreword, then each item's title, summary and link."""
    edition = Edition.objects.get(pk=dispatch.source_page_id)
    with translation.override(language):
        entries = [
            {"page": item, "summary": item.summary, "url": item_url(item, public=False)}
            for item in edition.items()
        ]
        context = {
            **site_context(language),
            "unsubscribe_url": placeholder("unsubscribe_url"),
            "edition": edition,
            "entries": entries,
            "url": edition_url(edition),
            "pdf_url": edition_url(edition) + "pdf/",
            "issued": edition.issue_date,
            "reason": _("You get this as a member of staff."),
            "produced_at": timezone.localtime(),
        }
        return Rendered(
            subject=edition.title,
            text=render_to_string("channels/mail/edition.txt", context),
            html=render_to_string("channels/mail/edition.html", context),
        )


def register_edition_source() -> None:
    """Make the outbox send editions on the staff-magazine channel (``apps.ready``)."""
    register_source(
        Channel.MAGAZINE, DispatchSource(recipients=recipients, check_due=check_due, render=render)
    )


def plan_edition_dispatch(edition):
    """The edition's one dispatch (created on its first publication); None unless pending.

    Only an edition in the default language is sent: a translation rides on it, as
    translated items do.
    """
    if not is_dispatched(edition):
        return None
    return plan_page_dispatch(edition, Channel.MAGAZINE)
