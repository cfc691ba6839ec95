"""One account's loop: connect, catch up by UID, write pending drafts, wait (IDLE or poll), repeat.

IDLE is only a wake-up hint: every wake-up and every (re)connect catches up with a UID search,
so mail that arrived while the connection was down is never missed.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable

from followup.clock import Clock
from followup.config import AccountConfig
from followup.draftbox import write_drafts
from followup.errors import AuthenticationError, MailboxError
from followup.ledger import Ledger, Processed
from followup.mailbox import CONNECTION_ERRORS, IDLE_RENEW_SECONDS, Mailbox
from followup.model import Source
from followup.pipeline import Pipeline

log = logging.getLogger(__name__)

MAX_FETCH_BYTES = 256 * 1024
RECORD_BATCH = 100


class AccountWatcher:
    def __init__(
        self,
        account: AccountConfig,
        pipeline: Callable[[], Pipeline],
        ledger: Ledger,
        clock: Clock,
        stop: threading.Event,
    ) -> None:
        self.account = account
        self.pipeline = pipeline  # a callable, so a reload is picked up between batches
        self.ledger = ledger
        self.clock = clock
        self.stop = stop
        self.watching = threading.Event()
        """Set once caught up and the server listens for changes (IDLE confirmed): ready."""
        self.last_error: str | None = None
        self.after_record: Callable[[], None] = lambda: None
        """Called after a batch is recorded (the service uses it to schedule new reminders)."""

    def run_once(self) -> None:
        mailbox = Mailbox.connect(self.account.imap)
        try:
            self.sync(mailbox)
        finally:
            mailbox.close()

    def run_forever(self) -> None:
        """Reconnect with exponential backoff and jitter until stopped."""
        delay = 1.0
        while not self.stop.is_set():
            try:
                mailbox = Mailbox.connect(self.account.imap)
            except AuthenticationError as exc:
                self._failed(exc)
                self.stop.wait(300.0)  # a refused login is not fixed by hammering the server
                continue
            except MailboxError as exc:
                self._failed(exc)
                self.stop.wait(delay * random.uniform(0.5, 1.0))
                delay = min(delay * 2, 300.0)
                continue
            try:
                self.sync(mailbox)
                self.last_error = None
                delay = 1.0
                first = self.account.imap.folders[0]
                while not self.stop.is_set():
                    state = mailbox.examine(first)
                    cursor = self.ledger.cursor(self.account.key, first)
                    # Mail that arrived after the last SEARCH but before IDLE starts is never
                    # announced by IDLE: UIDNEXT tells us about it.
                    if cursor is None or cursor[0] != state.uidvalidity or cursor[1] < state.uidnext - 1:
                        self.sync(mailbox)
                        continue
                    mailbox.wait_for_change(
                        min(IDLE_RENEW_SECONDS, self.account.imap.poll_interval), self.stop, self.watching
                    )
                    if not self.stop.is_set():
                        self.sync(mailbox)
            except CONNECTION_ERRORS as exc:
                self._failed(exc)
                self.stop.wait(delay * random.uniform(0.5, 1.0))
                delay = min(delay * 2, 300.0)
            finally:
                mailbox.close()

    def _failed(self, exc: BaseException) -> None:
        self.last_error = f"{type(exc).__name__}: {exc}"
        log.warning("account %s: %s", self.account.key, self.last_error)

    def sync(self, mailbox: Mailbox) -> None:
        for folder in self.account.imap.folders:
            self.catch_up(mailbox, folder)
        self.write_drafts(mailbox)

    def catch_up(self, mailbox: Mailbox, folder: str) -> None:
        account = self.account.key
        state = mailbox.examine(folder)
        cursor = self.ledger.cursor(account, folder)
        if cursor is None or cursor[0] != state.uidvalidity:
            if cursor is not None:
                log.warning(
                    "account %s: %s: UIDVALIDITY changed (%d -> %d); rescanning, drafts already "
                    "written are not written again",
                    account,
                    folder,
                    cursor[0],
                    state.uidvalidity,
                )
            self.ledger.reset_cursor(account, folder, state.uidvalidity)
            last = 0
        else:
            last = cursor[1]
        uids = mailbox.uids_after(last)
        for start in range(0, len(uids), RECORD_BATCH):
            if self.stop.is_set():
                return
            batch = uids[start : start + RECORD_BATCH]
            fetched = mailbox.fetch(batch, MAX_FETCH_BYTES)
            pipeline = self.pipeline()
            now = self.clock.now()
            in_batch: dict[str, str] = {}  # a reply may arrive in the same batch as what it answers

            def threads(message_ids: Iterable[str], in_batch: dict[str, str] = in_batch) -> dict[str, str]:
                wanted = list(message_ids)
                return {**self.ledger.thread_categories(wanted), **{m: in_batch[m] for m in wanted if m in in_batch}}

            processed = []
            for f in fetched:
                item = pipeline.process(
                    self.account,
                    Source(account, folder, state.uidvalidity, f.uid),
                    f.raw,
                    f.truncated,
                    f.internaldate,
                    now,
                    threads,
                )
                if item.decision and item.source_key:
                    in_batch[item.source_key] = item.decision.category
                processed.append(item)
            self.ledger.record(account, folder, state.uidvalidity, batch[-1], processed, now)
            for item in processed:
                _log_line(item)
            self.write_drafts(mailbox)
            if any(item.reminders for item in processed):
                self.after_record()
        if state.uidnext:
            # Every UID below the UIDNEXT seen before the SEARCH has been searched: skip them
            # even if they were expunged meanwhile, so the cursor never points below UIDNEXT-1.
            self.ledger.record(account, folder, state.uidvalidity, state.uidnext - 1, [], self.clock.now())

    def write_drafts(self, mailbox: Mailbox) -> None:
        """APPEND the drafts that are due (see followup.draftbox)."""
        write_drafts(self.ledger, mailbox, self.account.key, self.clock.now())


def _log_line(item: Processed) -> None:
    if item.error:
        log.warning("%s quarantined: %s", item.source, item.error)
        return
    decision = item.decision
    assert decision is not None
    log.info(
        "%s category=%s rule=%s actions=%s",
        item.source,
        decision.category,
        decision.rule,
        ",".join(item.actions) or "none",
    )
