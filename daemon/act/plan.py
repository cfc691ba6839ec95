"""Decision -> what to do: which drafts to write, which reminders to schedule, and when. Pure.

Offsets of whole days count in the user's wall-clock time ("a day later at the same time",
even across a daylight-saving change); shorter ones count elapsed time. The plan's vocabulary
lives here too: a category's drafts and reminder steps, and the defaults; config.py reads the
user's [plan] tables into it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol

from followup.classify.phrases import PhraseMatcher, normalize
from followup.mail.compose import own_message_id
from followup.model import Mail

ANCHORS = ("received", "interview_start", "interview_end")


@dataclass(frozen=True)
class ReminderStep:
    """One nudge of a plan: *after* the anchor (when the mail arrived, or when the interview
    starts / ends if the mail says), else *otherwise* after arrival (no step when None)."""

    kind: str
    after: timedelta
    anchor: str = "received"
    otherwise: timedelta | None = None
    draft: str | None = None
    """A draft template put in Drafts when the step fires (the thank-you note, the check-in)."""
    cancel_if_replied: bool = False
    """Dropped when the user has already written it: a thank-you in Sent, in the thread."""


@dataclass(frozen=True)
class CategoryPlan:
    drafts: tuple[str, ...] = ()
    reminders: tuple[ReminderStep, ...] = ()


THANK_YOU_STEPS = (
    # Shortly after the interview ends, with the thank-you draft ready; a day after the mail
    # when it did not say when the interview is; a last call before the 24-hour mark.
    ReminderStep(
        "thank_you",
        timedelta(hours=1),
        "interview_end",
        otherwise=timedelta(days=1),
        draft="thank_you_note",
        cancel_if_replied=True,
    ),
    ReminderStep("thank_you_last_call", timedelta(hours=20), "interview_end", cancel_if_replied=True),
)

DEFAULT_PLAN: dict[str, CategoryPlan] = {
    "interview_invitation": CategoryPlan(
        drafts=("invitation_reply",),
        reminders=THANK_YOU_STEPS,
    ),
    # A new time for the interview: the thank-you nudges move with it (the old ones are dropped).
    "interview_rescheduled": CategoryPlan(reminders=THANK_YOU_STEPS),
    "feedback_received": CategoryPlan(
        drafts=("feedback_thanks",),
        reminders=(ReminderStep("update_resume", timedelta(days=1)),),
    ),
    "rejection": CategoryPlan(
        drafts=("rejection_thanks",),
        reminders=(
            ReminderStep("reflect", timedelta(hours=2)),
            ReminderStep("talent_network", timedelta(days=1)),
            ReminderStep("linkedin", timedelta(days=3)),
            ReminderStep("practice", timedelta(weeks=1)),
            ReminderStep("stay_in_touch", timedelta(weeks=6), draft="check_in"),
        ),
    ),
}


DEFAULT_INTERVIEW_LENGTH = timedelta(hours=1)
"""When a mail gives the start of an interview but not its end."""


@dataclass(frozen=True)
class PlannedReminder:
    step: ReminderStep
    due: datetime
    since: datetime
    """The step's anchor: replies the user sent after it count as having done the step."""


@dataclass(frozen=True)
class Plan:
    drafts: tuple[str, ...]
    reminders: tuple[PlannedReminder, ...]

    def describe(self, unwritten: Mapping[int, str] | None = None) -> list[str]:
        """One word per action, as the ledger and the log keep them. *unwritten*: the reminders
        (by index) whose later draft was not written, and why: the reminder alone comes."""
        unwritten = unwritten or {}
        words = [f"draft:{name}" for name in self.drafts]
        for index, reminder in enumerate(self.reminders):
            word, draft = (
                f"remind:{reminder.step.kind}@{reminder.due.isoformat(timespec='minutes')}",
                reminder.step.draft,
            )
            if draft and index in unwritten:
                word += f" (no draft:{draft}: {unwritten[index]})"
            elif draft:
                word += f"+draft:{draft}"
            words.append(word)
        return words


def later(start: datetime, offset: timedelta, zone: tzinfo) -> datetime:
    """*start* + *offset*: whole days on the wall clock of *zone*, anything else in elapsed time."""
    if offset and offset % timedelta(days=1) == timedelta(0):
        return start.astimezone(zone) + offset  # aware arithmetic in one zone is wall-clock arithmetic
    return (start.astimezone(UTC) + offset).astimezone(zone)  # in UTC it is elapsed time


class Hours(Protocol):
    """When reminders may arrive (config.ReminderHours)."""

    def next_open(self, now: datetime, zone: tzinfo) -> datetime: ...


def plan_for(
    category_plan: CategoryPlan,
    received: datetime,
    zone: tzinfo,
    interview_start: datetime | None = None,
    interview_end: datetime | None = None,
    hours: Hours | None = None,
) -> Plan:
    """The drafts and dated reminders of a category's plan for a mail that arrived at
    *received*, with the interview times extraction found (if any). A reminder due outside
    *hours* (reminder_hours) is due at their next start."""
    if interview_start is not None and interview_end is None:
        interview_end = interview_start + DEFAULT_INTERVIEW_LENGTH
    anchors = {"received": received, "interview_start": interview_start, "interview_end": interview_end}
    reminders = []
    for step in category_plan.reminders:
        anchor = anchors[step.anchor]
        if anchor is not None:
            due, since = later(anchor, step.after, zone), anchor
        elif step.otherwise is not None:
            due, since = later(received, step.otherwise, zone), received
        else:
            continue
        reminders.append(PlannedReminder(step, hours.next_open(due, zone) if hours else due, since))
    return Plan(category_plan.drafts, tuple(reminders))


# What a thank-you note says, in the four languages of the packs. A reply in the thread that
# says none of this (confirming the time, say) does not count as the thank-you.
_THANKS = PhraseMatcher(
    (phrase, True)
    for phrase in (
        "thank you for taking the time", "thank you for your time", "thanks for your time", "thank you for the interview",
        "thanks for the interview", "thank you for interviewing me", "thank you for the opportunity",
        "thank you for speaking with me", "thanks for speaking with me", "thank you for meeting with me",
        "thank you for the conversation", "thanks for the chat", "thank you for the chat", "great speaking with you",
        "great to speak with you", "enjoyed speaking with you", "enjoyed our conversation", "enjoyed meeting you",
        "vielen dank für das gespräch", "danke für das gespräch", "vielen dank für ihre zeit", "danke für ihre zeit",
        "vielen dank für das angenehme gespräch", "merci pour l'entretien", "merci pour notre entretien",
        "merci pour votre temps", "merci pour notre échange", "merci pour cet échange", "gracias por la entrevista",
        "gracias por su tiempo", "gracias por tu tiempo", "gracias por la conversación",
    )
)  # fmt: skip


def already_thanked(sent: Mail, since: datetime) -> str | None:
    """Why a message from the user's Sent folder counts as the thank-you already sent, or None:
    it was written after *since* (the interview) and says thank you, or it is followup's draft."""
    if sent.date is not None and sent.date < since:
        return None
    when = f" on {sent.date:%a %d %b %H:%M}" if sent.date else ""
    if "x-followup" in sent.headers or own_message_id(sent.message_id):
        return f"you sent the drafted note{when}"
    hit = _THANKS.find(normalize(f"{sent.subject}\n{sent.text}")).get(True)
    return f"you already wrote{when}: '{hit.phrase}'" if hit else None
