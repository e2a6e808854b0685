"""LIX on known Swedish texts, the scale, long sentences and the editor's panel."""

import pytest
from django.test import override_settings

from cms.editorial.readability import LixLevel, lix, page_lix, page_text, split_sentences

# 9 words, 2 sentences, 0 long words: 9/2 + 0 = 4.5
EASY = "Jag bor i Ekby. Det är en fin kommun."
# 9 words, 1 sentence, 6 long words (kommunfullmäktige, beslutade, gemensamma,
# handlingsplan, klimatanpassning, förvaltningarna): 9/1 + 100*6/9 = 75.7
HARD = (
    "Kommunfullmäktige beslutade om gemensamma handlingsplan för klimatanpassning "
    "inom förvaltningarna."
)


class TestLix:
    def test_easy_text(self):
        result = lix(EASY, threshold=50)
        assert (result.words, result.sentences, result.long_words) == (9, 2, 0)
        assert result.score == 4.5
        assert result.level == LixLevel.VERY_EASY
        assert not result.is_over_threshold

    def test_hard_text(self):
        result = lix(HARD, threshold=50)
        assert (result.words, result.sentences, result.long_words) == (9, 1, 6)
        assert result.score == 75.7
        assert result.level == LixLevel.VERY_HARD
        assert result.is_over_threshold

    def test_known_paragraph(self):
        # Words: 18, sentences: 3, long (>6 letters): biblioteket, öppettider,
        # sommaren, måndagar, fredagar, välkommen -> 6. 18/3 + 100*6/18 = 39.3
        text = (
            "Biblioteket har nya öppettider i sommaren. Vi har öppet måndagar till "
            "fredagar. Välkommen in till oss i dag!"
        )
        result = lix(text, threshold=50)
        assert (result.words, result.sentences, result.long_words) == (18, 3, 6)
        assert result.score == 39.3
        assert result.level == LixLevel.EASY

    def test_scale_boundaries(self):
        cases = [
            (0, "very_easy"),
            (29.9, "very_easy"),
            (30, "easy"),
            (40, "medium"),
            (50, "hard"),
            (60, "hard"),
            (60.1, "very_hard"),
        ]
        assert [LixLevel.for_score(score) for score, _level in cases] == [
            level for _score, level in cases
        ]

    def test_abbreviations_do_not_end_sentences(self):
        assert split_sentences("Ta med t.ex. en matsäck. Det blir kul.") == [
            "Ta med t.ex. en matsäck.",
            "Det blir kul.",
        ]

    def test_line_breaks_end_sentences(self):
        assert split_sentences("Rubrik\nEn mening här.") == ["Rubrik", "En mening här."]

    def test_empty_text(self):
        result = lix("  ", threshold=50)
        assert result.words == 0 and result.score == 0.0
        assert not result.is_over_threshold

    def test_long_sentences_are_pointed_out(self):
        long_sentence = " ".join(["ord"] * 30) + "."
        result = lix(f"Kort mening. {long_sentence}", threshold=50, long_sentence_words=25)
        assert result.long_sentences == (long_sentence,)

    @override_settings(ENKANAL_LIX_WARNING_THRESHOLD=3)
    def test_threshold_from_settings(self):
        assert lix(EASY).is_over_threshold

    def test_hyphenated_word_counts_once(self):
        assert lix("Skicka e-post.", threshold=50).words == 2


@pytest.mark.django_db
class TestPageLix:
    def test_page_text_reads_title_summary_and_body(self, site_tree):
        from tests.pages.factories import NewsPageFactory

        page = NewsPageFactory(
            parent=site_tree["news"],
            title="Ny lekplats",
            summary="Parken får en lekplats.",
            body=[
                ("heading", {"text": "Bygget", "level": "h2"}),
                ("paragraph", "<p>Vi bygger i maj.</p><p>Det blir <b>bra</b>.</p>"),
            ],
        )
        text = page_text(page)
        assert text.splitlines() == [
            "Ny lekplats",
            "Parken får en lekplats.",
            "Bygget",
            "Vi bygger i maj.",
            "Det blir bra.",
        ]
        assert page_lix(page).sentences == 5

    def test_editor_shows_lix(self, site_tree, admin_client):
        from tests.pages.factories import NewsPageFactory

        page = NewsPageFactory(parent=site_tree["news"], title="Ny lekplats", summary=HARD)
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        content = response.content.decode()
        assert "data-enkanal-lix-score" in content
        assert "data-enkanal-lix-warning" in content


@pytest.mark.django_db
class TestLiveLixView:
    def test_scores_posted_text(self, admin_client):
        response = admin_client.post(
            "/admin/editorial/lix/", {"text": EASY}, content_type="application/json"
        )
        assert response.status_code == 200
        assert response.json()["score"] == 4.5

    def test_bad_input(self, admin_client):
        for body in ("{not json", '{"text": 5}', '["x"]'):
            response = admin_client.post(
                "/admin/editorial/lix/", body, content_type="application/json"
            )
            assert response.status_code == 400, body
        assert admin_client.get("/admin/editorial/lix/").status_code == 405

    def test_requires_admin_access(self, client):
        response = client.post(
            "/admin/editorial/lix/", {"text": EASY}, content_type="application/json"
        )
        assert response.status_code == 302
