"""The import run: records in, Enkanal content out, a report at the end."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from urllib.parse import urlsplit, urlunsplit

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from cms.core.addresses import web_address
from cms.core.importing import content_imported, importing
from cms.core.models import EnkanalDocument
from cms.pages import models as page_models
from cms.snippets.models import Audience, Topic, Unit
from cms.snippets.models.audiences import EXTERNAL_CODES
from cms.workflows.guard import system_publish

from ..jsonl import RecordError
from ..models import ImportedObject
from ..schema import PAGE_TYPES, ignored_keys, validate_record
from ..wagtail_hooks import IMPORT_ACTION
from . import pages
from .indexing import quiet_indexing, update_search
from .insert import insert_page, log_entry
from .links import LinkResolver, Target, kind_for, normalise_path
from .media import RecordInvalid, build_media, media_state, read_binary
from .redirects import Link, write_redirects
from .report import ImportOptions, ImportReport
from .richtext import BodyConverter
from .translations import link_translations

logger = logging.getLogger(__name__)

#: Logged by the publish guard on every imported publication.
SYSTEM_PUBLISH_REASON = "Import (%(system)s)"


class ImportAborted(Exception):
    """The whole run cannot go on (no home page, unknown default unit); nothing was kept."""


class _DryRunRollback(Exception):
    """Raised at the end of a dry run to roll everything back."""


def fingerprint(record: dict) -> str:
    """A stable hash of the record's values: unchanged records are skipped."""
    data = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def redact(url: str) -> str:
    """``url`` without user name and password (credentials never reach a report)."""
    parts = urlsplit(url or "")
    if "@" not in parts.netloc:
        return url or ""
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def source_url(record: dict) -> str:
    """The record's old address (or its system:uid) for report lines."""
    source = record.get("source") if isinstance(record, dict) else None
    if not isinstance(source, dict):
        return ""
    return redact(
        source.get("url")
        or source.get("path")
        or f"{source.get('system', '')}:{source.get('uid', '')}"
    )


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(str(m) for m in error.messages)


class Importer:
    """Imports records (``run``) as ``ImportOptions`` say; ``fetch(url)`` downloads files."""

    def __init__(self, options: ImportOptions, fetch: Callable[[str], bytes] | None = None):
        self.options = options
        self.fetch = fetch
        self.system = options.source_system or "jsonl"
        self.report = ImportReport(dry_run=options.dry_run)
        self.resolver = LinkResolver(self.system)
        self.body = BodyConverter(self.resolver)
        self._units: dict[str, Unit | None] = {}
        self._topics: dict[str, Topic] = {}
        self._users: dict[str, object] = {}
        self._index_pages: dict[tuple[str, type], Page | None] = {}
        self._audiences = {}
        self._content_types: dict[type, int] = {}
        self._review_intervals: dict[type, object] = {}
        #: Translation keys of the groups this run saw (linked for wagtail-localize).
        self._translation_keys: set = set()
        self._run_started = None
        self.default_unit: Unit | None = None

    # --- the run -------------------------------------------------------------------

    def run(self, records: Iterable) -> ImportReport:
        """Import every record; ``records`` may hold ``(line, record or RecordError)``."""
        started = time.perf_counter()
        self._run_started = timezone.now()
        try:
            with ExitStack() as stack:
                stack.enter_context(importing(self.system))
                stack.enter_context(system_publish(SYSTEM_PUBLISH_REASON % {"system": self.system}))
                stack.enter_context(quiet_indexing())
                if self.options.dry_run:
                    stack.enter_context(transaction.atomic())
                self._prepare()
                for line, record in self._progress(records):
                    self.import_one(record, line=line)
                self.finish()
                if not self.options.dry_run:
                    update_search(self._run_started)
                if self.options.dry_run:
                    raise _DryRunRollback
        except _DryRunRollback:
            pass
        except ImportAborted as error:
            self.report.aborted = str(error)
            raise
        finally:
            if not self.options.dry_run:
                # Once for the run: the items' log rows are bulk inserts (no signals).
                content_imported.send(sender=type(self), system=self.system)
            self.report.seconds = time.perf_counter() - started
            if self.options.report_path:
                self.report.write(self.options.report_path)
        return self.report

    def _progress(self, records):
        """``(line, record)`` pairs, shown as a progress bar when asked and on a TTY."""
        pairs = (item if isinstance(item, tuple) else (None, item) for item in records)
        if not self.options.progress or not sys.stderr.isatty():
            return pairs
        from tqdm import tqdm

        return tqdm(pairs, total=self.options.total, unit=_("records"), smoothing=0.1)

    def _prepare(self):
        """Check what the whole run needs; raise ``ImportAborted`` when it is missing."""
        self._audiences = {a.code: a for a in Audience.objects.all()}
        home = page_models.HomePage.objects.filter(
            locale__language_code=pages.default_language()
        ).first()
        if home is None:
            raise ImportAborted(
                _("There is no home page for %(lang)s: create the site first.")
                % {"lang": pages.default_language()}
            )
        if self.options.default_unit:
            self.default_unit = self.unit(self.options.default_unit)
            if self.default_unit is None:
                raise ImportAborted(
                    _("The unit “%(unit)s” does not exist (--unit).")
                    % {"unit": self.options.default_unit}
                )

    def import_one(self, record, line: int | None = None):
        """Import one record in its own transaction; problems go to the report."""
        self.report.records += 1
        if isinstance(record, RecordError):
            self.report.fail("", str(record), line=line)
            return
        url = source_url(record)
        errors = validate_record(record)
        if errors:
            self.report.fail(url, " ".join(errors), line=line)
            return
        for key in ignored_keys(record):
            self.report.warn(
                "ignored_field", url, _("Unknown field ignored: %(key)s") % {"key": key}
            )
        source = record["source"]
        system = source.get("system") or self.system
        if system != self.system:
            self.report.fail(
                url,
                _("The record comes from %(system)s, the run from %(run)s.")
                % {"system": system, "run": self.system},
                line=line,
            )
            return
        self.resolver.note_source(source.get("url", ""))
        kind = record["type"]
        try:
            with transaction.atomic():
                outcome = self._import(record, url)
        except RecordInvalid as error:
            self.report.fail(url, str(error), line=line)
            self.report.by_type[kind]["failed"] += 1
            return
        except ValidationError as error:
            self.report.fail(url, _messages(error), line=line)
            self.report.by_type[kind]["failed"] += 1
            return
        except (IntegrityError, DataError) as error:
            # E.g. two records of one translation group in the same language, or a
            # value longer than its column: this item's problem, rolled back alone.
            self.report.fail(url, _("Could not be saved: %(error)s") % {"error": error}, line=line)
            self.report.by_type[kind]["failed"] += 1
            return
        self.report.count(outcome, kind)

    def _import(self, record: dict, url: str) -> str:
        source = record["source"]
        existing = (
            ImportedObject.objects.select_for_update()
            .filter(system=self.system, uid=source["uid"])
            .first()
        )
        print_ = fingerprint(record)
        if record.get("translation_key") and record["type"] in PAGE_TYPES:
            # Unchanged members count too: a run stopped before the end resumes the links.
            self._translation_keys.add(
                pages.translation_key_for(self.system, record["translation_key"])
            )
        if existing is not None and existing.fingerprint == print_:
            self._remember(existing)
            return "unchanged"
        if existing is not None and not self.options.update:
            self.report.warn(
                "source_changed",
                url,
                _("Changed in the source since the last import; run with --update to update it."),
            )
            return "skipped"
        kind = record["type"]
        if kind == "redirect":
            return self._import_redirect(record, url, existing, print_)
        if kind in ("document", "image"):
            return self._import_media(record, url, existing, print_)
        return self._import_page(record, url, existing, print_)

    # --- lookups (cached: a run touches few units, topics and index pages) ----------

    def unit(self, name: str) -> Unit | None:
        """The unit named ``name`` (name or short name, any case)."""
        key = name.strip().lower()
        if key not in self._units:
            self._units[key] = (
                Unit.objects.filter(Q(name__iexact=key) | Q(short_name__iexact=key))
                .order_by("pk")
                .first()
            )
        return self._units[key]

    def topic(self, name: str, url: str) -> Topic:
        """The topic named ``name`` (name, English name or slug), created when missing."""
        key = name.strip().lower()
        topic = self._topics.get(key)
        if topic is None:
            slug = slugify(name)[:100] or "amne"
            topic = Topic.objects.filter(
                Q(name__iexact=key) | Q(name_en__iexact=key) | Q(slug=slug)
            ).first()
            if topic is None:
                topic = Topic.objects.create(name=name.strip()[:100], slug=slug)
                self.report.warn(
                    "topic_created",
                    url,
                    _("The topic “%(name)s” was created.") % {"name": topic.name},
                )
                self.report.counts["topics_created"] += 1
            self._topics[key] = topic
        return topic

    def user(self, creators) -> object | None:
        """The first creator who is an Enkanal user, or None."""
        for name in creators or []:
            if name not in self._users:
                self._users[name] = get_user_model().objects.filter(username=name).first()
            if self._users[name] is not None:
                return self._users[name]
        return None

    def index_page(self, language: str, model) -> Page | None:
        """The index page for ``model`` under the home page of ``language``."""
        key = (language, model)
        if key not in self._index_pages:
            home = page_models.HomePage.objects.filter(locale__language_code=language).first()
            index_model = pages.INDEX_MODELS[model]
            self._index_pages[key] = (
                index_model.objects.child_of(home).first() if home is not None else None
            )
        return self._index_pages[key]

    def review_interval(self, model):
        """How long after the move in ``model``'s items are due for review (cached)."""
        if model not in self._review_intervals:
            self._review_intervals[model] = model().get_review_interval()
        return self._review_intervals[model]

    def content_type_id(self, model) -> int:
        """The content type id of ``model`` (cached)."""
        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.get_for_model(model).pk
        return self._content_types[model]

    def _conflict(self, url: str) -> str:
        """Report an item edited in Enkanal since its import: the source's change waits."""
        self.report.warn(
            "conflict",
            url,
            _("Changed in Enkanal since the import; the source's changes were not taken in."),
        )
        return "conflicts"

    def _remember(self, imported: ImportedObject):
        if imported.object_id is not None:
            self.resolver.remember(
                imported.uid,
                imported.source_path,
                Target(kind_for(imported.record_type), imported.object_id),
            )

    # --- pages ---------------------------------------------------------------------

    def _import_page(self, record: dict, url: str, existing, print_: str) -> str:
        model = pages.page_model(record["type"])
        language = record.get("locale") or pages.default_language()
        parent = self.index_page(language, model)
        if parent is None:
            raise RecordInvalid(
                _("The language “%(lang)s” has no home page with %(index)s.")
                % {"lang": language, "index": pages.INDEX_MODELS[model]._meta.verbose_name}
            )
        unit = self.unit(record["owner_unit"]) if record.get("owner_unit") else self.default_unit
        if unit is None:
            raise RecordInvalid(
                _("The unit “%(unit)s” does not exist.") % {"unit": record.get("owner_unit")}
                if record.get("owner_unit")
                else _("No owner unit: give owner_unit or --unit.")
            )
        codes, audience_note = pages.audience_codes(model, record)
        unknown = sorted(set(codes) - set(self._audiences))
        if unknown:
            raise RecordInvalid(_("Unknown audiences: %(codes)s") % {"codes": ", ".join(unknown)})
        if audience_note:
            self.report.warn("audiences_defaulted", url, audience_note)
        dates = pages.Dates(record)
        summary, lead, summary_note = pages.summary_and_lead(model, record)
        if summary_note == "summary_trimmed":
            self.report.warn(
                summary_note,
                url,
                _("The summary was shortened; the whole text comes first in the body."),
            )
        elif summary_note:
            self.report.warn(
                summary_note, url, _("The summary was missing and was taken from the body.")
            )
        base_url = record["source"].get("url", "")
        body = self.body.convert(record.get("body_html") or "", base_url, lead)
        user = self.user(record.get("creators"))
        fields = {
            "title": record["title"].strip()[:255],
            "draft_title": record["title"].strip()[:255],
            "seo_title": "",
            "summary": summary,
            "body": body.blocks,
            "owner_unit": unit,
            **pages.type_fields(model, record, dates, unit.name),
        }
        expired = pages.is_expired(dates)
        fields["expire_at"] = dates.expires
        if record.get("state", "published") == "published":
            # Reviewed from the move in, not from the old publication: historical dates
            # would make every imported item overdue and mail its unit's managers.
            fields["review_date"] = timezone.localdate() + self.review_interval(model)
        published = record.get("state", "published") == "published"
        external = bool(set(codes) & EXTERNAL_CODES)
        if existing is not None:
            page = existing.get_object()
            if page is None:
                existing.delete()  # deleted in Enkanal: import it again
                existing = None
            elif page.latest_revision_id != existing.revision_id:
                return self._conflict(url)
        if existing is None:
            page = model(
                slug=pages.unique_slug(parent, pages.default_slug(record)),
                locale=parent.locale,
                owner=user,
                **fields,
            )
            if record.get("translation_key"):
                page.translation_key = pages.translation_key_for(
                    self.system, record["translation_key"]
                )
            self._set_relations(page, model, record, codes, url)
            if published and not expired:
                page.internal_release_at = dates.release
                page.external_release_at = dates.release if external else None
            revision = insert_page(
                parent,
                page,
                user=user,
                dates=dates,
                live=published and not expired,
                expired=published and expired,
                # In the same insert as the page's other log rows; it gets the revision.
                extra_logs=[self._log_entry(page, record, None, dates, url)],
            )
        else:
            for name, value in fields.items():
                setattr(page, name, value)
            self._set_relations(page, model, record, codes, url)
            revision = self._update_page(page, user, dates, published, expired)
            self._log(page, record, revision, dates, url)
        if published and expired:
            self.report.warn("expired", url, _("Expired in the source: imported as expired."))
        if not published:
            self.report.count("drafts")
        if published:
            pages.set_release(page, dates, external, new=existing is None)
        written = {"redirects": self._redirects(record, page, url, existing)}
        imported = self._store(existing, record, page, revision, print_, written)
        if body.unresolved:
            imported.pending = {
                "body_html": record.get("body_html") or "",
                "base_url": base_url,
                "lead": lead,
            }
            imported.save(update_fields=["pending"])
        return "updated" if existing is not None else "imported"

    def _update_page(self, page, user, dates, published: bool, expired: bool):
        """Bring a page imported before up to date the Wagtail way; its new revision."""
        revision = page.save_revision(user=user, clean=True)
        if published and not expired:
            revision.publish(user=user, log_action=False, skip_permission_checks=True)
            page.refresh_from_db()
            pages.set_history(page, dates, revision, live=True)
        else:
            if published:
                pages.mark_expired(page)
            elif page.live:
                page.unpublish(log_action=False)
            pages.set_history(page, dates, revision, live=published)
        return revision

    def _set_relations(self, page, model, record: dict, codes, url: str):
        page.audiences = [self._audiences[code] for code in codes]
        page.topics = [self.topic(name, url) for name in record.get("topics") or [] if name.strip()]
        if model is page_models.StaffBulletinPage:
            targets = []
            for name in (record.get("bulletin") or {}).get("target_units") or []:
                unit = self.unit(name)
                if unit is None:
                    raise RecordInvalid(_("The unit “%(unit)s” does not exist.") % {"unit": name})
                targets.append(unit)
            page.target_units = targets

    def _log(self, obj, record: dict, revision, dates, url: str):
        """Write the item's ``enkanal.import`` log row."""
        entry = self._log_entry(obj, record, revision, dates, url)
        # Inserted without the per-row validation of LogEntry.save (a query for each
        # reference the item's transaction just wrote; the action is this app's own).
        type(entry).objects.bulk_create([entry])

    def _log_entry(self, obj, record: dict, revision, dates, url: str):
        """The unsaved ``enkanal.import`` row of ``obj`` (a page, document or image)."""
        source = record["source"]
        return log_entry(
            obj,
            IMPORT_ACTION,
            user=self.user(record.get("creators")),
            revision=revision,
            data={
                "source_url": url,
                "system": self.system,
                "uid": source["uid"],
                "creators": record.get("creators") or [],
                "dates": dates.to_log() if dates else {},
                "state": record.get("state", "published"),
            },
        )

    def _store(
        self, existing, record: dict, obj, revision, print_: str, written=None
    ) -> ImportedObject:
        source = record["source"]
        path = source.get("path") or urlsplit(source.get("url") or "").path
        values = {
            "record_type": record["type"],
            "content_type_id": self.content_type_id(type(obj)) if obj is not None else None,
            "object_id": obj.pk if obj is not None else None,
            "source_url": redact(source.get("url") or "")[:1000],
            "source_path": normalise_path(path)[:1000] if path else "",
            "source_modified": pages.Dates(record).modified,
            "fingerprint": print_,
            "revision": revision,
            "pending": {},
            "written": written or {},
        }
        if existing is None:
            imported = ImportedObject.objects.create(
                system=self.system, uid=source["uid"], **values
            )
        else:
            for name, value in values.items():
                setattr(existing, name, value)
            existing.save()
            imported = existing
        self._remember(imported)
        return imported

    # --- redirects -----------------------------------------------------------------

    def _old_paths(self, record: dict) -> list[str]:
        source = record["source"]
        paths = [source.get("path") or urlsplit(source.get("url") or "").path]
        paths += [urlsplit(u).path for u in record.get("old_urls") or []]
        seen, result = set(), []
        for path in paths:
            if not path or path.strip("/") == "":
                continue
            normalised = Redirect.normalise_path(path)
            if normalised not in seen and len(normalised) <= 255:
                seen.add(normalised)
                result.append(normalised)
        return result

    def _redirects(self, record: dict, target, url: str, existing=None, paths=None) -> dict:
        """Old paths of ``record`` → ``target`` (a page or a ``Link``); what was written.

        ``existing`` is the item's ``ImportedObject`` from an earlier run: redirects it
        made that an editor changed since are left alone and reported.
        """
        paths = paths if paths is not None else self._old_paths(record)
        before = (existing.written or {}).get("redirects") if existing is not None else None
        outcome = write_redirects(paths, target, before)
        if outcome.created:
            self.report.count("redirects", n=outcome.created)
        if outcome.updated:
            self.report.count("redirects_updated", n=outcome.updated)
        for path in outcome.taken:
            self.report.warn(
                "redirect_exists",
                url,
                _("The redirect from %(path)s already leads somewhere else.") % {"path": path},
            )
        for path in outcome.conflicts:
            self.report.warn(
                "redirect_conflict",
                url,
                _(
                    "The redirect from %(path)s was changed or removed in Enkanal since the "
                    "import; it was left as it is."
                )
                % {"path": path},
            )
        self._redirect_conflicts = bool(outcome.conflicts)
        return outcome.written

    def _import_redirect(self, record: dict, url: str, existing, print_: str) -> str:
        if record.get("target_url"):
            target = self._address_target(record["target_url"])
        else:
            target = self._redirect_target(record["target_uid"])
        if target is None:
            # The item it leads to comes later in the run (or never): at the end.
            imported = self._store(existing, record, None, None, print_)
            imported.pending = {
                "redirect": self._old_paths(record),
                **{key: record[key] for key in ("target_uid", "target_url") if record.get(key)},
            }
            imported.save(update_fields=["pending"])
            return "updated" if existing is not None else "imported"
        written = {"redirects": self._redirects(record, target, url, existing)}
        if existing is not None and self._redirect_conflicts:
            # The redirect is the item: edited in Enkanal, it is a conflict. The source's
            # change stays unrecorded, so every later --update reports it again.
            return self._conflict(url)
        self._store(existing, record, None, None, print_, written)
        return "updated" if existing is not None else "imported"

    def _address_target(self, address: str):
        """What a redirect to ``address`` leads to: an item imported from the old site
        at that address (None until it is imported), else the other site's address.

        plone.restapi gives a Link to an item of the same site as that item's address.
        """
        if not self.resolver.is_old_site(address):
            return Link(web_address(address))
        found = self.resolver.resolve(address)
        return self._target_object(found.kind, found.id) if found is not None else None

    def _redirect_target(self, uid: str):
        row = (
            ImportedObject.objects.filter(system=self.system, uid=uid, object_id__isnull=False)
            .exclude(record_type="redirect")
            .values_list("record_type", "object_id")
            .first()
        )
        return self._target_object(kind_for(row[0]), row[1]) if row is not None else None

    @staticmethod
    def _target_object(kind: str, object_id: int):
        """A page, or the ``Link`` to a document's or an image's address (see _import_media)."""
        if kind == "page":
            return Page.objects.filter(pk=object_id).first()
        if kind == "document":
            document = EnkanalDocument.objects.filter(pk=object_id).first()
            return Link(document.url) if document is not None else None
        return Link(reverse("api_image", args=[object_id]))

    # --- documents and images ------------------------------------------------------

    def _import_media(self, record: dict, url: str, existing, print_: str) -> str:
        obj = existing.get_object() if existing is not None else None
        state = (existing.written or {}).get("object") if existing is not None else None
        if obj is not None and state is not None and media_state(obj) != state:
            return self._conflict(url)
        data = read_binary(record, self.fetch, self.options.base_dir)
        obj = build_media(record, data, existing=obj)
        if record["type"] == "image" and not (record.get("alt") or "").strip():
            self.report.warn(
                "alt_text_missing", url, _("The image had no alternative text; the title is used.")
            )
        obj.full_clean(exclude=["file_hash", "collection"])
        obj.save()
        self._log(obj, record, None, pages.Dates(record), url)
        # The old address leads to the file's own address on the CMS (an image's is the
        # delivery API's ``api_image``), which the by-path lookup the frontends use
        # answers for readers who may have the file.
        target = self._target_object(record["type"], obj.pk)
        written = {
            "redirects": self._redirects(record, target, url, existing),
            "object": media_state(obj),
        }
        self._store(existing, record, obj, None, print_, written)
        return "updated" if existing is not None else "imported"

    # --- the end of the run ----------------------------------------------------------

    def finish(self):
        """Resolve what waited for later records and link the translation groups."""
        for imported in ImportedObject.objects.filter(system=self.system).exclude(pending={}):
            with transaction.atomic():
                if "redirect" in imported.pending:
                    self._finish_redirect(imported)
                else:
                    self._finish_body(imported)
        with transaction.atomic():
            linked = link_translations(self._translation_keys)
        if linked:
            self.report.count("translations_linked", n=linked)

    def _finish_redirect(self, imported: ImportedObject):
        pending = imported.pending
        if pending.get("target_url"):
            target = self._address_target(pending["target_url"])
        else:
            target = self._redirect_target(pending["target_uid"])
        if target is None:
            self.report.warn(
                "redirect_unresolved",
                imported.source_url,
                _("The redirect's target %(target)s was not imported.")
                % {"target": pending.get("target_url") or pending.get("target_uid")},
            )
            return
        record = {"source": {"path": "", "url": ""}, "old_urls": []}
        written = self._redirects(
            record, target, imported.source_url, imported, paths=pending["redirect"]
        )
        ImportedObject.objects.filter(pk=imported.pk).update(
            pending={}, written={"redirects": written}
        )

    def _finish_body(self, imported: ImportedObject):
        page = imported.get_object()
        if page is None:
            return
        pending = imported.pending
        body = self.body.convert(pending["body_html"], pending["base_url"], pending["lead"])
        for link in body.unresolved:
            self.report.warn(
                "link_unresolved",
                imported.source_url,
                _(
                    "The link %(link)s could not be tied to anything imported; it points to the "
                    "old address."
                )
                % {"link": link},
            )
        if not body.unresolved:
            ImportedObject.objects.filter(pk=imported.pk).update(pending={})
        stored = [(block["type"], block["value"]) for block in page.body.raw_data]
        if stored == [(block["type"], block["value"]) for block in body.blocks]:
            return  # nothing new resolved since the last run
        page.body = body.blocks
        page.save(update_fields=["body"], clean=False)
        if imported.revision_id:
            # The import's own revision keeps the rewritten body, so the item still
            # counts as unedited in Enkanal (``--update`` and conflicts).
            revision = imported.revision
            revision.content["body"] = page.serializable_data()["body"]
            type(revision).objects.filter(pk=revision.pk).update(content=revision.content)
        # Picked up by the bulk search update at the end of the run.
        ImportedObject.objects.filter(pk=imported.pk).update(updated_at=timezone.now())
