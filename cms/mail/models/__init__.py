"""Models of the e-mail channel: subscriptions and the outbox, re-exported here."""

from .outbox import Channel, Delivery, DeliveryStatus, Dispatch, DispatchState, ReleaseKind
from .subscriptions import (
    ConsentAction,
    ConsentRecord,
    Frequency,
    Language,
    Subscriber,
    Suppression,
    SuppressionReason,
    normalize_email,
)

__all__ = [
    "Channel",
    "ConsentAction",
    "ConsentRecord",
    "Delivery",
    "DeliveryStatus",
    "Dispatch",
    "DispatchState",
    "Frequency",
    "Language",
    "ReleaseKind",
    "Subscriber",
    "Suppression",
    "SuppressionReason",
    "normalize_email",
]
