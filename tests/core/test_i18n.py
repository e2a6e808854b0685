"""The gettext catalogues: compiled in pure Python, extracted like ``makemessages``."""

from __future__ import annotations

import gettext
import os
import re
import time
from pathlib import Path

import polib
import pytest

from cms.core import i18n


def _tree(tmp_path: Path) -> Path:
    """A project with one app (``cms/app``) and its Swedish and English catalogues."""
    app = tmp_path / "cms" / "app"
    (app / "templates" / "app").mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "views.py").write_text(
        "from django.utils.translation import gettext_lazy as _, pgettext\n"
        "LABEL = _('Unit')\n"
        'TITLE = _("A long text that "\n    "goes on")\n'
        'WORD = pgettext("noun", "Preview")\n'
        "COMPUTED = _(LABEL)\n"
        "NOT_A_CALL = obj._('Skipped')\n",
        encoding="utf-8",
    )
    (app / "templates" / "app" / "page.html").write_text(
        '{% load i18n %}\n  <h1>{% translate "Heading" %}</h1>\n'
        "    {% blocktranslate trimmed with n=count %}\n      {{ n }} items\n"
        "    in all{% endblocktranslate %}\n",
        encoding="utf-8",
    )
    for language, text in (("sv", "Enhet"), ("en", "")):
        folder = app / "locale" / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
        po.append(polib.POEntry(msgid="Unit", msgstr=text))
        po.save(str(folder / "django.po"))
    return tmp_path


class TestCompile:
    def test_every_catalogue_gets_its_mo(self, tmp_path):
        root = _tree(tmp_path)
        written = i18n.compile_catalogues(root)
        assert sorted(p.relative_to(root).as_posix() for p in written) == [
            "cms/app/locale/en/LC_MESSAGES/django.mo",
            "cms/app/locale/sv/LC_MESSAGES/django.mo",
        ]
        with open(written[1], "rb") as mo:
            assert gettext.GNUTranslations(mo).gettext("Unit") == "Enhet"

    def test_an_untranslated_entry_is_left_out(self, tmp_path):
        root = _tree(tmp_path)
        english = next(p for p in i18n.compile_catalogues(root) if "/en/" in p.as_posix())
        with open(english, "rb") as mo:
            assert gettext.GNUTranslations(mo).gettext("Unit") == "Unit"

    def test_an_up_to_date_mo_is_not_written_again(self, tmp_path):
        root = _tree(tmp_path)
        i18n.compile_catalogues(root)
        assert i18n.compile_catalogues(root, force=False) == []
        po = root / "cms/app/locale/sv/LC_MESSAGES/django.po"
        later = time.time() + 10
        os.utime(po, (later, later))
        assert i18n.compile_catalogues(root, force=False) == [po.with_suffix(".mo")]

    def test_the_command(self, capsys):
        assert i18n.main(["compile"]) == 0
        assert "compiled cms/api/locale/sv/LC_MESSAGES/django.mo" in capsys.readouterr().out


class TestExtract:
    def test_python_and_templates(self, tmp_path):
        found = i18n.extract(_tree(tmp_path))[tmp_path / "cms" / "app"]
        assert set(found) == {
            (None, "Unit"),
            (None, "A long text that goes on"),
            ("noun", "Preview"),
            (None, "Heading"),
            (None, "%(n)s items in all"),
        }
        assert found[(None, "%(n)s items in all")].python_format
        assert found[(None, "Heading")].occurrences == [("templates/app/page.html", "2")]

    def test_update_adds_new_msgids_and_drops_gone_ones(self, tmp_path):
        root = _tree(tmp_path)
        catalogue = root / "cms/app/locale/sv/LC_MESSAGES/django.po"
        po = polib.pofile(str(catalogue))
        po.append(polib.POEntry(msgid="Gone", msgstr="Borta"))
        po.save()
        added = i18n.update(root)
        assert added[catalogue] == 4
        entries = {e.msgid: e.msgstr for e in polib.pofile(str(catalogue))}
        assert entries["Unit"] == "Enhet", "translations are kept"
        assert "Gone" not in entries and entries["Heading"] == ""

    def test_a_file_outside_any_app_with_catalogues_is_an_error(self, tmp_path):
        (tmp_path / "search").mkdir()
        (tmp_path / "search" / "x.py").write_text("_('x')\n")
        with pytest.raises(LookupError):
            i18n.extract(tmp_path)


# The project's own catalogues, as they are in the repository.

#: Swedish words that are not also English ones, for telling a Swedish msgid (with å, ä
#: and ö they catch 691 of the 878 msgids the CMS had when they were Swedish).
SWEDISH_WORDS = {
    "adress", "aktiv", "alla", "ange", "anslag", "antagen", "att", "av", "avbryt", "avslutad",
    "beskrivning", "beslut", "besvarad", "bild", "bilder", "citat", "den", "det", "dokument",
    "du", "efter", "ej", "eller", "enhet", "enheten", "ett", "fakta", "fel", "filen", "finns",
    "från", "för", "grupp", "hanterad", "har", "hej", "hemlighet", "importerad", "inga",
    "ingen", "ingress", "inkommen", "innehållet", "inte", "kan", "kategori", "klar", "kod",
    "kontakt", "levererad", "logga", "med", "meddelande", "misslyckades", "mottagare", "namn",
    "nivå", "ny", "nyhet", "nyhetstips", "objekt", "och", "ogiltig", "ogiltiga", "ogiltigt",
    "okänd", "okänt", "om", "ordning", "pausa", "poster", "prenumeranter", "på", "rad",
    "radera", "regel", "rubrik", "saknas", "senaste", "sida", "sidan", "sidtyp", "ska",
    "skapad", "skickad", "skriv", "som", "svar", "synpunkt", "synpunkter", "tack", "telefon",
    "tilldelad", "titel", "totalt", "typ", "uppdaterad", "utkast", "utskick", "vecka", "vid",
    "är",
}  # fmt: skip
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifr%]")
FOUND = i18n.extract()
SWEDISH = [i18n.catalogue_path(folder, "sv") for folder in sorted(FOUND)]


def _name(path: Path) -> str:
    return path.relative_to(i18n.ROOT).as_posix()


def swedish(text: str) -> bool:
    """Whether a msgid reads as Swedish: å, ä or ö, or a word only Swedish has."""
    words = set(re.findall(r"[^\W\d_]+", text.lower()))
    return bool(re.search("[åäö]", text.lower())) or bool(words & SWEDISH_WORDS)


class TestTheProjectsCatalogues:
    @pytest.mark.parametrize("catalogue", SWEDISH, ids=_name)
    def test_every_swedish_entry_is_translated(self, catalogue):
        untranslated = [e.msgid for e in polib.pofile(str(catalogue)) if not i18n.translated(e)]
        assert not untranslated

    @pytest.mark.parametrize("folder", sorted(FOUND), ids=_name)
    def test_msgids_in_the_code_are_english(self, folder):
        assert not [key for key in FOUND[folder] if swedish(key[1])]

    def test_the_swedish_test_knows_swedish(self):
        assert swedish("Länken är ogiltig.") and swedish("Tipsa om en nyhet")
        assert not swedish("Send a news tip") and not swedish("Ekby Municipality · Storgatan 1")

    def test_every_msgid_of_the_code_is_in_its_apps_catalogues(self):
        """What ``makemessages`` would add is already there, in Swedish and English."""
        report = i18n.check()
        assert not report.missing
        assert not report.untranslated
        assert set(report.counts) >= {
            "cms/api", "cms/core", "cms/mail", "cms/workflows", "search", "frontend",
        }  # fmt: skip

    @pytest.mark.parametrize("catalogue", i18n.catalogues(), ids=_name)
    def test_catalogues_compile_and_keep_their_placeholders(self, catalogue, tmp_path):
        po = polib.pofile(str(catalogue))
        po.save_as_mofile(str(tmp_path / "django.mo"))
        with open(tmp_path / "django.mo", "rb") as mo:
            compiled = gettext.GNUTranslations(mo)
        for entry in (e for e in po if i18n.translated(e) and e.msgid):
            if entry.msgid_plural:
                # A plural form may leave out the number ("one translation").
                given = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
                for form in entry.msgstr_plural.values():
                    assert set(PLACEHOLDER.findall(form)) <= given, entry.msgid
            else:
                assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(
                    PLACEHOLDER.findall(entry.msgid)
                ), entry.msgid
                key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
                assert compiled.gettext(key) == entry.msgstr

    def test_swedish_is_ours_in_the_merged_catalogue(self):
        """Django merges every app's catalogue: our msgids read as our catalogues say.

        ``cms/locale`` (``LOCALE_PATHS``) comes before every app's catalogue, so an
        entry there would win over an app's.
        """
        from django.utils import translation

        clashes = []
        with translation.override("sv"):
            for entry in _cms_entries():
                if entry.msgctxt:
                    effective = translation.pgettext(entry.msgctxt, entry.msgid)
                else:
                    effective = translation.gettext(entry.msgid)
                if effective != entry.msgstr:
                    clashes.append((entry.msgid, entry.msgstr, effective))
        assert not clashes

    def test_no_other_package_translates_our_msgids_otherwise(self):
        """Our apps come first in INSTALLED_APPS, so their Swedish wins over Wagtail's.

        An English msgid that Wagtail, Django or another package translates otherwise
        would change their words in the admin: it needs a context or another wording.
        """
        import django
        from django.apps import apps

        ours = {Path(config.path) for config in apps.get_app_configs()}
        ours = {path for path in ours if path.is_relative_to(i18n.ROOT)}
        folders = [Path(config.path) / "locale" for config in apps.get_app_configs()]
        folders.append(Path(django.__file__).parent / "conf" / "locale")
        theirs: dict[tuple[str | None, str], str] = {}
        for folder in folders:
            if folder.parent in ours or not folder.is_dir():
                continue
            # Their Swedish, and (from two other languages) the msgids they use: one
            # they leave untranslated in Swedish reads as its English msgid there.
            for language in ("de", "fr", "sv"):
                for mo_path in folder.glob(f"{language}/LC_MESSAGES/django.mo"):
                    for entry in polib.mofile(str(mo_path)):
                        key = (entry.msgctxt or None, entry.msgid)
                        if language == "sv" and entry.msgstr:
                            theirs[key] = entry.msgstr
                        else:
                            theirs.setdefault(key, entry.msgid)
        clashes = [
            (entry.msgid, entry.msgstr, theirs[key])
            for entry in _cms_entries()
            if (key := (entry.msgctxt or None, entry.msgid)) in theirs
            and theirs[key] != entry.msgstr
        ]
        assert not clashes


def _cms_entries() -> list[polib.POEntry]:
    """The translated singular entries of the CMS's Swedish app catalogues (not the sites')."""
    return [
        entry
        for catalogue in SWEDISH
        if not _name(catalogue).startswith(("frontend/", "cms/locale/"))
        for entry in polib.pofile(str(catalogue))
        if not entry.msgid_plural and i18n.translated(entry)
    ]
