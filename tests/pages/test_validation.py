"""Every validation rule of the article types, on save and through ``revision.publish()``.

The rules live in the models, so the admin form and every code path that publishes a
revision (workflows, scheduling, reverts) judge an item the same way.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Revision

from cms.pages.models import (
    NewsPage,
    NoticeKind,
    NoticePage,
    PressReleaseKind,
    PressReleasePage,
    StaffBulletinPage,
)
from cms.snippets.factories import UnitFactory, audiences
from cms.workflows.guard import system_publish

STOCKHOLM = ZoneInfo("Europe/Stockholm")
#: A Monday morning; every date below is relative to it.
MONDAY = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=STOCKHOLM)
TODAY = MONDAY.date()

EXTERNAL = {"residents", "media", "partners", "authorities", "prospective_residents", "visitors"}


def days(n: int) -> datetime.timedelta:
    """``n`` days."""
    return datetime.timedelta(days=n)


def add_page(parent, model, *, live=True, **fields):
    """Add a ``model`` page under ``parent``; a live page is validated on save."""
    values = {"title": "Prov", "summary": "En kort sammanfattning.", "owner_unit": UnitFactory()}
    if model is NewsPage:
        values["audiences"] = audiences("residents")
    if model is NoticePage:
        values |= {"issuing_body": "Kommunfullmäktige", "earliest_removal_date": TODAY + days(30)}
    values |= fields
    page = model(live=live, **values)
    parent.add_child(instance=page)
    return page


def errors_of(excinfo) -> dict[str, list[str]]:
    """The field → messages mapping of a raised ``ValidationError``."""
    return {
        field: [str(m) for m in messages] for field, messages in excinfo.value.message_dict.items()
    }


@pytest.fixture(autouse=True)
def swedish():
    """Editors work in Swedish; the messages are checked as they read them."""
    with translation.override("sv"):
        yield


@pytest.fixture(autouse=True)
def approvals_given():
    """These tests are about content rules; the approval workflow is tested elsewhere."""
    with system_publish("tests of the page types' validation rules"):
        yield


@pytest.fixture
def monday():
    """Freeze time at ``MONDAY``; the fixture can move it on."""
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def publish(page):
    """Save and publish a revision of ``page``; return the stored page."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def publish_broken_revision(page, **changes):
    """Save a revision of ``page`` with ``changes`` unvalidated, and publish it."""
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    revision = draft.save_revision(clean=False)
    revision.publish()


def assert_live_unchanged(page, **expected):
    """The stored page still has the ``expected`` values and its old live revision."""
    stored = type(page).objects.get(pk=page.pk)
    assert stored.live_revision_id == page.live_revision_id
    for name, value in expected.items():
        assert getattr(stored, name) == value, name


@pytest.mark.django_db
class TestSummary:
    def test_is_required(self, site_tree):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["news"], NewsPage, summary="")
        assert list(errors_of(excinfo)) == ["summary"]
        assert errors_of(excinfo)["summary"] == ["Detta fält får inte vara tomt."]

    @pytest.mark.parametrize(("length", "valid"), [(299, True), (300, True), (301, False)])
    def test_is_at_most_300_characters(self, site_tree, length, valid):
        if valid:
            page = add_page(site_tree["news"], NewsPage, summary="x" * length)
            assert len(page.summary) == length
            return
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["news"], NewsPage, summary="x" * length)
        assert "300" in errors_of(excinfo)["summary"][0]

    def test_cannot_be_emptied_through_revision_publish(self, site_tree):
        page = add_page(site_tree["news"], NewsPage)
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, summary="")
        assert "summary" in errors_of(excinfo)
        assert_live_unchanged(page, summary="En kort sammanfattning.")

    def test_cannot_grow_too_long_through_revision_publish(self, site_tree):
        page = add_page(site_tree["news"], NewsPage)
        page = publish(page)
        with pytest.raises(ValidationError):
            publish_broken_revision(page, summary="x" * 301)
        assert_live_unchanged(page, summary="En kort sammanfattning.")


@pytest.mark.django_db
class TestAudiences:
    def test_news_needs_at_least_one(self, site_tree):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["news"], NewsPage, audiences=[])
        assert errors_of(excinfo) == {"audiences": ["Välj minst en målgrupp."]}

    @pytest.mark.parametrize(
        "codes", [("staff",), ("residents", "media"), tuple(EXTERNAL | {"staff"})]
    )
    def test_news_may_have_any(self, site_tree, codes):
        page = add_page(site_tree["news"], NewsPage, audiences=audiences(*codes))
        assert page.get_audience_codes() == set(codes)

    def test_a_draft_may_lack_audiences(self, site_tree):
        # Drafts are only checked for title and slug, as Wagtail does.
        page = add_page(site_tree["news"], NewsPage, live=False, audiences=[])
        assert page.pk is not None

    def test_cannot_be_removed_through_revision_publish(self, site_tree):
        page = add_page(site_tree["news"], NewsPage)
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, audiences=[])
        assert errors_of(excinfo) == {"audiences": ["Välj minst en målgrupp."]}
        stored = NewsPage.objects.get(pk=page.pk)
        assert stored.get_audience_codes() == {"residents"}


BULLETIN_MESSAGE = "Ett personalblad är bara för medarbetare och kan inte ha externa målgrupper."


@pytest.mark.django_db
class TestStaffBulletinAudiences:
    def test_empty_becomes_staff(self, site_tree):
        page = add_page(site_tree["bulletins"], StaffBulletinPage)
        assert StaffBulletinPage.objects.get(pk=page.pk).get_audience_codes() == {"staff"}

    def test_staff_is_accepted(self, site_tree):
        page = add_page(site_tree["bulletins"], StaffBulletinPage, audiences=audiences("staff"))
        assert page.get_audience_codes() == {"staff"}

    @pytest.mark.parametrize("codes", [("residents",), ("staff", "media"), ("visitors",)])
    def test_an_external_audience_is_refused(self, site_tree, codes):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["bulletins"], StaffBulletinPage, audiences=audiences(*codes))
        assert errors_of(excinfo) == {"audiences": [BULLETIN_MESSAGE]}

    def test_an_external_audience_is_refused_through_revision_publish(self, site_tree):
        page = add_page(site_tree["bulletins"], StaffBulletinPage)
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, audiences=audiences("staff", "residents"))
        assert errors_of(excinfo) == {"audiences": [BULLETIN_MESSAGE]}
        stored = StaffBulletinPage.objects.get(pk=page.pk)
        assert stored.get_audience_codes() == {"staff"}
        assert stored.live_revision_id == page.live_revision_id


NOTICE_MESSAGE = "Ett anslag är alltid till för kommuninvånare och omvärlden."


@pytest.mark.django_db
class TestNoticeAudiences:
    def test_empty_becomes_residents_and_the_outside_world(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage)
        assert NoticePage.objects.get(pk=page.pk).get_audience_codes() == EXTERNAL

    @pytest.mark.parametrize("codes", [("staff",), ("residents",), tuple(EXTERNAL | {"staff"})])
    def test_other_audiences_are_refused(self, site_tree, monday, codes):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, audiences=audiences(*codes))
        assert errors_of(excinfo) == {"audiences": [NOTICE_MESSAGE]}

    def test_staff_is_refused_through_revision_publish(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage)
        page = publish(page)
        with pytest.raises(ValidationError):
            publish_broken_revision(page, audiences=audiences("staff"))
        assert NoticePage.objects.get(pk=page.pk).get_audience_codes() == EXTERNAL


def minutes(**fields):
    """Fields of a valid adjusted-minutes notice posted ``TODAY``."""
    return {
        "notice_kind": NoticeKind.ADJUSTED_MINUTES,
        "adjustment_date": TODAY - days(2),
        "minutes_location": "Kommunkansliet, Stadshuset",
        "earliest_removal_date": TODAY + days(21),
    } | fields


@pytest.mark.django_db
class TestAdjustedMinutes:
    def test_valid_minutes_are_posted_today(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **minutes())
        assert page.posting_date == TODAY

    def test_need_an_adjustment_date(self, site_tree, monday):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, **minutes(adjustment_date=None))
        assert errors_of(excinfo) == {"adjustment_date": ["Ange när protokollet justerades."]}

    @pytest.mark.parametrize("location", ["", "   "])
    def test_need_a_minutes_location(self, site_tree, monday, location):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, **minutes(minutes_location=location))
        assert errors_of(excinfo) == {"minutes_location": ["Ange var protokollet förvaras."]}

    def test_adjustment_date_cannot_be_after_posting(self, site_tree, monday):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, **minutes(adjustment_date=TODAY + days(1)))
        assert errors_of(excinfo) == {
            "adjustment_date": ["Protokollet kan inte anslås innan det är justerat."]
        }

    def test_adjustment_on_the_posting_day_is_fine(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **minutes(adjustment_date=TODAY))
        assert page.adjustment_date == page.posting_date

    @pytest.mark.parametrize(("posted_days", "valid"), [(20, False), (21, True), (22, True)])
    def test_stay_posted_at_least_21_days(self, site_tree, monday, posted_days, valid):
        fields = minutes(earliest_removal_date=TODAY + days(posted_days))
        if valid:
            assert add_page(site_tree["notices"], NoticePage, **fields).pk
            return
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, **fields)
        assert errors_of(excinfo) == {
            "earliest_removal_date": ["Anslaget får tas ner tidigast 23 mars 2026."]
        }

    def test_21_days_count_from_a_scheduled_posting(self, site_tree, monday):
        go_live = MONDAY + days(7)
        page = add_page(
            site_tree["notices"],
            NoticePage,
            live=False,
            go_live_at=go_live,
            **minutes(earliest_removal_date=TODAY + days(21)),
        )
        revision = page.get_latest_revision_as_object().save_revision(clean=False)
        with pytest.raises(ValidationError) as excinfo:
            revision.publish()
        assert "earliest_removal_date" in errors_of(excinfo)

    def test_too_early_removal_is_refused_through_revision_publish(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **minutes())
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, earliest_removal_date=TODAY + days(20))
        assert "earliest_removal_date" in errors_of(excinfo)
        assert_live_unchanged(page, earliest_removal_date=TODAY + days(21))

    def test_missing_adjustment_is_refused_through_revision_publish(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **minutes())
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, adjustment_date=None, minutes_location="")
        assert set(errors_of(excinfo)) == {"adjustment_date", "minutes_location"}
        assert_live_unchanged(page, adjustment_date=TODAY - days(2))


@pytest.mark.django_db
class TestMeetingNotice:
    def meeting(self, **fields):
        return {
            "notice_kind": NoticeKind.MEETING,
            "meeting_date": MONDAY + days(10),
            "meeting_location": "Sessionssalen",
            "earliest_removal_date": TODAY + days(10),
        } | fields

    def test_needs_a_meeting_date(self, site_tree, monday):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, **self.meeting(meeting_date=None))
        assert errors_of(excinfo) == {"meeting_date": ["Ange när sammanträdet hålls."]}

    def test_cannot_be_removed_before_the_meeting(self, site_tree, monday):
        with pytest.raises(ValidationError) as excinfo:
            add_page(
                site_tree["notices"],
                NoticePage,
                **self.meeting(earliest_removal_date=TODAY + days(9)),
            )
        assert errors_of(excinfo) == {
            "earliest_removal_date": ["Anslaget får tas ner tidigast 12 mars 2026."]
        }

    def test_may_be_removed_on_the_meeting_day(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **self.meeting())
        assert page.earliest_removal_date == TODAY + days(10)

    def test_missing_meeting_date_is_refused_through_revision_publish(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **self.meeting())
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, meeting_date=None)
        assert "meeting_date" in errors_of(excinfo)
        assert_live_unchanged(page, meeting_date=MONDAY + days(10))


@pytest.mark.django_db
class TestOtherNotices:
    @pytest.mark.parametrize("kind", [NoticeKind.OTHER, NoticeKind.DELEGATED_DECISION])
    def test_removal_not_before_posting(self, site_tree, monday, kind):
        with pytest.raises(ValidationError) as excinfo:
            add_page(
                site_tree["notices"],
                NoticePage,
                notice_kind=kind,
                earliest_removal_date=TODAY - days(1),
            )
        assert errors_of(excinfo) == {
            "earliest_removal_date": ["Anslaget får tas ner tidigast 2 mars 2026."]
        }

    @pytest.mark.parametrize("kind", [NoticeKind.OTHER, NoticeKind.DELEGATED_DECISION])
    def test_removal_on_the_posting_day_is_fine(self, site_tree, monday, kind):
        page = add_page(
            site_tree["notices"], NoticePage, notice_kind=kind, earliest_removal_date=TODAY
        )
        assert page.posting_date == TODAY

    def test_removal_date_is_required(self, site_tree, monday):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["notices"], NoticePage, earliest_removal_date=None)
        assert "earliest_removal_date" in errors_of(excinfo)

    def test_early_removal_is_refused_through_revision_publish(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage)
        page = publish(page)
        with pytest.raises(ValidationError):
            publish_broken_revision(page, earliest_removal_date=TODAY - days(1))
        assert_live_unchanged(page, earliest_removal_date=TODAY + days(30))


@pytest.mark.django_db
class TestPostingDate:
    def test_a_draft_has_none(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, live=False)
        assert page.posting_date is None

    def test_is_set_at_first_publication(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, live=False)
        revision = page.save_revision()
        monday.shift(days(2))
        revision.publish()
        assert NoticePage.objects.get(pk=page.pk).posting_date == TODAY + days(2)

    def test_never_changes_after_later_publishes(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, live=False, **minutes())
        first = page.save_revision()
        first.publish()
        monday.shift(days(5))
        draft = NoticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        draft.title = "Justerat protokoll, rättad rubrik"
        draft.save_revision().publish()
        stored = NoticePage.objects.get(pk=page.pk)
        assert stored.title == "Justerat protokoll, rättad rubrik"
        assert stored.posting_date == TODAY

    def test_publishing_an_older_revision_keeps_it(self, site_tree, monday):
        # The first revision was saved before publication, so its content has no posting
        # date; publishing it again later must neither clear nor move the date, nor
        # judge the 21 days from the later day.
        page = add_page(site_tree["notices"], NoticePage, live=False, **minutes())
        first = page.save_revision()
        first.publish()
        monday.shift(days(6))
        first.publish()
        stored = NoticePage.objects.get(pk=page.pk)
        assert stored.posting_date == TODAY
        assert stored.live_revision_id == first.pk

    def test_reverting_to_a_revision_from_before_publication_is_judged_from_it(
        self, site_tree, monday
    ):
        page = add_page(site_tree["notices"], NoticePage, live=False, **minutes())
        first = page.save_revision()
        first.publish()
        monday.shift(days(6))
        reverted = Revision.objects.get(pk=first.pk).as_object()
        assert reverted.posting_date == TODAY
        reverted.full_clean()

    def test_a_revision_cannot_set_it(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage)
        page = publish(page)
        monday.shift(days(3))
        publish_broken_revision(page, posting_date=TODAY + days(3))
        assert NoticePage.objects.get(pk=page.pk).posting_date == TODAY

    def test_is_kept_in_the_edited_object(self, site_tree, monday):
        # What the editor sees (the latest revision) shows the real posting date.
        page = add_page(site_tree["notices"], NoticePage, live=False, **minutes())
        page = publish(page)
        monday.shift(days(4))
        draft = NoticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert draft.posting_date == TODAY
        draft.full_clean()


@pytest.mark.django_db
class TestPressRelease:
    def test_empty_audiences_become_media(self, site_tree):
        page = add_page(site_tree["press"], PressReleasePage)
        assert PressReleasePage.objects.get(pk=page.pk).get_audience_codes() == {"media"}

    def test_must_include_media(self, site_tree):
        with pytest.raises(ValidationError) as excinfo:
            add_page(site_tree["press"], PressReleasePage, audiences=audiences("residents"))
        assert errors_of(excinfo) == {
            "audiences": ["Ett pressmeddelande ska alltid ha målgruppen Media."]
        }

    def test_media_with_others_is_fine(self, site_tree):
        page = add_page(
            site_tree["press"], PressReleasePage, audiences=audiences("media", "residents")
        )
        assert page.get_audience_codes() == {"media", "residents"}

    def test_media_cannot_be_dropped_through_revision_publish(self, site_tree):
        page = add_page(site_tree["press"], PressReleasePage, audiences=audiences("media"))
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, audiences=audiences("residents"))
        assert list(errors_of(excinfo)) == ["audiences"]
        assert PressReleasePage.objects.get(pk=page.pk).get_audience_codes() == {"media"}


@pytest.mark.django_db
class TestPressInvitation:
    def invitation(self, **fields):
        return {
            "kind": PressReleaseKind.INVITATION,
            "event_start": MONDAY + days(3),
            "event_end": MONDAY + days(3) + datetime.timedelta(hours=1),
            "event_location": "Stadshuset, sal 1",
            "audiences": audiences("media"),
        } | fields

    def test_valid_invitation(self, site_tree):
        page = add_page(site_tree["press"], PressReleasePage, **self.invitation())
        assert page.kind == PressReleaseKind.INVITATION

    def test_needs_a_time_and_a_place(self, site_tree):
        with pytest.raises(ValidationError) as excinfo:
            add_page(
                site_tree["press"],
                PressReleasePage,
                **self.invitation(event_start=None, event_end=None, event_location=" "),
            )
        assert errors_of(excinfo) == {
            "event_start": ["En pressinbjudan behöver en tid."],
            "event_location": ["En pressinbjudan behöver en plats."],
        }

    @pytest.mark.parametrize("minutes_after", [0, -30])
    def test_end_comes_after_start(self, site_tree, minutes_after):
        start = MONDAY + days(3)
        with pytest.raises(ValidationError) as excinfo:
            add_page(
                site_tree["press"],
                PressReleasePage,
                **self.invitation(
                    event_start=start,
                    event_end=start + datetime.timedelta(minutes=minutes_after),
                ),
            )
        assert errors_of(excinfo) == {"event_end": ["Slutet måste komma efter början."]}

    def test_a_release_needs_no_time_or_place(self, site_tree):
        page = add_page(site_tree["press"], PressReleasePage, audiences=audiences("media"))
        assert page.event_start is None

    def test_missing_place_is_refused_through_revision_publish(self, site_tree):
        page = add_page(site_tree["press"], PressReleasePage, **self.invitation())
        page = publish(page)
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, event_location="")
        assert list(errors_of(excinfo)) == ["event_location"]
        assert_live_unchanged(page, event_location="Stadshuset, sal 1")

    def test_end_before_start_is_refused_through_revision_publish(self, site_tree):
        page = add_page(site_tree["press"], PressReleasePage, **self.invitation())
        page = publish(page)
        with pytest.raises(ValidationError):
            publish_broken_revision(page, event_end=MONDAY)
        assert_live_unchanged(page, event_end=MONDAY + days(3) + datetime.timedelta(hours=1))


@pytest.mark.django_db
class TestFailedPublishWritesNothing:
    def test_a_scheduled_revision_keeps_its_schedule(self, site_tree, monday):
        page = add_page(site_tree["news"], NewsPage)
        page = publish(page)
        scheduled = page.get_latest_revision_as_object()
        scheduled.title = "Planerad rubrik"
        scheduled.go_live_at = MONDAY + days(1)
        scheduled_revision = scheduled.save_revision()
        scheduled_revision.publish()
        scheduled_revision.refresh_from_db()
        assert scheduled_revision.approved_go_live_at == MONDAY + days(1)

        with pytest.raises(ValidationError):
            publish_broken_revision(page, audiences=[], go_live_at=None)
        scheduled_revision.refresh_from_db()
        assert scheduled_revision.approved_go_live_at == MONDAY + days(1)


@pytest.mark.django_db
class TestReviewDate:
    """The strategy is revised every two years; so is content, unless a type says less."""

    def test_a_draft_has_none(self, site_tree, monday):
        assert add_page(site_tree["news"], NewsPage, live=False).review_date is None

    def test_defaults_to_two_years_after_publication(self, site_tree, monday):
        page = publish(add_page(site_tree["news"], NewsPage, live=False))
        assert page.review_date == TODAY + days(730)

    def test_a_bulletin_is_reviewed_after_a_year(self, site_tree, monday):
        page = publish(add_page(site_tree["bulletins"], StaffBulletinPage, live=False))
        assert page.review_date == TODAY + days(365)

    def test_a_chosen_date_is_kept(self, site_tree, monday):
        chosen = TODAY + days(90)
        page = publish(add_page(site_tree["news"], NewsPage, live=False, review_date=chosen))
        assert page.review_date == chosen

    def test_counts_from_the_first_publication(self, site_tree, monday):
        page = publish(add_page(site_tree["news"], NewsPage, live=False))
        monday.shift(days(40))
        page.title = "Uppdaterad"
        page = publish(page)
        assert page.review_date == TODAY + days(730)


@pytest.mark.django_db
class TestOtherCodePaths:
    """Saving a live page or a revision in code runs the same rules."""

    def test_saving_a_live_page_validates(self, site_tree):
        page = add_page(site_tree["news"], NewsPage)
        page.audiences = []
        with pytest.raises(ValidationError):
            page.save()
        assert NewsPage.objects.get(pk=page.pk).get_audience_codes() == {"residents"}

    def test_save_revision_validates(self, site_tree, monday):
        page = add_page(site_tree["notices"], NoticePage, **minutes())
        page.earliest_removal_date = TODAY + days(20)
        with pytest.raises(ValidationError):
            page.save_revision()
        assert page.revisions.count() == 0

    def test_scheduling_validates(self, site_tree, monday):
        page = add_page(site_tree["bulletins"], StaffBulletinPage, live=False)
        page.audiences = audiences("staff", "visitors")
        page.go_live_at = MONDAY + days(2)
        revision = page.save_revision(clean=False)
        with pytest.raises(ValidationError):
            revision.publish()
        revision.refresh_from_db()
        assert revision.approved_go_live_at is None


#: (index in ``site_tree``, type, fields of a valid item, changes that break one rule,
#: the field the error names). Built lazily: audiences need the database.
RULES_THROUGH_PUBLISH = {
    "summary required": ("news", NewsPage, {}, {"summary": ""}, "summary"),
    "summary length": ("news", NewsPage, {}, {"summary": "x" * 301}, "summary"),
    "an audience": ("news", NewsPage, {}, {"audiences": ()}, "audiences"),
    "bulletin staff only": (
        "bulletins",
        StaffBulletinPage,
        {},
        {"audiences": ("staff", "partners")},
        "audiences",
    ),
    "notice audiences fixed": (
        "notices",
        NoticePage,
        {},
        {"audiences": ("residents",)},
        "audiences",
    ),
    "minutes adjustment date": (
        "notices",
        NoticePage,
        minutes(),
        {"adjustment_date": None},
        "adjustment_date",
    ),
    "minutes adjusted before posting": (
        "notices",
        NoticePage,
        minutes(),
        {"adjustment_date": TODAY + days(1)},
        "adjustment_date",
    ),
    "minutes location": (
        "notices",
        NoticePage,
        minutes(),
        {"minutes_location": " "},
        "minutes_location",
    ),
    "minutes 21 days": (
        "notices",
        NoticePage,
        minutes(),
        {"earliest_removal_date": TODAY + days(20)},
        "earliest_removal_date",
    ),
    "meeting date": (
        "notices",
        NoticePage,
        {"notice_kind": NoticeKind.MEETING, "meeting_date": MONDAY + days(5)},
        {"meeting_date": None},
        "meeting_date",
    ),
    "not removed before the meeting": (
        "notices",
        NoticePage,
        {
            "notice_kind": NoticeKind.MEETING,
            "meeting_date": MONDAY + days(5),
            "earliest_removal_date": TODAY + days(5),
        },
        {"meeting_date": MONDAY + days(6)},
        "earliest_removal_date",
    ),
    "not removed before posting": (
        "notices",
        NoticePage,
        {},
        {"earliest_removal_date": TODAY - days(1)},
        "earliest_removal_date",
    ),
    "press includes media": (
        "press",
        PressReleasePage,
        {},
        {"audiences": ("residents",)},
        "audiences",
    ),
    "invitation time": (
        "press",
        PressReleasePage,
        {
            "kind": PressReleaseKind.INVITATION,
            "event_start": MONDAY + days(3),
            "event_location": "Stadshuset",
        },
        {"event_start": None},
        "event_start",
    ),
    "invitation place": (
        "press",
        PressReleasePage,
        {
            "kind": PressReleaseKind.INVITATION,
            "event_start": MONDAY + days(3),
            "event_location": "Stadshuset",
        },
        {"event_location": ""},
        "event_location",
    ),
    "end after start": (
        "press",
        PressReleasePage,
        {"event_start": MONDAY + days(3), "event_end": MONDAY + days(4)},
        {"event_end": MONDAY + days(2)},
        "event_end",
    ),
}


@pytest.mark.django_db
class TestEveryRuleThroughRevisionPublish:
    """One table: each rule, broken in an unvalidated revision, stops ``publish()``."""

    @pytest.mark.parametrize("rule", list(RULES_THROUGH_PUBLISH))
    def test_publish_is_refused_and_the_live_page_kept(self, site_tree, monday, rule):
        index, model, valid, broken, field = RULES_THROUGH_PUBLISH[rule]
        page = publish(add_page(site_tree[index], model, live=False, **valid))
        before = model.objects.get(pk=page.pk)
        changes = {
            name: audiences(*value) if name == "audiences" else value
            for name, value in broken.items()
        }
        with pytest.raises(ValidationError) as excinfo:
            publish_broken_revision(page, **changes)
        assert field in errors_of(excinfo)
        after = model.objects.get(pk=page.pk)
        assert after.live_revision_id == before.live_revision_id
        assert after.get_audience_codes() == before.get_audience_codes()
        for name in broken:
            if name != "audiences":
                assert getattr(after, name) == getattr(before, name), name
