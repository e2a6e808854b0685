"""The two NinjaAPI instances: ``/api/public/v1/`` and ``/api/intranet/v1/``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from ninja import NinjaAPI

from cms.core.throttling import ApiAnonRateThrottle, ApiAuthRateThrottle

from . import conf, errors, preview
from .caching import private_cache, public_cache
from .endpoints import board, editions, items, messages, prints, readers, site, sitemap
from .surfaces import INTRANET, PUBLIC, Surface

PUBLIC_DESCRIPTION = gettext_lazy(
    "The public delivery API: everything published externally for residents and the world. No "
    "logins; answers may be cached."
)
INTRANET_DESCRIPTION = gettext_lazy(
    "The intranet's delivery API: everything staff may see, from the internal publication. "
    "Requires a Bearer token (OIDC or service token)."
)


class EnkanalAPI(NinjaAPI):
    """A NinjaAPI whose schema documents the one error shape on every operation."""

    def get_openapi_schema(self, *args, **kwargs):
        """The OpenAPI schema, with every error status of every operation."""
        return errors.document_errors(super().get_openapi_schema(*args, **kwargs))


def cache_for(cache, max_age: int):
    """``cache`` (``public_cache`` or ``private_cache``) with its own ``max_age``."""

    def decorator(run):
        return cache(run, max_age=max_age)

    return decorator


def build_api(surface: Surface, *, description, auth=None, cache=None) -> NinjaAPI:
    """A NinjaAPI serving ``surface``, with the routers every surface shares."""
    rate = f"ENKANAL_API_{surface.name.upper()}_RATE"
    api = EnkanalAPI(
        title=f"Enkanal {surface.name} API",
        version="1",
        description=str(description),
        urls_namespace=f"api-{surface.name}-v1",
        openapi_url="/openapi.json",
        docs_url="/docs",
        auth=auth,
        parser=errors.StrictParser(),
        # Per client and minute; a CDN in front absorbs most public traffic anyway.
        throttle=[ApiAnonRateThrottle(conf.get(rate)), ApiAuthRateThrottle(conf.get(rate))],
    )
    errors.install(api)

    # The intranet has no sitemap (nothing of it is for search engines); the public
    # surface has no reader of its own to confirm or to target; INblick's editions are
    # for staff only.
    if surface.is_public:
        modules = (items, prints, board, site, messages, sitemap)
    else:
        modules = (items, prints, board, site, messages, readers, editions)
    for module in modules:
        router = module.build_router(surface)
        if cache is not None:
            # Per router, not per API: the dialogue's form tokens must never be cached.
            max_age = getattr(module, "MAX_AGE", None)
            router.add_decorator(
                cache if max_age is None else cache_for(cache, max_age), mode="view"
            )
        api.add_router("", router)
    # Previews: the token is the credential, and a draft is never cached.
    api.add_router("", preview.build_router(surface))
    # Feedback and news tips (cms.dialogue) live on the same two APIs.
    from cms.dialogue.api import intranet_router, public_router

    api.add_router("/dialogue", public_router if surface.is_public else intranet_router)
    if not surface.is_public:  # the LIX of an article (cms.editorial), at its first address
        from cms.editorial.api import intranet_router as editorial_router

        api.add_router("/dialogue", editorial_router)
    if surface.is_public:  # subscriptions of the e-mail channel (cms.mail)
        from cms.mail.api import public_router as mail_router

        api.add_router("/mail", mail_router)
    # Search (search app): the same audience filter, at /search.
    from search.api import router as search_router

    api.add_router("/search", search_router(public=surface.is_public))
    return api


def build_public_api() -> NinjaAPI:
    return build_api(PUBLIC, description=PUBLIC_DESCRIPTION, cache=public_cache)


def build_intranet_api() -> NinjaAPI:
    from .auth import intranet_auth

    return build_api(
        INTRANET, description=INTRANET_DESCRIPTION, auth=intranet_auth(), cache=private_cache
    )
