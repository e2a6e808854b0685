"""Imported translation pairs are known to wagtail-localize, as hand-made translations."""

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult
from wagtail_localize.models import (
    StringTranslation,
    TranslatableObject,
    Translation,
    TranslationSource,
)

from tests.imports.conftest import record, run
from tests.imports.test_engine import NOW, page_for, site_records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _at_now(settings):
    """The engine tests' clock, and a database task queue that would keep anything queued."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with time_machine.travel(NOW):
        yield


def records_counts():
    return {
        model.__name__: model.objects.count()
        for model in (TranslatableObject, TranslationSource, Translation, StringTranslation)
    }


class TestTranslationRecords:
    def test_the_pair_is_a_source_and_a_translation(self, org):
        report = run(site_records())
        sv, en = page_for("news1"), page_for("news1-en")
        [source] = TranslationSource.objects.all()
        assert source.object_id == sv.translation_key
        assert source.locale == sv.locale
        assert source.specific_content_type.model_class() is type(sv)
        assert source.get_source_instance().pk == sv.pk
        [translation] = Translation.objects.all()
        assert translation.source == source
        assert translation.target_locale == en.locale
        assert translation.get_target_instance().pk == en.pk
        assert report.to_dict()["counts"]["translations_linked"] == 1

    def test_the_imported_translation_is_never_overwritten_by_sync(self, org):
        run(site_records())
        [translation] = Translation.objects.all()
        # Disabled is wagtail-localize's "edited by hand": no sync replaces its text.
        assert not translation.enabled
        assert not StringTranslation.objects.exists()
        assert page_for("news1-en").title == "New school"

    def test_a_second_run_creates_nothing(self, org):
        run(site_records())
        before = records_counts()
        report = run(site_records())
        assert records_counts() == before
        assert "translations_linked" not in report.counts

    def test_a_run_stopped_before_the_end_links_on_resumption(self, org, monkeypatch):
        monkeypatch.setattr("cms.imports.engine.importer.link_translations", lambda keys: 0)
        run(site_records())
        assert not Translation.objects.exists()
        monkeypatch.undo()
        run(site_records())
        assert Translation.objects.count() == 1

    def test_the_source_follows_an_update(self, org):
        run(site_records())
        records = site_records()
        records[2]["title"] = "Ny rubrik om skolan"
        run(records, update=True)
        [source] = TranslationSource.objects.all()
        assert source.object_repr == "Ny rubrik om skolan"
        assert Translation.objects.count() == 1

    def test_the_source_is_the_swedish_page_whatever_comes_first(self, org):
        run(
            [
                record("en-first", locale="en", translation_key="g2", path="/en/news/a"),
                record("sv-second", translation_key="g2", path="/nyheter/a"),
            ]
        )
        [source] = TranslationSource.objects.all()
        assert source.locale.language_code == "sv"
        [translation] = Translation.objects.all()
        assert translation.target_locale.language_code == "en"

    def test_a_page_alone_in_its_group_gets_no_records(self, org):
        run([record("alone", translation_key="g3")])
        assert not TranslationSource.objects.exists()

    def test_nothing_is_queued(self, org):
        before = DBTaskResult.objects.count()
        run(site_records())
        assert Translation.objects.exists()
        assert DBTaskResult.objects.count() == before
