"""The municipality's colours as CSS custom properties, from the CMS's site settings.

A second municipality changes its colours in the CMS, not in the stylesheet: ``site.css``
uses the custom properties, and this small stylesheet (``/tema.css``) sets them. The
CMS refuses colour pairs below WCAG AA contrast when they are saved.
"""

from __future__ import annotations

import re

from django.http import HttpResponse

from . import content
from .base import reader_token

#: Only ``#rrggbb`` reaches the stylesheet, whatever the API sends.
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
#: Token → the custom properties site.css reads.
PROPERTIES = {
    "primary": ("--brand", "--link"),
    "on_primary": ("--on-brand",),
    "accent": ("--focus",),
    "on_accent": ("--on-focus",),
    "text": ("--ink",),
    "background": ("--bg",),
}
MAX_AGE = 300


def theme_css(colours: dict) -> str:
    """``:root { --brand: …; … }`` of the tokens that are ``#rrggbb``; others are left out."""
    declarations = [
        f"{prop}: {value};"
        for token, props in PROPERTIES.items()
        if HEX.match(value := str(colours.get(token, "")))
        for prop in props
    ]
    return f":root {{ {' '.join(declarations)} }}\n" if declarations else ""


def theme(request):
    """The colours of ``/site`` as CSS; empty (site.css's defaults) without them."""
    colours = (content.identity("sv", reader_token(request)) or {}).get("colours") or {}
    css = theme_css(colours)
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
