"""The state database (followup.state.ledger): schema versions and their migrations, a state file
written by followup 0.1.0 opened, upgraded and worked on, and the typed answers. SQLite files in
a temporary directory; no mail server."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from followup.errors import StateError
from followup.model import (
    UNSENT,
    AccountState,
    ApplicationEvent,
    ApplicationStatus,
    Decision,
    DraftStatus,
    DraftToWrite,
    Envelope,
    MessageStatus,
    Processed,
    ReminderStatus,
    ReminderToSchedule,
    Source,
)
from followup.state.ledger import MIGRATIONS, SCHEMA_VERSION, THREAD_IDS_MAX, Ledger, migrate, thread_ids

RELEASE_0_1_0 = Path(__file__).resolve().parent / "data" / "state-0.1.0.sql"
"""A state file written by followup 0.1.0 (before schema versions: user_version 0), as SQL text."""
WRITTEN_AT = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
"""The moment the 0.1.0 file was written at (its rows' times are around it)."""
TABLES = ("cursors", "messages", "drafts", "reminders", "applications", "events", "account_state")


def _state_dir(tmp_path: Path) -> Path:
    state = tmp_path / "state"
    state.mkdir(mode=0o700, parents=True)
    return state


def _from_release(tmp_path: Path) -> Path:
    path = _state_dir(tmp_path) / "state.sqlite"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(RELEASE_0_1_0.read_text())
    return path


def _contents(path: Path) -> dict[str, set[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as db:
        return {table: set(db.execute(f"SELECT * FROM {table}")) for table in TABLES}


def _columns(path: Path) -> dict[str, set[tuple[object, ...]]]:
    """Each table's columns: name, type, NOT NULL, default, primary key (not their order)."""
    with closing(sqlite3.connect(path)) as db:
        return {table: {row[1:] for row in db.execute(f"PRAGMA table_info({table})")} for table in TABLES}


def _version(path: Path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("PRAGMA user_version").fetchone()[0])


def test_a_state_file_from_0_1_0_is_upgraded_with_every_row_kept(tmp_path: Path) -> None:
    path = _from_release(tmp_path)
    before = _contents(path)
    assert _version(path) == 0 and sum(map(len, before.values())) == 31
    Ledger(path).close()
    assert _version(path) == SCHEMA_VERSION
    assert _contents(path) == before


def test_a_new_file_and_an_upgraded_one_have_the_same_tables(tmp_path: Path) -> None:
    upgraded = _from_release(tmp_path / "old")
    Ledger(upgraded).close()
    new = _state_dir(tmp_path / "new") / "state.sqlite"
    Ledger(new).close()
    assert _columns(new) == _columns(upgraded)
    assert _version(new) == _version(upgraded) == SCHEMA_VERSION


def test_the_upgraded_file_answers_and_takes_writes(tmp_path: Path) -> None:
    ledger = Ledger(_from_release(tmp_path))
    try:
        messages = ledger.messages()
        assert [m.status for m in messages].count(MessageStatus.QUARANTINED) == 1
        assert [m.category for m in messages if m.account == "main"] == [
            "application_received",
            "interview_invitation",
            "rejection",
            "needs_review",
            None,
        ]
        assert messages[0].processed_at == WRITTEN_AT - timedelta(hours=3)

        everything = ledger.reminders(tuple(ReminderStatus))
        assert sorted(r.status for r in everything) == sorted(
            ["cancelled", "cancelled", "pending", "pending", "pending", "pending", "sending", "sent", "failed"]
        )
        assert {r.subject for r in ledger.reminders()} == {
            "Prepare for Acme",
            "Thank Acme",
            "To snooze",
            "Your week",
            "Old nudge",
        }
        (failed,) = ledger.reminders((ReminderStatus.FAILED,))
        assert failed.note == "550 mailbox unavailable" and failed.account == "work"

        # Due at WRITTEN_AT: the one claimed before a crash; the retrying one waits for its retry_at.
        assert [d.key for d in ledger.due_reminders(WRITTEN_AT)] == ["main|<m3@globex.example>|old"]
        assert ledger.next_due() == WRITTEN_AT - timedelta(hours=2)

        states = {s.account: s for s in ledger.account_states()}
        assert states["main"] == AccountState(
            "main", True, False, WRITTEN_AT - timedelta(hours=4), WRITTEN_AT - timedelta(hours=1),
            None, None, 1, 1, "poll", 41.0, 5,
        )  # fmt: skip
        assert states["work"].last_error == "connection refused" and not states["work"].connected
        assert states["other"].failed

        applications = {a.company: a for a in ledger.applications()}
        assert (applications["Acme"].status, applications["Globex"].status) == ("interviewing", "rejected")
        assert applications["Acme"].interview_at == WRITTEN_AT + timedelta(days=2, hours=6)
        assert applications["Acme"].next_due == WRITTEN_AT + timedelta(days=2)  # the prepare step
        assert len(ledger.events(WRITTEN_AT - timedelta(days=7))) == 4

        # The draft appended before a crash is looked for; the thank-you note waits for its step.
        (appending,) = ledger.pending_drafts("main", WRITTEN_AT)
        assert appending.status == DraftStatus.APPENDING and appending.uidnext_before == 41
        assert ledger.draft_count() == 1

        # Work goes on: the thank-you step cancelled (and its draft), a new message recorded.
        thanks = next(r for r in everything if r.subject == "Thank Acme")
        assert ledger.cancel_reminder("cancelled by you", rowid=thanks.id)
        assert ledger.pending_drafts("main", WRITTEN_AT + timedelta(days=9), [str(thanks.draft_key)]) == []
        assert ledger.snooze_reminder(next(r.id for r in everything if r.subject == "To snooze"), WRITTEN_AT, "now")
        assert ledger.claim_reminder("main|<m3@globex.example>|snooze", WRITTEN_AT)
        ledger.set_reminder_status("main|<m3@globex.example>|snooze", ReminderStatus.SENT, WRITTEN_AT)
        item = Processed(Source("main", "INBOX", 4242, 6), "<m6@x>", None, Decision("other", None), (), (), ())
        ledger.record("main", "INBOX", 4242, 6, [item], WRITTEN_AT)
        assert ledger.cursor("main", "INBOX") == (4242, 6)
        assert ledger.thread_categories(["<m2@acme.example>", "<m6@x>"]) == {
            "<m2@acme.example>": "interview_invitation",
            "<m6@x>": "other",
        }
    finally:
        ledger.close()


def test_a_file_from_before_0_1_0_gets_the_columns_it_lacks(tmp_path: Path) -> None:
    """The tolerance of the former "add missing columns": a file written while 0.1.0 was made."""
    path = _state_dir(tmp_path) / "state.sqlite"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(
            "CREATE TABLE reminders (key TEXT PRIMARY KEY, account TEXT NOT NULL, source_key TEXT NOT NULL,"
            " kind TEXT NOT NULL, due_at TEXT NOT NULL, message_id TEXT NOT NULL, subject TEXT NOT NULL,"
            " body TEXT NOT NULL, in_reply_to TEXT, refs TEXT, status TEXT NOT NULL, sent_at TEXT);"
            "INSERT INTO reminders VALUES ('k', 'main', '<s@x>', 'nudge', '2026-11-24T08:00:00+00:00', '<r@x>',"
            " 'Nudge', 'Body', NULL, NULL, 'pending', NULL);"
            "CREATE TABLE account_state (account TEXT PRIMARY KEY, connected INTEGER NOT NULL,"
            " changed_at TEXT NOT NULL, last_sync TEXT, last_error TEXT, last_error_at TEXT);"
        )
    ledger = Ledger(path)
    try:
        (reminder,) = ledger.reminders()
        assert (reminder.source_key, reminder.note) == ("<s@x>", None)
        assert ledger.next_due() == datetime(2026, 11, 24, 8, tzinfo=UTC)
        ledger.set_connected("main", True, WRITTEN_AT, failed=True)
        assert ledger.account_states()[0].failed
    finally:
        ledger.close()
    assert _columns(path) == _columns(_fresh(tmp_path / "fresh"))


def _fresh(tmp_path: Path) -> Path:
    path = _state_dir(tmp_path) / "state.sqlite"
    Ledger(path).close()
    return path


def test_migrations_run_in_order_each_once(tmp_path: Path) -> None:
    ran: list[int] = []

    def step(number: int) -> Callable[[sqlite3.Connection], None]:
        return lambda db: ran.append(number)

    with closing(sqlite3.connect(tmp_path / "db", isolation_level=None)) as db:
        migrate(db, tmp_path / "db", [step(1), step(2)])
        migrate(db, tmp_path / "db", [step(1), step(2)])
        assert ran == [1, 2]
        migrate(db, tmp_path / "db", [step(1), step(2), step(3)])
        assert ran == [1, 2, 3] and db.execute("PRAGMA user_version").fetchone()[0] == 3


def test_a_failed_migration_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    def breaks(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        raise RuntimeError("a bug in a migration")

    path = _from_release(tmp_path)
    with closing(sqlite3.connect(path, isolation_level=None)) as db:
        with pytest.raises(RuntimeError):
            migrate(db, path, [*MIGRATIONS, breaks])
        assert db.execute("PRAGMA user_version").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name='half'").fetchone()[0] == 0


def test_a_file_from_a_newer_followup_is_refused(tmp_path: Path) -> None:
    path = _fresh(tmp_path)
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StateError, match="newer followup"):
        Ledger(path)


def test_processes_opening_an_old_file_at_once_all_succeed(tmp_path: Path) -> None:
    """Before either holds the state directory's lock, two processes may open the file together
    (`followup status` beside a starting daemon): the second must find it migrated, not fail."""
    path = _from_release(tmp_path)
    before = _contents(path)
    opener = "import sys; from pathlib import Path; from followup.state.ledger import Ledger; Ledger(Path(sys.argv[1])).close()"
    processes = [subprocess.Popen([sys.executable, "-c", opener, str(path)], stderr=subprocess.PIPE) for _ in range(4)]
    errors = [p.communicate(timeout=60)[1].decode() for p in processes]
    assert [p.returncode for p in processes] == [0] * 4, errors
    assert _version(path) == SCHEMA_VERSION and _contents(path) == before


def test_cancel_reminder_names_one_reminder(tmp_path: Path) -> None:
    ledger = Ledger(_fresh(tmp_path))
    try:
        with pytest.raises(TypeError):
            ledger.cancel_reminder("why")
        with pytest.raises(TypeError):
            ledger.cancel_reminder("why", key="k", rowid=1)
        assert not ledger.cancel_reminder("why", key="absent")
        assert ledger.reminders(UNSENT) == []
    finally:
        ledger.close()


def test_a_thread_lookup_answers_for_a_bounded_number_of_ids() -> None:
    ids = [f"<{n % (THREAD_IDS_MAX + 50)}@x>" for n in range(3 * THREAD_IDS_MAX)]
    assert thread_ids(ids) == [f"<{n}@x>" for n in range(THREAD_IDS_MAX)]


def _draft(key: str, not_before: datetime | None = None) -> DraftToWrite:
    return DraftToWrite(key, "interview_reply", f"<{key}@x>", "jane@acme.example", "Re: Interview", b"raw", not_before)


def _reminder(key: str, due_at: datetime, draft_key: str | None = None) -> ReminderToSchedule:
    return ReminderToSchedule(key, "thank_you", due_at, f"<{key}@x>", f"About {key}", "", "", "", draft_key)


def test_a_mail_is_recorded_with_its_drafts_reminders_and_application(tmp_path: Path) -> None:
    ledger = Ledger(_fresh(tmp_path))
    later = WRITTEN_AT + timedelta(days=2)
    invitation = Processed(
        Source("main", "INBOX", 7, 1),
        "<m1@acme.example>",
        Envelope("Interview with Acme", "Jane <jane@acme.example>", WRITTEN_AT, ()),
        Decision("interview_invitation", "invite"),
        ("draft:interview_reply",),
        (_draft("now"), _draft("later", not_before=later)),
        (_reminder("step", later, draft_key="later"),),
        application=ApplicationEvent("Acme", "SRE", interview_at=later, status=ApplicationStatus.INTERVIEWING),
    )
    try:
        ledger.record("main", "INBOX", 7, 1, [invitation], WRITTEN_AT)
        (message,) = ledger.messages()
        assert (message.category, message.status, message.actions) == (
            "interview_invitation", MessageStatus.DONE, "draft:interview_reply",
        )  # fmt: skip
        (now,) = ledger.pending_drafts("main", WRITTEN_AT)  # the later step's draft waits for its step
        assert (now.key, now.status) == ("now", DraftStatus.PENDING)
        assert [d.key for d in ledger.pending_drafts("main", later, ["later"])] == ["later"]
        ledger.mark_appending("now", "Drafts", 3, 10)
        assert ledger.pending_drafts("main", WRITTEN_AT)[0].status == DraftStatus.APPENDING
        ledger.mark_appended("now", 10, WRITTEN_AT)
        assert [d.subject for d in ledger.drafts_appended(WRITTEN_AT)] == ["Re: Interview"]
        assert ledger.draft_count(status=DraftStatus.PENDING) == 1

        (application,) = ledger.applications("main")
        assert (application.company, application.status, application.next_due) == ("Acme", "interviewing", later)
        (change,) = ledger.events(WRITTEN_AT)
        assert (change.category, change.at, change.interview_at) == ("interview_invitation", WRITTEN_AT, later)

        # A failed delivery is tried again at the time given, then given up on.
        assert ledger.due_reminders(later)[0].status == ReminderStatus.PENDING
        assert ledger.reminder_failed("step", "451 later", lambda failures: later + timedelta(hours=failures)) == 1
        assert ledger.due_reminders(later) == [] and ledger.next_due() == later + timedelta(hours=1)
        assert ledger.reminder_failed("step", "550 no", lambda failures: None) == 2
        (failed,) = ledger.reminders((ReminderStatus.FAILED,))
        assert (failed.note, failed.draft_key) == ("550 no", "later") and ledger.next_due() is None
    finally:
        ledger.close()


def test_a_rejection_stops_the_applications_earlier_nudges(tmp_path: Path) -> None:
    ledger = Ledger(_fresh(tmp_path))
    later = WRITTEN_AT + timedelta(days=5)

    def mail(uid: int, category: str, reminders: tuple[ReminderToSchedule, ...], status: str) -> Processed:
        return Processed(
            Source("main", "INBOX", 7, uid), f"<m{uid}@acme.example>",
            Envelope(f"Mail {uid}", "Acme <jobs@acme.example>", WRITTEN_AT + timedelta(days=uid), ()),
            Decision(category, None), (), (_draft("later", not_before=later),) if reminders else (), reminders,
            application=ApplicationEvent("Acme", "SRE", status=status, stops=None if not reminders else ()),
        )  # fmt: skip

    try:
        ledger.record(
            "main", "INBOX", 7, 1, [mail(1, "application_received", (_reminder("nudge", later, "later"),), "applied")],
            WRITTEN_AT,
        )  # fmt: skip
        ledger.record("main", "INBOX", 7, 2, [mail(2, "rejection", (), ApplicationStatus.REJECTED)], WRITTEN_AT)
        (nudge,) = ledger.reminders((ReminderStatus.CANCELLED,))
        assert nudge.note == "stopped: rejection on 25 Nov"
        assert ledger.pending_drafts("main", later, ["later"]) == []  # its draft went with it
        assert [a.status for a in ledger.applications()] == ["rejected"]
    finally:
        ledger.close()
