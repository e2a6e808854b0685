"""``manage.py import_items``: files, options, bad input and the report."""

import json
import sys
import types

import pytest
from django.core.management import CommandError, call_command

from cms.imports.jsonl import write_records
from cms.imports.models import ImportedObject
from cms.pages.models import HomePage, NewsPage
from tests.imports.conftest import record

pytestmark = pytest.mark.django_db


def call(*args):
    """Run the command without a progress bar; returns what it printed."""
    from io import StringIO

    out = StringIO()
    call_command("import_items", *map(str, args), "--no-progress", stdout=out)
    return out.getvalue()


@pytest.fixture
def jsonl(tmp_path):
    def write(records, name="items.jsonl"):
        path = tmp_path / name
        write_records(path, records)
        return path

    return write


class TestCommand:
    def test_imports_a_jsonl_file_and_writes_the_report(self, org, jsonl, tmp_path):
        path = jsonl([record("a"), record("b", path="/nyheter/b")])
        output = call(path, "--report", tmp_path / "report.json")
        assert NewsPage.objects.count() == 2
        report = json.loads((tmp_path / "report.json").read_text())
        assert report["counts"]["imported"] == 2
        assert "imported: 2" in output
        # The run's system is the records' own.
        assert set(ImportedObject.objects.values_list("system", flat=True)) == {"plone"}

    def test_unit_option_owns_items_that_name_none(self, org, jsonl):
        item = record("a")
        del item["owner_unit"]
        call(jsonl([item]), "--unit", "GS")
        assert NewsPage.objects.get().owner_unit == org["school"]

    def test_dry_run_writes_nothing(self, org, jsonl, tmp_path):
        output = call(jsonl([record("a")]), "--dry-run", "--report", tmp_path / "r.json")
        assert NewsPage.objects.count() == 0
        assert ImportedObject.objects.count() == 0
        assert json.loads((tmp_path / "r.json").read_text())["counts"]["imported"] == 1
        assert "Provkörning" in output

    def test_bad_lines_are_reported_and_the_run_goes_on(self, org, tmp_path):
        lines = [
            json.dumps(record("good1")),
            "{not json",
            json.dumps({"type": "news", "title": "Utan uid", "source": {}}),
            json.dumps(record("bad-unit", owner_unit="Finns inte")),
            json.dumps(record("bad-date", dates={"published": "igår"})),
            json.dumps(
                record(
                    "bad-notice", "notice", notice={"removal_date": "2019-01-01", "kind": "meeting"}
                )
            ),
            json.dumps(record("good2", path="/nyheter/good2", extra_field=1)),
        ]
        path = tmp_path / "items.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        call(path, "--report", tmp_path / "r.json")
        report = json.loads((tmp_path / "r.json").read_text())
        assert report["counts"]["imported"] == 2
        assert report["counts"]["failed"] == 5
        errors = {e.get("line"): e for e in report["errors"]}
        assert "JSON" in errors[2]["message"]
        assert "source.uid" in errors[3]["message"]
        assert "Finns inte" in errors[4]["message"]
        assert errors[4]["source"].endswith("/nyheter/bad-unit")
        assert "igår" in errors[5]["message"]
        assert "meeting_date" in errors[6]["message"]
        assert report["warnings"]["ignored_field"]["count"] == 1

    def test_unknown_default_unit_stops_the_run(self, org, jsonl):
        with pytest.raises(CommandError, match="Ingen sådan"):
            call(jsonl([record("a")]), "--unit", "Ingen sådan")
        assert NewsPage.objects.count() == 0

    def test_no_home_page_stops_the_run(self, db, jsonl):
        assert not HomePage.objects.exists()
        with pytest.raises(CommandError, match="startsida"):
            call(jsonl([record("a")]))

    def test_missing_file(self, db, tmp_path):
        with pytest.raises(CommandError, match="finns inte"):
            call(tmp_path / "saknas.jsonl")

    def test_reads_a_collective_exportimport_export(self, org, tmp_path, monkeypatch):
        path = tmp_path / "Document.json"
        path.write_text(json.dumps([{"@id": "x"}]), encoding="utf-8")
        seen = []

        def iter_records(given, **options):
            seen.append(given)
            yield record("from-export")

        plone = types.ModuleType("cms.imports.plone")
        exportimport = types.ModuleType("cms.imports.plone.exportimport")
        exportimport.iter_records = iter_records
        exportimport.ExportError = ValueError
        monkeypatch.setitem(sys.modules, "cms.imports.plone", plone)
        monkeypatch.setitem(sys.modules, "cms.imports.plone.exportimport", exportimport)
        call(path)
        assert seen == [path]
        assert ImportedObject.objects.get().uid == "from-export"

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ('[{"@id": "x"', "inte giltig JSON"),
            ('{"items": [], "x": 1}', "ingen lista"),
            (b"[\xff\xfe]", "inte giltig JSON"),
        ],
    )
    def test_an_unreadable_export_stops_with_a_clear_message(self, org, tmp_path, content, message):
        path = tmp_path / "Document.json"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        with pytest.raises(CommandError, match=message):
            call(path, "--report", tmp_path / "r.json")
        assert ImportedObject.objects.count() == 0
        assert message in json.loads((tmp_path / "r.json").read_text())["aborted"]

    def test_an_unreadable_translations_file_stops_with_a_clear_message(self, org, tmp_path):
        path = tmp_path / "Document.json"
        path.write_text("[]", encoding="utf-8")
        with pytest.raises(CommandError, match="kan inte läsas"):
            call(path, "--translations", tmp_path / "saknas.json")

    def test_objects_the_export_leaves_out_are_in_the_report(self, org, tmp_path):
        path = tmp_path / "Document.json"
        items = [
            {"unexported_paths": [{"path": "/plone/trasig", "message": "Kunde inte läsas"}]},
            {"title": "Utan adress"},
        ]
        path.write_text(json.dumps(items), encoding="utf-8")
        call(path, "--report", tmp_path / "r.json")
        report = json.loads((tmp_path / "r.json").read_text())
        skipped = report["warnings"]["plone_skipped"]
        assert skipped["count"] == 2
        assert {"source": "/plone/trasig", "message": "Kunde inte läsas"} in skipped["items"]

    def test_a_line_that_is_not_utf8_is_reported_and_the_run_goes_on(self, org, tmp_path):
        path = tmp_path / "items.jsonl"
        path.write_bytes(
            json.dumps(record("a")).encode()
            + b'\n{"title": "\xe5\xe4\xf6"}\n'
            + json.dumps(record("b", path="/nyheter/b")).encode()
            + b"\n"
        )
        call(path, "--report", tmp_path / "r.json")
        report = json.loads((tmp_path / "r.json").read_text())
        assert report["counts"]["imported"] == 2
        [error] = report["errors"]
        assert error["line"] == 2
        assert "UTF-8" in error["message"]

    def test_two_items_of_one_group_in_one_language(self, org, jsonl, tmp_path):
        records = [
            record("twin1", path="/nyheter/twin1", translation_key="grupp"),
            record("twin2", path="/nyheter/twin2", translation_key="grupp"),
        ]
        call(jsonl(records), "--report", tmp_path / "r.json")
        report = json.loads((tmp_path / "r.json").read_text())
        assert report["counts"]["imported"] == 1
        [error] = report["errors"]
        assert error["source"].endswith("/nyheter/twin2")
