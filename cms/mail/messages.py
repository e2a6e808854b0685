"""Rendering: one rendering per dispatch and language, merged per recipient.

Templates render once with placeholders for the per-recipient links; each message
then only substitutes its own links (or, in batch sending, the provider does it from
merge data). That keeps a 100,000-recipient dispatch linear and cheap.
"""

from __future__ import annotations

import dataclasses
import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import conf

#: Per-recipient values: the name of each, as written in a rendering before merging.
MERGE_FIELDS = ("unsubscribe_url", "preferences_url")
ONE_CLICK = "List-Unsubscribe=One-Click"


def placeholder(name: str) -> str:
    """The marker a rendering carries where the per-recipient ``name`` goes."""
    return f"ENKANAL-MERGE-{name}-END"


@dataclasses.dataclass
class Rendered:
    """Subject, plain text and HTML of one message, with merge placeholders."""

    subject: str
    text: str
    html: str

    def merged(self, values: dict[str, str]) -> Rendered:
        """A copy with the placeholders replaced by ``values``."""
        text, html = self.text, self.html
        for name in MERGE_FIELDS:
            marker, value = placeholder(name), values.get(name, "")
            text, html = text.replace(marker, value), html.replace(marker, value)
        return Rendered(self.subject, text, html)


def site_context(language: str) -> dict:
    """The municipality's name and logo from site settings."""
    from cms.core.models import MunicipalitySettings

    municipality = MunicipalitySettings.load()
    return {
        "municipality_name": municipality.municipality_name,
        "logo_url": getattr(getattr(municipality, "logo", None), "url", "")
        or conf.get("ENKANAL_MAIL_LOGO_URL"),
        "language": language,
    }


def item_url(page, public: bool) -> str:
    """The item's address on the public site or on the intranet."""
    base = settings.ENKANAL_PUBLIC_SITE_URL if public else settings.ENKANAL_INTRANET_URL
    rest = page.url_path.strip("/").partition("/")[2]
    path = f"/{rest}/" if rest else "/"
    language = page.locale.language_code
    if language != settings.LANGUAGE_CODE:
        path = f"/{language}{path}"
    return f"{base.rstrip('/')}{path}"


def localized_item(page, language: str, public: bool):
    """The item in ``language`` when such a translation is out on the same surface."""
    from cms.pages.models import ArticlePage

    if page.locale.language_code == language:
        return page
    translations = ArticlePage.objects.filter(
        translation_key=page.translation_key, locale__language_code=language
    )
    translations = (
        translations.public() if public else translations.released_to_staff(timezone.now())
    )
    translation_page = translations.first()
    return translation_page.specific if translation_page else page


def _placeholders(preferences: bool) -> dict[str, str]:
    fields = {"unsubscribe_url": placeholder("unsubscribe_url")}
    if preferences:
        fields["preferences_url"] = placeholder("preferences_url")
    return fields


def render_item(dispatch, language: str, preferences: bool = True) -> Rendered:
    """The message of an item dispatch in ``language``; ``preferences``: subscribers' link."""
    public = dispatch.release_kind not in ("internal", "reminder")
    reminder = dispatch.release_kind == "reminder"
    with translation.override(language):
        page = localized_item(dispatch.page.specific, language, public)
        context = {
            **site_context(language),
            **_placeholders(preferences and dispatch.channel != "staff"),
            "dispatch": dispatch,
            "channel": dispatch.channel,
            "reminder": reminder,
            "page": page,
            "type_label": page._meta.verbose_name,
            "summary": getattr(page, "summary", ""),
            "url": item_url(page, public),
            "released_at": timezone.localtime(
                page.external_release_at if public else page.internal_release_at
            )
            if (page.external_release_at if public else page.internal_release_at)
            else None,
        }
        context["reason"] = footer_reason(dispatch.channel)
        if hasattr(page, "media_contacts") and dispatch.channel == "media":
            context["press_contacts"] = list(page.media_contacts.all())
        subject = page.title
        if reminder:
            subject = _("Reminder: read and confirm – %(title)s") % {"title": subject}
        if dispatch.channel == "media":
            subject = _("%(type)s: %(title)s") % {
                "type": capfirst(context["type_label"]),
                "title": subject,
            }
        return Rendered(
            subject=subject,
            text=render_to_string("mail/item.txt", context),
            html=render_to_string("mail/item.html", context),
        )


def footer_reason(channel: str) -> str:
    """Why the recipient gets this message (in the active language)."""
    return {
        "staff": _("You receive this as a member of staff."),
        "media": _("You receive this because you are on the municipality's media list."),
        "subscribers": _("You receive this because you subscribe to our news."),
        "digest": _("You receive this because you subscribe to our weekly digest."),
    }.get(channel, "")


def digest_items(week_start: datetime.date, topic_ids: frozenset[int], now=None):
    """Public items released in the week from ``week_start``, of ``topic_ids`` (all if empty)."""
    from cms.core.importing import released_by_import
    from cms.pages.models import ArticlePage

    start = timezone.make_aware(datetime.datetime.combine(week_start, datetime.time.min))
    end = start + datetime.timedelta(days=7)
    items = ArticlePage.objects.public(now).filter(
        ~released_by_import(),  # released on the old site, not in that week's news
        external_release_at__gte=start,
        external_release_at__lt=end,
        locale__language_code=settings.LANGUAGE_CODE,
    )
    if topic_ids:
        items = items.filter(topics__in=topic_ids).distinct()
    return list(items.prefetch_related("topics").order_by("external_release_at", "pk"))


def render_digest(dispatch, language: str, topic_ids: frozenset[int], now=None) -> Rendered | None:
    """The weekly digest for subscribers of ``topic_ids``, grouped by topic; None if empty."""
    items = digest_items(dispatch.digest_week, topic_ids, now)
    if not items:
        return None
    with translation.override(language):
        groups: dict[str, list] = {}
        for item in items:
            localized = localized_item(item.specific, language, public=True)
            entry = {"page": localized, "url": item_url(localized, True)}
            topics = [t for t in item.topics.all() if not topic_ids or t.pk in topic_ids]
            for topic in topics or [None]:
                label = topic.label(language) if topic else _("Other")
                groups.setdefault(label, []).append(entry)
        week = dispatch.digest_week.isocalendar()[1]
        context = {
            **site_context(language),
            **_placeholders(True),
            "groups": sorted(groups.items()),
            "week": week,
            "reason": footer_reason("digest"),
        }
        subject = _("Weekly digest, week %(week)s, from %(name)s") % {
            "week": week,
            "name": context["municipality_name"],
        }
        return Rendered(
            subject=subject,
            text=render_to_string("mail/digest.txt", context),
            html=render_to_string("mail/digest.html", context),
        )


def list_headers(unsubscribe_url: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers for one-click unsubscribe."""
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": ONE_CLICK}


def build_message(rendered: Rendered, to: str, message_id: str, headers=None, connection=None):
    """One ``EmailMultiAlternatives`` with a plain-text body and an HTML alternative."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated", **(headers or {})},
        connection=connection,
    )
    message.attach_alternative(rendered.html, "text/html")
    return message
