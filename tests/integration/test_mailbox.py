"""The backfill's FETCH reader (followup.imap.mailbox.parse_fetch_response): imaplib's data as Fetched,
checked on hand-made responses and against imapclient's own parser on a real Dovecot."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from followup.imap.mailbox import Mailbox, ascending_uids, parse_fetch_response, uid_ranges
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import imap_client, make_config
from tests.dovecot import Dovecot, User

CORPUS = Path(__file__).parent.parent / "corpus"


def test_body_size_and_date_in_any_order() -> None:
    data = [
        (b'7 (UID 41 RFC822.SIZE 12 INTERNALDATE " 5-Nov-2023 09:08:07 +0130" BODY[]<0> {5}', b"Hello"),
        b")",
        (b"8 (UID 42 BODY[]<0> {3}", b"abc"),
        b' RFC822.SIZE 3 INTERNALDATE "15-Dec-2024 23:59:00 -0800")',
    ]
    found = parse_fetch_response(data)
    assert list(found) == [41, 42]
    first, second = found[41], found[42]
    assert (first.raw, first.size, first.truncated) == (b"Hello", 12, True)
    assert first.internaldate == datetime(2023, 11, 5, 9, 8, 7, tzinfo=timezone(timedelta(hours=1, minutes=30)))
    assert (second.raw, second.size, second.truncated) == (b"abc", 3, False)
    assert second.internaldate is not None
    assert second.internaldate.astimezone(UTC) == datetime(2024, 12, 16, 7, 59, tzinfo=UTC)


def test_a_flag_update_on_the_side_and_an_empty_body_are_handled() -> None:
    data = [
        b"3 (UID 9 FLAGS (\\Seen))",  # unsolicited: no body, not a fetched message
        b'4 (UID 10 RFC822.SIZE 0 INTERNALDATE "01-Jan-2024 00:00:00 +0000" BODY[]<0> NIL)',
        (b"5 (UID 11 BODY[]<0> {2}", b"ok"),
        b")",
    ]
    found = parse_fetch_response(data)
    assert sorted(found) == [10, 11]
    assert found[10].raw == b"" and not found[10].truncated
    assert found[11].size == 2 and found[11].internaldate is None


@given(
    uid=st.integers(1, 2**32 - 1),
    body=st.binary(max_size=300),
    extra=st.integers(0, 1000),
    day=st.integers(1, 28),
)
def test_any_literal_comes_back_byte_for_byte(uid: int, body: bytes, extra: int, day: int) -> None:
    # The literal may hold anything, including text that looks like a FETCH response.
    prefix = f'1 (UID {uid} RFC822.SIZE {len(body) + extra} INTERNALDATE "{day:2d}-Mar-2025 10:00:00 +0000" BODY[]<0> {{{len(body)}}}'
    found = parse_fetch_response([(prefix.encode(), body), b")"])
    assert found[uid].raw == body
    assert found[uid].truncated == (extra > 0)
    assert found[uid].internaldate == datetime(2025, 3, day, 10, tzinfo=UTC)


def test_the_same_messages_as_imapclient_reads_them(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    client = imap_client(dovecot, mail_user)
    for path in sorted(CORPUS.glob("*.eml"))[:40]:
        client.append("INBOX", path.read_bytes(), msg_time=datetime(2024, 2, 29, 12, 30, tzinfo=UTC))
    client.select_folder("INBOX", readonly=True)
    uids = client.search(["ALL"])
    expected = client.fetch(uids, ["BODY.PEEK[]<0.600>", "RFC822.SIZE", "INTERNALDATE"])
    config = make_config(dovecot, mail_user, None, tmp_path / "state")
    mailbox = Mailbox.connect(config.accounts[0].imap)
    try:
        mailbox.examine("INBOX")
        fetched = mailbox.fetch(uids, 600)
    finally:
        mailbox.close()
        client.logout()
    assert [f.uid for f in fetched] == uids
    for f in fetched:
        want = expected[f.uid]
        assert f.raw == want[b"BODY[]<0>"]
        assert f.size == want[b"RFC822.SIZE"]
        assert f.truncated == (want[b"RFC822.SIZE"] > 600)
        assert f.internaldate is not None
        assert f.internaldate.astimezone(UTC) == datetime(2024, 2, 29, 12, 30, tzinfo=UTC)


@given(uids=st.sets(st.integers(1, 2**32 - 1), max_size=40), above=st.integers(0, 2**32 - 1), data=st.data())
def test_a_sequence_set_gives_back_its_uids_above_the_cursor(uids: set[int], above: int, data: st.DataObject) -> None:
    # Written as a server might: runs as ranges either way round, in any order, some repeated.
    ordered = sorted(uids)
    runs: list[list[int]] = []
    for uid in ordered:
        if runs and uid == runs[-1][-1] + 1:
            runs[-1].append(uid)
        else:
            runs.append([uid])
    parts = [f"{r[0]}:{r[-1]}" if data.draw(st.booleans()) else f"{r[-1]}:{r[0]}" for r in runs if len(r) > 1]
    parts += [str(r[0]) for r in runs if len(r) == 1]
    parts += data.draw(st.lists(st.sampled_from(parts), max_size=3)) if parts else []
    parts = data.draw(st.permutations(parts))
    if not parts:
        return
    found = ascending_uids(uid_ranges(",".join(parts).encode()), above=above)
    assert list(found) == [uid for uid in ordered if uid > above]


def test_the_uids_after_a_cursor_with_and_without_esearch(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    """Dovecot answers ESEARCH with ranges; a server without it lists every UID. Both the same."""
    feeder = imap_client(dovecot, mail_user)
    for _ in range(6):
        feeder.append("INBOX", (CORPUS / "091-job_alert-en.eml").read_bytes())
    feeder.select_folder("INBOX")
    feeder.delete_messages([3])  # the feeder's own: a gap in the UIDs, "1:2,4:6"
    feeder.expunge()
    config = make_config(dovecot, mail_user, None, tmp_path / "state")
    mailbox = Mailbox.connect(config.accounts[0].imap)
    try:
        mailbox.examine("INBOX")
        assert mailbox.client.has_capability("ESEARCH")
        with_esearch = [list(mailbox.uids_after(last)) for last in (0, 2, 5, 6, 9)]
        assert with_esearch == [[1, 2, 4, 5, 6], [4, 5, 6], [6], [], []]
        capabilities = mailbox.client.capabilities()
        mailbox.client._cached_capabilities = tuple(c for c in capabilities if c != b"ESEARCH")
        assert not mailbox.client.has_capability("ESEARCH")
        assert [list(mailbox.uids_after(last)) for last in (0, 2, 5, 6, 9)] == with_esearch
    finally:
        mailbox.close()
        feeder.logout()


def test_mail_announced_as_idle_starts_ends_the_wait(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    """Mail that arrives after the last check but before IDLE: Dovecot announces it as IDLE
    starts, often in the same packet as its '+ idling'. The wait must end on it, not on the
    next unrelated notice (the bench once waited 30 s here)."""
    config = make_config(dovecot, mail_user, None, tmp_path / "state")
    mailbox = Mailbox.connect(config.accounts[0].imap)
    feeder = imap_client(dovecot, mail_user)
    try:
        mailbox.examine("INBOX")
        feeder.append("INBOX", (CORPUS / "091-job_alert-en.eml").read_bytes())
        started = time.monotonic()
        mailbox.wait_for_change(20, threading.Event(), threading.Event())
        assert time.monotonic() - started < 5, "the wait ended on the mail announced with '+ idling'"
        assert list(mailbox.uids_after(0)) == [1]
    finally:
        mailbox.close()
        feeder.logout()
