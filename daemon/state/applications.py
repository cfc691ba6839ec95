"""Which application a mail belongs to, and what it does to it: the rules of the application
ledger. Runs inside the ledger's transaction (followup.state.ledger.Ledger.record)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from followup.clock import stored
from followup.model import ApplicationEvent, ApplicationStatus, DraftStatus, Envelope, ReminderStatus
from followup.model import application_key as _key


def attach(
    db: sqlite3.Connection,
    account: str,
    source_key: str,
    envelope: Envelope,
    category: str,
    event: ApplicationEvent,
    now: datetime,
) -> None:
    """Attach a mail to its application (the thread's, else the same company and role, else a
    new one), move the status on, and stop the old nudges after a final answer."""
    found = None
    refs = [r for r in envelope.references if r]
    if refs:
        # Two steps, each down an index: as one query with an OR, SQLite walked every
        # application of the account and its events, 10 ms a message in a 100k ledger.
        marks = ",".join("?" * len(refs))
        threads = [
            row[0]
            for sql in (
                f"SELECT application_id FROM events WHERE source_key IN ({marks})",
                "SELECT e.application_id FROM drafts d JOIN events e ON e.source_key = d.source_key"
                f" WHERE d.message_id IN ({marks})",
            )
            for row in db.execute(sql, refs)
        ]
        if threads:
            found = db.execute(
                f"SELECT id FROM applications WHERE id IN ({','.join('?' * len(threads))}) AND account=?"
                " ORDER BY last_update DESC LIMIT 1",
                (*threads, account),
            ).fetchone()
    company_key, role_key = _key(event.company), _key(event.role)
    if found is None and company_key:
        same = db.execute(
            "SELECT id, role_key FROM applications WHERE account=? AND company_key=? ORDER BY last_update DESC",
            (account, company_key),
        ).fetchall()
        found = next((r for r in same if r[1] == role_key), None) or next(
            (r for r in same if not role_key or not r[1]), None
        )
    if found is None:
        cursor = db.execute(
            "INSERT INTO applications (account, company, role, status, first_seen, last_update, company_key, role_key)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (account, event.company, event.role, event.status or ApplicationStatus.APPLIED, stored(now), stored(now),
             company_key, role_key),
        )  # fmt: skip
        application = int(cursor.lastrowid or 0)
    else:
        application = int(found[0])
        db.execute(
            "UPDATE applications SET status=COALESCE(?, status), last_update=?,"
            " role=CASE WHEN role='' THEN ? ELSE role END, company=CASE WHEN company='' THEN ? ELSE company END,"
            " role_key=CASE WHEN role_key='' THEN ? ELSE role_key END,"
            " company_key=CASE WHEN company_key='' THEN ? ELSE company_key END WHERE id=?",
            (event.status, stored(now), event.role, event.company, role_key, company_key, application),
        )
    db.execute(
        "INSERT OR IGNORE INTO events VALUES (?,?,?,?,?,?)",
        (
            application,
            source_key,
            category,
            stored(envelope.date or now),
            envelope.subject,
            stored(event.interview_at) if event.interview_at else None,
        ),
    )
    if event.stops != ():
        kinds = event.stops
        only = f" AND kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        # Driven by the few pending reminders, each looked up in events by primary key: an
        # application's events grow with the years of mail, its pending reminders do not.
        earlier = (
            f"status='{ReminderStatus.PENDING}' AND account=? AND source_key != ? AND EXISTS (SELECT 1 FROM events"
            f" WHERE application_id=? AND events.source_key = reminders.source_key){only}"
        )
        params = (account, source_key, application, *(kinds or ()))
        db.execute(
            "UPDATE drafts SET status=? WHERE status=? AND not_before IS NOT NULL AND key IN"
            f" (SELECT draft_key FROM reminders WHERE {earlier})",
            (DraftStatus.CANCELLED, DraftStatus.PENDING, *params),
        )
        note = f"stopped: {category.replace('_', ' ')} on {(envelope.date or now):%d %b}"
        db.execute(f"UPDATE reminders SET status=?, note=? WHERE {earlier}", (ReminderStatus.CANCELLED, note, *params))
