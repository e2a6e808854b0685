"""Every kind of print: page count and size, embedded fonts, text, images, PNG renders."""

import datetime
import uuid

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from cms.channels.models import (
    Edition,
    EditionEntry,
    LocalPressPage,
    NewspaperFormat,
    PressPageEntry,
)
from cms.channels.printing import PUBLIC, STAFF, edition_pdf, item_pdf, press_html, press_pdf
from cms.core.models import MunicipalitySettings
from cms.pages.models import NoticeKind
from cms.snippets.factories import UnitFactory
from cms.workflows.guard import system_publish

from .conftest import box_mm, fonts, image_ppi, page_size_mm, read_pdf, render_png, text_of

pytestmark = pytest.mark.django_db


def sv(message: str) -> str:
    """``message`` as the Swedish prints show it (a label, whatever the catalogue holds)."""
    with translation.override("sv"):
        return gettext(message)


def body(*paragraphs):
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
        for text in paragraphs
    ]


LONG = (
    "Förvaltningen har under våren arbetat med att se över rutinerna för hur ärenden "
    "tas emot, fördelas och följs upp, så att invånarna får snabbare och tydligare svar. "
) * 6


def make_edition(site_tree, items, number=1, **kwargs) -> Edition:
    """A published edition of ``items`` (published as trusted test data)."""
    edition = Edition(
        title=f"INblick nr {number}",
        number=number,
        owner_unit=kwargs.pop("owner_unit", None) or UnitFactory(),
        foreword="<p>Välkommen till ett nytt nummer av INblick.</p>",
        foreword_by="Anna Berg, redaktör",
        **kwargs,
    )
    edition.entries = [EditionEntry(item=item) for item in items]
    with system_publish("test data"):
        site_tree["bulletins"].add_child(instance=edition)
        edition.save_revision().publish()
    return Edition.objects.get(pk=edition.pk)


def make_press_page(items, space="full", deadline=None, **kwargs) -> LocalPressPage:
    newspaper_format = NewspaperFormat.objects.create(name="Ekby Tidning", space=space)
    deadline = deadline or timezone.now() + datetime.timedelta(hours=1)
    press_page = LocalPressPage(
        newspaper_format=newspaper_format,
        print_deadline=deadline,
        publication_date=timezone.localdate(deadline) + datetime.timedelta(days=2),
        intro="Det här händer i kommunen.",
        **kwargs,
    )
    press_page.entries = [
        PressPageEntry(item=item, full_text=index == 0) for index, item in enumerate(items)
    ]
    press_page.save()
    return press_page


def assert_fonts_embedded(content):
    found = fonts(content)
    assert found, "the PDF uses no fonts"
    assert all(embedded for _name, embedded in found), found


class TestEdition:
    @pytest.fixture
    def edition(self, site_tree, make_item, photo):
        items = [
            make_item("bulletin", title="Välkommen till medarbetardagen", main_image=photo,
                      body=body(LONG, LONG)),
            make_item("news", title="Friskvårdsbidraget höjs", audience_codes=("staff",),
                      body=body(LONG)),
            make_item("news", title="Ny förskola i Norrby", audience_codes=("residents",),
                      body=body(LONG, LONG, LONG)),
        ]  # fmt: skip
        return make_edition(site_tree, items, issue_date=datetime.date(2026, 3, 2))

    def test_a4_with_cover_contents_and_items(self, edition):
        printed = edition_pdf(edition)
        reader = read_pdf(printed.content)
        assert printed.content_type == "application/pdf"
        assert printed.filename == "inblick-2026-1.pdf"
        assert len(reader.pages) >= 3  # cover, contents with foreword, items
        assert {page_size_mm(page) for page in reader.pages} == {(210.0, 297.0)}
        text = text_of(printed.content)
        for expected in (
            "INblick",
            sv("Contents"),
            sv("Editor's foreword"),
            "Välkommen till ett nytt nummer av INblick.",
            "Anna Berg, redaktör",
            "Välkommen till medarbetardagen",
            "Friskvårdsbidraget höjs",
            "Ny förskola i Norrby",
        ):
            assert expected in text, expected

    def test_fonts_are_embedded(self, edition):
        assert_fonts_embedded(edition_pdf(edition).content)

    def test_page_numbers_and_contents_point_at_pages(self, edition):
        content = edition_pdf(edition).content
        reader = read_pdf(content)
        count = len(reader.pages)
        second = reader.pages[1].extract_text()
        assert f"2 / {count}" in second
        # The contents lists every item with the page it starts on (target-counter).
        contents = " ".join(second.split())
        assert "Välkommen till medarbetardagen" in contents
        assert any(f". {number}" in contents for number in range(3, count + 1))

    def test_images_at_print_resolution(self, edition):
        resolutions = image_ppi(edition_pdf(edition).content)
        assert resolutions, "no image in the edition"
        # The cover runs across the A4 page (2400 px / 210 mm ≈ 290 ppi) and the item's
        # image across a column (1200 px rendition / 87 mm ≈ 350 ppi).
        assert min(resolutions) >= 250, resolutions

    def test_only_items_still_released_to_all_staff(self, edition, make_item):
        withdrawn = edition.items()[1]
        withdrawn.unpublish()
        text = text_of(edition_pdf(edition).content)
        assert "Friskvårdsbidraget höjs" not in text
        assert "Ny förskola i Norrby" in text

    def test_identity_from_the_settings(self, edition):
        settings = MunicipalitySettings.load()
        settings.municipality_name = "Norrå kommun"
        settings.save()
        assert "Norrå kommun" in text_of(edition_pdf(edition).content)

    def test_a_draft_says_so(self, edition):
        assert sv("Draft – not published") in text_of(edition_pdf(edition, draft=True).content)

    def test_render(self, edition):
        pngs = render_png(edition_pdf(edition).content, "edition", pages=3)
        assert len(pngs) == 3


class TestLocalPressPage:
    @pytest.fixture
    def items(self, make_item, photo):
        return [
            make_item("news", title="Ny förskola öppnar", main_image=photo, body=body(LONG)),
            make_item("press", title="Ny skola i Ekbyhöjden"),
            make_item("news", title="Vägarbete på Storgatan", audience_codes=("visitors",)),
        ]

    @pytest.fixture
    def meeting(self, make_item):
        now = timezone.now()
        return make_item(
            "notice",
            title="Kungörelse: kommunfullmäktige",
            notice_kind=NoticeKind.MEETING,
            issuing_body="Kommunfullmäktige",
            meeting_date=now + datetime.timedelta(days=6),
            meeting_location="Sessionssalen",
            earliest_removal_date=timezone.localdate() + datetime.timedelta(days=6),
        )

    def test_tabloid_page_with_bleed_and_crop_marks(self, items, meeting):
        printed = press_pdf(make_press_page(items))
        reader = read_pdf(printed.content)
        assert len(reader.pages) == 1
        page = reader.pages[0]
        assert box_mm(page.trimbox) == (260.0, 370.0)
        # 3 mm of bleed on every side (the format's default).
        assert page_size_mm(page) == (266.0, 376.0)
        assert printed.filename.startswith("kommunen-informerar-v")

    def test_half_page(self, items):
        reader = read_pdf(press_pdf(make_press_page(items[:2], space="half")).content)
        assert len(reader.pages) == 1
        assert box_mm(reader.pages[0].trimbox) == (260.0, 185.0)

    def test_items_notices_footer_and_production_date(self, items, meeting):
        press_page = make_press_page(items)
        text = text_of(press_pdf(press_page).content)
        for item in items:
            assert item.title in text
        assert "Kommunfullmäktige" in text and "Sessionssalen" in text
        assert sv("Public announcements") in text
        assert sv("Produced") in text
        today = timezone.localdate()
        with translation.override("sv"):
            from django.utils.formats import date_format

            assert date_format(today, "j F Y") in text
        assert "Ekby kommun" in text

    def test_fonts_are_embedded(self, items):
        assert_fonts_embedded(press_pdf(make_press_page(items)).content)

    def test_no_staff_item_reaches_paper(self, items, make_item):
        bulletin = make_item("bulletin", title="Bara för personalen")
        press_page = make_press_page([*items, bulletin])
        text = text_of(press_pdf(press_page).content)
        assert "Bara för personalen" not in text
        assert "Bara för personalen" not in press_html(press_page).content.decode()

    def test_nothing_before_its_external_release(self, make_item):
        now = timezone.now()
        later = make_item("news", title="Släpps i eftermiddag", internal=now,
                          external=now + datetime.timedelta(hours=2))  # fmt: skip
        press_page = make_press_page([later], deadline=now + datetime.timedelta(hours=4))
        # Chosen for the deadline, but not on paper while it is not public yet.
        assert "Släpps i eftermiddag" not in text_of(press_pdf(press_page).content)

    def test_plain_html_export(self, items, meeting):
        exported = press_html(make_press_page(items))
        html = exported.content.decode()
        assert exported.content_type.startswith("text/html")
        assert exported.filename.endswith(".html")
        assert "<h1>Kommunen informerar</h1>" in html
        for item in items:
            assert item.title in html
        assert "Kommunfullmäktige" in html
        # One file for the paper: images inside it, no style of ours, no CMS paths.
        assert 'src="data:image/jpeg;base64,' in html
        assert "media:" not in html and "<style" not in html

    def test_render(self, items, meeting):
        assert render_png(press_pdf(make_press_page(items)).content, "press-page")


class TestItemPdf:
    def test_news(self, make_item, photo):
        item = make_item("news", title="Ny förskola öppnar", main_image=photo, body=body(LONG))
        printed = item_pdf(item.specific, PUBLIC)
        reader = read_pdf(printed.content)
        assert len(reader.pages) == 1
        assert page_size_mm(reader.pages[0]) == (210.0, 297.0)
        text = text_of(printed.content)
        assert "Ny förskola öppnar" in text and "En kort sammanfattning" in text
        assert "Ekby kommun" in text
        assert_fonts_embedded(printed.content)
        assert min(image_ppi(printed.content)) >= 250
        render_png(printed.content, "item-news")

    def test_notice_with_its_legal_fields(self, make_item):
        settings = MunicipalitySettings.load()
        settings.appeal_instructions = "Överklaga inom tre veckor från anslagsdagen."
        settings.save()
        today = timezone.localdate()
        notice = make_item(
            "notice",
            title="Justerat protokoll, barn- och utbildningsnämnden",
            notice_kind=NoticeKind.ADJUSTED_MINUTES,
            issuing_body="Barn- och utbildningsnämnden",
            adjustment_date=today,
            minutes_location="Kommunkansliet, Stadshuset",
            earliest_removal_date=today + datetime.timedelta(days=30),
        ).specific
        text = text_of(item_pdf(notice, PUBLIC).content)
        from django.utils.formats import date_format

        with translation.override("sv"):
            posted = date_format(notice.posting_date, "j F Y")
            removal = date_format(notice.earliest_removal_date, "j F Y")
        for expected in (
            sv("Posted on the notice board"),
            posted,
            sv("Taken down at the earliest"),
            removal,
            sv("Minutes kept at"),
            "Kommunkansliet, Stadshuset",
            "Barn- och utbildningsnämnden",
            sv("How to appeal"),
            "Överklaga inom tre veckor från anslagsdagen.",
        ):
            assert expected in text, expected
        render_png(item_pdf(notice, PUBLIC).content, "item-notice")

    def test_press_release_with_contacts(self, make_item):
        from cms.snippets.factories import PersonFactory

        person = PersonFactory(name="Mikael Strand", show_to_press=True, phone="0123-45 60 00")
        release = make_item("press", title="Ny skola i Ekbyhöjden", media_contacts=[person])
        text = text_of(item_pdf(release.specific, PUBLIC).content)
        assert "Mikael Strand" in text and "0123-45 60 00" in text
        assert sv("Press contacts") in text

    def test_a_link_to_a_staff_item_is_plain_text_on_a_public_print(self, make_item):
        bulletin = make_item("bulletin", title="Intern nyhet")
        link = f'<p>Läs <a linktype="page" id="{bulletin.pk}">den interna nyheten</a>.</p>'
        item = make_item("news", body=[{"type": "paragraph", "value": link, "id": "x"}])
        public = item_pdf(item.specific, PUBLIC).content
        staff = item_pdf(item.specific, STAFF).content
        assert "den interna nyheten" in text_of(public)
        links = [
            str(annotation.get_object().get("/A", {}).get("/URI", ""))
            for page in read_pdf(public).pages
            for annotation in page.get("/Annots") or []
        ]
        assert not any(bulletin.slug in uri for uri in links), links
        staff_links = [
            str(annotation.get_object().get("/A", {}).get("/URI", ""))
            for page in read_pdf(staff).pages
            for annotation in page.get("/Annots") or []
        ]
        assert any(bulletin.slug in uri for uri in staff_links), staff_links
