"""Servers that are not laid out like the test Dovecot: folders under INBOX. (Cyrus, Courier
and many hosts), no Drafts folder, CREATE-SPECIAL-USE, and a server that refuses to create."""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
import sys
from pathlib import Path

from followup.clock import FakeClock
from followup.service import Service

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
    assert "refused to create the Drafts folder 'Drafts'" in errors[0] and "drafts_folder" in errors[0]
    assert "b'" not in errors[0]
