"""Admin hooks: log actions, clear refusals instead of errors, routing, admin views."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.workflows import guard, notices
from cms.workflows.models import ImportantMessage


@hooks.register("register_log_actions")
def register_log_actions(actions):
    """Enkanal's own entries in Wagtail's log (the audit trail)."""
    actions.register_action(
        "enkanal.release_planned", gettext_lazy("Release plan set"), gettext_lazy("Plan")
    )
    actions.register_action(
        "enkanal.released_externally",
        gettext_lazy("Published externally"),
        gettext_lazy("External publication"),
    )
    actions.register_action(
        "enkanal.system_publish",
        gettext_lazy("Published by the system"),
        gettext_lazy("System publication"),
    )
    actions.register_action(
        "enkanal.urgent_publish",
        gettext_lazy("Urgent publication"),
        gettext_lazy("Urgent publication"),
    )
    actions.register_action(
        "enkanal.urgent_follow_up",
        gettext_lazy("Urgent publication followed up"),
        gettext_lazy("Follow-up"),
    )
    actions.register_action(
        "enkanal.message_withdrawn",
        gettext_lazy("Important message withdrawn"),
        gettext_lazy("Withdrawn"),
    )
    actions.register_action(
        "enkanal.publish_refused",
        gettext_lazy("Publishing refused"),
        gettext_lazy("Publishing refused"),
    )
    actions.register_action(
        "enkanal.notice_removed",
        gettext_lazy("Notice removed early"),
        gettext_lazy("Notice removed"),
    )
    actions.register_action(
        "enkanal.notice_archived",
        gettext_lazy("Notice moved to the archive"),
        gettext_lazy("Notice archived"),
    )
    actions.register_action(
        "enkanal.workflow_rerouted",
        gettext_lazy("The workflow was switched after changed audiences"),
        gettext_lazy("Workflow switched"),
    )


def _back_to_edit(request, page, message):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk)


def _back_from_bulk_action(request):
    """Back where the bulk action came from, if that is on this site; else the explorer."""
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_explore_root")
    )


@hooks.register("before_publish_page")
def refuse_unapproved_publish(request, page):
    """The publish button (and revert + publish) refuses an unapproved article clearly."""
    if not guard.is_guarded(page):
        return None
    revision = page.get_latest_revision()
    try:
        guard.check_publish(page, revision)
    except guard.PublishRefused as refused:
        return _back_to_edit(request, page, refused.message)
    return None


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    """A new article is saved as a draft and submitted; the create form never publishes it.

    Wagtail's create view saves the page live before ``before_publish_page`` runs, and a
    page that does not exist yet has no approval: the request is refused before it.
    (Without publish rights Wagtail saves a draft instead; that is left alone.)
    """
    if request.method != "POST" or not request.POST.get("action-publish"):
        return None
    if not guard.is_guarded(page_class):
        return None
    if not parent_page.permissions_for_user(request.user).can_publish_subpage():
        return None
    messages.error(
        request,
        _(
            "A new item cannot be published directly. Save it as a draft and submit it for "
            "approval."
        ),
    )
    return redirect(request.get_full_path())


@hooks.register("construct_page_action_menu")
def hide_publish_on_create(menu_items, request, context):
    """The create form of an article offers no "Publicera" (it could only be refused)."""
    if context.get("view") != "create":
        return
    match = request.resolver_match
    try:
        content_type = ContentType.objects.get_by_natural_key(
            match.kwargs["content_type_app_name"], match.kwargs["content_type_model_name"]
        )
    except (AttributeError, KeyError, ContentType.DoesNotExist):
        return
    if guard.is_guarded(content_type.model_class()):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


@hooks.register("before_bulk_action")
def refuse_unapproved_bulk_publish(request, action_type, objects, action_class_instance):
    """Bulk publish refuses the whole batch when any article in it lacks approvals."""
    if action_type in ("unpublish", "delete"):
        return _refuse_bulk_notice_removal(request, objects)
    if action_type != "publish":
        return None
    form = getattr(action_class_instance, "cleaned_form", None)
    include_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    refused = []
    for page in objects:
        candidates = [page.specific]
        if include_descendants:
            candidates += list(page.get_descendants().not_live().specific())
        for candidate in candidates:
            if guard.is_guarded(candidate) and not guard.can_publish(
                candidate, candidate.get_latest_revision()
            ):
                refused.append(candidate.get_admin_display_title())
    if refused:
        messages.error(
            request,
            _("Nothing was published. Approvals are missing for: %(titles)s")
            % {"titles": ", ".join(refused)},
        )
        return _back_from_bulk_action(request)
    return None


def _refuse_bulk_notice_removal(request, objects):
    """Bulk unpublish/delete leaves protected notices alone and says so."""
    from cms.pages.models import NoticePage

    protected = []
    for page in objects:
        pages = [page.specific, *page.get_descendants().specific()]
        protected += [
            each for each in pages if isinstance(each, NoticePage) and notices.is_protected(each)
        ]
    if not protected:
        return None
    messages.error(
        request,
        _("Nothing changed. Notices may not be taken down before their date: %(titles)s")
        % {"titles": ", ".join(p.get_admin_display_title() for p in protected)},
    )
    return _back_from_bulk_action(request)


@hooks.register("before_copy_page")
def refuse_publishing_copies(request, page):
    """A copy is a new item: it goes through the workflow, never live on creation."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    pages = [page.specific]
    if request.POST.get("copy_subpages"):
        pages += list(page.get_descendants().specific())
    if any(guard.is_guarded(each) for each in pages):
        messages.error(
            request,
            _(
                "Copies of news items, notices, press releases and staff bulletins cannot be "
                "published directly. Copy without publishing and submit the copy."
            ),
        )
        return redirect("wagtailadmin_pages:copy", page.pk)
    return None


@hooks.register("before_unpublish_page")
def protect_notice_unpublish(request, page):
    """A notice stays up until its earliest removal date (Administratör: with a reason)."""
    return protect_notice(request, page, "unpublish")


@hooks.register("before_delete_page")
def protect_notice_delete(request, page):
    """A posted notice is not deleted before its earliest removal date."""
    return protect_notice(request, page, "delete")


def protect_notice(request, page, action):
    """Refuse removing a protected notice; an Administratör goes to the reason form."""
    from cms.pages.models import NoticePage

    page = page.specific
    if not isinstance(page, NoticePage) or not notices.is_protected(page):
        return None
    if notices.user_can_remove_early(request.user):
        return redirect("enkanal_workflows_admin:remove_notice", page.pk, action)
    return _back_to_edit(request, page, notices.protection_message(page))


#: The form fields by which an edit form's POST asks for more than a save.
ACTION_FIELDS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "workflow-action-name",
    "workflow-action-extra-data",
    "action-cancel-workflow",
)


def is_autosave(request) -> bool:
    """Whether ``request`` is the editor's background save (it asks for JSON, not a page)."""
    return not request.accepts("text/html")


@hooks.register("before_create_page", order=-100)
@hooks.register("before_edit_page", order=-100)
def autosave_only_saves(request, *args):
    """An autosave saves the form and nothing else, whatever the form holds.

    Pressing a workflow button (e.g. *Godkänn och publicera*) adds hidden fields that
    name the action to the edit form; an autosave that the change sets off while the
    action is on its way would send them again, as a second approval racing the first.
    Wagtail then saves the form's stale copy of the page over the page the first request
    has just published and fails; the item ends up unpublished.
    """
    posted = request.POST if request.method == "POST" else {}
    if is_autosave(request) and any(field in posted for field in ACTION_FIELDS):
        request.POST = request.POST.copy()
        for field in ACTION_FIELDS:
            request.POST.pop(field, None)
    return None


@hooks.register("before_edit_page", order=-90)
def refuse_a_finished_step(request, page):
    """A workflow action for a step that has already ended is answered, not performed.

    A second press of *Godkänn* (a double click, a second tab) would otherwise save a
    stale form over the page and fail with a server error.
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if page.current_workflow_task is None:
        messages.warning(request, _("The step is already finished; nothing has changed."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_edit_page")
def remember_approvers(request, page):
    """Note whom the current step waits on before an edit (to mail whoever it moves to)."""
    from cms.workflows.notifications import current_approvers

    if request.method == "POST":
        request.enkanal_approvers_before = current_approvers(page.specific)
    return None


def refused_page_actions(page, user) -> set[str]:
    """Names of the page's action-menu items whose action the guards would refuse."""
    from cms.pages.models import NoticePage

    refused = set()
    page = page.specific
    if guard.is_guarded(page):
        revision = page.get_latest_revision() if page.pk else None
        if not guard.can_publish(page, revision):
            refused.add("action-publish")
    if (
        isinstance(page, NoticePage)
        and notices.is_protected(page)
        and not notices.user_can_remove_early(user)
    ):
        refused.add("action-unpublish")
    return refused


@hooks.register("construct_page_action_menu")
def hide_refused_page_actions(menu_items, request, context):
    """Offer no publish or unpublish that could only be refused."""
    page = context.get("page")
    if page is None:
        return
    refused = refused_page_actions(page, request.user)
    menu_items[:] = [item for item in menu_items if item.name not in refused]


@hooks.register("after_edit_page")
def reroute_on_audience_change(request, page):
    """Changed audiences that need another workflow restart moderation on the right one.

    Otherwise the step follows the edited revision, and whoever it now waits on
    (the editor may no longer approve their own edit) gets the approval e-mail.
    """
    from wagtail.models import Page

    from cms.workflows.models.tasks import follow_latest_revision
    from cms.workflows.notifications import notify_new_approvers
    from cms.workflows.routing import reroute_if_needed

    # Fresh from the database: a submit or workflow action in this request changed it.
    page = Page.objects.get(pk=page.pk).specific
    if reroute_if_needed(page, user=request.user) is not None:
        return None
    task_state = page.current_workflow_task_state
    if task_state is not None:
        follow_latest_revision(task_state, page)
    before = getattr(request, "enkanal_approvers_before", None)
    if before is not None:
        notify_new_approvers(page, before, user=request.user)
    return None


@hooks.register("before_edit_page")
def explain_why_user_cannot_approve(request, page):
    """Tell a would-be approver why the approve buttons are missing."""
    from cms.workflows.models.tasks import EnkanalApprovalTask

    if request.method != "GET":
        return None
    task = page.current_workflow_task
    if not isinstance(task, EnkanalApprovalTask):
        return None
    specific = page.specific
    if request.user.pk in task.get_excluded_user_ids(specific):
        messages.warning(request, task.cannot_approve_reason(specific, request.user))
    return None


@hooks.register("register_admin_urls")
def register_admin_urls():
    """The urgent publish, notice removal, follow-up and overview views."""
    from cms.workflows import admin_urls

    return [path("enkanal-workflow/", include(admin_urls, namespace="enkanal_workflows_admin"))]


class UrgentPublishMenuItem(ActionMenuItem):
    """ "Brådskande publicering" in the page's action menu, for Informatörer."""

    label = gettext_lazy("Urgent publication…")
    name = "action-enkanal-urgent-publish"
    icon_name = "warning"

    def is_shown(self, context):
        from cms.workflows.urgent import user_can_publish_urgently

        page = context.get("page")
        return (
            context.get("view") == "edit"
            and page is not None
            and user_can_publish_urgently(context["request"].user, page.specific)
        )

    def get_url(self, context):
        return reverse("enkanal_workflows_admin:urgent_publish", args=[context["page"].pk])


class RoutedSubmitMenuItem(SubmitForModerationMenuItem):
    """ "Submit to …" naming the workflow the item's audiences route to.

    Wagtail names the workflow of the page tree (on a new page, the parent's), which
    is not the one an article goes through (``cms.workflows.routing``).
    """

    def get_context_data(self, parent_context):
        from cms.workflows.routing import menu_workflow

        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page is not None and page.pk else None
        if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            return context
        workflow = menu_workflow(context["request"], page)
        if workflow is not None:
            context["label"] = _("Submit to %(workflow_name)s") % {"workflow_name": workflow.name}
        return context


@hooks.register("construct_page_action_menu")
def name_the_routed_workflow(menu_items, request, context):
    """Let the submit button name the workflow chosen by audience and type."""
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = RoutedSubmitMenuItem(order=item.order)


@hooks.register("register_page_action_menu_item")
def register_urgent_publish_menu_item():
    """Offer the urgent publish to those who may use it."""
    return UrgentPublishMenuItem(order=60)


class OverviewMenuItem(MenuItem):
    """The editorial overview, for Informatörer and the Kommunchef."""

    def is_shown(self, request):
        from cms.workflows.views import user_can_see_overview

        return user_can_see_overview(request.user)


@hooks.register("register_admin_menu_item")
def register_overview_menu_item():
    """The overview in the admin menu."""
    return OverviewMenuItem(
        gettext_lazy("Editorial overview"),
        reverse("enkanal_workflows_admin:overview"),
        icon_name="tasks",
        order=250,
    )


class OverviewPanel(Component):
    """Dashboard panel: the pipeline in numbers, with a link to the overview."""

    name = "enkanal_overview"
    order = 90
    template_name = "workflows/admin/overview_panel.html"

    def get_context_data(self, parent_context):
        from django.utils import timezone

        from cms.workflows.overview import build_overview

        data = build_overview(now=timezone.now())
        return {
            "awaiting": len(data["awaiting"]),
            "scheduled": len(data["scheduled"]) + len(data["awaiting_external"]),
            "released_today": len(data["released_today"]),
            "urgent": len(data["urgent"]),
        }


@hooks.register("construct_homepage_panels")
def add_overview_panel(request, panels):
    """Informatörer and the Kommunchef see the pipeline on the dashboard."""
    from cms.workflows.views import user_can_see_overview

    if user_can_see_overview(request.user):
        panels.append(OverviewPanel())


class ImportantMessageViewSet(SnippetViewSet):
    """Important messages: drafted here, published and withdrawn only with a reason."""

    model = ImportantMessage
    icon = "warning"
    menu_label = gettext_lazy("Important messages")
    menu_order = 205
    add_to_admin_menu = True
    list_display = [
        "text",
        "severity",
        "audience",
        Column("status_label", label=gettext_lazy("Status")),
        "valid_from",
        "valid_until",
    ]
    list_filter = ["severity", "audience"]
    search_backend_name = None
    search_fields = ["text", "text_en"]
    copy_view_enabled = False


register_snippet(ImportantMessageViewSet)


@hooks.register("register_snippet_listing_buttons")
def important_message_buttons(snippet, user, next_url=None):
    """ "Publish…" or "Withdraw…" (with the reason form) for Informatörer."""
    from wagtail.admin.widgets import ListingButton

    from cms.workflows.urgent import is_communicator

    if not isinstance(snippet, ImportantMessage) or not is_communicator(user):
        return
    action = "withdraw" if snippet.is_published else "publish"
    yield ListingButton(
        _("Withdraw…") if snippet.is_published else _("Publish…"),
        reverse("enkanal_workflows_admin:message_action", args=[snippet.pk, action]),
        icon_name="warning",
        priority=5,
    )
