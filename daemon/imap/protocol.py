"""What the code needs of an IMAP connection: the `Mailbox` protocol.

The watcher, the draft writer and the scheduler call these methods and nothing else, so their
logic runs as well on followup.imap.mailbox.Mailbox (over the wire) as on followup.testing's
FakeMailbox (a dict), which the unit tests use; imapautofiler's abstract client and imapclient's
testable client are the models. mypy checks both against it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Protocol

from followup.config import ImapConfig
from followup.imap import mailbox as imap
from followup.imap.mailbox import Fetched, FolderState


class Mailbox(Protocol):
    """One logged-in IMAP connection, as the watcher, followup.imap.deliver_drafts and the scheduler use it."""

    cfg: ImapConfig
    capabilities: frozenset[str]
    selected: str | None
    """The folder EXAMINEd last, while the server has not said its UIDVALIDITY changed."""
    selected_state: FolderState | None

    def close(self) -> None: ...

    def interrupt(self) -> None:
        """Cut the connection from another thread."""

    def examine(self, folder: str) -> FolderState:
        """Select *folder* read-only."""

    def status(self, folder: str) -> FolderState: ...

    def uids_after(self, last_uid: int) -> Sequence[int]:
        """UIDs above *last_uid* in the selected folder, ascending."""

    def fetch(self, uids: Sequence[int], max_bytes: int) -> list[Fetched]:
        """The first *max_bytes* of each message, without setting \\Seen; expunged UIDs left out."""

    def grown(self) -> bool:
        """Whether the selected folder may hold mail the last uids_after() did not see."""

    def special_folder(self, use: bytes, names: tuple[str, ...]) -> str | None: ...

    def drafts_folder(self) -> str:
        """The Drafts folder: configured, by special use, by a usual name, else created."""

    def replies_to(self, folder: str, message_id: str, since: datetime, max_bytes: int = 65536) -> list[bytes]: ...

    def append(self, folder: str, raw: bytes, flags: Iterable[bytes], when: datetime | None = None) -> int | None:
        """APPEND; the new UID when the server says it (UIDPLUS), else None."""

    def find_message_id(self, folder: str, message_id: str, from_uid: int = 1) -> int | None: ...

    def message_ids(self, folder: str, from_uid: int = 1, since: date | None = None) -> dict[str, int]:
        """message_id_key -> UID of *folder*'s messages from *from_uid* (and INTERNALDATE since)."""

    def wait_for_change(
        self,
        seconds: float,
        stop: threading.Event,
        watching: threading.Event,
        tick: Callable[[], None] = ...,
    ) -> str:
        """Block until the server reports a change, *seconds* pass, or *stop* is set."""


def _conforms(real: imap.Mailbox) -> Mailbox:
    """mypy checks here that the real connection keeps the protocol (and FakeMailbox below)."""
    return real
