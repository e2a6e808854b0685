"""Error pages: 400, 403, 404, 410, 500 and 503 in the page's language, no stack traces."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .base import language_of, render_page, section_alternates

_ERROR = (
    _("Something went wrong"),
    _("An unexpected error occurred. Please try again later."),
)
#: The title and text of each error page.
TITLES = {
    400: _ERROR,
    403: _ERROR,
    404: (
        _("Page not found"),
        _(
            "We cannot find the page you are looking for. It may have moved or been "
            "removed. Go to the home page or search the website."
        ),
    ),
    410: (_("Page removed"), _("The content at this address has been removed for good.")),
    500: _ERROR,
    503: (
        _("The website is temporarily unavailable"),
        _(
            "We cannot show this page right now because of a technical fault. Please try "
            "again in a little while."
        ),
    ),
}


def error_page(request, status: int, message: str = ""):
    """The error page for ``status``; never touches the API (it may be what failed)."""
    language = language_of(request)
    title, text = TITLES.get(status, TITLES[500])
    response = render_page(
        request,
        "frontend/errors/error.html",
        {"status": status, "message": message or text},
        language=language,
        title=title,
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
