"""What every page shares: its language, words, navigation, alternates and cache headers."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from .. import api
from ..text import DEFAULT_LANGUAGE, LANGUAGES, home_path, section_path, words

#: Seconds a browser or CDN may keep a public page (the API's own max-age is 60).
PUBLIC_PAGE_MAX_AGE = 30


def language_of(request) -> str:
    """The page's language from its path: ``/en/...`` is English, everything else Swedish."""
    first = request.path.strip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def client() -> api.ApiClient:
    return api.client()


def reader_token(request) -> str | None:
    """The intranet reader's access token (``None`` on the public site)."""
    if settings.SITE != "intranet":
        return None
    return request.session.get("access_token")


def navigation(language: str) -> list[dict]:
    """The main menu of this site in ``language``."""
    t = words(language)
    if settings.SITE == "intranet":
        return [
            {"label": t["home"], "path": "/"},
            {"label": t["bulletins"], "path": "/inblick/"},
            {"label": t["internal_news"], "path": "/nyheter/"},
            {"label": t["notices"], "path": "/anslagstavla/"},
            {"label": t["tip"], "path": "/tipsa/"},
            {"label": t["search"], "path": "/sok/"},
        ]
    return [
        {"label": t["home"], "path": home_path(language)},
        {"label": t["news"], "path": section_path(language, "news")},
        {"label": t["notices"], "path": section_path(language, "notices")},
        {"label": t["press"], "path": section_path(language, "press")},
        {"label": t["search"], "path": section_path(language, "search")},
    ]


def section_alternates(section: str | None, *rest: str) -> dict[str, str]:
    """The same section in every language: ``{"sv": "/nyheter/", "en": "/en/news/"}``."""
    if section is None:
        return {code: home_path(code) for code in LANGUAGES}
    return {code: section_path(code, section, *rest) for code in LANGUAGES}


def item_alternates(item: dict) -> dict[str, str]:
    """The item's own path and its translations' paths, by language."""
    alternates = {item["locale"]: item["path"]}
    for translation in item.get("translations") or []:
        alternates.setdefault(translation["locale"], translation["path"])
    return alternates


def _hreflang(alternates: dict[str, str]) -> list[dict]:
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


def render_page(
    request,
    template: str,
    context: dict | None = None,
    *,
    language: str | None = None,
    title: str = "",
    alternates: dict[str, str] | None = None,
    status: int = 200,
    noindex: bool = False,
    description: str = "",
):
    """Render a page with the shared context and the right cache headers."""
    language = language or language_of(request)
    t = words(language)
    alternates = alternates or {}
    switch = [
        {
            "code": code,
            "name": name,
            "path": alternates.get(code) or home_path(code),
            "label": t["in_english"] if code == "en" else t["in_swedish"],
        }
        for code, name in LANGUAGES.items()
        if code != language
    ]
    shared = {
        "lang": language,
        "t": t,
        "nav": navigation(language),
        "current_path": request.path,
        "title": title,
        "description": description,
        "noindex": noindex,
        "site_url": settings.SITE_URL,
        "canonical": f"{settings.SITE_URL}{request.path}",
        "hreflang": _hreflang(alternates),
        "language_switch": [] if settings.SITE == "intranet" else switch,
        "home": home_path(language),
        "search_path": "/sok/" if settings.SITE == "intranet" else section_path(language, "search"),
        "accessibility_path": section_path(language, "accessibility"),
        "feedback_path": section_path(language, "feedback"),
        "subscribe_path": section_path(language, "subscribe"),
        "user_name": request.session.get("user_name", "") if settings.SITE == "intranet" else "",
    }
    shared.update(context or {})
    response = render(request, template, shared, status=status)
    if noindex:
        patch_cache_control(response, no_store=True, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
    elif settings.SITE == "intranet":
        patch_cache_control(response, private=True, no_cache=True)
    elif status == 200 and request.method == "GET":
        patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_MAX_AGE)
    response["Content-Language"] = language
    return response
