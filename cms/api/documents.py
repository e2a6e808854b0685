"""Which documents a surface may list and serve.

A document reaches the public only when it is not internal and at least one public
item refers to it (Wagtail's reference index records references from bodies, rich
text and attachments). The audience decision itself stays in ``public()``.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex


def _references_from(items):
    """Reference-index rows pointing at documents from the items in ``items``."""
    item_ids = items.order_by().annotate(ref_id=Cast("pk", CharField())).values("ref_id")
    return ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        object_id__in=item_ids,
    )


def documents_referenced_by(items):
    """Documents referred to by any item in ``items``."""
    document_ids = _references_from(items).values("to_object_id")
    return get_document_model().objects.filter(
        pk__in=document_ids.annotate(
            doc_id=Cast("to_object_id", get_document_model()._meta.pk)
        ).values("doc_id")
    )


def public_documents():
    """Documents anyone may download: not internal, referred to by a public item."""
    from cms.pages.models import ArticlePage

    return documents_referenced_by(ArticlePage.objects.public()).filter(is_internal=False)


def is_kept_from_public(document) -> bool:
    """True when items refer to ``document`` but none of them is public."""
    from cms.pages.models import ArticlePage

    if document.is_internal:
        return True
    referring = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(get_document_model()),
        to_object_id=str(document.pk),
    ).values_list("object_id", flat=True)
    item_ids = set(
        ArticlePage.objects.filter(pk__in=[int(i) for i in referring if i.isdigit()]).values_list(
            "pk", flat=True
        )
    )
    if not item_ids:
        return False
    return not ArticlePage.objects.public().filter(pk__in=item_ids).exists()
