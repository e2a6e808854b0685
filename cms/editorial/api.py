"""API router of editorial quality, mounted by cms.api on the intranet API.

``intranet_router`` (Bearer auth): ``GET /dialogue/lix/{page_id}``. It is mounted at
``/dialogue`` (cms/api/apis.py), where the endpoint was published first, so clients keep
their address; its tag stays "dialog" for the same reason.
"""

from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status

from cms.core.errors import MAX_ID, ApiError, Error
from cms.dialogue.api import get_sender

from .readability import page_lix

intranet_router = Router(tags=["dialog"])


class LixOut(Schema):
    """The LIX score of an article's title, summary and body."""

    page_id: int
    score: float
    level: str
    label: str
    words: int
    sentences: int
    long_words: int
    threshold: int
    over_threshold: bool
    long_sentences: list[str]


def get_lix_page(request, page_id):
    """The published article ``page_id`` as the intranet may see it, or ``None``."""
    from cms.pages.models import ArticlePage

    # The one audience filter decides what staff may read (DESIGN.md §6.1); without a
    # user it answers nothing (fail closed).
    return ArticlePage.objects.for_staff(get_sender(request)).filter(pk=page_id).first()


@intranet_router.get(
    "/lix/{page_id}", response={200: LixOut, 404: Error}, summary="LIX för en artikel"
)
def page_lix_score(request, page_id: int = Path(..., ge=1, le=MAX_ID)):
    """The readability of a published article's title, summary and body."""
    page = get_lix_page(request, page_id)
    if page is None:
        raise ApiError(404, _("The page does not exist."))
    return Status(200, {"page_id": page.pk, **page_lix(page.specific).as_dict()})
