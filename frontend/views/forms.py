"""Forms that write through the API: feedback and accessibility reports.

The API guards its forms with a signed time token (filled too fast = a bot) and a
honeypot field; we fetch the token when the form is shown and pass both back. If the
API's form endpoints are not reachable the page still says where to write instead.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import api
from .base import client, language_of, render_page, section_alternates

CATEGORIES = {
    "suggestion": gettext_lazy("Suggestion"),
    "complaint": gettext_lazy("Complaint"),
    "praise": gettext_lazy("Praise"),
    "question": gettext_lazy("Question"),
}
MESSAGE_MAX_LENGTH = 5000
# Data for the CMS's inbox, not words for the reader: the same in every language.
ACCESSIBILITY_PREFIX = "[Tillgänglighet] "
FORM_ERROR = gettext_lazy("The form has errors. Correct them and send again.")


def _form_token() -> str | None:
    try:
        return client().get("dialogue/feedback/token", cache=False)["token"]
    except (api.ApiError, KeyError, TypeError):
        return None


def field_errors(payload) -> dict[str, str]:
    """The API's errors (``{"detail": ..., "errors": [{"loc": [...], "msg": ...}]}``) by field."""
    errors: dict[str, str] = {}
    payload = payload or {}
    for error in payload.get("errors") or []:
        loc = error.get("loc") or ["", "form"]
        errors.setdefault(str(loc[-1]), str(error.get("msg", "")))
    if not errors and payload.get("detail"):
        errors["form"] = str(payload["detail"])
    return errors


def _submit(request, *, category: str, message: str) -> tuple[bool, dict[str, str]]:
    """Send the form to the API: ``(sent, errors)``."""
    payload = {
        "category": category,
        "message": message,
        "name": request.POST.get("name", "")[:150],
        "email": request.POST.get("email", "").strip()[:254],
        "token": request.POST.get("token", ""),
        "website": request.POST.get("website", ""),
    }
    page_id = request.POST.get("page_id", "")
    if page_id.isdigit():
        # About one page ("Was this page helpful?"): the API routes it to the page's unit.
        payload["page_id"] = int(page_id)
    try:
        status, data = client().post("dialogue/feedback", payload, request=request)
    except api.ApiNotFound:
        return False, {"form": "unavailable"}
    if status == 201:
        return True, {}
    return False, field_errors(data) or {"form": FORM_ERROR}


def feedback_form(request, *, accessibility: bool = False):
    """``GET`` shows the form, ``POST`` sends it and redirects to the thank-you state."""
    language = language_of(request)
    errors: dict[str, str] = {}
    values = {"category": "suggestion", "message": "", "name": "", "email": "", "page_id": ""}
    helpful = request.GET.get("hjalpte")
    if request.method == "GET" and request.GET.get("sida", "").isdigit():
        # From an article's "Was this page helpful?": the answer chooses the category.
        values["page_id"] = request.GET["sida"]
        values["category"] = "praise" if helpful == "ja" else "suggestion"
    if request.method == "POST":
        values.update({k: request.POST.get(k, "") for k in values})
        category = "complaint" if accessibility else values["category"]
        message = values["message"].strip()
        if category not in CATEGORIES:
            errors["category"] = FORM_ERROR
        if not message:
            errors["message"] = _("Describe the problem")
        if not errors:
            if accessibility:
                message = ACCESSIBILITY_PREFIX + message
            sent, errors = _submit(request, category=category, message=message[:MESSAGE_MAX_LENGTH])
            if sent:
                return redirect(f"{request.path}?skickat=1#formular")
    unavailable = errors.get("form") == "unavailable"
    token = None if unavailable else _form_token()
    template = (
        "frontend/public/accessibility.html" if accessibility else "frontend/public/feedback.html"
    )
    response = render_page(
        request,
        template,
        {
            "errors": errors,
            "values": values,
            "sent": request.GET.get("skickat") == "1",
            "form_token": token,
            "form_available": token is not None,
            "contact_email": settings.ACCESSIBILITY_EMAIL,
            "categories": list(CATEGORIES.items()),
            "helpful": helpful if values["page_id"] else None,
        },
        language=language,
        title=_("Accessibility statement") if accessibility else _("Give feedback"),
        alternates=section_alternates("accessibility" if accessibility else "feedback"),
        status=422 if errors and not unavailable else 200,
    )
    # The form carries a one-off token: a cached copy would go stale.
    response["Cache-Control"] = "private, no-cache"
    return response


def accessibility(request):
    """The accessibility statement with a form to report problems."""
    return feedback_form(request, accessibility=True)
