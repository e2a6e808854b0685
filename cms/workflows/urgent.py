"""Urgent publish: a communicator publishes at once, with a written reason that is logged.

Two things go this way: an external item that cannot wait for its workflow
(``publish_urgently``), and the important-message banner, which has no other way to the
sites (``publish_message``). Both need an Informatör (``is_communicator``) and a reason.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.core.roles import COMMUNICATOR


def is_communicator(user) -> bool:
    """An active Informatör (or superuser): the only ones who publish urgently."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=COMMUNICATOR).exists()


def required_reason(reason: str) -> str:
    """The written reason, stripped; refused when empty."""
    reason = (reason or "").strip()
    if not reason:
        raise PermissionDenied(_("An urgent publication requires a written reason."))
    return reason


def user_can_publish_urgently(user, page) -> bool:
    """Informatörer with publish rights on the item, for items with an outside audience."""
    from cms.workflows.guard import is_guarded, required_task_classes, revision_audience_codes
    from cms.workflows.models import CommunicatorReviewTask

    if not (is_communicator(user) and is_guarded(page)):
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

    reason = required_reason(reason)
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


@transaction.atomic
def publish_message(message, user, reason: str):
    """Publish an important message now (shown within its window), logging the reason.

    Publishing again after a withdrawal shows the message again, with the new reason.
    """
    from django.utils import timezone

    reason = required_reason(reason)
    if not is_communicator(user):
        raise PermissionDenied(_("Only a communications officer can publish an important message."))
    message.published_at = timezone.now()
    message.published_by = user
    message.publish_reason = reason
    message.withdrawn_at = None
    message.withdrawn_by = None
    message.save()
    log(instance=message, action="enkanal.urgent_publish", user=user, data={"reason": reason})
    return message


@transaction.atomic
def withdraw_message(message, user, reason: str):
    """Take a published important message down at once, logging why."""
    from django.utils import timezone

    reason = required_reason(reason)
    if not is_communicator(user):
        raise PermissionDenied(
            _("Only a communications officer can withdraw an important message.")
        )
    message.withdrawn_at = timezone.now()
    message.withdrawn_by = user
    message.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log(instance=message, action="enkanal.message_withdrawn", user=user, data={"reason": reason})
    return message
