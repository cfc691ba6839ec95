"""One bad thing never stops the rest: a mail that trips any stage is quarantined, an account's
loop that fails shows as an error and starts again, one account's failure leaves the others
alone, a reminder that cannot be delivered never holds up the others, interview times far from
the mail's date are no times at all. Against the real Dovecot."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from followup import pipeline
from followup.act.extract import INTERVIEW_WINDOW, extract
from followup.clock import FakeClock
from followup.config import Config, Secret, parse_config
from followup.errors import AuthenticationError, MailboxError, SecretError
from followup.imap.mailbox import Mailbox
from followup.imap.watcher import AccountWatcher
from followup.mail.parse import parse_mail
from followup.model import Processed, ReminderToSchedule, Source
from followup.remind.deliver_reminders import GIVE_UP_AFTER
from followup.secret import reveal
from followup.service.service import Service
from followup.state import ledger as ledger_module
from followup.state.ledger import Ledger
from followup.testing import wait_for

from tests.conftest import SHIPPED_PLATFORMS, TEST_START, config_text, imap_client, unreachable_account
from tests.dovecot import Dovecot, User
from tests.proxy import Proxy

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
REJECTION = (CORPUS / "019-rejection-en.eml").read_bytes()
FAST = 'security = "none"\ntimeout = 5\npoll_interval = 1'


def _invitation(dtstart: str, mid: str = "cal") -> bytes:
    """An interview invitation with a calendar part whose event starts at *dtstart*."""
    return (
        "From: Elena Petrova <elena.petrova@fabrikam.example>\r\nTo: sam@example.org\r\n"
        "Subject: Interview invitation\r\nDate: Sun, 22 Nov 2026 10:00:00 +0100\r\n"
        f"Message-ID: <{mid}@fabrikam.example>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'
        "Dear Sam, we would like to invite you to an interview for the Backend Engineer role.\r\n"
        "--b\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n"
        f"BEGIN:VEVENT\r\nUID:{mid}@fabrikam.example\r\n{dtstart}\r\nSUMMARY:Interview\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n--b--\r\n"
    ).encode()


def _with_message_id(raw: bytes, mid: str) -> bytes:
    return raw.replace(b"Message-ID: <", f"Message-ID: <{mid}.".encode(), 1)


def _second_account(dovecot: Dovecot, user: User, key: str = "second") -> str:
    variable = f"FOLLOWUP_TEST_PW_{user.name.split('@')[0].upper()}"
    config_text(dovecot, user, None, Path("/unused"))  # puts the password in the environment
    return f"""
[accounts.{key}]
email = "{user.name}"
[accounts.{key}.imap]
host = "127.0.0.1"
port = {dovecot.port}
username = "{user.name}"
password_env = "{variable}"
security = "none"
timeout = 5
"""


def _config(dovecot: Dovecot, user: User, tmp_path: Path, more: str = "", imap: str = FAST) -> Config:
    text = config_text(dovecot, user, None, tmp_path / "state", 'act_on_mail_newer_than = "3650d"', imap=imap) + more
    path = tmp_path / "config.toml"
    path.write_text(text)
    return parse_config(text, path)


def _rows(config: Config, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(config.state_dir / "state.sqlite")
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


# ---------------------------------------------------------------------------- one bad mail


TRIP_TIME = TEST_START - timedelta(hours=1)
"""When the mail that trips a stage arrived: plan_for is given only that of the mail."""


def _tripwire(monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    """Make *stage* (of the pipeline, or of recording: ledger.attach) fail, as a bug would, on
    the mail whose subject says TRIPWIRE."""
    module, _, stage = stage.rpartition(".")
    where = ledger_module if module == "ledger" else pipeline
    real: Callable[..., Any] = getattr(where, stage)

    def marked(arg: object) -> bool:
        if isinstance(arg, bytes):
            return b"Subject: TRIPWIRE" in arg
        return arg == TRIP_TIME or "TRIPWIRE" in str(getattr(arg, "subject", ""))

    def tripped(*args: Any, **kwargs: Any) -> Any:
        if any(marked(arg) for arg in args):
            raise OverflowError("date value out of range")
        return real(*args, **kwargs)

    monkeypatch.setattr(where, stage, tripped)


@pytest.mark.parametrize("stage", ["parse_mail", "classify", "extract", "plan_for", "render_draft", "ledger.attach"])
def test_a_mail_that_trips_any_stage_is_quarantined_and_the_rest_carry_on(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    other = dovecot.add_user()
    config = _config(dovecot, mail_user, tmp_path, _second_account(dovecot, other))
    feeder = imap_client(dovecot, mail_user)
    tripwire = REJECTION.replace(b"Subject: ", b"Subject: TRIPWIRE ", 1)
    feeder.append("INBOX", _with_message_id(tripwire, "bad"), msg_time=TRIP_TIME)
    feeder.append("INBOX", _with_message_id(REJECTION, "after"))
    imap_client(dovecot, other).append("INBOX", _with_message_id(REJECTION, "other"))
    _tripwire(monkeypatch, stage)
    Service(config, FakeClock(TEST_START)).once()
    rows = _rows(config, "SELECT account, uid, status, category, error FROM messages ORDER BY account, uid")
    assert [r[:4] for r in rows] == [
        ("main", 1, "quarantined", None),
        ("main", 2, "done", "rejection"),
        ("second", 1, "done", "rejection"),
    ]
    assert (
        rows[0][4] == ("unrecordable: " if stage == "ledger.attach" else "OverflowError: ") + "date value out of range"
    )


def test_in_once_one_accounts_failure_never_stops_another(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    broken = unreachable_account()
    # The broken account first: the one after it must be processed all the same.
    text = config_text(dovecot, mail_user, None, tmp_path / "state", 'act_on_mail_newer_than = "3650d"')
    head, _, main = text.partition("[accounts.main]")
    path = tmp_path / "config.toml"
    path.write_text(head + broken + "[accounts.main]" + main)
    imap_client(dovecot, mail_user).append("INBOX", REJECTION)
    once = subprocess.run(
        [sys.executable, "-m", "followup", "once", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert once.returncode == 1
    assert "error: account broken: cannot connect to 127.0.0.1" in once.stderr
    assert once.stdout.startswith("1 new mail: 1 rejection (") and once.stdout.endswith(" (1 of 2 accounts not read)\n")
    config = parse_config(path.read_text(), path)
    assert _rows(config, "SELECT account, category FROM messages") == [("main", "rejection")]


def test_a_watcher_that_fails_shows_as_an_error_and_starts_again(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(dovecot, mail_user, tmp_path)
    real = AccountWatcher.catch_up
    # The bug stays until the test has seen it from outside: `followup status` is a process of
    # its own, slow to start on a loaded machine, and a watcher that heals first would hide it.
    fixed = threading.Event()

    def catch_up(self: AccountWatcher, *args: Any) -> None:
        if not fixed.is_set() and self.watching.is_set():
            raise RuntimeError("a bug in the catch-up")
        real(self, *args)

    monkeypatch.setattr(AccountWatcher, "catch_up", catch_up)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    watcher = service.watchers[0]
    try:
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        assert service.status_line().startswith("main watching")
        imap_client(dovecot, mail_user).append("INBOX", _with_message_id(REJECTION, "first"))
        wait_for(lambda: watcher.state == "error", 10, "the failure to show")
        assert service.status_line().startswith("main error (RuntimeError: a bug in the catch-up)")
        status = subprocess.run(
            [sys.executable, "-m", "followup", "status", "--config", str(config.path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "main: error since" in status.stdout and "RuntimeError: a bug in the catch-up" in status.stdout
        # Started again: the mail that came with the failure is processed, and so is the next.
        fixed.set()
        imap_client(dovecot, mail_user).append("INBOX", _with_message_id(REJECTION, "second"))
        # The backoff has grown while the bug stayed (1, 2, 4 ... s): the deadline allows for it.
        wait_for(lambda: len(_rows(config, "SELECT 1 FROM messages")) == 2, 40, "both mails to be recorded")
        wait_for(lambda: watcher.state == "watching", 10, "the account to be watching again")
        assert _rows(config, "SELECT failed FROM account_state") == [(0,)]
    finally:
        service.shutdown()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the death is the point
def test_a_watcher_thread_that_dies_anyway_is_started_again(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(dovecot, mail_user, tmp_path)
    real = AccountWatcher._watch
    deaths = [SystemExit("worse than an Exception")]

    def watch(self: AccountWatcher) -> None:
        if deaths:
            raise deaths.pop()
        real(self)

    monkeypatch.setattr(AccountWatcher, "_watch", watch)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    try:
        wait_for(lambda: not service._threads[0].is_alive(), 10, "the thread to die")
        service.revive()  # what the run loop does at each step
        assert service.status_line().startswith("main error (its thread ended unexpectedly)")
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        wait_for(lambda: service.watchers[0].state == "watching", 10, "the account to be watching")
    finally:
        service.shutdown()


# ---------------------------------------------------------------------------- dates out of reach


@pytest.mark.parametrize(
    ("dtstart", "believed"),
    [
        ("DTSTART:99991231T235959Z", False),
        ("DTSTART;TZID=Pacific/Kiritimati:00010101T000000", False),
        ("DTSTART:20290101T100000Z", False),  # more than two years after the mail
        ("DTSTART;TZID=Europe/Berlin:20261126T140000", True),
        ("DTSTART:20281101T100000Z", True),
    ],
)
def test_an_interview_time_far_from_the_mails_date_is_no_time_at_all(dtstart: str, believed: bool) -> None:
    facts = extract(parse_mail(_invitation(dtstart)), ZoneInfo("Europe/Berlin"), platforms=SHIPPED_PLATFORMS)
    assert (facts.interview_at is not None) is believed
    if believed:
        sent = datetime(2026, 11, 22, 9, tzinfo=UTC)
        assert facts.interview_at is not None and abs(facts.interview_at - sent) <= INTERVIEW_WINDOW


def test_invitations_for_year_1_and_year_9999_are_processed_without_an_interview_time(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    config = _config(dovecot, mail_user, tmp_path, imap='security = "none"\ntimeout = 5')
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", _invitation("DTSTART:99991231T235959Z", "y9999"))
    feeder.append("INBOX", _invitation("DTSTART;TZID=Pacific/Kiritimati:00010101T000000", "y1"))
    feeder.append("INBOX", _with_message_id(REJECTION, "after"))
    clock = FakeClock(TEST_START)
    Service(config, clock).once()
    assert _rows(config, "SELECT status, category FROM messages ORDER BY uid") == [
        ("done", "interview_invitation"),
        ("done", "interview_invitation"),
        ("done", "rejection"),
    ]
    assert _rows(config, "SELECT interview_at FROM events WHERE category='interview_invitation'") == [(None,), (None,)]
    dues = [datetime.fromisoformat(d) for (d,) in _rows(config, "SELECT due_at FROM reminders")]
    assert dues and all(TEST_START <= d <= TEST_START + timedelta(weeks=7) for d in dues)
    clock.advance(timedelta(days=2))
    Service(config, clock).once()  # the thank-you nudges (a day after each mail) go out
    assert _rows(config, "SELECT COUNT(*) FROM reminders WHERE kind='thank_you' AND status='sent'") == [(2,)]


# ---------------------------------------------------------------------------- one bad reminder


def test_a_reminder_that_cannot_be_delivered_never_holds_up_the_others(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """A reminder due in year 1 (as an earlier version planned from such an invitation) makes its
    delivery overflow: it is tried again later, less often, then given up; the others go out."""
    config = _config(dovecot, mail_user, tmp_path, imap='security = "none"\ntimeout = 5')
    year_one = datetime(1, 1, 1, tzinfo=ZoneInfo("Pacific/Kiritimati"))

    def reminder(key: str, due: datetime) -> ReminderToSchedule:
        return ReminderToSchedule(
            key, "thank_you", due, f"<{key}@followup.test>", f"Reminder {key}", "Say thank you.", "<x@y>", "<x@y>",
            cancel_if_replied=True, since=due,
        )  # fmt: skip

    ledger = Ledger(config.state_dir / "state.sqlite")
    item = Processed(
        Source("main", "INBOX", 1, 1), "<x@y>", None, None, (), (),
        (reminder("broken", year_one), reminder("fine", TEST_START - timedelta(hours=1))),
    )  # fmt: skip
    ledger.record("main", "INBOX", 1, 0, [item], TEST_START)
    ledger.close()
    clock = FakeClock(TEST_START)
    Service(config, clock).once()

    def state() -> dict[str, tuple[Any, ...]]:
        rows = _rows(config, "SELECT key, status, attempts, retry_at, note FROM reminders")
        return {row[0]: row[1:] for row in rows}

    assert state()["fine"][0] == "sent"
    status, attempts, retry_at, note = state()["broken"]
    assert (status, attempts) == ("pending", 1) and "OverflowError" in note
    assert datetime.fromisoformat(retry_at) == TEST_START + timedelta(minutes=5)
    Service(config, clock).once()
    assert state()["broken"][1] == 1  # not before its time
    for _ in range(GIVE_UP_AFTER - 1):
        clock.advance(timedelta(hours=24))  # a day: every try within reminder_hours (08:00-21:00)
        Service(config, clock).once()
    assert state()["broken"][:2] == ("failed", GIVE_UP_AFTER)
    listing = subprocess.run(
        [sys.executable, "-m", "followup", "reminders", "list", "--config", str(config.path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "failed" in listing.stdout and "delivery failed: OverflowError" in listing.stdout


# ---------------------------------------------------------------------------- a connection cut at LOGIN


class LoginCutter(Proxy):
    """A proxy to Dovecot that cuts the connection when the client sends LOGIN, *cuts* times."""

    def __init__(self, target: int, cuts: int) -> None:
        self.cuts_left = cuts
        super().__init__(target, to_server=self._cut)

    def _cut(self, data: bytes, source: socket.socket, sink: socket.socket) -> bytes | None:
        if b" LOGIN " in data.upper() and self.cuts_left:
            self.cuts_left -= 1
            source.close()
            sink.close()
            return None
        return data


def test_a_connection_cut_at_login_is_a_network_failure_not_a_refusal(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    proxy = LoginCutter(dovecot.port, cuts=2)
    try:
        config = _config(dovecot, mail_user, tmp_path, imap=f'security = "none"\nport = {proxy.port}\ntimeout = 5')
        with pytest.raises(MailboxError) as cut:
            Mailbox.connect(config.accounts[0].imap)
        assert not isinstance(cut.value, AuthenticationError)
        assert "connection lost during login" in str(cut.value) and "refused" not in str(cut.value)
        # The daemon tries again with its usual backoff (a second), not the ten minutes a
        # refused password waits.
        imap_client(dovecot, mail_user).append("INBOX", REJECTION)
        service = Service(config, FakeClock(TEST_START))
        service.start()
        try:
            wait_for(lambda: proxy.cuts_left == 0, 10, "the second cut")
            # Not service.ready: READY comes once each account watches *or has failed*, and
            # the second cut may count as that before the retry a second later logs in.
            wait_for(
                lambda: _rows(config, "SELECT category FROM messages") == [("rejection",)],
                15,
                "the daemon to log in after the cut and record the mail",
            )
        finally:
            service.shutdown()
    finally:
        proxy.close()


def test_a_wrong_password_is_still_a_refusal(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    text = config_text(dovecot, mail_user, None, tmp_path / "state", imap='security = "none"\ntimeout = 10')
    text = text.replace(f'password_env = "FOLLOWUP_TEST_PW_{mail_user.name.split("@")[0].upper()}"', 'password = "no"')
    with pytest.raises(AuthenticationError, match=r"login as .* refused"):
        Mailbox.connect(parse_config(text).accounts[0].imap)


# ---------------------------------------------------------------------------- secret commands


def _gone(pid: int) -> bool:
    """Whether *pid* has ended (reaped, or a zombie waiting for its new parent to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_secret_command_that_hangs_is_stopped_at_the_accounts_timeout(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    secret = Secret(command=f"sleep 1000 & echo $! > {pidfile}; wait", timeout=1, where="config.toml:9: key")
    started = time.monotonic()
    with pytest.raises(SecretError, match=r"^config.toml:9: key: did not finish within 1 s .* run it by hand"):
        reveal(secret)
    assert time.monotonic() - started < 5
    wait_for(lambda: _gone(int(pidfile.read_text())), 5, "the command's child to be killed")


def test_a_child_that_holds_the_output_open_does_not_hold_up_the_secret(tmp_path: Path) -> None:
    pidfile = tmp_path / "pid"
    secret = Secret(command=f"sleep 1000 & echo $! > {pidfile}; printf 's3cret\\n'", timeout=30)
    started = time.monotonic()
    assert reveal(secret) == "s3cret"
    assert time.monotonic() - started < 5  # the grace after the command exited, not its timeout
    wait_for(lambda: _gone(int(pidfile.read_text())), 5, "the child holding the output to be killed")


def test_what_a_secret_command_prints_is_capped() -> None:
    with pytest.raises(SecretError, match="printed more than 64 KiB"):
        reveal(Secret(command="yes", timeout=30))


def test_once_with_a_hanging_password_command_ends_with_a_located_error(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    text = config_text(dovecot, mail_user, None, tmp_path / "state", imap='security = "none"\ntimeout = 1')
    text = text.replace(
        f'password_env = "FOLLOWUP_TEST_PW_{mail_user.name.split("@")[0].upper()}"', 'password_command = "sleep 1000"'
    )
    path = tmp_path / "config.toml"
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("password_command"))
    started = time.monotonic()
    once = subprocess.run(
        [sys.executable, "-m", "followup", "once", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert once.returncode == 1 and time.monotonic() - started < 30
    assert f"{path}:{line}: accounts.main.imap.password_command: did not finish within 1 s" in once.stderr


def test_an_account_that_cannot_connect_does_not_keep_the_service_from_being_ready(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """systemd (Type=notify) stops a service that is not READY after TimeoutStartSec, and the
    accounts that work with it: READY comes once each account watches or has failed."""
    broken = unreachable_account()
    config = _config(dovecot, mail_user, tmp_path, broken)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    try:
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        line = service.status_line()
        assert line.startswith("main watching, broken reconnecting (ServerUnreachable: cannot connect"), line
    finally:
        service.shutdown()


def test_sd_notify_says_error_for_an_account_whose_loop_fails(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """A password command that fails stops the account's loop short of the network: READY comes,
    STATUS says error (never watching), and the loop is started again."""
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify.sock"))
    text = config_text(dovecot, mail_user, None, tmp_path / "state", imap='security = "none"\ntimeout = 2')
    text = text.replace(
        f'password_env = "FOLLOWUP_TEST_PW_{mail_user.name.split("@")[0].upper()}"',
        """password_command = "echo 'no agent running' >&2; exit 2\"""",
    )
    path = tmp_path / "config.toml"
    path.write_text(text)
    env = dict(os.environ, NOTIFY_SOCKET=str(tmp_path / "notify.sock"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "run", "--config", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        notify.settimeout(20)
        while not any(message.startswith("READY=1") for message in seen):
            seen.append(notify.recv(4096).decode())
        assert "READY=1\nSTATUS=main error (SecretError: " in seen[-1]
        assert not any("watching" in message for message in seen), seen
        assert any("password_command: exited with 2: no agent running" in message for message in seen)
    finally:
        proc.terminate()
        proc.wait(15)
        notify.close()
    assert proc.stderr is not None and proc.stderr.read().count("exited with 2: no agent running") >= 2  # again
