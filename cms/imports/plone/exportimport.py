"""Records from collective.exportimport's ``export_content`` JSON.

The export is one JSON list of objects as plone.restapi serializes them, with rich text
kept as ``resolveuid/…`` links, blobs as base64 ``data``, as a ``blob_path`` in the
site's blob storage or as a ``download`` URL, and the ``review_state``. Translations are
a separate export (``export_translations``: a list of ``{language: UID}`` groups). Both
go through the same :class:`~cms.imports.plone.mapping.Mapper` as a live site.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .config import load_rules
from .mapping import Mapper, Skip, with_file_details


class ExportError(ValueError):
    """The export file cannot be read as a whole."""


def _load_list(path):
    try:
        with Path(path).open(encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ExportError(
            _("%(path)s cannot be read: %(error)s") % {"path": path, "error": error.strerror}
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ExportError(
            _("%(path)s is not valid JSON: %(error)s") % {"path": path, "error": error}
        ) from None
    if not isinstance(data, list):
        raise ExportError(
            _("%(path)s is no export from collective.exportimport (not a list).") % {"path": path}
        )
    return data


def translation_groups(path):
    """UID → translation key from an ``export_translations`` file."""
    groups = {}
    for group in _load_list(path):
        if not isinstance(group, dict):
            continue
        uids = sorted(uid for uid in group.values() if isinstance(uid, str) and uid)
        if len(uids) > 1:
            key = "plone:" + "|".join(uids)
            groups.update(dict.fromkeys(uids, key))
    return groups


def guess_site_url(items):
    """The site root: the parent of the items nearest to it (exports start at the root).

    The parent of a multilingual site's top items is their language root folder, whose
    parent is the site.
    """
    best = None
    for item in items:
        if not isinstance(item, dict) or not item.get("@id"):
            continue
        depth = urlsplit(item["@id"]).path.rstrip("/").count("/")
        parent = item.get("parent") or {}
        url = parent.get("@id")
        if url and parent.get("@type") == "LRF":
            # A language root folder (/sv) sits right below the site root.
            url = url.rstrip("/").rsplit("/", 1)[0]
        if url and (best is None or depth < best[0]):
            best = (depth, url)
    return best[1] if best else ""


class ExportMapper(Mapper):
    """The mapping of a live site, plus the blob forms of an export."""

    def __init__(self, rules, site_url, *, blob_dir=None, **kwargs):
        super().__init__(rules, site_url, **kwargs)
        self.blob_dir = Path(blob_dir) if blob_dir else None

    def file_of(self, blob):
        """``file`` from base64 ``data``, a ``blob_path`` or a ``download`` URL."""
        if not isinstance(blob, dict):
            return None
        file = {}
        if blob.get("data") and blob.get("encoding", "base64") == "base64":
            data = blob["data"]
            file["data_base64"] = data.decode() if isinstance(data, bytes) else data
        elif blob.get("blob_path"):
            if self.blob_dir is None:
                return None
            file["path"] = str(self.blob_dir / blob["blob_path"])
        elif blob.get("download"):
            file["url"] = blob["download"]
        else:
            return None
        return with_file_details(file, blob)


def iter_records(
    path, *, rules=None, site_url=None, translations=None, blob_dir=None, skipped=None
):
    """Yield the records of the ``export_content`` file at ``path``.

    ``translations`` is an ``export_translations`` file; ``blob_dir`` the blob storage
    that ``blob_path`` values are relative to; ``site_url`` the exported site's root
    (guessed when not given). Items left out are appended to ``skipped``
    (:class:`~cms.imports.plone.mapping.Skip`).
    """
    items = _load_list(path)
    mapper = ExportMapper(
        rules or load_rules(),
        site_url or guess_site_url(items),
        blob_dir=blob_dir,
        translation_groups=translation_groups(translations) if translations else None,
    )
    if skipped is not None:
        # Shared, so a caller sees each line as soon as it is added.
        mapper.skipped = skipped
    # The export is in path order already; sort again in case it was concatenated.
    objects = [item for item in items if isinstance(item, dict) and item.get("@id")]
    for item in items:
        if isinstance(item, dict) and "unexported_paths" in item:
            for entry in item["unexported_paths"] or []:
                mapper.skipped.append(
                    Skip(entry.get("path") or "", entry.get("message") or _("Not exported."))
                )
        elif not isinstance(item, dict) or not item.get("@id"):
            mapper.skipped.append(Skip("", _("An object in the export lacks @id.")))
    objects.sort(key=lambda item: urlsplit(item["@id"]).path)
    for item in objects:
        for blob_field in ("file", "image"):
            blob = item.get(blob_field)
            if isinstance(blob, dict) and blob.get("blob_path") and blob_dir is None:
                mapper.skipped.append(
                    Skip(
                        item["@id"],
                        _("The file is in Plone's blob storage: give --blob-dir."),
                    )
                )
        record = mapper.map(item)
        if record is not None:
            yield record
    yield from mapper.finish()
