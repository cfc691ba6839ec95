"""Building the messages followup writes: sanitised headers, deterministic IDs, a marker on reminders.

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

MARKER_HEADER = "x-followup"
"""The header on every reminder followup sends the user (never on a draft, see build_message), so
the classifier knows its own mail when a reminder comes back into the inbox."""

_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")
_RE_PREFIX = re.compile(r"^\s*(?:(?:re|aw|sv|vs|antw|réf|ref|rif|odp|r)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def safe_header(value: str) -> str:
    """One line, no control characters, bounded length."""
    return " ".join(_CONTROLS.sub(" ", value).split())[:998]


def reply_subject(subject: str) -> str:
    """'Re: ' once, however many Re:/AW:/SV: the original piled up."""
    return "Re: " + (_RE_PREFIX.sub("", safe_header(subject)) or "(no subject)")


def _check(digest: str) -> str:
    return hashlib.sha256(f"own-id\x1f{digest}".encode()).hexdigest()[:8]


def deterministic_id(domain: str, *parts: str) -> str:
    """The same Message-ID for the same parts, ever (a restart looks before it appends), and
    one that does not name the tool: a mail client may send a draft on with it. Its last
    eight hex digits check the first 24, which is how own_message_id knows it again."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]
    domain = re.sub(r"[^A-Za-z0-9.-]", "", safe_header(domain)) or "localhost.invalid"
    return f"<{digest}{_check(digest)}@{domain}>"


_OWN_ID = re.compile(r"<?([0-9a-f]{24})([0-9a-f]{8})@[^>]*>?")


def own_message_id(message_id: str) -> bool:
    """Whether *message_id* is one deterministic_id made (a draft or reminder of ours)."""
    match = _OWN_ID.fullmatch(message_id.strip())
    return match is not None and _check(match.group(1)) == match.group(2)


def recipient(name: str, addr: str) -> str:
    """A To header value from one addr-spec and, when there is one, a display name quoted as
    RFC 5322 wants: no name can add, hide or change an address."""
    from email.headerregistry import Address as HeaderAddress

    addr = safe_header(addr)
    if not _ADDR_SPEC.fullmatch(addr):
        return ""
    name = _BIDI.sub("", safe_header(name))
    local, _, domain = addr.rpartition("@")
    try:
        return str(HeaderAddress(display_name=name, username=local, domain=domain))
    except (ValueError, IndexError):
        return addr


_ADDR_SPEC = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)
# Direction marks and overrides: a right-to-left override in a name would display the address backwards.
_BIDI = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


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


_ID_LISTS = frozenset(("references", "in-reply-to", "message-id"))
_LONG_WORD = re.compile(r"\S{60,}")
_ID_MAX = 900  # a header line may hold 998 characters


class _Policy(EmailPolicy):
    """The SMTP policy, with no header value starting on the line after its name, and a
    non-ASCII Subject encoded whole (RFC 2047), spaces inside the encoded words: Python's
    folder dropped the space between two encoded words it put on separate lines
    ('Müller Größenwahn' came back as 'MüllerGrößenwahn')."""

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        # A word too long for a line is encoded by Python's folder too, with the space before it
        # kept on both lines ('Engineer  xxx…' once decoded): such a Subject is encoded whole.
        if name.lower() == "subject" and isinstance(value, str) and (not value.isascii() or _LONG_WORD.search(value)):
            return name, Header(value, "utf-8", header_name=name).encode(linesep=self.linesep)
        return super().header_store_parse(name, value)

    def fold(self, name: str, value: str) -> str:
        if name.lower() in _ID_LISTS:
            return self._id_list(name, value)
        return _first_word_on_header_line(super().fold(name, value), self.linesep)

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() in _ID_LISTS:
            return self._id_list(name, value).encode("ascii", "surrogateescape")
        folded = super().fold_binary(name, value).decode("ascii", "surrogateescape")
        return _first_word_on_header_line(folded, self.linesep).encode("ascii", "surrogateescape")

    def _id_list(self, name: str, value: str) -> str:
        """Message-IDs folded between IDs, never RFC 2047-encoded: Python's folder encodes an ID
        longer than a line, and a client can no longer thread the reply by it."""
        # Whole IDs only: a longer one (or one cut short by safe_header's bound) is none a server keeps.
        ids = [i for i in str(value).split() if len(i) <= _ID_MAX and i.startswith("<") and i.endswith(">")]
        lines = [f"{name}:"]
        for one in ids:  # as many as fit in a line of 78, each line starting with a space
            if len(lines[-1]) + 1 + len(one) > 78 and lines[-1] != f"{name}:":
                lines.append("")
            lines[-1] += " " + one
        return self.linesep.join(lines) + self.linesep


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
    marker: bool = True,
) -> EmailMessage:
    """*marker*: the X-Followup header, on reminders to the user only; never on a draft, whose
    headers a mail client may send on."""
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
    if marker:
        msg[MARKER_HEADER.title()] = safe_header(kind)  # "X-Followup"
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return msg
