"""A second process for the pure middle of a long catch-up: parse, classify, plan, render.

A first scan of years of mail is bound by one CPU: Pipeline.process costs about twice what
fetching a message does. With a second CPU, a forked child processes two batches of every
three while this process fetches, records, and processes the third (see followup.imap.catchup).
Only the pure middle moves: the child never
touches the IMAP connection, the ledger or the clock. It is sent the raw messages, the time
and the thread categories it may need (see known_threads), and sends back what to record.
Whatever goes wrong with it, the watcher processes the batch itself.
"""

from __future__ import annotations

import gc
import logging
import os
import queue
import select
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from multiprocessing.connection import Connection, Pipe
from typing import NoReturn

from followup.config import AccountConfig
from followup.imap.mailbox import Fetched
from followup.mail.parse import referenced_ids
from followup.model import Processed
from followup.pipeline import INTERVIEW_CATEGORIES, Pipeline, note_threads
from followup.state.ledger import THREAD_IDS_MAX, Ledger, thread_ids

log = logging.getLogger(__name__)

WORKER_FROM = 1000
"""Messages to catch up with before a worker is worth its start: a fork, and a rule set compiled
again in the child (about 40 ms). FOLLOWUP_WORKER_FROM overrides it: 0 always starts one (the
tests), a number beyond any mailbox never does (memory over speed)."""
AHEAD = 2
"""Batches the worker holds at a time: the one it processes and the next, so it never waits on
the watcher. The child remembers the decisions of the batch it processed last; those the watcher
had taken back when it submitted a batch reach it in known_threads. What neither covers (a batch
the watcher processed itself meanwhile) the watcher checks afterwards (see catchup.Forked)."""
CLOSE_SECONDS = 5.0


Request = tuple[str, int, list[Fetched], datetime, dict[str, str], dict[str, str], frozenset[tuple[str, str]]]
"""What submit() sends: folder, UIDVALIDITY, the batch, the time, and known_threads()."""


class WorkerGone(Exception):
    """The child died or failed; the batch it had is processed in this process instead."""


def worth_a_worker(messages: int) -> bool:
    """Only for a long catch-up on a machine where the child gets a CPU of its own."""
    setting = os.environ.get("FOLLOWUP_WORKER_FROM", "")
    threshold = int(setting) if setting.isdigit() else WORKER_FROM
    return messages > 0 and messages >= threshold and hasattr(os, "pidfd_open") and len(os.sched_getaffinity(0)) > 1


def known_threads(
    ledger: Ledger, fetched: Sequence[Fetched], seen: dict[str, str], account: str
) -> tuple[dict[str, str], dict[str, str], frozenset[tuple[str, str]]]:
    """What the child's lookups for this batch can find, as (recorded, seen, interviewed): the
    ledger's categories and those decided since, for every ID the batch refers to, and the
    account's applications that had an interview."""
    wanted = list(dict.fromkeys(m for f in fetched for m in referenced_ids(f.raw)))
    recorded: dict[str, str] = {}
    for start in range(0, len(wanted), THREAD_IDS_MAX):
        recorded.update(ledger.thread_categories(wanted[start : start + THREAD_IDS_MAX]))
    return recorded, {m: seen[m] for m in wanted if m in seen}, ledger.interviewed(account, INTERVIEW_CATEGORIES)


class BatchWorker:
    """A forked child running Pipeline.process_batch on the batches submit()ted, in order; result()
    gives back the oldest one's. At most AHEAD batches may be submitted and not yet taken back,
    and known_threads must be given what the watcher has taken back so far."""

    def __init__(self, pipeline: Pipeline, account: AccountConfig) -> None:
        self.pipeline = pipeline
        mine, theirs = Pipe()
        gc.freeze()  # the child's collector would otherwise write to every page it shares with us
        try:
            pid = os.fork()
        except OSError:
            gc.unfreeze()
            mine.close()
            theirs.close()
            raise
        if pid == 0:
            _serve(theirs, pipeline, account)
        gc.unfreeze()
        theirs.close()
        self.pid = pid
        self._conn = mine

    def submit(
        self,
        folder: str,
        uidvalidity: int,
        fetched: Sequence[Fetched],
        now: datetime,
        known: tuple[dict[str, str], dict[str, str], frozenset[tuple[str, str]]],
    ) -> None:
        try:
            self._conn.send((folder, uidvalidity, list(fetched), now, *known))
        except (OSError, ValueError) as exc:
            raise WorkerGone(f"cannot send to the worker: {exc}") from None

    def result(self) -> list[Processed]:
        try:
            reply: list[Processed] | str = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise WorkerGone(f"the worker ended ({type(exc).__name__})") from None
        if isinstance(reply, str):
            raise WorkerGone(reply)
        return reply

    def close(self) -> None:
        """Close the pipe (the child ends at EOF) and reap the child; one stuck for
        CLOSE_SECONDS is killed. Results not taken back are dropped."""
        self._conn.close()
        try:
            exited = os.pidfd_open(self.pid)
        except OSError:  # an old kernel, or a seccomp filter without it: the child ends at EOF anyway
            os.waitpid(self.pid, 0)
            return
        try:
            if not select.select([exited], [], [], CLOSE_SECONDS)[0]:
                log.warning("the batch worker (pid %d) did not end in %.0f s; killed", self.pid, CLOSE_SECONDS)
                os.kill(self.pid, signal.SIGKILL)
        finally:
            os.close(exited)
        os.waitpid(self.pid, 0)


def _serve(conn: Connection, pipeline: Pipeline, account: AccountConfig) -> NoReturn:
    """The child: process batches until the pipe closes (the parent closed it or died). Never returns.

    Batches come in and results go back on threads of their own. The reader takes a batch off
    the pipe as soon as it is sent, so the watcher's submit() never waits for the batch before
    it to be processed (the watcher processes a batch of its own meanwhile). The sender lets
    the child read however long the watcher takes to read the last result: two processes each
    writing more than a pipe holds to the other would otherwise wait on each other for ever."""
    code = 0
    inbox: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
    outbox: queue.SimpleQueue[list[Processed] | str | None] = queue.SimpleQueue()
    reader = threading.Thread(target=_read_requests, args=(conn, inbox), daemon=True)
    sender = threading.Thread(target=_send_results, args=(conn, outbox), daemon=True)
    try:
        # The IMAP socket, the ledger, other children's pipes: not the child's to hold open
        # (a pipe held here would keep another child from seeing its parent go).
        keep = conn.fileno()
        os.closerange(3, keep)
        os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles ^C and then closes us
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        pipeline = replace(pipeline, rules=pipeline.rules.recompiled())
        reader.start()
        sender.start()
        last: dict[str, str] = {}  # what the batch before decided: the parent may not have it yet
        while (request := inbox.get()) is not None:
            folder, uidvalidity, fetched, now, recorded, seen, interviewed = request

            def lookup(wanted: list[str], recorded: dict[str, str] = recorded) -> dict[str, str]:
                return {m: recorded[m] for m in thread_ids(wanted) if m in recorded}  # as the ledger answers

            try:
                items = pipeline.process_batch(
                    account, folder, uidvalidity, fetched, now, lookup, {**seen, **last}, interviewed
                )
            except Exception as exc:  # a bug: the parent processes the batch and logs what happens there
                outbox.put(f"the worker failed: {type(exc).__name__}: {exc}")
                continue
            last = {}
            note_threads(last, items)
            outbox.put(items)
    except BaseException:
        code = 1
    finally:
        outbox.put(None)
        if sender.is_alive():
            sender.join(CLOSE_SECONDS)
        sys.stderr.flush()
        os._exit(code)


def _read_requests(conn: Connection, inbox: queue.SimpleQueue[Request | None]) -> None:
    try:
        while True:
            inbox.put(conn.recv())
    except (EOFError, OSError):
        pass  # the parent has gone, or closed us
    finally:
        inbox.put(None)


def _send_results(conn: Connection, outbox: queue.SimpleQueue[list[Processed] | str | None]) -> None:
    while (reply := outbox.get()) is not None:
        try:
            conn.send(reply)
        except OSError:
            return  # the parent has gone: the main thread sees EOF
