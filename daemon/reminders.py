"""A planned step -> the reminder the user will get, and the message that carries it. Pure."""

from __future__ import annotations

from datetime import datetime

from followup.compose import build_message, deterministic_id, reply_subject
from followup.config import AccountConfig, ReminderStep
from followup.drafts import source_key, template_context
from followup.extract import Facts
from followup.model import Mail, ReminderToSchedule
from followup.templates import Templates


def render_reminder(
    mail: Mail, facts: Facts, account: AccountConfig, templates: Templates, step: ReminderStep, due: datetime
) -> ReminderToSchedule:
    key = "\x1f".join((account.key, source_key(mail), step.kind))
    rendered = templates.render(f"reminder_{step.kind}", template_context(mail, facts, account))
    return ReminderToSchedule(
        key=key,
        kind=step.kind,
        due_at=due,
        message_id=deterministic_id(account.email.rpartition("@")[2], "reminder", key),
        subject=rendered.subject or reply_subject(mail.subject),
        body=rendered.body,
        in_reply_to=mail.message_id,
        references=" ".join((*mail.references, mail.message_id)).strip(),
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
