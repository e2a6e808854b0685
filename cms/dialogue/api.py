"""API routers of the dialogue app, mounted by cms.api on its two NinjaAPI instances.

Both are mounted at ``/dialogue`` (cms/api/apis.py):

``public_router`` (public API): ``GET /dialogue/feedback/token`` (a form token for the
time check) and ``POST /dialogue/feedback``.
``intranet_router`` (intranet API, Bearer auth): ``POST /dialogue/tips``.

Bad input answers 422, spam checks 400 and the rate limit 429, all in the APIs' one
error shape (``{"detail": "...", "errors": [...]}``, cms/api/errors.py). Nothing is
stored unless every check passes.
"""

import datetime
import logging
from typing import Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import field_validator
from wagtail.models import Locale

from cms.core.errors import MAX_ID, ApiError, Error, field_error
from cms.core.throttling import SubmissionRateThrottle

from .models import Feedback, FeedbackCategory, NewsTip
from .notifications import send_new_feedback_notice
from .spam import SpamError, check_form_token, check_honeypot, make_form_token

logger = logging.getLogger(__name__)

#: Longest name, title and tip text accepted (characters).
NAME_MAX_LENGTH = 150
TITLE_MAX_LENGTH = 200
TIP_TEXT_MAX_LENGTH = 10_000
#: Longest e-mail address stored (Django's EmailField, RFC 5321's path limit).
EMAIL_MAX_LENGTH = 254


def _clean_text(value: str, max_length: int) -> str:
    # Plain text only: strip the edges and NUL bytes (PostgreSQL refuses them).
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise ValueError(_("May not be empty."))
    if len(value) > max_length:
        raise ValueError(_("At most %(max)d characters.") % {"max": max_length})
    return value


def _clean_email(value: str | None) -> str:
    value = (value or "").strip()
    if value:
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValueError(_("Invalid e-mail address.")) from None
    return value


def submission_throttle(scope: str) -> SubmissionRateThrottle:
    """``ENKANAL_FEEDBACK_RATE_LIMIT`` submissions per resident (or user) and window."""
    return SubmissionRateThrottle(
        scope, "ENKANAL_FEEDBACK_RATE_LIMIT", "ENKANAL_FEEDBACK_RATE_WINDOW"
    )


# Public: feedback ------------------------------------------------------------------

public_router = Router(tags=["dialog"])


class FormTokenOut(Schema):
    """A token to send back with the form, proving it was shown a while ago."""

    token: str
    min_fill_seconds: int
    max_age_seconds: int


class FeedbackIn(Schema):
    """A resident's feedback. ``website`` is a honeypot and must stay empty."""

    category: Literal["suggestion", "complaint", "praise", "question"]
    message: str = Field(..., description="Ren text; HTML visas som text.")
    name: str = Field("", max_length=NAME_MAX_LENGTH)
    email: str = Field("", max_length=EMAIL_MAX_LENGTH)
    page_id: int | None = Field(None, ge=1, le=MAX_ID)
    token: str = Field(..., max_length=500, description="Från GET /dialogue/feedback/token.")
    website: str = Field("", max_length=500, description="Lämnas tomt (skydd mot skräppost).")

    @field_validator("message")
    @classmethod
    def check_message(cls, value):
        return _clean_text(value, settings.ENKANAL_FEEDBACK_MAX_LENGTH)

    @field_validator("name")
    @classmethod
    def check_name(cls, value):
        value = (value or "").replace("\x00", "").strip()
        if len(value) > NAME_MAX_LENGTH:
            raise ValueError(_("At most %(max)d characters.") % {"max": NAME_MAX_LENGTH})
        return value

    @field_validator("email")
    @classmethod
    def check_email(cls, value):
        return _clean_email(value)


class FeedbackOut(Schema):
    """The stored case, as the resident may see it."""

    id: int
    category: str
    state: str
    created_at: datetime.datetime
    will_be_answered_by_email: bool


def get_feedback_page(page_id):
    """The public item feedback is about, or ``None`` when it is not on the public site.

    The one audience filter decides (DESIGN.md §6.1): a staff-only, unreleased, expired
    or restricted item is answered exactly as an id that does not exist, so the form
    tells nobody what the public API would not.
    """
    from cms.pages.models import ArticlePage

    return ArticlePage.objects.public().filter(pk=page_id).first()


def notify_new_feedback(feedback):
    """Tell the unit; the case is stored, so a mail failure must not fail the request."""
    try:
        send_new_feedback_notice(feedback)
    except Exception:  # any mail backend error: the case is stored and listed anyway
        logger.exception("Could not send the notice of feedback %s", feedback.pk)


@public_router.get(
    "/feedback/token", response=FormTokenOut, summary="Formulärtoken för tidskontrollen"
)
def feedback_token(request, response: HttpResponse):
    """A fresh token; the form must be sent no sooner than ``min_fill_seconds`` later."""
    # Each form needs its own token: no shared cache may hand one out twice.
    response["Cache-Control"] = "no-store"
    return {
        "token": make_form_token(),
        "min_fill_seconds": settings.ENKANAL_FEEDBACK_MIN_FILL_SECONDS,
        "max_age_seconds": settings.ENKANAL_FEEDBACK_TOKEN_MAX_AGE,
    }


@public_router.post(
    "/feedback",
    response={201: FeedbackOut, 400: Error},
    throttle=submission_throttle("feedback"),
    summary="Skicka en synpunkt",
)
def send_feedback(request, payload: FeedbackIn):
    """Store a resident's feedback and route it to the page's unit (or the inbox)."""
    try:
        check_honeypot(payload.website)
        check_form_token(payload.token)
    except SpamError as error:
        raise ApiError(error.status, error.message) from None
    page = None
    if payload.page_id is not None:
        page = get_feedback_page(payload.page_id)
        if page is None:
            refuse("page_id", _("The page does not exist."))
    with transaction.atomic():
        feedback = Feedback.objects.create(
            category=FeedbackCategory(payload.category),
            message=payload.message,
            name=payload.name,
            email=payload.email,
            page=page,
            unit=Feedback.route(page),
        )
        transaction.on_commit(lambda: notify_new_feedback(feedback))
    return Status(
        201,
        {
            "id": feedback.pk,
            "category": feedback.category,
            "state": feedback.state,
            "created_at": feedback.created_at,
            "will_be_answered_by_email": bool(feedback.email),
        },
    )


# Intranet: news tips ----------------------------------------------------------------

intranet_router = Router(tags=["dialog"])


class NewsTipIn(Schema):
    """A staff member's news tip."""

    title: str
    text: str
    unit_id: int = Field(..., ge=1, le=MAX_ID)
    audience_codes: list[str] = Field(default_factory=list, max_length=20)
    locale: str = Field("sv", max_length=20)
    event_date: datetime.date | None = None
    sender_name: str = Field("", max_length=NAME_MAX_LENGTH)
    sender_email: str = Field("", max_length=EMAIL_MAX_LENGTH)

    @field_validator("title")
    @classmethod
    def check_title(cls, value):
        return _clean_text(value, TITLE_MAX_LENGTH)

    @field_validator("text")
    @classmethod
    def check_text(cls, value):
        return _clean_text(value, TIP_TEXT_MAX_LENGTH)

    @field_validator("sender_name")
    @classmethod
    def check_sender_name(cls, value):
        return (value or "").strip()[:NAME_MAX_LENGTH]

    @field_validator("sender_email")
    @classmethod
    def check_sender_email(cls, value):
        return _clean_email(value)


class NewsTipOut(Schema):
    """The stored tip."""

    id: int
    title: str
    state: str
    created_at: datetime.datetime


def refuse(field: str, message) -> None:
    """Answer 422 for one field of the body (the APIs' error shape)."""
    raise ApiError(422, message, [field_error(["body", "payload", field], message)])


def get_sender(request):
    """The signed-in user the intranet API authenticated, if any."""
    user = getattr(request, "auth", None)
    return user if isinstance(user, get_user_model()) else None


@intranet_router.post(
    "/tips",
    response={201: NewsTipOut},
    throttle=submission_throttle("tip"),
    summary="Skicka ett nyhetstips",
)
def send_news_tip(request, payload: NewsTipIn):
    """Store a tip for the communicators' triage."""
    from cms.snippets.models import Audience, Unit

    unit = Unit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        refuse("unit_id", _("The unit does not exist."))
    audiences = list(Audience.objects.filter(code__in=set(payload.audience_codes)))
    if len(audiences) != len(set(payload.audience_codes)):
        refuse("audience_codes", _("Unknown audience."))
    locale = Locale.objects.filter(language_code=payload.locale).first()
    if locale is None:
        refuse("locale", _("Unknown language."))
    sender = get_sender(request)
    sender_name = payload.sender_name or (sender.get_full_name() if sender else "")
    sender_email = payload.sender_email or (sender.email if sender else "")
    if not sender_email:
        refuse("sender_email", _("Give an e-mail address for the answer."))
    with transaction.atomic():
        tip = NewsTip.objects.create(
            title=payload.title,
            text=payload.text,
            unit=unit,
            locale=locale,
            event_date=payload.event_date,
            sender=sender,
            sender_name=sender_name,
            sender_email=sender_email,
        )
        tip.audiences.set(audiences)
    return Status(
        201,
        {
            "id": tip.pk,
            "title": tip.title,
            "state": tip.state,
            "created_at": tip.created_at,
        },
    )
