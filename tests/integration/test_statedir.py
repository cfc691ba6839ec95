"""The state directory: one process acts on it at a time, it is the user's alone, losing it
writes nothing twice, and when it cannot be used the command says so in one line. Against the
real Dovecot, with `followup` run as the user runs it."""

from __future__ import annotations

import collections
import contextlib
import email
import email.header
import fcntl
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from followup.cli.main import EXIT_ALREADY_RUNNING, EXIT_STATE
from followup.clock import FakeClock
from followup.config import parse_config
from followup.errors import AlreadyRunning
from followup.model import ReminderToSchedule
from followup.service.service import Service
from followup.state.ledger import Ledger
from followup.state.statedir import HOLDER_GRACE, StateLock
from followup.testing import wait_for

from tests.conftest import TEST_START, config_text, imap_client
from tests.dovecot import Dovecot, User
from tests.integration.test_reliability import CORPUS, SCENARIO

ARRIVED = TEST_START - timedelta(hours=3)
"""When the test mail arrives: three hours before the clock starts, so the reflection reminders
of its rejections are due at once and reminders are delivered while mail is processed."""


def _config_file(dovecot: Dovecot, user: User, tmp_path: Path, state: Path | None = None) -> Path:
    """A config on the test Dovecot. No SMTP: reminders are APPENDed to INBOX, where a second
    copy can be seen."""
    path = tmp_path / "config.toml"
    text = config_text(dovecot, user, None, state or tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    path.write_text(text)
    return path


def _mail(number: int) -> bytes:
    """The corpus, over and over, each copy with a Message-ID of its own."""
    corpus = sorted(CORPUS.glob("*.eml"))
    raw = corpus[number % len(corpus)].read_bytes()
    return raw.replace(b"Message-ID: <", f"Message-ID: <n{number}.".encode(), 1)


def _deliver(dovecot: Dovecot, user: User, messages: list[bytes]) -> None:
    feeder = imap_client(dovecot, user)
    for raw in messages:
        feeder.append("INBOX", raw, msg_time=ARRIVED)
    feeder.logout()


def _followup(*args: str, config: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "followup", *args, "--config", str(config)]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout)


def _message_ids(dovecot: Dovecot, user: User, folder: str) -> list[str]:
    """The Message-ID of every message in *folder*, duplicates included."""
    client = imap_client(dovecot, user)
    try:
        client.select_folder(folder, readonly=True)
        uids = client.search(["ALL"])
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
    finally:
        client.logout()
    headers = (email.message_from_bytes(d[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]) for d in fetched.values())
    return sorted(str(h["Message-ID"]).strip() for h in headers if h["Message-ID"])


def _written(state: Path) -> tuple[set[str], set[str]]:
    """The Message-IDs of the drafts the ledger says are in Drafts, and of the reminders it says were sent."""
    db = sqlite3.connect(state / "state.sqlite")
    try:
        drafts = {r[0] for r in db.execute("SELECT message_id FROM drafts WHERE status='appended'")}
        reminders = {r[0] for r in db.execute("SELECT message_id FROM reminders WHERE status='sent'")}
    finally:
        db.close()
    return drafts, reminders


def _reminder_mails(dovecot: Dovecot, user: User) -> list[tuple[str, str]]:
    """(Message-ID, Subject) of every reminder mail in INBOX (the marker header), duplicates included."""
    client = imap_client(dovecot, user)
    try:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        part = "BODY[HEADER.FIELDS (MESSAGE-ID SUBJECT X-FOLLOWUP)]"
        fetched = client.fetch(uids, [part.replace("BODY", "BODY.PEEK")]) if uids else {}
    finally:
        client.logout()
    headers = [email.message_from_bytes(d[part.encode()]) for d in fetched.values()]
    return [
        (
            str(h["Message-ID"]).strip(),
            " ".join(str(email.header.make_header(email.header.decode_header(h["Subject"] or ""))).split()),
        )
        for h in headers
        # Ours carry the marker and an ID in the account's domain (a corpus mail may carry the marker).
        if str(h["X-Followup"] or "").startswith("reminder") and str(h["Message-ID"]).strip().endswith("@test.example>")
    ]


def _sending(state: Path) -> set[str]:
    db = sqlite3.connect(state / "state.sqlite")
    try:
        return {r[0] for r in db.execute("SELECT message_id FROM reminders WHERE status='sending'")}
    finally:
        db.close()


def _assert_each_once(dovecot: Dovecot, user: User, state: Path) -> tuple[int, int]:
    """Every draft and reminder the ledger recorded is in the mailbox exactly once, and nothing
    else of ours is: a reminder alone by its own Message-ID, or among those of its hour in one
    mail ("N reminders: ..."). Returns how many drafts and reminders there are."""
    drafts, reminders = _written(state)
    in_drafts = _message_ids(dovecot, user, "Drafts")
    mails = _reminder_mails(dovecot, user)
    # A reminder delivered alone before a crash stays 'sending' while the others of its hour are
    # not yet due; it is marked sent when they go (its own Message-ID is found in INBOX then).
    reminders |= _sending(state) & {m for m, _ in mails}
    doubled = [m for m, n in collections.Counter(in_drafts + [m for m, _ in mails]).items() if n > 1]
    assert not doubled, f"{len(doubled)} written twice, e.g. {doubled[:3]}"
    alone = {m for m, _ in mails if m in reminders}
    together = [int(subject.split(" ", 1)[0]) for m, subject in mails if m not in reminders]
    assert set(in_drafts) == drafts and len(alone) + sum(together) == len(reminders)
    return len(drafts), len(reminders)


# ---------------------------------------------------------------------------- two processes, one state


def test_two_once_started_together_write_nothing_twice(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    _deliver(dovecot, mail_user, [_mail(n) for n in range(40)])
    command = [sys.executable, "-m", "followup", "once", "--config", str(path)]
    procs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = sorted((proc.wait(120), proc.stderr.read() if proc.stderr else "") for proc in procs)
    # One did the work; the other found the state directory taken and did nothing (or, had the
    # first finished before it started, found nothing left to do).
    assert outcomes[0][0] == 0, outcomes[0][1]
    assert outcomes[1][0] in (0, EXIT_ALREADY_RUNNING), outcomes[1][1]
    if outcomes[1][0] == EXIT_ALREADY_RUNNING:
        (line,) = outcomes[1][1].splitlines()
        assert line.startswith("followup is already running for this state directory (pid ")
        assert f"`followup once`): {tmp_path / 'state'}; this run did nothing" in line
    assert _followup("once", config=path).returncode == 0
    drafts, reminders = _assert_each_once(dovecot, mail_user, tmp_path / "state")
    assert drafts > 10 and reminders > 5


def test_once_beside_run_exits_at_once_and_readers_and_reminder_edits_are_not_blocked(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    # A rejection from now on: its later reminders are pending while the daemon runs.
    rejection = (CORPUS / SCENARIO[0]).read_bytes()
    imap_client(dovecot, mail_user).append("INBOX", rejection, msg_time=TEST_START)
    run = subprocess.Popen([sys.executable, "-m", "followup", "run", "--config", str(path)], stderr=subprocess.PIPE)
    lock = tmp_path / "state" / "lock"
    try:
        wait_for(lambda: lock.exists() and lock.read_text() == f"{run.pid} run\n", 30, "`run` to hold the lock")
        wait_for(lambda: _written(tmp_path / "state")[0], 30, "the daemon to write the draft")
        once = _followup("once", config=path, timeout=30)
        assert once.returncode == EXIT_ALREADY_RUNNING
        assert once.stderr == (
            f"followup is already running for this state directory (pid {run.pid}, `followup run`): "
            f"{tmp_path / 'state'}; this run did nothing\n"
        )
        status = _followup("status", config=path, timeout=30)
        assert status.returncode == 0 and "messages processed: 1" in status.stdout, status.stderr
        listed = _followup("reminders", "list", config=path, timeout=30)
        assert listed.returncode == 0, listed.stderr
        first = listed.stdout.split()[0]  # "#7"
        cancel = _followup("reminders", "cancel", first.lstrip("#"), config=path, timeout=30)
        assert cancel.returncode == 0 and "cancelled" in cancel.stdout, cancel.stderr
        snooze = _followup("reminders", "snooze", listed.stdout.splitlines()[1].split()[0][1:], "3d", config=path)
        assert snooze.returncode == 0 and "snoozed" in snooze.stdout, snooze.stderr
    finally:
        run.send_signal(signal.SIGTERM)
        assert run.wait(20) == 0
    assert not lock.read_text()  # let go, and names nobody


def test_a_claimed_reminder_can_no_longer_be_cancelled_and_a_cancelled_one_is_not_sent(tmp_path: Path) -> None:
    """`followup reminders cancel/snooze` write beside a running daemon: whichever transaction
    comes first wins, and the other sees it."""
    ledger = Ledger(tmp_path / "state" / "state.sqlite")
    try:
        now = TEST_START
        for key in "abc":
            ledger.add_reminder("main", "<s@x>", ReminderToSchedule(key, "reflect", now, f"<{key}@x>", key, "", "", ""))
        rowid = {row.subject: row.id for row in ledger.reminders()}
        assert ledger.cancel_reminder("cancelled by you", rowid=rowid["a"])
        assert not ledger.claim_reminder("a", now)  # cancelled before delivery: not sent
        assert ledger.snooze_reminder(rowid["b"], now + timedelta(days=3), "snoozed 3d")
        assert not ledger.claim_reminder("b", now)  # not due any more
        assert ledger.claim_reminder("c", now)
        assert not ledger.cancel_reminder("cancelled by you", rowid=rowid["c"])  # on its way already
        assert ledger.claim_reminder("c", now)  # a retry after a failed delivery
    finally:
        ledger.close()


def test_a_second_lock_is_refused_and_run_waits_for_a_once_but_not_for_a_run(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    first = StateLock(state)
    first.acquire("once")
    with pytest.raises(AlreadyRunning) as refused:
        StateLock(state).acquire("once")
    assert refused.value.pid == os.getpid() and refused.value.command == "once"
    # `run` waits for a `once` to finish...
    threading.Timer(0.2, first.release).start()
    waiting = StateLock(state)
    waiting.acquire("run", wait=30)
    assert waiting.held and (state / "lock").read_text() == f"{os.getpid()} run\n"
    # ... but nobody waits for a `run`: it lets go only when stopped.
    with pytest.raises(AlreadyRunning, match=r"\(pid \d+, `followup run`\)"):
        StateLock(state).acquire("run", wait=30)
    waiting.release()


def test_a_holder_caught_before_it_writes_its_name_is_still_named(tmp_path: Path) -> None:
    # CI once caught the second of two `once` started together between the first's flock and its
    # writing of "pid command": the refusal said "pid unknown".
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        threading.Timer(0.2, os.pwrite, (fd, f"{os.getpid()} once\n".encode(), 0)).start()
        with pytest.raises(AlreadyRunning) as refused:
            StateLock(state).acquire("once")
        assert refused.value.pid == os.getpid() and refused.value.command == "once"
    finally:
        os.close(fd)


def test_a_stop_ends_the_look_for_a_holder_that_has_not_written_its_name(tmp_path: Path) -> None:
    # The look again above waits on the stop event, not a sleep: a stopping daemon is not held.
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT, 0o600)
    stop = threading.Event()
    stop.set()
    writes_name = threading.Timer(HOLDER_GRACE / 2, os.pwrite, (fd, f"{os.getpid()} once\n".encode(), 0))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        writes_name.start()
        with pytest.raises(AlreadyRunning) as refused:
            StateLock(state).acquire("once", wait=60, stop=stop)
        assert refused.value.pid is None  # refused before the holder wrote its name
    finally:
        writes_name.cancel()
        writes_name.join()
        os.close(fd)


def cron_beside_run(
    dovecot: Dovecot, user: User, tmp_path: Path, mails: int, per_minute: int = 10
) -> dict[str, object]:
    """`followup run`, and cron starting `followup once` every minute beside it, while mail
    arrives: *per_minute* mails, then cron's `once`, and again, until *mails* have come (a
    minute is as long as that takes). Checks that nothing is written twice; returns what happened."""
    path = _config_file(dovecot, user, tmp_path)
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen([sys.executable, "-m", "followup", "run", "--config", str(path)], stderr=log)
    exits: collections.Counter[int] = collections.Counter()
    feeder = imap_client(dovecot, user)
    try:
        for start in range(0, mails, per_minute):
            for number in range(start, min(mails, start + per_minute)):
                feeder.append("INBOX", _mail(number), msg_time=ARRIVED)
            once = _followup("once", config=path)
            assert once.returncode in (0, EXIT_ALREADY_RUNNING), once.stderr
            exits[once.returncode] += 1

        def recorded() -> int:
            with contextlib.closing(sqlite3.connect(tmp_path / "state" / "state.sqlite")) as db:
                return int(db.execute("SELECT COUNT(*) FROM messages WHERE source_key LIKE '<n%'").fetchone()[0])

        wait_for(lambda: recorded() == mails, 300, f"the daemon to record all {mails} mails")
    finally:
        feeder.logout()
        run.send_signal(signal.SIGTERM)
        assert run.wait(30) == 0
        log.close()
    assert _followup("once", config=path).returncode == 0  # and whatever `run` left to do
    drafts, reminders = _assert_each_once(dovecot, user, tmp_path / "state")
    assert exits[EXIT_ALREADY_RUNNING] >= 1
    return {"mails": mails, "once runs": dict(exits), "drafts": drafts, "reminders": reminders}


@pytest.mark.slow
def test_cron_running_once_beside_run_writes_nothing_twice(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    figures = cron_beside_run(dovecot, mail_user, tmp_path, mails=60)
    assert figures["drafts"] > 10 and figures["reminders"] > 5  # type: ignore[operator]


# ---------------------------------------------------------------------------- the state directory lost


@pytest.mark.parametrize("how", ["deleted", "restored from an old backup"])
def test_a_lost_state_directory_writes_no_draft_or_reminder_again(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    # Batches of two: the later batches of a catch-up are fetched after Drafts was looked at.
    monkeypatch.setattr("followup.imap.watcher.RECORD_BATCH", 2)
    path = _config_file(dovecot, mail_user, tmp_path)
    state = tmp_path / "state"
    config = parse_config(path.read_text(), path)
    _deliver(dovecot, mail_user, [(CORPUS / name).read_bytes() for name in SCENARIO[:2]])
    Service(config, FakeClock(TEST_START)).once()
    shutil.copytree(state, tmp_path / "backup")
    _deliver(dovecot, mail_user, [(CORPUS / name).read_bytes() for name in SCENARIO[2:]])
    Service(config, FakeClock(TEST_START)).once()
    before = _assert_each_once(dovecot, mail_user, state)
    messages = _message_ids(dovecot, mail_user, "INBOX")
    assert before == (4, 4)  # two rejection replies, the invitation reply and its thank-you note; 4 reminders
    shutil.rmtree(state)
    if how != "deleted":
        shutil.copytree(tmp_path / "backup", state)
    Service(config, FakeClock(TEST_START)).once()
    assert _message_ids(dovecot, mail_user, "INBOX") == messages
    assert _assert_each_once(dovecot, mail_user, state) == before
    db = sqlite3.connect(state / "state.sqlite")
    recorded = sorted(r[0] for r in db.execute("SELECT source_key FROM messages WHERE status='done'"))
    db.close()
    # Every mail was read from INBOX (not from Drafts, which the catch-up looked at meanwhile).
    originals = [email.message_from_bytes((CORPUS / name).read_bytes())["Message-ID"] for name in SCENARIO]
    assert set(originals) <= set(recorded)


# ---------------------------------------------------------------------------- private


def test_state_is_private_whatever_the_umask(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    config = parse_config(path.read_text(), path)
    state = tmp_path / "state"
    old = os.umask(0o022)
    try:
        service = Service(config, FakeClock(TEST_START))
        service.start()
        try:
            wait_for(service.ready.is_set, 20, "the daemon to be ready")
            names = ["lock", "state.sqlite", "state.sqlite-wal", "state.sqlite-shm"]
            modes = {name: oct((state / name).stat().st_mode & 0o777) for name in names}
        finally:
            service.shutdown()
    finally:
        os.umask(old)
    assert oct(state.stat().st_mode & 0o777) == "0o700"
    assert modes == dict.fromkeys(names, "0o600")


def test_a_state_directory_others_can_read_is_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    state = tmp_path / "state"
    state.mkdir()
    state.chmod(0o755)
    with caplog.at_level(logging.WARNING, logger="followup.state.statedir"):
        Ledger(state / "state.sqlite").close()
    assert f"{state}: the state directory is open to group and others (mode 0755)" in caplog.text
    assert f"`chmod 700 {state}`" in caplog.text
    caplog.clear()
    state.chmod(0o700)
    with caplog.at_level(logging.WARNING, logger="followup.state.statedir"):
        Ledger(state / "state.sqlite").close()
    assert caplog.text == ""


# ---------------------------------------------------------------------------- unusable: one line, not a traceback


def _one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The one error line the command ended with (after the log of what it did before)."""
    assert proc.returncode == EXIT_STATE, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert proc.stderr.endswith(line + "\n")
    return line


def test_a_state_dir_that_is_a_file_is_one_line(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    (tmp_path / "state").write_text("not a directory")
    for command in (["once"], ["status"], ["reminders", "list"]):
        line = _one_line(_followup(*command, config=path))
        assert line == (
            f"error: {tmp_path / 'state'}: state_dir is not a directory: move this file away, or set state_dir"
            " in the config to another place"
        )


def test_a_corrupt_database_is_one_line_and_a_new_one_writes_nothing_twice(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    _deliver(dovecot, mail_user, [(CORPUS / name).read_bytes() for name in SCENARIO])
    assert _followup("once", config=path).returncode == 0
    before = _assert_each_once(dovecot, mail_user, tmp_path / "state")
    database = tmp_path / "state" / "state.sqlite"
    database.write_bytes(b"this is not what followup wrote\n" * 1000)
    for command in (["once"], ["status"]):
        line = _one_line(_followup(*command, config=path))
        assert line.startswith(f"error: {database}: the state database is damaged (file is not a database)")
        assert "move it aside" in line
    database.rename(database.with_suffix(".damaged"))  # what the line says to do
    assert _followup("once", config=path).returncode == 0
    assert _assert_each_once(dovecot, mail_user, tmp_path / "state") == before


@pytest.fixture
def small_disk(tmp_path: Path) -> collections.abc.Iterator[Path]:
    """A 2 MB file system of its own (tmpfs): one that really fills up."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)
            out.flush()
    return filler


def test_a_full_disk_is_one_line_and_nothing_is_lost(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, small_disk: Path
) -> None:
    state = small_disk / "state"
    path = _config_file(dovecot, mail_user, tmp_path, state)
    _deliver(dovecot, mail_user, [(CORPUS / name).read_bytes() for name in SCENARIO[:2]])
    assert _followup("once", config=path).returncode == 0
    _deliver(dovecot, mail_user, [(CORPUS / name).read_bytes() for name in SCENARIO[2:]])
    filler = _fill(small_disk)
    line = _one_line(_followup("once", config=path))
    assert line.startswith(f"error: {state}/") and "the disk is full: free some space and run again" in line
    filler.unlink()
    assert _followup("once", config=path).returncode == 0
    assert _assert_each_once(dovecot, mail_user, state) == (4, 4)
    db = sqlite3.connect(state / "state.sqlite")
    assert db.execute("SELECT COUNT(*) FROM messages WHERE status='done'").fetchone()[0] >= len(SCENARIO)
    db.close()


@pytest.mark.slow
def test_a_disk_that_fills_up_during_a_run_is_one_line_and_doubles_nothing(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, small_disk: Path
) -> None:
    """The run's own writes fill the disk, halfway through 300 mails; with more room, the next
    run finishes the job without writing anything twice."""
    state = small_disk / "state"
    path = _config_file(dovecot, mail_user, tmp_path, state)
    _deliver(dovecot, mail_user, [_mail(n) for n in range(300)])
    line = _one_line(_followup("once", config=path))
    assert line.startswith(f"error: {state}/") and "the disk is full: free some space and run again" in line
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    assert _followup("once", config=path).returncode == 0
    drafts, reminders = _assert_each_once(dovecot, mail_user, state)
    db = sqlite3.connect(state / "state.sqlite")
    assert db.execute("SELECT COUNT(DISTINCT source_key) FROM messages").fetchone()[0] == 300
    db.close()
    assert drafts > 50 and reminders > 20
