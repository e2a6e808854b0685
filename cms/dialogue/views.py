"""Admin views: feedback cases, news tip triage and feedback figures."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from .intake import accept_tip, decline_tip, get_index_page, tip_page_models
from .models import Feedback, FeedbackState, NewsTip, NewsTipState
from .permissions import FeedbackPermissionPolicy


class VisibleQuerysetMixin:
    """Limit a view's objects to the ones the permission policy lets the user see."""

    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )

    def get_queryset(self):
        if isinstance(self, IndexView):
            return super().get_queryset()
        return self.get_base_queryset()


# Feedback ----------------------------------------------------------------------------


class FeedbackForm(WagtailAdminModelForm):
    """Handling a case: unit, assignee, state, the answer; and erasing personal data."""

    erase = forms.BooleanField(
        label=_("Erase personal data"),
        required=False,
        help_text=_("Removes the name, e-mail, message and answer. Cannot be undone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = (
                get_user_model()
                .objects.filter(is_active=True)
                .order_by("first_name", "last_name", "username")
            )

    def clean_answer(self):
        answer = (self.cleaned_data.get("answer") or "").strip()
        if len(answer) > 10_000:
            raise ValidationError(_("The answer is too long."))
        return answer


class FeedbackIndexView(VisibleQuerysetMixin, IndexView):
    """Cases of the user's units (all cases for communicators)."""


class VisibleObjectMixin:
    """History and usage views: look the object up among the visible ones only."""

    def get_base_object_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["view", "change"]
        )


class VisibleHistoryView(VisibleObjectMixin, HistoryView):
    """An object's history, for those who may see the object."""


class VisibleUsageView(VisibleObjectMixin, UsageView):
    """Where an object is referenced, for those who may see the object."""


class FeedbackEditView(VisibleQuerysetMixin, EditView):
    """Saving a case applies its state changes and sends a new answer by e-mail."""

    def save_instance(self):
        form = self.form
        new_answer = "answer" in form.changed_data and bool(form.cleaned_data.get("answer"))
        instance = super().save_instance()
        if form.cleaned_data.get("erase"):
            instance.erase()
        elif new_answer:
            instance.answer_case(instance.answer, self.request.user)
        else:
            self.apply_state(instance)
        return instance

    def apply_state(self, instance):
        """Keep the state consistent with an assignee or a closed case."""
        if instance.state == FeedbackState.CLOSED and instance.closed_at is None:
            instance.close()
        elif instance.state == FeedbackState.NEW and instance.assignee_id:
            instance.assign(instance.assignee)

    def get_success_message(self):
        if self.object.is_erased:
            return _("The personal data in the case has been erased.")
        if "answer" in self.form.changed_data and self.object.answer:
            if self.object.can_be_answered_by_email:
                return _("The answer is saved and sent by e-mail.")
            return _("The answer is saved. The sender left no e-mail address.")
        return super().get_success_message()


class FeedbackViewSet(ModelViewSet):
    """Synpunkter: read, assign, answer, close, erase."""

    model = Feedback
    icon = "comment"
    menu_label = _("Feedback")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    history_view_class = VisibleHistoryView
    usage_view_class = VisibleUsageView
    list_display = ["__str__", "unit", "state", "assignee", "created_at"]
    list_filter = ["state", "category", "unit"]
    search_fields = ["message", "name"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldPanel("category", read_only=True),
                    FieldPanel("page", read_only=True),
                    FieldPanel("created_at", read_only=True),
                    FieldPanel("message", read_only=True),
                    FieldPanel("name", read_only=True),
                    FieldPanel("email", read_only=True),
                ],
                heading=_("The case"),
            ),
            MultiFieldPanel(
                [FieldPanel("unit"), FieldPanel("assignee"), FieldPanel("state")],
                heading=_("Handling"),
            ),
            FieldPanel(
                "answer",
                help_text=_("Sent by e-mail to the sender when you save a new answer."),
            ),
            FieldPanel("erase"),
        ],
        base_form_class=FeedbackForm,
    )


class FeedbackFiguresView(WagtailAdminTemplateMixin, TemplateView):
    """Received, answered and median time to answer, per unit the user can see."""

    template_name = "dialogue/feedback_figures.html"
    page_title = _("Feedback: figures")
    header_icon = "comment"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = Feedback.objects.visible_to(self.request.user)
        context.update(
            {
                "rows": visible.figures_per_unit(),
                "total": visible.figures(),
            }
        )
        return context


def feedback_figures_view(request):
    """Figures for users who may see any cases; others get 403."""
    if not FeedbackPermissionPolicy().user_has_permission(request.user, "view"):
        raise PermissionDenied
    return FeedbackFiguresView.as_view()(request)


# News tips ---------------------------------------------------------------------------


class NewsTipForm(WagtailAdminModelForm):
    """Triage: edit the tip, then accept it as a page type or decline it with a reason."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            ("", _("No decision yet")),
            ("accept", _("Accept: create a draft")),
            ("decline", _("Decline")),
        ],
    )
    page_type = forms.ChoiceField(label=_("Page type of the draft"), required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["page_type"].choices = [
            (name, model._meta.verbose_name.capitalize())
            for name, model in tip_page_models().items()
        ]

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and self.instance.state != NewsTipState.NEW:
            raise ValidationError(_("The tip has already been handled."))
        if decision == "decline" and not (cleaned.get("decline_reason") or "").strip():
            self.add_error("decline_reason", _("Write a reason when you decline."))
        if decision == "accept":
            model = tip_page_models().get(cleaned.get("page_type"))
            if model is None:
                self.add_error("page_type", _("Choose a page type."))
            elif get_index_page(model, cleaned.get("locale") or self.instance.locale) is None:
                self.add_error(
                    "page_type", _("There is no place for that page type in the tip's language.")
                )
        return cleaned


class NewsTipIndexView(VisibleQuerysetMixin, IndexView):
    """Tips, newest first."""


class NewsTipEditView(VisibleQuerysetMixin, EditView):
    """Saving with a decision accepts (creating a draft) or declines the tip."""

    draft = None

    def save_instance(self):
        instance = super().save_instance()
        decision = self.form.cleaned_data.get("decision")
        if decision == "accept":
            self.draft = accept_tip(
                instance, self.form.cleaned_data["page_type"], self.request.user
            )
        elif decision == "decline":
            decline_tip(instance, instance.decline_reason, self.request.user)
        return instance

    def save_action(self):
        response = super().save_action()
        if self.draft is not None:
            messages.success(
                self.request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("The draft is created."),
                    reverse("wagtailadmin_pages:edit", args=[self.draft.pk]),
                    _("Open the draft"),
                ),
            )
        return response


class NewsTipViewSet(ModelViewSet):
    """Nyhetstips: triage by the communicators."""

    model = NewsTip
    icon = "doc-full"
    menu_label = _("News tips")
    menu_order = 251
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = NewsTipIndexView
    edit_view_class = NewsTipEditView
    history_view_class = VisibleHistoryView
    usage_view_class = VisibleUsageView
    list_display = ["title", "unit", "state", "sender_name", "created_at"]
    list_filter = ["state", "unit"]
    search_fields = ["title", "text"]
    ordering = ["-created_at"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("text"),
            MultiFieldPanel(
                [
                    FieldPanel("unit"),
                    FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("locale"),
                    FieldPanel("event_date"),
                ],
                heading=_("Unit and audiences"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("sender_name", read_only=True),
                    FieldPanel("sender_email", read_only=True),
                    FieldPanel("created_at", read_only=True),
                    FieldPanel("state", read_only=True),
                    FieldPanel("draft_page", read_only=True),
                ],
                heading=_("Sender and status"),
            ),
            MultiFieldPanel(
                [FieldPanel("decision"), FieldPanel("page_type"), FieldPanel("decline_reason")],
                heading=_("Decision"),
            ),
        ],
        base_form_class=NewsTipForm,
    )


# Readability ------------------------------------------------------------------------
