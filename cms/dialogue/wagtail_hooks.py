"""Admin registration: feedback and news tip viewsets, figures, dashboard panel."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .panels import ReviewDatesPanel
from .permissions import FeedbackPermissionPolicy
from .views import FeedbackViewSet, NewsTipViewSet, feedback_figures_view, lix_view


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [FeedbackViewSet("feedback"), NewsTipViewSet("news_tips")]


@hooks.register("register_admin_urls")
def register_figures_url():
    return [
        path("dialogue/figures/", feedback_figures_view, name="dialogue_feedback_figures"),
        path("dialogue/lix/", lix_view, name="dialogue_lix"),
    ]


class FeedbackFiguresMenuItem(MenuItem):
    """Shown to everyone who may see feedback cases."""

    def is_shown(self, request):
        return FeedbackPermissionPolicy().user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_figures_menu_item():
    return FeedbackFiguresMenuItem(
        _("Synpunkter: statistik"),
        reverse("dialogue_feedback_figures"),
        icon_name="comment",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_review_dates_panel(request, panels):
    panels.append(ReviewDatesPanel(request))


@hooks.register("insert_editor_js")
def editor_lix_js():
    return format_html('<script src="{}" defer></script>', static("dialogue/js/lix.js"))
