"""Where a page lives on the frontends: its path there, from its tree path and language.

The delivery API (links, sitemaps, feeds, webhooks, lookups by path) and search (the
paths of hits and suggestions) both give readers these paths, so they are the pages'
own, not either channel's.
"""

from __future__ import annotations

from django.conf import settings


def frontend_path(url_path: str, language_code: str) -> str:
    """The frontend path of a page: its tree path without the home page's slug.

    The default language has no prefix; others get ``/<language>`` (``/en/news/x/``).
    """
    rest = url_path.strip("/").partition("/")[2]
    path = f"/{rest}/" if rest else "/"
    if language_code != settings.LANGUAGE_CODE:
        path = f"/{language_code}{path}"
    return path


def split_frontend_path(path: str) -> tuple[str, str]:
    """``(language_code, path within the locale)`` of a frontend path."""
    segments = [s for s in path.split("/") if s]
    languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    if segments and segments[0] in languages and segments[0] != settings.LANGUAGE_CODE:
        return segments[0], "/".join(segments[1:])
    return settings.LANGUAGE_CODE, "/".join(segments)
