"""URLs of the delivery API, included at ``/api/`` by ``cms.urls``."""

from django.urls import include, path, re_path
from wagtail.admin.auth import require_admin_access

from .apis import build_intranet_api, build_public_api
from .feeds import atom_feed, ical_feed, rss_feed
from .images import serve_image, serve_public_image, serve_signed_image
from .oidc_urls import login_view
from .preview import start_preview

public_api = build_public_api()
intranet_api = build_intranet_api()

urlpatterns = [
    path("public/v1/", public_api.urls),
    # Feeds are plain Django views beside the public API (same audience filter).
    path("public/v1/feeds/<slug:kind>.rss", rss_feed, name="api_feed_rss"),
    path("public/v1/feeds/<slug:kind>.atom", atom_feed, name="api_feed_atom"),
    path("public/v1/feeds/topics/<slug:topic>/<slug:kind>.rss", rss_feed, name="api_topic_rss"),
    path("public/v1/feeds/topics/<slug:topic>/<slug:kind>.atom", atom_feed, name="api_topic_atom"),
    path("public/v1/calendars/<slug:kind>.ics", ical_feed, name="api_calendar"),
    path("intranet/v1/", intranet_api.urls),
    # The embedded OIDC provider (django-oauth-toolkit) the intranet logs in with.
    path("oidc/", include("cms.api.oidc_urls", namespace="oauth2_provider")),
    path("login/", login_view, name="api_login"),
    # The editor's way into the frontend preview (signed in to the admin).
    path(
        "preview/<int:page_id>/",
        require_admin_access(start_preview),
        name="api_preview_start",
    ),
    # Renditions of images that staff-only (or unreleased) items use: for one reader,
    # for a while, without the file name.
    path("images/signed/<str:token>/", serve_signed_image, name="api_signed_image"),
    # An image's own address (old addresses of imported images lead here): a redirect
    # to a rendition the reader may see.
    path("images/<int:image_id>/", serve_image, name="api_image"),
    # Image renditions behind signed URLs: only the sizes the API hands out exist, and
    # only of images that public items use.
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        serve_public_image,
        name="wagtailimages_serve",
    ),
]
