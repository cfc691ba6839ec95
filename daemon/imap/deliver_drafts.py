"""Putting drafts in the Drafts folder exactly once, whoever does it.

The watcher writes a mail's drafts right after recording it; the scheduler writes a later
step's draft (the thank-you note after the interview) when the step fires. Both go through
here: the intent and Drafts' UIDNEXT are recorded before each APPEND, so after a crash or a
lost acknowledgement the Message-ID is looked for before appending again, and one lock per
account keeps the two from appending the same draft at once. When the ledger may not know what
is in Drafts (a process's first catch-up: the state directory may have been lost or restored
from an old backup), the Message-IDs already there are looked at first: a draft's Message-ID is
deterministic, so one found there was written before and is recorded as written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from followup.imap.mailbox import message_id_key
from followup.model import DraftStatus
from followup.service.crashpoints import crash_point
from followup.state.ledger import Ledger

if TYPE_CHECKING:
    from followup.imap.protocol import Mailbox

log = logging.getLogger(__name__)

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock(account: str) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(account, threading.Lock())


def draft_flags(seen: bool) -> list[bytes]:
    """\\Draft always (without it Outlook shows a draft as sent); \\Seen when the user chose
    drafts_seen: unseen, the Drafts folder's unread count says a draft waits for review."""
    return [b"\\Draft", b"\\Seen"] if seen else [b"\\Draft"]


def write_drafts(
    ledger: Ledger,
    mailbox: Mailbox,
    account: str,
    now: datetime,
    keys: Sequence[str] | None = None,
    stop: threading.Event | None = None,
    look_first: bool = False,
) -> int:
    """APPEND the account's drafts that are due (only *keys*, when given). Returns how many.
    Stops between drafts when *stop* is set: the rest are written on the next run. With
    *look_first*, a draft whose Message-ID is in Drafts already is recorded, not appended."""
    written = 0
    with _lock(account):
        pending = ledger.pending_drafts(account, now, keys)
        if not pending:
            return 0
        folder = mailbox.drafts_folder()
        there = mailbox.message_ids(folder) if look_first else {}
        for draft in pending:
            if stop is not None and stop.is_set():
                break
            uid = there.get(message_id_key(draft.message_id))
            if uid is not None:
                ledger.mark_appended(draft.key, uid, now)
                log.info("account %s: draft %s already in %s: not written again", account, draft.message_id, folder)
                continue
            if draft.status == DraftStatus.APPENDING and draft.folder:
                state = mailbox.status(draft.folder)
                since = draft.uidnext_before if state.uidvalidity == draft.folder_uidvalidity else 1
                uid = mailbox.find_message_id(draft.folder, draft.message_id, since or 1)
                if uid is not None:
                    ledger.mark_appended(draft.key, uid, now)
                    continue
            state = mailbox.status(folder)
            ledger.mark_appending(draft.key, folder, state.uidvalidity, state.uidnext)
            crash_point("draft_appending")
            uid = mailbox.append(folder, draft.raw, draft_flags(mailbox.cfg.drafts_seen), now)
            crash_point("draft_appended")
            ledger.mark_appended(draft.key, uid, now)
            written += 1
            log.info("account %s: draft %s appended to %s", account, draft.message_id, folder)
    return written
