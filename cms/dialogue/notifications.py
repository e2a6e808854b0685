"""E-mails of the dialogue app: answers to residents, tip decisions, review reminders.

Every message goes through ``send_message``, which renders it and hands it to the
worker (``cms.dialogue.tasks.deliver_email``): the task row is written in the caller's
transaction, so a recorded answer always has its e-mail, and a provider that is down
is tried again with backoff instead of losing the message. Texts are rendered from
templates with autoescaping on, so a resident's "<script>" stays text in the HTML part.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from cms.core import periodic
from cms.mail import conf as mail_conf

logger = logging.getLogger(__name__)


def send_message(
    *, to: list[str], subject: str, template: str, context: dict, reply_to=None
) -> int:
    """Render one e-mail (plain text and HTML from ``template``) and queue it; 1 if queued.

    Call it inside the transaction that records what the e-mail tells: with the
    database task backend the message is queued in that transaction; with a backend
    that runs tasks at once it is sent after the commit.
    """
    from .tasks import deliver_email

    recipients = [address for address in to if address]
    if not recipients:
        return 0
    message = {
        # A subject is a header: a line break in it would be refused by Django.
        "subject": " ".join(str(subject).split()),
        "text": render_to_string(f"{template}.txt", context),
        "html": render_to_string(f"{template}.html", context),
        "to": recipients,
        "reply_to": list(reply_to or []),
        # The same Message-ID on every attempt, so a repeat can be recognised.
        "message_id": make_msgid(domain=mail_conf.message_id_domain()),
    }
    if periodic.can_defer():
        deliver_email.enqueue(message)
    else:
        transaction.on_commit(lambda: deliver_email.enqueue(message))
    return 1


def deliver(message: dict) -> int:
    """Hand a queued message (from ``send_message``) to the e-mail backend."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message["to"],
        reply_to=message["reply_to"] or None,
        headers={"Message-ID": message["message_id"]},
    )
    email.attach_alternative(message["html"], "text/html")
    return email.send()


def send_feedback_answer(feedback) -> int:
    """E-mail the answer of a case to the resident who sent it."""
    with translation.override(settings.LANGUAGE_CODE):
        return send_message(
            to=[feedback.email],
            subject=_("Answer to your feedback to %(site)s") % {"site": settings.WAGTAIL_SITE_NAME},
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
            subject=_("Your news tip: %(title)s") % {"title": tip.title},
            template="dialogue/email/tip_decision",
            context={"tip": tip, "site_name": settings.WAGTAIL_SITE_NAME},
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
            subject=_("New feedback #%(id)s") % {"id": feedback.pk},
            template="dialogue/email/new_feedback",
            context={
                "feedback": feedback,
                "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + reverse("feedback:edit", args=[feedback.pk]),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
