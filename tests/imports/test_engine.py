"""The import engine, asserted item by item: types, locales, dates, links, drafts, redirects."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageLogEntry

from cms.core.models import EnkanalDocument, EnkanalImage
from cms.imports.models import ImportedObject
from cms.pages.models import (
    ArticlePage,
    NewsPage,
    NoticePage,
    PressReleaseKind,
    PressReleasePage,
    StaffBulletinPage,
)
from cms.snippets.models import Topic
from tests.clock import next_local_noon
from tests.imports.conftest import OLD_SITE, png_base64, record, run

pytestmark = pytest.mark.django_db

#: One "now" for every call of ``site_records``, so that repeated runs see equal records;
#: a noon, so that a notice's local posting day is the same at every hour of the run.
NOW = next_local_noon()


@pytest.fixture(autouse=True)
def _at_now():
    """Every test starts at ``NOW`` (the clock runs on from there)."""
    with time_machine.travel(NOW):
        yield


def page_for(uid):
    """The specific page imported from ``uid``."""
    return ImportedObject.objects.get(uid=uid).get_object()


def site_records():
    """One record of every kind, with links between them (one pointing forward)."""
    today = timezone.localdate(NOW)
    return [
        record(
            "img1",
            "image",
            path="/bilder/skolgard.png",
            title="Skolgården",
            alt="Barn leker på skolgården",
            file={"data_base64": png_base64(), "filename": "skolgard.png"},
        ),
        record(
            "doc1",
            "document",
            path="/dokument/plan.pdf",
            title="Skolplan",
            file={"data_base64": "JVBERi0xLjQKJSVFT0YK", "filename": "plan.pdf"},
        ),
        record(
            "news1",
            audiences=["residents", "staff"],
            topics=["Skola", "Ny skola"],
            creators=["okand.person", "anna.andersson"],
            translation_key="group-1",
            old_urls=["/gamla-nyheter/ny-skola"],
            path="/nyheter/2019/ny-skola",
            body_html=(
                "<h2>Bakgrund</h2>"
                '<p>Se <a href="resolveuid/doc1">planen</a>, '
                f'<a href="{OLD_SITE}/nyheter/later">nästa nyhet</a>, '
                '<a href="../saknas">en borttagen sida</a> och '
                '<a href="https://www.skolverket.se/">Skolverket</a>.</p>'
                '<p><img src="resolveuid/img1/@@images/image/preview" alt="Skolgården"></p>'
                "<script>alert(1)</script>"
            ),
        ),
        record(
            "news1-en",
            locale="en",
            title="New school",
            translation_key="group-1",
            path="/en/news/new-school",
        ),
        record(
            "notice-old",
            "notice",
            path="/anslagstavla/protokoll-2019",
            title="Protokoll KF 2019-03-01",
            audiences=["staff"],
            notice={
                "kind": "adjusted_minutes",
                "issuing_body": "Kommunfullmäktige",
                "adjustment_date": "2019-03-04",
                "minutes_location": "Kommunkansliet",
                "posting_date": "2019-03-05",
                "removal_date": "2019-03-27",
            },
        ),
        record(
            "notice-now",
            "notice",
            path="/anslagstavla/kungorelse",
            title="Kungörelse",
            dates={"published": (NOW - datetime.timedelta(days=2)).isoformat()},
            notice={
                "kind": "other",
                "posting_date": (today - datetime.timedelta(days=2)).isoformat(),
                "removal_date": (today + datetime.timedelta(days=20)).isoformat(),
            },
        ),
        record(
            "press1",
            "press_release",
            path="/press/inbjudan",
            audiences=["residents"],
            press={
                "kind": "press_invitation",
                "event_start": "2019-05-01T10:00:00+02:00",
                "event_end": "2019-05-01T11:00:00+02:00",
                "location": "Stadshuset",
            },
        ),
        record("bulletin1", "staff_bulletin", path="/inblick/nr1", owner_unit="GS"),
        record("draft1", state="draft", path="/nyheter/utkast"),
        record(
            "expired1",
            path="/nyheter/gammal",
            dates={"published": "2018-01-01T10:00:00+01:00", "expires": "2018-06-01T00:00:00"},
        ),
        record("later", path="/nyheter/later", title="Nästa nyhet"),
        record("folder1", "redirect", old_urls=["/skola", "/skola/index_html"], target_uid="news1"),
    ]


@pytest.fixture
def imported(org):
    report = run(site_records())
    return {"report": report, **org}


class TestItems:
    def test_every_record_is_imported(self, imported):
        report = imported["report"]
        assert report.errors == []
        assert report.counts["imported"] == 12
        assert report.counts["drafts"] == 1
        assert report.by_type["notice"]["imported"] == 2

    def test_types_locales_and_parents(self, imported):
        sites = imported["sites"]
        cases = [
            ("news1", NewsPage, "sv", sites["sv"]["news"]),
            ("news1-en", NewsPage, "en", sites["en"]["news"]),
            ("notice-old", NoticePage, "sv", sites["sv"]["notices"]),
            ("press1", PressReleasePage, "sv", sites["sv"]["press"]),
            ("bulletin1", StaffBulletinPage, "sv", sites["sv"]["bulletins"]),
        ]
        for uid, model, language, parent in cases:
            page = page_for(uid)
            assert (uid, type(page), page.locale.language_code, page.get_parent().pk) == (
                uid,
                model,
                language,
                parent.pk,
            )

    def test_historical_dates(self, imported):
        page = page_for("news1")
        published = datetime.datetime.fromisoformat("2019-03-01T10:00:00+01:00")
        modified = datetime.datetime.fromisoformat("2019-03-02T10:00:00+01:00")
        assert page.live
        assert page.first_published_at == published
        assert page.last_published_at == modified
        assert page.internal_release_at == published
        assert page.external_release_at == published
        assert page.latest_revision.created_at == modified

    def test_review_date_counts_from_the_move_in(self, imported):
        # Historical review dates would make every imported item overdue at once.
        page = page_for("news1")
        assert page.review_date == timezone.localdate() + page.get_review_interval()
        assert page_for("draft1").review_date is None

    def test_audiences_topics_owner_and_creator(self, imported):
        page = page_for("news1")
        assert page.get_audience_codes() == {"residents", "staff"}
        assert {t.name for t in page.topics.all()} == {"Skola", "Ny skola"}
        assert Topic.objects.filter(name="Ny skola").exists()
        assert imported["report"].warning_counts["topic_created"] == 2
        assert page.owner_unit == imported["communication"]
        assert page.owner == imported["anna"]
        assert page.latest_revision.user == imported["anna"]
        assert page_for("bulletin1").owner_unit == imported["school"]

    def test_type_rules_fix_audiences(self, imported):
        assert page_for("notice-old").get_audience_codes() == {
            "residents",
            "media",
            "partners",
            "authorities",
            "prospective_residents",
            "visitors",
        }
        assert page_for("bulletin1").get_audience_codes() == {"staff"}
        assert page_for("press1").get_audience_codes() == {"media", "residents"}

    def test_archived_notice_keeps_its_real_dates(self, imported):
        notice = page_for("notice-old")
        assert notice.posting_date == datetime.date(2019, 3, 5)
        assert notice.earliest_removal_date == datetime.date(2019, 3, 27)
        assert not notice.is_current
        assert NoticePage.objects.public().filter(pk=notice.pk).exists()
        current = page_for("notice-now")
        assert current.posting_date == timezone.localdate() - datetime.timedelta(days=2)
        assert current.is_current
        # No staff lead: released to everyone at its posting time.
        assert current.internal_release_at == current.external_release_at

    def test_press_invitation_fields(self, imported):
        press = page_for("press1")
        assert press.kind == PressReleaseKind.INVITATION
        assert press.event_location == "Stadshuset"
        assert press.event_start == datetime.datetime.fromisoformat("2019-05-01T10:00:00+02:00")

    def test_draft_is_never_public(self, imported, client):
        draft = page_for("draft1")
        assert not draft.live
        assert draft.first_published_at is None
        assert draft.latest_revision is not None
        assert not ArticlePage.objects.public().filter(pk=draft.pk).exists()
        assert client.get(f"/api/public/v1/items/{draft.pk}").status_code == 404
        published = page_for("later")
        assert client.get(f"/api/public/v1/items/{published.pk}").status_code == 200

    def test_expired_item_is_not_public(self, imported):
        expired = page_for("expired1")
        assert expired.expired
        assert not expired.live
        assert expired.first_published_at is not None
        assert not ArticlePage.objects.public().filter(pk=expired.pk).exists()

    def test_translations_are_linked(self, imported):
        sv, en = page_for("news1"), page_for("news1-en")
        assert sv.translation_key == en.translation_key
        assert en.get_translation(sv.locale).pk == sv.pk
        assert en.slug == "new-school"

    def test_media(self, imported):
        image = EnkanalImage.objects.get(title="Skolgården")
        assert image.alt_text == "Barn leker på skolgården"
        assert (image.width, image.height) == (4, 3)
        assert EnkanalDocument.objects.get(title="Skolplan").file.name.endswith(".pdf")

    def test_one_import_log_entry_per_item(self, imported):
        page = page_for("news1")
        [entry] = PageLogEntry.objects.filter(page=page, action="enkanal.import")
        assert entry.data["source_url"] == f"{OLD_SITE}/nyheter/2019/ny-skola"
        assert entry.data["creators"] == ["okand.person", "anna.andersson"]


class TestBody:
    def test_links_become_enkanal_links(self, imported):
        page = page_for("news1")
        document = EnkanalDocument.objects.get(title="Skolplan")
        blocks = [(b.block_type, b.value) for b in page.body]
        assert blocks[0][0] == "heading"
        assert blocks[0][1]["text"] == "Bakgrund"
        html = page.body.raw_data[1]["value"]
        assert f'<a id="{document.pk}" linktype="document">planen</a>' in html
        assert '<a href="https://www.skolverket.se/">Skolverket</a>' in html
        assert "script" not in str(page.body.raw_data)

    def test_forward_reference_resolved_at_the_end(self, imported):
        html = page_for("news1").body.raw_data[1]["value"]
        later = page_for("later")
        assert f'<a id="{later.pk}" linktype="page">nästa nyhet</a>' in html
        revision_body = str(page_for("news1").latest_revision.content["body"])
        assert f'id=\\"{later.pk}\\"' in revision_body or f'id="{later.pk}"' in revision_body

    def test_unresolved_link_kept_and_reported(self, imported):
        html = page_for("news1").body.raw_data[1]["value"]
        assert f'<a href="{OLD_SITE}/nyheter/saknas">en borttagen sida</a>' in html
        lines = imported["report"].warnings["link_unresolved"]
        assert [line["message"] for line in lines if "saknas" in line["message"]]
        assert lines[0]["source"] == f"{OLD_SITE}/nyheter/2019/ny-skola"

    def test_image_becomes_an_image_block(self, imported):
        image = EnkanalImage.objects.get(title="Skolgården")
        [block] = [b for b in page_for("news1").body if b.block_type == "image"]
        assert block.value["image"].pk == image.pk

    def test_long_summary_is_trimmed_and_kept_in_the_body(self, org):
        long = "Första meningen är här. " * 20
        report = run([record("long", summary=long)])
        page = page_for("long")
        assert len(page.summary) <= 300
        assert page.summary.endswith(".")
        assert page.body.raw_data[0]["value"] == f"<p>{long.strip()}</p>"
        assert report.warning_counts["summary_trimmed"] == 1


class TestRedirects:
    def test_old_urls_redirect_to_the_new_item(self, imported):
        page = page_for("news1")
        for old in ("/nyheter/2019/ny-skola", "/gamla-nyheter/ny-skola", "/skola"):
            redirect = Redirect.objects.get(old_path=Redirect.normalise_path(old))
            assert redirect.redirect_page_id == page.pk
        assert imported["report"].counts["redirects"] >= 4

    def test_document_path_redirects_to_the_document(self, imported):
        document = EnkanalDocument.objects.get(title="Skolplan")
        redirect = Redirect.objects.get(old_path="/dokument/plan.pdf")
        assert redirect.redirect_link == document.url

    def test_image_path_redirects_to_the_image(self, imported, client):
        from django.urls import reverse

        image = EnkanalImage.objects.get(title="Skolgården")
        redirect = Redirect.objects.get(old_path="/bilder/skolgard.png")
        assert redirect.redirect_link == reverse("api_image", args=[image.pk])
        # A public item uses the image: its old address answers with a rendition.
        data = client.get("/api/public/v1/items/by-path", {"path": "/bilder/skolgard.png"}).json()
        assert data["type"] == "redirect"
        assert client.get(data["location"]).status_code == 200

    def test_link_to_another_site_redirects_there(self, org, client):
        report = run(
            [
                record(
                    "link1",
                    "redirect",
                    path="/lankar/skolverket",
                    old_urls=["/lankar/skolverket"],
                    target_url="https://www.skolverket.se/skola",
                ),
                record(
                    "link2",
                    "redirect",
                    path="/lankar/skript",
                    old_urls=["/lankar/skript"],
                    target_url="javascript:alert(1)",
                ),
            ]
        )
        redirect = Redirect.objects.get(old_path="/lankar/skolverket")
        assert redirect.redirect_link == "https://www.skolverket.se/skola"
        assert redirect.redirect_page is None
        assert not Redirect.objects.filter(old_path="/lankar/skript").exists()
        assert [e["source"] for e in report.errors] == [f"{OLD_SITE}/lankar/skript"]
        data = client.get("/api/public/v1/items/by-path", {"path": "/lankar/skolverket"}).json()
        assert data["type"] == "redirect"
        assert data["location"] == "https://www.skolverket.se/skola"


class TestIdempotence:
    def test_second_run_changes_nothing(self, imported):
        pages = Page.objects.count()
        revisions = sorted(ArticlePage.objects.values_list("latest_revision_id", flat=True))
        logs = PageLogEntry.objects.count()
        report = run(site_records())
        assert report.counts["unchanged"] == 12
        assert report.counts["imported"] == 0
        assert Page.objects.count() == pages
        assert sorted(ArticlePage.objects.values_list("latest_revision_id", flat=True)) == revisions
        assert PageLogEntry.objects.count() == logs

    def test_interrupted_run_resumes(self, org):
        records = site_records()

        def crashing():
            yield from records[:5]
            raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            run(crashing())
        assert ImportedObject.objects.count() == 5
        report = run(records)
        assert report.counts["unchanged"] == 5
        assert report.counts["imported"] == 7
        later = page_for("later")
        assert f'id="{later.pk}"' in page_for("news1").body.raw_data[1]["value"]

    def test_changed_source_is_skipped_without_update(self, imported):
        records = site_records()
        records[-2]["title"] = "Ny rubrik"
        report = run(records)
        assert report.counts["skipped"] == 1
        assert page_for("later").title == "Nästa nyhet"

    def test_update_brings_changes_in(self, imported):
        records = site_records()
        records[-2]["title"] = "Ny rubrik"
        report = run(records, update=True)
        assert report.counts["updated"] == 1
        assert report.counts["unchanged"] == 11
        page = page_for("later")
        assert page.title == "Ny rubrik"
        assert page.live and not page.has_unpublished_changes

    def test_update_keeps_enkanal_edits_as_conflicts(self, imported):
        page = page_for("later")
        page.title = "Redigerad i Enkanal"
        page.save_revision(user=imported["anna"])
        records = site_records()
        records[-2]["title"] = "Ny rubrik"
        report = run(records, update=True)
        assert report.counts["conflicts"] == 1
        assert report.warnings["conflict"][0]["source"] == f"{OLD_SITE}/nyheter/later"
        page = page_for("later")
        assert page.get_latest_revision_as_object().title == "Redigerad i Enkanal"


def link_record(target_url, uid="link1"):
    path = "/lankar/skolverket"
    return record(uid, "redirect", path=path, old_urls=[path], target_url=target_url)


class TestUpdateRedirectsAndFiles:
    """``--update`` of links and files: changes come in, Enkanal edits stay (conflicts)."""

    def test_a_changed_link_is_brought_up_to_date(self, org):
        run([link_record("https://www.skolverket.se/")])
        skipped = run([link_record("https://www.skolverket.se/ny")])
        assert skipped.counts["skipped"] == 1
        assert Redirect.objects.get(old_path="/lankar/skolverket").redirect_link == (
            "https://www.skolverket.se/"
        )
        report = run([link_record("https://www.skolverket.se/ny")], update=True)
        assert report.counts["updated"] == 1
        assert report.counts["redirects_updated"] == 1
        [redirect] = Redirect.objects.filter(old_path="/lankar/skolverket")
        assert redirect.redirect_link == "https://www.skolverket.se/ny"
        again = run([link_record("https://www.skolverket.se/ny")], update=True)
        assert again.counts["unchanged"] == 1

    def test_a_link_edited_in_enkanal_is_a_conflict(self, org):
        run([link_record("https://www.skolverket.se/")])
        Redirect.objects.filter(old_path="/lankar/skolverket").update(
            redirect_link="https://www.ekby.se/skola"
        )
        for _ in range(2):  # reported on every run, never overwritten
            report = run([link_record("https://www.skolverket.se/ny")], update=True)
            assert report.counts["conflicts"] == 1
            assert report.warnings["conflict"][0]["source"] == f"{OLD_SITE}/lankar/skolverket"
            assert report.warning_counts["redirect_conflict"] == 1
            redirect = Redirect.objects.get(old_path="/lankar/skolverket")
            assert redirect.redirect_link == "https://www.ekby.se/skola"

    def test_a_redirect_deleted_in_enkanal_stays_deleted(self, org):
        run([link_record("https://www.skolverket.se/")])
        Redirect.objects.filter(old_path="/lankar/skolverket").delete()
        report = run([link_record("https://www.skolverket.se/ny")], update=True)
        assert report.counts["conflicts"] == 1
        assert not Redirect.objects.filter(old_path="/lankar/skolverket").exists()

    def test_a_link_to_the_old_site_leads_to_the_item_from_there(self, org):
        link = record(
            "link-in",
            "redirect",
            path="/lankar/skolan",
            old_urls=["/lankar/skolan"],
            target_url=f"{OLD_SITE}/nyheter/skolan",
        )
        # The link comes first: its target is imported later in the run.
        report = run([link, record("skolan", path="/nyheter/skolan")])
        assert report.counts["imported"] == 2
        redirect = Redirect.objects.get(old_path="/lankar/skolan")
        assert redirect.redirect_page_id == page_for("skolan").pk
        assert run([link, record("skolan", path="/nyheter/skolan")]).counts["unchanged"] == 2

    def test_a_folder_follows_its_new_target(self, org):
        news = [record("a", path="/nyheter/a"), record("b", path="/nyheter/b")]
        folder = record("f", "redirect", path="/nyheter", old_urls=["/nyheter"], target_uid="a")
        run([*news, folder])
        run([*news, {**folder, "target_uid": "b"}], update=True)
        redirect = Redirect.objects.get(old_path="/nyheter")
        assert redirect.redirect_page_id == page_for("b").pk

    def test_a_redirect_made_by_someone_else_is_never_taken_over(self, org):
        other = page_for_record(record("x", path="/nyheter/x"))
        Redirect.objects.create(old_path="/lankar/skolverket", redirect_page=other)
        report = run([link_record("https://www.skolverket.se/")])
        assert report.warning_counts["redirect_exists"] == 1
        assert Redirect.objects.get(old_path="/lankar/skolverket").redirect_page_id == other.pk

    def test_a_changed_document_is_brought_up_to_date(self, imported):
        records = site_records()
        records[1]["title"] = "Skolplan 2020"
        report = run(records, update=True)
        assert report.by_type["document"]["updated"] == 1
        document = EnkanalDocument.objects.get(pk=page_for("doc1").pk)
        assert document.title == "Skolplan 2020"
        assert Redirect.objects.get(old_path="/dokument/plan.pdf").redirect_link == document.url

    def test_a_document_edited_in_enkanal_is_a_conflict(self, imported):
        document = page_for("doc1")
        document.title = "Skolplanen (rättad)"
        document.save()
        records = site_records()
        records[1]["title"] = "Skolplan 2020"
        report = run(records, update=True)
        assert report.by_type["document"]["conflicts"] == 1
        assert EnkanalDocument.objects.get(pk=document.pk).title == "Skolplanen (rättad)"


def page_for_record(item):
    run([item])
    return page_for(item["source"]["uid"])


class TestDryRun:
    def test_nothing_is_written(self, org):
        counts = (
            Page.objects.count(),
            ImportedObject.objects.count(),
            Redirect.objects.count(),
            Topic.objects.count(),
            EnkanalImage.objects.count(),
            PageLogEntry.objects.count(),
        )
        report = run(site_records(), dry_run=True)
        assert report.dry_run
        assert report.counts["imported"] == 12
        assert counts == (
            Page.objects.count(),
            ImportedObject.objects.count(),
            Redirect.objects.count(),
            Topic.objects.count(),
            EnkanalImage.objects.count(),
            PageLogEntry.objects.count(),
        )


class TestFiles:
    def test_fetched_files_and_bad_ones(self, org, settings):
        from cms.imports.engine import Importer, ImportOptions

        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
        fetched = []

        def fetch(url):
            fetched.append(url)
            if "trasig" in url:
                raise ConnectionError("https://admin:hemligt@gamla.ekby.se/ svarade inte")
            return b"%PDF-1.4 en liten fil"

        records = [
            record("f1", "document", path="/dok/a.pdf", file={"url": f"{OLD_SITE}/dok/a.pdf"}),
            record("f2", "document", path="/dok/trasig.pdf", file={"url": f"{OLD_SITE}/trasig"}),
            record("f3", "document", path="/dok/stor.pdf", file={"url": "x", "size": 10**6}),
            record(
                "f4",
                "document",
                path="/dok/a.exe",
                file={"data_base64": "TVo=", "filename": "a.exe"},
            ),
        ]
        report = Importer(ImportOptions(progress=False, source_system="plone"), fetch=fetch).run(
            records
        )
        assert report.counts["imported"] == 1
        assert report.counts["failed"] == 3
        assert fetched == [f"{OLD_SITE}/dok/a.pdf", f"{OLD_SITE}/trasig"]
        assert EnkanalDocument.objects.get().file.name.endswith(".pdf")
        messages = " ".join(e["message"] for e in report.errors)
        assert "hemligt" not in str(report.to_dict())
        assert "ConnectionError" in messages
        assert "för stor" in messages
        assert "exe" in messages

    def test_unreadable_images_are_reported_and_the_run_goes_on(self, org):
        import base64

        png = base64.b64decode(png_base64())
        bad = {
            "img-text": b"inte en bild alls",
            "img-truncated": png[:30],
            "img-header-only": b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
            "img-gif": b"GIF89a" + b"\xff" * 20,
        }
        records = [
            record(
                uid,
                "image",
                path=f"/bilder/{uid}.png",
                alt="Något",
                file={"data_base64": base64.b64encode(data).decode(), "filename": f"{uid}.png"},
            )
            for uid, data in bad.items()
        ]
        records.append(
            record(
                "img-good",
                "image",
                path="/bilder/bra.png",
                alt="En röd ruta",
                file={"data_base64": png_base64(), "filename": "bra.png"},
            )
        )
        records.append(record("after-images"))
        report = run(records)
        assert report.counts["failed"] == len(bad), report.errors
        assert report.counts["imported"] == 2
        assert EnkanalImage.objects.get().title == "Rubrik img-good"
        failed = {error["source"].rsplit("/", 1)[-1] for error in report.errors}
        assert failed == {f"{uid}.png" for uid in bad}
        for error in report.errors:
            assert "bild" in error["message"].lower(), error
        assert ImportedObject.objects.filter(uid__in=bad).count() == 0


class TestNoticePostingDate:
    """A notice is posted on the local (Europe/Stockholm) date it was published."""

    def notice(self, uid, **fields):
        return record(
            uid,
            "notice",
            path=f"/anslagstavla/{uid}",
            notice={"kind": "other", "removal_date": "2026-08-01", **fields.pop("notice", {})},
            **fields,
        )

    @pytest.mark.parametrize("zone", ["Europe/Stockholm", "UTC", "America/New_York"])
    def test_from_the_publication_time_near_local_midnight(self, org, zone):
        records = [
            # 00:30 local time (CET, +01:00) on 2 March is 23:30 UTC on 1 March.
            self.notice("winter", dates={"published": "2026-03-01T23:30:00+00:00"}),
            self.notice("winter-local", dates={"published": "2026-03-02T00:30:00+01:00"}),
            # 00:30 local time (CEST, +02:00) on 1 July is 22:30 UTC on 30 June.
            self.notice("summer", dates={"published": "2026-06-30T22:30:00Z"}),
            # 23:30 local time stays on its own day.
            self.notice("late", dates={"published": "2026-03-02T22:30:00+00:00"}),
            # A posting date given as a time is a local date too.
            self.notice("given", notice={"posting_date": "2026-03-01T23:30:00+00:00"}),
        ]
        # The run's answer does not depend on the time zone a caller has activated.
        with timezone.override(zone):
            report = run(records)
        assert report.counts["imported"] == 5, report.errors
        assert {uid: page_for(uid).posting_date for uid in ("winter", "winter-local")} == {
            "winter": datetime.date(2026, 3, 2),
            "winter-local": datetime.date(2026, 3, 2),
        }
        assert page_for("summer").posting_date == datetime.date(2026, 7, 1)
        assert page_for("late").posting_date == datetime.date(2026, 3, 2)
        assert page_for("given").posting_date == datetime.date(2026, 3, 2)

    def test_without_dates_it_is_the_local_date_of_the_run(self, org):
        import time_machine

        item = self.notice("undated", notice={"removal_date": "2026-03-23"})
        item["dates"] = {}
        midnight = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
        with time_machine.travel(midnight), timezone.override("UTC"):
            report = run([item])
        assert report.counts["imported"] == 1, report.errors
        assert page_for("undated").posting_date == datetime.date(2026, 3, 2)


class TestQueryBudget:
    """The queries an item costs stay bounded, so a slow import fails a test, not a move."""

    #: Measured: 21.7 queries a news item on SQLite (with the run's fixed cost spread
    #: over 20 items; 16 an item after the first few, and two savepoints), from 62 when
    #: a new page went through Wagtail's three saves, and 77 before that.
    PER_ITEM = 23

    def test_a_news_item_costs_a_bounded_number_of_queries(self, org):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        records = [
            record(
                f"bulk-{n}",
                path=f"/nyheter/bulk-{n}",
                topics=[f"Ämne {n % 3}"],
                old_urls=[f"/gamla/nyheter/{n}"],
                body_html=(
                    f"<p>Första stycket i nyhet {n}.</p>"
                    f'<p>Länk till <a href="resolveuid/bulk-{n - 1}">förra nyheten</a>.</p>'
                ),
            )
            for n in range(20)
        ]
        with CaptureQueriesContext(connection) as queries:
            report = run(records)
        assert report.counts["imported"] == 20
        per_item = len(queries) / len(records)
        print(f"{per_item:.1f} queries per item")
        assert per_item <= self.PER_ITEM
