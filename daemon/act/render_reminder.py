"""A planned step, or the week's digest -> the reminder the user will get, and the message that
carries it. Pure."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo

from followup.act.extract import Facts
from followup.act.plan import PlannedReminder, already_thanked
from followup.act.render_draft import template_context
from followup.act.templates import Templates
from followup.config import AccountConfig, DigestTime
from followup.errors import MailParseError
from followup.mail.compose import build_message, deterministic_id, reply_subject
from followup.mail.parse import parse_mail, source_key
from followup.model import (
    AppendedDraft,
    Application,
    ApplicationChange,
    DraftToWrite,
    Mail,
    RecordedMessage,
    Reminder,
    ReminderToSchedule,
)
from followup.state.report import digest


def render_reminder(
    mail: Mail,
    facts: Facts,
    account: AccountConfig,
    templates: Templates,
    planned: PlannedReminder,
    draft: DraftToWrite | None = None,
) -> ReminderToSchedule:
    """The nudge for one planned step. *draft*: the draft the step puts in Drafts when it fires."""
    step = planned.step
    key = "\x1f".join((account.key, source_key(mail), step.kind))
    context = template_context(mail, facts, account) | {
        "draft_subject": draft.subject if draft else "",
        "draft_to": draft.to if draft else "",
        "feedback_excerpt": _excerpt(mail.text),
    }
    rendered = templates.render(f"reminder_{step.kind}", context)
    return ReminderToSchedule(
        key=key,
        kind=step.kind,
        due_at=planned.due,
        message_id=deterministic_id(account.email.rpartition("@")[2], "reminder", key),
        subject=rendered.subject or reply_subject(mail.subject),
        body=rendered.body,
        in_reply_to=mail.message_id,
        references=" ".join((*mail.references, mail.message_id)).strip(),
        draft_key=draft.key if draft else None,
        cancel_if_replied=step.cancel_if_replied,
        since=planned.since,
    )


EXCERPT_CHARS = 600


def _excerpt(text: str) -> str:
    """The start of the mail, quoted, for a reminder that refers to it (the feedback to act on)."""
    cut = text.strip()[:EXCERPT_CHARS]
    if len(text.strip()) > EXCERPT_CHARS:
        cut = cut.rsplit(" ", 1)[0] + " …"
    return "\n".join(f"> {line}".rstrip() for line in cut.splitlines())


def combined_reminder(account: AccountConfig, reminders: list[ReminderToSchedule]) -> ReminderToSchedule:
    """Reminders due within the same hour as one: a subject that counts them, and each one's
    subject and text in turn. Its Message-ID follows from theirs: the same group, the same mail."""
    keys = sorted(r.key for r in reminders)
    subjects = list(dict.fromkeys(r.subject for r in reminders))
    subject = f"{len(reminders)} reminders: " + "; ".join(subjects)
    sections = [f"{n}. {r.subject}\n\n{r.body.strip()}" for n, r in enumerate(reminders, 1)]
    first = reminders[0]
    return ReminderToSchedule(
        key="\x1f".join(keys),
        kind="combined",
        due_at=max(r.due_at for r in reminders),
        message_id=deterministic_id(account.email.rpartition("@")[2], "reminders", *keys),
        subject=subject if len(subject) <= 160 else subject[:157].rsplit(" ", 1)[0] + " …",
        body="\n\n".join(sections) + "\n",
        in_reply_to=first.in_reply_to,
        references=first.references,
    )


def thanked_in(replies: Iterable[bytes], since: datetime) -> str | None:
    """Why a step that is done by a reply (the thank-you) is done already: the first of the
    user's *replies* in the thread (from their Sent folder, as raw mail) that counts as it
    (see already_thanked), or None. A reply that cannot be parsed does not count."""
    for raw in replies:
        with contextlib.suppress(MailParseError):
            reason = already_thanked(parse_mail(raw), since)
            if reason:
                return reason
    return None


DIGEST_LATE_BY = timedelta(days=1)
"""A digest more than this late (the daemon was down at its time) is skipped, not sent late."""


def digest_slot(digest_time: DigestTime, now: datetime, zone: tzinfo) -> datetime | None:
    """The time of the latest digest due by *now*, or None when that is more than
    DIGEST_LATE_BY ago."""
    slot = digest_time.latest(now, zone)
    return None if now - slot > DIGEST_LATE_BY else slot


def digest_since(slot: datetime) -> datetime:
    """The start of the week the digest at *slot* looks back on."""
    return slot - timedelta(days=7)


def digest_key(account: AccountConfig, slot: datetime) -> str:
    """The outbox key of *account*'s digest at *slot*: one a week, planned once."""
    return f"{account.key}\x1fdigest\x1f{slot:%G-W%V}"


def digest_reminder(
    account: AccountConfig,
    slot: datetime,
    now: datetime,
    zone: tzinfo,
    events: Sequence[ApplicationChange],
    applications: Sequence[Application],
    drafts: Sequence[AppendedDraft],
    reminders: Sequence[Reminder],
    messages: Sequence[RecordedMessage],
) -> ReminderToSchedule:
    """*account*'s digest at *slot*, written at *now* from the ledger's rows: the events and
    drafts since digest_since(slot) (of any account), the account's applications, the
    reminders (of any account) and the account's messages."""
    week_ago = digest_since(slot)
    key = digest_key(account, slot)
    subject, body = digest(
        [e for e in events if e.account == account.key],
        applications,
        [d for d in drafts if d.account == account.key],
        [r for r in reminders if r.account == account.key and r.kind != "digest"],
        now,
        zone,
        [m for m in messages if m.category == "needs_review" and m.processed_at > week_ago],
    )
    message_id = deterministic_id(account.email.rpartition("@")[2], "digest", key)
    return ReminderToSchedule(key, "digest", slot, message_id, subject, body, "", "")


def reminder_message(account: AccountConfig, reminder: ReminderToSchedule, now: datetime) -> bytes:
    """The reminder as mail from the user to the user, threaded to the job mail."""
    own = f"{account.name} <{account.email}>" if account.name else account.email
    return build_message(
        sender=f"followup <{account.email}>",
        to=own,
        subject=reminder.subject,
        body=reminder.body,
        message_id=reminder.message_id,
        date=now,
        in_reply_to=reminder.in_reply_to,
        references=reminder.references,
        kind=f"reminder {reminder.kind}",
    ).as_bytes()
