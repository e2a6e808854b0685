"""Admin registration: units, audiences, topics and people as snippet viewsets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Audience, Person, ServiceShortcut, Topic, Unit


class VocabularyViewSet(SnippetViewSet):
    """Base of the vocabulary viewsets: search with the database, not the search index.

    The vocabularies are small, and the SQLite search backend fails ("no such column")
    when a search is limited to chosen fields, as the listing's ``search_fields`` do; a
    plain ``icontains`` over those fields finds parts of words in every language.
    """

    search_backend_name = None


class UnitViewSet(VocabularyViewSet):
    """Units of the organisation, searchable and filterable by level and parent."""

    model = Unit
    icon = "group"
    menu_label = _("Enheter")
    list_display = ["name", "short_name", "level", "parent", "contact_email"]
    list_filter = ["level", "parent"]
    search_fields = ["name", "short_name"]
    ordering = ["name"]
    copy_view_enabled = False


class AudienceViewSet(VocabularyViewSet):
    """The fixed audiences: listed for reference, never added or removed by hand."""

    model = Audience
    icon = "user"
    menu_label = _("Målgrupper")
    list_display = [
        Column("label", label=_("Målgrupp")),
        "code",
        Column("group_label", label=_("Grupp")),
    ]
    list_filter = ["code"]
    search_fields = ["code"]
    copy_view_enabled = False
    inspect_view_enabled = True


class TopicViewSet(VocabularyViewSet):
    """Topics used for filtering and subscriptions."""

    model = Topic
    icon = "tag"
    menu_label = _("Ämnen")
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class PersonViewSet(VocabularyViewSet):
    """Contact people and media contacts."""

    model = Person
    icon = "user"
    menu_label = _("Personer")
    list_display = ["name", "job_title", "unit", "email", "phone", "show_to_press"]
    list_filter = ["show_to_press", "unit"]
    search_fields = ["name", "job_title", "email"]


class OrganisationViewSetGroup(SnippetViewSetGroup):
    """One menu item, "Organisation", for the shared vocabularies."""

    items = (UnitViewSet, PersonViewSet, TopicViewSet, AudienceViewSet)
    menu_icon = "site"
    menu_label = _("Organisation")
    menu_name = "organisation"


register_snippet(OrganisationViewSetGroup)


class ServiceShortcutViewSet(SnippetViewSet):
    """The start page's service shortcuts, in the order editors drag them into."""

    model = ServiceShortcut
    icon = "link-external"
    menu_label = _("Service shortcuts")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "page", "url", "placement"]
    list_filter = ["placement"]
    sort_order_field = "sort_order"
    search_backend_name = None
    search_fields = ["title", "title_en"]


register_snippet(ServiceShortcutViewSet)
