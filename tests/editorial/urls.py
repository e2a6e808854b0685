"""A throwaway URL configuration mounting the editorial router on its own intranet API.

Authenticates ``Bearer user-<pk>`` like the dialogue tests' (tests/dialogue/urls.py).
"""

from django.urls import path
from ninja import NinjaAPI

from cms.api.errors import StrictParser, install
from cms.editorial.api import intranet_router
from tests.dialogue.urls import TestBearer

intranet_api = NinjaAPI(
    urls_namespace="test-editorial-intranet", auth=TestBearer(), parser=StrictParser()
)
intranet_api.add_router("/dialogue", intranet_router)
# The real APIs' error shape (cms/api/errors.py).
install(intranet_api)

urlpatterns = [path("api/intranet/", intranet_api.urls)]
