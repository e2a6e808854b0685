"""E-mails of the dialogue app: answers to residents, tip decisions, review reminders.

Every message goes through ``send_message`` so that it can later be routed through
the e-mail channel (cms.mail) in one place. Texts are rendered from templates with
autoescaping on, so a resident's "<script>" stays text in the HTML part too.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def send_message(
    *, to: list[str], subject: str, template: str, context: dict, reply_to=None
) -> int:
    """Send one e-mail with a plain-text and an HTML part from ``template``(.txt/.html)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    # A subject is a header: a line break in it would be refused by Django.
    subject = " ".join(str(subject).split())
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message.send()


def send_feedback_answer(feedback) -> int:
    """E-mail the answer of a case to the resident who sent it."""
    with translation.override(settings.LANGUAGE_CODE):
        return send_message(
            to=[feedback.email],
            subject=_("Svar på din synpunkt till %(site)s") % {"site": settings.WAGTAIL_SITE_NAME},
            template="dialogue/email/feedback_answer",
            context={"feedback": feedback, "site_name": settings.WAGTAIL_SITE_NAME},
            reply_to=[feedback.unit.contact_email]
            if feedback.unit and feedback.unit.contact_email
            else None,
        )


def send_tip_decision(tip) -> int:
    """Tell the sender of a tip that it was accepted or declined (and why)."""
    with translation.override(settings.LANGUAGE_CODE):
        return send_message(
            to=[tip.reply_email],
            subject=_("Ditt nyhetstips: %(title)s") % {"title": tip.title},
            template="dialogue/email/tip_decision",
            context={"tip": tip, "site_name": settings.WAGTAIL_SITE_NAME},
        )


def send_review_reminder(unit, recipients, overdue, soon) -> int:
    """Remind a unit's editors and managers of content to review."""
    with translation.override(settings.LANGUAGE_CODE):
        return send_message(
            to=sorted({user.email for user in recipients if user.email}),
            subject=_("Innehåll att granska: %(unit)s") % {"unit": unit.name},
            template="dialogue/email/review_reminder",
            context={
                "unit": unit,
                "overdue": overdue,
                "soon": soon,
                "admin_url": settings.WAGTAILADMIN_BASE_URL,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )


def new_feedback_recipients(feedback) -> list[str]:
    """The unit's contact address, or the default inbox for general feedback."""
    if feedback.unit and feedback.unit.contact_email:
        return [feedback.unit.contact_email]
    return [settings.ENKANAL_FEEDBACK_INBOX_EMAIL or ""]


def send_new_feedback_notice(feedback) -> int:
    """Tell the unit (or the inbox) that a case has arrived; personal data stays out."""
    from django.urls import reverse

    with translation.override(settings.LANGUAGE_CODE):
        return send_message(
            to=new_feedback_recipients(feedback),
            subject=_("Ny synpunkt #%(id)s") % {"id": feedback.pk},
            template="dialogue/email/new_feedback",
            context={
                "feedback": feedback,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("feedback:edit", args=[feedback.pk]),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
