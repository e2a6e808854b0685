"""Screen mode: a notice board in a workplace, authenticated by a revocable device token.

A screen is set up once with ``/skarm/?token=enk_…`` (a service token made in the CMS
admin); the token moves into a signed, HTTP-only cookie and out of the address bar.
The page shows current bulletins, news and notices in large type, rotating through
them with a little script and reloading itself for fresh content. Revoking the token
in the admin stops the screen at its next reload.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from .. import api
from . import content
from .base import render_page

COOKIE = "enkanal_screen"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
#: Seconds each item stays on screen, and between reloads of the whole page.
ROTATE_SECONDS = 12
RELOAD_SECONDS = 300
TOKEN_MAX_LENGTH = 100
#: Seconds between the screen's looks for a new important message (shown within a minute).
BANNER_POLL_SECONDS = 20


def screen(request):
    """The rotating board; ``?token=`` stores a device token first."""
    fresh = request.GET.get("token", "").strip()
    if fresh:
        response = redirect("/skarm/")
        response.set_signed_cookie(
            COOKIE,
            fresh[:TOKEN_MAX_LENGTH],
            salt="screen",
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
        )
        return response
    token = request.get_signed_cookie(COOKIE, default=None, salt="screen")
    if not token:
        return _refused(request)
    if request.GET.get("banners") == "1":
        return _banners_fragment(request, token)
    try:
        bulletins = content.latest("staff_bulletin", None, 5, token)["items"]
        news = content.latest("news", "sv", 5, token)["items"]
        notices = content.notice_board("sv", token)["notices"]
    except (api.ApiUnauthorized, api.ApiForbidden):
        response = _refused(request)
        response.delete_cookie(COOKIE)
        return response
    slides = [*bulletins, *notices[:5], *news]
    response = render_page(
        request,
        "frontend/intranet/screen.html",
        {
            "slides": slides,
            "rotate_seconds": ROTATE_SECONDS,
            "reload_seconds": RELOAD_SECONDS,
            "banners": content.banners("sv", token),
            "banner_poll": f"/skarm/?banners=1&every={BANNER_POLL_SECONDS}",
        },
        title=_("Latest"),
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def _refused(request):
    return render_page(
        request,
        "frontend/errors/error.html",
        {"status": 403, "message": _("The screen has no valid device token.")},
        title=_("Latest"),
        status=403,
    )


def _banners_fragment(request, token):
    """Only the banner markup, for the screen's script to swap in between reloads."""
    from django.shortcuts import render

    response = render(
        request,
        "frontend/components/banners.html",
        {"banners": content.banners("sv", token), "lang": "sv"},
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
