"""The state database (SQLite): folder cursors, decisions, drafts and the reminders outbox.

The ledger, keyed on the source message, is the authority on what was done: a draft or a
reminder is written into it (intent) in the same transaction that advances the folder
cursor, and marked done only after the server confirmed it. Intent survives kill -9.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, overload

from followup.clock import stored
from followup.errors import StateError
from followup.model import (
    UNSENT,
    AccountState,
    AppendedDraft,
    Application,
    ApplicationChange,
    DraftStatus,
    MessageStatus,
    Processed,
    RecordedMessage,
    Reminder,
    ReminderStatus,
    ReminderToSchedule,
)
from followup.state.applications import attach
from followup.state.statedir import DISK_FULL, NOT_WRITABLE, disk_full, prepare, private_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS cursors (
    account TEXT NOT NULL, folder TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL, last_uid INTEGER NOT NULL,
    PRIMARY KEY (account, folder)
);
CREATE TABLE IF NOT EXISTS messages (
    account TEXT NOT NULL, folder TEXT NOT NULL, uidvalidity INTEGER NOT NULL, uid INTEGER NOT NULL,
    source_key TEXT, subject TEXT, sender TEXT,
    category TEXT, rule TEXT, evidence TEXT, actions TEXT,
    status TEXT NOT NULL,           -- done | quarantined
    error TEXT, processed_at TEXT NOT NULL,
    PRIMARY KEY (account, folder, uidvalidity, uid)
);
CREATE TABLE IF NOT EXISTS drafts (
    key TEXT PRIMARY KEY, account TEXT NOT NULL, source_key TEXT NOT NULL, template TEXT NOT NULL,
    message_id TEXT NOT NULL, recipient TEXT, subject TEXT, raw BLOB NOT NULL,
    status TEXT NOT NULL,           -- pending | appending | appended | cancelled
    folder TEXT, folder_uidvalidity INTEGER, uidnext_before INTEGER, uid INTEGER,
    created_at TEXT NOT NULL, appended_at TEXT,
    not_before TEXT                 -- a later step's draft: appended when the step fires
);
CREATE TABLE IF NOT EXISTS reminders (
    key TEXT PRIMARY KEY, account TEXT NOT NULL, source_key TEXT NOT NULL, kind TEXT NOT NULL,
    due_at TEXT NOT NULL, message_id TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
    in_reply_to TEXT, refs TEXT,
    status TEXT NOT NULL,           -- pending | sending | sent | cancelled | failed
    sent_at TEXT,
    draft_key TEXT, cancel_if_replied INTEGER NOT NULL DEFAULT 0, since TEXT,
    note TEXT,                      -- why it was cancelled, snoozed or failed
    attempts INTEGER NOT NULL DEFAULT 0, retry_at TEXT  -- failed deliveries, and when to try again
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (status, due_at);
CREATE TABLE IF NOT EXISTS applications (
    id INTEGER PRIMARY KEY, account TEXT NOT NULL, company TEXT NOT NULL, role TEXT NOT NULL,
    status TEXT NOT NULL,           -- contacted | applied | assessment | interviewing | rejected | offer | withdrawn
    first_seen TEXT NOT NULL, last_update TEXT NOT NULL,
    company_key TEXT NOT NULL DEFAULT '', role_key TEXT NOT NULL DEFAULT ''  -- the names folded, for matching
);
CREATE TABLE IF NOT EXISTS events (
    application_id INTEGER NOT NULL, source_key TEXT NOT NULL, category TEXT NOT NULL, at TEXT NOT NULL,
    subject TEXT, interview_at TEXT,
    PRIMARY KEY (application_id, source_key)
);
CREATE INDEX IF NOT EXISTS events_source ON events (source_key);
CREATE TABLE IF NOT EXISTS account_state (
    account TEXT PRIMARY KEY, connected INTEGER NOT NULL, changed_at TEXT NOT NULL,
    last_sync TEXT, last_error TEXT, last_error_at TEXT,
    idle_notices INTEGER NOT NULL DEFAULT 0, poll_notices INTEGER NOT NULL DEFAULT 0,
    notice_via TEXT, notice_delay REAL  -- how the latest new mail was noticed, how long after it arrived
);
CREATE INDEX IF NOT EXISTS messages_source ON messages (source_key);
CREATE INDEX IF NOT EXISTS drafts_message_id ON drafts (message_id);
"""
"""The tables as followup 0.1.0 created them (schema version 1, see MIGRATIONS): never edited,
so that a new file and an upgraded one end up alike; a change is a new migration."""

_UNSENT = f"({', '.join(repr(str(status)) for status in UNSENT)})"
"""The reminders still to deliver, as an SQL list."""

THREAD_IDS_MAX = 200
"""Message-IDs a thread lookup answers for: a hostile References header may hold thousands."""


def thread_ids(message_ids: Iterable[str]) -> list[str]:
    """The Message-IDs a thread lookup answers for: the first THREAD_IDS_MAX distinct ones."""
    return list(dict.fromkeys(message_ids))[:THREAD_IDS_MAX]


@dataclass(frozen=True)
class PendingDraft:
    key: str
    message_id: str
    raw: bytes
    status: DraftStatus
    folder: str | None
    folder_uidvalidity: int | None
    uidnext_before: int | None


@dataclass(frozen=True)
class DueReminder:
    rowid: int
    key: str
    account: str
    kind: str
    due_at: datetime
    status: ReminderStatus
    reminder: ReminderToSchedule


@overload
def _moment(text: str) -> datetime: ...
@overload
def _moment(text: str | None) -> datetime | None: ...
def _moment(text: str | None) -> datetime | None:
    """A moment as the ledger stores it (followup.clock.stored), read back."""
    return datetime.fromisoformat(text) if text else None


def storage_error(path: Path, exc: sqlite3.Error) -> StateError | None:
    """SQLite's word that the database file cannot be used (damaged, disk full, not writable)
    as one line naming the file and what to do; None for any other error (a bug: a traceback)."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary code of an extended one
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and disk_full(path)):
        return StateError(DISK_FULL, path)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StateError(
            f"the state database is damaged ({exc}): move it aside and run again (a new one is started, and what"
            " is already in Drafts or, for reminders by IMAP, in INBOX is not written again), or restore a backup",
            path,
        )
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_READONLY):
        return StateError(f"{exc}: {NOT_WRITABLE}", path)
    if code == sqlite3.SQLITE_IOERR:
        return StateError(f"{exc}: check the disk", path)
    return None


class _Guard:
    """The ledger's lock (one connection, shared by threads), which also turns SQLite's storage
    failures into StateError wherever they surface: at open, in a write, or in a read's rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()

    def __enter__(self) -> None:
        self._lock.acquire()

    def __exit__(self, kind: object, exc: BaseException | None, trace: object) -> None:
        self._lock.release()
        if isinstance(exc, sqlite3.Error) and (error := storage_error(self.path, exc)) is not None:
            raise error from exc


def _baseline(db: sqlite3.Connection) -> None:
    """Version 1: the tables of followup 0.1.0. A file from before schema versions (user_version
    0) may lack the columns added while 0.1.0 was written: they are added, the rows kept."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            db.execute(statement)
    late_columns = {
        "drafts": {"not_before": "TEXT"},
        "applications": {"company_key": "TEXT NOT NULL DEFAULT ''", "role_key": "TEXT NOT NULL DEFAULT ''"},
        "account_state": {
            "failed": "INTEGER NOT NULL DEFAULT 0",
            "idle_notices": "INTEGER NOT NULL DEFAULT 0",
            "poll_notices": "INTEGER NOT NULL DEFAULT 0",
            "notice_via": "TEXT",
            "notice_delay": "REAL",
        },
        "reminders": {
            "draft_key": "TEXT",
            "cancel_if_replied": "INTEGER NOT NULL DEFAULT 0",
            "since": "TEXT",
            "note": "TEXT",
            "attempts": "INTEGER NOT NULL DEFAULT 0",
            "retry_at": "TEXT",
        },
    }
    for table, columns in late_columns.items():
        present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for column, kind in columns.items():
            if column not in present:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    db.execute("CREATE INDEX IF NOT EXISTS applications_company ON applications (account, company_key)")


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_baseline,)
"""The schema's history, oldest first: MIGRATIONS[n] takes a file from version n to n + 1
(PRAGMA user_version). A change to the schema is a new entry here, never an edit of one."""
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, path: Path, migrations: Sequence[Callable[[sqlite3.Connection], None]]) -> None:
    """Bring the file to the latest version, each step once. Under SQLite's write lock: of two
    processes opening the same file at once, the second waits, finds it migrated, does nothing."""
    if _version(db) == len(migrations):
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)
        if version > len(migrations):
            raise StateError(
                f"the state database is of schema version {version}, written by a newer followup than this one"
                f" (which knows versions up to {len(migrations)}): run the newer followup, or move the file aside",
                path,
            )
        for number in range(version, len(migrations)):
            migrations[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


WAL_SWITCH_SECONDS = 10.0


def _switch_to_wal(db: sqlite3.Connection) -> None:
    """PRAGMA journal_mode=WAL, tried again while another process holds the file. Two processes
    opening a new file at once (`followup once` twice) both ask for the switch; SQLite answers
    one of them "database is locked" at once, without the busy wait, where waiting could deadlock.
    A moment later the file is in WAL mode and the switch is a no-op."""
    deadline = time.monotonic() + WAL_SWITCH_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class Ledger:
    def __init__(self, path: Path) -> None:
        prepare(path.parent)
        private_file(path)  # 0600 before SQLite creates it (and its -wal and -shm like it)
        self.path = path
        self._lock = _Guard(path)
        with self._lock:
            # The 10 s busy timeout is set by connect(), before the first statement: switching an
            # old file to WAL takes the write lock too, and another process may hold it.
            self._db = sqlite3.connect(path, timeout=10.0, check_same_thread=False, isolation_level=None)
            try:
                _switch_to_wal(self._db)
                self._db.execute("PRAGMA synchronous=FULL")
                migrate(self._db, path, MIGRATIONS)
            except BaseException:
                self._db.close()
                raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # Cursors
    def cursor(self, account: str, folder: str) -> tuple[int, int] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT uidvalidity, last_uid FROM cursors WHERE account=? AND folder=?", (account, folder)
            ).fetchone()
        return (row[0], row[1]) if row else None

    def reset_cursor(self, account: str, folder: str, uidvalidity: int) -> None:
        """A new UIDVALIDITY: old UIDs mean nothing now; scan the folder again from the start."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO cursors VALUES (?,?,?,0) ON CONFLICT(account, folder) "
                "DO UPDATE SET uidvalidity=excluded.uidvalidity, last_uid=0",
                (account, folder, uidvalidity),
            )

    # Messages with their plans, atomically with the cursor
    def record(
        self, account: str, folder: str, uidvalidity: int, last_uid: int, batch: Sequence[Processed], now: datetime
    ) -> None:
        recorded_at = stored(now)  # once: isoformat() is a good part of a row's cost
        with self._transaction() as db:
            for item in batch:
                s, envelope, decision = item.source, item.envelope, item.decision
                db.execute(
                    "INSERT OR REPLACE INTO messages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        s.account,
                        s.folder,
                        s.uidvalidity,
                        s.uid,
                        item.source_key,
                        envelope.subject if envelope else None,
                        envelope.sender if envelope else None,
                        decision.category if decision else None,
                        decision.rule if decision else None,
                        json.dumps([[e.field, e.pattern, e.matched] for e in decision.evidence]) if decision else None,
                        ", ".join(item.actions),
                        MessageStatus.QUARANTINED if item.error else MessageStatus.DONE,
                        item.error,
                        recorded_at,
                    ),
                )
                for draft in item.drafts:
                    db.execute(
                        "INSERT OR IGNORE INTO drafts (key, account, source_key, template, message_id, recipient,"
                        f" subject, raw, status, created_at, not_before) VALUES (?,?,?,?,?,?,?,?, '{DraftStatus.PENDING}', ?, ?)",
                        (
                            draft.key,
                            s.account,
                            item.source_key,
                            draft.template,
                            draft.message_id,
                            draft.to,
                            draft.subject,
                            draft.raw,
                            recorded_at,
                            stored(draft.not_before) if draft.not_before else None,
                        ),
                    )
                for r in item.reminders:
                    db.execute(
                        "INSERT OR IGNORE INTO reminders (key, account, source_key, kind, due_at, message_id,"
                        " subject, body, in_reply_to, refs, status, draft_key, cancel_if_replied, since)"
                        f" VALUES (?,?,?,?,?,?,?,?,?,?, '{ReminderStatus.PENDING}', ?,?,?)",
                        (
                            r.key,
                            s.account,
                            item.source_key,
                            r.kind,
                            stored(r.due_at),
                            r.message_id,
                            r.subject,
                            r.body,
                            r.in_reply_to,
                            r.references,
                            r.draft_key,
                            int(r.cancel_if_replied),
                            stored(r.since) if r.since else None,
                        ),
                    )
                if item.application is not None and decision is not None and envelope is not None:
                    attach(db, s.account, item.source_key, envelope, decision.category, item.application, now)
            db.execute(
                "INSERT INTO cursors VALUES (?,?,?,?) ON CONFLICT(account, folder) "
                "DO UPDATE SET uidvalidity=excluded.uidvalidity, last_uid=MAX(last_uid, excluded.last_uid)",
                (account, folder, uidvalidity, last_uid),
            )

    def thread_categories(self, message_ids: Iterable[str]) -> dict[str, str]:
        """Message-ID -> category, for messages followup classified and for the drafts it wrote
        about them (a reply to a draft belongs to the thread of the draft's source)."""
        wanted = thread_ids(message_ids)
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        with self._lock:
            rows = self._db.execute(
                f"SELECT source_key, category FROM messages WHERE source_key IN ({marks}) AND category IS NOT NULL"
                f" UNION ALL SELECT d.message_id, m.category FROM drafts d JOIN messages m ON m.source_key = d.source_key"
                f" WHERE d.message_id IN ({marks}) AND m.category IS NOT NULL",
                (*wanted, *wanted),
            ).fetchall()
        return {str(key): str(category) for key, category in rows}

    def interviewed(self, account: str, categories: Iterable[str]) -> frozenset[tuple[str, str]]:
        """(company_key, role_key) of the account's applications that had a mail of *categories* (interviews)."""
        wanted = sorted(categories)
        rows = self._rows(
            "SELECT DISTINCT a.company_key, a.role_key FROM applications a JOIN events e ON e.application_id = a.id"
            f" WHERE a.account = ? AND e.category IN ({','.join('?' * len(wanted))})",
            (account, *wanted),
        )
        return frozenset((str(r[0]), str(r[1])) for r in rows)

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    def messages(self, account: str | None = None) -> list[RecordedMessage]:
        """Every message recorded (of *account*), in the order they were processed."""
        return [
            RecordedMessage(
                account,
                folder,
                validity,
                uid,
                key,
                subject,
                sender,
                category,
                rule,
                actions,
                status,
                error,
                _moment(at),
            )
            for account, folder, validity, uid, key, subject, sender, category, rule, actions, status, error, at in self._rows(
                "SELECT account, folder, uidvalidity, uid, source_key, subject, sender, category, rule, actions,"
                " status, error, processed_at FROM messages WHERE (? IS NULL OR account=?) ORDER BY processed_at, uid",
                (account, account),
            )
        ]

    # Drafts
    def pending_drafts(self, account: str, now: datetime, keys: Sequence[str] | None = None) -> list[PendingDraft]:
        """Drafts to APPEND now. Without *keys*: those written as the mail came in. With *keys*:
        those later steps put in Drafts when they fire (the step decides, after checking that
        the user has not done it already), once their time has come."""
        with self._lock:
            rows = self._db.execute(
                "SELECT key, message_id, raw, status, folder, folder_uidvalidity, uidnext_before, not_before"
                f" FROM drafts WHERE account=? AND status IN ('{DraftStatus.PENDING}', '{DraftStatus.APPENDING}')"
                " ORDER BY created_at, key",
                (account,),
            ).fetchall()
        if keys is None:
            rows = [row for row in rows if row[7] is None]
        else:
            rows = [row for row in rows if row[0] in keys and row[7] is not None and row[7] <= stored(now)]
        return [
            PendingDraft(key, message_id, raw, DraftStatus(status), folder, validity, uidnext)
            for key, message_id, raw, status, folder, validity, uidnext, _ in rows
        ]

    def mark_appending(self, key: str, folder: str, uidvalidity: int, uidnext: int) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE drafts SET status=?, folder=?, folder_uidvalidity=?, uidnext_before=? WHERE key=?",
                (DraftStatus.APPENDING, folder, uidvalidity, uidnext, key),
            )

    def mark_appended(self, key: str, uid: int | None, now: datetime) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE drafts SET status=?, uid=?, appended_at=? WHERE key=?",
                (DraftStatus.APPENDED, uid, stored(now), key),
            )

    def draft_count(self, account: str | None = None, status: DraftStatus = DraftStatus.APPENDED) -> int:
        with self._lock:
            return int(
                self._db.execute(
                    "SELECT COUNT(*) FROM drafts WHERE status=? AND (? IS NULL OR account=?)",
                    (status, account, account),
                ).fetchone()[0]
            )

    # Reminders outbox, read two ways: what to deliver now (whole), and what to show (a line each).
    def due_reminders(self, now: datetime) -> list[DueReminder]:
        """The reminders to deliver now, with all they hold, soonest first (the scheduler)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT rowid, key, account, kind, due_at, status, message_id, subject, body, in_reply_to, refs,"
                " draft_key, cancel_if_replied, since"
                f" FROM reminders WHERE status IN {_UNSENT} AND due_at <= ?"
                " AND (retry_at IS NULL OR retry_at <= ?) ORDER BY due_at, rowid",
                (stored(now), stored(now)),
            ).fetchall()
        return [
            DueReminder(
                rowid,
                key,
                account,
                kind,
                datetime.fromisoformat(due),
                ReminderStatus(status),
                ReminderToSchedule(
                    key,
                    kind,
                    datetime.fromisoformat(due),
                    mid,
                    subject,
                    body,
                    irt or "",
                    refs or "",
                    draft_key,
                    bool(cancel_if_replied),
                    datetime.fromisoformat(since) if since else None,
                ),
            )
            for rowid, key, account, kind, due, status, mid, subject, body, irt, refs, draft_key, cancel_if_replied, since in rows
        ]

    def reminders(self, statuses: Sequence[ReminderStatus] = UNSENT) -> list[Reminder]:
        """The reminders in these states, soonest first, to show: `followup status` and
        `followup reminders`, the digest, and the scheduler's look at the hour ahead."""
        marks = ",".join("?" * len(statuses))
        return [
            Reminder(
                id,
                account,
                source_key,
                kind,
                _moment(due),
                ReminderStatus(status),
                subject,
                note,
                _moment(sent),
                draft_key,
            )
            for id, account, source_key, kind, due, status, subject, note, sent, draft_key in self._rows(
                "SELECT rowid, account, source_key, kind, due_at, status, subject, note, sent_at, draft_key"
                f" FROM reminders WHERE status IN ({marks}) ORDER BY due_at, rowid",
                tuple(statuses),
            )
        ]

    # What `followup status` shows about each account while the daemon runs
    def set_connected(
        self, account: str, connected: bool, now: datetime, error: str | None = None, failed: bool = False
    ) -> None:
        """*failed*: the account's loop failed (a bug, not the network); shown as an error until it syncs."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO account_state (account, connected, changed_at, last_error, last_error_at, failed)"
                " VALUES (?,?,?,?,?,?) ON CONFLICT(account) DO UPDATE SET connected=excluded.connected,"
                " changed_at=CASE WHEN connected != excluded.connected OR failed != excluded.failed"
                " THEN excluded.changed_at ELSE changed_at END,"
                " last_error=COALESCE(excluded.last_error, last_error),"
                " last_error_at=COALESCE(excluded.last_error_at, last_error_at), failed=excluded.failed",
                (account, int(connected), stored(now), error, stored(now) if error else None, int(failed)),
            )

    def set_synced(self, account: str, now: datetime) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE account_state SET last_sync=?, connected=1, failed=0 WHERE account=?", (stored(now), account)
            )

    def record_notice(self, account: str, via: str, delay: float) -> None:
        """New mail was noticed *via* "idle" (the server told) or "poll" (the periodic check
        found it), *delay* seconds after the server received it (its INTERNALDATE)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE account_state SET idle_notices = idle_notices + ?, poll_notices = poll_notices + ?,"
                " notice_via = ?, notice_delay = ? WHERE account = ?",
                (int(via == "idle"), int(via == "poll"), via, delay, account),
            )

    def account_states(self) -> list[AccountState]:
        return [
            AccountState(
                account,
                bool(connected),
                bool(failed),
                _moment(changed),
                _moment(synced),
                error,
                _moment(error_at),
                idle,
                poll,
                via,
                delay,
                last_uid,
            )
            for account, connected, failed, changed, synced, error, error_at, idle, poll, via, delay, last_uid in self._rows(
                "SELECT account, connected, failed, changed_at, last_sync, last_error, last_error_at, idle_notices,"
                " poll_notices, notice_via, notice_delay,"
                " (SELECT MAX(last_uid) FROM cursors c WHERE c.account = s.account)"
                " FROM account_state s ORDER BY account"
            )
        ]

    def applications(self, account: str | None = None) -> list[Application]:
        """Every application, most recently moved first, with its latest event and next reminder."""
        return [
            Application(
                id, account, company, role, status, _moment(first), _moment(last), _moment(interview), _moment(due)
            )
            for id, account, company, role, status, first, last, interview, due in self._rows(
                "SELECT a.id, a.account, a.company, a.role, a.status, a.first_seen, a.last_update,"
                " (SELECT MAX(interview_at) FROM events e WHERE e.application_id=a.id) AS interview_at,"
                " (SELECT MIN(r.due_at) FROM reminders r JOIN events e ON e.source_key=r.source_key"
                f"   WHERE e.application_id=a.id AND r.status='{ReminderStatus.PENDING}') AS next_due"
                " FROM applications a WHERE (? IS NULL OR a.account=?) ORDER BY a.last_update DESC",
                (account, account),
            )
        ]

    def events(self, since: datetime) -> list[ApplicationChange]:
        """What happened to applications since *since*: company, role, category, when, subject."""
        return [
            ApplicationChange(account, company, role, status, category, _moment(at), subject, _moment(interview))
            for account, company, role, status, category, at, subject, interview in self._rows(
                "SELECT a.account, a.company, a.role, a.status, e.category, e.at, e.subject, e.interview_at"
                " FROM events e JOIN applications a ON a.id = e.application_id WHERE e.at >= ? ORDER BY e.at",
                (stored(since),),
            )
        ]

    def drafts_appended(self, since: datetime) -> list[AppendedDraft]:
        """Drafts put in Drafts since *since*: they wait for the user's review."""
        return [
            AppendedDraft(account, template, recipient, subject, _moment(at))
            for account, template, recipient, subject, at in self._rows(
                "SELECT account, template, recipient, subject, appended_at FROM drafts"
                " WHERE status=? AND appended_at >= ? ORDER BY appended_at",
                (DraftStatus.APPENDED, stored(since)),
            )
        ]

    def next_due(self) -> datetime | None:
        """When the earliest pending reminder falls due (a failed one: when it is tried again)."""
        with self._lock:
            row = self._db.execute(
                f"SELECT MIN(MAX(due_at, COALESCE(retry_at, due_at))) FROM reminders WHERE status IN {_UNSENT}"
            ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def set_reminder_status(self, key: str, status: ReminderStatus, now: datetime | None = None) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE reminders SET status=?, sent_at=? WHERE key=?", (status, stored(now) if now else None, key)
            )

    def reminder_failed(self, key: str, note: str, retry_at: Callable[[int], datetime | None]) -> int:
        """Note a failed delivery of a reminder: tried again at retry_at(failures so far), or
        given up on (status failed) when that is None. Returns how many times it has failed."""
        with self._transaction() as db:
            row = db.execute("SELECT attempts FROM reminders WHERE key=?", (key,)).fetchone()
            attempts = (int(row[0]) if row else 0) + 1
            retry = retry_at(attempts)
            db.execute(
                "UPDATE reminders SET attempts=?, note=?, retry_at=?,"
                f" status=CASE WHEN ? IS NULL THEN '{ReminderStatus.FAILED}' ELSE status END WHERE key=?",
                (attempts, note, stored(retry) if retry else None, stored(retry) if retry else None, key),
            )
        return attempts

    def claim_reminder(self, key: str, now: datetime) -> bool:
        """Mark a due reminder 'sending' right before it goes out, unless it was cancelled or
        snoozed meanwhile (`followup reminders` writes beside a running daemon): whether it may go.
        One of the two transactions comes first: a cancel after this one finds nothing pending."""
        with self._transaction() as db:
            claimed = db.execute(
                f"UPDATE reminders SET status=? WHERE key=? AND status IN {_UNSENT} AND due_at <= ?",
                (ReminderStatus.SENDING, key, stored(now)),
            ).rowcount
        return claimed == 1

    def has_reminder(self, key: str) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM reminders WHERE key=?", (key,)).fetchone() is not None

    def add_reminder(self, account: str, source_key: str, r: ReminderToSchedule) -> None:
        """Put one reminder in the outbox (once: a key already there is left alone)."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO reminders (key, account, source_key, kind, due_at, message_id, subject, body,"
                f" in_reply_to, refs, status) VALUES (?,?,?,?,?,?,?,?,?,?, '{ReminderStatus.PENDING}')",
                (r.key, account, source_key, r.kind, stored(r.due_at), r.message_id, r.subject, r.body, r.in_reply_to,
                 r.references),
            )  # fmt: skip

    def cancel_reminder(self, note: str, *, key: str | None = None, rowid: int | None = None) -> bool:
        """Cancel a pending reminder, named by its *key* or by its number (*rowid*, as `followup
        reminders` shows it), and the later draft it would have put in Drafts: whether it was
        pending. *note* says why."""
        if (key is None) == (rowid is None):
            raise TypeError("cancel_reminder takes a key or a rowid")
        with self._transaction() as db:
            row = db.execute(
                "SELECT key, draft_key FROM reminders WHERE status=? AND (key=? OR rowid=?)",
                (ReminderStatus.PENDING, key, rowid),
            ).fetchone()
            if row is None:
                return False
            db.execute("UPDATE reminders SET status=?, note=? WHERE key=?", (ReminderStatus.CANCELLED, note, row[0]))
            if row[1]:
                db.execute(
                    "UPDATE drafts SET status=? WHERE key=? AND status=?",
                    (DraftStatus.CANCELLED, row[1], DraftStatus.PENDING),
                )
        return True

    def snooze_reminder(self, rowid: int, due: datetime, note: str) -> bool:
        """Move a pending reminder (and the draft it brings) to *due*."""
        with self._transaction() as db:
            row = db.execute(
                "SELECT draft_key FROM reminders WHERE rowid=? AND status=?", (rowid, ReminderStatus.PENDING)
            ).fetchone()
            if row is None:
                return False
            db.execute("UPDATE reminders SET due_at=?, note=?, retry_at=NULL WHERE rowid=?", (stored(due), note, rowid))
            if row[0]:
                db.execute(
                    "UPDATE drafts SET not_before=? WHERE key=? AND status=?",
                    (stored(due), row[0], DraftStatus.PENDING),
                )
        return True
