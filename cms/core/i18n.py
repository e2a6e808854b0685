"""The project's gettext catalogues: extract, update, check and compile, in pure Python.

Every app keeps its own catalogues (``<app>/locale/<lang>/LC_MESSAGES/django.po``, as in
Wagtail and Django); ``cms/locale`` holds the project's own strings and the Swedish for
strings that Wagtail ships untranslated. The sites (``frontend``) have theirs too.

GNU gettext is not needed anywhere: messages are found with Python's tokenizer (in
templates after Django's own ``templatize``, which is what ``makemessages`` runs), and
the ``.mo`` files are written with polib. So a fresh clone, the image build and the
test run compile the catalogues the same way::

    python -m cms.core.i18n compile   # every .po to its .mo (the build, the tests)
    python -m cms.core.i18n update    # add new msgids to every catalogue, drop gone ones
    python -m cms.core.i18n check     # what is missing or untranslated, exit 1 if any

A source file belongs to the catalogue of the nearest folder above it with a
``locale`` folder, the same rule ``makemessages`` follows when run in an app.
"""

from __future__ import annotations

import ast
import io
import os
import sys
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
#: The folders whose code is translated (the project's packages).
SOURCES = ("cms", "search", "frontend")
LANGUAGES = ("sv", "en")
#: The language whose every msgid must have a translation (the default everywhere).
REQUIRED = "sv"
#: Catalogues that also translate other packages' msgids (Wagtail's, overridden or
#: missing in its Swedish): ``update`` keeps entries it does not find in our code.
OVERRIDES = ("cms/locale",)
TEMPLATE_SUFFIXES = (".html", ".txt")
#: No wrapping: one line per msgid and msgstr keeps diffs and searches simple.
WRAP = 0
SKIPPED_PARTS = {"migrations", "__pycache__", "static", "locale"}

#: gettext functions and what their leading arguments are.
KEYWORDS = {
    "_": ("msgid",),
    "gettext": ("msgid",),
    "gettext_lazy": ("msgid",),
    "gettext_noop": ("msgid",),
    "pgettext": ("msgctxt", "msgid"),
    "pgettext_lazy": ("msgctxt", "msgid"),
    "ngettext": ("msgid", "msgid_plural"),
    "ngettext_lazy": ("msgid", "msgid_plural"),
    "npgettext": ("msgctxt", "msgid", "msgid_plural"),
    "npgettext_lazy": ("msgctxt", "msgid", "msgid_plural"),
}
HEADER = (
    "{language_name} messages of {domain}.\n"
    "This file is distributed under the same license as the Enkanal package."
)
LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}


@dataclass
class Message:
    """One msgid found in the code, with where it was found."""

    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    python_format: bool = False
    occurrences: list[tuple[str, str]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid


def _literal(tokens: list[tokenize.TokenInfo]) -> str | None:
    """The value of an argument made only of (implicitly joined) plain string literals."""
    if not tokens or any(t.type != tokenize.STRING for t in tokens):
        return None
    if any(t.string.lstrip("rRuU")[:1] not in ("'", '"') for t in tokens):
        return None  # f-strings and bytes are never msgids
    return "".join(ast.literal_eval(t.string) for t in tokens)


def scan(source: str) -> Iterator[tuple[str, list[str | None], int]]:
    """``(function, literal arguments, line)`` for each gettext call in Python source."""
    skip = {tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT}
    tokens = [
        t for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in skip
    ]
    for index, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in KEYWORDS:
            continue
        if tokens[index + 1].string != "(" or (index and tokens[index - 1].string in (".", "def")):
            continue
        args: list[str | None] = []
        current: list[tokenize.TokenInfo] = []
        depth = 0
        for inner in tokens[index + 2 :]:
            if inner.type == tokenize.OP and inner.string in "([{":
                depth += 1
            elif inner.type == tokenize.OP and inner.string in ")]}":
                if depth == 0:
                    args.append(_literal(current))
                    break
                depth -= 1
            elif inner.type == tokenize.OP and inner.string == "," and depth == 0:
                args.append(_literal(current))
                current = []
                continue
            current.append(inner)
        yield token.string, args, token.start[0]


def _python_format(text: str) -> bool:
    import re

    return bool(re.search(r"%(\([^)]+\))?[-#0 +]*\d*(\.\d+)?[sdifr]", text))


def messages_in(source: str, origin: str) -> Iterator[Message]:
    """The msgids of one Python (or templatized template) source."""
    for function, args, line in scan(source):
        roles = KEYWORDS[function]
        values = dict(zip(roles, args, strict=False))
        if len(args) < len(roles) or any(values[role] is None for role in roles):
            continue  # a computed msgid: nothing to extract
        message = Message(
            msgid=values["msgid"],
            msgctxt=values.get("msgctxt"),
            msgid_plural=values.get("msgid_plural"),
        )
        message.python_format = _python_format(message.msgid) or bool(
            message.msgid_plural and _python_format(message.msgid_plural)
        )
        message.occurrences.append((origin, str(line)))
        yield message


def template_source(path: Path) -> str:
    """A template as the Python-like source ``makemessages`` hands to xgettext."""
    from django.utils.translation.template import templatize

    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    # Each call is on one line; the indentation of the markup around it means nothing.
    return "\n".join(line.lstrip() for line in source.splitlines())


def owner(path: Path, root: Path = ROOT) -> Path:
    """The folder whose ``locale`` catalogues hold the msgids of ``path``."""
    for folder in path.parents:
        if (folder / "locale").is_dir():
            return folder
        if folder == root:
            break
    raise LookupError(f"{path} is in no folder with a locale folder")


def source_files(root: Path = ROOT) -> Iterator[Path]:
    """Python files and templates of the project's packages."""
    for top in SOURCES:
        for path in sorted((root / top).rglob("*")):
            relative = path.relative_to(root).parts
            if SKIPPED_PARTS & set(relative[:-1]) or not path.is_file():
                continue
            if path.suffix == ".py" or (
                path.suffix in TEMPLATE_SUFFIXES and "templates" in relative
            ):
                yield path


def extract(root: Path = ROOT) -> dict[Path, dict[tuple[str | None, str], Message]]:
    """Every msgid in the code, by the folder whose catalogues hold it."""
    found: dict[Path, dict[tuple[str | None, str], Message]] = {}
    for path in source_files(root):
        folder = owner(path, root)
        source = path.read_text(encoding="utf-8")
        if path.suffix != ".py":
            source = template_source(path)
        origin = path.relative_to(folder).as_posix()
        bucket = found.setdefault(folder, {})
        for message in messages_in(source, origin):
            known = bucket.setdefault(message.key, message)
            if known is not message:
                known.occurrences += message.occurrences
                known.python_format |= message.python_format
                known.msgid_plural = known.msgid_plural or message.msgid_plural
    return found


def catalogue_path(folder: Path, language: str) -> Path:
    return folder / "locale" / language / "LC_MESSAGES" / "django.po"


def catalogues(root: Path = ROOT) -> list[Path]:
    """Every ``.po`` file of the project (``django`` and ``djangojs``)."""
    return sorted(
        path
        for top in SOURCES
        for path in (root / top).rglob("locale/*/LC_MESSAGES/*.po")
        if ".venv" not in path.parts
    )


def compile_catalogues(root: Path = ROOT, *, force: bool = True) -> list[Path]:
    """Write each catalogue's ``.mo`` next to it (untranslated and fuzzy entries left out).

    Without ``force`` only the ``.mo`` files older than their ``.po`` are written. Each
    is written under another name and then renamed, so a process reading it (a test
    worker, a running server) never sees half a file.
    """
    written = []
    for po_path in catalogues(root):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        os.replace(partial, mo_path)
        written.append(mo_path)
    return written


def _new_catalogue(folder: Path, language: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP)
    po.header = HEADER.format(
        language_name=LANGUAGE_NAMES.get(language, language), domain=folder.name
    )
    po.metadata = {
        "Project-Id-Version": "Enkanal",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    return po


def update(root: Path = ROOT, languages: Iterable[str] = LANGUAGES) -> dict[Path, int]:
    """Bring every catalogue in step with the code; the number of msgids added to each.

    New msgids come in untranslated, msgids no longer in the code go (except in the
    override catalogues), translations and translators' comments stay.
    """
    added: dict[Path, int] = {}
    found = extract(root)
    for folder in sorted({*found, *(p.parents[3] for p in catalogues(root))}):
        messages = found.get(folder, {})
        keep_unknown = (folder / "locale").relative_to(root).as_posix() in OVERRIDES
        for language in languages:
            path = catalogue_path(folder, language)
            po = polib.pofile(str(path), wrapwidth=WRAP) if path.exists() else None
            po = po or _new_catalogue(folder, language)
            entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
            count = 0
            for key, message in sorted(messages.items(), key=lambda kv: (kv[0][1], kv[0][0] or "")):
                entry = entries.get(key)
                if entry is None:
                    entry = polib.POEntry(msgid=message.msgid, msgctxt=message.msgctxt)
                    if message.msgid_plural:
                        entry.msgid_plural = message.msgid_plural
                        entry.msgstr_plural = {0: "", 1: ""}
                    po.append(entry)
                    count += 1
                entry.occurrences = message.occurrences
                flags = [f for f in entry.flags if f != "python-format"]
                entry.flags = [*flags, "python-format"] if message.python_format else flags
            if not keep_unknown:
                for key, entry in entries.items():
                    if key not in messages:
                        po.remove(entry)
            path.parent.mkdir(parents=True, exist_ok=True)
            po.save(str(path))
            added[path] = count
    return added


@dataclass
class Report:
    """What ``check`` found: msgids without a catalogue entry, entries without Swedish."""

    missing: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.untranslated


def translated(entry: polib.POEntry) -> bool:
    """A non-fuzzy entry with every form translated."""
    if entry.fuzzy or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def check(root: Path = ROOT) -> Report:
    """Every msgid of the code in every catalogue of its app, and translated into Swedish."""
    report = Report()
    found = extract(root)
    for folder in sorted({*found, *(p.parents[3] for p in catalogues(root))}):
        name = folder.relative_to(root).as_posix()
        messages = found.get(folder, {})
        report.counts[name] = {"code": len(messages)}
        for language in LANGUAGES:
            path = catalogue_path(folder, language)
            if not path.exists():
                report.missing.append(f"{name}: no {language} catalogue")
                continue
            po = polib.pofile(str(path))
            entries = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
            report.counts[name][language] = len(entries)
            report.counts[name][f"{language}_translated"] = sum(map(translated, entries.values()))
            for key in messages:
                if key not in entries:
                    report.missing.append(f"{path.relative_to(root)}: {key[1]!r}")
            if language == REQUIRED:
                report.untranslated += [
                    f"{path.relative_to(root)}: {entry.msgid!r}"
                    for entry in entries.values()
                    if not translated(entry)
                ]
    return report


def main(argv: list[str] | None = None) -> int:
    """``python -m cms.core.i18n compile|update|check``."""
    command = (argv if argv is not None else sys.argv[1:]) or ["check"]
    if command[0] == "compile":
        for path in compile_catalogues():
            print(f"compiled {path.relative_to(ROOT)}")
        return 0
    if command[0] == "update":
        for path, count in update().items():
            print(f"{path.relative_to(ROOT)}: {count} new")
        return 0
    if command[0] == "check":
        report = check()
        for name, counts in report.counts.items():
            print(name, " ".join(f"{key}={value}" for key, value in counts.items()))
        for line in report.missing:
            print(f"missing: {line}")
        for line in report.untranslated:
            print(f"untranslated: {line}")
        return 0 if report.ok else 1
    print(main.__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
