"""Draft preview for the frontends.

The editor's "Förhandsgranska i frontenden" opens the frontend with a signed token
bound to one revision; the frontend asks ``/preview?token=`` for that draft. The token
expires after ``ENKANAL_API_PREVIEW_MAX_AGE`` seconds (default 30 minutes) and answers
are ``no-store`` and ``noindex``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from ninja import Query, Router
from ninja.errors import HttpError
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page, Revision

from cms.pages.models import ArticlePage

from . import conf
from .caching import no_store
from .rendering import Renderer
from .schemas.common import responses
from .schemas.items import ItemDetail
from .surfaces import INTRANET, PUBLIC, Surface

SALT = "enkanal.api.preview"
MAX_TOKEN_LENGTH = 500


def make_token(revision) -> str:
    """A signed, timestamped token for ``revision`` of an item."""
    return signing.dumps({"r": revision.pk, "p": int(revision.object_id)}, salt=SALT)


def revision_for_token(token: str):
    """The revision a token is bound to; ``HttpError`` 403 when bad or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=conf.get("ENKANAL_API_PREVIEW_MAX_AGE"))
        revision = Revision.page_revisions.get(pk=int(data["r"]), object_id=str(int(data["p"])))
    except signing.SignatureExpired:
        raise HttpError(403, _("The preview has expired. Open it again from the admin.")) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError, Revision.DoesNotExist):
        raise HttpError(403, _("Invalid preview.")) from None
    return revision


def frontend_preview_url(page, token: str) -> str:
    """Where the frontend shows a draft: the public site or, for staff items, the intranet."""
    surface = PUBLIC if page.specific.is_external else INTRANET
    path = conf.get("ENKANAL_API_PREVIEW_PATH")
    return surface.absolute_url(f"{path}?{urlencode({'token': token})}")


def start_preview(request, page_id: int):
    """Admin view: sign the latest revision and send the editor to the frontend."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, ArticlePage):
        raise Http404
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.latest_revision or page.save_revision(user=request.user)
    return redirect(frontend_preview_url(page, make_token(revision)))


class FrontendPreviewMenuItem(ActionMenuItem):
    """The page editor's link to the frontend preview of the latest saved draft."""

    name = "action-frontend-preview"
    label = gettext_lazy("Preview in the frontend")
    icon_name = "view"

    def is_shown(self, context):
        return context["view"] == "edit" and isinstance(context["page"].specific, ArticlePage)

    def get_url(self, parent_context):
        from django.urls import reverse

        return reverse("api_preview_start", args=[parent_context["page"].pk])


def build_router(surface: Surface) -> Router:
    """The preview endpoint of ``surface``; the token is the credential."""
    router = Router(tags=[pgettext("noun", "Preview")])

    @router.get(
        "/preview",
        response=responses(surface, ItemDetail, 403),
        summary=_("Preview a draft"),
        operation_id=f"{surface.name}_preview",
        auth=None,
    )
    def preview(
        request,
        response: HttpResponse,
        token: str = Query(..., min_length=1, max_length=MAX_TOKEN_LENGTH),
    ):
        """The draft a preview token is bound to; never cached, never indexed."""
        no_store(response)
        revision = revision_for_token(token)
        page = revision.as_object()
        # A draft's images are not public yet: they are signed for the editor.
        data = Renderer(surface, request, reader=revision.user).detail(page)
        # A draft has no release plan yet.
        data["released_at"] = data["released_at"] or timezone.localtime()
        return data

    return router
