"""Urgent publish: a communicator publishes an external item at once, with a reason."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.core.roles import COMMUNICATOR


def user_can_publish_urgently(user, page) -> bool:
    """Informatörer with publish rights on the item, for items with an outside audience."""
    from cms.workflows.guard import is_guarded, required_task_classes, revision_audience_codes
    from cms.workflows.models import CommunicatorReviewTask

    if not (user and user.is_authenticated and user.is_active and is_guarded(page)):
        return False
    if not (user.is_superuser or user.groups.filter(name=COMMUNICATOR).exists()):
        return False
    if not page.permissions_for_user(user).can_publish():
        return False
    revision = page.get_latest_revision()
    codes = revision_audience_codes(revision) if revision else page.get_audience_codes()
    return CommunicatorReviewTask in required_task_classes(page, codes)


@transaction.atomic
def publish_urgently(page, user, reason: str, skip_lead: bool = False):
    """Publish the latest revision of ``page`` now, skipping the remaining steps.

    Records the reason (``UrgentPublication``, also the follow-up review for the unit's
    manager), logs it, publishes (which cancels a running workflow) and tells the
    unit's managers to follow up.
    """
    from cms.workflows.models import UrgentPublication
    from cms.workflows.release import release_time

    reason = (reason or "").strip()
    if not reason:
        raise PermissionDenied(_("An urgent publication requires a written reason."))
    if not user_can_publish_urgently(user, page):
        raise PermissionDenied(_("Only a communications officer can publish urgently."))
    revision = page.get_latest_revision() or page.save_revision(user=user)
    record = UrgentPublication.objects.create(
        page=page, revision=revision, published_by=user, reason=reason, skip_lead=skip_lead
    )
    log(
        instance=page,
        action="enkanal.urgent_publish",
        user=user,
        revision=revision,
        data={"reason": reason, "skip_lead": skip_lead, "urgent_publication": record.pk},
    )
    lead = datetime.timedelta(0) if skip_lead else None
    with release_time(lead=lead, reason=reason):
        revision.publish(user=user, skip_permission_checks=True)
    transaction.on_commit(lambda: notify_follow_up(record))
    return record


def follow_up_recipients(record):
    """The managers responsible for the item's owner unit."""
    page = record.page.specific
    unit = getattr(page, "owner_unit", None)
    return [m for m in (unit.get_responsible_managers() if unit else []) if m.email]


def notify_follow_up(record):
    """E-mail the unit's managers that an urgent publish awaits their follow-up."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from wagtail.admin.mail import send_mail

    recipients = follow_up_recipients(record)
    if not recipients:
        return
    page = record.page.specific
    context = {
        "page": page,
        "record": record,
        "follow_up_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("enkanal_workflows_admin:follow_up", args=[record.pk]),
    }
    subject = render_to_string("workflows/notifications/urgent_subject.txt", context).strip()
    body = render_to_string("workflows/notifications/urgent.txt", context)
    send_mail(subject, body, [m.email for m in recipients])


@transaction.atomic
def complete_follow_up(record, user, comment=""):
    """The unit's manager has reviewed an urgently published item afterwards."""
    from django.utils import timezone

    page = record.page.specific
    managers = page.owner_unit.get_responsible_managers() if page.owner_unit_id else []
    allowed = user.is_superuser or any(m.pk == user.pk for m in managers)
    if not allowed:
        raise PermissionDenied(_("Only the unit's manager can follow up."))
    if record.followed_up_at is not None:
        return record
    record.followed_up_at = timezone.now()
    record.followed_up_by = user
    record.follow_up_comment = comment.strip()
    record.save(update_fields=["followed_up_at", "followed_up_by", "follow_up_comment"])
    log(
        instance=page,
        action="enkanal.urgent_follow_up",
        user=user,
        data={"urgent_publication": record.pk, "comment": record.follow_up_comment},
    )
    return record
