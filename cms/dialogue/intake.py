"""Turning news tips into drafts, and telling their senders.

``accept_tip`` creates an unpublished item of the chosen type under its index page in
the tip's locale, with the tip's title, text, unit and audiences; the tip keeps a link
to the draft. ``decline_tip`` records the reason. Either way the sender gets an e-mail
once the transaction has committed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.rich_text import RichText

from cms.pages.models.mixins import SUMMARY_MAX_LENGTH
from cms.snippets.models import Audience
from cms.snippets.models.audiences import AudienceCode

from .models import NewsTipState
from .notifications import send_tip_decision


def tip_page_models():
    """Page types a tip can become; notices are formal decisions and are not offered."""
    from cms.pages.models import NewsPage, PressReleasePage, StaffBulletinPage

    return {
        model._meta.model_name: model for model in (NewsPage, PressReleasePage, StaffBulletinPage)
    }


def get_index_page(page_model, locale):
    """The index page that ``page_model`` items live under in ``locale``."""
    from django.apps import apps

    for label in page_model.parent_page_types or []:
        index_model = apps.get_model(label)
        index = index_model.objects.filter(locale=locale).first()
        if index is not None:
            return index
    return None


def draft_audience_codes(page_model, tip) -> set[str]:
    """The tip's audiences adjusted to the page type's rules (fixed, mandatory, allowed)."""
    if page_model.fixed_audience_codes:
        return set(page_model.fixed_audience_codes)
    codes = {a.code for a in tip.audiences.all()} or {AudienceCode.STAFF}
    codes |= set(page_model.mandatory_audience_codes)
    if page_model.allowed_audience_codes:
        codes &= set(page_model.allowed_audience_codes)
    return codes


def text_to_rich_text(text: str) -> str:
    """Plain text as escaped paragraphs of rich text."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs)


def build_draft(page_model, tip):
    """An unsaved item of ``page_model`` filled from ``tip``."""
    summary = Truncator(" ".join(tip.text.split())).chars(SUMMARY_MAX_LENGTH)
    page = page_model(
        title=tip.title,
        summary=summary,
        owner_unit=tip.unit,
        locale=tip.locale,
        live=False,
        body=[("paragraph", RichText(text_to_rich_text(tip.text)))],
    )
    page.audiences = list(Audience.objects.filter(code__in=draft_audience_codes(page_model, tip)))
    return page


def accept_tip(tip, page_type: str, user):
    """Create a draft of ``page_type`` from ``tip``, link it and tell the sender."""
    models = tip_page_models()
    if page_type not in models:
        raise ValidationError(_("Unknown page type."))
    if tip.state != NewsTipState.NEW:
        raise ValidationError(_("The tip has already been handled."))
    page_model = models[page_type]
    parent = get_index_page(page_model, tip.locale)
    if parent is None:
        raise ValidationError(
            _("There is no place for %(type)s in this language.")
            % {"type": page_model._meta.verbose_name}
        )
    with transaction.atomic():
        page = build_draft(page_model, tip)
        parent.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
        tip.draft_page = page
        tip.state = NewsTipState.ACCEPTED
        tip.handled_by = user
        tip.handled_at = timezone.now()
        tip.save(update_fields=["draft_page", "state", "handled_by", "handled_at"])
        send_tip_decision(tip)  # queued in this transaction
    return page


def decline_tip(tip, reason: str, user):
    """Decline ``tip`` with a reason and tell the sender."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Write a reason."))
    if tip.state != NewsTipState.NEW:
        raise ValidationError(_("The tip has already been handled."))
    with transaction.atomic():
        tip.state = NewsTipState.DECLINED
        tip.decline_reason = reason
        tip.handled_by = user
        tip.handled_at = timezone.now()
        tip.save(update_fields=["state", "decline_reason", "handled_by", "handled_at"])
        send_tip_decision(tip)  # queued in this transaction
