"""collective.exportimport's export_content JSON through the Plone mapping."""

import json

import pytest

from cms.imports.plone.exportimport import ExportError, guess_site_url, iter_records
from tests.plone.stub import DATA

EXPORT = DATA / "export_content.json"
TRANSLATIONS = DATA / "export_translations.json"


def records(**kwargs):
    skipped = []
    by_path = {
        r["source"]["path"].removeprefix("/Plone"): r
        for r in iter_records(EXPORT, skipped=skipped, **kwargs)
    }
    return by_path, skipped


class TestExportImportReader:
    """Items, blobs, translations and review states of an export become records."""

    def test_site_root_is_guessed_from_the_top_items(self):
        items = json.loads(EXPORT.read_text(encoding="utf-8"))
        assert guess_site_url(items) == "http://plone.test/Plone"

    def test_news_item_keeps_resolveuid_links(self):
        record = records()[0]["/sv/nyheter/2019/ny-skola"]
        assert record["type"] == "news"
        assert record["locale"] == "sv"
        assert record["state"] == "published"
        assert record["dates"]["published"] == "2019-06-03T09:00:00+02:00"
        assert 'src="resolveuid/' in record["body_html"]
        assert 'href="../2023/simhall"' in record["body_html"]

    def test_review_state_private_is_a_draft(self):
        assert records()[0]["/sv/nyheter/2023/utkast"]["state"] == "draft"

    def test_base64_image(self):
        image = records()[0]["/sv/skolgard.png"]
        assert image["type"] == "image"
        assert image["file"]["data_base64"].startswith("iVBORw0KGgo")
        assert image["file"]["filename"] == "skolgard.png"
        assert image["file"]["content_type"] == "image/png"
        assert image["alt"] == "Barn leker på den nya skolgården"

    def test_blob_path_needs_the_blob_dir(self, tmp_path):
        by_path, skipped = records()
        assert "file" not in by_path["/sv/taxa-2023.pdf"]
        assert any("--blob-dir" in s.reason for s in skipped)
        by_path, _ = records(blob_dir=tmp_path)
        file = by_path["/sv/taxa-2023.pdf"]["file"]
        assert file["path"] == str(
            tmp_path / "0x00/0x00/0x00/0x00/0x00/0x00/0x01/0x2a/0x03ec5f0a1b2c3d44.blob"
        )
        assert file["size"] == 45

    def test_translations_file_groups_the_pair(self):
        by_path, _ = records(translations=TRANSLATIONS)
        sv = by_path["/sv/nyheter/2023/ny-bibliotek"]
        en = by_path["/en/news/new-library"]
        assert en["locale"] == "en"
        assert sv["translation_key"] == en["translation_key"]
        assert sv["translation_key"] == "plone:" + "|".join(
            sorted([sv["source"]["uid"], en["source"]["uid"]])
        )
        assert "translation_key" not in records()[0]["/en/news/new-library"]

    def test_folders_redirect_and_errors_are_reported(self):
        by_path, skipped = records()
        assert by_path["/sv/nyheter/2019"]["type"] == "redirect"
        assert (
            by_path["/sv/nyheter/2019"]["target_uid"]
            == (by_path["/sv/nyheter/2019/ny-skola"]["source"]["uid"])
        )
        assert by_path["/sv/anslagstavla/kungorelse-kf-2024-03"]["type"] == "notice"
        assert any(s.url.endswith("/sv/trasig") for s in skipped)

    def test_not_an_export(self, tmp_path):
        for text, words in (("{}", "lista"), ("[{", "JSON")):
            path = tmp_path / "export.json"
            path.write_text(text, encoding="utf-8")
            with pytest.raises(ExportError, match=words):
                list(iter_records(path))
        with pytest.raises(ExportError):
            list(iter_records(tmp_path / "missing.json"))
