"""The intranet's pages: INblick, internal news, everything external, notices.

Everything is read with the reader's own token, so the API's audience filter decides
what each member of staff sees – including bulletins targeted at their units.
"""

from __future__ import annotations

import datetime

from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import content
from .base import client, reader_token, render_page
from .forms import FORM_ERROR, field_errors
from .oidc import login_required

PAGE_SIZE = 10


@login_required
def home(request):
    """Start: the newest bulletins, news (internal and external) and current notices."""
    token = reader_token(request)
    return render_page(
        request,
        "frontend/intranet/home.html",
        {
            "must_read": content.reader_list("must-read", token, 5),
            "for_my_units": content.reader_list("for-my-units", token, 5),
            "bulletins": content.latest("staff_bulletin", None, 5, token)["items"],
            "news": content.latest("news", "sv", 6, token)["items"],
            "notices": content.notice_board("sv", token)["notices"][:5],
        },
        title=_("Intranet"),
    )


def _listing(request, item_type: str, title: str):
    token = reader_token(request)
    cursor = request.GET.get("cursor") or None
    page = content.latest(item_type, None, PAGE_SIZE, token, cursor=cursor)
    return render_page(
        request,
        "frontend/intranet/list.html",
        {
            "items": page["items"],
            "next_query": f"?cursor={page['next_cursor']}" if page["next_cursor"] else "",
            "is_first_page": cursor is None,
            "heading": title,
        },
        title=title,
    )


@login_required
def bulletins(request):
    """INblick, the staff bulletin: its editions, then the bulletins newest first."""
    token = reader_token(request)
    cursor = request.GET.get("cursor") or None
    page = content.latest("staff_bulletin", None, PAGE_SIZE, token, cursor=cursor)
    editions = client().get("editions", token=token)["editions"] if cursor is None else []
    title = _("INblick – the staff bulletin")
    return render_page(
        request,
        "frontend/intranet/bulletins.html",
        {
            "items": page["items"],
            "editions": editions[:6],
            "next_query": f"?cursor={page['next_cursor']}" if page["next_cursor"] else "",
            "is_first_page": cursor is None,
            "heading": title,
        },
        title=title,
    )


@login_required
def edition(request, year: int, number: int):
    """One INblick edition: the editor's foreword, then its items in print order."""
    data = client().get(f"editions/{int(year)}/{int(number)}", token=reader_token(request))
    return render_page(
        request, "frontend/intranet/edition.html", {"edition": data}, title=data["title"]
    )


@login_required
def news(request):
    """Internal and external news together."""
    return _listing(request, "news", _("News"))


@login_required
def notices(request):
    """Current notices and the standing appeal text, as on the public board."""
    board = content.notice_board("sv", reader_token(request))
    return render_page(
        request,
        "frontend/intranet/notices.html",
        {"notices": board["notices"], "appeal_text": board.get("appeal_instructions", "")},
        title=_("Official notice board"),
    )


@login_required
def news_tip(request):
    """Tip the communications officers about news from one's unit (``POST dialogue/tips``)."""
    token = reader_token(request)
    units = sorted(client().get("units", token=token), key=lambda unit: unit["name"])
    errors: dict[str, str] = {}
    values = {"title": "", "text": "", "unit_id": "", "event_date": ""}
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        if not values["title"]:
            errors["title"] = _("Write a headline.")
        if not values["text"]:
            errors["text"] = _("Describe the news.")
        if not values["unit_id"].isdigit():
            errors["unit_id"] = _("Choose the unit it concerns.")
        event_date = None
        if values["event_date"]:
            try:
                event_date = datetime.date.fromisoformat(values["event_date"]).isoformat()
            except ValueError:
                errors["event_date"] = _("Write the date as YYYY-MM-DD.")
        if not errors:
            payload = {
                "title": values["title"],
                "text": values["text"],
                "unit_id": int(values["unit_id"]),
                "event_date": event_date,
                "sender_name": request.session.get("user_name", ""),
            }
            status, data = client().post("dialogue/tips", payload, token=token)
            if status < 300:
                return redirect("/tipsa/?skickat=1")
            errors = field_errors(data) or {"form": FORM_ERROR}
    return render_page(
        request,
        "frontend/intranet/news_tip.html",
        {
            "units": units,
            "values": values,
            "errors": errors,
            "sent": request.GET.get("skickat") == "1",
        },
        title=_("Send a news tip"),
        status=422 if errors else 200,
    )


@login_required
def confirm_reading(request, item_id: int):
    """The must-read bulletin's one-click confirmation (``POST items/{id}/confirmation``)."""
    from django.http import HttpResponseNotAllowed
    from django.utils.http import url_has_allowed_host_and_scheme

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    client().post(f"items/{int(item_id)}/confirmation", {}, token=reader_token(request))
    back = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return redirect(f"{back}#las-och-bekrafta")
