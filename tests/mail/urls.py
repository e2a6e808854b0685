"""A throwaway URL configuration: the e-mail router on its own API, plus the mail URLs."""

from django.urls import include, path
from ninja import NinjaAPI
from wagtail.admin import urls as wagtailadmin_urls

from cms.mail.api import public_router

public_api = NinjaAPI(urls_namespace="test-mail-public")
public_api.add_router("/mail", public_router)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/public/", public_api.urls),
    path("e-post/", include("cms.mail.urls")),
]
