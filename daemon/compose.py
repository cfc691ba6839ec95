"""Building the messages followup writes: sanitised headers, a marker, deterministic IDs.

Every value that came from incoming mail passes through ``safe_header`` before it becomes a
header: Python's email package lets an encoded newline in a Subject become a real header
line (the CVE-2024-6923 class), so CR, LF and other controls are flattened to spaces.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from email.header import Header
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime
from typing import Any

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


def _first_word_on_header_line(folded: str, linesep: str) -> str:
    """'Subject:' CRLF ' Re: Your application…' -> 'Subject: Re:' CRLF ' Your application…'.

    Python's folder moves a whole value to the next line when it fits there but not beside
    the name (it does so when the value holds a special such as '[', '(' or '"'). Valid, but
    some clients then show the value with a leading space: the first word goes back beside
    the name, and the line breaks after it."""
    head, _, rest = folded.partition(linesep)
    name, colon, value = head.partition(":")
    if value.strip() or rest[:1] not in (" ", "\t"):
        return folded
    first, more, after = rest.partition(linesep)
    word, _, remainder = first.lstrip(" \t").partition(" ")
    if not remainder.strip():  # one word on that line: it moves up whole
        return f"{name}{colon} {word}{more}{after}"
    return f"{name}{colon} {word}{linesep} {remainder}{more}{after}"


class _Policy(EmailPolicy):
    """The SMTP policy, with no header value starting on the line after its name, and a
    non-ASCII Subject encoded whole (RFC 2047), spaces inside the encoded words: Python's
    folder dropped the space between two encoded words it put on separate lines
    ('Müller Größenwahn' came back as 'MüllerGrößenwahn')."""

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        if name.lower() == "subject" and isinstance(value, str) and not value.isascii():
            return name, Header(value, "utf-8", header_name=name).encode(linesep=self.linesep)
        return super().header_store_parse(name, value)

    def fold(self, name: str, value: str) -> str:
        return _first_word_on_header_line(super().fold(name, value), self.linesep)

    def fold_binary(self, name: str, value: str) -> bytes:
        folded = super().fold_binary(name, value).decode("ascii", "surrogateescape")
        return _first_word_on_header_line(folded, self.linesep).encode("ascii", "surrogateescape")


POLICY = _Policy(linesep="\r\n")
"""email.policy.SMTP with every header's value beginning on the header's own line."""


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
    msg = EmailMessage(policy=POLICY)
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
