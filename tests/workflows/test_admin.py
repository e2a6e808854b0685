"""The workflow's admin views: overview, dashboard, edit page, urgent publish, removal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.pages.models import NoticePage
from cms.workflows.guard import system_publish
from cms.workflows.models import NoticeRemoval, UrgentPublication

from .helpers import act, draft, reload, submit

pytestmark = pytest.mark.django_db


class TestOverview:
    def test_communicator_and_director_see_the_pipeline(self, org, client):
        waiting = draft(org, audiences=("residents",))
        submit(waiting, org["editor"])
        for role in ("communicator", "director"):
            client.force_login(org[role])
            response = client.get(reverse("enkanal_workflows_admin:overview"))
            assert response.status_code == 200
            content = response.content.decode()
            assert waiting.title in content
            assert "chef_enhet" in content or org["unit_manager"].get_full_name() in content

    def test_filters_by_unit_type_and_audience(self, org, client):
        mine = draft(org, audiences=("residents",))
        submit(mine, org["editor"])
        other = draft(org, audiences=("staff",), unit=org["other_unit"])
        submit(other, org["editor"])
        client.force_login(org["communicator"])
        url = reverse("enkanal_workflows_admin:overview")
        content = client.get(url, {"unit": org["other_unit"].pk}).content.decode()
        assert other.title in content and mine.title not in content
        content = client.get(url, {"audience": "residents"}).content.decode()
        assert mine.title in content and other.title not in content
        content = client.get(url, {"type": "pressreleasepage"}).content.decode()
        assert mine.title not in content and other.title not in content

    def test_others_are_refused(self, org, client):
        for role in ("editor", "unit_manager", "staff"):
            client.force_login(org[role])
            response = client.get(reverse("enkanal_workflows_admin:overview"))
            assert response.status_code in (302, 403)

    def test_dashboard_panel(self, org, client):
        client.force_login(org["communicator"])
        response = client.get(reverse("wagtailadmin_home"))
        assert "Redaktionell översikt" in response.content.decode()


class TestEditPage:
    def test_shows_the_release_plan_and_the_urgent_publish(self, org, client):
        page = draft(org, audiences=("residents",))
        with system_publish("test"):
            page.get_latest_revision().publish()
        client.force_login(org["communicator"])
        content = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
        assert "Publiceringsplan" in content
        assert "Brådskande publicering" in content

    def test_explains_why_the_author_cannot_approve(self, org, client):
        page = draft(org, user=org["unit_manager"])
        submit(page, org["unit_manager"])
        client.force_login(org["unit_manager"])
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("du skickade in eller redigerade" in m for m in messages), messages


class TestUrgentPublishView:
    def test_needs_a_reason(self, org, client):
        page = draft(org)
        client.force_login(org["communicator"])
        url = reverse("enkanal_workflows_admin:urgent_publish", args=[page.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"reason": ""}).status_code == 400
        assert not reload(page).live
        response = client.post(url, {"reason": "Vattenläcka", "skip_lead": "on"})
        assert response.status_code == 302
        assert reload(page).live
        assert UrgentPublication.objects.get().reason == "Vattenläcka"

    def test_editors_are_refused(self, org, client):
        page = draft(org)
        client.force_login(org["editor"])
        url = reverse("enkanal_workflows_admin:urgent_publish", args=[page.pk])
        assert client.post(url, {"reason": "x"}).status_code in (302, 403)
        assert not reload(page).live


class TestNoticeRemovalView:
    def test_administrator_removes_with_reason(self, org, client):
        notice = draft(org, kind="notice", audiences=())
        notice.earliest_removal_date = timezone.localdate() + datetime.timedelta(days=30)
        notice.save_revision(user=org["editor"])
        submit(notice, org["editor"])
        act(notice, org["unit_manager"])
        notice = act(notice, org["communicator"])
        client.force_login(org["administrator"])
        response = client.post(f"/admin/pages/{notice.pk}/unpublish/")
        removal_url = reverse(
            "enkanal_workflows_admin:remove_notice", args=[notice.pk, "unpublish"]
        )
        assert response.status_code == 302 and response.url == removal_url
        assert client.post(removal_url, {"reason": ""}).status_code == 400
        assert reload(notice).live
        assert client.post(removal_url, {"reason": "Fel datum"}).status_code == 302
        assert not NoticePage.objects.get(pk=notice.pk).live
        assert NoticeRemoval.objects.get().reason == "Fel datum"
