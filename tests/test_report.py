"""The report (followup.state.report): ledger rows in, text out, for `followup status` and the weekly digest.
Pure: the rows are built here, no state file and no server."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from followup.model import (
    AccountState,
    AppendedDraft,
    Application,
    ApplicationChange,
    MessageStatus,
    RecordedMessage,
    Reminder,
    ReminderStatus,
)
from followup.state.report import (
    SLOW_NOTICE_SECONDS,
    STATUS_LIST_MAX,
    Tally,
    Watched,
    applications_table,
    digest,
    notice_lines,
    status,
)

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _application(company: str, role: str, status: str, interview_at: datetime | None = None) -> Application:
    return Application(1, "main", company, role, status, NOW, NOW, interview_at, None)


def _change(company: str, role: str, category: str, at: datetime) -> ApplicationChange:
    return ApplicationChange("main", company, role, "applied", category, at, None, None)


def _reminder(subject: str, due_at: datetime) -> Reminder:
    return Reminder(1, "main", "<s@x>", "connect", due_at, "pending", subject, None, None, None)


def test_the_digest_summarises_the_week_and_what_comes_next() -> None:
    events = [
        _change("Lumen Labs", "Backend Engineer", "interview_invitation", _at("2026-11-18T10:00:00+00:00")),
        _change("Globex", "", "rejection", _at("2026-11-19T10:00:00+00:00")),
    ]
    applications = [
        _application("Lumen Labs", "Backend Engineer", "interviewing", _at("2026-11-25T13:00:00+00:00")),
        _application("Globex", "", "rejected"),
    ]
    drafts = [AppendedDraft("main", "rejection_reply", "hr@globex.example", "Re: Your application to Globex", NOW)]
    reminders = [_reminder("Connect with Jo on LinkedIn", _at("2026-11-24T09:00:00+00:00"))]
    subject, body = digest(events, applications, drafts, reminders, NOW, BERLIN)
    assert subject == "Your week in the job search: 2 applications moved"
    assert "Wed 18 Nov: Lumen Labs – Backend Engineer: invited to interview" in body
    assert "Wed 25 Nov 14:00: Lumen Labs – Backend Engineer" in body  # interviews ahead, local time
    assert "Re: Your application to Globex (to hr@globex.example)" in body
    assert "Tue 24 Nov: Connect with Jo on LinkedIn" in body
    assert "You have 1 application in progress" in body


def _state(account: str = "main", **changes: object) -> AccountState:
    fields: dict[str, Any] = {
        "account": account, "connected": True, "failed": False, "changed_at": NOW - timedelta(hours=2),
        "last_sync": NOW, "last_error": None, "last_error_at": None, "idle_notices": 0, "poll_notices": 0,
        "notice_via": None, "notice_delay": None, "last_uid": 42,
    }  # fmt: skip
    return AccountState(**(fields | changes))


def _message(uid: int, category: str | None, status: MessageStatus = MessageStatus.DONE) -> RecordedMessage:
    error = "unparseable: broken MIME" if status == MessageStatus.QUARANTINED else None
    return RecordedMessage(
        "main", "INBOX", 7, uid, f"<{uid}@x>", f"Subject {uid}", "A <a@x>", category, None, "", status, error, NOW
    )


def _status(**changes: Any) -> list[str]:
    parts: dict[str, Any] = {
        "accounts": [Watched("main", True, 300.0)], "states": [_state()], "messages": [], "applications": [],
        "recent_drafts": [], "waiting_drafts": 0, "upcoming": [], "failed": [], "zone": BERLIN,
    }  # fmt: skip
    text: str = status(**(parts | changes))
    return text.split("\n")


def test_status_says_how_each_account_is_connected() -> None:
    lines = _status(
        accounts=[Watched(key, True, 300.0) for key in ("main", "cut", "failed", "done", "new")],
        states=[
            _state(),
            _state("cut", connected=False, last_error="connection refused", last_error_at=NOW),
            _state("failed", failed=True, last_uid=None),
            _state("done", connected=False, last_sync=None),
        ],
    )
    assert lines[:6] == [
        "main: connected since Mon 23 Nov 07:00, last sync Mon 23 Nov 09:00:00, last UID 42",
        "cut: disconnected since Mon 23 Nov 07:00, last sync Mon 23 Nov 09:00:00, last UID 42",
        "  last error (Mon 23 Nov 09:00): connection refused",
        "failed: error since Mon 23 Nov 07:00, last sync Mon 23 Nov 09:00:00",
        "done: logged out at Mon 23 Nov 07:00, last UID 42",
        "new: never connected",
    ]


def test_status_counts_messages_and_lists_the_quarantined_and_those_to_review() -> None:
    messages = [
        _message(1, "rejection"),
        _message(2, "rejection"),
        _message(3, None, MessageStatus.QUARANTINED),
        *(_message(uid, "needs_review") for uid in range(10, 30)),
    ]
    lines = _status(messages=messages)
    assert lines[1:5] == ["messages processed: 23", "  needs_review             20", "  rejection                2",
                          "  quarantined              1"]  # fmt: skip
    assert "quarantined: main/INBOX uid 3: unparseable: broken MIME" in lines
    review = lines.index(
        "needs your review (too close to call: no draft, no reminder; `followup learn` teaches it): 20"
    )
    listed = lines[review + 1 : lines.index("applications: none yet") - 1]
    assert len(listed) == STATUS_LIST_MAX and listed[-1] == "  Mon 23 Nov  main/INBOX uid 29  Subject 29  (A <a@x>)"


def test_status_lists_drafts_and_the_reminders_coming_up() -> None:
    upcoming = [_reminder(f"Step {n}", NOW + timedelta(days=n)) for n in range(STATUS_LIST_MAX + 2)]
    failed = replace(_reminder("Broken", NOW), id=99, status=ReminderStatus.FAILED, note="550 no such user")
    lines = _status(
        recent_drafts=[AppendedDraft("main", "interview_reply", None, "Re: Interview", NOW)],
        waiting_drafts=2,
        upcoming=upcoming,
        failed=[failed],
    )
    drafts = lines.index("drafts in your Drafts folder for review (last 14 days): 1")
    assert lines[drafts + 1 : drafts + 3] == [
        "  Mon 23 Nov  Re: Interview (no recipient: see the note in it)",
        "  (2 more waiting: written when the daemon next connects, or when their step comes)",
    ]
    assert lines[-3:] == ["  #1     Mon 2026-12-07 09:00  Step 14", "  #99    failed: Broken: 550 no such user",
                          "  ... and 2 more (`followup reminders list`)"]  # fmt: skip
    assert _status()[-1] == "  none"


def test_notices_say_when_the_server_announces_new_mail_late() -> None:
    assert notice_lines(_state(), "main", True, 300) == []
    prompt = _state(idle_notices=5, poll_notices=0, notice_via="idle", notice_delay=0.6)
    assert notice_lines(prompt, "main", True, 300) == [
        "  new mail noticed: 5 by IDLE, 0 by the poll every 300 s; the latest 1 s after it arrived"
    ]
    late = replace(prompt, notice_delay=SLOW_NOTICE_SECONDS + 40)
    assert "the server announces new mail in IDLE late" in notice_lines(late, "main", True, 300)[1]
    assert "poll_interval = 30 in [accounts.main.imap]" in notice_lines(late, "main", True, 300)[1]
    assert "poll_interval" not in notice_lines(late, "main", True, 20)[1]  # it looks often already
    missed = replace(prompt, poll_notices=1, notice_via="poll")
    assert "did not announce the latest new mail in IDLE" in notice_lines(missed, "main", True, 300)[1]
    assert notice_lines(missed, "main", False, 60) == [
        "  new mail noticed by the poll every 60 s (idle = false): 1, the latest 1 s after it arrived"
    ]


def test_the_applications_table_names_status_interview_and_next_nudge() -> None:
    assert applications_table([], BERLIN) == "applications: none yet"
    table = applications_table(
        [
            _application("Lumen Labs", "Backend Engineer", "interviewing", _at("2026-11-25T13:00:00+00:00")),
            replace(_application("", "", "applied"), next_due=_at("2026-11-30T08:00:00+00:00")),
        ],
        BERLIN,
    )
    assert table.split("\n") == [
        "applications (2):",
        "  Lumen Labs – Backend Engineer  interviewing since 23 Nov  interview Wed 25 Nov 14:00",
        "  (company not found)            applied      since 23 Nov  next nudge Mon 30 Nov 09:00",
    ]


def test_a_runs_tally_is_one_line() -> None:
    tally = Tally()
    assert tally.summary() == "no new mail"
    tally.add("rejection", 1, 0)
    tally.add("interview_invitation", 1, 2)
    tally.add("interview_invitation", 0, 0)
    tally.add("quarantined", 0, 0)
    assert tally.summary(reminders_sent=1) == (
        "4 new mails: 2 interview invitation (1 draft, 2 reminders), 1 rejection (1 draft), 1 quarantined;"
        " 1 reminder sent"
    )
