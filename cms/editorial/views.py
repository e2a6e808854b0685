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
