"""The intranet's pages: INblick, internal news, everything external, notices.

Everything is read with the reader's own token, so the API's audience filter decides
what each member of staff sees – including bulletins targeted at their units.
"""

from __future__ import annotations

from ..text import words
from . import content
from .base import reader_token, render_page
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
            "bulletins": content.latest("staff_bulletin", None, 5, token)["items"],
            "news": content.latest("news", "sv", 6, token)["items"],
            "notices": content.notice_board("sv", token)["notices"][:5],
        },
        title=words("sv")["intranet"],
    )


def _listing(request, item_type: str, title_key: str):
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
            "heading": words("sv")[title_key],
        },
        title=words("sv")[title_key],
    )


@login_required
def bulletins(request):
    """INblick, the staff bulletin."""
    return _listing(request, "staff_bulletin", "bulletins_long")


@login_required
def news(request):
    """Internal and external news together."""
    return _listing(request, "news", "internal_news")


@login_required
def notices(request):
    """Current notices and the standing appeal text, as on the public board."""
    board = content.notice_board("sv", reader_token(request))
    return render_page(
        request,
        "frontend/intranet/notices.html",
        {"notices": board["notices"], "appeal_text": board.get("appeal_instructions", "")},
        title=words("sv")["notices_long"],
    )
