"""Admin and serving hooks of the delivery API."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from .documents import is_kept_from_public


@hooks.register("before_serve_document")
def keep_documents_of_hidden_items_hidden(document, request):
    """Anonymous visitors get a document only when a public item refers to it.

    Works beside ``cms.core``'s guard for internal documents: a guessed URL of a
    document attached only to a staff-only or unreleased item serves nothing.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active:
        return None
    if is_kept_from_public(document):
        raise PermissionDenied
    return None
