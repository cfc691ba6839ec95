"""followup.imap.deliver_drafts through the Mailbox protocol, on a mailbox in memory: no server, no root.
The same paths against a real Dovecot are in tests/integration/test_deliver_drafts.py and test_reliability.py."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from followup.imap.deliver_drafts import draft_flags, write_drafts
from followup.model import DraftToWrite, Processed, Source
from followup.state.ledger import Ledger
from followup.testing import TEST_START, ConnectionLost, FakeFolder, FakeMailbox


def draft_mail(n: int) -> bytes:
    return (
        f"From: Alex <alex@example.org>\r\nTo: Sam <sam@example.com>\r\nSubject: Re: Interview {n}\r\n"
        f"Message-ID: <draft-{n}@example.org>\r\nDate: Mon, 23 Nov 2026 08:00:00 +0000\r\n\r\nThank you.\r\n"
    ).encode()


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "state.sqlite")


def record_drafts(ledger: Ledger, *numbers: int, not_before: int | None = None) -> None:
    later = TEST_START + timedelta(days=not_before) if not_before is not None else None
    for n in numbers:
        draft = DraftToWrite(f"main\x1f{n}\x1fthanks", "thanks", f"<draft-{n}@example.org>", "sam@example.com",
                             f"Re: Interview {n}", draft_mail(n), later)  # fmt: skip
        item = Processed(Source("main", "INBOX", 1, n), f"<mail-{n}@example.com>", None, None, ("draft",), (draft,), ())
        ledger.record("main", "INBOX", 1, n, [item], TEST_START)


def test_drafts_go_to_the_special_use_folder_flagged_draft(ledger: Ledger) -> None:
    mailbox = FakeMailbox(drafts="Entwürfe")
    record_drafts(ledger, 1, 2)
    assert write_drafts(ledger, mailbox, "main", TEST_START) == 2
    stored = mailbox.folders["Entwürfe"].messages
    assert [m.raw for m in stored.values()] == [draft_mail(1), draft_mail(2)]
    assert all(m.flags == (b"\\Draft",) for m in stored.values())  # unseen: the unread count tells
    assert ledger.pending_drafts("main", TEST_START) == []
    assert write_drafts(ledger, mailbox, "main", TEST_START) == 0  # written once


def test_a_drafts_folder_is_found_by_name_or_created(ledger: Ledger) -> None:
    named = FakeMailbox(drafts=None)
    named.folders["INBOX.Drafts"] = FakeFolder()
    record_drafts(ledger, 1)
    write_drafts(ledger, named, "main", TEST_START)
    assert len(named.folders["INBOX.Drafts"].messages) == 1

    bare = FakeMailbox(folders=("INBOX",), drafts=None)
    record_drafts(ledger, 2)
    write_drafts(ledger, bare, "main", TEST_START)
    assert bare.raws("Drafts") == [draft_mail(2)]


def test_drafts_seen_adds_the_seen_flag() -> None:
    assert draft_flags(True) == [b"\\Draft", b"\\Seen"]
    assert draft_flags(False) == [b"\\Draft"]


@pytest.mark.parametrize("lost", ["before", "after"])
def test_an_append_cut_off_is_not_written_twice_on_retry(ledger: Ledger, lost: str) -> None:
    """Connection lost before the server stored the APPEND, or after (the acknowledgement lost):
    the retry looks for the Message-ID above the UIDNEXT recorded before, and appends only if absent."""
    mailbox = FakeMailbox()
    record_drafts(ledger, 1)
    mailbox.fail_append = lost
    with pytest.raises(ConnectionLost):
        write_drafts(ledger, mailbox, "main", TEST_START)
    assert [d.status for d in ledger.pending_drafts("main", TEST_START)] == ["appending"]
    write_drafts(ledger, mailbox, "main", TEST_START)
    assert mailbox.raws("Drafts") == [draft_mail(1)]
    assert ledger.pending_drafts("main", TEST_START) == []


def test_without_uidplus_a_draft_is_still_recorded_as_written(ledger: Ledger) -> None:
    mailbox = FakeMailbox(uidplus=False)
    record_drafts(ledger, 1)
    assert write_drafts(ledger, mailbox, "main", TEST_START) == 1
    assert write_drafts(ledger, mailbox, "main", TEST_START) == 0
    assert len(mailbox.raws("Drafts")) == 1


def test_look_first_records_a_draft_already_in_drafts(ledger: Ledger) -> None:
    """A lost or restored state directory: the draft's deterministic Message-ID is found there."""
    mailbox = FakeMailbox()
    mailbox.deliver("Drafts", draft_mail(1), flags=[b"\\Draft"])
    record_drafts(ledger, 1, 2)
    assert write_drafts(ledger, mailbox, "main", TEST_START, look_first=True) == 1
    assert mailbox.raws("Drafts") == [draft_mail(1), draft_mail(2)]


def test_a_later_steps_draft_waits_for_its_time_and_its_key(ledger: Ledger) -> None:
    mailbox = FakeMailbox()
    record_drafts(ledger, 1, not_before=2)
    key = "main\x1f1\x1fthanks"
    assert write_drafts(ledger, mailbox, "main", TEST_START) == 0  # not with the mail
    assert write_drafts(ledger, mailbox, "main", TEST_START, [key]) == 0  # not before its time
    assert write_drafts(ledger, mailbox, "main", TEST_START + timedelta(days=2), [key]) == 1


def test_stop_leaves_the_rest_for_the_next_run(ledger: Ledger) -> None:
    import threading

    mailbox, stop = FakeMailbox(), threading.Event()
    record_drafts(ledger, 1, 2)
    stop.set()
    assert write_drafts(ledger, mailbox, "main", TEST_START, stop=stop) == 0
    assert len(ledger.pending_drafts("main", TEST_START)) == 2
