"""Template context every page shares: the site, its language's words and navigation."""

from django.conf import settings


def site(request):
    """``site_kind``, ``site_name`` and the CMS origin (for CSP-friendly image hosts)."""
    return {
        "site_kind": settings.SITE,
        "site_name": settings.SITE_NAME,
        "is_intranet": settings.SITE == "intranet",
    }
