"""The wire under imapclient: every use of its private parts, in one place.

imapclient's public API parses every response into Python objects and hides imaplib's
connection. Five things followup needs go under it, to imaplib (``IMAPClient._imap``) or to
a private helper of imapclient's; each is a function here that says what it is for. They
are used as imapclient 4.1 has them (pyproject.toml bounds the version to that series): a
release that renames any of them breaks this module only, and the tests against a real Dovecot
(tests/integration/: test_end_to_end.py, test_boundary.py, test_reliability.py) show it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from typing import Any

from imapclient import IMAPClient

READ_BUFFER = 256 * 1024
"""imaplib's read buffer for the connection (see quicken)."""


def quicken(client: IMAPClient) -> None:
    """Three changes to the connection under imapclient, made before login, when the server
    owes us nothing (bench/RESULTS.md has the figures):

    - imapclient sets imaplib's trace to its highest level, and imaplib then formats the repr
      of every response, message bodies included, before the logger drops it: a tenth of the
      daemon's CPU in a backfill. Trace is off unless the imapclient.imaplib logger shows it.
    - imaplib reads through an 8 KB buffer: a 64 KB literal took eight reads, each one giving
      up and taking back the GIL from the thread classifying the batch before.
    - imapclient writes a command and its final CRLF in two sends: Nagle's algorithm held the
      CRLF until the server's delayed ACK, 40 ms on every SEARCH. TCP_NODELAY sends both."""
    imap = client._imap  # private: imaplib's socket, trace level and read buffer
    with contextlib.suppress(OSError):
        imap.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        imap.debug = 0
    old_file, imap.file = imap.file, imap.sock.makefile("rb", buffering=READ_BUFFER)
    old_file.close()


def untagged(client: IMAPClient) -> dict[str, list[Any]]:
    """imaplib's store of untagged responses (EXISTS, UIDVALIDITY, ESEARCH, ...), by name.
    imapclient neither reads nor empties it outside SELECT: the caller reads the announcements
    there (Mailbox.grown) and empties it, or a connection selected for weeks keeps them all."""
    store: dict[str, list[Any]] = client._imap.untagged_responses  # private: imaplib's store
    return store


def uid_command(client: IMAPClient, command: str, *args: str) -> tuple[str, list[Any]]:
    """``UID <command> <args>`` sent by imaplib, its answer unparsed: (status, data).
    For FETCH, imaplib's data read by mailbox.parse_fetch_response costs about 2.5× less CPU
    per message than imapclient's parser (bench/RESULTS.md); for SEARCH, imapclient has no
    way to ask for ESEARCH's ranges (RETURN (ALL)), whose answer lands in untagged()."""
    status, data = client._imap.uid(command, *args)  # private: imaplib's connection
    return str(status), list(data)


def create_special_use(client: IMAPClient, folder: str, use: str) -> bool:
    """``CREATE folder (USE (use))`` (RFC 6154 CREATE-SPECIAL-USE), which imapclient has no
    method for; True when the server said OK. The name is encoded (modified UTF-7) as
    imapclient's create_folder would."""
    encoded = client._normalise_folder(folder)  # private: imapclient's folder-name encoding
    status, _ = client._imap._simple_command("CREATE", encoded, f"(USE ({use}))")  # private: imaplib's
    return bool(status == "OK")


def buffered(client: IMAPClient) -> bool:
    """Whether a response already waits in imaplib's read buffer (the socket must be
    non-blocking: an empty buffer is refilled by one read). Dovecot may send an EXISTS in the
    same packet as '+ idling'; imapclient reads that line through the buffer and then polls
    the socket, which has nothing more to say (Mailbox._buffered)."""
    return bool(client._imap.file.peek(1))  # private: imaplib's buffered reader
