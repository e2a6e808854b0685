"""The API's settings with their defaults (overridable as ``ENKANAL_API_*`` settings)."""

from django.conf import settings

DEFAULTS = {
    # Named image sizes offered in every image object (Wagtail filter specs).
    "ENKANAL_API_IMAGE_RENDITIONS": {
        "thumbnail": "fill-480x270",
        "medium": "max-960x960",
        "large": "max-1920x1920",
        "social": "fill-1200x630",
    },
    # Seconds a shared cache may keep a rendition of an image that public items use.
    "ENKANAL_API_IMAGE_PUBLIC_MAX_AGE": 7 * 24 * 3600,
    # Signing window of the reader's own image URLs: valid for one to two windows.
    "ENKANAL_API_IMAGE_SIGNED_MAX_AGE": 3600,
    # Seconds a shared cache (CDN, browser) may keep a public response.
    "ENKANAL_API_PUBLIC_MAX_AGE": 60,
    # URLs per sitemap file (the sitemap protocol's limit is 50,000).
    "ENKANAL_API_SITEMAP_PAGE_SIZE": 50_000,
    # Largest page size a listing accepts.
    "ENKANAL_API_MAX_PAGE_SIZE": 100,
    # Requests per minute and client (ninja throttling: "120/m").
    "ENKANAL_API_PUBLIC_RATE": "600/m",
    "ENKANAL_API_INTRANET_RATE": "600/m",
    # Seconds a draft preview token stays valid.
    "ENKANAL_API_PREVIEW_MAX_AGE": 30 * 60,
    # Where the frontends show a draft (``?token=`` is appended).
    "ENKANAL_API_PREVIEW_PATH": "/forhandsgranska/",
}


def get(name: str):
    """The setting ``name``, or its default."""
    return getattr(settings, name, DEFAULTS[name])
