"""The notice board and the press room."""

import datetime

import pytest
from django.utils import timezone

from cms.core.models import MunicipalitySettings
from cms.pages.models import NoticePage, PressReleaseKind
from cms.snippets.factories import PersonFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


class TestNoticeBoard:
    def test_current_notices_and_appeal_text(self, client, make_item):
        MunicipalitySettings.objects.update_or_create(
            pk=MunicipalitySettings.load().pk,
            defaults={"appeal_instructions": "Överklaga inom tre veckor."},
        )
        current = make_item("notice")
        archived = make_item("notice")
        NoticePage.objects.filter(pk=archived.pk).update(
            earliest_removal_date=timezone.localdate() - DAY
        )
        board = client.get("/api/public/v1/notice-board").json()
        assert board["appeal_instructions"] == "Överklaga inom tre veckor."
        assert [n["id"] for n in board["notices"]] == [current.pk]
        assert board["notices"][0]["notice"]["is_current"] is True
        archive = client.get("/api/public/v1/notice-board/archive").json()
        assert [n["id"] for n in archive["items"]] == [archived.pk]
        assert archive["items"][0]["notice"]["is_current"] is False

    def test_unreleased_notice_is_not_on_the_board(self, client, make_item):
        make_item("notice", external=timezone.now() + datetime.timedelta(hours=1))
        assert client.get("/api/public/v1/notice-board").json()["notices"] == []


class TestPressRoom:
    def test_press_room(self, client, make_item, django_assert_max_num_queries):
        contact = PersonFactory(show_to_press=True, name="Pia Press")
        PersonFactory(show_to_press=False)
        release = make_item("press", media_contacts=[contact])
        invitation = make_item(
            "press",
            kind=PressReleaseKind.INVITATION,
            event_start=timezone.now() + 2 * DAY,
            event_location="Stadshuset",
        )
        make_item("news")
        client.get("/api/public/v1/press-room")
        with django_assert_max_num_queries(16):
            room = client.get("/api/public/v1/press-room").json()
        assert [p["name"] for p in room["media_contacts"]] == ["Pia Press"]
        assert {r["id"] for r in room["latest_releases"]} == {release.pk, invitation.pk}
        assert [r["id"] for r in room["upcoming_invitations"]] == [invitation.pk]
        latest = {r["id"]: r for r in room["latest_releases"]}
        assert latest[release.pk]["press"]["media_contacts"][0]["name"] == "Pia Press"

    def test_releases_by_kind(self, client, make_item):
        make_item("press")
        invitation = make_item(
            "press",
            kind=PressReleaseKind.INVITATION,
            event_start=timezone.now() + DAY,
            event_location="Stadshuset",
        )
        response = client.get("/api/public/v1/press-room/releases", {"kind": "invitation"})
        assert [r["id"] for r in response.json()["items"]] == [invitation.pk]
        assert client.get("/api/public/v1/press-room/releases?kind=x").status_code == 422
