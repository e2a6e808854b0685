"""Plone content (plone.restapi or collective.exportimport JSON) → Enkanal import records.

One :class:`Mapper` maps the items of one site in path order (``sort_on=path``) and
collects what it leaves out as report lines. Folders and collections become ``redirect``
records once the walk is over (:meth:`Mapper.finish`), because their targets depend on
the items below them.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from cms.core.addresses import web_address
from cms.snippets.models.audiences import EXTERNAL_CODES

from .config import Rules, path_matches

SCHEMA = "enkanal.import/1"
SYSTEM = "plone"

#: Plone's structural containers: never content, never reported.
STRUCTURAL_TYPES = frozenset({"Plone Site", "LRF", "LIF"})
#: Page types a folder or collection may redirect to (never to a file or an image).
PAGE_TYPES = ("news", "notice", "press_release", "staff_bulletin")
#: Plone's views of a file or an image (below its path) that old links use.
MEDIA_VIEWS = {
    "document": ("@@download/file", "@@display-file/file"),
    "image": ("@@images/image", "@@download/image", "image_view_fullscreen"),
}
#: A Link to an item of the same site (``${portal_url}/resolveuid/<uid>``).
_RESOLVEUID = re.compile(r"/resolve[uU][iI][dD]/([^/?#]+)")


@dataclass
class Skip:
    """An item left out, and why (a report line)."""

    url: str
    reason: str


@dataclass
class _PendingRedirect:
    """A folder or collection waiting for the end of the walk to learn its target."""

    record: dict
    kinds: Counter = field(default_factory=Counter)
    #: Record type → (published, uid) of its newest published item below the folder.
    newest: dict = field(default_factory=dict)
    #: For a collection: the record types its query asks for.
    wanted: tuple = ()


def _token(value):
    """A vocabulary value as restapi gives it (``{"token": …}``) or as a plain string."""
    if isinstance(value, dict):
        return value.get("token") or ""
    return value or ""


def _rich_text(value):
    """The HTML of a rich-text field (``{"data": …}``) or a plain string."""
    if isinstance(value, dict):
        return value.get("data") or ""
    return value or ""


class Mapper:
    """Maps the items of one Plone site, whose root is ``site_url``, to records."""

    def __init__(self, rules: Rules, site_url: str, *, translation_groups=None):
        self.rules = rules
        self.site_url = site_url.rstrip("/")
        self._site_path = urlsplit(self.site_url).path.rstrip("/")
        #: UID → translation key, when known up front (exportimport's translations file).
        self.translation_groups = translation_groups or {}
        self.skipped: list[Skip] = []
        self._pending: dict[str, _PendingRedirect] = {}
        self._collections: list[_PendingRedirect] = []
        self._newest: dict = {}

    # --- paths and dates --------------------------------------------------------

    def site_path(self, url):
        """The path of ``url`` relative to the site root (``/sv/nyheter/x``)."""
        path = urlsplit(url).path
        if self._site_path and (path == self._site_path or path.startswith(self._site_path + "/")):
            path = path[len(self._site_path) :]
        return path.rstrip("/") or "/"

    def _languages(self, item):
        roots = ((item.get("@components") or {}).get("translations") or {}).get("root") or {}
        return set(roots) or self.rules.languages

    def locale_and_rule_path(self, item, path):
        """The item's locale and its path without the language root folder (for rules)."""
        segments = path.strip("/").split("/")
        language = _token(item.get("language"))
        root = segments[0] if segments and segments[0] in self._languages(item) else ""
        rule_path = "/" + "/".join(segments[1:]) if root else path
        return (language or root or self.rules.default_locale), (rule_path.rstrip("/") or "/")

    def when(self, value):
        """An ISO 8601 date-time with its offset; Plone's naive ones are in the site's zone."""
        if not value:
            return None
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.rules.timezone)
        return moment.isoformat()

    def local_date(self, iso):
        """The local calendar date of an ISO date-time from :meth:`when`."""
        moment = datetime.datetime.fromisoformat(iso)
        return moment.astimezone(self.rules.timezone).date()

    # --- mapping ----------------------------------------------------------------

    def map(self, item):
        """The record for one Plone item, or ``None`` (structural, skipped or pending)."""
        portal_type = item.get("@type") or ""
        url = item.get("@id") or ""
        if portal_type in STRUCTURAL_TYPES:
            return None
        uid = item.get("UID")
        if not uid or not url:
            self.skipped.append(Skip(url, _("The object lacks a UID or @id.")))
            return None
        # Links in bodies and the addresses visitors know are URL paths: the record's
        # path is the URL's (the same as the site path where Plone is served at the
        # domain root, as public sites are); the rules see the site path.
        path = urlsplit(url).path.rstrip("/") or "/"
        locale, rule_path = self.locale_and_rule_path(item, self.site_path(url))
        rule = self.rules.type_rule(portal_type, rule_path)
        if rule is None or rule.type == "skip":
            self.skipped.append(
                Skip(
                    url,
                    _("No rule for %(type)s under %(path)s: skipped.")
                    % {"type": portal_type, "path": rule_path},
                )
            )
            return None
        record = self._base(item, rule.type, uid, url, path, locale)
        if rule.type == "redirect" and portal_type == "Link":
            return self._link(item, record, url)
        if rule.type == "redirect":
            self._hold_redirect(item, record, path, rule_path)
            return None
        self._fill(record, item, rule, rule_path)
        self._note_for_redirects(record, path)
        return record

    def _base(self, item, kind, uid, url, path, locale):
        record = {
            "schema": SCHEMA,
            "type": kind,
            "source": {"system": SYSTEM, "uid": uid, "url": url, "path": path},
            "locale": locale,
            "title": (item.get("title") or "").strip(),
            "slug": item.get("id") or path.rsplit("/", 1)[-1],
            "old_urls": [path],
        }
        key = self.translation_key(item, uid, self.site_path(url))
        if key:
            record["translation_key"] = key
        return record

    def translation_key(self, item, uid, path):
        """One key for a plone.app.multilingual translation group, else ``None``."""
        if uid in self.translation_groups:
            return self.translation_groups[uid]
        translations = ((item.get("@components") or {}).get("translations") or {}).get("items")
        if not translations:
            return None
        # restapi names the other members by URL only: the group's sorted paths are
        # the same key seen from every member.
        paths = sorted({path, *(self.site_path(t["@id"]) for t in translations if t.get("@id"))})
        return "plone:" + "|".join(paths)

    def _fill(self, record, item, rule, rule_path):
        kind = record["type"]
        state = self.state(item)
        record["state"] = state
        dates = {
            "created": self.when(item.get("created")),
            "modified": self.when(item.get("modified")),
            "published": self.when(item.get("effective")),
            "expires": self.when(item.get("expires")),
        }
        if state == "published" and not dates["published"]:
            dates["published"] = dates["created"]
        record["dates"] = {key: value for key, value in dates.items() if value}
        creators = [c for c in item.get("creators") or [] if c]
        if creators:
            record["creators"] = creators
        unit = self.rules.unit(rule_path)
        if unit:
            record["owner_unit"] = unit
        if kind in ("document", "image"):
            self._fill_media(record, item, rule_path)
            return
        record["summary"] = (item.get("description") or "").strip()
        record["body_html"] = _rich_text(item.get("text"))
        subjects = [s for s in item.get("subjects") or item.get("subject") or [] if s]
        if subjects:
            record["topics"] = subjects
        audiences = self.rules.audiences_for(rule_path)
        if audiences:
            record["audiences"] = list(audiences)
        if kind == "notice":
            record["notice"] = self._notice(record, item, rule_path)
            # On a notice board Plone's expiry is the removal date: past it, a notice
            # stays public in the archive instead of expiring.
            record["dates"].pop("expires", None)
        elif kind == "press_release":
            record["press"] = self._press(item, rule)
        elif item.get("@type") == "Event":
            record["body_html"] += self._event_paragraph(item)

    def state(self, item):
        """``published`` for Plone's published state, ``draft`` for every other state.

        Files and images have no workflow in Plone (``review_state`` is null): they are
        as visible as their folder, so they count as published.
        """
        review_state = item.get("review_state")
        if review_state is None and item.get("@type") in ("File", "Image"):
            return "published"
        return "published" if review_state == "published" else "draft"

    def _notice(self, record, item, rule_path):
        dates = record["dates"]
        notice = {"kind": self.rules.notice_kind(rule_path, record["title"])}
        if notice["kind"] == "meeting":
            start = self.when(item.get("start"))
            if start:
                notice["meeting_date"] = start
                if item.get("location"):
                    notice["meeting_location"] = item["location"]
            else:
                # A meeting notice needs the meeting's time, which only an Event has.
                notice["kind"] = "other"
                self.skipped.append(
                    Skip(
                        record["source"]["url"],
                        _(
                            "A notice of meeting without a meeting time in Plone: imported as "
                            "another notice."
                        ),
                    )
                )
        posted = dates.get("published")
        if posted:
            notice["posting_date"] = self.local_date(posted).isoformat()
            if dates.get("expires"):
                removal = self.local_date(dates["expires"])
            else:
                removal = self.local_date(posted) + datetime.timedelta(days=self.rules.notice_days)
            notice["removal_date"] = removal.isoformat()
        elif dates.get("expires"):
            notice["removal_date"] = self.local_date(dates["expires"]).isoformat()
        if notice["kind"] == "adjusted_minutes":
            # Plone knows neither: minutes are posted when adjusted, kept where the
            # rules say.
            if notice.get("posting_date"):
                notice["adjustment_date"] = notice["posting_date"]
            if self.rules.minutes_location:
                notice["minutes_location"] = self.rules.minutes_location
        return notice

    def _press(self, item, rule):
        press = {"kind": rule.press_kind or "press_release"}
        if item.get("@type") == "Event":
            press["kind"] = rule.press_kind or "press_invitation"
            for key, source in (("event_start", "start"), ("event_end", "end")):
                value = self.when(item.get(source))
                if value:
                    press[key] = value
            if item.get("location"):
                press["location"] = item["location"]
        return press

    def _event_paragraph(self, item):
        """An event mapped to news keeps its time and place at the end of the body."""
        parts = []
        start = self.when(item.get("start"))
        if start:
            moment = datetime.datetime.fromisoformat(start).astimezone(self.rules.timezone)
            parts.append(moment.strftime("%Y-%m-%d %H:%M"))
        if item.get("location"):
            parts.append(str(item["location"]))
        if not parts:
            return ""
        return "<p>" + _("When and where: %(when)s") % {"when": ", ".join(parts)} + "</p>"

    def _fill_media(self, record, item, rule_path):
        kind = record["type"]
        field_name = "image" if kind == "image" else "file"
        blob = item.get(field_name) or {}
        file = self.file_of(blob)
        if file:
            record["file"] = file
        # The addresses Plone serves the file at: the item, its view, its download.
        path = record["source"]["path"]
        old_urls = [path, f"{path}/view", *MEDIA_VIEWS[kind]]
        record["old_urls"] = [u if u.startswith("/") else f"{path}/{u}" for u in old_urls]
        audiences = self.rules.audiences_for(rule_path)
        if audiences and not set(audiences) & EXTERNAL_CODES:
            record["internal"] = True  # below a staff-only path (the intranet)
        elif kind == "document" and record["state"] == "published":
            # Anyone could download it at its address: it stays so without an item.
            record["public"] = True
        description = (item.get("description") or "").strip()
        if description:
            record["description"] = description
        if kind == "image":
            alt = description or record["title"]
            if alt:
                record["alt"] = alt

    def file_of(self, blob):
        """A record's ``file`` from a restapi blob field (a download URL)."""
        if not isinstance(blob, dict) or not blob.get("download"):
            return None
        return with_file_details({"url": blob["download"]}, blob)

    # --- folders and collections → redirects -------------------------------------

    def _link(self, item, record, url):
        """A Link: its old path redirects to its address (the item it names, if on the site)."""
        remote = (item.get("remoteUrl") or "").strip()
        record["title"] = record["title"] or record["slug"]
        match = _RESOLVEUID.search(remote)
        if self.state(item) != "published":
            reason = _("The link is not published: no redirect.")
        elif match:
            record["target_uid"] = match.group(1)
            return record
        elif web_address(remote):
            # Another site's address, or (as restapi gives a Link to an item of this
            # site) the item's own: the import leads it to the item imported from there.
            record["target_url"] = web_address(remote)
            return record
        else:
            reason = _("The link %(link)s cannot be redirected to.") % {"link": remote}
        self.skipped.append(Skip(url, reason))
        return None

    def _hold_redirect(self, item, record, path, rule_path):
        record["title"] = record["title"] or record["slug"]
        pending = _PendingRedirect(record=record)
        if item.get("@type") == "Collection":
            wanted = []
            for criterion in item.get("query") or []:
                if criterion.get("i") == "portal_type":
                    values = criterion.get("v")
                    for portal_type in values if isinstance(values, list) else [values]:
                        rule = self.rules.type_rule(portal_type, rule_path)
                        if rule and rule.type in PAGE_TYPES:
                            wanted.append(rule.type)
            pending.wanted = tuple(dict.fromkeys(wanted))
            self._collections.append(pending)
        else:
            self._pending[path] = pending

    def _note_for_redirects(self, record, path):
        """Count a mapped item for the folders above it (only published pages count)."""
        if record["type"] not in PAGE_TYPES or record["state"] != "published":
            return
        candidate = (record["dates"].get("published") or "", record["source"]["uid"])
        kind = record["type"]
        if candidate > self._newest.get(kind, ("", "")):
            self._newest[kind] = candidate
        parent = path
        while "/" in parent.strip("/"):
            parent = parent.rsplit("/", 1)[0]
            pending = self._pending.get(parent)
            if pending is not None:
                pending.kinds[kind] += 1
                if candidate > pending.newest.get(kind, ("", "")):
                    pending.newest[kind] = candidate

    def finish(self):
        """The redirect records of the folders and collections seen, once all items are.

        A folder redirects to the newest published item of the type most of its items
        map to (``/nyheter/2019`` → the newest news item of 2019); a collection to the
        newest item of the type its query asks for. One with nothing to point at is
        reported and left out.
        """
        records = []
        for pending in [*self._pending.values(), *self._collections]:
            target = None
            if pending.wanted:
                found = [self._newest[k] for k in pending.wanted if k in self._newest]
                target = max(found) if found else None
            elif pending.kinds:
                kind = pending.kinds.most_common(1)[0][0]
                target = pending.newest[kind]
            record = pending.record
            if target is None:
                self.skipped.append(
                    Skip(
                        record["source"]["url"],
                        _("The folder or collection has no published content to redirect to."),
                    )
                )
                continue
            record["target_uid"] = target[1]
            records.append(record)
        self._pending.clear()
        self._collections.clear()
        return records


def with_file_details(file, blob):
    """``file`` with the name, content type and size of a Plone blob field added."""
    if blob.get("filename"):
        file["filename"] = blob["filename"]
    if blob.get("content-type"):
        file["content_type"] = blob["content-type"]
    if isinstance(blob.get("size"), int):
        file["size"] = blob["size"]
    return file


def inside(path, prefix):
    """Whether a site path lies at or below ``prefix`` (for ``--path``)."""
    return path_matches(prefix.rstrip("/"), path)
