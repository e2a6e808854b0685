"""Image renditions: public ones for any cache, the others only for their readers.

An image that a public item uses (``public()``, followed through the reference index)
is served at Wagtail's signed rendition URL with a long ``public`` max-age, so a CDN
keeps it. Every other image reaches a reader only through a signed URL that names the
reader and expires: it is served ``private``, only while the reader may still see an
item that uses the image, and it carries no file name.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import SourceImageIOError
from wagtail.images.utils import verify_signature
from wagtail.images.views.serve import ServeView, generate_image_url

from . import conf
from .documents import image_is_public, image_visible_to

SALT = "enkanal.api.images"
#: Longest signed-image token the URL accepts (a few ids and a signature).
MAX_TOKEN_LENGTH = 300


def public_image_url(image, filter_spec: str) -> str:
    """The cacheable rendition URL of an image that public items use."""
    return generate_image_url(image, filter_spec)


def signed_image_url(image, filter_spec: str, reader) -> str:
    """A rendition URL for ``reader`` alone, valid for one to two signing windows.

    The expiry is rounded up to a window, so the URL – and with it the ETag of the
    intranet answer that contains it – stays the same within a window.
    """
    window = conf.get("ENKANAL_API_IMAGE_SIGNED_MAX_AGE")
    expires = (int(timezone.now().timestamp()) // window + 2) * window
    payload = {"i": image.pk, "f": filter_spec, "u": getattr(reader, "pk", None), "e": expires}
    token = signing.Signer(salt=SALT).sign_object(payload)
    return reverse("api_signed_image", args=[token])


def redirect_filter_spec() -> str:
    """The rendition an image's own address leads to: the API's largest, ``large``."""
    renditions = conf.get("ENKANAL_API_IMAGE_RENDITIONS")
    return renditions.get("large") or next(iter(renditions.values()))


def image_location(image, reader, *, public_only: bool) -> str | None:
    """A rendition URL of ``image`` that ``reader`` may open, or None (not visible).

    A public item uses it: the cacheable URL, for anyone. Otherwise, unless
    ``public_only``, a URL signed for ``reader`` when they may see an item that uses it.
    """
    spec = redirect_filter_spec()
    if image_is_public(image):
        return public_image_url(image, spec)
    if not public_only and reader is not None and image_visible_to(image, reader):
        return signed_image_url(image, spec, reader)
    return None


def serve_image(request, image_id: int):
    """An image by its own address: a redirect to a rendition the reader may see, or 404."""
    image = get_image_model().objects.filter(pk=image_id).first()
    user = getattr(request, "user", None)
    reader = user if user is not None and user.is_authenticated else None
    location = image_location(image, reader, public_only=False) if image else None
    if location is None:
        return _refused(404)
    response = HttpResponseRedirect(location)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _rendition_response(image, filter_spec: str):
    """The rendition's bytes, or the answer Wagtail's own view gives when it cannot."""
    try:
        rendition = image.get_rendition(filter_spec)
    except SourceImageIOError:
        return HttpResponse(_("The image file is missing."), content_type="text/plain", status=410)
    except InvalidFilterSpecError:
        return HttpResponse(_("Invalid image size."), content_type="text/plain", status=400)
    return ServeView().serve(rendition)


def _refused(status: int) -> HttpResponse:
    """A refusal no cache keeps: the image may become public or visible any moment."""
    response = HttpResponse(
        _("The image does not exist."), content_type="text/plain", status=status
    )
    patch_cache_control(response, no_store=True)
    return response


def serve_public_image(request, signature, image_id, filter_spec, filename=None):
    """A rendition of an image used by a public item; 404 for every other image."""
    if not verify_signature(signature.encode(), image_id, filter_spec):
        return _refused(403)
    image = get_image_model().objects.filter(pk=int(image_id or 0)).first()
    if image is None or not image_is_public(image):
        return _refused(404)
    response = _rendition_response(image, filter_spec)
    if response.status_code == 200:
        max_age = conf.get("ENKANAL_API_IMAGE_PUBLIC_MAX_AGE")
        patch_cache_control(response, public=True, max_age=max_age)
    return response


def serve_signed_image(request, token: str):
    """A rendition for the reader named in ``token``, while it lasts and they may see it."""
    try:
        data = signing.Signer(salt=SALT).unsign_object(token)
        image_id, filter_spec, reader_id, expires = (
            int(data["i"]),
            str(data["f"]),
            data["u"],
            int(data["e"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return _refused(403)
    left = expires - int(timezone.now().timestamp())
    if left <= 0:
        return _refused(403)
    reader = get_user_model().objects.filter(pk=reader_id, is_active=True).first()
    image = get_image_model().objects.filter(pk=image_id).first()
    if reader is None or image is None or not image_visible_to(image, reader):
        return _refused(404)
    response = _rendition_response(image, filter_spec)
    patch_cache_control(response, private=True, max_age=left)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response
