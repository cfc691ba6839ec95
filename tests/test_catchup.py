"""followup.imap.catchup without a server: the corpus, with replies that only their thread makes
feedback, processed in batches in this process and with a forked worker, must come out the
same, in UID order, also when the worker dies half-way. (tests/integration/test_batch_worker.py has the whole
daemon against Dovecot.)"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

import pytest
from followup.clock import FakeClock
from followup.config import Config, parse_config
from followup.imap.catchup import BatchProcessor, Forked, InProcess, open_processor
from followup.imap.mailbox import Fetched
from followup.mail.parse import parse_mail
from followup.model import Processed
from followup.pipeline import Pipeline
from followup.state.ledger import Ledger

from tests.conftest import TEST_START

CORPUS = Path(__file__).resolve().parent / "corpus"
BATCH = 7
UIDVALIDITY = 1


def _mail() -> list[Fetched]:
    """The corpus, each rejection answered by a person BATCH messages later (in a later batch
    than what it answers: one the worker may get before the rejection's decision is back)."""
    paths = sorted(CORPUS.glob("*.eml"))
    raws = [path.read_bytes() for path in paths]
    later: dict[int, list[bytes]] = {}
    for index, raw in enumerate(raws):
        mail = parse_mail(raw)
        if "-rejection-" not in paths[index].name or not mail.message_id:
            continue
        reply = (
            f"From: Jordan Lee <jordan.lee@company-{index}.example>\r\nTo: me@example.org\r\n"
            f"Subject: Re: {mail.subject}\r\nMessage-ID: <reply-{index}@test.example>\r\n"
            f"In-Reply-To: {mail.message_id}\r\nReferences: {mail.message_id}\r\n\r\n"
            "Hi, sure - the team liked your design work but wanted more depth on databases.\r\n"
        ).encode()
        later.setdefault(min(index + BATCH, len(raws)), []).append(reply)
    ordered = [
        r for index in range(len(raws) + 1) for r in ([raws[index]] if index < len(raws) else []) + later.get(index, [])
    ]
    return [Fetched(uid, raw, len(raw), TEST_START, False) for uid, raw in enumerate(ordered, 1)]


def _config(tmp_path: Path) -> Config:
    text = f"""
state_dir = "{tmp_path / "state"}"
timezone = "Europe/Berlin"
[accounts.main]
email = "me@example.org"
reminder_delivery = "imap"
[accounts.main.imap]
host = "127.0.0.1"
username = "me@example.org"
password = "unused"
security = "none"
"""
    return parse_config(text, tmp_path / "config.toml")


def _catch_up(kind: type[InProcess], tmp_path: Path, kill_worker_after: int | None = None) -> list[tuple[object, ...]]:
    """A catch-up as the watcher does it: submit while the processor wants more, take the
    oldest result, record it, tell recorded(). What was decided, in the order it came back."""
    config = _config(tmp_path)
    account = config.accounts[0]
    pipeline = Pipeline.load(config)
    ledger = Ledger(config.state_dir / "state.sqlite")
    ledger.reset_cursor(account.key, "INBOX", UIDVALIDITY)
    fetched = _mail()
    by_uid = {f.uid: f for f in fetched}
    batches = [fetched[start : start + BATCH] for start in range(0, len(fetched), BATCH)]

    def refetch(uids: Sequence[int]) -> Future[list[Fetched]]:
        future: Future[list[Fetched]] = Future()
        future.set_result([by_uid[uid] for uid in uids])
        return future

    processor = kind(account, lambda: pipeline, ledger, FakeClock(TEST_START), "INBOX", UIDVALIDITY, refetch)
    outcome: list[tuple[object, ...]] = []
    submitted = 0
    try:
        with processor:
            for taken in range(len(batches)):
                while submitted < len(batches) and processor.waiting < processor.ahead:
                    processor.submit(batches[submitted])
                    submitted += 1
                if taken == kill_worker_after:
                    assert isinstance(processor, Forked) and processor.worker is not None
                    os.kill(processor.worker.pid, signal.SIGKILL)
                processed, now = processor.result()
                ledger.record(account.key, "INBOX", UIDVALIDITY, processed[-1].source.uid, processed, now)
                processor.recorded(processed)
                outcome.extend(_decided(processed))
    finally:
        ledger.close()
    return outcome


def _decided(processed: list[Processed]) -> list[tuple[object, ...]]:
    return [(p.source.uid, p.decision.category if p.decision else None, p.error, len(p.drafts)) for p in processed]


def test_in_process_keeps_uid_order_and_knows_each_thread(tmp_path: Path) -> None:
    outcome = _catch_up(InProcess, tmp_path)
    assert [uid for uid, *_ in outcome] == list(range(1, len(_mail()) + 1))
    categories = {uid: category for uid, category, *_ in outcome}
    replies = [f.uid for f in _mail() if b"reply-" in f.raw.split(b"\r\n\r\n")[0]]
    feedback = [uid for uid in replies if categories[uid] == "feedback_received"]  # by their thread alone
    assert len(feedback) > len(replies) * 0.9


def test_a_forked_worker_decides_what_the_process_alone_decides(tmp_path: Path) -> None:
    assert _catch_up(Forked, tmp_path / "forked") == _catch_up(InProcess, tmp_path / "alone")


def test_a_worker_killed_half_way_loses_nothing(tmp_path: Path) -> None:
    batches = -(-len(_mail()) // BATCH)
    killed = _catch_up(Forked, tmp_path / "killed", kill_worker_after=batches // 2)
    assert killed == _catch_up(InProcess, tmp_path / "alone")


@pytest.mark.parametrize(("threshold", "kind"), [("0", Forked), ("999999999", InProcess)])
def test_the_catch_up_length_picks_the_processor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: str, kind: type[BatchProcessor]
) -> None:
    if threshold == "0" and len(os.sched_getaffinity(0)) < 2:
        pytest.skip("a worker needs a second CPU")
    monkeypatch.setenv("FOLLOWUP_WORKER_FROM", threshold)
    config = _config(tmp_path)
    ledger = Ledger(config.state_dir / "state.sqlite")
    pipeline = Pipeline.load(config)
    try:
        with open_processor(
            config.accounts[0], lambda: pipeline, ledger, FakeClock(TEST_START), "INBOX", 1, 5000, lambda uids: Future()
        ) as processor:
            assert type(processor) is kind
    finally:
        ledger.close()
