"""Side effects of publishing on the API: new validators, purging a CDN, queueing webhooks.

Every change that can alter a public answer bumps the content generation
(``cms.api.generation``), so that no validator confirms the old content: publishing,
unpublishing (expiry included), an external release coming due, moving and deleting
pages, and everything Wagtail's audit log records – snippets, settings, images and
documents edited in the admin, imports, release plans. The log is the one place every
editorial change passes through; the page, snippet and settings signals cover the
changes made in code without a log entry.

With ``WAGTAILFRONTENDCACHE`` configured (Wagtail's frontend-cache backends:
Cloudflare, CloudFront, Varnish, ...), publishing or unpublishing an item, and the
workflow's ``released_externally`` signal when an external release comes due, purge
the public API's listings, the item and the feeds. Should a purge be missed, the short
``max-age`` bounds how long a CDN serves the old answer; the origin's validators change
at the release itself (cms.api.caching).
"""

import functools

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry, Page, PageLogEntry
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.core.importing import content_imported, is_importing, was_released_by_import
from cms.workflows.signals import released_externally

from . import generation

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


@receiver(post_save, sender=PageLogEntry)
@receiver(post_save, sender=ModelLogEntry)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
@receiver(released_externally)
@receiver(content_imported)
def bump_generation(sender, **kwargs):
    """Content changed: every validator of the public API changes (imports included)."""
    generation.bump()


@receiver(post_save)
@receiver(post_delete)
def bump_generation_for_vocabulary(sender, **kwargs):
    """A snippet or a setting saved or deleted in code (the admin logs its own edits)."""
    # Every save of every model passes here: the cheap test first.
    if generation.shared_cache() and sender in _snippets_and_settings():
        generation.bump()


@functools.cache
def _snippets_and_settings() -> frozenset:
    # Units, topics, contacts and the municipality's settings appear in public answers.
    from wagtail.contrib.settings.registry import registry
    from wagtail.snippets.models import get_snippet_models

    return frozenset([*get_snippet_models(), *registry])


#: Public answers made from site settings and snippets rather than items.
SITE_PATHS = (
    "/api/public/v1/site",
    "/api/public/v1/service-shortcuts",
    "/api/public/v1/important-messages",
)


def site_urls_to_purge() -> list[str]:
    """The public API URLs of the identity, shortcuts and banners, in every locale."""
    base = getattr(settings, "ENKANAL_API_BASE_URL", settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return [
        f"{base}{path}{query}"
        for path in SITE_PATHS
        for query in ["", *(f"?locale={code}" for code in languages)]
    ]


@receiver(post_save)
@receiver(post_delete)
def purge_site_answers(sender, **kwargs):
    """Purge the CDN when the identity, a shortcut or an important message changes."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or sender not in _site_models():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(site_urls_to_purge())


@functools.cache
def _site_models() -> frozenset:
    from cms.core.models import MunicipalitySettings
    from cms.snippets.models import ServiceShortcut
    from cms.workflows.models import ImportantMessage

    return frozenset([MunicipalitySettings, ServiceShortcut, ImportantMessage])


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
