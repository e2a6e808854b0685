"""A throwaway URL configuration: the e-mail router on its own API, plus the mail URLs."""

from django.urls import include, path
from ninja import NinjaAPI
from wagtail.admin import urls as wagtailadmin_urls

from cms.api.errors import StrictParser, install
from cms.mail.api import public_router

public_api = NinjaAPI(urls_namespace="test-mail-public", parser=StrictParser())
public_api.add_router("/mail", public_router)
install(public_api)  # the real APIs' error shape (cms/api/errors.py)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/public/", public_api.urls),
    path("e-post/", include("cms.mail.urls")),
]
