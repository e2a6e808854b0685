"""The gettext catalogues: compiled in pure Python, extracted like ``makemessages``."""

from __future__ import annotations

import gettext
import os
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
