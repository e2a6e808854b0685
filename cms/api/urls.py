"""URLs of the delivery API, included at ``/api/`` by ``cms.urls``."""

from django.urls import include, path, re_path
from wagtail.images.views.serve import ServeView

from .apis import build_intranet_api, build_public_api
from .oidc_urls import login_view

public_api = build_public_api()
intranet_api = build_intranet_api()

urlpatterns = [
    path("public/v1/", public_api.urls),
    path("intranet/v1/", intranet_api.urls),
    # The embedded OIDC provider (django-oauth-toolkit) the intranet logs in with.
    path("oidc/", include("cms.api.oidc_urls", namespace="oauth2_provider")),
    path("login/", login_view, name="api_login"),
    # Image renditions behind signed URLs: only the sizes the API hands out exist.
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
]
