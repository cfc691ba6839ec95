"""Servers that are not laid out like the test Dovecot: folders under INBOX. (Cyrus, Courier
and many hosts), no Drafts folder, CREATE-SPECIAL-USE, and a server that refuses to create;
and servers that stall while reminders are due, which must not hold up SIGTERM."""

from __future__ import annotations

import email
import email.policy
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from followup.clock import FakeClock
from followup.config import Config, load_config
from followup.model import UNSENT, ReminderStatus, ReminderToSchedule
from followup.service.service import Service
from followup.state.ledger import Ledger
from followup.testing import wait_for

from tests.conftest import TEST_START, config_text, imap_client, make_config
from tests.dovecot import Dovecot, User
from tests.proxy import Proxy

REJECTION = (
    "From: Jordan Lee <jordan.lee@acme.example>\r\nTo: {user}\r\n"
    "Subject: Your application for Platform Engineer at Acme\r\nDate: Sat, 21 Nov 2026 10:00:00 +0000\r\n"
    "Message-ID: <reject-ns@acme.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hi,\r\n\r\nThank you for interviewing with us. After careful consideration we have decided to move "
    "forward with other candidates for the Platform Engineer role.\r\n\r\nBest,\r\nJordan\r\n"
)


def _rejection(user: User) -> bytes:
    return REJECTION.format(user=user.name).encode()


def test_without_drafts_on_an_inbox_prefix_server_it_is_created_there_and_subscribed(
    dovecot_inbox_prefix: Dovecot, tmp_path: Path
) -> None:
    """Dovecot with prefix = INBOX. and separator = . refuses a top-level 'Drafts' ('Client
    tried to access nonexistent namespace'), as Cyrus and Courier do: INBOX.Drafts it is."""
    server = dovecot_inbox_prefix
    user = server.add_user()
    feeder = imap_client(server, user)
    feeder.append("INBOX", _rejection(user))
    assert [name for _, _, name in feeder.list_folders()] == ["INBOX"]
    config = make_config(server, user, None, tmp_path / "state")
    Service(config, FakeClock(TEST_START)).once()
    Service(config, FakeClock(TEST_START)).once()  # found again, not created twice

    assert sorted(name for _, _, name in feeder.list_folders()) == ["INBOX", "INBOX.Drafts"]
    assert [name for _, _, name in feeder.list_sub_folders()] == ["INBOX.Drafts"]
    feeder.select_folder("INBOX.Drafts", readonly=True)
    fetched = feeder.fetch(feeder.search(["ALL"]), ["BODY.PEEK[]", "FLAGS"])
    assert len(fetched) == 1
    (data,) = fetched.values()
    assert b"\\Draft" in data[b"FLAGS"]
    draft = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
    assert draft["In-Reply-To"] == "<reject-ns@acme.example>"
    feeder.logout()


class SpecialUseCreate(Proxy):
    """Tells the client the server offers CREATE-SPECIAL-USE (Dovecot 2.3 takes the syntax
    without saying so), and keeps the commands the client sends."""

    def __init__(self, target: int) -> None:
        self.commands: list[bytes] = []
        super().__init__(target, to_server=self._keep_command, to_client=self._offer)

    def _keep_command(self, data: bytes, source: socket.socket, sink: socket.socket) -> bytes:
        self.commands += data.splitlines()
        return data

    @staticmethod
    def _offer(data: bytes, source: socket.socket, sink: socket.socket) -> bytes:
        return data.replace(b"IMAP4rev1 ", b"IMAP4rev1 CREATE-SPECIAL-USE ")


def test_the_created_drafts_folder_is_marked_drafts_where_the_server_offers_it(
    dovecot_inbox_prefix: Dovecot, tmp_path: Path
) -> None:
    server = dovecot_inbox_prefix
    user = server.add_user()
    imap_client(server, user).append("INBOX", _rejection(user))
    proxy = SpecialUseCreate(server.port)
    try:
        imap = f'security = "none"\ntimeout = 10\nport = {proxy.port}'
        Service(make_config(server, user, None, tmp_path / "state", imap=imap), FakeClock(TEST_START)).once()
    finally:
        proxy.close()
    creates = [line for line in proxy.commands if b" CREATE " in line.upper()]
    assert len(creates) == 1 and creates[0].endswith(b' CREATE "INBOX.Drafts" (USE (\\Drafts))'), creates


def test_a_server_refusing_to_create_drafts_is_one_located_line_not_a_traceback(
    dovecot_inbox_prefix: Dovecot, tmp_path: Path
) -> None:
    server = dovecot_inbox_prefix
    user = server.add_user()
    imap_client(server, user).append("INBOX", _rejection(user))
    path = tmp_path / "config.toml"
    path.write_text(
        config_text(
            server, user, None, tmp_path / "state", imap='security = "none"\ntimeout = 10\ndrafts_folder = "Drafts"'
        )
    )
    once = subprocess.run(
        [sys.executable, "-m", "followup", "once", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert once.returncode == 1, once.stderr
    assert "Traceback" not in once.stderr
    errors = [line for line in once.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, once.stderr
    assert errors[0].startswith(
        "error: account main: 127.0.0.1: the server refused to create the Drafts folder 'Drafts'"
    )
    assert "drafts_folder" in errors[0]
    assert "b'" not in errors[0]


# ---------------------------------------------------------------------------- stalled servers, SIGTERM


class Silent:
    """A server on loopback that accepts connections and never says a word."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.accepted: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.accepted.append(self.server.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.server.close()
        for connection in self.accepted:
            connection.close()


class StallsAtAppend(Proxy):
    """A proxy to Dovecot that forwards until the client APPENDs, then forwards nothing more."""

    def __init__(self, target: int) -> None:
        self.stalled = threading.Event()
        super().__init__(target, to_server=self._watch, to_client=self._watch)

    def _watch(self, data: bytes, source: socket.socket, sink: socket.socket) -> bytes:
        if b" APPEND " in data.upper():
            self.stalled.set()
        return b"" if self.stalled.is_set() else data


def _due_reminders(state: Path, account: str, count: int) -> None:
    ledger = Ledger(state / "state.sqlite")
    for n in range(count):
        key = f"{account}\x1fsource-{n}\x1freflect"
        due = TEST_START - timedelta(hours=n + 1)
        reminder = ReminderToSchedule(key, "reflect", due, f"<stall-{n}@example.org>", f"Reminder {n}", "Body", "", "")
        ledger.add_reminder(account, f"source-{n}", reminder)
    ledger.close()


@pytest.mark.parametrize("stall", ["smtp-silent", "imap-silent", "imap-append"])
def test_sigterm_ends_run_within_seconds_while_servers_stall_with_reminders_due(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, stall: str
) -> None:
    """Three reminders due, and the server they go to stalls: an SMTP or IMAP server that
    accepts and never answers, or an IMAP server that stops answering at the APPEND. Each
    attempt would wait up to the 60 s timeout, one after another; systemd kills after 90 s.
    SIGTERM must end the daemon within seconds (the figure is printed)."""
    silent = Silent()
    proxy = StallsAtAppend(dovecot.port) if stall == "imap-append" else None
    state = tmp_path / "state"
    _due_reminders(state, "main", 3)
    if stall == "smtp-silent":
        sink = None
        imap = 'security = "none"\ntimeout = 60'
        smtp = f'\n[accounts.main.smtp]\nhost = "127.0.0.1"\nport = {silent.port}\nsecurity = "none"\nusername = ""\n'
    else:
        port = proxy.port if proxy else silent.port
        imap, smtp, sink = f'security = "none"\ntimeout = 60\nport = {port}', "", None
    text = config_text(dovecot, mail_user, sink, state, imap=imap) + smtp
    if smtp:
        text = text.replace('reminder_delivery = "imap"', 'reminder_delivery = "smtp"')
    path = tmp_path / "config.toml"
    path.write_text(text)
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "run", "--config", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if proxy is not None:
            wait_for(proxy.stalled.is_set, 20, "the reminder's APPEND")
        else:  # the IMAP watcher connects to it too
            connections = 2 if stall == "imap-silent" else 1
            wait_for(lambda: len(silent.accepted) >= connections, 20, "a delivery to reach the silent server")
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{stall}: followup run still alive 30 s after SIGTERM")
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        silent.close()
        if proxy is not None:
            proxy.close()
    print(f"{stall}: SIGTERM to exit {took:.2f} s")
    err = proc.stderr.read() if proc.stderr else ""
    assert took < 10, f"{stall}: {took:.1f} s from SIGTERM to exit\n{err[-2000:]}"
    assert proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err, err[-3000:]
    ledger = Ledger(state / "state.sqlite")
    try:  # nothing lost: each is still there to deliver on the next start
        assert all(row.status in UNSENT for row in ledger.reminders((*UNSENT, ReminderStatus.SENT)))
        assert len(ledger.reminders()) == 3
    finally:
        ledger.close()


# ---------------------------------------------------------------------------- how new mail is noticed


def test_status_after_the_daemon_stops_says_logged_out_not_connected(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """A stopped `run` left "connected since" in status while nothing ran, and the next run's
    connection kept the first run's time."""
    path = tmp_path / "config.toml"
    path.write_text(config_text(dovecot, mail_user, None, tmp_path / "state"))
    config = load_config(path)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    try:
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        assert _status(path)[0].startswith("main: connected since")
    finally:
        service.shutdown()
    assert _status(path)[0].startswith("main: logged out at")


def _notices(config: Config) -> tuple[int, int]:
    ledger = Ledger(config.state_dir / "state.sqlite")
    try:
        states = ledger.account_states()
        return (states[0].idle_notices, states[0].poll_notices) if states else (0, 0)
    finally:
        ledger.close()


def _status(config_path: Path) -> list[str]:
    status = subprocess.run(
        [sys.executable, "-m", "followup", "status", "--config", str(config_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 0, status.stderr
    return [line.strip() for line in status.stdout.splitlines()]


def _invitation(user: User, n: int) -> bytes:
    return (
        f"From: Elena Petrova <elena.petrova@fabrikam.example>\r\nTo: {user.name}\r\nSubject: Hello {n}\r\n"
        f"Date: Sun, 22 Nov 2026 10:00:00 +0100\r\nMessage-ID: <notice-{n}@fabrikam.example>\r\n\r\nHello.\r\n"
    ).encode()


def test_status_says_when_the_server_announces_new_mail_in_idle_late(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    """Mail announced in IDLE right away gets no advice; mail that arrived (INTERNALDATE) a
    minute before IDLE told of it, as Cyrus without idled does, gets the server settings and a
    shorter poll_interval."""
    path = tmp_path / "config.toml"
    path.write_text(config_text(dovecot, mail_user, None, tmp_path / "state"))
    config = load_config(path)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    feeder = imap_client(dovecot, mail_user)
    try:
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        feeder.append("INBOX", _invitation(mail_user, 1))  # arrives at TEST_START: announced at once
        wait_for(lambda: _notices(config) == (1, 0), 10, "the IDLE notice")
        lines = _status(path)
        assert "new mail noticed: 1 by IDLE, 0 by the poll every 300 s; the latest 0 s after it arrived" in lines
        assert not any("idled" in line for line in lines)

        feeder.append("INBOX", _invitation(mail_user, 2), msg_time=TEST_START - timedelta(seconds=62))
        wait_for(lambda: _notices(config) == (2, 0), 10, "the second IDLE notice")
        lines = _status(path)
        assert "new mail noticed: 2 by IDLE, 0 by the poll every 300 s; the latest 62 s after it arrived" in lines
        (advice,) = [line for line in lines if "idled" in line]
        assert advice.startswith("the server announces new mail in IDLE late: Cyrus announces at once")
        assert "IMAP_ENHANCEDIDLE=1" in advice and "poll_interval = 30 in [accounts.main.imap]" in advice
    finally:
        service.shutdown()
        feeder.logout()


class NoIdleNews(Proxy):
    """A proxy to Dovecot that never passes on EXISTS or RECENT: a server whose IDLE says
    nothing, so only the periodic poll's SEARCH finds new mail."""

    def __init__(self, target: int) -> None:
        super().__init__(target, to_client=self._strip)

    @staticmethod
    def _strip(data: bytes, source: socket.socket, sink: socket.socket) -> bytes:
        return re.sub(rb"\* \d+ (?:EXISTS|RECENT)\r\n", b"", data)


def test_status_says_when_only_the_poll_finds_new_mail(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    proxy = NoIdleNews(dovecot.port)
    path = tmp_path / "config.toml"
    imap = f'security = "none"\ntimeout = 10\nport = {proxy.port}\npoll_interval = 2'
    path.write_text(config_text(dovecot, mail_user, None, tmp_path / "state", imap=imap))
    config = load_config(path)
    service = Service(config, FakeClock(TEST_START))
    service.start()
    try:
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        imap_client(dovecot, mail_user).append("INBOX", _invitation(mail_user, 3))
        wait_for(lambda: _notices(config) == (0, 1), 10, "the poll to find the mail")
    finally:
        service.shutdown()
        proxy.close()
    lines = _status(path)
    assert "new mail noticed: 0 by IDLE, 1 by the poll every 2 s; the latest 0 s after it arrived" in lines
    (advice,) = [line for line in lines if "idled" in line]
    assert advice.startswith("the server did not announce the latest new mail in IDLE: the poll found it")
    assert "poll_interval = 30" not in advice  # it already looks every 2 s
