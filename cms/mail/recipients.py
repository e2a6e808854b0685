"""Who a dispatch goes to: one function per channel, each yielding ``Recipient`` rows.

Staff recipients come from ``staff_recipients`` next to the one audience filter
(cms.pages.querysets), so that who is mailed an item and who sees it on the intranet
follow the same rule. Subscribers are chosen by the item's topics; the media list is
the municipality's media contacts and the journalists who signed up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from cms.pages.querysets import staff_recipients

from .models import Channel, Frequency, ReleaseKind, Subscriber, normalize_email
from .sources import source_for


class Recipient(NamedTuple):
    """One address a dispatch writes a delivery for."""

    email: str
    language: str = "sv"
    subscriber_id: int | None = None
    user_id: int | None = None


def staff(dispatch, at) -> Iterator[Recipient]:
    """Active members of staff who may see the item on the intranet at ``at``.

    A must-read reminder goes only to those of them who have not confirmed reading.
    """
    users = staff_recipients(dispatch.page, at).exclude(email="")
    if dispatch.release_kind == ReleaseKind.REMINDER:
        from cms.pages.models import MustReadConfirmation

        confirmed = MustReadConfirmation.objects.filter(page_id=dispatch.page_id)
        users = users.exclude(pk__in=confirmed.values("user_id"))
    rows = users.values_list("pk", "email", "wagtail_userprofile__preferred_language")
    for pk, email, language in rows.iterator(chunk_size=2000):
        yield Recipient(email, "en" if (language or "").startswith("en") else "sv", user_id=pk)


def media(dispatch, at) -> Iterator[Recipient]:
    """Media contacts with an address, then journalists who signed up (confirmed)."""
    from cms.snippets.models import Person

    for email in Person.objects.media_contacts().exclude(email="").values_list("email", flat=True):
        yield Recipient(email)
    journalists = Subscriber.objects.active().filter(is_media=True)
    for pk, email, language in journalists.values_list("pk", "email", "language").iterator(
        chunk_size=2000
    ):
        yield Recipient(email, language, subscriber_id=pk)


def subscribers(dispatch, at) -> Iterator[Recipient]:
    """Confirmed subscribers of the item's topics who want e-mail immediately.

    Addresses already reached by the dispatch this one waits for (the media list) are
    left out, so a journalist who also follows a topic gets the item once.
    """
    topic_ids = list(dispatch.page.topics.values_list("pk", flat=True))
    queryset = Subscriber.objects.active().filter(frequency=Frequency.IMMEDIATE)
    queryset = queryset.for_topics(topic_ids)
    if dispatch.waits_for_id:
        queryset = queryset.exclude(
            email__in=dispatch.waits_for.deliveries.values("email"),
        )
    for pk, email, language in queryset.values_list("pk", "email", "language").iterator(
        chunk_size=5000
    ):
        yield Recipient(email, language, subscriber_id=pk)


def digest(dispatch, at) -> Iterator[Recipient]:
    """Confirmed weekly subscribers (their items are chosen per recipient when sending)."""
    queryset = Subscriber.objects.active().filter(frequency=Frequency.WEEKLY)
    for pk, email, language in queryset.values_list("pk", "email", "language").iterator(
        chunk_size=5000
    ):
        yield Recipient(email, language, subscriber_id=pk)


CHANNEL_RECIPIENTS = {
    Channel.STAFF: staff,
    Channel.MEDIA: media,
    Channel.SUBSCRIBERS: subscribers,
    Channel.DIGEST: digest,
}


def recipients_for(dispatch, at) -> Iterator[Recipient]:
    """Every recipient of ``dispatch`` once (by normalised address)."""
    source = source_for(dispatch.channel)
    channel_recipients = source.recipients if source else CHANNEL_RECIPIENTS[dispatch.channel]
    seen: set[str] = set()
    for recipient in channel_recipients(dispatch, at):
        email = normalize_email(recipient.email)
        if email and email not in seen:
            seen.add(email)
            yield recipient._replace(email=email)
