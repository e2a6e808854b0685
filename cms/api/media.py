"""Uploaded files in development, served through the same guards as in production.

``django.conf.urls.static`` would serve everything under ``MEDIA_ROOT`` to anyone; in
the development server ``/media/`` goes through here instead. A document answers only
by way of its own serve view (with its ``before_serve_document`` guards); an original
image or a rendition only when its image may be seen by the reader.
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import re_path
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .documents import image_visible_to


def serve_media(request, path: str):
    """One file under ``MEDIA_ROOT``, if the reader may have it; otherwise 404."""
    folder = path.partition("/")[0]
    if folder == "documents":
        document = get_document_model().objects.filter(file=path).first()
        if document is not None:
            return redirect(document.url)
    elif folder in ("original_images", "images"):
        image_model = get_image_model()
        image = image_model.objects.filter(file=path).first()
        if image is None:
            rendition = image_model.get_rendition_model().objects.filter(file=path).first()
            image = rendition.image if rendition is not None else None
        if image is not None and image_visible_to(image, getattr(request, "user", None)):
            response = serve(request, path, document_root=settings.MEDIA_ROOT)
            response["Cache-Control"] = "private, no-cache"
            return response
    raise Http404(path)


def media_urlpatterns() -> list:
    """``/media/…`` through the guards (development server only)."""
    if not settings.DEBUG:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.+)$", serve_media)]
