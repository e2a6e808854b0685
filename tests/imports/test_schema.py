"""The record schema (enkanal.import/1) and the JSONL reader and writer."""

from cms.imports.jsonl import RecordError, read_records, write_records
from cms.imports.schema import SCHEMA_VERSION, ignored_keys, validate_record
from tests.imports.conftest import record


class TestValidateRecord:
    def test_a_valid_record_has_no_errors(self):
        assert validate_record(record("a")) == []

    def test_problems_are_named(self):
        cases = [
            ({"schema": "enkanal.import/9"}, "schemaversion"),
            ({"type": "blog"}, "typ"),
            ({"source": {"system": "plone"}}, "source.uid"),
            ({"title": " "}, "title"),
            ({"state": "private"}, "state"),
            ({"dates": {"published": "31/12/2019"}}, "dates.published"),
            ({"audiences": "residents"}, "audiences"),
        ]
        for change, expected in cases:
            item = {**record("a"), **change}
            errors = validate_record(item)
            assert any(expected in error for error in errors), (change, errors)

    def test_type_specific_fields(self):
        assert validate_record(record("n", "notice")) != []
        assert validate_record(record("n", "notice", notice={"removal_date": "2020-01-01"})) == []
        assert validate_record(record("d", "document")) != []
        assert validate_record(record("r", "redirect", old_urls=["/a"], target_uid="x")) == []
        assert validate_record(record("r", "redirect")) != []
        press = record("p", "press_release", press={"kind": "tweet"})
        assert validate_record(press) != []

    def test_unknown_keys_are_only_reported(self):
        item = {**record("a"), "colour": "blue"}
        assert validate_record(item) == []
        assert ignored_keys(item) == ["colour"]

    def test_not_an_object(self):
        assert validate_record([1, 2]) != []


class TestJsonl:
    def test_round_trip(self, tmp_path):
        path = tmp_path / "items.jsonl"
        records = [record("a"), record("b", title="Åäö")]
        assert write_records(path, records) == 2
        assert [r for _line, r in read_records(path)] == records
        assert "Åäö" in path.read_text(encoding="utf-8")
        assert SCHEMA_VERSION in path.read_text(encoding="utf-8")

    def test_bad_lines_are_errors_of_their_own(self, tmp_path):
        path = tmp_path / "items.jsonl"
        path.write_text('{"type": "news"}\n\nnot json\n[1]\n{"type": "image"}\n', encoding="utf-8")
        rows = list(read_records(path))
        assert [line for line, _r in rows] == [1, 3, 4, 5]
        assert isinstance(rows[1][1], RecordError)
        assert isinstance(rows[2][1], RecordError)
        assert rows[3][1] == {"type": "image"}
