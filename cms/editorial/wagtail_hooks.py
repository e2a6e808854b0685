"""Admin registration: the live LIX check in the page editor, the review-dates panel."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks

from .panels import ReviewDatesPanel
from .views import lix_view


@hooks.register("register_admin_urls")
def register_lix_url():
    return [path("editorial/lix/", lix_view, name="editorial_lix")]


@hooks.register("construct_homepage_panels")
def add_review_dates_panel(request, panels):
    panels.append(ReviewDatesPanel(request))


@hooks.register("insert_editor_js")
def editor_lix_js():
    return format_html('<script src="{}" defer></script>', static("editorial/js/lix.js"))
