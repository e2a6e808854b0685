"""Admin and serving hooks of the core."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks


@hooks.register("before_serve_document")
def keep_internal_documents_internal(document, request):
    """Internal documents are served only to signed-in users with admin or staff access.

    The delivery API decides which documents appear on which surface; this guard makes
    sure that a guessed or leaked document URL does not bypass that (DESIGN.md §6.2).
    """
    if not getattr(document, "is_internal", False):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    return None
