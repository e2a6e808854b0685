"""The page's language; API failures as pages (404, 410, 503); the pages' and security headers.

The frontend is thin: a missing item is the API's 404, a withdrawn one its 410, and
an API that cannot be reached is a friendly 503 with ``Retry-After`` – never a stack
trace.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control

from .api import (
    ApiBadRequest,
    ApiError,
    ApiForbidden,
    ApiGone,
    ApiNotFound,
    ApiUnauthorized,
    ApiUnavailable,
)
from .context_processors import language_of

logger = logging.getLogger("frontend")

#: Seconds a browser or CDN may keep a public page (the API's own max-age is 60).
PUBLIC_PAGE_MAX_AGE = 30


class LanguageMiddleware:
    """Translates into the language of the request's path: ``/en/…`` English, else Swedish.

    Like Django's ``LocaleMiddleware`` with ``i18n_patterns``, but without a redirect
    and without Accept-Language: Swedish has no prefix, and the path alone decides.
    ``render_page`` overrides it for an item in another locale than its path says.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with translation.override(language_of(request)):
            return self.get_response(request)


class ApiErrorMiddleware:
    """Turns ``ApiError`` raised by a view into the matching error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from .views.errors import error_page

        if not isinstance(exception, ApiError):
            return None
        if isinstance(exception, ApiNotFound):
            return error_page(request, 404)
        if isinstance(exception, ApiGone):
            return error_page(request, 410)
        if isinstance(exception, ApiUnauthorized) and settings.SITE == "intranet":
            # The login expired or was revoked: log in again and come back here.
            request.session.pop("access_token", None)
            return redirect(f"/logga-in/?next={request.get_full_path()}")
        if isinstance(exception, ApiBadRequest):
            # A hand-edited cursor or filter: the reader's request, not our failure.
            return error_page(request, 400)
        if isinstance(exception, ApiForbidden):
            return error_page(request, 403)
        if isinstance(exception, ApiUnavailable):
            logger.warning("API unavailable: %s", exception)
            response = error_page(request, 503)
            response["Retry-After"] = "60"
            return response
        logger.error("Unexpected API answer: %s", exception)
        return error_page(request, 500)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: only this site and the CMS (for images)."""

    def __init__(self, get_response):
        self.get_response = get_response
        images = " ".join(sorted({"'self'", "data:", settings.CMS_URL}))
        forms = "'self'"
        if settings.SITE == "intranet":
            # The login button's redirect goes on to the identity provider.
            from urllib.parse import urlsplit

            issuer = urlsplit(settings.OIDC_ISSUER)
            forms = f"'self' {issuer.scheme}://{issuer.netloc}"
        self.policy = (
            "default-src 'self'; "
            f"img-src {images}; "
            "script-src 'self'; style-src 'self'; font-src 'self'; "
            f"connect-src 'self'; form-action {forms}; "
            "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        response.setdefault("Permissions-Policy", "interest-cohort=(), geolocation=(), camera=()")
        return response


class PageHeadersMiddleware:
    """Cache, robots and language headers of the pages ``render_page`` renders.

    A draft or a signed link (``noindex``) is never stored or indexed; the intranet's
    pages are private; a public page may be kept briefly by browsers and the CDN. A
    header the view set itself wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        meta = getattr(request, "frontend_page", None)
        if meta is None:
            return response
        if "Cache-Control" not in response:
            if meta.noindex:
                patch_cache_control(response, no_store=True, private=True)
            elif settings.SITE == "intranet":
                patch_cache_control(response, private=True, no_cache=True)
            elif response.status_code == 200 and request.method == "GET":
                patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_MAX_AGE)
        if meta.noindex:
            response.setdefault("X-Robots-Tag", "noindex, nofollow")
        response.setdefault("Content-Language", meta.language)
        return response
