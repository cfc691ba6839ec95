"""Values shared by the stages: a parsed mail, a decision, what to write and send."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple


@dataclass(frozen=True)
class Address:
    name: str
    addr: str

    def __str__(self) -> str:
        return f"{self.name} <{self.addr}>" if self.name else self.addr


@dataclass(frozen=True)
class Attachment:
    content_type: str
    filename: str


@dataclass(frozen=True)
class Mail:
    """One incoming message, decoded once at the edge. Nothing downstream sees raw MIME."""

    message_id: str
    subject: str
    sender: Address | None
    reply_to: tuple[Address, ...]
    date: datetime | None
    references: tuple[str, ...]
    headers: dict[str, str] = field(hash=False, compare=False)
    """Lower-cased header name -> decoded value (repeated headers joined by newline)."""
    text: str = ""
    """Body text: the first text part, HTML turned to text, quoted history and footer removed."""
    history: str = ""
    """The quoted history cut from the text: the lines quoted with '>' and what follows a reply or
    forward separator ('On … wrote:'), as the mail has it."""
    footer: str = ""
    """The legal or unsubscribe block cut from the end of the body."""
    calendar: str = ""
    """The text of an attached text/calendar invitation, if any."""
    links: tuple[str, ...] = ()
    """URLs in the body: written out in the text, or the targets of HTML links."""
    html_only: bool = False
    attachments: tuple[Attachment, ...] = ()
    truncated: bool = False
    defects: tuple[str, ...] = ()

    def envelope(self) -> Envelope:
        return Envelope(self.subject, str(self.sender) if self.sender else None, self.date, self.references)


class Envelope(NamedTuple):
    """What the ledger keeps of a mail once it is classified. A tuple, not a Mail: the batch
    worker sends one back per message, and a tuple pickles at a fraction of the cost."""

    subject: str
    sender: str | None
    """As "Name <addr>"."""
    date: datetime | None
    references: tuple[str, ...]


@dataclass(frozen=True)
class Evidence:
    """Why a condition held: which field, which phrase or pattern, and the text it matched."""

    field: str
    pattern: str
    matched: str
    at: int = -1
    """Offset of the match in the (normalised) field, when it has one."""

    def __str__(self) -> str:
        where = f"{self.field}@{self.at}" if self.at >= 0 else self.field
        return f"{where} matched {self.pattern}: {self.matched!r}"


@dataclass(frozen=True)
class Decision:
    """What a message is, which rule said so, and the evidence. Printable, storable."""

    category: str
    rule: str | None
    """The rule that decided outright, or the weighted rule that added most to the winner."""
    evidence: tuple[Evidence, ...] = ()
    score: float | None = None
    """Weighed decisions: the winner's summed evidence."""
    margin: float | None = None
    """Weighed decisions: its lead over the runner-up."""

    def explain(self) -> str:
        if self.rule is None:
            return f"{self.category} (no rule matched)"
        lines = [f"{self.category} by rule {self.rule!r}"]
        lines += [f"  - {e}" for e in self.evidence]
        return "\n".join(lines)


@dataclass(frozen=True)
class Source:
    """Where a message lives. UIDs are meaningful only with their UIDVALIDITY."""

    account: str
    folder: str
    uidvalidity: int
    uid: int

    def __str__(self) -> str:
        return f"{self.account}/{self.folder}/{self.uidvalidity}:{self.uid}"


@dataclass(frozen=True)
class ApplicationEvent:
    """What a mail says about an application: which one (company, role), and when the
    interview is if it says so. The ledger attaches it by thread first, then by name."""

    company: str
    role: str
    interview_at: datetime | None = None
    status: str | None = None
    """The application's status after this mail (followup.classify.categories); None leaves it."""
    stops: tuple[str, ...] | None = ()
    """The kinds of the nudges planned for the application's earlier mail that it drops (None: all)."""


@dataclass(frozen=True)
class DraftToWrite:
    key: str
    """Ledger key: account, source message and template. One draft per key, ever."""
    template: str
    message_id: str
    to: str
    subject: str
    raw: bytes
    not_before: datetime | None = None
    """A draft that belongs to a later step (the thank-you note after the interview): appended then."""


@dataclass(frozen=True)
class ReminderToSchedule:
    key: str
    """Ledger key: account, source message and reminder kind. One reminder per key, ever."""
    kind: str
    due_at: datetime
    message_id: str
    subject: str
    body: str
    in_reply_to: str
    references: str
    draft_key: str | None = None
    """The draft this step puts in Drafts when it fires, if any."""
    cancel_if_replied: bool = False
    since: datetime | None = None
    """Replies the user sent after this time count as having done the step."""


@dataclass(frozen=True)
class Processed:
    """One message's outcome, ready to record: what the pure pipeline hands the ledger."""

    source: Source
    source_key: str
    envelope: Envelope | None
    decision: Decision | None
    actions: Sequence[str]
    drafts: Sequence[DraftToWrite]
    reminders: Sequence[ReminderToSchedule]
    error: str | None = None
    application: ApplicationEvent | None = None


class MessageStatus(StrEnum):
    """What became of a message the ledger recorded."""

    DONE = "done"
    QUARANTINED = "quarantined"
    """It could not be handled (unparseable, or a bug): recorded with the error, never retried."""


class DraftStatus(StrEnum):
    """A draft's way into the Drafts folder."""

    PENDING = "pending"
    """Written in the ledger; appended when the daemon next connects (or when its step comes)."""
    APPENDING = "appending"
    """The APPEND was started: after a crash, the folder is looked at before appending again."""
    APPENDED = "appended"
    CANCELLED = "cancelled"


class ReminderStatus(StrEnum):
    """A reminder's way through the outbox."""

    PENDING = "pending"
    SENDING = "sending"
    """Claimed right before delivery: after a crash, INBOX is looked at before sending again."""
    SENT = "sent"
    CANCELLED = "cancelled"
    FAILED = "failed"
    """Given up on after repeated failed deliveries."""


UNSENT = (ReminderStatus.PENDING, ReminderStatus.SENDING)
"""The reminders still to deliver."""


class ApplicationStatus(StrEnum):
    """Where an application stands: the built-in statuses (followup.classify.categories says which mail
    moves it where). A user's config may name more for its own categories ("referred")."""

    CONTACTED = "contacted"
    APPLIED = "applied"
    ASSESSMENT = "assessment"
    INTERVIEWING = "interviewing"
    REJECTED = "rejected"
    OFFER = "offer"
    WITHDRAWN = "withdrawn"


IN_PROGRESS = frozenset(
    {
        ApplicationStatus.CONTACTED,
        ApplicationStatus.APPLIED,
        ApplicationStatus.ASSESSMENT,
        ApplicationStatus.INTERVIEWING,
    }
)
"""The applications still under way."""


# What the ledger answers (followup.state.ledger): typed rows for the report, the CLI and the scheduler.


@dataclass(frozen=True)
class RecordedMessage:
    """A message as the ledger recorded it: what it was, what was done, or why it could not be handled."""

    account: str
    folder: str
    uidvalidity: int
    uid: int
    source_key: str | None
    subject: str | None
    sender: str | None
    category: str | None
    """None for a quarantined message."""
    rule: str | None
    actions: str
    """Comma-separated, such as "draft:invitation_reply, remind:thank_you@2026-11-24T09:00+00:00 (no draft:
    thank_you_note: the interview's time is unknown ...)" (space-separated before 0.2)."""
    status: MessageStatus
    error: str | None
    processed_at: datetime


@dataclass(frozen=True)
class AccountState:
    """What `followup status` shows about an account: its connection, last sync and how new mail is noticed."""

    account: str
    connected: bool
    failed: bool
    """The account's loop failed (a bug, not the network): an error until it syncs again."""
    changed_at: datetime
    last_sync: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    idle_notices: int
    poll_notices: int
    notice_via: str | None
    notice_delay: float | None
    last_uid: int | None
    """The highest UID seen in any of the account's folders."""


@dataclass(frozen=True)
class Application:
    """One application in the ledger, with its next interview and its next nudge."""

    id: int
    account: str
    company: str
    role: str
    status: str
    """An ApplicationStatus, or a status the user's config gives a category of its own."""
    first_seen: datetime
    last_update: datetime
    interview_at: datetime | None
    next_due: datetime | None


@dataclass(frozen=True)
class ApplicationChange:
    """A mail that moved an application: the application, and what the mail said when."""

    account: str
    company: str
    role: str
    status: str
    category: str
    at: datetime
    subject: str | None
    interview_at: datetime | None


@dataclass(frozen=True)
class AppendedDraft:
    """A draft put in the Drafts folder, waiting for the user's review."""

    account: str
    template: str
    recipient: str | None
    subject: str | None
    appended_at: datetime


@dataclass(frozen=True)
class Reminder:
    """A reminder in the outbox, as `followup reminders` and the report show it."""

    id: int
    account: str
    source_key: str
    kind: str
    due_at: datetime
    status: ReminderStatus
    subject: str
    note: str | None
    sent_at: datetime | None
    draft_key: str | None


# An application's identity: the ledger matches mail to applications by these keys.
_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is what str.isalnum() accepts, and '_'


def application_key(text: str) -> str:
    """A company's or role's name folded as applications are matched: case, spaces and
    punctuation do not count."""
    return _NOT_ALNUM.sub("", text.casefold())


def keys_of(company: str, role: str) -> tuple[str, str]:
    """(company_key, role_key): the names folded as the ledger matches them."""
    return application_key(company), application_key(role)


def among(keys: Collection[tuple[str, str]], company: str, role: str) -> bool:
    """Whether the application of (*company*, *role*) is one of *keys* ((company_key, role_key)
    pairs, as Ledger.interviewed gives them), matched as attach() matches: the same company, and
    the same role unless one of the two names none."""
    company_key, role_key = keys_of(company, role)
    return bool(company_key) and any(c == company_key and (r == role_key or not r or not role_key) for c, r in keys)
