"""Template context every page shares: the site, its language, navigation, links.

``render_page`` notes what only the view knows – the page's language, its versions in
other languages, whether it may be indexed – as ``request.frontend_page``; ``page``
builds the rest from the request, and ``PageHeadersMiddleware`` the headers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from .sections import DEFAULT_LANGUAGE, IN_LANGUAGE, LANGUAGES, home_path, section_path


@dataclass(frozen=True)
class PageMeta:
    """What a view tells the shared context and the headers about its page."""

    language: str
    alternates: dict[str, str] = field(default_factory=dict)
    noindex: bool = False


def language_of(request) -> str:
    """The page's language from its path: ``/en/...`` is English, everything else Swedish."""
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def page_meta(request) -> PageMeta:
    """The view's ``PageMeta``, or one from the path for templates rendered otherwise."""
    return getattr(request, "frontend_page", None) or PageMeta(language_of(request))


def site(request):
    """``site_kind``, ``site_name`` and whether this is the intranet."""
    return {
        "site_kind": settings.SITE,
        "site_name": settings.SITE_NAME,
        "is_intranet": settings.SITE == "intranet",
    }


def page(request):
    """The page's language, menu, language switch, canonical and section links."""
    meta = page_meta(request)
    language = meta.language
    intranet = settings.SITE == "intranet"
    public_site = getattr(settings, "PUBLIC_SITE_URL", settings.SITE_URL)
    return {
        "lang": language,
        "nav": navigation(language),
        "current_path": request.path,
        "site_url": settings.SITE_URL,
        "canonical": f"{settings.SITE_URL}{request.path}",
        "hreflang": hreflang(meta.alternates),
        "language_switch": [] if intranet else language_switch(language, meta.alternates),
        "home": home_path(language),
        "search_path": "/sok/" if intranet else section_path(language, "search"),
        "accessibility_path": section_path(language, "accessibility"),
        "feedback_path": section_path(language, "feedback"),
        "subscribe_path": section_path(language, "subscribe"),
        "user_name": request.session.get("user_name", "") if intranet else "",
        "about_site_path": section_path(language, "about_site"),
        # The intranet's forms collect personal data too; the one notice is public.
        "privacy_path": (public_site if intranet else "") + section_path(language, "privacy"),
        "cookies_path": section_path(language, "cookies"),
    }


def chrome(request):
    """The municipality's identity and the current important messages, read lazily.

    Only templates that show them (the pages' header, banner and footer) ask the API;
    feeds and sitemaps rendered with a request never do. A view may pass its own
    ``banners`` (the screens read them with their device token).
    """
    from django.utils.functional import SimpleLazyObject

    from .views import content
    from .views.base import reader_token

    language = page_meta(request).language
    token = reader_token(request)
    return {
        "identity": SimpleLazyObject(lambda: content.identity(language, token) or {}),
        "banners": SimpleLazyObject(lambda: content.banners(language, token)),
    }


def breadcrumbs(path: str, language: str, title: str) -> list[dict]:
    """Home › section › this page; none on the home page itself.

    The section is the menu entry whose path begins this page's path; the last crumb
    is the page itself (its title, no link).
    """
    home = home_path(language) if settings.SITE != "intranet" else "/"
    if path == home or not title:
        return []
    with translation.override(language):
        crumbs = [{"label": _("Home"), "path": home}]
    for link in navigation(language)[1:]:
        if path.startswith(link["path"]) and path != link["path"]:
            crumbs.append(link)
            break
    crumbs.append({"label": title, "path": ""})
    return crumbs


def navigation(language: str) -> list[dict]:
    """The main menu of this site in ``language``."""
    with translation.override(language):
        if settings.SITE == "intranet":
            return [
                {"label": _("Home"), "path": "/"},
                {"label": _("INblick"), "path": "/inblick/"},
                {"label": _("News"), "path": "/nyheter/"},
                {"label": _("Notice board"), "path": "/anslagstavla/"},
                {"label": _("Send a tip"), "path": "/tipsa/"},
                {"label": _("Search"), "path": "/sok/"},
            ]
        return [
            {"label": _("Home"), "path": home_path(language)},
            {"label": _("News"), "path": section_path(language, "news")},
            {"label": _("Notice board"), "path": section_path(language, "notices")},
            {"label": _("Press room"), "path": section_path(language, "press")},
            {"label": _("Search"), "path": section_path(language, "search")},
        ]


def language_switch(language: str, alternates: dict[str, str]) -> list[dict]:
    """Links to this page (or the home page) in the other languages, each in its own."""
    return [
        {
            "code": code,
            "name": name,
            "path": alternates.get(code) or home_path(code),
            "label": IN_LANGUAGE[code],
        }
        for code, name in LANGUAGES.items()
        if code != language
    ]


def hreflang(alternates: dict[str, str]) -> list[dict]:
    """``<link rel=alternate hreflang>`` entries; Swedish is the default for other languages."""
    if len(alternates) < 2:
        return []
    links = [
        {"code": code, "href": f"{settings.SITE_URL}{path}"}
        for code, path in sorted(alternates.items())
    ]
    if DEFAULT_LANGUAGE in alternates:
        links.append(
            {"code": "x-default", "href": f"{settings.SITE_URL}{alternates[DEFAULT_LANGUAGE]}"}
        )
    return links
