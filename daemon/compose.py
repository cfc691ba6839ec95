"""Building the messages followup writes: sanitised headers, a marker, deterministic IDs.

Every value that came from incoming mail passes through ``safe_header`` before it becomes a
header: Python's email package lets an encoded newline in a Subject become a real header
line (the CVE-2024-6923 class), so CR, LF and other controls are flattened to spaces.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from followup.classify import MARKER_HEADER

_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")
_RE_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|vs|antw|réf|ref|rif|odp|r)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def safe_header(value: str) -> str:
    """One line, no control characters, bounded length."""
    return " ".join(_CONTROLS.sub(" ", value).split())[:998]


def reply_subject(subject: str) -> str:
    """'Re: ' once, however many Re:/AW:/SV: the original piled up."""
    return "Re: " + (_RE_PREFIX.sub("", safe_header(subject)) or "(no subject)")


def deterministic_id(domain: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"<followup.{digest}@{safe_header(domain) or 'followup.invalid'}>"


def build_message(
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    message_id: str,
    date: datetime,
    in_reply_to: str = "",
    references: str = "",
    kind: str,
) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = safe_header(sender)
    if to:
        msg["To"] = safe_header(to)
    msg["Subject"] = safe_header(subject)
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = safe_header(message_id)
    if in_reply_to:
        msg["In-Reply-To"] = safe_header(in_reply_to)
    if references:
        msg["References"] = safe_header(references)
    msg[MARKER_HEADER.title()] = safe_header(kind)  # "X-Followup"
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return msg
