"""The report (followup.report): ledger rows in, text out, for `followup status` and the weekly digest.
Pure: the rows are built here, no state file and no server."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from followup.model import AppendedDraft, Application, ApplicationChange, Reminder
from followup.report import digest

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
