"""Filters that turn API data into page text: dates, snippets, images, file sizes."""

from __future__ import annotations

import pytest
from django.utils import translation

from frontend.templatetags import frontend as tags

IMAGE = {
    "id": 1,
    "alt": "Förskolan Solrosen",
    "credit": "",
    "width": 2400,
    "height": 1600,
    "renditions": {
        "thumbnail": {
            "url": "http://cms/t.jpg",
            "filter_spec": "fill-480x270",
            "width": 480,
            "height": 270,
        },
        "medium": {
            "url": "http://cms/m.jpg",
            "filter_spec": "max-960x960",
            "width": 960,
            "height": 640,
        },
        "large": {
            "url": "http://cms/l.jpg",
            "filter_spec": "max-1920x1920",
            "width": 1920,
            "height": 1280,
        },
    },
}


class TestDates:
    def test_swedish_and_english(self):
        value = "2026-11-26T09:33:08.908+01:00"
        assert tags.local_date(value, "sv") == "26 november 2026"
        assert tags.local_date(value, "en") == "26 November 2026"
        assert tags.local_datetime(value, "sv") == "26 november 2026 kl. 09.33"
        assert tags.local_datetime(value, "en") == "26 November 2026, 09:33"

    def test_utc_is_shown_in_stockholm_time(self):
        assert tags.local_datetime("2026-06-30T22:30:00+00:00", "sv") == "1 juli 2026 kl. 00.30"

    def test_dates_and_rubbish(self):
        assert tags.local_date("2026-12-17", "sv") == "17 december 2026"
        assert tags.local_date("not a date", "sv") == ""
        assert tags.local_date(None, "sv") == ""

    def test_rss_date(self):
        assert tags.rfc822("2026-11-26T09:33:08+01:00") == "Thu, 26 Nov 2026 09:33:08 +0100"


class TestSnippets:
    def test_only_marks_survive(self):
        html = tags.highlight("Ny <mark>skola</mark> &amp; <script>alert(1)</script>")
        assert html == ("Ny <mark>skola</mark> &amp; &lt;script&gt;alert(1)&lt;/script&gt;")


class TestImages:
    def test_srcset_with_intrinsic_size(self):
        html = tags.responsive_image(IMAGE)
        assert 'src="http://cms/m.jpg"' in html
        assert "http://cms/m.jpg 960w, http://cms/l.jpg 1920w" in html
        assert 'width="960" height="640"' in html
        assert 'alt="Förskolan Solrosen"' in html
        assert 'loading="lazy"' in html

    def test_cropped_thumbnail(self):
        html = tags.responsive_image(IMAGE, alt="", crop="thumbnail")
        assert 'src="http://cms/t.jpg"' in html
        assert 'width="480" height="270"' in html
        assert 'alt=""' in html

    def test_no_image(self):
        assert tags.responsive_image(None) == ""

    def test_sizes_are_the_renditions_own(self):
        """A small original: the API's sizes, not the filter specs' upper bounds."""
        small = {
            "alt": "Liten",
            "width": 1200,
            "height": 675,
            "renditions": {
                # Sizes no filter spec spells out: only the API knows them.
                "thumbnail": {"url": "http://cms/t.jpg", "filter_spec": "fill-480x270",
                              "width": 320, "height": 180},
                "medium": {"url": "http://cms/m.jpg", "filter_spec": "max-960x960",
                           "width": 960, "height": 540},
                "large": {"url": "http://cms/l.jpg", "filter_spec": "max-1920x1920",
                          "width": 1200, "height": 675},
            },
        }  # fmt: skip
        html = tags.responsive_image(small)
        assert "http://cms/m.jpg 960w, http://cms/l.jpg 1200w" in html
        assert 'width="960" height="540"' in html
        assert 'width="320" height="180"' in tags.responsive_image(small, crop="thumbnail")

    def test_unknown_sizes_are_left_out(self):
        bare = {"alt": "", "renditions": {"medium": {"url": "http://cms/m.jpg"}}}
        html = tags.responsive_image(bare)
        assert 'src="http://cms/m.jpg"' in html and "width=" not in html


class TestFileSize:
    def test_units(self):
        assert tags.filesize(512) == "512 B"
        assert tags.filesize(1536) == "1,5 kB"
        assert tags.filesize(3 * 1024 * 1024) == "3,0 MB"
        assert tags.filesize(None) == ""


class TestKindLabels:
    def test_english_pages_use_their_own_words(self):
        notice = {"kind": "adjusted_minutes", "kind_label": "Justerat protokoll"}
        with translation.override("en"):
            assert tags.kind_label(notice) == "Approved minutes"
            assert tags.kind_label(None) == ""
        with translation.override("sv"):
            assert tags.kind_label(notice) == "Justerat protokoll"

    def test_the_apis_label_wins_in_swedish_and_ours_fill_in(self):
        with translation.override("sv"):
            assert tags.kind_label({"kind": "meeting"}) == "Kungörelse av sammanträde"
            assert tags.kind_label({"kind": "invitation"}) == "Pressinbjudan"


class TestTypeLabels:
    @pytest.mark.parametrize(
        ("language", "expected"),
        [("sv", ["Nyhet", "Anslag", "Pressmeddelande", "INblick"]),
         ("en", ["News", "Notice", "Press release", "INblick"])],
    )  # fmt: skip
    def test_in_the_pages_language(self, language, expected):
        codes = ["news", "notice", "press_release", "staff_bulletin"]
        with translation.override(language):
            assert [str(tags.type_label(code)) for code in codes] == expected

    def test_an_unknown_type_is_its_code(self):
        assert tags.type_label("podcast") == "podcast"


class TestJsonLd:
    def test_nothing_in_the_data_can_end_the_script(self):
        from frontend.templatetags.frontend import ld_json

        html = str(ld_json({"name": "</script><script>alert(1)</script>"}))
        assert html.startswith('<script type="application/ld+json">')
        assert html.count("</script>") == 1
        assert "\\u003C/script\\u003E" in html

    def test_organisation_and_article(self):
        import json

        from frontend.templatetags.frontend import article_ld, organization_data

        identity = {
            "name": "Ekby kommun",
            "logo": {"url": "https://cms.example/logo.svg"},
            "contact": {"phone": "0123-45 60 00", "email": "", "visiting_address": "Storgatan 1"},
            "social_links": [{"url": "https://facebook.example/ekby"}],
        }
        organisation = organization_data(identity, "https://www.ekby.example")
        assert organisation["@type"] == "GovernmentOrganization"
        assert organisation["sameAs"] == ["https://facebook.example/ekby"]
        item = {
            "title": "Ny skola",
            "summary": "",
            "locale": "sv",
            "path": "/nyheter/ny-skola/",
            "released_at": "2026-11-26T09:00:00+01:00",
            "owner_unit": {"name": "Skola"},
        }
        html = str(article_ld(item, identity, "https://www.ekby.example"))
        data = json.loads(html.split(">", 1)[1].rsplit("<", 1)[0])
        assert data["@type"] == "NewsArticle" and data["headline"] == "Ny skola"
        assert data["publisher"]["name"] == "Ekby kommun" and "@context" not in data["publisher"]
