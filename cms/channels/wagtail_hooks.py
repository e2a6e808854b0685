"""Admin registration of the print channels: the local-press page, formats, PDF buttons."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from cms.pages.models import ArticlePage

from . import views
from .models import Edition, LocalPressPage, NewspaperFormat


def press_buttons(press_page, priority=10):
    """ "PDF" and "HTML" for a saved local-press page."""
    return [
        Button(
            _("Download PDF"),
            url=reverse("channels_press_pdf", args=[press_page.pk]),
            icon_name="doc-full",
            priority=priority,
        ),
        Button(
            _("Download HTML"),
            url=reverse("channels_press_html", args=[press_page.pk]),
            icon_name="code",
            priority=priority + 1,
        ),
    ]


class LocalPressPageEditView(EditView):
    """The edit view offers the PDF and the HTML export in the header's menu."""

    @property
    def header_more_buttons(self):
        return [*press_buttons(self.object), *super().header_more_buttons]


class LocalPressPageViewSet(SnippetViewSet):
    """This week's (and earlier weeks') "Kommunen informerar"."""

    model = LocalPressPage
    icon = "doc-full-inverse"
    menu_label = _("Local press")
    edit_view_class = LocalPressPageEditView
    list_display = [
        "title",
        Column("week", label=_("week")),
        "publication_date",
        "print_deadline",
        "newspaper_format",
    ]
    list_filter = ["newspaper_format"]
    search_fields = ["title", "intro"]
    search_backend_name = None
    ordering = ["-publication_date", "-pk"]


class NewspaperFormatViewSet(SnippetViewSet):
    """The papers' page formats and the space on them."""

    model = NewspaperFormat
    icon = "form"
    menu_label = _("Newspaper formats")
    list_display = ["name", "newspaper", "space", "columns"]
    search_fields = ["name", "newspaper"]
    search_backend_name = None


class PrintViewSetGroup(SnippetViewSetGroup):
    """One menu item, "Print", for the printed channels."""

    items = (LocalPressPageViewSet, NewspaperFormatViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Print")
    menu_name = "print"
    menu_order = 270


register_snippet(PrintViewSetGroup)


@hooks.register("register_snippet_listing_buttons")
def press_listing_buttons(snippet, user, next_url=None):
    """The local-press page's downloads in its listing."""
    if isinstance(snippet, LocalPressPage):
        yield from press_buttons(snippet, priority=30)


def _printable(page) -> bool:
    return issubclass(page.specific_class or type(page), (ArticlePage, Edition))


def _page_pdf_button(page, user, priority):
    if page.pk and _printable(page) and page.permissions_for_user(user).can_edit():
        yield Button(
            _("PDF"),
            url=reverse("channels_page_pdf", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
            attrs={"title": _("The item as a PDF, for printing")},
        )


@hooks.register("register_page_header_buttons")
def page_header_pdf_button(page, user, view_name, next_url=None):
    """Items and editions print as PDF from their header."""
    yield from _page_pdf_button(page, user, priority=75)


@hooks.register("register_page_listing_more_buttons")
def page_listing_pdf_button(page, user, next_url=None):
    """… and from the page listing."""
    yield from _page_pdf_button(page, user, priority=55)


@hooks.register("register_admin_urls")
def register_admin_urls():
    """The downloads."""
    return [
        path("channels/pages/<int:page_id>/pdf/", views.page_pdf, name="channels_page_pdf"),
        path("channels/press/<int:pk>/pdf/", views.local_press_pdf, name="channels_press_pdf"),
        path("channels/press/<int:pk>/html/", views.local_press_html, name="channels_press_html"),
    ]
