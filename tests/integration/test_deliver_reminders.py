"""The plan against the real Dovecot and SMTP sink, with an injected clock (no sleeping): each
default step fires once at its time, downtime catch-up, a thank-you already in Sent, a final
answer stopping the nudges, crashes mid-send, IMAP delivery, the digest, and the CLI."""

from __future__ import annotations

import email
import email.policy
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from followup.clock import FakeClock
from followup.config import Config
from followup.model import ReminderStatus
from followup.service.service import Service
from followup.state.ledger import Ledger

from tests.conftest import TEST_START, SmtpSink, config_text, imap_client, make_config
from tests.dovecot import Dovecot, User

BERLIN_OFFSET = "+0100"

REJECTION = """From: Jordan Lee <jordan.lee@acme.example>
To: {user}
Subject: Your application for Platform Engineer at Acme
Date: {date}
Message-ID: <reject-{n}@acme.example>
Content-Type: text/plain; charset=utf-8

Hi,

Thank you for interviewing with us. After careful consideration we have decided to move forward
with other candidates for the Platform Engineer role. We encourage you to join our talent community
at https://acme.example/careers/talent-community to hear about future roles.

Best,
Jordan
"""

INVITATION = """From: Elena Petrova <elena.petrova@fabrikam.example>
To: {user}
Subject: Interview for the Data Analyst position at Fabrikam
Date: {date}
Message-ID: <invite-{n}@fabrikam.example>
Content-Type: text/plain; charset=utf-8

Dear Sam,

Thank you for your application for the Data Analyst position. We would like to invite you to an interview
with our analytics team. The interview will take place on Tuesday, 1 December 2026 at 14:00 CET via Teams.

Kind regards,
Elena Petrova
"""


def _raw(template: str, user: User, n: int = 1, date: str = "Sun, 22 Nov 2026 10:00:00 +0100") -> bytes:
    return template.format(user=user.name, n=n, date=date).replace("\n", "\r\n").encode()


def _once(config: Config, clock: FakeClock) -> None:
    Service(config, clock).once()


def _ledger_rows(config: Config, sql: str) -> list[tuple]:
    db = sqlite3.connect(config.state_dir / "state.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _drafts(client) -> list[email.message.EmailMessage]:
    client.select_folder("Drafts", readonly=True)
    uids = client.search(["ALL"])
    fetched = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
    return [email.message_from_bytes(d[b"BODY[]"], policy=email.policy.default) for d in fetched.values()]


def test_every_rejection_step_fires_once_at_its_time(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(REJECTION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    received = datetime.fromisoformat(_ledger_rows(config, "SELECT MIN(due_at) FROM reminders")[0][0]) - timedelta(
        hours=2
    )
    expected = [
        (timedelta(hours=2), "Take ten minutes to reflect"),
        (timedelta(days=1), "Join the Acme talent network"),
        (timedelta(days=3), "Connect with Jordan Lee on LinkedIn"),
        (timedelta(weeks=1), "Practise with a mock interview"),
        (timedelta(weeks=6), "Stay in touch with Jordan Lee at Acme"),
    ]
    for offset, subject in expected:
        due = received + offset
        clock.advance(due - timedelta(minutes=1) - clock.now())
        before = len(smtp_sink.messages)
        _once(config, clock)
        assert len(smtp_sink.messages) == before, f"{subject} came early"
        clock.advance(timedelta(minutes=1))
        _once(config, clock)
        _once(config, clock)  # and never twice
        assert len(smtp_sink.messages) == before + 1, subject
        message = email.message_from_bytes(smtp_sink.messages[-1][2], policy=email.policy.default)
        assert message["Subject"].startswith(subject), message["Subject"]
        assert message["In-Reply-To"] == "<reject-1@acme.example>"  # threaded to the job mail
        assert smtp_sink.messages[-1][1] == [mail_user.name]
    talent = email.message_from_bytes(smtp_sink.messages[1][2], policy=email.policy.default)
    assert "https://acme.example/careers/talent-community" in talent.get_content()
    # The check-in draft arrived with the six-week step, and the user was told.
    subjects = sorted(_made_by(config, d) for d in _drafts(feeder))
    assert subjects == ["draft check_in", "draft rejection_thanks"]
    assert (
        "check-in draft is waiting in your Drafts folder"
        in email.message_from_bytes(smtp_sink.messages[-1][2], policy=email.policy.default).get_content()
    )
    assert _ledger_rows(config, "SELECT status, COUNT(*) FROM reminders GROUP BY status") == [("sent", 5)]


def test_reminders_due_while_down_are_all_delivered_once_on_start(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, None, tmp_path / "state")  # IMAP delivery into INBOX
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(REJECTION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    clock.advance(timedelta(days=10))  # the machine was off for ten days
    _once(config, clock)
    _once(config, clock)
    feeder.select_folder("INBOX", readonly=True)
    uids = feeder.search(["HEADER", "X-Followup", "reminder"])
    (together,) = [
        email.message_from_bytes(d[b"BODY[]"], policy=email.policy.default)
        for d in feeder.fetch(uids, ["BODY.PEEK[]"]).values()
    ]  # four steps overdue from four different days: one mail, not four in the same minute
    assert together["X-Followup"] == "reminder combined" and together["Subject"].startswith("4 reminders: ")
    assert together.get_content().count("-- followup") == 1
    assert _ledger_rows(config, "SELECT kind FROM reminders WHERE status = 'sent' ORDER BY kind") == [
        ("linkedin",),
        ("practice",),
        ("reflect",),
        ("talent_network",),
    ]


def _made_by(config: Config, draft: email.message.EmailMessage) -> str:
    """Which template made *draft*: the ledger knows it by Message-ID (a draft carries no marker)."""
    rows = _ledger_rows(config, f"SELECT template FROM drafts WHERE message_id = '{draft['Message-ID']}'")
    return f"draft {rows[0][0]}" if rows else ""


def test_a_thank_you_already_in_sent_drops_the_nudge_and_its_draft(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(INVITATION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    (invitation_reply,) = _drafts(feeder)
    # Before the interview the user confirms the time (not a thank-you); after it, they thank.
    for date, body in (
        ("Mon, 30 Nov 2026 09:00:00 +0100", "Tuesday at 14:00 works well for me. See you then!"),
        ("Tue, 01 Dec 2026 15:20:00 +0100", "Dear Elena, thank you for taking the time to speak with me today."),
    ):
        sent = (
            f"From: {mail_user.name}\r\nTo: elena.petrova@fabrikam.example\r\nSubject: Re: Interview\r\n"
            f"Date: {date}\r\nMessage-ID: <sent-{date[5:7]}@example.org>\r\nIn-Reply-To: <invite-1@fabrikam.example>\r\n"
            f"References: <invite-1@fabrikam.example>\r\n\r\n{body}\r\n"
        )
        feeder.append("Sent", sent.encode(), flags=[b"\\Seen"])
    # The interview ends at 15:00 CET; the nudge is due an hour later.
    clock.advance(datetime(2026, 12, 1, 15, 5, tzinfo=UTC) - clock.now())
    _once(config, clock)
    clock.advance(timedelta(days=1))  # and the last call
    _once(config, clock)
    assert smtp_sink.messages == []
    assert [_made_by(config, d) for d in _drafts(feeder)] == [_made_by(config, invitation_reply)]  # no thank-you draft
    notes = _ledger_rows(config, "SELECT kind, status, note FROM reminders ORDER BY due_at")
    assert [(kind, status) for kind, status, _ in notes] == [
        ("thank_you", "cancelled"),
        ("thank_you_last_call", "cancelled"),
    ]
    assert "thank you for taking the time" in notes[0][2]


def test_without_a_thank_you_the_draft_and_the_nudge_arrive_after_the_interview(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(INVITATION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    clock.advance(datetime(2026, 12, 1, 14, 59, tzinfo=UTC) - clock.now())  # 15:59 in Berlin: not yet
    _once(config, clock)
    assert smtp_sink.messages == [] and len(_drafts(feeder)) == 1
    clock.advance(timedelta(minutes=1))
    _once(config, clock)
    (nudge,) = smtp_sink.messages
    message = email.message_from_bytes(nudge[2], policy=email.policy.default)
    assert message["Subject"] == "Send your thank-you note to Fabrikam today"
    drafts = {_made_by(config, d): d for d in _drafts(feeder)}
    note = drafts["draft thank_you_note"].get_content()
    assert "speak with me about the Data Analyst position" in note and "14:00" not in note
    assert "A draft is waiting in your Drafts folder" in message.get_content()


def test_an_offer_stops_the_nudges_of_the_same_application(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(INVITATION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    offer = (
        f"From: Elena Petrova <elena.petrova@fabrikam.example>\r\nTo: {mail_user.name}\r\n"
        "Subject: Your offer from Fabrikam\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\nMessage-ID: <offer-1@fabrikam.example>\r\n"
        "In-Reply-To: <invite-1@fabrikam.example>\r\n\r\nDear Sam, we are delighted to offer you the Data Analyst position!\r\n"
    )
    feeder.append("INBOX", offer.encode())
    _once(config, clock)
    rows = _ledger_rows(config, "SELECT kind, status, note FROM reminders ORDER BY due_at")
    assert {(kind, status) for kind, status, _ in rows} == {
        ("thank_you", "cancelled"),
        ("thank_you_last_call", "cancelled"),
    }
    assert all(note.startswith("stopped: offer") for _, _, note in rows)
    assert _ledger_rows(config, "SELECT status FROM drafts WHERE template='thank_you_note'") == [("cancelled",)]
    assert _ledger_rows(config, "SELECT company, role, status FROM applications") == [
        ("Fabrikam", "Data Analyst", "offer")
    ]
    clock.advance(timedelta(days=12))
    _once(config, clock)
    assert smtp_sink.messages == []


def test_a_crash_mid_send_neither_loses_nor_duplicates_an_imap_reminder(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, None, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(REJECTION, mail_user, n=1))
    feeder.append("INBOX", _raw(REJECTION, mail_user, n=2).replace(b"Acme", b"Initech"))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    clock.advance(timedelta(hours=3))
    ledger = Ledger(config.state_dir / "state.sqlite")
    first, second = ledger.due_reminders(clock.now())
    # The first crashed after its APPEND, before it was marked sent; the second crashed before its APPEND.
    from followup.act.render_reminder import reminder_message

    account = config.accounts[0]
    ledger.set_reminder_status(first.key, ReminderStatus.SENDING)
    feeder.append("INBOX", reminder_message(account, first.reminder, clock.now()))
    ledger.set_reminder_status(second.key, ReminderStatus.SENDING)
    ledger.close()
    _once(config, clock)
    feeder.select_folder("INBOX", readonly=True)
    for reminder in (first, second):
        assert len(feeder.search(["HEADER", "Message-ID", reminder.reminder.message_id])) == 1
    assert _ledger_rows(config, "SELECT status FROM reminders WHERE kind='reflect'") == [("sent",), ("sent",)]


def test_the_weekly_digest_goes_out_once_at_its_time(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='digest = "monday 09:00"')
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(INVITATION, mail_user))
    clock = FakeClock(datetime(2026, 11, 23, 7, 59, tzinfo=UTC))  # Monday 08:59 in Berlin
    _once(config, clock)
    assert smtp_sink.messages == []
    clock.advance(timedelta(minutes=2))
    _once(config, clock)
    _once(config, clock)
    (digest,) = smtp_sink.messages
    message = email.message_from_bytes(digest[2], policy=email.policy.default)
    assert message["Subject"].startswith("Your week in the job search")
    body = message.get_content()
    assert "Fabrikam – Data Analyst: invited to interview" in body
    assert "Tue 01 Dec 14:00: Fabrikam – Data Analyst" in body
    assert digest[1] == [mail_user.name]


def test_reminders_can_be_listed_cancelled_and_snoozed_from_the_command_line(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    config_path = tmp_path / "config.toml"
    config_path.write_text(config_text(dovecot, mail_user, smtp_sink, state))
    config = make_config(dovecot, mail_user, smtp_sink, state)
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(REJECTION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "followup", "reminders", *args, "--config", str(config_path)]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    listed = cli("list")
    assert listed.returncode == 0, listed.stderr
    ids = [int(line.split()[0][1:]) for line in listed.stdout.splitlines()]
    assert len(ids) == 5 and "Take ten minutes to reflect" in listed.stdout
    reflect, talent, *_, stay = ids
    assert cli("cancel", str(stay)).returncode == 0
    assert cli("snooze", str(reflect), "3d").returncode == 0
    assert cli("cancel", "999").returncode == 1
    assert cli("snooze", str(talent), "soon").returncode == 2
    clock.advance(timedelta(days=2))
    _once(config, clock)
    assert [m[2].split(b"Subject: ", 1)[1].split(b"\r\n", 1)[0] for m in smtp_sink.messages] == [
        b"Join the Acme talent network"
    ]  # the reflection was snoozed past now
    statuses = dict(_ledger_rows(config, "SELECT kind, status FROM reminders"))
    assert statuses["stay_in_touch"] == "cancelled"
    assert _ledger_rows(config, "SELECT status FROM drafts WHERE template='check_in'") == [("cancelled",)]
    everything = cli("list", "--all")
    assert "cancelled by you" in everything.stdout and "snoozed 3d" in everything.stdout


def test_a_rescheduled_interview_moves_the_thank_you_nudges(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(INVITATION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    moved = (
        f"From: Elena Petrova <elena.petrova@fabrikam.example>\r\nTo: {mail_user.name}\r\n"
        "Subject: Re: Interview for the Data Analyst position at Fabrikam\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n"
        "Message-ID: <moved-1@fabrikam.example>\r\nIn-Reply-To: <invite-1@fabrikam.example>\r\n\r\n"
        "Dear Sam, I am sorry, but we need to move your interview to Thursday, 3 December 2026 at 10:00 CET.\r\n"
    )
    feeder.append("INBOX", moved.encode())
    _once(config, clock)
    rows = _ledger_rows(
        config, "SELECT source_key, kind, status, due_at, note FROM reminders ORDER BY source_key, due_at"
    )
    old = [(kind, status, note) for key, kind, status, _, note in rows if key == "<invite-1@fabrikam.example>"]
    new = [(kind, status, due) for key, kind, status, due, _ in rows if key == "<moved-1@fabrikam.example>"]
    assert old == [
        ("thank_you", "cancelled", "stopped: interview rescheduled on 23 Nov"),
        ("thank_you_last_call", "cancelled", "stopped: interview rescheduled on 23 Nov"),
    ]
    assert new == [
        ("thank_you", "pending", "2026-12-03T11:00:00+00:00"),  # the new interview ends 11:00 CET; an hour later
        ("thank_you_last_call", "pending", "2026-12-04T07:00:00+00:00"),  # 07:00 CET: at 08:00, reminder_hours
    ]
    assert _ledger_rows(config, "SELECT status FROM applications") == [("interviewing",)]


def test_reminders_due_within_the_same_hour_arrive_as_one_mail(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    for n, company in ((1, b"Acme"), (2, b"Initech"), (3, b"Globex")):
        feeder.append("INBOX", _raw(REJECTION, mail_user, n=n).replace(b"Acme", company))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    clock.advance(timedelta(hours=3))  # the three "reflect" steps are due, in the same minute
    _once(config, clock)
    _once(config, clock)
    (combined,) = smtp_sink.messages
    message = email.message_from_bytes(combined[2], policy=email.policy.default)
    assert message["Subject"].startswith("3 reminders: ")
    text = message.get_content()
    # One section per text: two that read the same (no company found in either) are listed once.
    assert text.count("Take ten minutes to reflect") + text.count("(for 2 mails)") == 3, text
    assert text.count("-- followup") == 1
    assert _ledger_rows(config, "SELECT status FROM reminders WHERE kind='reflect'") == [("sent",)] * 3


def test_reminder_hours_hold_reminders_until_the_next_start(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='reminder_hours = "08:00-21:00"')
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _raw(REJECTION, mail_user))
    clock = FakeClock(TEST_START)
    _once(config, clock)
    due = datetime.fromisoformat(_ledger_rows(config, "SELECT MIN(due_at) FROM reminders")[0][0])
    night = datetime.combine(due.astimezone(config.timezone).date() + timedelta(days=1), datetime.min.time(),
                             tzinfo=config.timezone) + timedelta(hours=3)  # fmt: skip
    clock.advance(night - clock.now())  # 03:00: the reflect step is overdue, but it is night
    _once(config, clock)
    assert smtp_sink.messages == []
    clock.advance(timedelta(hours=5))  # 08:00
    _once(config, clock)
    assert len(smtp_sink.messages) == 1


def test_reminders_held_overnight_from_different_hours_arrive_together_at_the_start(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")  # reminder_hours: the default
    evening = datetime(2026, 11, 22, 20, 15, tzinfo=config.timezone)
    feeder = imap_client(dovecot, mail_user)
    for n, arrived, company in ((1, evening, b"Acme"), (2, evening + timedelta(minutes=50), b"Initech")):
        # reflect due at 22:15 and 23:05
        feeder.append("INBOX", _raw(REJECTION, mail_user, n=n).replace(b"Acme", company), msg_time=arrived)
    clock = FakeClock(evening + timedelta(hours=1))
    _once(config, clock)
    due = {row[0] for row in _ledger_rows(config, "SELECT due_at FROM reminders WHERE kind = 'reflect'")}
    assert due == {datetime(2026, 11, 23, 8, 0, tzinfo=config.timezone).astimezone(UTC).isoformat()}
    clock.advance(timedelta(hours=6))  # 03:15: nothing at night
    _once(config, clock)
    assert smtp_sink.messages == []
    clock.advance(timedelta(hours=5))  # 08:15
    _once(config, clock)
    (together,) = smtp_sink.messages
    message = email.message_from_bytes(together[2], policy=email.policy.default)
    assert message["Subject"].startswith("2 reminders: ")
    assert message["Date"].datetime.astimezone(config.timezone).hour == 8
