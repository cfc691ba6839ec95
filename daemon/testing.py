"""A mailbox in memory that keeps followup.imap.protocol's `Mailbox` (`FakeMailbox`), and the
helpers the tests, the benchmarks and the demo share.

The fake lets the logic of the watcher, the draft writer and the scheduler be tested without a
server and without root; whatever crosses the wire is tested against a real Dovecot
(tests/dovecot.py) too.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from followup.config import ImapConfig, Secret
from followup.errors import MailboxError
from followup.imap.mailbox import DRAFTS_NAMES, Fetched, FolderState, message_id_key
from followup.imap.protocol import Mailbox
from imapclient import IMAPClient

TEST_START = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
"""Where every test's clock starts (a Monday, 09:00 in Berlin, two days after the fixtures' mail):
no test's outcome may depend on the day the suite runs."""


@dataclass
class FakeMessage:
    raw: bytes
    flags: tuple[bytes, ...]
    internaldate: datetime


@dataclass
class FakeFolder:
    uidvalidity: int = 1
    uidnext: int = 1
    messages: dict[int, FakeMessage] = field(default_factory=dict)
    special_use: bytes | None = None


class ConnectionLost(ConnectionError):
    """What FakeMailbox raises for an injected failure: one of mailbox.CONNECTION_ERRORS."""


_HEADER_END = re.compile(rb"\r?\n\r?\n")


def _header(raw: bytes, name: str) -> str:
    """The (unfolded) value of header *name* in *raw*, or ""."""
    head = _HEADER_END.split(raw, 1)[0].decode("utf-8", "replace")
    head = re.sub(r"\r?\n[ \t]+", " ", head)
    found = re.search(rf"^{re.escape(name)}:[ \t]*(.*)$", head, re.IGNORECASE | re.MULTILINE)
    return found.group(1).strip() if found else ""


class FakeMailbox:
    """An IMAP account in memory that keeps the Mailbox protocol: folders of messages by UID,
    UIDVALIDITY and UIDNEXT, special-use folders, flags, APPENDUID. Failures are injected:
    *fail_append* = "before" drops the connection before the server stores an APPEND, "after"
    after it stored it (a lost acknowledgement); each is used once."""

    def __init__(
        self,
        cfg: ImapConfig | None = None,
        folders: Iterable[str] = ("INBOX",),
        drafts: str | None = "Drafts",
        sent: str | None = "Sent",
        uidplus: bool = True,
    ) -> None:
        self.cfg = cfg or ImapConfig("imap.test", 993, "tls", "user@test", Secret(literal="secret"))
        self.capabilities = frozenset({"IMAP4REV1", "IDLE", "UIDPLUS"} if uidplus else {"IMAP4REV1", "IDLE"})
        self.folders: dict[str, FakeFolder] = {name: FakeFolder() for name in folders}
        if drafts is not None:
            self.folders[drafts] = FakeFolder(special_use=b"\\Drafts")
        if sent is not None:
            self.folders[sent] = FakeFolder(special_use=b"\\Sent")
        self.selected: str | None = None
        self.selected_state: FolderState | None = None
        self.uidplus = uidplus
        self.fail_append: str | None = None
        self.appends: list[tuple[str, bytes]] = []
        """Every APPEND the server stored, in order: (folder, raw)."""
        self.closed = False
        self.interrupted = False
        self._seen_next: int | None = None
        """The selected folder's UIDNEXT when uids_after() last looked (for grown())."""

    def reconnect(self) -> FakeMailbox:
        """Another connection to the same account: the folders (and the failures to inject) are
        shared, what is selected is not. What Mailbox.connect returns, patched, in a test."""
        other = FakeMailbox.__new__(FakeMailbox)
        other.__dict__.update(self.__dict__)
        other.selected = other.selected_state = other._seen_next = None
        other.closed = other.interrupted = False
        return other

    # The server's side: what a test does to the account.

    def deliver(self, folder: str, raw: bytes, when: datetime = TEST_START, flags: Iterable[bytes] = ()) -> int:
        """Put a message in *folder* as the server would on delivery; its UID."""
        box = self.folders.setdefault(folder, FakeFolder())
        uid = box.uidnext
        box.messages[uid] = FakeMessage(raw, tuple(flags), when)
        box.uidnext += 1
        return uid

    def recreate(self, folder: str) -> None:
        """Delete and recreate *folder*: a new UIDVALIDITY, the same messages under new UIDs."""
        old = self.folders[folder]
        box = self.folders[folder] = FakeFolder(old.uidvalidity + 1, special_use=old.special_use)
        for message in old.messages.values():
            box.messages[box.uidnext] = message
            box.uidnext += 1
        if self.selected == folder:
            self.selected = self.selected_state = None

    def raws(self, folder: str) -> list[bytes]:
        return [m.raw for _, m in sorted(self.folders[folder].messages.items())]

    # The protocol.

    def close(self) -> None:
        self.closed = True

    def interrupt(self) -> None:
        self.interrupted = True

    def _folder(self, folder: str) -> FakeFolder:
        if self.closed:
            raise ConnectionLost("the connection is closed")
        try:
            return self.folders[folder]
        except KeyError:
            raise MailboxError(f"{folder}: no such folder") from None

    def examine(self, folder: str) -> FolderState:
        box = self._folder(folder)
        self.selected, self.selected_state = folder, FolderState(box.uidvalidity, box.uidnext)
        self._seen_next = box.uidnext
        return self.selected_state

    def status(self, folder: str) -> FolderState:
        box = self._folder(folder)
        return FolderState(box.uidvalidity, box.uidnext)

    def uids_after(self, last_uid: int) -> list[int]:
        assert self.selected is not None, "uids_after() without a selected folder"
        box = self._folder(self.selected)
        self._seen_next = box.uidnext
        return sorted(uid for uid in box.messages if uid > last_uid)

    def fetch(self, uids: Sequence[int], max_bytes: int) -> list[Fetched]:
        assert self.selected is not None, "fetch() without a selected folder"
        box = self._folder(self.selected)
        return [
            Fetched(uid, m.raw[:max_bytes], len(m.raw), m.internaldate, len(m.raw) > max_bytes)
            for uid in uids
            if (m := box.messages.get(uid)) is not None
        ]

    def grown(self) -> bool:
        if self.selected is None:
            return True
        return self._folder(self.selected).uidnext != self._seen_next

    def special_folder(self, use: bytes, names: tuple[str, ...]) -> str | None:
        for name, box in self.folders.items():
            if box.special_use == use:
                return name
        present = {name.casefold(): name for name in self.folders}
        return next((present[n.casefold()] for n in names if n.casefold() in present), None)

    def drafts_folder(self) -> str:
        if self.cfg.drafts_folder:
            self.folders.setdefault(self.cfg.drafts_folder, FakeFolder(special_use=b"\\Drafts"))
            return self.cfg.drafts_folder
        found = self.special_folder(b"\\Drafts", DRAFTS_NAMES)
        if found is None:
            found = "Drafts"
            self.folders[found] = FakeFolder(special_use=b"\\Drafts")
        return found

    def replies_to(self, folder: str, message_id: str, since: datetime, max_bytes: int = 65536) -> list[bytes]:
        self.examine(folder)
        wanted = message_id_key(message_id)
        day_before = (since - timedelta(days=1)).date()
        found = []
        for _, message in sorted(self._folder(folder).messages.items()):
            refs = f"{_header(message.raw, 'In-Reply-To')} {_header(message.raw, 'References')}"
            if wanted not in {message_id_key(r) for r in refs.split()}:
                continue
            with contextlib.suppress(TypeError, ValueError):  # no Date, or one that does not parse
                if parsedate_to_datetime(_header(message.raw, "Date")).date() < day_before:
                    continue
            found.append(message.raw[:max_bytes])
        return found

    def append(self, folder: str, raw: bytes, flags: Iterable[bytes], when: datetime | None = None) -> int | None:
        self._folder(folder)
        failure, self.fail_append = self.fail_append, None
        if failure == "before":
            raise ConnectionLost("connection lost before the server stored the APPEND")
        uid = self.deliver(folder, raw, when or TEST_START, flags)
        self.appends.append((folder, raw))
        if failure == "after":
            raise ConnectionLost("connection lost before the server's answer to APPEND")
        return uid if self.uidplus else None

    def find_message_id(self, folder: str, message_id: str, from_uid: int = 1) -> int | None:
        return self.message_ids(folder, from_uid).get(message_id_key(message_id))

    def message_ids(self, folder: str, from_uid: int = 1, since: date | None = None) -> dict[str, int]:
        found: dict[str, int] = {}
        for uid, message in sorted(self._folder(folder).messages.items()):
            if uid >= from_uid and (since is None or message.internaldate.date() >= since):
                found.setdefault(message_id_key(_header(message.raw, "Message-ID")), uid)
        found.pop("", None)
        return found

    def wait_for_change(
        self,
        seconds: float,
        stop: threading.Event,
        watching: threading.Event,
        tick: Callable[[], None] = lambda: None,
    ) -> str:
        """Returns at once (nothing waits in memory): "idle" if the folder grew, else "poll"."""
        watching.set()
        tick()
        return "idle" if self.grown() else "poll"


def _fake_conforms(fake: FakeMailbox) -> Mailbox:
    return fake


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.05) -> Any:
    """Poll *condition* until it returns something truthy; raise TimeoutError naming *what*."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def is_listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


class RecordingHandler:
    """aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or b""))
        return "250 OK"


class FeederClient(IMAPClient):  # type: ignore[misc]
    """An IMAP client whose APPENDs arrive at TEST_START unless told otherwise: the server would
    stamp them with the real day, and the plan counts from the day a mail arrived."""

    def append(self, folder, msg, flags=(), msg_time=None):  # type: ignore[no-untyped-def]
        return super().append(folder, msg, flags, msg_time or TEST_START)


def start_pymap(port: int, user: str, password: str) -> subprocess.Popen[bytes]:
    """pymap (a pure-Python IMAP server, in memory) on 127.0.0.1:*port* with one user."""
    exe = shutil.which("pymap") or str(Path(sys.executable).with_name("pymap"))
    if not Path(exe).exists():
        raise SystemExit("the demo needs pymap: pip install 'followup[demo]' (make demo does this)")
    proc = subprocess.Popen(
        [
            exe,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-tls",
            "dict",
            # The "=" form: a random password may begin with "-", which argparse
            # would otherwise read as the next option.
            f"--demo-user={user}",
            f"--demo-password={password}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for(lambda: proc.poll() is not None or is_listening(port), 20, "the demo IMAP server to listen")
    if proc.poll() is not None:
        raise SystemExit(f"pymap exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    return proc
