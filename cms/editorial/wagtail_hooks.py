"""Admin registration: the live LIX check in the page editor, the review-dates panel."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from .panels import ReviewDatesPanel
from .views import lix_view


@hooks.register("register_admin_urls")
def register_lix_url():
    """The LIX of a draft, and the must-read report of a bulletin."""
    from .views import must_read_report

    return [
        path("editorial/lix/", lix_view, name="editorial_lix"),
        path(
            "editorial/las-och-bekrafta/<int:page_id>/",
            must_read_report,
            name="editorial_must_read_report",
        ),
    ]


@hooks.register("register_page_header_buttons")
def must_read_report_button(page, user, view_name=None, next_url=None):
    """ "Read and confirm: report" on a must-read bulletin, for those who may see it."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.admin.widgets import Button

    from cms.pages.models import StaffBulletinPage

    from .must_read import user_can_see_report

    specific = page.specific_deferred
    if not isinstance(specific, StaffBulletinPage) or not specific.must_read:
        return
    if user_can_see_report(user, specific):
        yield Button(
            _("Read and confirm: who has confirmed"),
            reverse("editorial_must_read_report", args=[page.pk]),
            icon_name="tick",
            priority=60,
        )


@hooks.register("construct_homepage_panels")
def add_review_dates_panel(request, panels):
    panels.append(ReviewDatesPanel(request))


@hooks.register("insert_editor_js")
def editor_lix_js():
    return format_html('<script src="{}" defer></script>', static("editorial/js/lix.js"))
