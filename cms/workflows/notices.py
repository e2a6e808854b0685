"""Notice board rules: a posted notice stays up until its earliest removal date.

Only an Administratör may take a notice down earlier, and only with a written reason,
which is kept (``NoticeRemoval``) and logged. The checks sit on the model's save and
delete, so the admin, bulk actions and code are all held to them.
"""

import contextvars
from contextlib import contextmanager

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from cms.core.roles import ADMINISTRATOR

_removal: contextvars.ContextVar[tuple | None] = contextvars.ContextVar(
    "enkanal_notice_removal", default=None
)


class NoticeProtected(PermissionDenied):
    """A notice may not come down yet; nothing was changed."""

    def __init__(self, message, page=None):
        super().__init__(message)
        self.message = message
        self.page = page


def is_protected(notice, today=None) -> bool:
    """True while a posted, live notice is before its earliest removal date."""
    today = today or timezone.localdate()
    return bool(
        notice.live
        and notice.posting_date is not None
        and notice.earliest_removal_date
        and today < notice.earliest_removal_date
    )


def protection_message(notice) -> str:
    """Why the notice cannot come down yet."""
    return _(
        "The notice “%(title)s” may be taken down on %(date)s at the earliest. Only an "
        "administrator can take it down earlier, with a written reason."
    ) % {
        "title": notice.get_admin_display_title(),
        "date": date_format(notice.earliest_removal_date, "j F Y"),
    }


def user_can_remove_early(user) -> bool:
    """Administratörer (and superusers) may take a notice down early, with a reason."""
    return bool(
        user
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())
    )


@contextmanager
def _allow_removal(user, reason):
    token = _removal.set((user, reason))
    try:
        yield
    finally:
        _removal.reset(token)


@transaction.atomic
def remove_notice_early(notice, user, reason: str, action: str):
    """Unpublish or delete a protected notice as an Administratör, with a logged reason."""
    from cms.workflows.models import NoticeRemoval

    if not user_can_remove_early(user):
        raise PermissionDenied(_("Only an administrator can take a notice down early."))
    if not reason or not reason.strip():
        raise PermissionDenied(_("Give a reason."))
    if action not in (NoticeRemoval.UNPUBLISH, NoticeRemoval.DELETE):
        raise PermissionDenied(_("Unknown action."))
    removal = NoticeRemoval.objects.create(
        page_id_value=notice.pk,
        page_title=notice.title,
        action=action,
        reason=reason.strip(),
        user=user,
        earliest_removal_date=notice.earliest_removal_date,
    )
    log(
        instance=notice,
        action="enkanal.notice_removed",
        user=user,
        data={
            "reason": removal.reason,
            "action": action,
            "earliest_removal_date": notice.earliest_removal_date.isoformat(),
        },
    )
    with _allow_removal(user, removal.reason):
        if action == NoticeRemoval.UNPUBLISH:
            notice.unpublish(user=user)
        else:
            notice.delete(user=user, skip_permission_checks=True)
    return removal


# --- signal receivers (connected in signal_handlers) ---------------------------------


def guard_notice_unpublish(sender, instance, raw=False, **kwargs):
    """pre_save: refuse taking a protected notice off the board."""
    from cms.pages.models import NoticePage

    if raw or instance.live or instance.pk is None or _removal.get() is not None:
        return
    stored = NoticePage.objects.filter(pk=instance.pk).first()
    if stored is not None and is_protected(stored):
        raise NoticeProtected(protection_message(stored), page=stored)


def guard_notice_delete(sender, instance, **kwargs):
    """pre_delete: refuse deleting a protected notice."""
    if _removal.get() is None and is_protected(instance):
        raise NoticeProtected(protection_message(instance), page=instance)
