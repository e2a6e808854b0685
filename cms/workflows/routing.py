"""Choosing an item's workflow from its audiences and type, not its place in the tree."""

from cms.snippets.models.audiences import EXTERNAL_CODES, AudienceCode

#: Page types that always go through the communicator, whatever their audiences.
ALWAYS_EXTERNAL_MODELS = ("pages.pressreleasepage", "pages.noticepage")


def model_label(page_or_class) -> str:
    """ "app_label.modelname" of a page (or page class)."""
    cls = page_or_class if isinstance(page_or_class, type) else page_or_class.specific_class
    return cls._meta.label_lower


def needs_communicator_review(page_or_class, audience_codes) -> bool:
    """True for external audiences, press releases and notices (DESIGN.md §3)."""
    if model_label(page_or_class) in ALWAYS_EXTERNAL_MODELS:
        return True
    codes = set(audience_codes)
    return bool(codes & EXTERNAL_CODES) or codes != {AudienceCode.STAFF}


def draft_audience_codes(page) -> set[str]:
    """Audiences of the latest revision (what is being moderated), else of ``page``."""
    from cms.workflows.guard import revision_audience_codes

    latest = page.get_latest_revision() if page.pk else None
    if latest is not None:
        return revision_audience_codes(latest)
    return page.get_audience_codes()


def route_key(page, audience_codes=None) -> str:
    """The route ("internal" or "external") of ``page`` with its current audiences."""
    from cms.workflows.models import WorkflowRoute

    if audience_codes is None:
        audience_codes = draft_audience_codes(page)
    if needs_communicator_review(page, audience_codes):
        return WorkflowRoute.EXTERNAL
    return WorkflowRoute.INTERNAL


def workflow_for(page, audience_codes=None):
    """The active Wagtail workflow for ``page``; None when the route is not set up."""
    from cms.workflows.models import WorkflowRoute

    route = (
        WorkflowRoute.objects.filter(key=route_key(page, audience_codes), workflow__active=True)
        .select_related("workflow")
        .first()
    )
    return route.workflow if route else None


def menu_workflow(request, page=None):
    """The workflow an item in the create or edit form would be submitted to.

    Audiences come from the submitted form when it is shown again (an error), else
    from the latest revision; a new item starts from its type's fixed or mandatory
    audiences. None when the view is not about an article.
    """
    from django.contrib.contenttypes.models import ContentType

    from cms.snippets.models import Audience

    if page is None or not page.pk:
        kwargs = getattr(getattr(request, "resolver_match", None), "kwargs", {}) or {}
        try:
            content_type = ContentType.objects.get_by_natural_key(
                kwargs["content_type_app_name"], kwargs["content_type_model_name"]
            )
        except (KeyError, ContentType.DoesNotExist):
            return None
        page_class = content_type.model_class()
        if page_class is None or not hasattr(page_class, "fixed_audience_codes"):
            return None
        page = page_class()
    else:
        page = page.specific
        if not hasattr(page, "fixed_audience_codes"):
            return None
    codes = None
    if request.method == "POST" and "audiences" in request.POST:
        ids = [value for value in request.POST.getlist("audiences") if value.isdigit()]
        codes = set(Audience.objects.filter(pk__in=ids).values_list("code", flat=True))
    elif page.pk:
        codes = draft_audience_codes(page)
    if not codes:
        codes = set(page.fixed_audience_codes or page.mandatory_audience_codes)
    return workflow_for(page, codes)


def reroute_if_needed(page, user=None):
    """Restart moderation on the right workflow when the audiences changed the route.

    The approvals given so far stay with the cancelled workflow; the guard never lets
    them carry wider audiences (``cms.workflows.guard.find_approval``).
    """
    from django.db import transaction
    from wagtail.log_actions import log

    from cms.workflows.guard import revision_audience_codes, revision_owner_unit_id

    state = page.current_workflow_state
    if state is None:
        return None
    latest = page.get_latest_revision()
    codes = revision_audience_codes(latest) if latest else page.get_audience_codes()
    wanted = workflow_for(page, codes)
    if wanted is None:
        return None
    owner_unit_id = revision_owner_unit_id(latest) if latest else page.owner_unit_id
    if wanted.pk == state.workflow_id and not approvals_too_narrow(state, codes, owner_unit_id):
        return None
    with transaction.atomic():
        old = state.workflow
        state.cancel(user=user)
        # The new moderation is still the original submitter's request.
        new_state = wanted.start(page, state.requested_by or user)
        log(
            instance=page,
            action="enkanal.workflow_rerouted",
            user=user,
            data={"from": old.name, "to": wanted.name, "audiences": sorted(codes)},
        )
    return new_state


def approvals_too_narrow(state, codes, owner_unit_id) -> bool:
    """True when a step in ``state`` was approved for fewer audiences than ``codes`` or
    for another owner unit than ``owner_unit_id``."""
    from wagtail.models import TaskState

    from cms.workflows.guard import approval_covers

    approved = state.task_states.filter(status=TaskState.STATUS_APPROVED).select_related("revision")
    return any(not approval_covers(each.revision, set(codes), owner_unit_id) for each in approved)
