"""Topics, units, site navigation and documents."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Query, Router

from cms.pages.models import (
    HomePage,
    NewsIndexPage,
    NoticeBoardPage,
    PressRoomPage,
    StaffBulletinIndexPage,
)
from cms.snippets.models import ServiceShortcut, ShortcutPlacement, Topic, Unit

from ..documents import visible_documents
from ..listing import MAX_CURSOR_LENGTH, decode_cursor, encode_cursor
from ..rendering import Renderer
from ..schemas.common import responses
from ..schemas.site import DocumentList, Navigation, SiteIdentity
from ..schemas.site import ServiceShortcut as ServiceShortcutSchema
from ..schemas.site import Topic as TopicSchema
from ..schemas.site import Unit as UnitSchema
from ..surfaces import Surface

SECTIONS = {
    NewsIndexPage: "news",
    NoticeBoardPage: "notice_board",
    PressRoomPage: "press_room",
    StaffBulletinIndexPage: "staff_bulletins",
}


def build_router(surface: Surface) -> Router:
    """The topics, units, navigation and documents router of ``surface``."""
    router = Router(tags=[_("Struktur")])

    @router.get(
        "/topics",
        response=responses(surface, list[TopicSchema]),
        summary=_("Ämnen"),
        operation_id=f"{surface.name}_topics",
    )
    def topics(request):
        """Every topic, for filters and subscriptions."""
        return list(Topic.objects.order_by("name").values("slug", "name", "name_en", "description"))

    @router.get(
        "/units",
        response=responses(surface, list[UnitSchema]),
        summary=_("Organisationens enheter"),
        operation_id=f"{surface.name}_units",
    )
    def units(request):
        """The organisation as a flat list; ``parent_id`` builds the tree."""
        return list(
            Unit.objects.order_by("name").values(
                "id", "name", "short_name", "level", "parent_id", "contact_email"
            )
        )

    @router.get(
        "/site",
        response=responses(surface, SiteIdentity),
        summary=_("The municipality's identity and contact details"),
        operation_id=f"{surface.name}_site",
    )
    def site(request, locale: str = Query("sv", pattern=r"^[a-z]{2,3}$")):
        """Name, logo, colour tokens, contact details, opening hours and social media links
        from the site settings, and the "about the municipality" text in ``locale``."""
        return Renderer(surface, request).identity(locale)

    @router.get(
        "/service-shortcuts",
        response=responses(surface, list[ServiceShortcutSchema]),
        summary=_("Service shortcuts"),
        operation_id=f"{surface.name}_service_shortcuts",
    )
    def service_shortcuts(request, locale: str = Query("sv", pattern=r"^[a-z]{2,3}$")):
        """The shortcuts editors ordered for this surface's start page, in that order.

        A shortcut to a page this surface may not show (unpublished, staff only on the
        public site) is left out rather than linking to a 404.
        """
        placements = [ShortcutPlacement.BOTH, surface.name]
        shortcuts = list(
            ServiceShortcut.objects.filter(placement__in=placements).order_by("sort_order", "pk")
        )
        renderer = Renderer(surface, request)
        links = renderer.page_links(s.page_id for s in shortcuts if s.page_id)
        rows = []
        for shortcut in shortcuts:
            url = links.get(shortcut.page_id) if shortcut.page_id else shortcut.url
            if not url:
                continue
            title, text = shortcut.label(locale)
            rows.append(
                {
                    "title": title,
                    "text": text,
                    "url": url,
                    "external": not shortcut.page_id,
                    "icon": shortcut.icon,
                }
            )
        return rows

    @router.get(
        "/navigation",
        response=responses(surface, Navigation, 404),
        summary=_("Navigering"),
        operation_id=f"{surface.name}_navigation",
    )
    def navigation(request, locale: str = Query("sv", pattern=r"^[a-z]{2,3}$")):
        """The home page and sections of one locale, and links to the other locales."""
        homes = list(HomePage.objects.live().public().select_related("locale"))
        home = next((h for h in homes if h.locale.language_code == locale), None)
        if home is None:
            raise Http404(_("Det finns ingen startsida på det språket."))
        renderer = Renderer(surface, request)
        sections = []
        for child in home.get_children().live().public().specific():
            section = SECTIONS.get(type(child))
            if section is None or (surface.is_public and section == "staff_bulletins"):
                continue
            sections.append(_link(renderer, section, child))
        return {
            "locale": locale,
            "home": _link(renderer, "home", home),
            "sections": sections,
            "locales": [
                {
                    "locale": h.locale.language_code,
                    "title": h.title,
                    "path": renderer.page_path(h),
                }
                for h in homes
            ],
        }

    @router.get(
        "/documents",
        response=responses(surface, DocumentList, 400),
        summary=_("Dokument"),
        operation_id=f"{surface.name}_documents",
    )
    def documents(
        request,
        limit: int = Query(50, ge=1, le=100),
        cursor: str | None = Query(None, max_length=MAX_CURSOR_LENGTH),
    ):
        """Documents of items this reader may see, or public on their own (never internal
        ones publicly)."""
        queryset = visible_documents(surface.items(request), internal=not surface.is_public)
        ordering = ("-created_at", "-pk")
        if cursor:
            value, pk = decode_cursor(cursor, ordering)
            queryset = queryset.filter(created_at__lt=value) | queryset.filter(
                created_at=value, pk__lt=pk
            )
        rows = list(queryset.order_by(*ordering)[: limit + 1])
        next_cursor = encode_cursor(rows[limit - 1], ordering) if len(rows) > limit else None
        renderer = Renderer(surface, request)
        return {"items": [renderer.document(d) for d in rows[:limit]], "next_cursor": next_cursor}

    return router


def _link(renderer: Renderer, section: str, page) -> dict:
    path = renderer.page_path(page)
    return {
        "section": section,
        "title": page.title,
        "path": path,
        "url": renderer.surface.absolute_url(path),
        "intro": getattr(page, "intro", ""),
    }
