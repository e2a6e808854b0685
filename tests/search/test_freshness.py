"""The index follows publication, releases and expiry; public search never leaks.

Index updates run as django-tasks (Wagtail 8 enqueues ``insert_or_update_object_task``
on save), so the worker keeps the index fresh; what may be shown is decided at query
time by the audience filter, so release times and expiry need no re-indexing at all.
"""

import datetime

import pytest
from django.utils import timezone

from cms.core import roles
from cms.core.factories import UserFactory
from search.queries import search_items

pytestmark = pytest.mark.django_db


def public_ids(query, **kwargs):
    return [hit.page.pk for hit in search_items(query, **kwargs).hits]


def staff_ids(query, user, **kwargs):
    return [hit.page.pk for hit in search_items(query, user=user, public=False, **kwargs).hits]


@pytest.fixture
def staff(db):
    return UserFactory(roles=[roles.STAFF])


class TestAudienceSafety:
    def test_internal_lead_window(self, make_item, staff):
        now = timezone.now()
        item = make_item(
            title="Omorganisation av kommunstyrelseförvaltningen",
            internal=now - datetime.timedelta(minutes=10),
            external=now + datetime.timedelta(minutes=50),
        )
        assert staff_ids("omorganisation", staff) == [item.pk]
        assert public_ids("omorganisation") == []
        later = now + datetime.timedelta(hours=1)
        assert public_ids("omorganisation", at=later) == [item.pk]

    def test_staff_only_never_public(self, make_item, staff):
        item = make_item(title="Friskvårdsbidraget höjs", audience_codes=("staff",))
        bulletin = make_item("bulletin", title="Friskvård i INblick")
        assert public_ids("friskvårdsbidraget") == []
        assert public_ids("friskvård") == []
        assert set(staff_ids("friskvård", staff)) == {item.pk, bulletin.pk}

    def test_unpublished_disappears(self, make_item):
        item = make_item(title="Tillfällig information om vattnet")
        assert public_ids("vattnet") == [item.pk]
        item.unpublish()
        assert public_ids("vattnet") == []

    def test_expired_disappears_before_the_unpublish_job(self, make_item):
        item = make_item(title="Evenemang i parken")
        type(item).objects.filter(pk=item.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=1)
        )
        assert public_ids("evenemang") == []

    def test_unreleased_and_view_restricted(self, make_item, staff):
        from wagtail.models import PageViewRestriction

        unreleased = make_item(title="Budget på gång", release=False)
        assert public_ids("budget") == []
        assert staff_ids("budget", staff) == []
        restricted = make_item(title="Budget för nämnden")
        PageViewRestriction.objects.create(
            page=restricted, restriction_type="password", password="x"
        )
        assert public_ids("budget") == []
        assert unreleased.pk not in staff_ids("budget", staff)

    def test_editors_pick_cannot_leak(self, make_item):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        staff_only = make_item(title="Löneöversyn", audience_codes=("staff",))
        SearchPromotion.objects.create(query=Query.get("lön"), page=staff_only, sort_order=0)
        assert public_ids("lön") == []


class TestIndexFollowsPublication:
    def test_new_revision_is_searchable_after_publish(self, make_item):
        from cms.workflows.guard import system_publish

        item = make_item(title="Gammal rubrik om cykelparkering")
        item.title = "Ny rubrik om lånecyklar"
        with system_publish("Test av sökindexet"):
            item.save_revision().publish()
        assert public_ids("lånecyklar") == [item.pk]
        assert public_ids("cykelparkering") == []

    def test_draft_changes_are_not_searchable(self, make_item):
        item = make_item(title="Publicerad rubrik om simskola")
        item.title = "Utkast om badhus"
        item.save_revision()
        assert public_ids("badhus") == []
        assert public_ids("simskola") == [item.pk]

    def test_index_updates_are_background_tasks(self, make_item, settings):
        """With a queueing backend nothing is indexed until the worker runs the task."""
        from django_tasks import task_backends
        from django_tasks.backends.dummy import DummyBackend

        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
        backend = task_backends["default"]
        assert isinstance(backend, DummyBackend)
        item = make_item(title="Kvarteret Lärkan får ny lekplats")
        assert public_ids("lärkan") == []
        queued = [r for r in backend.results if r.task.name == "insert_or_update_object_task"]
        assert queued
        for result in queued:  # what db_worker does
            result.task.call(*result.args, **result.kwargs)
        backend.clear()
        assert public_ids("lärkan") == [item.pk]
