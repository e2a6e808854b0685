"""Workflow tasks and the records the workflow keeps, re-exported here."""

from .messages import ImportantMessage, MessageAudience, MessageSeverity
from .records import (
    ApprovalLinkUse,
    NoticeRemoval,
    ReleaseEvent,
    ReleaseEventKind,
    UrgentPublication,
    WorkflowRoute,
)
from .tasks import CommunicatorReviewTask, UnitManagerApprovalTask

__all__ = [
    "ApprovalLinkUse",
    "CommunicatorReviewTask",
    "ImportantMessage",
    "MessageAudience",
    "MessageSeverity",
    "NoticeRemoval",
    "ReleaseEvent",
    "ReleaseEventKind",
    "UnitManagerApprovalTask",
    "UrgentPublication",
    "WorkflowRoute",
]
