"""The follow-up plan, pure: default steps, anchors, daylight saving, the thank-you check,
the step syntax in the config, and the weekly digest's time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from followup.act.plan import DEFAULT_PLAN, already_thanked, later, plan_for
from followup.config import ConfigError, parse_config, parse_digest
from followup.mail.parse import parse_mail
from followup.model import (
    AppendedDraft,
    ApplicationChange,
    MessageStatus,
    RecordedMessage,
    Reminder,
    ReminderStatus,
)

BERLIN = ZoneInfo("Europe/Berlin")
RECEIVED = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


def test_the_thank_you_comes_an_hour_after_the_interview_with_its_draft_and_a_last_call() -> None:
    start = datetime(2026, 12, 1, 14, 0, tzinfo=BERLIN)
    plan = plan_for(DEFAULT_PLAN["interview_invitation"], RECEIVED, BERLIN, start)
    assert plan.drafts == ("invitation_reply",)
    thank_you, last_call = plan.reminders
    assert (thank_you.step.kind, thank_you.due, thank_you.step.draft) == (
        "thank_you",
        datetime(2026, 12, 1, 16, 0, tzinfo=BERLIN),  # the interview ends at 15:00 (an hour by default)
        "thank_you_note",
    )
    assert thank_you.since == datetime(2026, 12, 1, 15, 0, tzinfo=BERLIN) and thank_you.step.cancel_if_replied
    assert last_call.step.kind == "thank_you_last_call"
    assert last_call.due == datetime(2026, 12, 2, 11, 0, tzinfo=BERLIN)  # before the 24-hour mark


def test_without_an_interview_time_the_thank_you_comes_a_day_after_the_invitation() -> None:
    plan = plan_for(DEFAULT_PLAN["interview_invitation"], RECEIVED, BERLIN)
    (thank_you,) = plan.reminders  # no last call: there is no 24-hour mark to count to
    assert thank_you.due == RECEIVED + timedelta(days=1) and thank_you.step.draft == "thank_you_note"


def test_the_rejection_plan_follows_the_practice() -> None:
    plan = plan_for(DEFAULT_PLAN["rejection"], RECEIVED, BERLIN)
    assert plan.drafts == ("rejection_thanks",)
    steps = [(r.step.kind, r.due - RECEIVED, r.step.draft) for r in plan.reminders]
    assert steps == [
        ("reflect", timedelta(hours=2), None),
        ("talent_network", timedelta(days=1), None),
        ("linkedin", timedelta(days=3), None),
        ("practice", timedelta(weeks=1), None),
        ("stay_in_touch", timedelta(weeks=6), "check_in"),
    ]
    (update,) = plan_for(DEFAULT_PLAN["feedback_received"], RECEIVED, BERLIN).reminders
    assert update.step.kind == "update_resume" and update.due - RECEIVED == timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # Spring forward (29 March 2026): a day later is 09:00 again, 23 hours of elapsed time.
        (datetime(2026, 3, 28, 9, 0, tzinfo=BERLIN), timedelta(days=1), datetime(2026, 3, 29, 9, 0, tzinfo=BERLIN)),
        # Fall back (25 October 2026): 09:00 again, 25 hours later.
        (datetime(2026, 10, 24, 9, 0, tzinfo=BERLIN), timedelta(days=1), datetime(2026, 10, 25, 9, 0, tzinfo=BERLIN)),
        # A week over the change, from a UTC timestamp: the user's wall clock decides.
        (datetime(2026, 3, 25, 8, 0, tzinfo=UTC), timedelta(weeks=1), datetime(2026, 4, 1, 9, 0, tzinfo=BERLIN)),
        # Hours are elapsed time: 2 h after 01:30 on the spring-forward night is 04:30 local.
        (datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN), timedelta(hours=2), datetime(2026, 3, 29, 4, 30, tzinfo=BERLIN)),
    ],
)
def test_day_offsets_keep_the_wall_clock_across_daylight_saving(
    start: datetime, offset: timedelta, expected: datetime
) -> None:
    due = later(start, offset, BERLIN)
    assert due == expected and due.utcoffset() == expected.utcoffset()


def _sent(body: str, date: str = "Tue, 01 Dec 2026 15:30:00 +0100", extra: str = "") -> bytes:
    return (
        f"From: Sam <sam@example.org>\r\nTo: hr@corp.example\r\nSubject: Re: Interview\r\nDate: {date}\r\n{extra}\r\n{body}\r\n"
    ).encode()


def test_a_thank_you_in_sent_after_the_interview_counts_and_a_confirmation_does_not() -> None:
    since = datetime(2026, 12, 1, 15, 0, tzinfo=BERLIN)
    thanks = parse_mail(_sent("Hi Elena, thank you for taking the time to speak with me today!"))
    assert "thank you for taking the time" in (already_thanked(thanks, since) or "")
    assert already_thanked(parse_mail(_sent("Vielen Dank für das angenehme Gespräch heute.")), since)
    confirmation = parse_mail(_sent("Tuesday at 2pm works for me, see you then.", "Mon, 30 Nov 2026 10:00:00 +0100"))
    assert already_thanked(confirmation, since) is None
    early_thanks = parse_mail(_sent("Thank you for the opportunity!", "Mon, 30 Nov 2026 10:00:00 +0100"))
    assert already_thanked(early_thanks, since) is None  # sent before the interview: not the thank-you
    sent_draft = parse_mail(_sent("Dear Elena, ...", extra="X-Followup: draft thank_you_note\r\n"))
    assert "drafted note" in (already_thanked(sent_draft, since) or "")


def test_the_first_reply_in_sent_that_says_thank_you_is_the_reason_to_drop_the_nudge() -> None:
    from followup.act.render_reminder import thanked_in

    since = datetime(2026, 12, 1, 15, 0, tzinfo=BERLIN)
    confirmation = _sent("Tuesday at 2pm works for me, see you then.")
    thanks = _sent("Thank you for the opportunity to meet the team!")
    assert thanked_in([], since) is None
    assert thanked_in([confirmation], since) is None
    assert "thank you for the opportunity" in (thanked_in([confirmation, thanks], since) or "")


MINIMAL = """
timezone = "Europe/Berlin"
digest = "{digest}"
[accounts.me]
email = "me@example.org"
[accounts.me.imap]
host = "imap.example.org"
username = "me"
password_env = "X"
[plan.interview_invitation]
drafts = ["invitation_reply"]
reminders = [ {step} ]
"""


def test_steps_in_the_config_take_anchor_fallback_draft_and_cancellation() -> None:
    step = '{ kind = "thank_you", after = "2h", from = "interview_end", otherwise = "1d", draft = "thank_you_note", cancel_if_replied = true }'
    config = parse_config(MINIMAL.format(digest="friday 17:30", step=step))
    (parsed,) = config.plan["interview_invitation"].reminders
    assert (parsed.anchor, parsed.after, parsed.otherwise, parsed.draft, parsed.cancel_if_replied) == (
        "interview_end",
        timedelta(hours=2),
        timedelta(days=1),
        "thank_you_note",
        True,
    )
    assert config.digest is not None and (config.digest.weekday, str(config.digest.at)) == (4, "17:30:00")


@pytest.mark.parametrize(
    ("digest_value", "step", "fragment"),
    [
        ("off", '{ kind = "x", after = "1d", from = "lunch" }', "'from' must be one of"),
        ("off", '{ kind = "x", after = "1d", when = "soon" }', "unknown key(s) ['when']"),
        ("off", '{ kind = "x", after = "1 day" }', "is not a duration"),
        ("someday", '{ kind = "x", after = "1d" }', "expected a weekday and a time"),
    ],
)
def test_bad_steps_and_digest_times_are_located_errors(digest_value: str, step: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(MINIMAL.format(digest=digest_value, step=step))
    assert fragment in str(caught.value)


def test_the_digest_time_is_the_latest_slot_in_the_users_zone() -> None:
    monday = parse_digest("monday 09:00")
    assert monday is not None
    assert monday.latest(datetime(2026, 11, 23, 8, 30, tzinfo=UTC), BERLIN) == datetime(
        2026, 11, 23, 9, 0, tzinfo=BERLIN
    )
    assert monday.latest(datetime(2026, 11, 23, 7, 59, tzinfo=UTC), BERLIN) == datetime(
        2026, 11, 16, 9, 0, tzinfo=BERLIN
    )


def test_the_digest_is_planned_once_a_week_for_each_account_from_its_own_rows() -> None:
    from followup.act.render_reminder import digest_key, digest_reminder, digest_slot

    monday = parse_digest("monday 09:00")
    assert monday is not None
    slot = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    assert digest_slot(monday, datetime(2026, 11, 24, 7, 59, tzinfo=UTC), BERLIN) == slot
    assert digest_slot(monday, datetime(2026, 11, 24, 8, 1, tzinfo=UTC), BERLIN) is None  # a day late: skipped
    account = parse_config(MINIMAL.format(digest="monday 09:00", step="")).accounts[0]
    assert (
        digest_key(account, slot)
        == digest_key(account, slot + timedelta(days=3))
        != digest_key(account, slot + timedelta(days=7))
    )
    now = slot + timedelta(minutes=1)
    ours, theirs = account.key, "other"
    at = datetime(2026, 11, 19, 10, 0, tzinfo=UTC)
    event = ApplicationChange(ours, "Globex", "", "rejected", "rejection", at, None, None)
    draft = AppendedDraft(ours, "rejection_reply", "hr@globex.example", "Re: Globex", at)
    due = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    thank = Reminder(1, ours, "<s@x>", "thank_you", due, ReminderStatus.PENDING, "Thank Jo", None, None, None)
    review = RecordedMessage(
        ours, "INBOX", 1, 1, "<r@x>", "Odd one", "x@y.example", "needs_review", None, "",
        MessageStatus.DONE, None, datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
    )  # fmt: skip
    reminder = digest_reminder(
        account,
        slot,
        now,
        BERLIN,
        [event, replace(event, account=theirs, company="Initech")],
        [],
        [draft, replace(draft, account=theirs, subject="Re: Initech")],
        [thank, replace(thank, kind="digest", subject="Last digest")],
        [
            review,
            replace(review, processed_at=datetime(2026, 11, 10, 10, 0, tzinfo=UTC), subject="Too old"),
            replace(review, category="rejection", subject="Decided"),
        ],
    )
    assert (reminder.key, reminder.kind, reminder.due_at) == (digest_key(account, slot), "digest", slot)
    assert digest_reminder(account, slot, now, BERLIN, [], [], [], [], []).message_id == reminder.message_id  # by key
    body = reminder.body
    assert "Globex" in body and "Initech" not in body and "Re: Initech" not in body
    assert "Thank Jo" in body and "Last digest" not in body
    assert "Odd one" in body and "Too old" not in body and "Decided" not in body


def test_reminder_hours_are_a_span_of_the_day() -> None:
    from datetime import time as clock_time

    from followup.config import parse_reminder_hours

    hours = parse_reminder_hours("08:00-21:00")
    assert hours is not None and (hours.start, hours.end) == (clock_time(8), clock_time(21))
    berlin = ZoneInfo("Europe/Berlin")
    night = datetime(2026, 3, 2, 2, 30, tzinfo=berlin)
    assert not hours.open(night, berlin) and hours.next_open(night, berlin) == datetime(2026, 3, 2, 8, 0, tzinfo=berlin)
    late = datetime(2026, 3, 2, 21, 0, tzinfo=berlin)
    assert hours.next_open(late, berlin) == datetime(2026, 3, 3, 8, 0, tzinfo=berlin)
    overnight = parse_reminder_hours("22:00-06:00")
    assert overnight is not None and overnight.open(night, berlin) and not overnight.open(late, berlin)
    assert parse_reminder_hours("always") is None
    for bad in ("8-21", "25:00-08:00", "08:00-08:00"):
        with pytest.raises(ValueError):
            parse_reminder_hours(bad)


def test_the_actions_recorded_say_which_later_draft_was_not_written_and_why() -> None:
    """The ledger, the log and the demo show what was done: a reminder whose draft did not fit
    the situation (drafts.misfit) is recorded without it, with the reason."""
    plan = plan_for(DEFAULT_PLAN["interview_invitation"], RECEIVED, BERLIN, None, None)
    index = next(i for i, r in enumerate(plan.reminders) if r.step.draft == "thank_you_note")
    written = plan.describe()
    skipped = plan.describe({index: "the interview's time is unknown"})
    assert any(a.endswith("+draft:thank_you_note") for a in written)
    assert not any("+draft:thank_you_note" in a for a in skipped)
    assert any(a.endswith("(no draft:thank_you_note: the interview's time is unknown)") for a in skipped)


def test_reminders_due_outside_reminder_hours_are_planned_at_the_next_start() -> None:
    from followup.config import parse_reminder_hours

    night = datetime(2026, 11, 23, 23, 30, tzinfo=BERLIN)  # reflect would be due at 01:30
    plan = plan_for(DEFAULT_PLAN["rejection"], night, BERLIN, hours=parse_reminder_hours("08:00-21:00"))
    assert plan.reminders[0].due == datetime(2026, 11, 24, 8, 0, tzinfo=BERLIN)
    assert all(8 <= r.due.astimezone(BERLIN).hour < 21 for r in plan.reminders)
