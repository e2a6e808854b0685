"""Printed versions: an item or an INblick edition as PDF, made by the API.

The reader's browser never talks to the API: these views fetch the file with the
reader's own token (on the intranet), so the API's audience filter decides, and pass
it on.
"""

from __future__ import annotations

from django.http import HttpResponse

from .base import client, reader_token


def _file(request, api_path: str) -> HttpResponse:
    content, content_type, disposition = client().get_file(api_path, token=reader_token(request))
    response = HttpResponse(content, content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    return response


def item_pdf(request, item_id: int):
    """An item as PDF: on the public site only public items, on the intranet the reader's."""
    return _file(request, f"items/{int(item_id)}/pdf")


def edition_pdf(request, year: int, number: int):
    """An INblick edition as PDF (intranet)."""
    return _file(request, f"editions/{int(year)}/{int(number)}/pdf")
