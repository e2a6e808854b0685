"""The pages every Swedish municipal site has: about the website, personal data, cookies.

Their contact details come from the CMS's site settings (``/site``), so a second
municipality changes them there.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import language_of, render_page, section_alternates

PAGES = {
    "about_site": ("frontend/public/about_site.html", _("About the website")),
    "privacy": ("frontend/public/privacy.html", _("Processing of personal data")),
    "cookies": ("frontend/public/cookies.html", _("Cookies")),
}


def info_page(request, page: str):
    """One of ``PAGES`` in the language of its path."""
    template, title = PAGES[page]
    language = language_of(request)
    return render_page(
        request,
        template,
        {"page_key": page},
        language=language,
        title=str(title),
        alternates=section_alternates(page),
    )
