"""OAuth 2.0 logins (XOAUTH2, OAUTHBEARER) with a token from a token_command, against a
Dovecot that checks tokens with an introspection endpoint (as Gmail's and Microsoft's do),
and SMTP XOAUTH2 against aiosmtpd. The token never reaches a log."""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from followup.clock import FakeClock
from followup.config import ImapConfig, parse_config
from followup.errors import AuthenticationError, ConfigError, LoginUnavailable
from followup.imap.mailbox import Mailbox
from followup.testing import free_port

from tests.conftest import TEST_START
from tests.dovecot import Dovecot

TOKEN = "ya29.test-token-" + "x" * 20


class Introspection(BaseHTTPRequestHandler):
    # HTTP/1.1, so a connection Dovecot keeps for its next request stays open: as HTTP/1.0 the
    # server closed each one after its answer, and under load Dovecot's second login sometimes
    # went out on the closed connection ("[UNAVAILABLE] Temporary authentication failure" in CI).
    protocol_version = "HTTP/1.1"
    user = ""
    down = False
    """Answer 503, as a token service that is down does."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        if self.down:
            self.send_response(503)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        active = form.get("token", [""])[0] == TOKEN
        body = json.dumps({"active": active, "username": self.user} if active else {"active": False}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def oauth_dovecot() -> Iterator[Dovecot]:
    port = free_port()
    # Threaded: under load a slow answer to one of Dovecot's requests must not hold up the next
    # (CI saw "[UNAVAILABLE] Temporary authentication failure" with a single-threaded server).
    server = ThreadingHTTPServer(("127.0.0.1", port), Introspection)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    dovecot = Dovecot(oauth_introspection=f"http://127.0.0.1:{port}/introspect")
    dovecot.start()
    try:
        yield dovecot
    finally:
        dovecot.cleanup()
        server.shutdown()


def _token_helper(tmp_path: Path) -> Path:
    """A token_command that prints the token the introspection endpoint accepts."""
    helper = tmp_path / "token-helper"
    helper.write_text(f"#!/bin/sh\necho {TOKEN}\n")
    helper.chmod(0o700)
    return helper


def _config(dovecot: Dovecot, user: str, mechanism: str, command: str) -> str:
    return f"""
[accounts.main]
email = "{user}"
[accounts.main.imap]
host = "127.0.0.1"
port = {dovecot.port}
security = "none"
username = "{user}"
auth = "{mechanism}"
token_command = "{command}"
"""


@pytest.mark.parametrize("mechanism", ["xoauth2", "oauthbearer"])
def test_imap_login_with_a_token_from_a_token_command(
    oauth_dovecot: Dovecot, tmp_path: Path, mechanism: str, caplog: pytest.LogCaptureFixture
) -> None:
    user = oauth_dovecot.add_user()
    Introspection.user = user.name
    helper = _token_helper(tmp_path)

    def config(command: str) -> str:
        return _config(oauth_dovecot, user.name, mechanism, command)

    caplog.set_level(logging.DEBUG)
    mailbox = _connect_as_the_daemon_does(parse_config(config(str(helper))).accounts[0].imap)
    try:
        assert mailbox.examine("INBOX").uidvalidity > 0
    finally:
        mailbox.close()
    with pytest.raises(AuthenticationError, match="refused"):
        Mailbox.connect(parse_config(config("echo expired-token")).accounts[0].imap)
    assert TOKEN not in caplog.text and "expired-token" not in caplog.text


def _connect_as_the_daemon_does(cfg: ImapConfig) -> Mailbox:
    """Mailbox.connect, tried again while the server says it cannot check logins just now
    ([UNAVAILABLE]: a loaded machine can make Dovecot's token check time out), as the
    watcher's backoff does."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return Mailbox.connect(cfg)
        except LoginUnavailable:
            if time.monotonic() > deadline:
                raise
            threading.Event().wait(0.5)


def test_a_token_service_that_is_down_is_retried_not_called_a_refusal(oauth_dovecot: Dovecot, tmp_path: Path) -> None:
    user = oauth_dovecot.add_user()
    Introspection.user = user.name
    text = _config(oauth_dovecot, user.name, "xoauth2", str(_token_helper(tmp_path)))
    Introspection.down = True
    try:
        with pytest.raises(LoginUnavailable, match="will retry"):
            Mailbox.connect(parse_config(text).accounts[0].imap)
    finally:
        Introspection.down = False


def test_an_oauth_account_needs_a_token_source_not_a_password() -> None:
    text = """
[accounts.main]
email = "me@example.org"
[accounts.main.imap]
host = "imap.gmail.com"
username = "me@example.org"
auth = "xoauth2"
password_command = "pass show gmail"
"""
    with pytest.raises(ConfigError, match=r"password_command: unknown key.*token_command"):
        parse_config(text)


class OAuthSmtpHandler:
    """aiosmtpd handler that accepts AUTH XOAUTH2 with the right token and records mail."""

    def __init__(self) -> None:
        self.logins: list[str] = []
        self.messages: list[bytes] = []

    async def auth_XOAUTH2(self, server: object, args: list[str]) -> object:  # noqa: N802
        from aiosmtpd.smtp import AuthResult

        decoded = base64.b64decode(args[1]).decode()
        ok = f"auth=Bearer {TOKEN}" in decoded
        if ok:
            self.logins.append(decoded.split("\x01")[0])
        return AuthResult(success=ok, handled=False)

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append(getattr(envelope, "original_content", b""))
        return "250 OK"


def test_reminders_go_out_over_smtp_with_xoauth2(tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller
    from followup.model import Processed, ReminderToSchedule, Source
    from followup.remind.deliver_reminders import ReminderScheduler
    from followup.state.ledger import Ledger

    handler = OAuthSmtpHandler()
    port = free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, auth_require_tls=False, authenticator=lambda *a: None
    )
    controller.start()
    helper = tmp_path / "token-helper"
    helper.write_text(f"#!/bin/sh\necho {TOKEN}\n")
    helper.chmod(0o700)
    config = parse_config(f"""
state_dir = "{tmp_path / "state"}"
[accounts.main]
email = "me@example.org"
[accounts.main.imap]
host = "127.0.0.1"
username = "me@example.org"
security = "none"
password_env = "UNUSED"
[accounts.main.smtp]
host = "127.0.0.1"
port = {port}
security = "none"
username = "me@example.org"
auth = "xoauth2"
token_command = "{helper}"
""")
    clock = FakeClock(TEST_START)
    ledger = Ledger(config.state_dir / "state.sqlite")
    reminder = ReminderToSchedule("k1", "reflect", clock.now(), "<r1@example.org>", "Reflect", "Body", "", "")
    ledger.record(
        "main",
        "INBOX",
        1,
        1,
        [Processed(Source("main", "INBOX", 1, 1), "s1", None, None, (), (), (reminder,))],
        clock.now(),
    )
    scheduler = ReminderScheduler(config.state_dir, ledger, {"main": config.accounts[0]}, clock)
    try:
        assert scheduler.deliver_due() == 1
    finally:
        ledger.close()
        controller.stop()
    assert handler.logins == ["user=me@example.org"]
    assert len(handler.messages) == 1 and TOKEN.encode() not in handler.messages[0]
