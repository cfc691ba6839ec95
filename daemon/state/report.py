"""The application ledger as text: `followup status` and the weekly digest. Pure: rows in, text out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple

from followup.classify.categories import WORDS
from followup.model import (
    IN_PROGRESS,
    AccountState,
    AppendedDraft,
    Application,
    ApplicationChange,
    MessageStatus,
    RecordedMessage,
    Reminder,
)


def _when(moment: datetime | None, zone: tzinfo, form: str = "%a %d %b %H:%M") -> str:
    return moment.astimezone(zone).strftime(form) if moment else "-"


def _name(row: Application | ApplicationChange) -> str:
    company = row.company or "(company not found)"
    return f"{company} – {row.role}" if row.role else company


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@dataclass
class Tally:
    """What a run found, for `followup once`'s summary line: mails, drafts and reminders planned,
    by category ("quarantined" for a mail that could not be handled)."""

    mails: Counter[str] = field(default_factory=Counter)
    drafts: Counter[str] = field(default_factory=Counter)
    reminders: Counter[str] = field(default_factory=Counter)

    def add(self, category: str, drafts: int, reminders: int) -> None:
        self.mails[category] += 1
        self.drafts[category] += drafts
        self.reminders[category] += reminders

    def summary(self, reminders_sent: int = 0) -> str:
        """One line, such as "3 new mails: 1 rejection (1 draft), 2 other", or "no new mail"."""
        total = sum(self.mails.values())
        parts = []
        for category, count in self.mails.most_common():
            planned = [
                _count(n, w) for n, w in ((self.drafts[category], "draft"), (self.reminders[category], "reminder")) if n
            ]
            parts.append(f"{count} {category.replace('_', ' ')}" + (f" ({', '.join(planned)})" if planned else ""))
        line = f"{_count(total, 'new mail')}: {', '.join(parts)}" if total else "no new mail"
        return line + (f"; {_count(reminders_sent, 'reminder')} sent" if reminders_sent else "")


def applications_table(rows: Sequence[Application], zone: tzinfo) -> str:
    if not rows:
        return "applications: none yet"
    lines = [f"applications ({len(rows)}):"]
    width = min(48, max(len(_name(r)) for r in rows))
    for row in rows:
        interview = f"  interview {_when(row.interview_at, zone)}" if row.interview_at else ""
        next_due = f"  next nudge {_when(row.next_due, zone)}" if row.next_due else ""
        lines.append(
            f"  {_name(row)[:width]:<{width}}  {row.status:12} since {_when(row.last_update, zone, '%d %b')}"
            f"{interview}{next_due}"
        )
    return "\n".join(lines)


def digest(
    events: Sequence[ApplicationChange],
    applications: Sequence[Application],
    drafts: Sequence[AppendedDraft],
    reminders: Sequence[Reminder],
    now: datetime,
    zone: tzinfo,
    review: Sequence[RecordedMessage] = (),
) -> tuple[str, str]:
    """(subject, body) of the weekly summary: what moved, interviews ahead, drafts waiting,
    what to do next. Written to keep the search going, whatever the week was like."""
    moved = sorted({_name(e) for e in events})
    ahead = [a for a in applications if a.interview_at and a.interview_at > now]
    week_ahead = now + timedelta(days=7)
    upcoming = [r for r in reminders if r.due_at <= week_ahead]
    subject = f"Your week in the job search: {len(moved)} application{'s' if len(moved) != 1 else ''} moved"
    lines = ["Here is your week, from followup.", ""]
    lines.append("What moved this week:")
    if events:
        for event in events:
            words = WORDS.get(event.category, event.category.replace("_", " "))
            lines.append(f"  - {_when(event.at, zone, '%a %d %b')}: {_name(event)}: {words}")
    else:
        lines.append("  - nothing new in your inbox; a quiet week is a good week to send two more applications.")
    lines += ["", "Interviews ahead:"]
    lines += [f"  - {_when(a.interview_at, zone)}: {_name(a)}" for a in ahead] or ["  - none scheduled yet"]
    lines += ["", "Drafts waiting for your review (in your Drafts folder):"]
    lines += [f"  - {d.subject}" + (f" (to {d.recipient})" if d.recipient else "") for d in drafts] or [
        "  - none: you are up to date"
    ]
    if review:
        lines += ["", "Mail followup could not decide (no draft, no reminder: have a look):"]
        lines += [f"  - {_when(m.processed_at, zone, '%a %d %b')}: {m.subject} (from {m.sender})" for m in review]
    lines += ["", "Next steps this week:"]
    lines += [f"  - {_when(r.due_at, zone, '%a %d %b')}: {r.subject}" for r in upcoming] or [
        "  - nothing scheduled: pick one company you admire and reach out to someone there."
    ]
    active = sum(1 for a in applications if a.status in IN_PROGRESS)
    lines += [
        "",
        f"You have {active} application{'s' if active != 1 else ''} in progress. Keep going: every",
        "application and every conversation is practice for the one that works out.",
        "",
        "-- followup",
    ]
    return subject, "\n".join(lines) + "\n"


SLOW_NOTICE_SECONDS = 20.0
"""New mail announced in IDLE later than this after it arrived: the server batches its notices."""
SUGGESTED_POLL_SECONDS = 30


def notice_lines(state: AccountState, account: str, idle: bool, poll_interval: float) -> list[str]:
    """How new mail reaches followup on this account (IDLE or the poll, and how late), and,
    when the server announces it late or not at all, what would make it prompt. Cyrus and
    Courier as Debian ships them tell of new mail in IDLE only about once a minute."""
    pushed, polled = state.idle_notices, state.poll_notices
    if not pushed and not polled:
        return []
    poll = f"{poll_interval:g} s"
    latest = f"the latest {state.notice_delay or 0:.0f} s after it arrived"
    if not idle:
        return [f"  new mail noticed by the poll every {poll} (idle = false): {polled}, {latest}"]
    lines = [f"  new mail noticed: {pushed} by IDLE, {polled} by the poll every {poll}; {latest}"]
    if state.notice_via == "poll":
        problem = "the server did not announce the latest new mail in IDLE: the poll found it"
    elif (state.notice_delay or 0) >= SLOW_NOTICE_SECONDS:
        problem = "the server announces new mail in IDLE late"
    else:
        return lines
    shorter = (
        f", or set poll_interval = {SUGGESTED_POLL_SECONDS} in [accounts.{account}.imap] to look more often"
        if poll_interval > SUGGESTED_POLL_SECONDS
        else ""
    )
    lines.append(
        f"  {problem}: Cyrus announces at once with its idled daemon (idled in the START section of "
        f"cyrus.conf), Courier with enhanced IDLE (IMAP_ENHANCEDIDLE=1, with FAM){shorter}"
    )
    return lines


class Watched(NamedTuple):
    """An account as `followup status` reports it: its key, and how it looks for new mail."""

    key: str
    idle: bool
    poll_interval: float


STATUS_LIST_MAX = 15
"""Reminders coming up, and mail needing review, that `followup status` lists (the rest are counted)."""


def status(
    accounts: Sequence[Watched],
    states: Sequence[AccountState],
    messages: Sequence[RecordedMessage],
    applications: Sequence[Application],
    recent_drafts: Sequence[AppendedDraft],
    waiting_drafts: int,
    upcoming: Sequence[Reminder],
    failed: Sequence[Reminder],
    zone: tzinfo,
) -> str:
    """What `followup status` prints: each account's connection, the messages processed, the
    applications, the drafts waiting for review and the reminders coming up."""
    by_account = {state.account: state for state in states}
    lines = []
    for account in accounts:
        state = by_account.get(account.key)
        if state is None:
            lines.append(f"{account.key}: never connected")
            continue
        lines += _account_lines(state, zone)
        lines += notice_lines(state, account.key, account.idle, account.poll_interval)
    lines += _message_lines(messages, zone)
    lines += ["", applications_table(applications, zone)]
    lines += ["", f"drafts in your Drafts folder for review (last 14 days): {len(recent_drafts)}"]
    for draft in recent_drafts:
        to = f" to {draft.recipient}" if draft.recipient else " (no recipient: see the note in it)"
        lines.append(f"  {_when(draft.appended_at, zone, '%a %d %b')}  {draft.subject}{to}")
    if waiting_drafts:
        lines.append(
            f"  ({waiting_drafts} more waiting: written when the daemon next connects, or when their step comes)"
        )
    lines += ["", "reminders coming up:"]
    lines += [
        f"  #{r.id:<5} {_when(r.due_at, zone, '%a %Y-%m-%d %H:%M')}  {r.subject}" for r in upcoming[:STATUS_LIST_MAX]
    ]
    lines += [f"  #{r.id:<5} failed: {r.subject}: {r.note}" for r in failed]
    if not upcoming:
        lines.append("  none")
    elif len(upcoming) > STATUS_LIST_MAX:
        lines.append(f"  ... and {len(upcoming) - STATUS_LIST_MAX} more (`followup reminders list`)")
    return "\n".join(lines)


def _account_lines(state: AccountState, zone: tzinfo) -> list[str]:
    if state.failed:
        how = "error since"
    elif state.connected:
        how = "connected since"
    elif state.last_error_at and state.last_error_at >= state.changed_at:
        how = "disconnected since"
    else:  # `followup once` logs out when it is done
        how = "logged out at"
    line = f"{state.account}: {how} {_when(state.changed_at, zone)}"
    if state.last_sync:
        line += f", last sync {_when(state.last_sync, zone, '%a %d %b %H:%M:%S')}"
    if state.last_uid:
        line += f", last UID {state.last_uid}"
    lines = [line]
    if state.last_error:
        lines.append(f"  last error ({_when(state.last_error_at or state.changed_at, zone)}): {state.last_error}")
    return lines


def _message_lines(messages: Sequence[RecordedMessage], zone: tzinfo) -> list[str]:
    counts = Counter(m.category or MessageStatus.QUARANTINED for m in messages)
    lines = [f"messages processed: {len(messages)}"]
    lines += [f"  {category:24} {count}" for category, count in counts.most_common()]
    lines += [
        f"quarantined: {m.account}/{m.folder} uid {m.uid}: {m.error}"
        for m in messages
        if m.status == MessageStatus.QUARANTINED
    ]
    review = [m for m in messages if m.category == "needs_review"]
    if review:
        lines += [
            "",
            f"needs your review (too close to call: no draft, no reminder; `followup learn` teaches it): {len(review)}",
        ]
        lines += [
            f"  {_when(m.processed_at, zone, '%a %d %b')}  {m.account}/{m.folder} uid {m.uid}  {m.subject}  ({m.sender})"
            for m in review[-STATUS_LIST_MAX:]
        ]
    return lines
