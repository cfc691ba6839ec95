"""One account's loop: connect, catch up by UID, write pending drafts, wait (IDLE or poll), repeat.

IDLE is only a wake-up hint: every wake-up and every (re)connect catches up with a UID search,
so mail that arrived while the connection was down is never missed.
"""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime

from followup.clock import Clock
from followup.config import AccountConfig
from followup.errors import AuthenticationError, FollowupError, MailboxError, ServerUnreachable, StateError
from followup.imap.catchup import open_processor
from followup.imap.deliver_drafts import write_drafts
from followup.imap.mailbox import CONNECTION_ERRORS, IDLE_RENEW_SECONDS, Fetched, Mailbox
from followup.model import Processed
from followup.pipeline import Pipeline
from followup.service.crashpoints import crash_point
from followup.state.ledger import Ledger
from followup.state.report import Tally

log = logging.getLogger(__name__)

MAX_FETCH_BYTES = 64 * 1024
"""Of each message, the first 64 KB (BODY.PEEK[]<0.65536>): the headers and the text, HTML and
calendar parts of any real invitation, but not the attachments after them."""
RECORD_BATCH = 200
MAX_BACKOFF_SECONDS = 300.0
PROBE_SECONDS = 2.0
NOTICE_SLACK_SECONDS = 60.0
"""How much later than a whole wait new mail may be noticed and still count as new (see _noticed)."""
AUTH_RETRY_SECONDS = 600.0
"""A refused login is retried this slowly: the user must fix it, and servers lock out hammering clients."""


def _listening(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


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
        self.error: str | None = None
        """What made the loop fail (not the network: a bug), until it has synced again."""
        self.connected = False
        self.heartbeat = time.monotonic()
        """When the loop last showed it is alive; the service stops its watchdog pings when it goes stale."""
        self.after_record: Callable[[], None] = lambda: None
        """Called after a batch is recorded (the service uses it to schedule new reminders)."""
        self.tally = Tally()
        """What was recorded since the watcher started (`followup once` prints it)."""
        self.on_error: Callable[[], None] = lambda: None
        """Called when the loop failed (the service tells systemd at once)."""
        self.mailbox: Mailbox | None = None
        """The connection in use, for interrupt()."""
        self._arrived: datetime | None = None
        """The earliest INTERNALDATE among the messages the current sync fetched."""
        self.synced = False
        """Whether a catch-up of this process went through. Until then, the ledger may not know
        what is in Drafts (it may be new, or an old backup): drafts are looked for before written."""

    def interrupt(self) -> None:
        """After stop is set: cut the connection, so that a command waiting for a stalled
        server fails now rather than after its timeout."""
        mailbox = self.mailbox
        if mailbox is not None:
            mailbox.interrupt()

    def run_once(self) -> None:
        """Connect, catch up, write the drafts, disconnect; recorded for `followup status` as
        the daemon's connections are."""
        try:
            mailbox = Mailbox.connect(self.account.imap)
        except MailboxError as exc:
            self._failed(exc)
            raise
        try:
            self.connected = True
            self.ledger.set_connected(self.account.key, True, self.clock.now())
            self.sync(mailbox)
        except CONNECTION_ERRORS as exc:
            self._failed(exc)
            raise
        finally:
            mailbox.close()
        self.connected = False
        self.ledger.set_connected(self.account.key, False, self.clock.now())

    def beat(self) -> None:
        self.heartbeat = time.monotonic()

    def _wait(self, seconds: float, until_listening: bool = False) -> None:
        """Sleep (a backoff) in one-second steps, alive all along, until stopped. With
        *until_listening* (the server was down), stop early once its port accepts connections
        again: a TCP probe every few seconds costs the server nothing, and we are back within
        seconds of it, however long the backoff has grown."""
        end = time.monotonic() + seconds
        next_probe = time.monotonic() + PROBE_SECONDS
        while not self.stop.is_set() and time.monotonic() < end:
            self.stop.wait(min(1.0, max(0.0, end - time.monotonic())))
            self.beat()
            if until_listening and time.monotonic() >= next_probe:
                next_probe = time.monotonic() + PROBE_SECONDS
                if _listening(self.account.imap.host, self.account.imap.port):
                    return

    def run_forever(self) -> None:
        """Watch until stopped. Whatever escapes the loop (a bug; the network's failures and
        each message's are handled inside it) shows as this account's error, and the loop
        starts again after a backoff: an account is never left silently dead."""
        delay = 1.0
        while not self.stop.is_set():
            try:
                self._watch()
            except Exception as exc:
                self._crashed(exc)
                self._wait(delay * random.uniform(0.5, 1.0))
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
        # Stopped: `followup status` must not go on saying "connected since" (nor keep that
        # time for the next run's connection) while no followup is running.
        self.connected = False
        with contextlib.suppress(sqlite3.Error, StateError):
            self.ledger.set_connected(self.account.key, False, self.clock.now(), failed=self.error is not None)

    @property
    def state(self) -> str:
        """What status and sd_notify say of the account: watching, reconnecting or error."""
        if self.error is not None:
            return "error"
        return "watching" if self.connected else "reconnecting"

    def _watch(self) -> None:
        """Reconnect with exponential backoff and jitter until stopped."""
        delay = 1.0
        while not self.stop.is_set():
            self.beat()
            try:
                mailbox = Mailbox.connect(self.account.imap, self.stop)
            except AuthenticationError as exc:
                self._failed(exc)
                self._wait(AUTH_RETRY_SECONDS)  # a refused login is not fixed by hammering the server
                continue
            except MailboxError as exc:
                self._failed(exc)
                self._wait(delay * random.uniform(0.5, 1.0), until_listening=isinstance(exc, ServerUnreachable))
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
                continue
            self.mailbox = mailbox
            if self.stop.is_set():  # interrupt() may have come before self.mailbox was set
                mailbox.interrupt()
            try:
                self.connected = True
                self.ledger.set_connected(self.account.key, True, self.clock.now(), failed=self.error is not None)
                self.sync(mailbox)
                self.last_error = self.error = None
                delay = 1.0
                first = self.account.imap.folders[0]
                while not self.stop.is_set():
                    if not self._caught_up(mailbox, first):
                        self.sync(mailbox)
                        continue
                    via = mailbox.wait_for_change(
                        min(IDLE_RENEW_SECONDS, self.account.imap.poll_interval), self.stop, self.watching, self.beat
                    )
                    if not self.stop.is_set():
                        self._arrived = None
                        self.sync(mailbox)
                        self._noticed(via)
            except CONNECTION_ERRORS as exc:
                self._failed(exc)
                mailbox.close()
                self._wait(delay * random.uniform(0.5, 1.0))
                delay = min(delay * 2, MAX_BACKOFF_SECONDS)
            finally:
                self.mailbox = None
                mailbox.close()

    def _noticed(self, via: str) -> None:
        """Record how the mail the last sync found was noticed, and how long after it arrived:
        `followup status` tells when the server announces new mail in IDLE late, or only the
        poll finds it (Cyrus without idled, Courier without enhanced IDLE: about a minute)."""
        if self._arrived is None:
            return
        delay = max(0.0, (self.clock.now() - self._arrived).total_seconds())  # a server clock ahead: 0
        if delay > min(IDLE_RENEW_SECONDS, self.account.imap.poll_interval) + NOTICE_SLACK_SECONDS:
            return  # longer than the wait: an INTERNALDATE kept from elsewhere (a copy, a move)
        self.ledger.record_notice(self.account.key, via, delay)

    def _caught_up(self, mailbox: Mailbox, folder: str) -> bool:
        """Whether *folder* holds nothing the last catch-up did not see, asked right before
        IDLE. Dovecot announces what came meanwhile when IDLE starts, but RFC 2177 does not
        ask servers to: still selected, a NOOP tells; otherwise EXAMINE's UIDNEXT does."""
        if mailbox.selected == folder:
            return not mailbox.grown()
        state = mailbox.examine(folder)
        cursor = self.ledger.cursor(self.account.key, folder)
        return cursor is not None and cursor[0] == state.uidvalidity and cursor[1] >= state.uidnext - 1

    def _crashed(self, exc: Exception) -> None:
        self.error = self.last_error = f"{type(exc).__name__}: {exc}"
        self.connected = False
        # A secret command that failed says what to fix; a bug needs its traceback.
        bug = not isinstance(exc, FollowupError)
        log.error("account %s: %s; starting again", self.account.key, self.error, exc_info=bug)
        with contextlib.suppress(sqlite3.Error):
            self.ledger.set_connected(self.account.key, False, self.clock.now(), self.error, failed=True)
        self.on_error()

    def _failed(self, exc: BaseException) -> None:
        if self.stop.is_set():
            return  # cut short by shutdown: not the server's failure
        self.last_error = f"{type(exc).__name__}: {exc}"
        self.connected = False
        log.warning("account %s: %s", self.account.key, self.last_error)
        with contextlib.suppress(sqlite3.Error, StateError):
            self.ledger.set_connected(
                self.account.key, False, self.clock.now(), self.last_error, failed=self.error is not None
            )

    def sync(self, mailbox: Mailbox) -> None:
        for folder in self.account.imap.folders:
            self.catch_up(mailbox, folder)
        self.write_drafts(mailbox)
        self.ledger.set_synced(self.account.key, self.clock.now())
        self.synced = True
        self.beat()

    def catch_up(self, mailbox: Mailbox, folder: str) -> None:
        account = self.account.key
        # Still selected (the IDLE loop), the folder is not EXAMINEd again: UIDVALIDITY cannot
        # change unannounced while it is selected, and the SEARCH alone finds the new mail.
        selected = mailbox.selected_state if mailbox.selected == folder else None
        state = selected or mailbox.examine(folder)
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
        batches = [uids[start : start + RECORD_BATCH] for start in range(0, len(uids), RECORD_BATCH)]
        # The connection is the fetcher thread's alone while a catch-up runs: every FETCH
        # goes through it, in order, then the draft APPENDs once it is idle.
        fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"fetch-{account}")

        def fetch_uids(wanted: Sequence[int]) -> Future[list[Fetched]]:
            return fetcher.submit(mailbox.fetch, wanted, MAX_FETCH_BYTES)

        def fetch(index: int) -> Future[list[Fetched]] | None:
            return fetch_uids(batches[index]) if index < len(batches) else None

        processor = open_processor(
            self.account, self.pipeline, self.ledger, self.clock, folder, state.uidvalidity, len(uids), fetch_uids
        )
        with fetcher, processor:
            # A FETCH is on the wire while batches are processed and recorded: the connection
            # is the fetch's alone until it is done, then the draft APPENDs'. With a worker,
            # the next batch is processed there while this one is recorded here.
            upcoming = fetch(0)
            submitted = 0
            for batch in batches:
                while upcoming is not None and processor.waiting < processor.ahead:
                    fetched = _fetched(upcoming)
                    arrived = [f.internaldate for f in fetched if f.internaldate is not None]
                    if arrived and folder == self.account.imap.folders[0]:  # the folder IDLE watches
                        self._arrived = min(arrived + ([self._arrived] if self._arrived else []))
                    processor.submit(fetched)
                    submitted += 1
                    upcoming = fetch(submitted)
                processed, now = processor.result()
                if self.stop.is_set():
                    return
                self._record_batch(mailbox, folder, state.uidvalidity, batch, processed, now, upcoming)
                processor.recorded(processed)
        if state.uidnext and selected is None:
            # Every UID below the UIDNEXT seen before the SEARCH has been searched: skip them
            # even if they were expunged meanwhile, so the cursor never points below UIDNEXT-1.
            self.ledger.record(account, folder, state.uidvalidity, state.uidnext - 1, [], self.clock.now())

    def _record_batch(
        self,
        mailbox: Mailbox,
        folder: str,
        uidvalidity: int,
        batch: Sequence[int],
        processed: list[Processed],
        now: datetime,
        upcoming: Future[list[Fetched]] | None,
    ) -> None:
        """Record one processed batch with the cursor, then write its drafts once the
        connection is free again (the FETCH on the wire done)."""
        try:
            self.ledger.record(self.account.key, folder, uidvalidity, batch[-1], processed, now)
        except (sqlite3.Error, StateError):
            raise  # the database's trouble (disk full, locked), not a message's
        except Exception:  # a value one message brought that cannot be stored: that one is quarantined
            processed[:] = self._record_each(folder, uidvalidity, processed, now)
            self.ledger.record(self.account.key, folder, uidvalidity, batch[-1], [], now)
        crash_point("recorded")
        for item in processed:
            category = item.decision.category if item.decision and not item.error else "quarantined"
            self.tally.add(category, len(item.drafts), len(item.reminders))
        _log_batch(folder, processed)
        if any(item.drafts for item in processed):
            if upcoming is not None:
                wait([upcoming])
            self.write_drafts(mailbox)
        if any(item.reminders for item in processed):
            self.after_record()

    def _record_each(
        self, folder: str, uidvalidity: int, processed: Sequence[Processed], now: datetime
    ) -> list[Processed]:
        """Record a batch message by message, quarantining those that cannot be stored."""
        recorded = []
        for item in processed:
            try:
                self.ledger.record(self.account.key, folder, uidvalidity, item.source.uid, [item], now)
            except (sqlite3.Error, StateError):
                raise
            except Exception as exc:
                log.exception("%s: cannot record message", item.source)
                item = Processed(item.source, item.source_key, None, None, (), (), (), f"unrecordable: {exc}")
                self.ledger.record(self.account.key, folder, uidvalidity, item.source.uid, [item], now)
            recorded.append(item)
        return recorded

    def write_drafts(self, mailbox: Mailbox) -> None:
        """APPEND the drafts that are due (see followup.imap.deliver_drafts)."""
        write_drafts(
            self.ledger, mailbox, self.account.key, self.clock.now(), stop=self.stop, look_first=not self.synced
        )


def _fetched(upcoming: Future[list[Fetched]]) -> list[Fetched]:
    fetched = upcoming.result()
    crash_point("fetched")
    return fetched


LOG_EACH_UP_TO = 20
"""Batches up to this size (new mail, arriving a few at a time) log a line per message. A larger
one (a catch-up) logs one line for the batch, plus one per message that has drafts or reminders
or was quarantined; the rest at DEBUG. A first scan of years of mail would otherwise write a line
per message, and journald's default rate limit (10,000 lines in 30 s per service) would drop
what comes after, warnings among them."""


def _log_batch(folder: str, processed: Sequence[Processed]) -> None:
    each = len(processed) <= LOG_EACH_UP_TO
    debug = log.isEnabledFor(logging.DEBUG)
    categories: Counter[str] = Counter()
    for item in processed:
        if item.error:
            log.warning("%s quarantined: %s", item.source, item.error)
            categories["quarantined"] += 1
            continue
        decision = item.decision
        assert decision is not None
        categories[decision.category] += 1
        shown = each or bool(item.drafts or item.reminders)
        if shown or debug:
            log.log(
                logging.INFO if shown else logging.DEBUG,
                "%s category=%s rule=%s actions=%s",
                item.source,
                decision.category,
                decision.rule,
                ",".join(item.actions) or "none",
            )
    if not each:
        first, last = processed[0].source, processed[-1].source
        log.info(
            "%s/%s: recorded %d messages, UIDs %d-%d: %s",
            first.account,
            folder,
            len(processed),
            first.uid,
            last.uid,
            ", ".join(f"{category} {count}" for category, count in categories.most_common()),
        )
