"""A throwaway URL configuration mounting the dialogue routers on their own APIs.

The intranet API here authenticates ``Bearer user-<pk>`` so that tests can act as a
member of staff without the real OIDC/service-token machinery.
"""

from django.contrib.auth import get_user_model
from django.urls import include, path
from ninja import NinjaAPI
from ninja.security import HttpBearer
from wagtail.admin import urls as wagtailadmin_urls

from cms.api.errors import StrictParser, install
from cms.dialogue.api import intranet_router, public_router


class TestBearer(HttpBearer):
    def authenticate(self, request, token):
        if token.startswith("user-"):
            return get_user_model().objects.filter(pk=token.removeprefix("user-")).first()
        return None


public_api = NinjaAPI(urls_namespace="test-dialogue-public", parser=StrictParser())
public_api.add_router("/dialogue", public_router)
intranet_api = NinjaAPI(
    urls_namespace="test-dialogue-intranet", auth=TestBearer(), parser=StrictParser()
)
intranet_api.add_router("/dialogue", intranet_router)
# The real APIs' error shape (cms/api/errors.py).
install(public_api)
install(intranet_api)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/public/", public_api.urls),
    path("api/intranet/", intranet_api.urls),
]
