"""Admin registration: feedback and news tip viewsets, feedback figures."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import FeedbackPermissionPolicy
from .views import FeedbackViewSet, NewsTipViewSet, feedback_figures_view


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [FeedbackViewSet("feedback"), NewsTipViewSet("news_tips")]


@hooks.register("register_admin_urls")
def register_figures_url():
    return [
        path("dialogue/figures/", feedback_figures_view, name="dialogue_feedback_figures"),
    ]


class FeedbackFiguresMenuItem(MenuItem):
    """Shown to everyone who may see feedback cases."""

    def is_shown(self, request):
        return FeedbackPermissionPolicy().user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_figures_menu_item():
    return FeedbackFiguresMenuItem(
        _("Feedback: figures"),
        reverse("dialogue_feedback_figures"),
        icon_name="comment",
        order=900,
    )
