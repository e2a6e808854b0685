"""The one audience filter: ``ArticlePage.objects.public()`` and ``for_staff(user)``."""

import datetime
import random

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.core import roles
from cms.core.factories import UserFactory
from cms.pages.models import ArticlePage
from cms.snippets.factories import UnitFactory
from cms.snippets.models import UnitLevel

from .conftest import trusted_publishing

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


class TestPublic:
    def test_external_released_item_is_public(self, make_item):
        page = make_item("news", audience_codes=("residents",))
        assert list(ArticlePage.objects.public()) == [page.articlepage_ptr]

    def test_staff_only_item_is_never_public(self, make_item):
        make_item("news", audience_codes=("staff",), external=timezone.now() - HOUR)
        make_item("bulletin", external=timezone.now() - HOUR)
        assert not ArticlePage.objects.public().exists()

    def test_not_yet_released_externally(self, make_item):
        make_item("news", internal=timezone.now() - HOUR, external=timezone.now() + HOUR)
        make_item("news", release=False)
        assert not ArticlePage.objects.public().exists()

    def test_released_at_the_given_time(self, make_item):
        page = make_item("news", internal=timezone.now() - HOUR, external=timezone.now() + HOUR)
        later = timezone.now() + 2 * HOUR
        assert list(ArticlePage.objects.public(at=later)) == [page.articlepage_ptr]

    def test_unpublished_is_not_public(self, make_item):
        page = make_item("news")
        with trusted_publishing():
            page.unpublish()
        assert not ArticlePage.objects.public().exists()

    def test_expired_is_not_public(self, make_item):
        page = make_item("news")
        ArticlePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - HOUR)
        assert not ArticlePage.objects.public().exists()

    def test_restricted_ancestor_hides_items(self, make_item, site_tree):
        make_item("news")
        PageViewRestriction.objects.create(
            page=site_tree["news"], restriction_type=PageViewRestriction.LOGIN
        )
        assert not ArticlePage.objects.public().exists()

    def test_restriction_elsewhere_does_not_hide(self, make_item, site_tree):
        page = make_item("news")
        PageViewRestriction.objects.create(
            page=site_tree["press"], restriction_type=PageViewRestriction.LOGIN
        )
        assert list(ArticlePage.objects.public()) == [page.articlepage_ptr]

    def test_archived_notice_stays_public(self, make_item):
        notice = make_item("notice")
        type(notice).objects.filter(pk=notice.pk).update(
            earliest_removal_date=timezone.localdate() - datetime.timedelta(days=3)
        )
        assert ArticlePage.objects.public().filter(pk=notice.pk).exists()


class TestForStaff:
    def test_anonymous_sees_nothing(self, make_item):
        from django.contrib.auth.models import AnonymousUser

        make_item("news", audience_codes=("staff",))
        assert not ArticlePage.objects.for_staff(AnonymousUser()).exists()
        assert not ArticlePage.objects.for_staff(None).exists()

    def test_staff_first(self, make_item):
        """An external item reaches staff at its internal release, before the public."""
        user = UserFactory()
        page = make_item("news", internal=timezone.now() - HOUR, external=timezone.now() + HOUR)
        assert list(ArticlePage.objects.for_staff(user)) == [page.articlepage_ptr]
        assert not ArticlePage.objects.public().exists()

    def test_not_yet_released_internally(self, make_item):
        user = UserFactory()
        make_item("news", audience_codes=("staff",), internal=timezone.now() + HOUR)
        assert not ArticlePage.objects.for_staff(user).exists()

    def test_targeted_bulletin_reaches_members_of_units_below(self, make_item):
        administration = UnitFactory()
        unit = UnitFactory(parent=administration, level=UnitLevel.OPERATION)
        member, outsider, manager = UserFactory(), UserFactory(), UserFactory()
        unit.members.add(member)
        administration.managers.add(manager)
        bulletin = make_item("bulletin", target_units=[administration])
        for user, visible in ((member, True), (manager, True), (outsider, False)):
            found = ArticlePage.objects.for_staff(user).filter(pk=bulletin.pk).exists()
            assert found is visible, user.username

    def test_editorial_roles_see_every_bulletin(self, make_item):
        bulletin = make_item("bulletin", target_units=[UnitFactory()])
        communicator = UserFactory(roles=[roles.COMMUNICATOR])
        assert ArticlePage.objects.for_staff(communicator).filter(pk=bulletin.pk).exists()

    def test_group_restriction_for_members_of_the_group(self, make_item, site_tree):
        make_item("news", audience_codes=("staff",))
        group = Group.objects.create(name="Skolan")
        restriction = PageViewRestriction.objects.create(
            page=site_tree["news"], restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(group)
        insider, outsider = UserFactory(), UserFactory()
        insider.groups.add(group)
        assert ArticlePage.objects.for_staff(insider).exists()
        assert not ArticlePage.objects.for_staff(outsider).exists()


def random_items(make_item, site_tree, seed=4, count=40):
    """Random items in every state; returns the pks that must be public."""
    rng = random.Random(seed)
    now = timezone.now()
    expected = set()
    codes = ["residents", "staff", "media", "partners", "visitors"]
    for _ in range(count):
        kind = rng.choice(["news", "news", "press", "notice", "bulletin"])
        audience_codes = tuple(rng.sample(codes, rng.randint(1, 3)))
        if kind == "press":
            audience_codes = (*audience_codes, "media")
        kwargs = {"audience_codes": audience_codes} if kind in ("news", "press") else {}
        internal = now + rng.choice([-48, -2, 1]) * HOUR
        external = rng.choice([None, internal + HOUR, internal - HOUR, now + 5 * HOUR])
        page = make_item(kind, internal=internal, external=external, **kwargs)
        if external is None and page.is_external:
            external = internal + HOUR
        # Notices are protected from early removal by the workflow; they stay live.
        live = kind == "notice" or rng.random() > 0.15
        expired = rng.random() < 0.1
        if not live:
            with trusted_publishing():
                page.unpublish()
        if expired:
            ArticlePage.objects.filter(pk=page.pk).update(expire_at=now - HOUR)
        is_public = (
            live
            and not expired
            and page.is_external
            and kind != "bulletin"
            and external is not None
            and external <= now
        )
        if is_public:
            expected.add(page.pk)
    return expected


class TestLeak:
    def test_random_items_never_leak(self, make_item, site_tree):
        expected = random_items(make_item, site_tree)
        assert set(ArticlePage.objects.public().values_list("pk", flat=True)) == expected

    def test_restricted_section_never_leaks(self, make_item, site_tree):
        random_items(make_item, site_tree, seed=7, count=15)
        PageViewRestriction.objects.create(
            page=site_tree["home"], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        assert not ArticlePage.objects.public().exists()
