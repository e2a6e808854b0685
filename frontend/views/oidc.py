"""Intranet login: OpenID Connect authorization code flow with PKCE.

The provider is the CMS itself in the embedded default (django-oauth-toolkit) or the
municipality's IdP in production; either way we read its discovery document, send
the reader there with a ``state``, a ``nonce`` and an S256 code challenge, and trade
the returned code for tokens. The access token is kept in the server-side session
(the cookie holds only its key) and sent to the intranet API as a Bearer token; the
API decides what the reader sees.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .base import render_page

logger = logging.getLogger("frontend.oidc")

_discovery: dict = {}
DISCOVERY_MAX_AGE = 3600
TIMEOUT = (2, 8)


class LoginUnavailable(Exception):
    """The identity provider cannot be reached or answered something unusable."""


def discovery() -> dict:
    """The provider's ``/.well-known/openid-configuration``, cached for an hour."""
    cached = _discovery.get(settings.OIDC_ISSUER)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    url = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        document = response.json()
        if not document.get("authorization_endpoint") or not document.get("token_endpoint"):
            raise KeyError("authorization_endpoint/token_endpoint")
    except (requests.RequestException, ValueError, KeyError) as error:
        raise LoginUnavailable(str(error)) from error
    _discovery[settings.OIDC_ISSUER] = (time.monotonic() + DISCOVERY_MAX_AGE, document)
    return document


def code_challenge(verifier: str) -> str:
    """The S256 challenge of a PKCE verifier (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def redirect_uri() -> str:
    return f"{settings.INTRANET_URL}/oidc/callback/"


def safe_next(request, value: str | None) -> str:
    """Only paths on this site may be returned to after login."""
    if (
        value
        and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
        and value.startswith("/")
    ):
        return value
    return "/"


def login(request):
    """``GET`` explains; ``?start=1`` (the button) redirects to the provider."""
    next_path = safe_next(request, request.GET.get("next"))
    if request.GET.get("start") != "1":
        return render_page(
            request,
            "frontend/intranet/login.html",
            {"next": next_path, "failed": request.GET.get("fel") == "1"},
            title=_("Log in"),
        )
    try:
        config = discovery()
    except LoginUnavailable as error:
        logger.warning("OIDC discovery failed: %s", error)
        from .errors import error_page

        return error_page(request, 503)
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    verifier = secrets.token_urlsafe(64)
    request.session["oidc"] = {
        "state": state,
        "nonce": nonce,
        "verifier": verifier,
        "next": next_path,
    }
    params = {
        "response_type": "code",
        "client_id": settings.OIDC_CLIENT_ID,
        "redirect_uri": redirect_uri(),
        "scope": settings.OIDC_SCOPES,
        "state": state,
        "nonce": nonce,
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
    }
    return redirect(f"{config['authorization_endpoint']}?{urlencode(params)}")


def callback(request):
    """The provider sends the reader back with ``code`` and ``state``; trade them for tokens."""
    pending = request.session.pop("oidc", None)
    state = request.GET.get("state", "")
    if not pending or not secrets.compare_digest(state, pending.get("state", "")):
        return HttpResponseBadRequest("Ogiltig inloggning (state).")
    code = request.GET.get("code")
    if not code:
        return redirect("/logga-in/?fel=1")
    try:
        config = discovery()
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri(),
            "client_id": settings.OIDC_CLIENT_ID,
            "code_verifier": pending["verifier"],
        }
        if settings.OIDC_CLIENT_SECRET:
            data["client_secret"] = settings.OIDC_CLIENT_SECRET
        response = requests.post(config["token_endpoint"], data=data, timeout=TIMEOUT)
        tokens = response.json()
        access_token = tokens["access_token"]
    except (LoginUnavailable, requests.RequestException, ValueError, KeyError) as error:
        logger.warning("OIDC token exchange failed: %s", error)
        return redirect("/logga-in/?fel=1")
    request.session.cycle_key()
    request.session["access_token"] = access_token
    request.session["expires_at"] = time.time() + int(tokens.get("expires_in") or 3600)
    request.session["user_name"] = _user_name(config, access_token)
    # Kept (server-side) only to end the provider's session on "Logga ut".
    request.session["id_token"] = str(tokens.get("id_token") or "")
    return redirect(pending.get("next") or "/")


def _user_name(config: dict, access_token: str) -> str:
    endpoint = config.get("userinfo_endpoint")
    if not endpoint:
        return ""
    try:
        response = requests.get(
            endpoint, headers={"Authorization": f"Bearer {access_token}"}, timeout=TIMEOUT
        )
        info = response.json() if response.ok else {}
    except (requests.RequestException, ValueError):
        return ""
    return str(info.get("name") or info.get("preferred_username") or "")[:100]


@require_POST
def logout(request):
    """Forget the tokens here, then end the provider's session too (RP-initiated logout).

    POST only, behind the CSRF check: a GET link could be fired by any page the reader
    visits (an image, a prefetch) and sign them out without asking.

    The provider returns the reader to our login page, which it only does for an
    address registered for this client; without an ``end_session_endpoint`` (or an ID
    token to name the session) the reader goes straight there.
    """
    id_token = request.session.get("id_token")
    request.session.flush()
    after = f"{settings.INTRANET_URL}/logga-in/"
    try:
        end_session = discovery().get("end_session_endpoint") if id_token else None
    except LoginUnavailable:
        end_session = None
    if not end_session:
        return redirect("/logga-in/")
    params = {
        "id_token_hint": id_token,
        "client_id": settings.OIDC_CLIENT_ID,
        "post_logout_redirect_uri": after,
    }
    return redirect(f"{end_session}?{urlencode(params)}")


def login_required(view):
    """Send readers without a valid login to the login page, and back afterwards."""

    def wrapper(request, *args, **kwargs):
        token = request.session.get("access_token")
        if not token or request.session.get("expires_at", 0) < time.time():
            request.session.pop("access_token", None)
            return redirect(f"/logga-in/?{urlencode({'next': request.get_full_path()})}")
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper
