"""E-mail subscriptions: subscribe, confirm, preferences and unsubscribe pages.

The public API's ``/mail`` router (``cms.mail.api``): ``POST mail/subscriptions``
(double opt-in; the same answer whether or not the address is known), then, with the
signed ``token`` from an e-mail's link, ``POST mail/subscriptions/confirm``,
``GET``/``PUT mail/preferences`` and ``POST mail/unsubscribe``. The links may carry the
token in the path (``/e-post/bekrafta/<token>/``, as the CMS writes them when
``ENKANAL_MAIL_LINK_BASE_URL`` points at this site) or as ``?token=``.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import api
from ..sections import SECTIONS, section_path
from . import content
from .base import client, language_of, render_page, section_alternates
from .forms import FORM_ERROR, field_errors

STEPS = {
    "sv": {"confirm": "bekrafta", "preferences": "installningar", "unsubscribe": "avsluta"},
    "en": {"confirm": "confirm", "preferences": "preferences", "unsubscribe": "unsubscribe"},
}
FREQUENCIES = {"immediate": gettext_lazy("Immediately"), "weekly": gettext_lazy("Weekly digest")}
TOKEN_MAX_LENGTH = 1000


def _alternates(step: str | None) -> dict[str, str]:
    if step is None:
        return section_alternates("subscribe")
    return {code: section_path(code, "subscribe", STEPS[code][step]) for code in SECTIONS}


def _page(request, template, context, *, step=None, title, status=200):
    response = render_page(
        request,
        template,
        {"frequencies": list(FREQUENCIES.items()), **context},
        language=language_of(request),
        title=title,
        alternates=_alternates(step),
        status=status,
    )
    # Personal pages (reached by a signed link): never cached, never indexed.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _topics(language):
    """Topics one can subscribe to, named in the page's language."""
    try:
        rows = client().get("mail/topics")
        return [
            {"slug": r["slug"], "name": (r.get("name_en") if language == "en" else "") or r["name"]}
            for r in rows
        ]
    except (api.ApiError, KeyError, TypeError):
        pass
    try:
        return content.topics(language)
    except api.ApiError:
        return []


def subscribe(request):
    """Choose topics, language and frequency; the API sends the confirmation e-mail."""
    language = language_of(request)
    errors: dict[str, str] = {}
    values = {"email": "", "topics": [], "frequency": "immediate", "consent": False}
    if request.method == "POST":
        values = {
            "email": request.POST.get("email", "").strip()[:254],
            "topics": request.POST.getlist("topics")[:50],
            "frequency": request.POST.get("frequency", "immediate"),
            "consent": request.POST.get("consent") == "on",
        }
        if not values["email"]:
            errors["email"] = _("E-mail address")
        if not values["consent"]:
            errors["consent"] = _(
                "I agree that the municipality keeps my e-mail address for these messages."
            )
        if values["frequency"] not in FREQUENCIES:
            values["frequency"] = "immediate"
        if request.POST.get("website"):
            errors["form"] = FORM_ERROR  # the honeypot: only robots fill it in
        if not errors:
            payload = {
                "email": values["email"],
                "topics": values["topics"],
                "frequency": values["frequency"],
                "language": language,
            }
            try:
                status, data = client().post("mail/subscriptions", payload, request=request)
            except api.ApiNotFound:
                errors["form"] = _(
                    "Subscriptions are not working right now. Please try again later."
                )
            else:
                if status < 300:
                    return redirect(f"{request.path}?skickat=1")
                errors = field_errors(data) or {"form": FORM_ERROR}
    return _page(
        request,
        "frontend/mail/subscribe.html",
        {
            "errors": errors,
            "values": values,
            "topics": _topics(language),
            "sent": request.GET.get("skickat") == "1",
        },
        title=_("Subscribe to news"),
        status=422 if errors else 200,
    )


def _token(request, token: str = "") -> str:
    token = request.POST.get("token") or token or request.GET.get("token") or ""
    return token[:TOKEN_MAX_LENGTH]


def _post_token(path: str, token: str, extra=None, method="POST") -> bool | None:
    """``True`` done, ``False`` refused (bad, used or expired link), ``None`` unavailable."""
    if not token:
        return False
    try:
        status, _data = client().post(path, {"token": token, **(extra or {})}, method=method)
    except api.ApiError:
        return None
    return status < 300


def confirm(request, token: str = ""):
    """The link in the confirmation e-mail; confirming needs a button press (POST) so
    that mail scanners following links do not confirm on the reader's behalf."""
    token = _token(request, token)
    result = _post_token("mail/subscriptions/confirm", token) if request.method == "POST" else None
    return _page(
        request,
        "frontend/mail/confirm.html",
        {
            "token": token,
            "done": result is True,
            "failed": result is False,
            "posted": request.method == "POST",
        },
        step="confirm",
        title=_("Confirm subscription"),
        status=400 if result is False else 200,
    )


def preferences(request, token: str = ""):
    """Change topics and frequency through the signed link in every message."""
    language = language_of(request)
    token = _token(request, token)
    saved = failed = False
    current = None
    if request.method == "POST":
        extra = {
            "topics": request.POST.getlist("topics")[:50],
            "frequency": request.POST.get("frequency", "immediate"),
            "language": language,
        }
        result = _post_token("mail/preferences", token, extra, method="PUT")
        saved, failed = result is True, result is False
        current = extra
    elif token:
        try:
            current = client().get("mail/preferences", {"token": token}, cache=False)
        except (api.ApiNotFound, api.ApiBadRequest, api.ApiForbidden):
            failed = True
    else:
        failed = True
    return _page(
        request,
        "frontend/mail/preferences.html",
        {
            "token": token,
            "current": current or {},
            "topics": _topics(language),
            "saved": saved,
            "failed": failed,
            "unsubscribe_path": section_path(language, "subscribe", STEPS[language]["unsubscribe"]),
        },
        step="preferences",
        title=_("Your preferences"),
        status=400 if failed else 200,
    )


def unsubscribe(request, token: str = ""):
    """Unsubscribe with one press; RFC 8058 one-click posts go to the API directly."""
    token = _token(request, token)
    result = _post_token("mail/unsubscribe", token) if request.method == "POST" else None
    return _page(
        request,
        "frontend/mail/unsubscribe.html",
        {"token": token, "done": result is True, "failed": result is False},
        step="unsubscribe",
        title=_("Unsubscribe"),
        status=400 if result is False else 200,
    )
