"""The mapping rules of a Plone import, read from a TOML file (``rules.toml`` by default)."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

#: The rules used when the command is given no ``--config``.
DEFAULT_RULES = Path(__file__).with_name("rules.toml")

#: Record types a type rule may name (``skip`` leaves the item out, with a report line).
RECORD_TYPES = frozenset(
    {"news", "notice", "press_release", "staff_bulletin", "document", "image", "redirect", "skip"}
)
PRESS_KINDS = frozenset({"press_release", "press_invitation"})
NOTICE_KINDS = frozenset({"meeting", "adjusted_minutes", "delegated_decision", "other"})


class RulesError(ValueError):
    """The rules file cannot be read or says something the import cannot do."""


def _norm_path(value):
    """``/a/b/`` and ``a/b`` both become ``/a/b``; the root is ``""``."""
    return "/" + str(value).strip("/") if str(value).strip("/") else ""


def path_matches(prefix, path):
    """Whether ``path`` is ``prefix`` or lies below it (whole segments only)."""
    return not prefix or path == prefix or path.startswith(prefix + "/")


@dataclass(frozen=True)
class TypeRule:
    """Plone portal types under a path become one record type."""

    portal_types: tuple[str, ...]
    type: str
    path: str = ""
    press_kind: str | None = None


@dataclass(frozen=True)
class PathRule:
    """A value (a unit's name, a list of audiences, a notice kind) for a path prefix."""

    value: object
    path: str = ""
    title_contains: str = ""

    def matches(self, path, title=""):
        """Whether the rule applies to an item at ``path`` with ``title``."""
        if not path_matches(self.path, path):
            return False
        return not self.title_contains or self.title_contains.casefold() in title.casefold()


@dataclass(frozen=True)
class Rules:
    """All the rules of one import."""

    types: tuple[TypeRule, ...]
    units: tuple[PathRule, ...] = ()
    audiences: tuple[PathRule, ...] = ()
    notice_kinds: tuple[PathRule, ...] = ()
    default_locale: str = "sv"
    #: Language codes whose root folders (``/sv``, ``/en``) rules look through.
    languages: frozenset = frozenset({"sv", "en"})
    #: Days a notice without an expiry date stays posted.
    notice_days: int = 21
    #: Where adjusted minutes are kept (a notice of adjusted minutes must say so).
    minutes_location: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Stockholm"))

    def type_rule(self, portal_type, path):
        """The first type rule for ``portal_type`` at ``path``, or ``None``."""
        for rule in self.types:
            if portal_type in rule.portal_types and path_matches(rule.path, path):
                return rule
        return None

    @staticmethod
    def _first(rules, path, title=""):
        for rule in rules:
            if rule.matches(path, title):
                return rule.value
        return None

    def unit(self, path):
        """The owner unit's name for ``path``, or ``None`` (the command's ``--unit``)."""
        return self._first(self.units, path)

    def audiences_for(self, path):
        """The audiences for ``path``, or ``None`` (the type's default)."""
        return self._first(self.audiences, path)

    def notice_kind(self, path, title):
        """The notice kind for a notice at ``path`` titled ``title``."""
        return self._first(self.notice_kinds, path, title) or "other"


def _list(value):
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def parse_rules(data, source="rules"):
    """Build :class:`Rules` from the parsed TOML ``data``; raise :class:`RulesError`."""
    try:
        types = []
        for raw in data.get("types", []):
            rule = TypeRule(
                portal_types=_list(raw["portal_type"]),
                type=raw["type"],
                path=_norm_path(raw.get("path", "")),
                press_kind=raw.get("press_kind"),
            )
            if rule.type not in RECORD_TYPES:
                raise RulesError(
                    _("%(source)s: unknown type %(type)r.") % {"source": source, "type": rule.type}
                )
            if rule.press_kind is not None and rule.press_kind not in PRESS_KINDS:
                raise RulesError(
                    _("%(source)s: unknown press kind %(kind)r.")
                    % {"source": source, "kind": rule.press_kind}
                )
            types.append(rule)
        units = tuple(
            PathRule(value=raw["unit"], path=_norm_path(raw.get("path", "")))
            for raw in data.get("units", [])
        )
        audiences = tuple(
            PathRule(value=list(raw["audiences"]), path=_norm_path(raw.get("path", "")))
            for raw in data.get("audiences", [])
        )
        notice_kinds = []
        for raw in data.get("notice_kinds", []):
            if raw["kind"] not in NOTICE_KINDS:
                raise RulesError(
                    _("%(source)s: unknown notice kind %(kind)r.")
                    % {"source": source, "kind": raw["kind"]}
                )
            notice_kinds.append(
                PathRule(
                    value=raw["kind"],
                    path=_norm_path(raw.get("path", "")),
                    title_contains=raw.get("title_contains", ""),
                )
            )
        site = data.get("site", {})
        zone = ZoneInfo(site.get("timezone", "Europe/Stockholm"))
    except KeyError as missing:
        raise RulesError(
            _("%(source)s: a rule lacks %(key)s.") % {"source": source, "key": missing}
        ) from None
    except (ZoneInfoNotFoundError, ValueError) as error:
        if isinstance(error, RulesError):
            raise
        raise RulesError(f"{source}: {error}") from None
    return Rules(
        types=tuple(types),
        units=units,
        audiences=audiences,
        notice_kinds=tuple(notice_kinds),
        default_locale=site.get("default_locale", "sv"),
        languages=frozenset(site.get("languages", ["sv", "en"])),
        notice_days=int(site.get("notice_days", 21)),
        minutes_location=site.get("minutes_location", ""),
        timezone=zone,
    )


def load_rules(path=None):
    """Read the rules file at ``path`` (default: :data:`DEFAULT_RULES`)."""
    path = Path(path) if path else DEFAULT_RULES
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise RulesError(
            _("The rules file %(path)s cannot be read: %(error)s")
            % {"path": path, "error": error.strerror}
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise RulesError(
            _("The rules file %(path)s is not valid TOML: %(error)s")
            % {"path": path, "error": error}
        ) from None
    return parse_rules(data, source=str(path))
