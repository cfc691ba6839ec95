"""A planned step -> the reminder the user will get, and the message that carries it. Pure."""

from __future__ import annotations

from datetime import datetime

from followup.compose import build_message, deterministic_id, reply_subject
from followup.config import AccountConfig
from followup.drafts import template_context
from followup.extract import Facts
from followup.message import source_key
from followup.model import DraftToWrite, Mail, ReminderToSchedule
from followup.plan import PlannedReminder
from followup.templates import Templates


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
