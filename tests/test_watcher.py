"""followup.imap.watcher's catch-up, and the scheduler's delivery, through the Mailbox protocol on a
mailbox in memory: no server, no root. The loop against real servers (IDLE, reconnects, cut
connections) is tested in tests/integration/ (test_service.py, test_servers.py, test_reliability.py)."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from followup.cli.demo import DEMO_MAIL, DEMO_START
from followup.clock import FakeClock
from followup.config import Config, parse_config
from followup.imap import mailbox as imap
from followup.imap.watcher import AccountWatcher
from followup.pipeline import Pipeline
from followup.remind.deliver_reminders import ReminderScheduler
from followup.state.ledger import Ledger
from followup.testing import ConnectionLost, FakeMailbox

SEEDS = sorted(DEMO_MAIL.glob("*.eml"))


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.setenv("FOLLOWUP_FAKE_PASSWORD", "secret")
    return parse_config(
        f"""
state_dir = "{tmp_path / "state"}"
timezone = "UTC"
act_on_mail_newer_than = "3650d"
[accounts.main]
name = "Alex Example"
email = "alex@demo.example"
reminder_delivery = "imap"
[accounts.main.imap]
host = "imap.test"
username = "alex@demo.example"
password_env = "FOLLOWUP_FAKE_PASSWORD"
""",
        tmp_path / "config.toml",
    )


@pytest.fixture
def ledger(config: Config) -> Iterator[Ledger]:
    config.state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    ledger = Ledger(config.state_dir / "state.sqlite")
    yield ledger
    ledger.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(DEMO_START)


def watcher(config: Config, ledger: Ledger, clock: FakeClock) -> AccountWatcher:
    pipeline = Pipeline.load(config)
    return AccountWatcher(config.accounts[0], lambda: pipeline, ledger, clock, threading.Event())


def seeded(config: Config) -> FakeMailbox:
    mailbox = FakeMailbox(config.accounts[0].imap)
    for path in SEEDS:
        mailbox.deliver("INBOX", path.read_bytes(), DEMO_START - timedelta(hours=1))
    return mailbox


def test_a_catch_up_records_every_message_and_writes_each_draft_once(
    config: Config, ledger: Ledger, clock: FakeClock
) -> None:
    mailbox = seeded(config)
    inbox_before = mailbox.raws("INBOX")
    watching = watcher(config, ledger, clock)
    watching.sync(mailbox)
    assert len(ledger.messages()) == len(SEEDS)
    drafts = mailbox.folders["Drafts"].messages
    assert drafts, "the demo's invitation and rejections get drafts"
    assert all(b"\\Draft" in m.flags for m in drafts.values())
    assert mailbox.raws("INBOX") == inbox_before  # nothing written to what it reads
    assert ledger.cursor("main", "INBOX") == (1, len(SEEDS))

    watching.sync(mailbox)  # nothing new: nothing again
    assert len(mailbox.folders["Drafts"].messages) == len(drafts)


def test_new_mail_after_a_catch_up_is_noticed_and_processed(config: Config, ledger: Ledger, clock: FakeClock) -> None:
    mailbox = FakeMailbox(config.accounts[0].imap)
    watching = watcher(config, ledger, clock)
    watching.sync(mailbox)
    assert not mailbox.grown()
    mailbox.deliver("INBOX", SEEDS[1].read_bytes(), DEMO_START)
    assert mailbox.grown()
    assert not watching._caught_up(mailbox, "INBOX")
    watching.sync(mailbox)
    assert len(ledger.messages()) == 1
    assert watching._caught_up(mailbox, "INBOX")


def test_a_recreated_folder_is_rescanned_without_writing_drafts_again(
    config: Config, ledger: Ledger, clock: FakeClock
) -> None:
    mailbox = seeded(config)
    watching = watcher(config, ledger, clock)
    watching.sync(mailbox)
    drafts = len(mailbox.folders["Drafts"].messages)
    mailbox.recreate("INBOX")  # new UIDVALIDITY, the same mail under new UIDs
    watching.sync(mailbox)
    assert ledger.cursor("main", "INBOX") == (2, len(SEEDS))
    assert len(mailbox.folders["Drafts"].messages) == drafts


def test_a_draft_append_cut_off_is_not_duplicated_by_the_next_sync(
    config: Config, ledger: Ledger, clock: FakeClock
) -> None:
    mailbox = seeded(config)
    mailbox.fail_append = "after"  # the server stored the first draft; its answer was lost
    watching = watcher(config, ledger, clock)
    with pytest.raises(ConnectionLost):
        watching.sync(mailbox)
    watching.sync(mailbox)
    ids = [imap.message_id_key(m.raw.split(b"Message-ID:", 1)[1].split(b"\r\n")[0].decode()) for m in
           mailbox.folders["Drafts"].messages.values()]  # fmt: skip
    assert len(ids) == len(set(ids))
    assert not ledger.pending_drafts("main", clock.now())


def test_run_once_connects_syncs_and_closes(
    config: Config, ledger: Ledger, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox = seeded(config)
    opened: list[FakeMailbox] = []
    monkeypatch.setattr(
        imap.Mailbox, "connect", classmethod(lambda cls, cfg, stop=None: opened.append(mailbox) or mailbox)
    )
    watcher(config, ledger, clock).run_once()
    assert opened == [mailbox]
    assert mailbox.closed
    assert len(ledger.messages()) == len(SEEDS)
    with contextlib.closing(sqlite3.connect(ledger.path)) as db:  # the row as stored, whatever the API's type
        assert db.execute("SELECT connected FROM account_state").fetchall() == [(0,)]


def test_due_reminders_are_delivered_to_the_inbox_once(
    config: Config, ledger: Ledger, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reminder_delivery = "imap": the reminders due within the hour are APPENDed to INBOX, once;
    the scheduler opens a connection of its own for each delivery and closes it."""
    mailbox = seeded(config)
    watcher(config, ledger, clock).sync(mailbox)
    monkeypatch.setattr(imap.Mailbox, "connect", classmethod(lambda cls, cfg, stop=None: mailbox.reconnect()))
    account = config.accounts[0]
    scheduler = ReminderScheduler(config.state_dir, ledger, {account.key: account}, clock)
    inbox = len(mailbox.raws("INBOX"))
    clock.advance(timedelta(hours=26))
    sent = scheduler.deliver_due()
    assert sent > 0
    assert len(mailbox.raws("INBOX")) > inbox
    assert not ledger.due_reminders(clock.now())
    after = len(mailbox.raws("INBOX"))
    assert scheduler.deliver_due() == 0
    assert len(mailbox.raws("INBOX")) == after
