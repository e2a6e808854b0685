"""Which documents and images a reader may list and download.

A file reaches a reader only through an item that reader may see (Wagtail's reference
index records references from bodies, rich text, attachments and main images), or –
documents only – when an editor has marked it public on its own. Internal documents
never reach anyone who is not signed in. The audience decision itself stays in
``public()`` / ``for_staff()``: this module only follows references from their items.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex


def referenced_by(items, model):
    """Objects of ``model`` (documents, images) referred to by any item in ``items``."""
    item_ids = items.order_by().annotate(ref_id=Cast("pk", CharField())).values("ref_id")
    references = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        to_content_type=ContentType.objects.get_for_model(model),
        object_id__in=item_ids,
    )
    return model.objects.filter(
        pk__in=references.annotate(ref_pk=Cast("to_object_id", model._meta.pk)).values("ref_pk")
    )


def documents_referenced_by(items):
    """Documents referred to by any item in ``items``."""
    return referenced_by(items, get_document_model())


def is_signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def has_admin_access(user) -> bool:
    """Editors reach every file through the admin (choosers, listings, previews)."""
    return is_signed_in(user) and user.has_perm("wagtailadmin.access_admin")


def readable_items(user):
    """Items ``user`` may see: ``for_staff`` when signed in, otherwise ``public()``."""
    from cms.pages.models import ArticlePage

    if is_signed_in(user):
        return ArticlePage.objects.for_staff(user)
    return ArticlePage.objects.public()


def visible_documents(items, *, internal: bool):
    """Documents reachable from ``items`` or marked public; internal ones if ``internal``."""
    queryset = get_document_model().objects.filter(
        Q(pk__in=documents_referenced_by(items).values("pk")) | Q(is_public=True)
    )
    return queryset if internal else queryset.filter(is_internal=False)


def public_documents():
    """Documents anyone may download: not internal, public on their own or by an item."""
    return visible_documents(readable_items(None), internal=False)


def document_visible_to(document, user) -> bool:
    """May ``user`` (anonymous: ``None`` or ``AnonymousUser``) download ``document``?"""
    if has_admin_access(user):
        return True
    documents = visible_documents(readable_items(user), internal=is_signed_in(user))
    return documents.filter(pk=document.pk).exists()


def site_image_ids() -> set[int]:
    """Images of the municipality's identity (the logo): public on every surface."""
    from cms.core.models import MunicipalitySettings

    logo_id = MunicipalitySettings.load().logo_id
    return {logo_id} if logo_id else set()


def public_images():
    """Images used by at least one public item, and the logo: safe for a shared cache."""
    images = referenced_by(readable_items(None), get_image_model())
    site_ids = site_image_ids()
    if site_ids:
        images = images | get_image_model().objects.filter(pk__in=site_ids)
    return images


def image_is_public(image) -> bool:
    return public_images().filter(pk=image.pk).exists()


def image_visible_to(image, user) -> bool:
    """May ``user`` see ``image``: used by an item they may see, or they edit content."""
    if has_admin_access(user) or image.pk in site_image_ids():
        return True
    images = referenced_by(readable_items(user), get_image_model())
    return images.filter(pk=image.pk).exists()
