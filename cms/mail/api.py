"""Public API of the e-mail channel (``public_router``, mounted by cms.api at ``/mail``).

For the frontend's subscription forms: subscribe with double opt-in, confirm by signed
link, read and change preferences by signed link, unsubscribe. Subscribing answers the
same whether or not the address is known (202), and is rate-limited per resident (429).
Bad input answers 422, bad links 400 (``errors[0].type`` is "link_invalid",
"link_expired" or "link_used"), all in the APIs' one error shape
(``{"detail": "...", "errors": [...]}``, cms/api/errors.py).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from cms.core.errors import ApiError, Error, field_error
from cms.core.throttling import SubmissionRateThrottle

from . import conf, subscriptions
from .tokens import LinkError

public_router = Router(tags=["e-post"])

LINK_MESSAGES = {
    "invalid": gettext_lazy("The link is not valid."),
    "expired": gettext_lazy("The link has expired."),
    "used": gettext_lazy("The link is no longer valid."),
}


class DetailOut(Schema):
    """An answer with a message."""

    detail: str


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

    token: str = Field(..., min_length=1, max_length=500)


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


def link_refused(error: LinkError, loc=("body", "payload", "token")) -> ApiError:
    """400 for a link that changes nothing; the type says why ("link_expired", …)."""
    message = LINK_MESSAGES[error.reason]
    return ApiError(400, message, [field_error(loc, message, f"link_{error.reason}")])


def input_refused(error: subscriptions.InvalidInput) -> ApiError:
    """422 for a choice the subscription cannot take, naming the input."""
    loc = ["body", "payload", error.field] if error.field else ["body", "payload"]
    return ApiError(422, str(error), [field_error(loc, str(error))])


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
    response={202: DetailOut},
    # Per resident (the address the public site forwards), in the shared cache.
    throttle=SubmissionRateThrottle(
        "subscribe",
        "ENKANAL_MAIL_SUBSCRIBE_RATE_LIMIT",
        "ENKANAL_MAIL_SUBSCRIBE_RATE_WINDOW",
        conf.DEFAULTS,
    ),
    summary="Prenumerera (dubbel bekräftelse)",
)
def subscribe(request, payload: SubscribeIn):
    """Ask for a subscription; a link to confirm it goes to the address.

    The answer is the same whether or not the address is already subscribed.
    """
    try:
        subscriptions.subscribe(payload.email, _choices(payload))
    except subscriptions.InvalidInput as error:
        raise input_refused(error) from None
    return Status(
        202,
        {
            "detail": _(
                "Thank you! We have sent an e-mail with a link. Open the link to confirm your "
                "subscription."
            )
        },
    )


@public_router.post(
    "/subscriptions/confirm",
    response={200: OutcomeOut, 400: Error},
    summary="Bekräfta en prenumeration",
)
def confirm(request, payload: TokenIn):
    """Confirm with the token from the confirmation e-mail; using it again changes nothing."""
    try:
        outcome = subscriptions.confirm(payload.token)
    except LinkError as error:
        raise link_refused(error) from None
    detail = {
        "confirmed": _("Your subscription is confirmed."),
        "already": _("Your subscription was already confirmed. Nothing has changed."),
    }[outcome]
    return Status(200, {"status": outcome, "detail": detail})


@public_router.get(
    "/preferences",
    response={200: PreferencesOut, 400: Error},
    summary="Läs inställningar (signerad länk)",
)
def read_preferences(request, token: str = Query(..., min_length=1, max_length=500)):
    """A subscriber's choices, for the preferences page."""
    try:
        subscriber = subscriptions.subscriber_from_preferences_link(token)
    except LinkError as error:
        raise link_refused(error, ("query", "token")) from None
    return Status(200, _preferences(subscriber))


@public_router.put(
    "/preferences",
    response={200: PreferencesOut, 400: Error},
    summary="Ändra inställningar (signerad länk)",
)
def update_preferences(request, payload: PreferencesIn):
    """Change topics, language, frequency or the media choice."""
    try:
        subscriber = subscriptions.update_preferences(payload.token, _choices(payload))
    except LinkError as error:
        raise link_refused(error) from None
    except subscriptions.InvalidInput as error:
        raise input_refused(error) from None
    return Status(200, _preferences(subscriber))


@public_router.post(
    "/unsubscribe",
    response={200: OutcomeOut, 400: Error},
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
        raise link_refused(error) from None
    detail = {
        "unsubscribed": _("You will receive no more e-mail from us."),
        "already": _("You had already unsubscribed. Nothing has changed."),
    }[outcome]
    return Status(200, {"status": outcome, "detail": detail})
