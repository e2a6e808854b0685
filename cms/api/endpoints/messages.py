"""Important messages: the crisis and disruption banner, on both surfaces.

Its answers are cached for ``MAX_AGE`` seconds only (not the API's usual minute), so
that with the sites' own page caching a published or withdrawn banner is on every page
within a minute. A message's window opening or closing changes the validators at that
moment (``cms.api.generation``).
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from cms.workflows.models import ImportantMessage, MessageAudience
from cms.workflows.models.messages import SEVERITY_ORDER

from ..schemas.common import responses
from ..schemas.site import ImportantMessage as ImportantMessageSchema
from ..surfaces import Surface

#: Seconds a cache may keep the answer (the sites add at most 30 s of their own).
MAX_AGE = 15


def current_messages(surface: Surface, language: str, at=None) -> list[dict]:
    """The messages ``surface`` shows now, the most serious first."""
    at = at or timezone.now()
    rows = ImportantMessage.objects.current(at).for_surface(surface.is_public)
    ordered = sorted(
        rows, key=lambda m: (SEVERITY_ORDER.get(m.severity, 9), -m.published_at.timestamp())
    )
    data = []
    for message in ordered:
        text, link_label = message.localized(language)
        data.append(
            {
                "id": message.pk,
                "severity": message.severity,
                "text": text,
                "link_url": message.link_url,
                "link_label": link_label,
                "published_at": timezone.localtime(message.published_at),
                "valid_from": timezone.localtime(message.valid_from)
                if message.valid_from
                else None,
                "valid_until": timezone.localtime(message.valid_until)
                if message.valid_until
                else None,
                "staff_only": message.audience == MessageAudience.STAFF,
            }
        )
    return data


def build_router(surface: Surface) -> Router:
    """The important-messages router of ``surface``."""
    router = Router(tags=[_("Structure")])

    @router.get(
        "/important-messages",
        response=responses(surface, list[ImportantMessageSchema]),
        summary=_("Important messages"),
        operation_id=f"{surface.name}_important_messages",
    )
    def important_messages(request, locale: str = Query("sv", pattern=r"^[a-z]{2,3}$")):
        """Current banners (Viktigt meddelande), the most serious first; staff-only ones on
        the intranet alone."""
        return current_messages(surface, locale)

    return router
