"""Admin and serving hooks of the delivery API."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .documents import document_visible_to
from .models import ServiceToken, WebhookDelivery, WebhookSubscriber
from .preview import FrontendPreviewMenuItem


@hooks.register("before_serve_document")
def keep_documents_of_hidden_items_hidden(document, request):
    """A document is served only to a reader who may see an item referring to it.

    Or when it is marked public on its own. Works beside ``cms.core``'s guard for
    internal documents: a guessed URL of a document attached only to a staff-only or
    unreleased item, or to no item at all, serves nothing.
    """
    if not document_visible_to(document, getattr(request, "user", None)):
        raise PermissionDenied
    return None


class ServiceTokenViewSet(SnippetViewSet):
    """Service tokens in the admin: create, see when used, revoke."""

    model = ServiceToken
    icon = "key"
    menu_label = _("Service tokens")
    add_to_settings_menu = True
    list_display = [
        "name",
        "user",
        "hint",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("user"),
        FieldPanel("expires_at"),
        FieldPanel("revoked_at", help_text=_("Set a time to revoke the token.")),
    ]


register_snippet(ServiceTokenViewSet)


@hooks.register("after_create_snippet")
def show_new_service_token_once(request, instance):
    """The secret is not stored; the communicator copies it now or never."""
    raw = getattr(instance, "raw_token", None)
    if isinstance(instance, ServiceToken) and raw:
        messages.warning(
            request,
            _("Copy the token now, it will not be shown again: %(token)s") % {"token": raw},
        )


@hooks.register("register_page_action_menu_item")
def frontend_preview_menu_item():
    return FrontendPreviewMenuItem(order=5)


class WebhookSubscriberViewSet(SnippetViewSet):
    """Systems that receive released items (sociala medier, skärmar, lokaltidningen)."""

    model = WebhookSubscriber
    icon = "link-external"
    menu_label = _("Webhook receivers")
    add_to_settings_menu = True
    list_display = ["name", "url", "kind", "is_active", "created_at"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("kind"),
        FieldPanel("secret"),
        FieldPanel("is_active"),
    ]


class WebhookDeliveryViewSet(SnippetViewSet):
    """The delivery log: every event, its attempts and the last answer."""

    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Webhook deliveries")
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = ["subscriber", "event", "page_id", "status", "attempts", "last_status_code"]
    list_filter = ["status", "event"]
    panels = [FieldPanel("status"), FieldPanel("last_error", read_only=True)]


register_snippet(WebhookSubscriberViewSet)
register_snippet(WebhookDeliveryViewSet)
