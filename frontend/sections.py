"""The sites' languages and the paths of their sections (data, not words to translate).

The words around the API's content are translated with gettext (``frontend/locale``);
what stays here are the URL slugs of each language, which the CMS's index pages use
too, and each language's own name for a link to it.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "sv"
LANGUAGES = {"sv": "Svenska", "en": "English"}
#: The language switch's label for each language, in that language itself.
IN_LANGUAGE = {"sv": "På svenska", "en": "In English"}

#: Section slugs of the public site per language (the CMS's index pages use the same).
SECTIONS = {
    "sv": {
        "news": "nyheter",
        "notices": "anslagstavla",
        "press": "pressrum",
        "search": "sok",
        "accessibility": "tillganglighet",
        "feedback": "synpunkter",
        "subscribe": "prenumerera",
        "archive": "arkiv",
        "about_site": "om-webbplatsen",
        "privacy": "behandling-av-personuppgifter",
        "cookies": "kakor",
    },
    "en": {
        "news": "news",
        "notices": "notice-board",
        "press": "press-room",
        "search": "search",
        "accessibility": "accessibility",
        "feedback": "feedback",
        "subscribe": "subscribe",
        "archive": "archive",
        "about_site": "about-this-website",
        "privacy": "personal-data",
        "cookies": "cookies",
    },
}


def section_path(language: str, section: str, *rest: str) -> str:
    """The public path of a section, e.g. ``/en/notice-board/archive/``."""
    prefix = "" if language == DEFAULT_LANGUAGE else f"/{language}"
    parts = [SECTIONS[language][section], *rest]
    return f"{prefix}/{'/'.join(parts)}/"


def home_path(language: str) -> str:
    """The home page of ``language``: ``/`` or ``/en/``."""
    return "/" if language == DEFAULT_LANGUAGE else f"/{language}/"
