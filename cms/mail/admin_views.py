"""Admin for communicators: dispatches with progress, subscribers, the suppression list."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton

from . import dispatching
from .models import DeliveryStatus, Dispatch, DispatchState, Subscriber, Suppression
from .permissions import user_has_mail_role
from .subscriptions import erase


def pause_label(dispatch) -> str:
    """ "Paused: the provider does not answer since …", or "" when sending is not paused."""
    if not dispatch.is_paused:
        return ""
    return _("Paused: the e-mail provider has not answered since %(since)s") % {
        "since": date_format(timezone.localtime(dispatch.paused_at), "DATETIME_FORMAT")
    }


def progress_cell(dispatch) -> str:
    """A progress bar and the counts behind it (and why sending is paused)."""
    done = dispatch.n_sent + dispatch.n_failed + dispatch.n_skipped + dispatch.n_cancelled
    label = _("%(sent)s sent, %(failed)s failed, %(pending)s pending") % {
        "sent": dispatch.n_sent,
        "failed": dispatch.n_failed,
        "pending": dispatch.n_pending + dispatch.n_sending,
    }
    paused = pause_label(dispatch)
    return format_html(
        '<progress max="{}" value="{}" aria-label="{}" style="width:8rem"></progress>'
        "<br><small>{}</small>{}",
        max(dispatch.n_total, 1),
        done,
        label,
        label,
        format_html('<br><strong class="w-text-critical-200">{}</strong>', paused)
        if paused
        else "",
    )


def figures_cell(dispatch) -> str:
    """What the provider reported: delivered, bounced, opened."""
    return _("%(delivered)s delivered, %(bounced)s bounced, %(opened)s opened") % {
        "delivered": dispatch.n_delivered,
        "bounced": dispatch.n_bounced,
        "opened": dispatch.n_opened,
    }


#: Actions on a dispatch: (allowed when, function, button label, message when done).
#: Without a message of its own, an action that did nothing says the dispatch had started.
NOT_DONE = {
    "resend": gettext_lazy("There are no failed recipients to resend to."),
}
DISPATCH_ACTIONS = {
    "hold": (
        "can_hold",
        dispatching.hold_dispatch,
        gettext_lazy("Pause"),
        gettext_lazy("The dispatch is paused."),
    ),
    "resume": (
        "can_resume",
        dispatching.resume_dispatch,
        gettext_lazy("Resume"),
        gettext_lazy("The dispatch is resumed."),
    ),
    "cancel": (
        "can_cancel",
        dispatching.cancel_dispatch,
        gettext_lazy("Cancel the dispatch"),
        gettext_lazy("The dispatch is cancelled."),
    ),
    "resend": (
        "can_resend",
        dispatching.resend_failed,
        gettext_lazy("Resend failed"),
        gettext_lazy("The failed recipients get a new attempt."),
    ),
}


class DispatchIndexView(IndexView):
    """Pending and running dispatches first, with progress and per-item figures."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page").with_progress()

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        for action, (allowed, _function, label, _done) in DISPATCH_ACTIONS.items():
            if getattr(instance, allowed):
                buttons.append(
                    ListingButton(
                        label, url=reverse("mail_dispatch_action", args=[instance.pk, action])
                    )
                )
        if instance.state in (DispatchState.RUNNING, DispatchState.DONE):
            buttons.append(
                ListingButton(
                    gettext_lazy("Failed recipients"),
                    url=reverse("mail_dispatch_failures", args=[instance.pk]),
                )
            )
        return buttons


class DispatchViewSet(ModelViewSet):
    """Utskick: every dispatch, its state and progress; hold or cancel before it starts."""

    model = Dispatch
    icon = "mail"
    menu_label = gettext_lazy("Dispatches")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = DispatchIndexView
    inspect_view_enabled = True
    form_fields = ["title"]
    list_display = [
        "title",
        "channel",
        "state",
        Column("progress", label=gettext_lazy("Progress"), accessor=progress_cell),
        Column("figures", label=gettext_lazy("Deliveries"), accessor=figures_cell),
        "created_at",
    ]
    list_filter = ["state", "channel", "release_kind"]
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "channel",
        "release_kind",
        "state",
        "waits_for",
        "created_at",
        "started_at",
        "finished_at",
        "state_changed_by",
        "paused_at",
        "resume_at",
        "pause_error",
    ]


class DispatchActionView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and perform (POST) hold, resume or cancel on a dispatch."""

    template_name = "mail/admin/dispatch_action.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not user_has_mail_role(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(Dispatch, pk=kwargs["pk"])
        if kwargs["action"] not in DISPATCH_ACTIONS:
            raise PermissionDenied
        self.action = kwargs["action"]
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(DISPATCH_ACTIONS[self.action][2])

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        allowed = getattr(self.object, DISPATCH_ACTIONS[self.action][0])
        context.update(object=self.object, action_label=self.get_page_title(), allowed=allowed)
        return context

    def post(self, request, *args, **kwargs):
        _allowed, function, _label, done = DISPATCH_ACTIONS[self.action]
        if function(self.object.pk, user=request.user):
            messages.success(request, str(done))
        else:
            messages.error(
                request,
                str(NOT_DONE.get(self.action, _("The dispatch has already started or has ended."))),
            )
        return redirect("mail_dispatch:index")


class DispatchFailuresView(WagtailAdminTemplateMixin, TemplateView):
    """The failed and retrying recipients of a dispatch, their last error; CSV export."""

    template_name = "mail/admin/dispatch_failures.html"
    header_icon = "mail"
    paginate_by = 100

    def dispatch(self, request, *args, **kwargs):
        if not user_has_mail_role(request.user):
            raise PermissionDenied
        self.object = get_object_or_404(Dispatch, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Failed recipients")

    def get_page_subtitle(self):
        return str(self.object)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.export_csv()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.object.problem_deliveries(), self.paginate_by).get_page(
            self.request.GET.get("p")
        )
        context.update(
            object=self.object,
            page_obj=page,
            deliveries=page.object_list,
            paused=pause_label(self.object),
            can_resend=self.object.can_resend,
            resend_url=reverse("mail_dispatch_action", args=[self.object.pk, "resend"]),
        )
        return context

    def export_csv(self):
        """Every failed and retrying recipient, as CSV (cells safe for spreadsheets)."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="utskick-{self.object.pk}-misslyckade.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(
            [_("Recipient"), _("Status"), _("Attempts"), _("Last error"), _("Next attempt")]
        )
        for delivery in self.object.problem_deliveries().iterator():
            writer.writerow(
                [
                    spreadsheet_safe(value)
                    for value in (
                        delivery.email,
                        delivery_state(delivery),
                        delivery.attempts,
                        delivery.error,
                        delivery.next_attempt_at.isoformat() if delivery.next_attempt_at else "",
                    )
                ]
            )
        return response


def delivery_state(delivery) -> str:
    """ "Failed" or "retrying" (a pending delivery that has failed before)."""
    if delivery.status == DeliveryStatus.FAILED:
        return str(delivery.get_status_display())
    return _("Retrying")


def spreadsheet_safe(value) -> str:
    """A CSV cell that a spreadsheet does not run as a formula (an address can be "=…")."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class SubscriberEraseView(DeleteView):
    """Deleting a subscriber erases everything about the address (GDPR art. 17)."""

    success_message = gettext_lazy("All data about the subscriber is erased.")

    def get_page_title(self):
        return _("Erase personal data")

    def confirmation_message(self):
        return _(
            "The subscriber, the consent events and the suppression are erased, and the address "
            "is removed from every dispatch. This cannot be undone."
        )

    def get_success_message(self):
        return str(self.success_message)

    def delete_action(self):
        erase(self.object.email)


class SubscriberViewSet(ModelViewSet):
    """Prenumeranter: search and export; deleting erases a subscriber completely."""

    model = Subscriber
    icon = "user"
    menu_label = gettext_lazy("Subscribers")
    menu_order = 261
    add_to_admin_menu = True
    inspect_view_enabled = True
    delete_view_class = SubscriberEraseView
    form_fields = ["language", "frequency", "topics", "is_media"]
    list_display = ["email", "language", "frequency", "is_media", "confirmed_at", "unsubscribed_at"]
    list_filter = ["language", "frequency", "is_media"]
    search_fields = ["email"]
    list_export = [
        "email",
        "language",
        "frequency",
        "is_media",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "prenumeranter"
    inspect_view_fields = [
        "email",
        "language",
        "frequency",
        "topics",
        "is_media",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
    ]


class SuppressionViewSet(ModelViewSet):
    """Spärrlista: addresses no dispatch sends to (bounces, complaints, unsubscribes)."""

    model = Suppression
    icon = "warning"
    menu_label = gettext_lazy("Suppression list (e-mail)")
    menu_order = 262
    add_to_admin_menu = True
    form_fields = ["email", "reason", "detail"]
    list_display = ["email", "reason", "detail", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email"]
