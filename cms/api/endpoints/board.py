"""The official notice board and the press room."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router

from cms.core.models import MunicipalitySettings
from cms.pages.models import NoticePage, PressReleaseKind, PressReleasePage
from cms.snippets.models import Person

from ..listing import ListingParams, filter_items, paginate, with_listing_relations
from ..rendering import Renderer
from ..schemas.board import NoticeBoard, NoticeList, PressList, PressRoom
from ..schemas.common import responses
from ..surfaces import Surface

#: The current board is short by nature; this only bounds a runaway.
MAX_CURRENT_NOTICES = 500


def _press_relations(queryset):
    return with_listing_relations(queryset).prefetch_related(
        "attachments__document",
        Prefetch("media_contacts", queryset=Person.objects.select_related("unit")),
    )


def build_router(surface: Surface) -> Router:
    """The notice board and press room router of ``surface``."""
    router = Router(tags=[_("Notice board and press room")])

    def notices(request, renderer, rows):
        return [{**renderer.summary(row), "notice": renderer.notice_fields(row)} for row in rows]

    def press(renderer, rows):
        return [{**renderer.summary(row), "press": renderer.press_fields(row)} for row in rows]

    @router.get(
        "/notice-board",
        response=responses(surface, NoticeBoard),
        summary=_("The notice board"),
        operation_id=f"{surface.name}_notice_board",
    )
    def notice_board(request, locale: str | None = Query(None, pattern=r"^[a-z]{2,3}$")):
        """Notices on the board today (not past their removal date), newest first."""
        queryset = surface.items(request, model=NoticePage).filter(
            earliest_removal_date__gte=timezone.localdate()
        )
        if locale:
            queryset = queryset.filter(locale__language_code=locale)
        rows = with_listing_relations(queryset).order_by("-posting_date", "-pk")[
            :MAX_CURRENT_NOTICES
        ]
        renderer = Renderer(surface, request)
        settings = MunicipalitySettings.load()
        appeal = settings.appeal_instructions
        if locale == "en" and settings.appeal_instructions_en:
            appeal = settings.appeal_instructions_en
        return {"appeal_instructions": appeal, "notices": notices(request, renderer, rows)}

    @router.get(
        "/notice-board/archive",
        response=responses(surface, NoticeList, 400),
        summary=_("The notice board's archive"),
        operation_id=f"{surface.name}_notice_archive",
    )
    def notice_archive(request, params: Query[ListingParams]):
        """Notices taken down from the board (past their earliest removal date)."""
        queryset = surface.items(request, model=NoticePage).filter(
            earliest_removal_date__lt=timezone.localdate()
        )
        queryset = with_listing_relations(filter_items(queryset, surface, params))
        rows, next_cursor, count = paginate(queryset, surface, params)
        renderer = Renderer(surface, request)
        return {
            "items": notices(request, renderer, rows),
            "next_cursor": next_cursor,
            "count": count,
        }

    @router.get(
        "/press-room",
        response=responses(surface, PressRoom),
        summary=_("The press room"),
        operation_id=f"{surface.name}_press_room",
    )
    def press_room(request, locale: str | None = Query(None, pattern=r"^[a-z]{2,3}$")):
        """Media contacts, the standing texts, the latest releases and coming invitations."""
        renderer = Renderer(surface, request)
        queryset = surface.items(request, model=PressReleasePage)
        if locale:
            queryset = queryset.filter(locale__language_code=locale)
        field = surface.released_field
        latest = _press_relations(queryset).order_by(f"-{field}", "-pk")[:10]
        upcoming = _press_relations(
            queryset.filter(kind=PressReleaseKind.INVITATION, event_start__gte=timezone.now())
        ).order_by("event_start", "pk")[:20]
        settings = renderer.municipality
        contacts = Person.objects.media_contacts().select_related("unit")
        return {
            "about": renderer.about_text(locale or "sv"),
            "press_email": settings.press_email,
            "press_phone": settings.press_phone,
            "media_contacts": [renderer.person(p) for p in contacts],
            "latest_releases": press(renderer, latest),
            "upcoming_invitations": press(renderer, upcoming),
        }

    @router.get(
        "/press-room/releases",
        response=responses(surface, PressList, 400),
        summary=_("Press releases and press invitations"),
        operation_id=f"{surface.name}_press_releases",
    )
    def press_releases(request, params: Query[ListingParams], kind: PressReleaseKind | None = None):
        """Press releases and invitations, newest first; ``kind`` picks one of them."""
        queryset = surface.items(request, model=PressReleasePage)
        if kind:
            queryset = queryset.filter(kind=kind)
        queryset = _press_relations(filter_items(queryset, surface, params))
        rows, next_cursor, count = paginate(queryset, surface, params)
        renderer = Renderer(surface, request)
        return {"items": press(renderer, rows), "next_cursor": next_cursor, "count": count}

    return router
