"""The editorial roles as Django groups, and the permissions each one holds.

The data is declared once here; data migrations call ``sync_roles`` so that a new or
existing database ends up with exactly these groups and grants. Approvals in the
workflow (Chef, Informatör) are granted through workflow tasks, not through page
publish rights: a Chef has no publish permission.
"""

from django.utils.translation import gettext_lazy as _

STAFF = "Medarbetare"
EDITOR = "Redaktör"
MANAGER = "Chef"
COMMUNICATOR = "Informatör"
DIRECTOR = "Kommunchef"
ADMINISTRATOR = "Administratör"

ROLE_NAMES = (STAFF, EDITOR, MANAGER, COMMUNICATOR, DIRECTOR, ADMINISTRATOR)

ROLE_DESCRIPTIONS = {
    STAFF: _("Reads the intranet and sends news tips. No editing in the admin."),
    EDITOR: _("Writes and submits content for approval. Cannot publish."),
    MANAGER: _("Approves what their own unit publishes. Cannot publish themselves."),
    COMMUNICATOR: _(
        "Reviews and publishes, looks after topics, press contacts and standard texts."
    ),
    DIRECTOR: _("Responsible for all communication; can approve and publish everything."),
    ADMINISTRATOR: _("Looks after users, units and settings."),
}

# Wagtail treats "delete" on images and documents as "change": whoever may change any
# item may delete it too. Writers therefore get "add" (which lets them edit and delete
# their own uploads) and "choose"; changing or deleting anyone's media is for the
# communicators, who keep the library.
_IMAGE_VIEW = ["choose_image"]
_IMAGE_EDIT = ["add_image", "choose_image"]
_IMAGE_ALL = [*_IMAGE_EDIT, "change_image", "delete_image"]
_DOC_VIEW = ["choose_document"]
_DOC_EDIT = ["add_document", "choose_document"]
_DOC_ALL = [*_DOC_EDIT, "change_document", "delete_document"]

_VIEW_VOCABULARIES = [
    "snippets.view_unit",
    "snippets.view_audience",
    "snippets.view_topic",
    "snippets.view_person",
]

#: The start page's service shortcuts: kept by communicators and administrators.
_SITE_SNIPPETS = [
    f"snippets.{action}_serviceshortcut" for action in ("add", "change", "delete", "view")
]
#: The important-message banner: only communicators draft it (and publish it, with a
#: reason, through the urgent path).
_IMPORTANT_MESSAGES = [
    f"workflows.{action}_importantmessage" for action in ("add", "change", "delete", "view")
]

#: role → page permission types on the root page, collection permission codenames on the
#: root collection, and model permissions as "app_label.codename".
ROLE_PERMISSIONS: dict[str, dict[str, list[str]]] = {
    STAFF: {"pages": [], "collections": [], "model": []},
    EDITOR: {
        "pages": ["add", "change"],
        "collections": [*_IMAGE_EDIT, *_DOC_EDIT],
        "model": [
            "wagtailadmin.access_admin",
            *_VIEW_VOCABULARIES,
            "snippets.add_person",
            "snippets.change_person",
            "wagtail_localize.submit_translation",
        ],
    },
    MANAGER: {
        "pages": ["add", "change"],
        "collections": [*_IMAGE_EDIT, *_DOC_EDIT],
        "model": ["wagtailadmin.access_admin", *_VIEW_VOCABULARIES],
    },
    COMMUNICATOR: {
        "pages": ["add", "change", "publish", "lock", "unlock"],
        "collections": [*_IMAGE_ALL, *_DOC_ALL],
        "model": [
            "wagtailadmin.access_admin",
            *_VIEW_VOCABULARIES,
            "snippets.add_topic",
            "snippets.change_topic",
            "snippets.delete_topic",
            "snippets.add_person",
            "snippets.change_person",
            "snippets.delete_person",
            "core.change_municipalitysettings",
            *_SITE_SNIPPETS,
            *_IMPORTANT_MESSAGES,
            "wagtail_localize.submit_translation",
            "wagtailsearchpromotions.add_query",
            "wagtailsearchpromotions.change_query",
            "wagtailsearchpromotions.delete_query",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ],
    },
    DIRECTOR: {
        "pages": ["add", "change", "publish", "lock", "unlock"],
        "collections": [*_IMAGE_VIEW, *_DOC_VIEW],
        "model": ["wagtailadmin.access_admin", *_VIEW_VOCABULARIES],
    },
    ADMINISTRATOR: {
        "pages": ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
        "collections": [
            *_IMAGE_ALL,
            *_DOC_ALL,
            "add_collection",
            "change_collection",
            "delete_collection",
        ],
        "model": [
            "wagtailadmin.access_admin",
            *_VIEW_VOCABULARIES,
            "snippets.add_unit",
            "snippets.change_unit",
            "snippets.delete_unit",
            "snippets.add_topic",
            "snippets.change_topic",
            "snippets.delete_topic",
            "snippets.add_person",
            "snippets.change_person",
            "snippets.delete_person",
            "core.change_municipalitysettings",
            *_SITE_SNIPPETS,
            "auth.add_user",
            "auth.change_user",
            "auth.delete_user",
            "auth.view_group",
            "wagtail_localize.submit_translation",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ],
    },
}


def _ensure_permissions(apps):
    """Create content types and permissions now; Django would only do it after migrate."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # create_permissions() skips app configs without a models module, which is how
        # the historical registry of a migration looks. Restore the previous value so
        # that a call with the live registry (django.apps.apps) leaves it intact:
        # post_migrate handlers skip apps whose models_module is None.
        previous = getattr(app_config, "models_module", None)
        app_config.models_module = previous or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = previous


#: Wagtail's starter groups; Enkanal's roles replace them.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def sync_roles(apps, schema_editor=None):
    """Make the role groups hold exactly the permissions in ``ROLE_PERMISSIONS``."""
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    def model_exists_yet(spec):
        # An early migration syncs with today's grants: a model that a later migration
        # creates has no permissions yet, and the migration that creates it syncs again.
        app_label, codename = spec.split(".", 1)
        try:
            apps.get_model(app_label, codename.split("_", 1)[1])
        except LookupError:
            return False
        return True

    for name, grants in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [permission(*spec.split(".", 1)) for spec in grants["model"] if model_exists_yet(spec)]
        )
        GroupPagePermission.objects.filter(group=group).delete()
        if root_page is not None:
            for permission_type in grants["pages"]:
                GroupPagePermission.objects.create(
                    group=group,
                    page=root_page,
                    permission=permission("wagtailcore", f"{permission_type}_page"),
                )
        GroupCollectionPermission.objects.filter(group=group).delete()
        if root_collection is not None:
            for codename in grants["collections"]:
                app_label = {
                    "image": "wagtailimages",
                    "document": "wagtaildocs",
                    "collection": "wagtailcore",
                }[codename.rsplit("_", 1)[1]]
                GroupCollectionPermission.objects.create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, codename),
                )
