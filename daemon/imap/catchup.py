"""A catch-up's fetched batches → what to record, in UID order: submit() batches, then take
their result() in the same order.

Two ways to do it behind one interface (BatchProcessor): InProcess processes every batch in this
process when its result is asked for; Forked also hands batches to a forked child
(followup.imap.batch_worker), so that both CPUs process mail while the watcher fetches and records.
open_processor() picks one for the catch-up's length. The watcher (followup.imap.watcher) does the
IMAP side: it fetches, submits, records each result and then tells recorded().
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from followup.clock import Clock
from followup.config import AccountConfig
from followup.imap.batch_worker import AHEAD, BatchWorker, WorkerGone, known_threads, worth_a_worker
from followup.imap.mailbox import Fetched
from followup.mail.parse import referenced_ids
from followup.model import Processed, among
from followup.pipeline import INTERVIEW_CATEGORIES, Pipeline, note_threads
from followup.state.ledger import Ledger

log = logging.getLogger(__name__)

Refetch = Callable[[Sequence[int]], Future[list[Fetched]]]
"""FETCHes UIDs again, through the watcher's connection."""


class BatchProcessor(Protocol):
    """Processes the fetched batches of one catch-up (one folder) in UID order."""

    @property
    def ahead(self) -> int:
        """How many batches to submit before taking a result."""

    @property
    def waiting(self) -> int:
        """How many batches are submitted and not yet taken back."""

    def submit(self, fetched: list[Fetched]) -> None:
        """Hand over the next batch, in UID order."""

    def result(self) -> tuple[list[Processed], datetime]:
        """The oldest batch submitted, processed, and the time it was processed at."""

    def recorded(self, processed: list[Processed]) -> None:
        """The ledger answers for these from now on."""

    def close(self) -> None:
        """Done: let go of whatever the processor holds (a worker process)."""

    def __enter__(self) -> BatchProcessor: ...

    def __exit__(self, *exc: object) -> None: ...


def open_processor(
    account: AccountConfig,
    pipeline: Callable[[], Pipeline],
    ledger: Ledger,
    clock: Clock,
    folder: str,
    uidvalidity: int,
    messages: int,
    fetch: Refetch,
) -> BatchProcessor:
    """Forked for a catch-up of *messages* long enough to be worth a worker (worth_a_worker),
    else InProcess."""
    kind = Forked if worth_a_worker(messages) else InProcess
    return kind(account, pipeline, ledger, clock, folder, uidvalidity, fetch)


@dataclass
class _Batch:
    uids: list[int]
    fetched: list[Fetched]
    now: datetime
    with_worker: bool = False
    processed: list[Processed] | None = None
    blind: list[_Batch] = field(default_factory=list)
    """Batches before this one whose decisions the worker did not have (see Forked)."""
    remembered: _Batch | None = None
    """The batch the worker processed before this one, whose decisions it had as they were."""
    corrected: dict[str, str] = field(default_factory=dict)
    """The Message-IDs of the messages processed again here (see Forked._reconsider)."""
    interviewed: frozenset[tuple[str, str]] = frozenset()
    """The applications with an interview that the worker was told of (see Forked._reconsider_interviews)."""


class InProcess:
    """Every batch processed in this process, when its result is asked for (after the batch
    before it is recorded), knowing what every batch before it decided (for rules with a
    thread condition)."""

    def __init__(
        self,
        account: AccountConfig,
        pipeline: Callable[[], Pipeline],
        ledger: Ledger,
        clock: Clock,
        folder: str,
        uidvalidity: int,
        fetch: Refetch,
    ) -> None:
        self.account = account
        self.pipeline = pipeline  # a callable, so a reload is picked up between batches
        self.ledger = ledger
        self.clock = clock
        self.fetch = fetch
        """FETCHes UIDs again: of a batch the worker has, the watcher keeps only the replies."""
        self.folder = folder
        self.uidvalidity = uidvalidity
        self.seen: dict[str, str] = {}
        """Message-ID -> category of what is taken back and not yet recorded (see note_threads)."""
        self.batches: deque[_Batch] = deque()
        self._started()

    def _started(self) -> None:
        """Constructed: what a subclass starts with the catch-up."""

    @property
    def ahead(self) -> int:
        """One batch, processed when its result is asked for."""
        return 1

    @property
    def waiting(self) -> int:
        return len(self.batches)

    def submit(self, fetched: list[Fetched]) -> None:
        self.batches.append(_Batch([f.uid for f in fetched], fetched, self.clock.now()))

    def result(self) -> tuple[list[Processed], datetime]:
        """The oldest batch submitted, processed, and the time it was processed at."""
        batch = self.batches.popleft()
        batch.processed = self._process(batch.fetched, batch.now, self.seen)
        batch.fetched = []
        return batch.processed, batch.now

    def _process(self, fetched: Sequence[Fetched], now: datetime, seen: dict[str, str]) -> list[Processed]:
        return self.pipeline().process_batch(
            self.account,
            self.folder,
            self.uidvalidity,
            fetched,
            now,
            self.ledger.thread_categories,
            seen,
            self.ledger.interviewed(self.account.key, INTERVIEW_CATEGORIES),
        )

    def recorded(self, processed: list[Processed]) -> None:
        """The ledger answers for these from now on: *seen* keeps only what is decided and not
        yet recorded, a batch or two, however long the catch-up."""
        for item in processed:
            self.seen.pop(item.source_key, None)
            for draft in item.drafts:
                self.seen.pop(draft.message_id, None)

    def close(self) -> None:
        """Nothing to let go of."""

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Forked(InProcess):
    """For a long catch-up: a worker process (followup.imap.batch_worker) holds AHEAD batches and the
    watcher processes the next one itself when its result is asked for, so that both CPUs
    process mail while the watcher also fetches and records. From the moment the worker fails
    (or cannot be started) every batch is processed here, as InProcess does.

    A batch is processed knowing what every batch before it decided (for rules with a thread
    condition), except that the worker cannot know the decisions of a batch processed here
    meanwhile: its *blind* batches. Its messages that refer to one of those are processed
    again here, in order, when its result is taken."""

    worker: BatchWorker | None = None
    worker_last: _Batch | None = None
    """The batch sent to the worker last: it remembers that batch's decisions itself."""

    def _started(self) -> None:
        self._start_worker(self.pipeline())

    @property
    def ahead(self) -> int:
        """How many batches to submit before taking a result: AHEAD for the worker and one to
        process here; without a worker, one, as InProcess."""
        return AHEAD + 1 if self.worker is not None else 1

    def _start_worker(self, pipeline: Pipeline) -> None:
        try:
            self.worker = BatchWorker(pipeline, self.account)
        except OSError as exc:
            log.warning("account %s: no batch worker (%s); processing here", self.account.key, exc)

    def submit(self, fetched: list[Fetched]) -> None:
        batch = _Batch([f.uid for f in fetched], fetched, self.clock.now())
        pipeline = self.pipeline()
        if self.worker is not None and pipeline is not self.worker.pipeline:
            # Reloaded (SIGHUP): what the old worker has is finished with the old rules, the
            # next batches use the new ones.
            self._take_back()
            self.close()
            self._start_worker(pipeline)
        held = sum(1 for b in self.batches if b.with_worker and b.processed is None)
        if self.worker is not None and held < AHEAD:
            replies = [f for f in fetched if referenced_ids(f.raw)]  # the others look nothing up
            known = known_threads(self.ledger, replies, self.seen, self.account.key)
            batch.interviewed = known[2]
            try:
                self.worker.submit(self.folder, self.uidvalidity, fetched, batch.now, known)
            except WorkerGone as exc:
                self._lost(exc)
            else:
                batch.with_worker = True
                # Its messages, in memory twice, are what a catch-up's peak is made of: here
                # only those that may be processed again (see _reconsider) are kept.
                batch.fetched = replies
                # Not taken back yet, so not in known: all but the one the worker remembers.
                batch.blind = [b for b in self.batches if b is not self.worker_last]
                batch.remembered = self.worker_last
                self.worker_last = batch
        self.batches.append(batch)

    def result(self) -> tuple[list[Processed], datetime]:
        """The oldest batch submitted, processed, and the time it was processed at."""
        batch = self.batches.popleft()
        self._take(batch)
        if batch.processed is None:
            if batch.with_worker:  # and the worker is gone: the watcher has only its replies
                batch.fetched = self.fetch(batch.uids).result()
            batch.processed = self._process(batch.fetched, batch.now, self.seen)
        else:
            self._reconsider(batch)
            self._reconsider_interviews(batch)
            note_threads(self.seen, batch.processed)
        # Batches after this one may still look at its decisions and corrections; none need
        # the batches before it any more.
        batch.fetched, batch.blind, batch.remembered = [], [], None
        return batch.processed, batch.now

    def _reconsider(self, batch: _Batch) -> None:
        """Process *batch*'s messages again, here, where they refer to a message whose decision
        the worker did not have (a blind batch's) or had before it was corrected (one processed
        again in the batch the worker remembered, or before them in this one)."""
        assert batch.processed is not None
        unknown: dict[str, str] = dict(batch.remembered.corrected) if batch.remembered else {}
        for earlier in batch.blind:
            note_threads(unknown, earlier.processed or ())
        if not unknown:
            return
        kept = {f.uid: f for f in batch.fetched}
        before: dict[str, str] = {}  # what this batch decided so far, as process_batch has it
        for index, item in enumerate(batch.processed):
            if item.envelope is not None and any(m in unknown for m in item.envelope.references):
                note_threads(batch.corrected, (item,))  # what came after it knew this decision
                uid = item.source.uid
                # Not kept only if its References hide in an encoded-word (see referenced_ids).
                fetched = [kept[uid]] if uid in kept else self.fetch([uid]).result()
                if fetched:  # else expunged since: what the worker decided stands
                    item = batch.processed[index] = self._process(fetched, batch.now, {**self.seen, **before})[0]
                note_threads(batch.corrected, (item,))
                unknown.update(batch.corrected)
            note_threads(before, (item,))

    def _reconsider_interviews(self, batch: _Batch) -> None:
        """Process *batch*'s messages again, here, where they belong to an application whose
        interview the worker was not told of: one recorded since the batch was submitted (in a
        batch processed here meanwhile, or in the worker's own batch before it). A rejection's
        draft thanks for the interview only if it knows of it; the batches before this one are
        recorded by now, so the ledger knows."""
        assert batch.processed is not None
        told = self.ledger.interviewed(self.account.key, INTERVIEW_CATEGORIES) - batch.interviewed
        if not told:
            return
        kept = {f.uid: f for f in batch.fetched}
        before: dict[str, str] = {}  # what this batch decided so far, as process_batch has it
        for index, item in enumerate(batch.processed):
            application = item.application
            if (
                application is not None
                and item.decision is not None
                and item.decision.category not in INTERVIEW_CATEGORIES
                and among(told, application.company, application.role)
            ):
                uid = item.source.uid
                fetched = [kept[uid]] if uid in kept else self.fetch([uid]).result()
                if fetched:  # else expunged since: what the worker decided stands
                    item = batch.processed[index] = self._process(fetched, batch.now, {**self.seen, **before})[0]
                    note_threads(batch.corrected, (item,))
            note_threads(before, (item,))

    def _take_back(self) -> None:
        """Every result the worker has, taken back now, in order."""
        for batch in self.batches:
            self._take(batch)

    def _take(self, batch: _Batch) -> None:
        """*batch*'s result from the worker, if it is there and the worker still is."""
        if batch.processed is not None or not batch.with_worker or self.worker is None:
            return
        try:
            batch.processed = self.worker.result()
        except WorkerGone as exc:
            self._lost(exc)

    def _lost(self, exc: WorkerGone) -> None:
        log.warning("account %s: %s; processing the rest here", self.account.key, exc)
        self.close()

    def close(self) -> None:
        worker, self.worker, self.worker_last = self.worker, None, None
        if worker is not None:
            worker.close()
