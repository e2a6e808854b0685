"""INblick editions (cms.channels) on the intranet: list, one edition, its PDF."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Router

from cms.channels.models import Edition
from cms.channels.printing import edition_pdf
from cms.channels.selection import edition_candidates
from cms.pages.querysets import readable_by

from ..listing import with_listing_relations
from ..rendering import Renderer
from ..schemas.common import responses
from ..schemas.editions import EditionDetail, EditionList
from ..surfaces import Surface, reader_of
from .prints import PDF_RESPONSE, pdf_response

#: Years an edition's address accepts (the path parameters' bounds).
YEARS = (1900, 2999)
MAX_NUMBER = 999


def visible_editions(request):
    """Published, unexpired editions the reader may open (view restrictions honoured)."""
    reader = reader_of(request)
    if reader is None or not reader.is_authenticated or not reader.is_active:
        return Edition.objects.none()
    now = timezone.now()
    live = Edition.objects.live().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
    return readable_by(live, reader)


def build_router(surface: Surface) -> Router:
    """The editions router (intranet only: an edition is for staff)."""
    router = Router(tags=[_("INblick")])

    def summary(edition) -> dict:
        path = f"/inblick/{edition.year}/{edition.number}/"
        return {
            "id": edition.pk,
            "number": edition.number,
            "year": edition.year,
            "title": edition.title,
            "issue_date": edition.issue_date,
            "path": path,
            "url": surface.absolute_url(path),
            "pdf_path": f"/editions/{edition.year}/{edition.number}/pdf",
            "item_count": len(edition.chosen_item_ids()),
        }

    def get_edition(request, year, number) -> Edition:
        edition = (
            visible_editions(request)
            .filter(issue_date__year=year, number=number)
            .select_related("cover_image", "locale")
            .first()
        )
        if edition is None:
            raise Http404(_("The edition does not exist or is not published."))
        return edition

    @router.get(
        "/editions",
        response=responses(surface, EditionList),
        summary=_("INblick editions"),
        operation_id=f"{surface.name}_editions",
    )
    def editions(request):
        """Published editions of INblick, newest first."""
        rows = (
            visible_editions(request)
            .prefetch_related("entries")
            .order_by("-issue_date", "-number", "-pk")
        )
        return {"editions": [summary(edition) for edition in rows[:200]]}

    @router.get(
        "/editions/{year}/{number}",
        response=responses(surface, EditionDetail, 404),
        summary=_("An INblick edition"),
        operation_id=f"{surface.name}_edition",
    )
    def edition(
        request,
        year: int = Path(..., ge=YEARS[0], le=YEARS[1]),
        number: int = Path(..., ge=1, le=MAX_NUMBER),
    ):
        """The edition's foreword, cover and items in print order, as the reader sees them."""
        found = get_edition(request, year, number)
        renderer = Renderer(surface, request)
        # The items everyone gets (the PDF, the e-mail), and only what the reader may see.
        readers_items = surface.items(request).filter(
            pk__in=edition_candidates(language=found.language).values("pk")
        )
        items = found.items(with_listing_relations(readers_items), specific=False)
        return {
            **summary(found),
            "foreword": renderer.rich_text(found.foreword),
            "foreword_by": found.foreword_by,
            "cover": renderer.image(found.cover_image),
            "items": [renderer.summary(item) for item in items],
        }

    @router.get(
        "/editions/{year}/{number}/pdf",
        response=responses(surface, None, 404),
        summary=_("An INblick edition as PDF"),
        operation_id=f"{surface.name}_edition_pdf",
        openapi_extra=PDF_RESPONSE,
    )
    def edition_as_pdf(
        request,
        year: int = Path(..., ge=YEARS[0], le=YEARS[1]),
        number: int = Path(..., ge=1, le=MAX_NUMBER),
    ) -> HttpResponse:
        """The edition as a print-ready A4 PDF (the same for all staff)."""
        return pdf_response(edition_pdf(get_edition(request, year, number)))

    return router
