"""Smoke test: every article type can be created through its factory."""

import pytest

from tests.pages import factories


@pytest.mark.django_db
class TestArticleFactories:
    def test_each_type_saves_live(self, site_tree):
        news = factories.NewsPageFactory(parent=site_tree["news"])
        notice = factories.NoticePageFactory(parent=site_tree["notices"])
        press = factories.PressReleasePageFactory(parent=site_tree["press"])
        bulletin = factories.StaffBulletinPageFactory(parent=site_tree["bulletins"])
        for page in (news, notice, press, bulletin):
            page.refresh_from_db()
            assert page.live, page
        assert news.get_audience_codes() == {"residents"}
        assert "staff" not in notice.get_audience_codes()
        assert "media" in press.get_audience_codes()
        assert bulletin.get_audience_codes() == {"staff"}
