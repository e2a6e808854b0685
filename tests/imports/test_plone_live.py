"""``import_plone`` against the real Plone 6.2 that tests/plone/setup_plone.sh builds.

Needs ``ENKANAL_PLONE_URL`` (and ``ENKANAL_PLONE_USER``/``ENKANAL_PLONE_PASSWORD``), as
``tests/plone/run_plone.sh start`` prints them. In CI the tests fail without it.
"""

import datetime
import json
import os
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail_localize.models import Translation

from cms.pages.models import ArticlePage, NewsPage, NoticePage, PressReleasePage
from cms.pages.models.press import PressReleaseKind
from tests.plone.enkanal import UNIT, english_tree_and_unit

#: Every Plone item the test site has that the default rules import (pages and media).
PAGES = {
    "/sv/nyheter/2019/ny-skola": NewsPage,
    "/sv/nyheter/2023/simhall": NewsPage,
    "/sv/nyheter/2023/utkast": NewsPage,
    "/sv/nyheter/2023/granskas": NewsPage,
    "/sv/nyheter/2023/gammal-kampanj": NewsPage,
    "/sv/nyheter/2023/ny-bibliotek": NewsPage,
    "/sv/nyheter/vardag": NewsPage,
    "/sv/intranat/personalfest": NewsPage,
    "/en/news/new-library": NewsPage,
    "/sv/anslagstavla/kungorelse-kf-2024-03": NoticePage,
    "/sv/anslagstavla/kf-2024-04-22": NoticePage,
    "/sv/anslagstavla/protokoll/ks-2024-02-12": NoticePage,
    "/sv/press/budget-2025": PressReleasePage,
    "/sv/press/presstraff-budget": PressReleasePage,
}
#: Published Links: to another site, and to an item of the site (restapi gives its address).
LINKS = {
    "/sv/skolverket": "https://www.skolverket.se/",
    "/sv/om-simhallen": "/sv/nyheter/2023/simhall",
}
#: Files and images, each with an old address of its own and one Plone serves it at.
MEDIA = (
    "/sv/skolgard.png",
    "/sv/utan-beskrivning.png",
    "/sv/taxa-2023.pdf",
)
FOLDERS = (
    "/sv/nyheter",
    "/sv/nyheter/2019",
    "/sv/nyheter/2023",
    "/sv/anslagstavla",
    "/sv/anslagstavla/protokoll",
    "/sv/press",
    "/sv/intranat",
    "/en/news",
    "/sv/alla-nyheter",
)


#: Every object the default rules import from the test site.
TOTAL = len(PAGES) + len(MEDIA) + len(FOLDERS) + len(LINKS)


@pytest.fixture
def plone_url():
    """The test Plone's address; fails in CI and skips elsewhere when it is not given."""
    url = os.environ.get("ENKANAL_PLONE_URL")
    if not url:
        message = (
            "needs ENKANAL_PLONE_URL: the test Plone (tests/plone/setup_plone.sh, then "
            "eval $(tests/plone/run_plone.sh start))"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture
def enkanal(site_tree):
    """Both locales' trees and the unit that owns what the rules give none."""
    return {"unit": english_tree_and_unit()}


def run_import(url, tmp_path, *extra, name="report.json"):
    report = tmp_path / name
    call_command(
        "import_plone", url, "--unit", UNIT, "--report", str(report), "--no-progress", *extra
    )
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.fixture
def imported(plone_url, enkanal, tmp_path, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = run_import(plone_url, tmp_path)
    return {"report": report, "url": plone_url, "tmp": tmp_path, "callbacks": callbacks}


def imported_object(path):
    """What the item at ``path`` below the Plone site became."""
    from cms.imports.models import ImportedObject

    return ImportedObject.objects.get(
        system="plone", source_url=os.environ["ENKANAL_PLONE_URL"] + path
    )


def page_at(path):
    return imported_object(path).get_object()


def by_path(client, path):
    """What the frontends' lookup of an old address answers (200 expected)."""
    response = client.get("/api/public/v1/items/by-path", {"path": path})
    assert response.status_code == 200, (path, response.content)
    return response.json()


def old_path(path):
    """The path visitors used for ``path`` below the site (the site may sit at /Plone)."""
    return Redirect.normalise_path(urlsplit(os.environ["ENKANAL_PLONE_URL"]).path + path)


@pytest.mark.django_db(transaction=False)
class TestPloneLiveImport:
    """The test Plone, imported item by item."""

    def test_everything_is_imported(self, imported):
        report = imported["report"]
        assert report["errors"] == []
        assert report["counts"]["imported"] == TOTAL
        assert report["counts"]["drafts"] == 2
        skipped = report["warnings"]["plone_skipped"]["items"]
        assert sorted(line["source"].removeprefix(imported["url"]) for line in skipped) == [
            "/sv/anslagstavla/kungorelse-kf-2024-03",  # no meeting time: an "other" notice
            "/sv/gammal-lank",  # a Link never published
            "/sv/om-kommunen",
        ]

    def test_types(self, imported):
        for path, model in PAGES.items():
            assert type(page_at(path)) is model, path
        assert page_at("/sv/press/presstraff-budget").kind == PressReleaseKind.INVITATION
        assert page_at("/sv/press/budget-2025").kind == PressReleaseKind.RELEASE

    def test_dates_are_historical(self, imported):
        page = page_at("/sv/nyheter/2019/ny-skola")
        published = datetime.datetime.fromisoformat("2019-06-03T09:00:00+02:00")
        assert page.live
        assert page.first_published_at == published
        assert page.external_release_at == published
        notice = page_at("/sv/anslagstavla/kf-2024-04-22")
        assert notice.notice_kind == "meeting"
        assert notice.posting_date == datetime.date(2024, 4, 8)
        assert notice.earliest_removal_date == datetime.date(2024, 4, 23)
        assert notice.meeting_date == datetime.datetime.fromisoformat("2024-04-22T18:00:00+02:00")
        assert notice.meeting_location == "Stadshuset, fullmäktigesalen"
        assert NoticePage.objects.public().filter(pk=notice.pk).exists()  # the archive
        minutes = page_at("/sv/anslagstavla/protokoll/ks-2024-02-12")
        assert minutes.notice_kind == "adjusted_minutes"
        assert minutes.adjustment_date == datetime.date(2024, 2, 22)

    def test_audiences_and_topics(self, imported):
        staff = page_at("/sv/intranat/personalfest")
        assert staff.get_audience_codes() == {"staff"}
        assert not ArticlePage.objects.public().filter(pk=staff.pk).exists()
        school = page_at("/sv/nyheter/2019/ny-skola")
        assert "residents" in school.get_audience_codes()
        assert {t.name for t in school.topics.all()} == {"Skola", "Norrby"}
        assert school.owner_unit.name == UNIT

    def test_body_links_and_images(self, imported):
        page = page_at("/sv/nyheter/2019/ny-skola")
        document = page_at("/sv/taxa-2023.pdf")
        image = page_at("/sv/skolgard.png")
        simhall = page_at("/sv/nyheter/2023/simhall")
        raw = json.dumps([dict(block) for block in page.body.raw_data])
        assert f'id=\\"{document.pk}\\" linktype=\\"document\\"' in raw
        assert f'id=\\"{simhall.pk}\\" linktype=\\"page\\"' in raw
        assert any(b.block_type == "image" and b.value["image"].pk == image.pk for b in page.body)
        assert "127.0.0.1" not in raw

    def test_images_and_files(self, imported):
        image = page_at("/sv/skolgard.png")
        assert image.alt_text == "Barn leker på den nya skolgården"
        assert (image.width, image.height) == (4, 3)
        document = page_at("/sv/taxa-2023.pdf")
        assert document.file.read().startswith(b"%PDF")

    def test_translations(self, imported):
        sv = page_at("/sv/nyheter/2023/ny-bibliotek")
        en = page_at("/en/news/new-library")
        assert (sv.locale.language_code, en.locale.language_code) == ("sv", "en")
        assert sv.translation_key == en.translation_key
        assert en.get_translation(sv.locale).pk == sv.pk
        # Known to wagtail-localize as a hand-made translation of the Swedish page.
        [translation] = Translation.objects.filter(source__object_id=sv.translation_key)
        assert translation.source.locale == sv.locale
        assert translation.target_locale == en.locale
        assert not translation.enabled

    def test_drafts_and_the_expired_item_are_not_public(self, imported, client):
        for path in ("/sv/nyheter/2023/utkast", "/sv/nyheter/2023/granskas"):
            draft = page_at(path)
            assert not draft.live, path
            assert draft.first_published_at is None, path
            assert client.get(f"/api/public/v1/items/{draft.pk}").status_code == 404
        expired = page_at("/sv/nyheter/2023/gammal-kampanj")
        assert not ArticlePage.objects.public().filter(pk=expired.pk).exists()
        assert client.get(f"/api/public/v1/items/{expired.pk}").status_code == 404
        live = page_at("/sv/nyheter/2023/simhall")
        assert client.get(f"/api/public/v1/items/{live.pk}").status_code == 200

    def test_redirects(self, imported):
        school = page_at("/sv/nyheter/2019/ny-skola")
        redirect = Redirect.objects.get(old_path=old_path("/sv/nyheter/2019/ny-skola"))
        assert redirect.redirect_page_id == school.pk
        # A folder redirects to the newest published item of the type below it.
        assert Redirect.objects.get(old_path=old_path("/sv/nyheter/2019")).redirect_page_id == (
            school.pk
        )
        for path in FOLDERS:
            assert Redirect.objects.filter(old_path=old_path(path)).exists(), path

    def test_links_redirect_to_their_address(self, imported, client):
        outside = Redirect.objects.get(old_path=old_path("/sv/skolverket"))
        assert outside.redirect_link == LINKS["/sv/skolverket"]
        data = by_path(client, old_path("/sv/skolverket"))
        assert (data["type"], data["location"]) == ("redirect", "https://www.skolverket.se/")
        # restapi names the item by its address: the redirect leads to the item from there.
        inside = Redirect.objects.get(old_path=old_path("/sv/om-simhallen"))
        assert inside.redirect_page_id == page_at(LINKS["/sv/om-simhallen"]).pk
        assert by_path(client, old_path("/sv/om-simhallen"))["title"] == "Simhallen öppnar igen"

    def test_old_addresses_of_files_and_images_lead_to_them(self, imported, client):
        document = page_at("/sv/taxa-2023.pdf")
        assert document.is_public  # anyone could download it in Plone
        for path in ("/sv/taxa-2023.pdf", "/sv/taxa-2023.pdf/@@download/file"):
            data = by_path(client, old_path(path))
            assert data["type"] == "redirect", path
            assert data["location"] == f"http://testserver{document.url}", path
            download = client.get(data["location"])
            assert download.status_code == 200, path
            assert b"".join(download.streaming_content).startswith(b"%PDF"), path
        image = page_at("/sv/skolgard.png")
        for path in ("/sv/skolgard.png", "/sv/skolgard.png/@@images/image"):
            data = by_path(client, old_path(path))
            assert data["type"] == "redirect", path
            rendition = client.get(data["location"])
            assert rendition.status_code == 200, path
            assert rendition["Content-Type"] == "image/png", path
        assert image.get_rendition("original").width == 4
        # An image no public item uses is not handed out by its old address.
        hidden = client.get(
            "/api/public/v1/items/by-path", {"path": old_path("/sv/utan-beskrivning.png")}
        )
        assert hidden.status_code == 404

    def test_second_run_changes_nothing(self, imported):
        report = run_import(imported["url"], imported["tmp"], name="again.json")
        assert report["counts"]["imported"] == 0
        assert report["counts"]["updated"] == 0
        assert report["counts"]["unchanged"] == imported["report"]["counts"]["imported"]

    def test_nothing_queued_for_email_or_webhooks(self, imported):
        from django_tasks_db.models import DBTaskResult

        from cms.mail.models import Dispatch

        assert Dispatch.objects.count() == 0
        paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
        assert not [p for p in paths if "mail" in p or "webhook" in p], paths


@pytest.mark.django_db
class TestPloneLiveResume:
    """An interrupted walk, run again, imports the rest and nothing twice."""

    def test_interrupted_run_resumes(self, plone_url, enkanal, tmp_path, monkeypatch):
        from cms.imports.models import ImportedObject
        from cms.imports.plone import client as client_module

        search = client_module.PloneClient.search

        def dies_halfway(self, **kwargs):
            for n, item in enumerate(search(self, **kwargs)):
                if n == 15:
                    raise client_module.PloneError("Plone slutade svara (test).")
                yield item

        monkeypatch.setattr(client_module.PloneClient, "search", dies_halfway)
        with pytest.raises(Exception, match="slutade svara"):
            run_import(plone_url, tmp_path)
        first = ImportedObject.objects.filter(system="plone").count()
        assert 0 < first < len(PAGES)
        monkeypatch.setattr(client_module.PloneClient, "search", search)
        report = run_import(plone_url, tmp_path, name="resumed.json")
        assert report["counts"]["unchanged"] == first
        assert ImportedObject.objects.filter(system="plone").count() == TOTAL
        assert report["counts"]["imported"] == TOTAL - first
