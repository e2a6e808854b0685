"""Items: the listing, and the detail by id and by frontend path."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Path, Query, Router
from wagtail.contrib.redirects.models import Redirect

from cms.core.addresses import web_address
from cms.pages.models import HomePage
from cms.pages.paths import split_frontend_path

from ..listing import MAX_ID, ListingParams, filter_items, paginate, with_listing_relations
from ..rendering import Renderer
from ..schemas.common import responses
from ..schemas.items import ItemDetail, ItemList, ItemOrRedirect
from ..surfaces import Surface


def item_list(request, surface: Surface, params: ListingParams, *, queryset=None, types=None):
    """One page of a listing as ``ItemList`` data."""
    queryset = surface.items(request) if queryset is None else queryset
    queryset = with_listing_relations(filter_items(queryset, surface, params, types=types))
    rows, next_cursor, count = paginate(queryset, surface, params)
    renderer = Renderer(surface, request)
    return {
        "items": [renderer.summary(row) for row in rows],
        "next_cursor": next_cursor,
        "count": count,
    }


def get_visible_item(request, surface: Surface, **lookup):
    """The specific item matching ``lookup`` that the reader may see, or a 404."""
    page = (
        surface.items(request)
        .filter(**lookup)
        .select_related("owner_unit", "main_image", "locale")
        .prefetch_related("audiences", "topics")
        .first()
    )
    if page is None:
        raise Http404(_("The item does not exist or is not published here."))
    specific = page.specific
    # Keep the prefetched relations of the generic row on the specific one.
    specific._prefetched_objects_cache = getattr(page, "_prefetched_objects_cache", {})
    specific.owner_unit = page.owner_unit
    specific.main_image = page.main_image
    specific.locale = page.locale
    return specific


def redirect_for(path: str) -> Redirect | None:
    """The redirect from the old path ``path`` to a page or a link, or None.

    A redirect to a page answers with the item behind it, looked up with the surface's
    own filter, so a redirect to a hidden item answers exactly like the item (404).
    The headless site has no Wagtail site of its own: site-wide redirects come first.
    """
    old_path = Redirect.normalise_path(path)
    return (
        Redirect.objects.filter(old_path=old_path)
        .filter(Q(redirect_page__isnull=False) | ~Q(redirect_link=""))
        .filter(Q(site__isnull=True) | Q(site__is_default_site=True))
        .order_by("site_id")
        .only("redirect_page_id", "redirect_link", "is_permanent", "old_path")
        .first()
    )


def build_router(surface: Surface) -> Router:
    """The items router of ``surface``."""
    router = Router(tags=[_("Content")])

    @router.get(
        "/items",
        response=responses(surface, ItemList, 400),
        summary=_("List items"),
        operation_id=f"{surface.name}_list_items",
    )
    def list_items(request, params: Query[ListingParams]):
        """Items newest first, with filters; page on with ``next_cursor``."""
        return item_list(request, surface, params)

    @router.get(
        "/items/by-path",
        response=responses(surface, ItemOrRedirect, 404),
        summary=_("Get an item by path"),
        operation_id=f"{surface.name}_get_item_by_path",
    )
    def get_item_by_path(request, path: str = Query(..., min_length=1, max_length=500)):
        """The item at a frontend path such as ``/nyheter/ny-skola/`` or ``/en/news/x/``.

        An old path (e.g. from a site moved in by the import) answers with the item it
        redirects to and ``redirected_from`` set, so the frontend can answer 301. An old
        path that leads to another web site (an imported Plone link), or to a document or
        image the reader may see (an imported Plone file or image), answers with
        ``type`` ``redirect``, its ``location`` and ``redirected_from``.
        """
        language, rest = split_frontend_path(path)
        home = (
            HomePage.objects.filter(locale__language_code=language)
            .values_list("url_path", flat=True)
            .first()
        )
        renderer = Renderer(surface, request)
        if home is not None and rest:
            try:
                return renderer.detail(
                    get_visible_item(request, surface, url_path=f"{home}{rest}/")
                )
            except Http404:
                pass
        redirect = redirect_for(path)
        if redirect is None:
            raise Http404(_("The item does not exist or is not published here."))
        redirected_from = {"path": redirect.old_path, "permanent": redirect.is_permanent}
        if redirect.redirect_page_id is None:
            # Another web site, or an (imported) document or image on the CMS.
            location = web_address(redirect.redirect_link) or renderer.file_location(
                redirect.redirect_link
            )
            if location is None:
                raise Http404(_("The item does not exist or is not published here."))
            return {"type": "redirect", "location": location, "redirected_from": redirected_from}
        data = renderer.detail(get_visible_item(request, surface, pk=redirect.redirect_page_id))
        data["redirected_from"] = redirected_from
        return data

    @router.get(
        "/items/{item_id}",
        response=responses(surface, ItemDetail, 404),
        summary=_("Get an item"),
        operation_id=f"{surface.name}_get_item",
    )
    def get_item(request, item_id: int = Path(..., ge=1, le=MAX_ID)):
        """One item with its body, type-specific fields and translations."""
        return Renderer(surface, request).detail(get_visible_item(request, surface, pk=item_id))

    return router
