"""Error pages: 400, 403, 404, 410, 500 and 503 in the page's language, no stack traces."""

from __future__ import annotations

from .base import language_of, render_page, section_alternates

TITLES = {
    400: ("error_title", "error_text"),
    403: ("error_title", "error_text"),
    404: ("not_found_title", "not_found_text"),
    410: ("gone_title", "gone_text"),
    500: ("error_title", "error_text"),
    503: ("unavailable_title", "unavailable_text"),
}


def error_page(request, status: int, message: str = ""):
    """The error page for ``status``; never touches the API (it may be what failed)."""
    from ..text import words

    language = language_of(request)
    t = words(language)
    title_key, text_key = TITLES.get(status, TITLES[500])
    response = render_page(
        request,
        "frontend/errors/error.html",
        {"status": status, "message": message or t[text_key]},
        language=language,
        title=t[title_key],
        alternates=section_alternates(None),
        status=status,
    )
    response["Cache-Control"] = "no-store" if status >= 500 else "public, max-age=30"
    return response


def not_found(request, exception=None):
    """``handler404``."""
    return error_page(request, 404)


def server_error(request):
    """``handler500``: a plain apology, whatever went wrong."""
    try:
        return error_page(request, 500)
    except Exception:  # the templates themselves may be what broke
        from django.http import HttpResponseServerError

        return HttpResponseServerError(
            "<!doctype html><html lang=sv><title>Fel</title><h1>Något gick fel</h1>",
            content_type="text/html; charset=utf-8",
        )
