"""Admin views of editorial quality: the page editor's live LIX check."""

import json

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .readability import lix

#: Longest text the editor's live LIX check scores (characters).
LIX_MAX_TEXT_LENGTH = 200_000


@require_POST
def lix_view(request):
    """POST ``{"text": "..."}`` → the LIX of the text, for the editor's live panel."""
    try:
        text = json.loads(request.body or b"{}").get("text", "")
    except (ValueError, AttributeError):
        return JsonResponse({"detail": str(_("Invalid JSON."))}, status=400)
    if not isinstance(text, str) or len(text) > LIX_MAX_TEXT_LENGTH:
        return JsonResponse({"detail": str(_("Invalid text."))}, status=400)
    return JsonResponse(lix(text).as_dict())


def must_read_report(request, page_id):
    """Per unit, who has and has not confirmed a must-read bulletin (its managers)."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404
    from django.template.response import TemplateResponse

    from cms.pages.models import StaffBulletinPage

    from .must_read import confirmation_report, totals, user_can_see_report

    page = get_object_or_404(StaffBulletinPage.objects.select_related("owner_unit"), pk=page_id)
    if not user_can_see_report(request.user, page):
        raise PermissionDenied
    rows = confirmation_report(page)
    confirmed, total = totals(rows)
    return TemplateResponse(
        request,
        "editorial/must_read_report.html",
        {"page": page, "rows": rows, "total_count": total, "confirmed_count": confirmed},
    )
