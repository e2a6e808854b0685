"""The review reminder e-mail, queued through the dialogue app's e-mail delivery."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from cms.dialogue.notifications import send_message


def send_review_reminder(unit, recipients, overdue, soon) -> int:
    """Remind a unit's editors and managers of content to review."""
    with translation.override(settings.LANGUAGE_CODE):
        return send_message(
            to=sorted({user.email for user in recipients if user.email}),
            subject=_("Content to review: %(unit)s") % {"unit": unit.name},
            template="editorial/email/review_reminder",
            context={
                "unit": unit,
                "overdue": overdue,
                "soon": soon,
                "admin_url": settings.WAGTAILADMIN_BASE_URL,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
