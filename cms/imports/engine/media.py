"""Documents and images from records: the binary from a URL, a path or base64."""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import File
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from wagtail.utils.file import hash_filelike

from cms.core.models import EnkanalDocument, EnkanalImage


class RecordInvalid(Exception):
    """The record cannot be imported; the message says why (reported, the run goes on)."""


def filename_for(record: dict) -> str:
    """The file's name: ``file.filename``, else the last part of its path or URL."""
    file = record.get("file") or {}
    name = file.get("filename") or ""
    if not name:
        for key in ("path", "url"):
            if file.get(key):
                name = PurePosixPath(unquote(urlsplit(file[key]).path)).name
                break
    name = os.path.basename(name.replace("\\", "/")).strip()
    if name in ("", "file", "image", "@@download"):
        name = (record.get("title") or "fil").strip()
    return name[:200]


def max_size(kind: str) -> int:
    """The upload limit of documents or images (the admin's own)."""
    if kind == "image":
        return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def read_binary(record: dict, fetch: Callable[[str], bytes] | None, base_dir: Path | None) -> bytes:
    """The record's file content, refused when too large."""
    file = record.get("file") or {}
    limit = max_size(record["type"])
    declared = file.get("size")
    if isinstance(declared, int) and declared > limit:
        raise RecordInvalid(_too_large(declared, limit))
    if file.get("data_base64"):
        try:
            data = base64.b64decode(file["data_base64"], validate=True)
        except (binascii.Error, ValueError) as error:
            raise RecordInvalid(_("file.data_base64 is not valid base64.")) from error
    elif file.get("path"):
        path = Path(file["path"])
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        if not path.is_file():
            raise RecordInvalid(_("The file %(path)s does not exist.") % {"path": file["path"]})
        if path.stat().st_size > limit:
            raise RecordInvalid(_too_large(path.stat().st_size, limit))
        data = path.read_bytes()
    else:
        if fetch is None:
            raise RecordInvalid(_("The file has only an address and no way to fetch it."))
        try:
            data = fetch(file["url"])
        except Exception as error:
            # The fetch belongs to the caller (HTTP, auth): any failure is this item's.
            # Only the kind of error is reported: a message may quote the request.
            raise RecordInvalid(
                _("The file could not be fetched (%(error)s).") % {"error": type(error).__name__}
            ) from error
    if len(data) > limit:
        raise RecordInvalid(_too_large(len(data), limit))
    if not data:
        raise RecordInvalid(_("The file is empty."))
    return data


def _too_large(size: int, limit: int) -> str:
    return _("The file is too large (%(size)d bytes, at most %(limit)d).") % {
        "size": size,
        "limit": limit,
    }


def check_extension(kind: str, name: str):
    """Refuse a document type the admin would refuse."""
    if kind != "document":
        return
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if allowed and extension not in allowed:
        raise RecordInvalid(
            _("The file type “%(ext)s” is not allowed for documents (allowed: %(allowed)s).")
            % {"ext": extension, "allowed": ", ".join(allowed)}
        )


def alt_text_for(record: dict) -> tuple[str, bool]:
    """The image's alt text and whether it was given (else title or description)."""
    alt = (record.get("alt") or "").strip()
    if alt:
        return alt[:255], True
    fallback = (record.get("description") or record.get("title") or "").strip()
    return fallback[:255], False


def check_image(data: bytes):
    """Refuse bytes that Wagtail could not store or render as an image.

    Wagtail reads the size and format on save and Pillow decodes the pixels for every
    rendition: bytes that are no image, an unknown format or a truncated file are this
    record's error here, before anything is written, instead of an exception later.
    """
    from PIL import Image as PILImage
    from willow.image import Image as WillowImage
    from willow.image import UnrecognisedImageFormatError

    try:
        WillowImage.open(io.BytesIO(data))
        with PILImage.open(io.BytesIO(data)) as image:
            # Decoding every pixel is what a rendition does; a truncated file fails here.
            image.load()
    except (
        UnrecognisedImageFormatError,
        OSError,  # includes PIL.UnidentifiedImageError and truncated data
        SyntaxError,  # Pillow's parsers raise it for malformed headers
        ValueError,
        PILImage.DecompressionBombError,
    ) as error:
        raise RecordInvalid(
            _("The image cannot be read (%(error)s).")
            % {"error": str(error) or type(error).__name__}
        ) from error


def media_state(obj) -> str:
    """A hash of what an editor can change on an imported document or image.

    Kept with the import (``ImportedObject.written``): a different value later means
    the file was edited in Enkanal, and ``--update`` leaves it as it is.
    """
    values = [obj.title, obj.file_hash, getattr(obj, "alt_text", None)]
    values += [getattr(obj, "is_internal", None), getattr(obj, "is_public", None)]
    return hashlib.sha256(repr(values).encode()).hexdigest()


def build_media(record: dict, data: bytes, existing=None):
    """An unsaved (or updated) document or image for ``record`` with ``data``."""
    name = filename_for(record)
    check_extension(record["type"], name)
    title = (record.get("title") or name).strip()[:255]
    if record["type"] == "image":
        check_image(data)
        obj = existing or EnkanalImage()
        obj.alt_text = alt_text_for(record)[0]
        if not obj.alt_text:
            raise RecordInvalid(_("The image has no alternative text, title or description."))
    else:
        obj = existing or EnkanalDocument()
        obj.is_internal = bool(record.get("internal"))
        # Anyone could download it on the old site: its old address keeps working
        # without an item that links to it.
        obj.is_public = bool(record.get("public")) and not obj.is_internal
    obj.title = title
    obj.file = (ImageFile if record["type"] == "image" else File)(io.BytesIO(data), name=name)
    obj.file_size = len(data)
    obj.file_hash = hash_filelike(io.BytesIO(data))
    return obj
