"""The CMS's URLs for the full-stack tests, with the e-mail channel's public router mounted.

``cms.mail.api.public_router`` is documented as mounted at ``/mail`` on the public API;
until ``cms.api`` does so, the stack mounts it there itself (the CMS's own routes win
wherever they exist, since they come first).
"""

from django.urls import path
from ninja import NinjaAPI

from cms.mail.api import public_router
from cms.urls import urlpatterns as cms_urlpatterns

mail_api = NinjaAPI(urls_namespace="stack-mail-public", docs_url=None, openapi_url=None)
mail_api.add_router("/mail", public_router)

urlpatterns = [*cms_urlpatterns, path("api/public/v1/", mail_api.urls)]
