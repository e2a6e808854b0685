"""What each print channel may carry is asked of the one audience filter."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.channels.selection import edition_candidates, meeting_notices, press_candidates
from cms.pages.models import NoticeKind
from cms.snippets.factories import UnitFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


class TestEditionCandidates:
    def test_bulletins_and_news_released_to_all_staff(self, make_item):
        bulletin = make_item("bulletin")
        staff_news = make_item("news", audience_codes=("staff",))
        public_news = make_item("news", audience_codes=("residents",))
        assert ids(edition_candidates()) == {bulletin.pk, staff_news.pk, public_news.pk}

    def test_no_notices_or_press_releases(self, make_item):
        make_item("notice")
        make_item("press")
        assert ids(edition_candidates()) == set()

    def test_not_before_the_internal_release(self, make_item):
        now = timezone.now()
        later = make_item("bulletin", internal=now + HOUR)
        assert later.pk not in ids(edition_candidates())
        assert later.pk in ids(edition_candidates(now + 2 * HOUR))

    def test_never_a_bulletin_targeted_at_some_units(self, make_item):
        targeted = make_item("bulletin", target_units=[UnitFactory()])
        assert targeted.pk not in ids(edition_candidates())

    def test_never_an_item_restricted_to_a_group(self, make_item):
        from django.contrib.auth.models import Group

        restricted = make_item("bulletin")
        restriction = PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name="Chef")])
        assert restricted.pk not in ids(edition_candidates())

    def test_unpublished_items_drop_out(self, make_item):
        item = make_item("bulletin")
        item.unpublish()
        assert item.pk not in ids(edition_candidates())


class TestPressCandidates:
    def test_only_public_items(self, make_item):
        public = make_item("news", audience_codes=("residents",))
        bulletin = make_item("bulletin")
        staff_news = make_item("news", audience_codes=("staff",))
        found = ids(press_candidates(timezone.now()))
        assert public.pk in found
        assert bulletin.pk not in found
        assert staff_news.pk not in found

    def test_released_externally_by_the_deadline(self, make_item):
        now = timezone.now()
        deadline = now + 3 * HOUR
        soon = make_item("news", internal=now, external=now + HOUR)
        after = make_item("news", internal=now, external=deadline + HOUR)
        found = ids(press_candidates(deadline))
        assert soon.pk in found
        assert after.pk not in found


class TestMeetingNotices:
    def test_current_meetings_only(self, make_item):
        today = timezone.localdate()
        now = timezone.now()
        coming = make_item(
            "notice",
            notice_kind=NoticeKind.MEETING,
            meeting_date=now + datetime.timedelta(days=5),
            earliest_removal_date=today + datetime.timedelta(days=5),
        )
        make_item(
            "notice",
            notice_kind=NoticeKind.MEETING,
            meeting_date=now - datetime.timedelta(days=1),
            earliest_removal_date=today + datetime.timedelta(days=1),
        )
        make_item("notice", notice_kind=NoticeKind.OTHER)
        publication = today + datetime.timedelta(days=2)
        assert ids(meeting_notices(now + HOUR, publication)) == {coming.pk}
