"""Article pages take their workflow from the router the workflows app registers."""

from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from cms.pages import workflow_routing
from cms.pages.models import NewsPage
from cms.workflows.routing import workflow_for

# A page builds its content type on creation.
pytestmark = pytest.mark.django_db


class TestWorkflowRouting:
    def test_the_workflows_app_registers_its_router(self):
        assert workflow_routing._router is workflow_for

    def test_an_item_asks_the_registered_router(self):
        page = NewsPage(title="Nyhet")
        router = mock.Mock(return_value="arbetsflöde")
        with mock.patch.object(workflow_routing, "_router", router):
            assert page.get_workflow() == "arbetsflöde"
            assert page.has_workflow
        router.assert_called_with(page)

    def test_no_router_is_an_error_not_the_tree_lookup(self):
        page = NewsPage(title="Nyhet")
        with (
            mock.patch.object(workflow_routing, "_router", None),
            pytest.raises(ImproperlyConfigured),
        ):
            page.get_workflow()

    @override_settings(WAGTAIL_WORKFLOW_ENABLED=False)
    def test_disabled_workflows_route_nothing(self):
        router = mock.Mock()
        with mock.patch.object(workflow_routing, "_router", router):
            assert NewsPage(title="Nyhet").get_workflow() is None
            assert not NewsPage(title="Nyhet").has_workflow
        router.assert_not_called()
