"""The Plone mapping, item by item, on restapi answers recorded from the real Plone 6.2."""

import pytest

from cms.imports.plone.config import RulesError, load_rules, parse_rules
from cms.imports.plone.mapping import Mapper
from tests.plone.stub import RECORDED_ORIGIN, recorded_items

SITE = RECORDED_ORIGIN + "/Plone"


def map_site(rules=None):
    """Records by source path, and the mapper (for its report lines)."""
    mapper = Mapper(rules or load_rules(), SITE)
    records = [r for r in (mapper.map(item) for item in recorded_items()) if r]
    records += mapper.finish()
    # Keyed by the path below the site root (the recorded site is served at /Plone).
    return {r["source"]["path"].removeprefix("/Plone"): r for r in records}, mapper


@pytest.fixture(scope="module")
def mapped():
    return map_site()


def uid_of(path):
    return next(i["UID"] for i in recorded_items() if i["@id"] == SITE + path)


class TestPloneMapping:
    """Each kind of Plone content becomes the record the engine expects."""

    def test_news_item(self, mapped):
        record = mapped[0]["/sv/nyheter/2019/ny-skola"]
        assert record["schema"] == "enkanal.import/1"
        assert record["type"] == "news"
        assert record["source"] == {
            "system": "plone",
            "uid": uid_of("/sv/nyheter/2019/ny-skola"),
            "url": SITE + "/sv/nyheter/2019/ny-skola",
            "path": "/Plone/sv/nyheter/2019/ny-skola",  # the URL's path
        }
        assert record["locale"] == "sv"  # no language: from its language root folder
        assert record["slug"] == "ny-skola"
        assert record["title"] == "Ny skola i Norrby"
        assert record["summary"].startswith("Kommunen bygger en ny F–6-skola")
        assert record["topics"] == ["Skola", "Norrby"]
        assert record["state"] == "published"
        assert record["old_urls"] == ["/Plone/sv/nyheter/2019/ny-skola"]
        # Plone's naive effective date is local time (Europe/Stockholm, summer: +02:00).
        assert record["dates"]["published"] == "2019-06-03T09:00:00+02:00"
        assert record["dates"]["created"] < record["dates"]["published"]
        assert record["creators"] == ["admin"]
        assert "audiences" not in record and "owner_unit" not in record
        # The body as Plone serves it: links to the image, the file and a sibling.
        assert "/sv/skolgard.png/@@images/" in record["body_html"]
        assert 'href="http://plone.test/Plone/sv/taxa-2023.pdf"' in record["body_html"]
        assert 'href="http://plone.test/Plone/sv/nyheter/2023/simhall"' in record["body_html"]

    def test_private_and_pending_are_drafts_without_release(self, mapped):
        for path in ("/sv/nyheter/2023/utkast", "/sv/nyheter/2023/granskas"):
            record = mapped[0][path]
            assert record["state"] == "draft", path
            assert "published" not in record["dates"], path

    def test_expired_item_keeps_its_expiry(self, mapped):
        record = mapped[0]["/sv/nyheter/2023/gammal-kampanj"]
        assert record["state"] == "published"
        assert record["dates"]["expires"] == "2024-06-01T09:00:00+02:00"

    def test_audience_rule_by_path(self, mapped):
        assert mapped[0]["/sv/intranat/personalfest"]["audiences"] == ["staff"]

    def test_translation_pair_shares_one_key(self, mapped):
        sv = mapped[0]["/sv/nyheter/2023/ny-bibliotek"]
        en = mapped[0]["/en/news/new-library"]
        assert sv["locale"] == "sv" and en["locale"] == "en"
        assert sv["translation_key"] == en["translation_key"]
        assert "translation_key" not in mapped[0]["/sv/nyheter/2019/ny-skola"]

    def test_notices_by_path_with_kind_and_dates(self, mapped):
        records, mapper = mapped
        meeting = records["/sv/anslagstavla/kf-2024-04-22"]  # an Event
        assert meeting["type"] == "notice"
        assert meeting["notice"] == {
            "kind": "meeting",
            "posting_date": "2024-04-08",
            "removal_date": "2024-04-23",  # from Plone's expiry date
            "meeting_date": "2024-04-22T18:00:00+02:00",
            "meeting_location": "Stadshuset, fullmäktigesalen",
        }
        assert "expires" not in meeting["dates"]  # an archived notice stays public
        # A Document has no meeting time: an "other" notice, reported.
        document = records["/sv/anslagstavla/kungorelse-kf-2024-03"]
        assert document["notice"] == {
            "kind": "other",
            "posting_date": "2024-03-13",
            "removal_date": "2024-04-12",
        }
        assert any(
            skip.url.endswith("/kungorelse-kf-2024-03") and "övrigt anslag" in skip.reason
            for skip in mapper.skipped
        )
        minutes = records["/sv/anslagstavla/protokoll/ks-2024-02-12"]
        assert minutes["notice"] == {
            "kind": "adjusted_minutes",
            "posting_date": "2024-02-22",
            "removal_date": "2024-03-14",  # no expiry: posted for notice_days (21)
            "adjustment_date": "2024-02-22",
            "minutes_location": "Kommunkansliet",
        }

    def test_press_release_and_invitation(self, mapped):
        release = mapped[0]["/sv/press/budget-2025"]
        assert release["type"] == "press_release"
        assert release["press"] == {"kind": "press_release"}
        invitation = mapped[0]["/sv/press/presstraff-budget"]
        assert invitation["type"] == "press_release"
        assert invitation["press"] == {
            "kind": "press_invitation",
            "event_start": "2025-10-01T10:00:00+02:00",
            "event_end": "2025-10-01T11:00:00+02:00",
            "location": "Stadshuset, sal A",
        }

    def test_event_elsewhere_is_news_with_time_and_place(self, mapped):
        record = mapped[0]["/sv/nyheter/vardag"]
        assert record["type"] == "news"
        assert "2026-03-20 10:00, Stadsparken" in record["body_html"]

    def test_image_and_file(self, mapped):
        image = mapped[0]["/sv/skolgard.png"]
        assert image["type"] == "image"
        assert image["state"] == "published"  # no workflow in Plone: as public as its folder
        assert image["alt"] == "Barn leker på den nya skolgården"
        assert image["file"]["url"].startswith(SITE + "/sv/skolgard.png/@@images/image-")
        assert image["file"]["content_type"] == "image/png"
        assert image["file"]["filename"] == "skolgard.png"
        file = mapped[0]["/sv/taxa-2023.pdf"]
        assert file["type"] == "document"
        assert file["file"] == {
            "url": SITE + "/sv/taxa-2023.pdf/@@download/file",
            "filename": "taxa-2023.pdf",
            "content_type": "application/pdf",
            "size": 45,
        }
        assert file["description"] == "Avgifter för förskola och fritidshem"

    def test_folders_and_collections_redirect_to_newest_item_of_their_type(self, mapped):
        records = mapped[0]
        assert records["/sv/nyheter/2019"]["type"] == "redirect"
        assert records["/sv/nyheter/2019"]["target_uid"] == uid_of("/sv/nyheter/2019/ny-skola")
        assert records["/sv/nyheter/2019"]["old_urls"] == ["/Plone/sv/nyheter/2019"]
        # Drafts are never a target: the newest published news item of 2023.
        assert records["/sv/nyheter/2023"]["target_uid"] == uid_of("/sv/nyheter/2023/ny-bibliotek")
        assert records["/sv/anslagstavla"]["target_uid"] == uid_of("/sv/anslagstavla/kf-2024-04-22")
        # The collection asks for News Items: the newest news item of the site.
        assert records["/sv/alla-nyheter"]["target_uid"] == uid_of("/sv/nyheter/vardag")

    def test_structure_is_silent_other_documents_are_reported(self, mapped):
        records, mapper = mapped
        for path in ("/", "/sv", "/en", "/sv/assets"):
            assert path not in records
        assert "/sv/om-kommunen" not in records
        reasons = {skip.url: skip.reason for skip in mapper.skipped}
        assert SITE + "/sv/om-kommunen" in reasons
        assert "Document" in reasons[SITE + "/sv/om-kommunen"]
        assert SITE + "/sv/assets" not in reasons


class TestPloneLinks:
    """A Link's old URL redirects to its address: another site, or the item it names."""

    @staticmethod
    def link(name, remote, state="published"):
        return {
            "@id": f"{SITE}/sv/lankar/{name}",
            "@type": "Link",
            "UID": f"link-{name}",
            "id": name,
            "title": f"Länk {name}",
            "language": "sv",
            "review_state": state,
            "remoteUrl": remote,
        }

    def test_links_become_redirects(self):
        mapper = Mapper(load_rules(), SITE)
        external = mapper.map(self.link("skolverket", "https://www.skolverket.se/skola"))
        assert external["type"] == "redirect"
        assert external["target_url"] == "https://www.skolverket.se/skola"
        assert external["old_urls"] == ["/Plone/sv/lankar/skolverket"]
        assert "target_uid" not in external
        inside = mapper.map(self.link("inne", "${portal_url}/resolveuid/abc123"))
        assert inside["target_uid"] == "abc123"
        assert "target_url" not in inside
        # restapi gives a Link to an item of the site as the item's own address.
        same_site = mapper.map(self.link("gamla", f"{SITE}/sv/nyheter"))
        assert same_site["target_url"] == f"{SITE}/sv/nyheter"

    def test_links_that_cannot_be_followed_are_reported(self):
        mapper = Mapper(load_rules(), SITE)
        for name, remote, state in (
            ("privat", "https://www.skolverket.se/", "private"),
            ("skript", "javascript:alert(1)", "published"),
            ("post", "mailto:info@ekby.se", "published"),
        ):
            assert mapper.map(self.link(name, remote, state)) is None, name
        assert {skip.url.rsplit("/", 1)[-1] for skip in mapper.skipped} == {
            "privat",
            "skript",
            "post",
        }


class TestPloneRules:
    """The rules file decides types, units, audiences and notice kinds."""

    def test_unit_rule_and_first_match_wins(self):
        rules = parse_rules(
            {
                "types": [
                    {"portal_type": "News Item", "path": "/nyheter/2019", "type": "skip"},
                    {"portal_type": "News Item", "type": "staff_bulletin"},
                ],
                "units": [{"path": "/nyheter", "unit": "Kommunikation"}],
            }
        )
        records, mapper = map_site(rules)
        assert "/sv/nyheter/2019/ny-skola" not in records
        assert records["/sv/nyheter/2023/simhall"]["type"] == "staff_bulletin"
        assert records["/sv/nyheter/2023/simhall"]["owner_unit"] == "Kommunikation"
        assert "owner_unit" not in records["/en/news/new-library"]
        # No rule for documents at all: every one is reported.
        assert any("anslagstavla" in skip.url for skip in mapper.skipped)

    def test_default_rules_file_loads(self):
        rules = load_rules()
        assert rules.type_rule("Event", "/press/x").press_kind == "press_invitation"
        assert rules.type_rule("Event", "/pressrum").type == "news"  # whole segments only

    def test_bad_rules_are_refused(self, tmp_path):
        for text, words in (
            ('[[types]]\nportal_type = "News Item"\ntype = "blog"\n', "blog"),
            ('[[types]]\ntype = "news"\n', "portal_type"),
            ('[[notice_kinds]]\nkind = "later"\n', "later"),
            ("[[types]\n", "TOML"),
        ):
            path = tmp_path / "rules.toml"
            path.write_text(text, encoding="utf-8")
            with pytest.raises(RulesError, match=words):
                load_rules(path)
        with pytest.raises(RulesError):
            load_rules(tmp_path / "missing.toml")


class TestLocalDates:
    """Plone's times become the local (Europe/Stockholm) dates a notice is posted on."""

    @pytest.mark.parametrize(
        ("plone", "day"),
        [
            ("2026-03-01T23:30:00+00:00", "2026-03-02"),  # 00:30 CET
            ("2026-03-02T00:30:00", "2026-03-02"),  # naive: Plone's local time
            ("2026-06-30T22:30:00+00:00", "2026-07-01"),  # 00:30 CEST
            ("2026-03-02T22:59:00+00:00", "2026-03-02"),  # 23:59 CET
        ],
    )
    def test_near_local_midnight(self, mapped, plone, day):
        from django.utils import timezone

        mapper = mapped[1]
        with timezone.override("UTC"):
            assert mapper.local_date(mapper.when(plone)).isoformat() == day
