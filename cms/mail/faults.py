"""What an error of a hand-off means: a fault of the channel or of one recipient.

SMTP says it in the reply code (RFC 5321 §4.2.1): 4xx is temporary and retried with
backoff, 5xx is permanent. Enhanced status codes (RFC 3463) tell a mailbox that does
not exist (5.1.1 and the like: the address is suppressed as bounced) from a policy
rejection (5.7.x: shown as a failure, the address is kept). A provider's HTTP API says
it in the status code: 5xx, 429, 401/403 and no answer at all are faults of the
channel; another 4xx is a permanent failure of the request. A fault of the channel is
not the recipients' fault: the dispatch pauses and no attempt is counted.
"""

from __future__ import annotations

import enum
import re
import smtplib


class Outcome(enum.StrEnum):
    """What becomes of a recipient after a hand-off."""

    SENT = "sent"  # handed off
    RETRY = "retry"  # temporary: again after a backoff, the attempt counts
    FAILED = "failed"  # permanent
    BOUNCED = "bounced"  # permanent, the address does not exist: suppressed
    CHANNEL = "channel"  # the provider does not answer: pause, the attempt is not counted
    DROPPED = "dropped"  # the connection broke: RETRY if it can be opened again, else CHANNEL


#: ``class.subject.detail`` of an enhanced status code in a reply's text.
ENHANCED_CODE = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
#: Enhanced codes of addresses that do not exist: bad mailbox, bad domain, bad syntax,
#: no mail accepted (null MX).
NO_SUCH_ADDRESS = {(1, 1), (1, 2), (1, 3), (1, 10)}
#: Without an enhanced code, the wording of a 550/551/553 "no such user".
NO_SUCH_USER_TEXT = re.compile(
    r"no such (user|mailbox|recipient)|user unknown|unknown (user|recipient)|"
    r"mailbox (does not exist|not found)|does not exist",
    re.IGNORECASE,
)
#: HTTP statuses of a provider's API that mean the channel, not the message, is at fault.
CHANNEL_HTTP_STATUSES = {401, 403, 408, 429}
#: Anymail's per-recipient statuses (``message.anymail_status.recipients``); "unknown"
#: is handed off: the provider took the call, so sending again could repeat it.
RECIPIENT_STATUSES = {
    "queued": Outcome.SENT,
    "sent": Outcome.SENT,
    "unknown": Outcome.SENT,
    "deferred": Outcome.RETRY,  # not one of Anymail's send statuses today; its event name
    "rejected": Outcome.FAILED,
    "failed": Outcome.FAILED,
    "invalid": Outcome.FAILED,
}


def smtp_reply(code: int, text: bytes | str) -> Outcome:
    """The outcome of one SMTP reply to a recipient or a transaction."""
    if 400 <= code < 500:
        return Outcome.RETRY
    if not 500 <= code < 600:
        return Outcome.RETRY  # not a refusal we understand: never give up on it at once
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    enhanced = ENHANCED_CODE.search(text)
    if enhanced:
        if enhanced.group(1) == "5" and (int(enhanced[2]), int(enhanced[3])) in NO_SUCH_ADDRESS:
            return Outcome.BOUNCED
        return Outcome.FAILED
    if code in (550, 551, 553) and NO_SUCH_USER_TEXT.search(text):
        return Outcome.BOUNCED
    return Outcome.FAILED


def classify(error: BaseException) -> tuple[Outcome, bool]:
    """``(outcome, reconnect)`` of an error raised by a hand-off.

    ``reconnect`` says the connection is closed and must be opened again before the
    next message (smtplib closes it after a 421).
    """
    outcome = _classify_anymail(error)
    if outcome is not None:
        return outcome, False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # One recipient per message: its reply decides (on a 421 smtplib has closed).
        replies = list(error.recipients.values()) or [(451, b"")]
        code = replies[0][0]
        if code == 421:
            return Outcome.RETRY, True
        outcomes = {smtp_reply(reply_code, reply_text) for reply_code, reply_text in replies}
        for outcome in (Outcome.RETRY, Outcome.FAILED, Outcome.BOUNCED):
            if outcome in outcomes:
                return outcome, False
    if isinstance(error, (smtplib.SMTPConnectError, smtplib.SMTPAuthenticationError)):
        return Outcome.CHANNEL, True
    if isinstance(error, (smtplib.SMTPSenderRefused, smtplib.SMTPDataError)):
        # A refused transaction: a 5.1.1 here is not about a recipient, so it never bounces.
        code = error.smtp_code
        if code == 421:
            return Outcome.RETRY, True
        outcome = smtp_reply(code, error.smtp_error)
        return (Outcome.RETRY if outcome == Outcome.RETRY else Outcome.FAILED), False
    if isinstance(error, (smtplib.SMTPServerDisconnected, smtplib.SMTPNotSupportedError, OSError)):
        # Refused, reset, timed out, TLS (ssl.SSLError is an OSError), name resolution.
        return Outcome.DROPPED, True
    if isinstance(error, smtplib.SMTPResponseException):
        return (Outcome.DROPPED if error.smtp_code == 421 else Outcome.RETRY), True
    return Outcome.RETRY, False


def _classify_anymail(error) -> Outcome | None:
    from anymail.exceptions import (
        AnymailAPIError,
        AnymailInvalidAddress,
        AnymailRecipientsRefused,
    )

    if isinstance(error, (AnymailRecipientsRefused, AnymailInvalidAddress)):
        return Outcome.FAILED
    if not isinstance(error, AnymailAPIError):
        return None
    status = error.status_code
    if status is None or status >= 500 or status in CHANNEL_HTTP_STATUSES:
        return Outcome.CHANNEL
    if 400 <= status < 500:
        return Outcome.FAILED
    return Outcome.RETRY


def recipient_status(status) -> Outcome:
    """The outcome of one of Anymail's per-recipient statuses (None or unknown: handed off)."""
    if status is None:
        return Outcome.SENT
    return RECIPIENT_STATUSES.get(status.status, Outcome.SENT)
