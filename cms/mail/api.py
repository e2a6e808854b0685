"""Public API of the e-mail channel (``public_router``, mounted by cms.api at ``/mail``).

For the frontend's subscription forms: subscribe with double opt-in, confirm by signed
link, read and change preferences by signed link, unsubscribe. Subscribing answers the
same whether or not the address is known (202), and is rate-limited per client (429).
Bad input answers 422, bad links 400, both as ``{"detail": "..."}``.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status

from . import conf, subscriptions
from .tokens import LinkError

public_router = Router(tags=["e-post"])

LINK_MESSAGES = {
    "invalid": gettext_lazy("Länken är ogiltig."),
    "expired": gettext_lazy("Länken har gått ut."),
    "used": gettext_lazy("Länken gäller inte längre."),
}


class DetailOut(Schema):
    """An answer with a message."""

    detail: str


class LinkErrorOut(Schema):
    """A link that changes nothing: ``reason`` is "invalid", "expired" or "used"."""

    detail: str
    reason: str


class OutcomeOut(Schema):
    """What a link did: ``status`` is e.g. "confirmed", "unsubscribed" or "already"."""

    status: str
    detail: str


class TopicOut(Schema):
    """A topic one can subscribe to."""

    slug: str
    name: str
    name_en: str


class SubscribeIn(Schema):
    """A subscription request. No topics means every topic."""

    email: str = Field(..., max_length=254)
    language: str = Field("sv", description="sv eller en")
    frequency: str = Field("immediate", description="immediate eller weekly")
    topics: list[str] = Field(default_factory=list, description="Ämnenas kortnamn (slug)")
    media: bool = Field(False, description="Journalist: pressmeddelanden först")


class TokenIn(Schema):
    """A signed token from a link in an e-mail."""

    token: str = Field(..., max_length=500)


class PreferencesIn(TokenIn):
    """New choices, with the token of the preferences link."""

    language: str = "sv"
    frequency: str = "immediate"
    topics: list[str] = Field(default_factory=list)
    media: bool = False


class PreferencesOut(Schema):
    """A subscriber's choices, as the preferences page shows them."""

    email: str
    language: str
    frequency: str
    topics: list[str]
    media: bool


def client_ip(request) -> str:
    """The client's address; a reverse proxy in front must set REMOTE_ADDR correctly."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_rate_limit(request) -> bool:
    """Count one subscribe request for the client; True beyond the limit in the window."""
    key = f"enkanal:mail:subscribe:{client_ip(request)}"
    window = conf.get("ENKANAL_MAIL_SUBSCRIBE_RATE_WINDOW")
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count > conf.get("ENKANAL_MAIL_SUBSCRIBE_RATE_LIMIT")


def _link_error(error: LinkError):
    return Status(400, {"detail": str(LINK_MESSAGES[error.reason]), "reason": error.reason})


def _choices(payload) -> subscriptions.Choices:
    return subscriptions.Choices(
        language=payload.language,
        frequency=payload.frequency,
        topic_slugs=tuple(payload.topics),
        is_media=payload.media,
    )


def _preferences(subscriber) -> dict:
    choices = subscriptions.current_choices(subscriber)
    return {
        "email": subscriber.email,
        "language": choices.language,
        "frequency": choices.frequency,
        "topics": list(choices.topic_slugs),
        "media": choices.is_media,
    }


@public_router.get("/topics", response=list[TopicOut], summary="Ämnen att prenumerera på")
def topics(request):
    """Every topic, for the subscription form."""
    from cms.snippets.models import Topic

    return list(Topic.objects.values("slug", "name", "name_en"))


@public_router.post(
    "/subscriptions",
    response={202: DetailOut, 422: DetailOut, 429: DetailOut},
    summary="Prenumerera (dubbel bekräftelse)",
)
def subscribe(request, payload: SubscribeIn):
    """Ask for a subscription; a link to confirm it goes to the address.

    The answer is the same whether or not the address is already subscribed.
    """
    if over_rate_limit(request):
        return Status(429, {"detail": _("För många försök. Försök igen senare.")})
    try:
        subscriptions.subscribe(payload.email, _choices(payload))
    except subscriptions.InvalidInput as error:
        return Status(422, {"detail": str(error)})
    return Status(
        202,
        {
            "detail": _(
                "Tack! Vi har skickat ett e-postmeddelande med en länk. Öppna länken för "
                "att bekräfta prenumerationen."
            )
        },
    )


@public_router.post(
    "/subscriptions/confirm",
    response={200: OutcomeOut, 400: LinkErrorOut},
    summary="Bekräfta en prenumeration",
)
def confirm(request, payload: TokenIn):
    """Confirm with the token from the confirmation e-mail; using it again changes nothing."""
    try:
        outcome = subscriptions.confirm(payload.token)
    except LinkError as error:
        return _link_error(error)
    detail = {
        "confirmed": _("Prenumerationen är bekräftad."),
        "already": _("Prenumerationen var redan bekräftad. Ingenting har ändrats."),
    }[outcome]
    return Status(200, {"status": outcome, "detail": detail})


@public_router.get(
    "/preferences",
    response={200: PreferencesOut, 400: LinkErrorOut},
    summary="Läs inställningar (signerad länk)",
)
def read_preferences(request, token: str):
    """A subscriber's choices, for the preferences page."""
    try:
        subscriber = subscriptions.subscriber_from_preferences_link(token)
    except LinkError as error:
        return _link_error(error)
    return Status(200, _preferences(subscriber))


@public_router.put(
    "/preferences",
    response={200: PreferencesOut, 400: LinkErrorOut, 422: DetailOut},
    summary="Ändra inställningar (signerad länk)",
)
def update_preferences(request, payload: PreferencesIn):
    """Change topics, language, frequency or the media choice."""
    try:
        subscriber = subscriptions.update_preferences(payload.token, _choices(payload))
    except LinkError as error:
        return _link_error(error)
    except subscriptions.InvalidInput as error:
        return Status(422, {"detail": str(error)})
    return Status(200, _preferences(subscriber))


@public_router.post(
    "/unsubscribe",
    response={200: OutcomeOut, 400: LinkErrorOut},
    summary="Avsluta (länk i ett utskick eller inställningslänken)",
)
def unsubscribe(request, payload: TokenIn):
    """Unsubscribe with the token of a message's unsubscribe link or a preferences link."""
    try:
        try:
            outcome = subscriptions.unsubscribe(payload.token)
        except LinkError as error:
            if error.reason != "invalid":
                raise
            subscriber = subscriptions.subscriber_from_preferences_link(payload.token)
            outcome = subscriptions.unsubscribe_subscriber(subscriber)
    except LinkError as error:
        return _link_error(error)
    detail = {
        "unsubscribed": _("Du får inga fler utskick från oss."),
        "already": _("Du hade redan avslutat. Ingenting har ändrats."),
    }[outcome]
    return Status(200, {"status": outcome, "detail": detail})
