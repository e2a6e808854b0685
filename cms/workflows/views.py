"""Views: approval links (outside the admin) and the workflow's admin views."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from wagtail.admin.views.pages.unpublish import UnpublishView
from wagtail.models import Page

from cms.core.roles import COMMUNICATOR, DIRECTOR
from cms.workflows import links, notices, urgent
from cms.workflows.models import ImportantMessage, NoticeRemoval, UrgentPublication


class ReasonForm(forms.Form):
    """A required written reason."""

    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )


class UrgentPublishForm(ReasonForm):
    """The reason, and whether the public sees the item at once."""

    skip_lead = forms.BooleanField(
        label=gettext_lazy("Publish externally at once (no delay after the intranet)"),
        required=False,
    )


class CommentForm(forms.Form):
    """An optional (approve) or required (request changes) comment."""

    comment = forms.CharField(
        label=pgettext_lazy("noun", "Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )


# --- approval links ------------------------------------------------------------------


@never_cache
@csrf_protect
def approval_link(request, token, action):
    """Show the draft and ask for confirmation (GET); act on the confirmation (POST)."""
    if action not in links.ACTIONS:
        raise Http404
    if links.sign_in_required() and not request.user.is_authenticated:
        # A forwarded e-mail must not be enough: the approver signs in (one click with
        # SSO) and comes back here.
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    context = {"action": action, "token": token}
    try:
        link = links.verify(token, request_user=request.user)
    except links.LinkError as error:
        context["error"] = error.message
        return TemplateResponse(
            request, "workflows/approval_link.html", context, status=error.status
        )
    context.update(
        {
            "page": link.page,
            "draft": link.task_state.revision.as_object(),
            "task": link.task_state.task.specific,
            "approver": link.user,
            "form": CommentForm(),
        }
    )
    if request.method == "POST":
        form = CommentForm(request.POST)
        context["form"] = form
        if form.is_valid():
            try:
                links.use(
                    token,
                    action,
                    comment=form.cleaned_data["comment"],
                    request_user=request.user,
                )
            except links.LinkError as error:
                if error.status == 400 and action == "reject":
                    form.add_error("comment", error.message)
                    return TemplateResponse(
                        request, "workflows/approval_link.html", context, status=400
                    )
                context["error"] = error.message
                return TemplateResponse(
                    request, "workflows/approval_link.html", context, status=error.status
                )
            context["done"] = True
            return TemplateResponse(request, "workflows/approval_link.html", context)
        return TemplateResponse(request, "workflows/approval_link.html", context, status=400)
    return TemplateResponse(request, "workflows/approval_link.html", context)


# --- admin views ---------------------------------------------------------------------


def urgent_publish(request, page_id):
    """An Informatör publishes an external item at once, with a written reason."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not urgent.user_can_publish_urgently(request.user, page):
        raise PermissionDenied
    form = UrgentPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        urgent.publish_urgently(
            page,
            request.user,
            form.cleaned_data["reason"],
            skip_lead=form.cleaned_data["skip_lead"],
        )
        messages.success(
            request,
            _("“%(title)s” was published urgently. The unit's manager follows up.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "workflows/admin/reason_form.html",
        {
            "page": page,
            "form": form,
            "page_title": _("Urgent publication"),
            "intro": _(
                "Publishes the latest version now and skips the remaining steps. The reason is "
                "logged and the unit's manager follows up afterwards."
            ),
            "submit_label": _("Publish urgently"),
        },
        status=400 if request.method == "POST" else 200,
    )


def message_action(request, pk, action):
    """An Informatör publishes or withdraws an important message, with a written reason."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    message = get_object_or_404(ImportantMessage, pk=pk)
    if action not in ("publish", "withdraw"):
        raise Http404
    if not urgent.is_communicator(request.user):
        raise PermissionDenied
    listing = reverse("wagtailsnippets_workflows_importantmessage:list")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if action == "publish":
            urgent.publish_message(message, request.user, form.cleaned_data["reason"])
            messages.success(request, _("The important message is published."))
        else:
            urgent.withdraw_message(message, request.user, form.cleaned_data["reason"])
            messages.success(request, _("The important message is withdrawn."))
        return redirect(listing)
    publish = action == "publish"
    return TemplateResponse(
        request,
        "workflows/admin/reason_form.html",
        {
            "form": form,
            "page_title": _("Publish important message")
            if publish
            else _("Withdraw important message"),
            "subtitle": str(message),
            "intro": _(
                "The message is shown at the top of every page of the public site and the "
                "intranet and on the workplace screens within a minute. The reason is logged."
            )
            if publish
            else _("The message disappears from every site within a minute. The reason is logged."),
            "submit_label": _("Publish now") if publish else _("Withdraw now"),
            "cancel_url": AdminURLFinder(request.user).get_edit_url(message) or listing,
        },
        status=400 if request.method == "POST" else 200,
    )


def remove_notice(request, page_id, action):
    """An Administratör takes a notice down before its earliest removal date."""
    from cms.pages.models import NoticePage

    notice = get_object_or_404(NoticePage, pk=page_id)
    if action not in (NoticeRemoval.UNPUBLISH, NoticeRemoval.DELETE):
        raise Http404
    if not notices.user_can_remove_early(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        parent = notice.get_parent()
        notices.remove_notice_early(notice, request.user, form.cleaned_data["reason"], action)
        messages.success(
            request, _("The notice “%(title)s” was taken down.") % {"title": notice.title}
        )
        if action == NoticeRemoval.DELETE:
            return redirect("wagtailadmin_explore", parent.pk)
        return redirect("wagtailadmin_pages:edit", notice.pk)
    return TemplateResponse(
        request,
        "workflows/admin/reason_form.html",
        {
            "page": notice,
            "form": form,
            "page_title": _("Take a notice down early"),
            "intro": notices.protection_message(notice),
            "submit_label": _("Unpublish") if action == NoticeRemoval.UNPUBLISH else _("Delete"),
        },
        status=400 if request.method == "POST" else 200,
    )


def follow_up(request, pk):
    """The unit's manager confirms having reviewed an urgently published item."""
    record = get_object_or_404(UrgentPublication, pk=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        urgent.complete_follow_up(record, request.user, form.cleaned_data["comment"])
        messages.success(request, _("The follow-up is recorded."))
        return redirect("wagtailadmin_home")
    return TemplateResponse(
        request,
        "workflows/admin/follow_up.html",
        {"record": record, "page": record.page.specific, "form": form},
    )


def user_can_see_overview(user) -> bool:
    """Informatörer and the Kommunchef (and superusers)."""
    return bool(
        user.is_active
        and (user.is_superuser or user.groups.filter(name__in=[COMMUNICATOR, DIRECTOR]).exists())
    )


def overview(request):
    """Every item in the pipeline by state, filterable by unit, type and audience."""
    from cms.workflows.overview import build_overview

    if not user_can_see_overview(request.user):
        raise PermissionDenied
    data = build_overview(
        unit=request.GET.get("unit") or None,
        page_type=request.GET.get("type") or None,
        audience=request.GET.get("audience") or None,
        now=timezone.now(),
    )
    return TemplateResponse(request, "workflows/admin/overview.html", data)


class NoticeAwareUnpublishView(UnpublishView):
    """Wagtail's unpublish view, refusing a protected notice before its confirm page.

    Wagtail asks ``before_unpublish_page`` only after the confirmation; an editor
    should learn that the notice must stay up before confirming anything.
    """

    def get(self, request, *args, **kwargs):
        """Refuse at once (or go to the Administratör's reason form), else confirm."""
        from cms.workflows.wagtail_hooks import protect_notice

        return protect_notice(request, self.object, "unpublish") or super().get(
            request, *args, **kwargs
        )
