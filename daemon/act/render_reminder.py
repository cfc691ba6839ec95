"""A planned step, or the week's digest -> the reminder the user will get, and the message that
carries it. Pure."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta, tzinfo

from followup.act.extract import Facts
from followup.act.plan import PlannedReminder, already_thanked
from followup.act.render_draft import format_when, template_context
from followup.act.templates import Templates
from followup.config import AccountConfig, DigestTime, ReminderHours
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
    if not _a_person(facts):
        context["contact_name"] = ""
    if facts.interview_at:  # reminders are written in English, whatever the mail's language
        context["interview_date"] = format_when(facts.interview_at, "en")
    rendered = templates.render(f"reminder_{step.kind}", context)
    return ReminderToSchedule(
        key=key,
        kind=step.kind,
        due_at=planned.due,
        message_id=deterministic_id(account.email.rpartition("@")[2], "reminder", key),
        subject=rendered.subject or reply_subject(mail.subject),
        body=signed(rendered.body),
        in_reply_to=mail.message_id,
        references=" ".join((*mail.references, mail.message_id)).strip(),
        draft_key=draft.key if draft else None,
        cancel_if_replied=step.cancel_if_replied,
        since=planned.since,
    )


SIGNATURE = "-- followup"


def signed(body: str) -> str:
    """*body* with the reminders' signature at its end, once."""
    return f"{unsigned(body)}\n\n{SIGNATURE}\n"


def unsigned(body: str) -> str:
    text = body.strip()
    return text.removesuffix(SIGNATURE).rstrip() if text.endswith(f"\n{SIGNATURE}") or text == SIGNATURE else text


def _folded(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _a_person(facts: Facts) -> bool:
    """Whether the contact may be named in a reminder: a name that is not the company's nor the
    platform's ("Connect with Indeed on LinkedIn" is what a company taken for a person gives)."""
    name = _folded(facts.contact.name) if facts.contact and facts.contact.name else ""
    others = [_folded(v) for v in (facts.company, facts.ats) if v]
    return bool(name) and not any(o and (o in name or name in o) for o in others)


def reminder_misfit(kind: str, facts: Facts) -> str | None:
    """Why a planned step does not fit what happened, or None when it does: it is then not
    scheduled (a reminder that tells the user to do what cannot be done is worse than none)."""
    situation = facts.situation
    if kind in ("thank_you", "thank_you_last_call") and situation.one_way:
        return "a one-way video or automated screen: nobody to thank"
    if kind == "linkedin" and not situation.interviewed and not _a_person(facts) and not facts.company:
        return "no interview, no person and no company known: nobody to connect with"
    return None


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
    # The same nudge for several mails (a catch-up of a week's rejections) is listed once.
    texts: dict[str, list[str]] = {}
    for r in sorted(reminders, key=lambda r: r.due_at):
        texts.setdefault(unsigned(r.body), []).append(r.subject)
    subjects = list(dict.fromkeys(s for same in texts.values() for s in same))
    subject = f"{len(reminders)} reminders: " + "; ".join(subjects)
    sections = [
        f"[{n}/{len(texts)}] {'; '.join(dict.fromkeys(same))}{f' (for {len(same)} mails)' if len(same) > 1 else ''}"
        f"\n\n{text}"
        for n, (text, same) in enumerate(texts.items(), 1)
    ]
    first = reminders[0]
    return ReminderToSchedule(
        key="\x1f".join(keys),
        kind="combined",
        due_at=max(r.due_at for r in reminders),
        message_id=deterministic_id(account.email.rpartition("@")[2], "reminders", *keys),
        subject=subject if len(subject) <= 160 else subject[:157].rsplit(" ", 1)[0] + " …",
        body=signed("\n\n".join(sections)),
        in_reply_to=first.in_reply_to,
        references=first.references,
    )


def held(now: datetime, later: Iterable[datetime], zone: tzinfo) -> bool:
    """Whether reminders due by *now* wait for one due *later* within the same clock hour (in
    *zone*): then they all come in one mail, when that one is due."""
    hour = now.astimezone(zone).strftime("%Y%m%d%H")
    return any(t > now and t.astimezone(zone).strftime("%Y%m%d%H") == hour for t in later)


def deliveries(
    reminders: Sequence[ReminderToSchedule], zone: tzinfo, hours: ReminderHours | None = None
) -> list[tuple[datetime, list[ReminderToSchedule]]]:
    """The mails that *reminders* (of one account) arrive in, and when, as the scheduler sends
    them: everything due at once in one mail, unless another falls due later in the same hour;
    nothing outside *hours*. For `followup preview --reminders`."""
    waiting = sorted(reminders, key=lambda r: r.due_at)
    mails: list[tuple[datetime, list[ReminderToSchedule]]] = []
    while waiting:
        now = waiting[0].due_at
        if hours is not None:
            now = hours.next_open(now, zone)
        while held(now, (r.due_at for r in waiting), zone):
            now = max(r.due_at for r in waiting if held(now, [r.due_at], zone))
        mails.append((now, [r for r in waiting if r.due_at <= now]))
        waiting = [r for r in waiting if r.due_at > now]
    return mails


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
