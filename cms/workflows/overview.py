"""The editorial overview: every item in the pipeline by state."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState


def _filter_pages(queryset, unit=None, page_type=None, audience=None):
    """Apply the overview's filters to an ArticlePage queryset."""
    if unit:
        queryset = queryset.filter(owner_unit_id=unit)
    if page_type:
        queryset = queryset.filter(content_type__model=page_type)
    if audience:
        queryset = queryset.filter(audiences__code=audience)
    return queryset.distinct()


def build_overview(unit=None, page_type=None, audience=None, now=None) -> dict:
    """Awaiting whom, scheduled, released today and urgent publishes awaiting follow-up."""
    from cms.pages.models import ARTICLE_PAGE_MODELS, ArticlePage
    from cms.snippets.models import Audience, Unit
    from cms.workflows.models import UrgentPublication

    now = now or timezone.now()
    pages = _filter_pages(ArticlePage.objects.all(), unit, page_type, audience)
    page_ids = pages.values("pk")

    awaiting = []
    states = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("workflow", "current_task_state__task", "requested_by")
        .order_by("created_at")
    )
    wanted = {str(pk) for pk in pages.values_list("pk", flat=True)}
    for state in states:
        if state.object_id not in wanted:
            continue
        page = state.content_object.specific
        task_state = state.current_task_state
        task = task_state.task.specific if task_state else None
        approvers = []
        if task is not None and hasattr(task, "get_approvers"):
            approvers = task.get_approvers(page, task_state)
        awaiting.append(
            {
                "page": page,
                "state": state,
                "task": task,
                "status": state.get_status_display(),
                "approvers": approvers,
            }
        )

    scheduled_revisions = (
        Revision.objects.filter(approved_go_live_at__isnull=False)
        .filter(object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)])
        .order_by("approved_go_live_at")
    )
    scheduled = []
    lead = datetime.timedelta(minutes=_lead_minutes())
    for revision in scheduled_revisions:
        draft = revision.as_object()
        external = revision.approved_go_live_at + lead if draft.is_external else None
        scheduled.append(
            {
                "page": draft,
                "internal_release_at": revision.approved_go_live_at,
                "external_release_at": external,
            }
        )
    awaiting_external = (
        ArticlePage.objects.live()
        .filter(pk__in=page_ids, external_release_at__gt=now)
        .order_by("external_release_at")
    )

    start_of_day = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(now), datetime.time.min)
    )
    released_today = (
        ArticlePage.objects.live()
        .filter(
            pk__in=page_ids, internal_release_at__gte=start_of_day, internal_release_at__lte=now
        )
        .order_by("-internal_release_at")
    )
    urgent = (
        UrgentPublication.objects.filter(followed_up_at__isnull=True, page_id__in=page_ids)
        .select_related("page", "published_by")
        .order_by("-created_at")
    )
    return {
        "awaiting": awaiting,
        "scheduled": scheduled,
        "awaiting_external": [p.specific for p in awaiting_external],
        "released_today": [p.specific for p in released_today],
        "urgent": list(urgent),
        "units": Unit.objects.all(),
        "types": [(m._meta.model_name, m._meta.verbose_name) for m in ARTICLE_PAGE_MODELS],
        "audiences": Audience.objects.all(),
        "filters": {"unit": unit, "type": page_type, "audience": audience},
        "now": now,
    }


def _lead_minutes() -> int:
    from django.conf import settings

    return settings.ENKANAL_INTERNAL_LEAD
