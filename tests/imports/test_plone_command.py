"""``manage.py import_plone`` against the loopback stub of the recorded Plone."""

import json
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from tests.plone.enkanal import UNIT, english_tree_and_unit
from tests.plone.stub import PASSWORD, USER, RecordedPlone, recorded_items


@pytest.fixture
def plone(monkeypatch):
    monkeypatch.setenv("ENKANAL_PLONE_USER", USER)
    monkeypatch.setenv("ENKANAL_PLONE_PASSWORD", PASSWORD)
    monkeypatch.delenv("ENKANAL_PLONE_TOKEN", raising=False)
    with RecordedPlone() as stub:
        yield stub


@pytest.fixture
def enkanal(site_tree):
    return english_tree_and_unit()


def run(url, *args, capsys=None):
    call_command("import_plone", url, "--no-progress", *args)


class TestImportPloneToFile:
    """``--to-file`` writes the records for review; no database needed."""

    def test_writes_every_record_and_the_report(self, plone, tmp_path, capsys):
        out, report = tmp_path / "plone.jsonl", tmp_path / "report.json"
        run(plone.url, "--to-file", str(out), "--report", str(report), "--batch-size", "8")
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        by_path = {r["source"]["path"].removeprefix("/Plone"): r for r in records}
        assert len(records) == 26
        assert by_path["/sv/nyheter/2019/ny-skola"]["type"] == "news"
        assert by_path["/sv/nyheter/2019"]["type"] == "redirect"
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["records"] == 26
        assert data["by_type"]["news"] == 9
        assert sorted(w["source"] for w in data["warnings"]) == [
            plone.url + "/sv/anslagstavla/kungorelse-kf-2024-03",  # an "other" notice
            plone.url + "/sv/om-kommunen",  # no rule
        ]
        printed = capsys.readouterr()
        assert "26 poster" in printed.out and "2 överhoppade" in printed.out
        for text in (printed.out, printed.err, report.read_text(), out.read_text()):
            assert PASSWORD not in text

    def test_path_limits_the_walk(self, plone, tmp_path):
        out = tmp_path / "press.jsonl"
        run(plone.url, "--path", "/sv/press", "--to-file", str(out))
        paths = [json.loads(line)["source"]["path"] for line in out.read_text().splitlines()]
        assert sorted(paths) == [  # the URL's paths: the recorded site is at /Plone
            "/Plone/sv/press",
            "/Plone/sv/press/budget-2025",
            "/Plone/sv/press/presstraff-budget",
        ]

    def test_item_error_is_reported_and_the_walk_goes_on(self, plone, tmp_path):
        broken = "/Plone/sv/nyheter/2023/granskas"
        index = [urlsplit(i["@id"]).path for i in recorded_items()].index(broken)
        plone.broken_batches.add(index - index % 10)  # the batch that holds the item
        plone.status[broken] = 500
        out, report = tmp_path / "out.jsonl", tmp_path / "report.json"
        run(plone.url, "--to-file", str(out), "--report", str(report), "--batch-size", "10")
        data = json.loads(report.read_text())
        assert data["records"] == 25
        assert data["errors"] == [
            {
                "source": plone.url + "/sv/nyheter/2023/granskas",
                "message": f"Plone svarade 500 för {plone.url}/sv/nyheter/2023/granskas.",
            }
        ]


class TestImportPloneSiteErrors:
    """Errors that concern the whole site stop the command with a clear message."""

    def test_wrong_credentials(self, plone, tmp_path, monkeypatch):
        monkeypatch.setenv("ENKANAL_PLONE_PASSWORD", "not-the-password")
        with pytest.raises(CommandError, match="401") as error:
            run(plone.url, "--to-file", str(tmp_path / "x.jsonl"))
        assert "not-the-password" not in str(error.value)
        assert not (tmp_path / "x.jsonl").exists()

    def test_unreachable_site(self, tmp_path):
        with RecordedPlone() as gone:
            url = gone.url
        with pytest.raises(CommandError, match="kunde inte nås"):
            call_command(
                "import_plone", url, "--to-file", str(tmp_path / "x.jsonl"), "--no-progress"
            )

    def test_bad_options(self, plone, tmp_path):
        with pytest.raises(CommandError, match="batch-size"):
            run(plone.url, "--batch-size", "0")
        with pytest.raises(CommandError, match="timeout"):
            run(plone.url, "--timeout", "0")
        rules = tmp_path / "rules.toml"
        rules.write_text('[[types]]\nportal_type = "News Item"\ntype = "blog"\n')
        with pytest.raises(CommandError, match="blog"):
            run(plone.url, "--config", str(rules))
        with pytest.raises(CommandError, match="Ogiltig"):
            run("plone.test/Plone")


@pytest.mark.django_db
class TestImportPloneIntoEnkanal:
    """The records go through the engine with the authenticated session's downloads."""

    def test_imports_and_downloads_with_the_session(self, plone, enkanal, tmp_path):
        from cms.imports.models import ImportedObject

        report = tmp_path / "report.json"
        run(plone.url, "--unit", UNIT, "--report", str(report))
        data = json.loads(report.read_text())
        assert data["errors"] == []
        assert data["counts"]["imported"] == 26
        assert data["warnings"]["plone_skipped"]["count"] == 2
        assert ImportedObject.objects.filter(system="plone").count() == 26
        downloads = [r for r in plone.requests if "/@@images/" in r["path"]]
        assert downloads and all(r["auth"].startswith("Basic ") for r in downloads)

    def test_dry_run_writes_nothing(self, plone, enkanal, tmp_path):
        from cms.imports.models import ImportedObject

        run(plone.url, "--unit", UNIT, "--dry-run", "--report", str(tmp_path / "r.json"))
        assert json.loads((tmp_path / "r.json").read_text())["dry_run"] is True
        assert not ImportedObject.objects.exists()

    def test_unknown_unit_stops_before_anything_is_written(self, plone, enkanal):
        from cms.imports.models import ImportedObject

        with pytest.raises(CommandError, match="Ingen sådan"):
            run(plone.url, "--unit", "Ingen sådan enhet")
        assert not ImportedObject.objects.exists()
