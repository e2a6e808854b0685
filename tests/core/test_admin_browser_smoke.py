"""The admin opens in Chromium for a signed-in editor, in Swedish."""

import pytest

from cms.core.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


class TestAdminInChromium:
    def test_editor_signs_in_and_sees_the_swedish_dashboard(self, admin_login):
        editor = UserFactory(username="redaktor", roles=["Redaktör"])
        page = admin_login(editor, locale="sv-SE")
        assert page.locator("html").get_attribute("lang") == "sv"
