"""The daemon as a service, against the real Dovecot: TLS, sd_notify on a socket the test
provides, SIGHUP and SIGTERM, reconnecting after a kick, a restart and a frozen or blackholed
server, and one account's failure never stopping another."""

from __future__ import annotations

import logging
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from followup.clock import FakeClock
from followup.config import parse_config
from followup.errors import MailboxError
from followup.imap import watcher
from followup.imap.mailbox import Mailbox
from followup.model import Decision, Processed, ReminderToSchedule, Source
from followup.service.service import Service
from followup.state.ledger import Ledger
from followup.testing import free_port, wait_for

from tests.conftest import TEST_START, SmtpSink, config_text, imap_client, make_config, unreachable_account
from tests.dovecot import MAIL_UID, Dovecot, User
from tests.proxy import Proxy

INVITATION = (
    "From: Elena Petrova <elena.petrova@fabrikam.example>\r\nTo: {user}\r\nSubject: Interview invitation\r\n"
    "Date: Sun, 22 Nov 2026 10:00:00 +0100\r\nMessage-ID: <{mid}@fabrikam.example>\r\n\r\n"
    "Dear Sam, thank you for your application. We would like to invite you to an interview next week.\r\n"
)
FAST = 'security = "none"\ntimeout = 2\npoll_interval = 1'
"""A command deadline of 2 s and a probe every second: dead connections are found in seconds."""


def _invitation(user: User, mid: str) -> bytes:
    return INVITATION.format(user=user.name, mid=mid).encode()


def _processed(config, message_id: str) -> bool:
    ledger = Ledger(config.state_dir / "state.sqlite")
    try:
        return any(row.source_key == message_id for row in ledger.messages())
    finally:
        ledger.close()


# ---------------------------------------------------------------------------- TLS


@pytest.mark.parametrize("mode", ["tls", "starttls"])
def test_a_self_signed_certificate_is_refused_by_default_and_accepted_with_its_ca(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, mode: str
) -> None:
    port = dovecot.tls_port if mode == "tls" else dovecot.port
    base = config_text(
        dovecot, mail_user, None, tmp_path / "state", imap=f'security = "{mode}"\nport = {port}\ntimeout = 5'
    )
    with pytest.raises(MailboxError) as refused:
        Mailbox.connect(parse_config(base).accounts[0].imap)
    assert "certificate not trusted" in str(refused.value) and "ca_file" in str(refused.value)
    trusted = base.replace(f'security = "{mode}"', f'security = "{mode}"\nca_file = "{dovecot.cert}"')
    mailbox = Mailbox.connect(parse_config(trusted).accounts[0].imap)
    try:
        assert mailbox.examine("INBOX").uidvalidity > 0
    finally:
        mailbox.close()


# ---------------------------------------------------------------------------- sd_notify, SIGHUP, SIGTERM


def test_sd_notify_ready_watchdog_status_reload_and_stopping(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify_path = tmp_path / "notify.sock"
    notify.bind(str(notify_path))
    rules = tmp_path / "rules"
    rules.mkdir()
    config_path = tmp_path / "config.toml"
    config_path.write_text(config_text(dovecot, mail_user, smtp_sink, tmp_path / "state", imap=FAST))
    env = dict(os.environ, NOTIFY_SOCKET=str(notify_path), WATCHDOG_USEC="2000000")
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "run", "--config", str(config_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    env["WATCHDOG_PID"] = str(proc.pid)
    seen: list[str] = []

    def receive_until(wanted: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([notify], [], [], 0.2)
            if ready:
                seen.append(notify.recv(4096).decode())
                if wanted in seen[-1]:
                    return
        raise AssertionError(f"no {wanted!r} from the daemon in {timeout}s; saw {seen}")

    try:
        receive_until("READY=1", 20)
        receive_until("WATCHDOG=1", 5)  # pinged at half the watchdog interval
        receive_until("STATUS=main watching", 5)
        # A broken rule file: the reload is refused and the running rules stay.
        (rules / "mine.toml").write_text('[[rule]]\nname = "x"\ncategory = "nope"\nbody = ["y"]\n')
        proc.send_signal(signal.SIGHUP)
        receive_until("STATUS=reload refused", 10)
        assert "unknown category 'nope'" in seen[-1]
        (rules / "mine.toml").write_text('[[rule]]\nname = "x"\ncategory = "other"\nbody = ["zzz-never"]\n')
        proc.send_signal(signal.SIGHUP)
        receive_until("RELOADING=1", 10)
        receive_until("READY=1", 10)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        receive_until("STOPPING=1", 5)
        proc.wait(15)
        assert time.monotonic() - started < 5 and proc.returncode == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        notify.close()
    err = proc.stderr.read() if proc.stderr else ""
    assert "reload refused, keeping the running config, rules and templates" in err
    assert "reloaded: " in err


# ---------------------------------------------------------------------------- reconnecting


def _start(config) -> Service:
    service = Service(config, FakeClock(TEST_START))
    service.start()
    wait_for(service.ready.is_set, 20, "the daemon to be ready")
    return service


def test_reconnects_after_a_kick_and_a_restart_and_processes_mail_delivered_meanwhile(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", imap=FAST)
    service = _start(config)
    watcher = service.watchers[0]
    try:
        dovecot.doveadm("kick", mail_user.name)
        wait_for(lambda: not watcher.connected, 10, "the kick to be noticed")
        wait_for(lambda: watcher.connected, 5, "the reconnect after the kick")
        imap_client(dovecot, mail_user).append("INBOX", _invitation(mail_user, "after-kick"))
        wait_for(lambda: _processed(config, "<after-kick@fabrikam.example>"), 10, "mail after the kick")

        dovecot.stop()
        # Delivered while the server is down: written straight into the maildir.
        new = mail_user.home / "Maildir" / "new"
        message = new / "1700000000.outage.test"
        message.write_bytes(_invitation(mail_user, "during-outage"))
        os.chown(message, MAIL_UID, MAIL_UID)
        wait_for(lambda: not watcher.connected, 10, "the outage to be noticed")
        wait_for(
            lambda: watcher.last_error is not None and "cannot connect" in watcher.last_error, 15, "a refused connect"
        )
        dovecot.start()
        back = time.monotonic()
        wait_for(lambda: watcher.connected, 10, "the reconnect after the restart")
        assert time.monotonic() - back < 5, "reconnected within 5 s of the server being back"
        wait_for(lambda: _processed(config, "<during-outage@fabrikam.example>"), 10, "mail delivered during the outage")
    finally:
        service.shutdown()


def _imap_pids_of(user: str) -> list[int]:
    """The imap processes serving *user* (the test Dovecot sets verbose_proctitle): never every
    imap process on the machine, which would freeze other test runs' servers too."""
    pattern = f"imap \\[{re.escape(user)} "
    out = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def test_a_frozen_server_is_detected_within_the_deadline(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", imap=FAST)
    service = _start(config)
    watcher = service.watchers[0]
    frozen = _imap_pids_of(mail_user.name)
    assert frozen
    try:
        for pid in frozen:
            os.kill(pid, signal.SIGSTOP)
        stopped = time.monotonic()
        wait_for(lambda: not watcher.connected, 10, "the frozen server to be detected")
        # Deadline: a probe every second (poll_interval) and 2 s for its answer (timeout).
        assert time.monotonic() - stopped < 6
        wait_for(lambda: watcher.connected, 10, "a new connection (a new imap process)")
        imap_client(dovecot, mail_user).append("INBOX", _invitation(mail_user, "after-freeze"))
        wait_for(lambda: _processed(config, "<after-freeze@fabrikam.example>"), 10, "mail after the freeze")
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        service.shutdown()


class Blackhole(Proxy):
    """A proxy to Dovecot that, once told, keeps connections open and forwards nothing."""

    def __init__(self, target: int) -> None:
        self.dropping = threading.Event()
        super().__init__(target, self._maybe_drop, self._maybe_drop)

    def _maybe_drop(self, data: bytes, source: socket.socket, sink: socket.socket) -> bytes | None:
        return b"" if self.dropping.is_set() else data


def test_a_blackholed_connection_is_detected_within_the_deadline(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    proxy = Blackhole(dovecot.port)
    imap = f'security = "none"\nport = {proxy.port}\ntimeout = 2\npoll_interval = 1'
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", imap=imap)
    service = _start(config)
    watcher = service.watchers[0]
    try:
        proxy.dropping.set()
        dropped = time.monotonic()
        wait_for(lambda: not watcher.connected, 10, "the blackhole to be detected")
        assert time.monotonic() - dropped < 6
        assert watcher.last_error is not None
    finally:
        service.shutdown()
        proxy.close()


def test_one_accounts_failure_never_stops_another(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    text = config_text(dovecot, mail_user, smtp_sink, tmp_path / "state", imap=FAST)
    text += unreachable_account()
    path = tmp_path / "config.toml"
    path.write_text(text)
    config = parse_config(text, path)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    good = service.watchers[0]
    try:
        wait_for(good.watching.is_set, 20, "the good account to be watching")
        imap_client(dovecot, mail_user).append("INBOX", _invitation(mail_user, "good-1"))
        wait_for(lambda: _processed(config, "<good-1@fabrikam.example>"), 10, "the good account's mail")
        assert service.watchers[1].last_error is not None and "cannot connect" in service.watchers[1].last_error
        status = subprocess.run(
            [sys.executable, "-m", "followup", "status", "--config", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert status.returncode == 0, status.stderr
        assert "main: connected" in status.stdout
        assert "broken: disconnected" in status.stdout and "cannot connect to 127.0.0.1" in status.stdout
    finally:
        service.shutdown()


def test_init_checks_the_connection_before_it_saves_a_commented_config(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    env = dict(os.environ, INIT_PW=mail_user.password, WRONG_PW="nope")

    def init(password_env: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "followup", "init", "--config", str(path), "--preset", "generic",
                   "--email", mail_user.name, "--name", "Sam Taylor", "--host", "127.0.0.1", "--port",
                   str(dovecot.port), "--security", "none", "--password-env", password_env, "--timezone", "Europe/Berlin"]  # fmt: skip
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL)

    refused = init("WRONG_PW")
    assert refused.returncode == 1 and "refused" in refused.stderr and "nothing saved" in refused.stderr
    assert not path.exists()
    saved = init("INIT_PW")
    assert saved.returncode == 0, saved.stderr
    assert (
        f"logged in to 127.0.0.1:{dovecot.port} as {mail_user.name}; INBOX has 0 messages; drafts go to Drafts"
        in saved.stdout
    )
    text = path.read_text()
    assert text.startswith("# followup configuration, written by `followup init`")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    config = parse_config(text, path)
    assert config.accounts[0].imap.port == dovecot.port and config.timezone.key == "Europe/Berlin"
    assert init("INIT_PW").returncode == 1  # never overwrites without --force


class Terminal:
    """A program on a pseudo-terminal, driven as a user drives it: wait for a prompt, type."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        self.proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env)
        os.close(slave)
        self.seen = ""
        self.read_to = 0

    def expect(self, text: str, timeout: float = 30.0) -> None:
        """Wait until *text* appears after what was expected last."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.read_to :]:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.master], [], [], remaining)[0]:
                raise AssertionError(f"no {text!r} within {timeout} s; the terminal shows:\n{self.seen}")
            try:
                chunk = os.read(self.master, 4096)
            except OSError:  # EIO: the program has ended and closed the terminal
                chunk = b""
            if not chunk:
                raise AssertionError(f"the program ended before {text!r}; the terminal shows:\n{self.seen}")
            self.seen += chunk.decode(errors="replace").replace("\r\n", "\n")
        self.read_to = self.seen.index(text, self.read_to) + len(text)

    def answer(self, prompt: str, line: str) -> None:
        self.expect(prompt)
        os.write(self.master, line.encode() + b"\n")

    def close(self) -> int:
        code = self.proc.wait(30)
        os.close(self.master)
        return code


def test_init_asks_again_only_what_failed_until_the_server_takes_it(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """The dialogue at a terminal: the port and security are asked (the generic preset fixes
    neither), a malformed answer is asked again, and each failed check (nothing listening, an
    untrusted certificate, a refused login) asks only for what failed, keeping the rest."""
    path = tmp_path / "config.toml"
    closed = free_port()  # nothing listens there, as on 127.0.0.1:993 here
    env = dict(os.environ, INIT_PW=mail_user.password)
    command = [sys.executable, "-m", "followup", "init", "--config", str(path), "--timezone", "Europe/Berlin"]
    user = Terminal(command, env)
    try:
        user.answer("your email address: ", mail_user.name)
        user.answer(f"your name (for drafts and the signature) [{mail_user.name.split('@')[0]}]: ", "Sam Taylor")
        user.answer("IMAP server: ", "127.0.0.1")
        user.answer("993/tls or 143/starttls, or PORT/SECURITY with tls, starttls or none [993/tls]: ", str(closed))
        user.expect(f"say the security for port {closed} too, e.g. {closed}/tls or {closed}/starttls")
        user.answer("[993/tls]: ", f"{closed}/tls")
        user.answer(f"IMAP username [{mail_user.name}]: ", "")
        user.answer(f"a command that prints the password [pass show mail/{mail_user.name}]: ", "printf wrong")
        user.expect(f"checking 127.0.0.1:{closed} (tls) as {mail_user.name}...")
        user.expect(f"error: cannot connect to 127.0.0.1:{closed}")
        user.expect("check the server, its port and security")
        user.answer("IMAP server [127.0.0.1]: ", "")
        user.answer(f"[{closed}/tls]: ", f"{dovecot.tls_port}/tls")
        user.expect(f"error: 127.0.0.1:{dovecot.tls_port}: TLS certificate not trusted")
        user.answer("the CA certificate that signed it (a PEM file; empty: the system's CAs): ", str(dovecot.cert))
        user.expect(
            f"error: 127.0.0.1: login as '{mail_user.name}' refused: [AUTHENTICATIONFAILED] Authentication failed."
        )
        user.answer(f"IMAP username [{mail_user.name}]: ", "")
        user.answer("a command that prints the password [printf wrong]: ", "printenv INIT_PW")
        user.expect(
            f"logged in to 127.0.0.1:{dovecot.tls_port} as {mail_user.name}; INBOX has 0 messages; drafts go to Drafts"
        )
        user.expect(f"wrote {path} (readable by you only)")
    finally:
        code = user.close()
    assert code == 0, user.seen
    assert user.seen.count("your email address") == 1 and user.seen.count("IMAP server") == 2
    imap = parse_config(path.read_text(), path).accounts[0].imap
    assert (imap.port, imap.security, imap.ca_file) == (dovecot.tls_port, "tls", str(dovecot.cert))
    assert imap.password.command == "printenv INIT_PW" and mail_user.password not in path.read_text()


def test_check_logs_in_and_once_says_what_it_found_and_leaves_a_status(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """A wrong password fails `check` in one line; `once` says what it found in one line, and
    `status` shows the connection it made."""
    path = tmp_path / "config.toml"
    path.write_text(config_text(dovecot, mail_user, None, tmp_path / "state"))
    variable = f"FOLLOWUP_TEST_PW_{mail_user.name.split('@')[0].upper()}"

    def cli(*args: str, password: str = mail_user.password) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "followup", *args, "--config", str(path)]
        env = dict(os.environ, **{variable: password})
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)

    refused = cli("check", password="wrong")
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: main: 127.0.0.1: login as '{mail_user.name}' refused: [AUTHENTICATIONFAILED] Authentication failed.\n"
    )
    assert "b'" not in refused.stderr
    checked = cli("check")
    assert checked.returncode == 0, checked.stderr
    assert (
        f"main: logged in to 127.0.0.1:{dovecot.port} as {mail_user.name}; INBOX has 0 messages; drafts go to Drafts"
        in checked.stdout
    )
    assert cli("status").stdout.startswith("main: never connected\n")

    nothing = cli("once")
    assert (nothing.returncode, nothing.stdout) == (0, "no new mail\n"), nothing.stderr
    client = imap_client(dovecot, mail_user)
    for name in ("01-rejection-greenhouse.eml", "07-rejection-html.eml", "08-personal.eml"):
        client.append("INBOX", (Path(__file__).parent.parent.parent / "daemon" / "demo_mail" / name).read_bytes())
    client.logout()
    found = cli("once")
    assert found.returncode == 0, found.stderr
    assert found.stdout == "3 new mails: 2 rejection (4 drafts, 10 reminders), 1 other\n"
    status = cli("status").stdout.splitlines()
    assert re.fullmatch(
        r"main: logged out at Mon 23 Nov \d\d:\d\d, last sync Mon 23 Nov [\d:]{8}, last UID 3", status[0]
    )


def test_a_refused_login_is_reported_and_retried_slowly(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    # A command deadline longer than Dovecot's 2 s delay before it refuses a login.
    imap = 'security = "none"\ntimeout = 10\npoll_interval = 1'
    text = config_text(dovecot, mail_user, smtp_sink, tmp_path / "state", imap=imap)
    text = text.replace(
        f'password_env = "FOLLOWUP_TEST_PW_{mail_user.name.split("@")[0].upper()}"', 'password = "wrong"'
    )
    config = parse_config(text, tmp_path / "config.toml")
    service = Service(config, FakeClock(TEST_START))
    service.start()
    watcher = service.watchers[0]
    try:
        wait_for(lambda: watcher.last_error is not None, 15, "the refused login to be reported")
        assert "login as" in watcher.last_error and "refused" in watcher.last_error
        attempts = dovecot.log().count(f"user=<{mail_user.name}>")
        assert attempts >= 1  # the server logged the refused login
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:  # watching the server's log for a second attempt
            assert dovecot.log().count(f"user=<{mail_user.name}>") == attempts, "retried too soon"
            service.stop.wait(0.5)
        assert "wrong" not in dovecot.log()
    finally:
        service.shutdown()


def _processed(uid: int, category: str = "other", *, acted: bool = False, error: str | None = None) -> Processed:
    reminder = ReminderToSchedule(f"r{uid}", "reflect", datetime(2026, 1, 1, tzinfo=UTC), "<m>", "s", "b", "", "")
    return Processed(
        Source("main", "INBOX", 7, uid),
        f"<{uid}@x>",
        None,
        None if error else Decision(category, f"{category}-rule"),
        ("remind:reflect",) if acted else (),
        (),
        (reminder,) if acted else (),
        error=error,
    )


def test_new_mail_logs_a_line_per_message_and_a_catch_up_a_line_per_batch(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="followup.imap.watcher")
    watcher._log_batch("INBOX", [_processed(1, "rejection"), _processed(2)])
    assert [r.getMessage() for r in caplog.records] == [
        "main/INBOX/7:1 category=rejection rule=rejection-rule actions=none",
        "main/INBOX/7:2 category=other rule=other-rule actions=none",
    ]
    caplog.clear()
    batch = [_processed(uid, "newsletter" if uid % 2 else "other") for uid in range(1, 201)]
    batch[9] = _processed(10, "rejection", acted=True)
    batch[19] = _processed(20, error="unparseable: no headers")
    watcher._log_batch("INBOX", batch)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("INFO", "main/INBOX/7:10 category=rejection rule=rejection-rule actions=remind:reflect"),
        ("WARNING", "main/INBOX/7:20 quarantined: unparseable: no headers"),
        ("INFO", "main/INBOX: recorded 200 messages, UIDs 1-200: newsletter 100, other 98, rejection 1, quarantined 1"),
    ]
