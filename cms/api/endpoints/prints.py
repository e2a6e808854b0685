"""Items as PDF (cms.channels): one clean page per item, on either surface."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Router

from cms.channels.printing import PUBLIC, STAFF, Printed, item_pdf

from ..listing import MAX_ID
from ..schemas.common import responses
from ..surfaces import Surface
from .items import get_visible_item

#: The 200 answer of a PDF operation, as the OpenAPI document shows it.
PDF_RESPONSE = {
    "responses": {
        200: {
            "description": "PDF",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


def pdf_response(printed: Printed) -> HttpResponse:
    """A PDF answer, opened in the browser, with its file name."""
    response = HttpResponse(printed.content, content_type=printed.content_type)
    response["Content-Disposition"] = f'inline; filename="{printed.filename}"'
    return response


def build_router(surface: Surface) -> Router:
    """The item PDF router of ``surface``: only items the reader may see."""
    router = Router(tags=[_("Content")])

    @router.get(
        "/items/{item_id}/pdf",
        response=responses(surface, None, 404),
        summary=_("Get an item as PDF"),
        operation_id=f"{surface.name}_get_item_pdf",
        openapi_extra=PDF_RESPONSE,
    )
    def get_item_pdf(request, item_id: int = Path(..., ge=1, le=MAX_ID)) -> HttpResponse:
        """One item as a clean A4 PDF; a notice with its posting and removal dates and
        how to appeal."""
        item = get_visible_item(request, surface, pk=item_id)
        return pdf_response(item_pdf(item, PUBLIC if surface.is_public else STAFF))

    return router
