"""followup.state.applications: which application a mail belongs to, and what it does to its status
and its pending nudges. Driven through Ledger.record (it runs inside the ledger's transaction);
read back with plain SQL."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from followup.model import ApplicationEvent, Decision, Envelope, Processed, ReminderToSchedule, Source, among
from followup.state.ledger import Ledger
from followup.testing import TEST_START
from hypothesis import given
from hypothesis import strategies as st


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "state.sqlite")


def mail(
    ledger: Ledger,
    uid: int,
    category: str,
    event: ApplicationEvent,
    refs: tuple[str, ...] = (),
    nudge: bool = False,
) -> None:
    key = f"<m{uid}@example.com>"
    envelope = Envelope(f"mail {uid}", "Sam <sam@example.com>", TEST_START + timedelta(hours=uid), refs)
    reminders = ()
    if nudge:
        reminders = (
            ReminderToSchedule(f"r{uid}", "check_in", TEST_START + timedelta(days=7), f"<r{uid}@x>", "s", "b", "", ""),
        )
    decision = Decision(category, "test-rule", ())
    item = Processed(Source("main", "INBOX", 1, uid), key, envelope, decision, (), (), reminders, None, event)
    ledger.record("main", "INBOX", 1, uid, [item], TEST_START + timedelta(hours=uid))


def rows(ledger: Ledger, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(ledger.path)) as db:
        return list(db.execute(sql))


def test_a_new_company_and_role_open_an_application(ledger: Ledger) -> None:
    mail(ledger, 1, "received", ApplicationEvent("Northwind", "Data Engineer", status="applied"))
    assert rows(ledger, "SELECT company, role, status FROM applications") == [("Northwind", "Data Engineer", "applied")]


def test_the_same_company_and_role_in_other_spelling_is_the_same_application(ledger: Ledger) -> None:
    mail(ledger, 1, "received", ApplicationEvent("Northwind Ltd.", "Data Engineer", status="applied"))
    mail(ledger, 2, "interview_invitation", ApplicationEvent("northwind ltd", "data-engineer", status="interviewing"))
    assert rows(ledger, "SELECT status FROM applications") == [("interviewing",)]
    assert len(rows(ledger, "SELECT * FROM events")) == 2


def test_a_reply_in_the_thread_joins_its_application_whatever_it_names(ledger: Ledger) -> None:
    mail(ledger, 1, "received", ApplicationEvent("Northwind", "Data Engineer", status="applied"))
    mail(ledger, 2, "rejection", ApplicationEvent("", "", status="rejected"), refs=("<m1@example.com>",))
    assert rows(ledger, "SELECT company, status FROM applications") == [("Northwind", "rejected")]


def test_another_role_at_the_same_company_is_another_application(ledger: Ledger) -> None:
    mail(ledger, 1, "received", ApplicationEvent("Northwind", "Data Engineer", status="applied"))
    mail(ledger, 2, "received", ApplicationEvent("Northwind", "Designer", status="applied"))
    assert len(rows(ledger, "SELECT * FROM applications")) == 2


def test_a_final_answer_stops_the_earlier_nudges(ledger: Ledger) -> None:
    mail(ledger, 1, "received", ApplicationEvent("Northwind", "Data Engineer", status="applied"), nudge=True)
    mail(ledger, 2, "rejection", ApplicationEvent("Northwind", "Data Engineer", status="rejected", stops=None))
    [(status, note)] = rows(ledger, "SELECT status, note FROM reminders")
    assert status == "cancelled"
    assert "rejection" in str(note)


def test_a_mail_that_stops_nothing_leaves_the_nudges(ledger: Ledger) -> None:
    mail(ledger, 1, "received", ApplicationEvent("Northwind", "Data Engineer", status="applied"), nudge=True)
    mail(ledger, 2, "received", ApplicationEvent("Northwind", "Data Engineer"))
    assert rows(ledger, "SELECT status FROM reminders") == [("pending",)]
    assert rows(ledger, "SELECT status FROM applications") == [("applied",)]


@given(st.sampled_from(["Acme", "ACME GmbH", ""]), st.sampled_from(["Data Analyst", "data-analyst", ""]))
def test_an_application_is_among_those_of_its_company_and_role(company: str, role: str) -> None:
    keys = {("acme", "dataanalyst"), ("globex", "")}
    assert among(keys, company, role) == (company == "Acme" and role in ("Data Analyst", "data-analyst", ""))
    assert among(keys, "Globex", role) and not among(keys, "", "Data Analyst")
