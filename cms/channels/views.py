"""Admin downloads: an item or an edition as PDF, the local-press page as PDF or HTML.

An item or edition prints as its latest version, so an editor can proof a draft
before it is approved; a draft says so on the paper. The items an edition or a press
page carries are chosen again through the audience filter at every print.
"""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from wagtail.models import Page

from cms.pages.models import ArticlePage

from .models import Edition, LocalPressPage
from .permissions import user_can_print
from .printing import Printed, audience_of, edition_pdf, item_pdf, press_html, press_pdf


def download(printed: Printed, *, attachment: bool = False) -> FileResponse:
    """The printed file as a response, named; PDFs open in the browser by default."""
    response = FileResponse(
        io.BytesIO(printed.content),
        as_attachment=attachment,
        filename=printed.filename,
        content_type=printed.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def printable_page(request, page_id: int):
    """The latest version of the page ``page_id`` if the user may edit it; and if a draft."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if not isinstance(page, (ArticlePage, Edition)):
        raise Http404
    latest = page.get_latest_revision()
    draft = not page.live or (latest is not None and latest.pk != page.live_revision_id)
    return (page.get_latest_revision_as_object() if latest else page), draft


def page_pdf(request, page_id: int):
    """An item (for its own audience) or an INblick edition as PDF."""
    page, draft = printable_page(request, page_id)
    if isinstance(page, Edition):
        return download(edition_pdf(page, draft=draft))
    return download(item_pdf(page, audience_of(page), draft=draft))


def _press_page(request, pk: int) -> LocalPressPage:
    if not user_can_print(request.user):
        raise PermissionDenied
    return get_object_or_404(LocalPressPage, pk=pk)


def local_press_pdf(request, pk: int):
    """The local-press page as a print-ready PDF."""
    return download(press_pdf(_press_page(request, pk)))


def local_press_html(request, pk: int):
    """The local-press page as plain HTML for the paper to lay out."""
    return download(press_html(_press_page(request, pk)), attachment=True)
