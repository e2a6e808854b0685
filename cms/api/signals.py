"""Side effects of publishing on the API: purging a CDN, queueing webhooks.

With ``WAGTAILFRONTENDCACHE`` configured (Wagtail's frontend-cache backends:
Cloudflare, CloudFront, Varnish, ...), publishing or unpublishing an item, and the
workflow's ``released_externally`` signal when an external release comes due, purge
the public API's listings, the item and the feeds. Should a purge be missed, the short
``max-age`` bounds how long a CDN serves the old answer; the origin's validators change
at the release itself (cms.api.caching).
"""

from django.conf import settings
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.core.importing import is_importing, was_released_by_import
from cms.workflows.signals import released_externally

PUBLIC_PATHS = (
    "/api/public/v1/items",
    "/api/public/v1/notice-board",
    "/api/public/v1/notice-board/archive",
    "/api/public/v1/press-room",
    "/api/public/v1/press-room/releases",
    "/api/public/v1/documents",
    "/api/public/v1/feeds/news.rss",
    "/api/public/v1/feeds/news.atom",
    "/api/public/v1/feeds/press-releases.rss",
    "/api/public/v1/feeds/press-releases.atom",
    "/api/public/v1/feeds/notices.rss",
    "/api/public/v1/feeds/notices.atom",
    "/api/public/v1/calendars/press-invitations.ics",
    "/api/public/v1/calendars/council-meetings.ics",
)


def urls_to_purge(page) -> list[str]:
    """The public API URLs that may show ``page``."""
    base = getattr(settings, "ENKANAL_API_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return [f"{base}{path}" for path in (*PUBLIC_PATHS, f"/api/public/v1/items/{page.pk}")]


@receiver(page_published)
@receiver(page_unpublished)
def purge_public_api(sender, instance, **kwargs):
    """Purge the CDN when an item goes live or is taken down."""
    from cms.pages.models import ArticlePage

    if is_importing() or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    if not isinstance(instance, ArticlePage):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls_to_purge(instance))


@receiver(page_published)
def webhook_internal_release(sender, instance, **kwargs):
    """Publication is the internal release: tell internal subscribers (staff first)."""
    from cms.pages.models import ArticlePage

    from .webhooks import INTERNAL_EVENT, queue_event

    if is_importing() or not isinstance(instance, ArticlePage):
        return
    if not was_released_by_import(instance):  # released on the old site long ago
        queue_event(instance, INTERNAL_EVENT)


def webhook_external_release(sender, instance, **kwargs):
    """At the external release, tell every subscriber – if the public may see it now."""
    from cms.pages.models import ArticlePage

    from .webhooks import EXTERNAL_EVENT, queue_event

    if is_importing():
        return
    if ArticlePage.objects.public().filter(pk=instance.pk).exists():
        queue_event(instance, EXTERNAL_EVENT)


released_externally.connect(webhook_external_release, dispatch_uid="api-webhook-external")
# A release that comes due is news for the CDN too.
released_externally.connect(purge_public_api, dispatch_uid="api-purge-external")
