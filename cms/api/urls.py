"""URLs of the delivery API, included at ``/api/`` by ``cms.urls``."""

from django.urls import path, re_path
from wagtail.images.views.serve import ServeView

from .apis import build_intranet_api, build_public_api

public_api = build_public_api()
intranet_api = build_intranet_api()

urlpatterns = [
    path("public/v1/", public_api.urls),
    path("intranet/v1/", intranet_api.urls),
    # Image renditions behind signed URLs: only the sizes the API hands out exist.
    re_path(
        r"^images/([^/]*)/(\d*)/([^/]*)/[^/]*$",
        ServeView.as_view(),
        name="wagtailimages_serve",
    ),
]
