"""The batch worker (followup.imap.batch_worker) against a real Dovecot: a long catch-up processed in a
forked child must record exactly what the watcher records when it processes every batch
itself, survive the child's death, and never outlive the daemon."""

from __future__ import annotations

import os
import re
import select
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from followup.clock import FakeClock
from followup.imap import batch_worker as worker
from followup.imap import watcher
from followup.mail.parse import parse_mail, referenced_ids
from followup.model import Processed
from followup.pipeline import Pipeline
from followup.service.crashpoints import EXIT_CODE
from followup.service.service import Service
from followup.testing import wait_for
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import TEST_START, config_text, imap_client, make_config
from tests.dovecot import Dovecot, User

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BATCH = 7  # small batches: many of them, and replies in a later batch than what they answer


def _seed(dovecot: Dovecot, user: User) -> int:
    """The corpus, with a reply from a person to each rejection in it, which only its thread
    makes feedback: half of them BATCH messages after what they answer (the next batch, which
    the worker gets before the watcher has the decision, or processed by the worker while the
    watcher processes the one it answers), the others at the end. Each of the first half is
    followed by a second reply, to the first alone: feedback only once the first one is."""
    paths = sorted(CORPUS.glob("*.eml"))
    messages = [path.read_bytes() for path in paths]
    later: dict[int, list[bytes]] = {}
    replies = 0
    for index, path in enumerate(paths):
        mail = parse_mail(messages[index])
        if "-rejection-" not in path.name or not mail.message_id:
            continue
        replies += 1
        reply = (
            f"From: Jordan Lee <jordan.lee@company-{replies}.example>\r\nTo: {user.name}\r\n"
            f"Subject: Re: {mail.subject}\r\nMessage-ID: <reply-{replies}@test.example>\r\n"
            f"In-Reply-To: {mail.message_id}\r\nReferences: {mail.message_id}\r\n\r\n"
            "Hi, sure - the team liked your design work but wanted more depth on databases.\r\n"
        ).encode()
        if replies % 2:
            again = (
                f"From: Jordan Lee <jordan.lee@company-{replies}.example>\r\nTo: {user.name}\r\n"
                f"Subject: Re: Re: {mail.subject}\r\nMessage-ID: <again-{replies}@test.example>\r\n"
                f"In-Reply-To: <reply-{replies}@test.example>\r\n\r\nAnd one more thing: the system design round.\r\n"
            ).encode()
            later.setdefault(min(index + BATCH, len(paths)), []).extend([reply, again])
        else:
            later.setdefault(len(paths), []).append(reply)
    for pair in range(3):  # an interview, and three batches on a rejection that does not say so
        invitation, rejection = _after_an_interview(pair, user.name)
        later.setdefault(min(4 * BATCH * pair + 1, len(paths)), []).append(invitation)
        later.setdefault(min(4 * BATCH * pair + 3 * BATCH, len(paths)), []).append(rejection)
    feeder = imap_client(dovecot, user)
    for index in range(len(paths) + 1):
        for raw in ([messages[index]] if index < len(paths) else []) + later.get(index, []):
            feeder.append("INBOX", raw)
    feeder.logout()
    return len(paths) + replies + (replies + 1) // 2 + 6


def _after_an_interview(pair: int, to: str) -> tuple[bytes, bytes]:
    """An invitation and the rejection that ends the same application: only the ledger (or the
    batches taken back before it) can tell the rejection's draft that an interview took place."""
    role, company = (
        ("Embedded Software Engineer", "Data Analyst", "Site Reliability Engineer")[pair],
        f"Larkspur {pair}",
    )
    head = f"From: Dana Whitfield <dana.whitfield@larkspur-{pair}.example>\r\nTo: {to}\r\n"
    sign = f"\r\nBest regards,\r\nDana Whitfield\r\nTalent Acquisition, {company}\r\n"
    invitation = (
        f"{head}Subject: Interview invitation: {role}\r\nMessage-ID: <interview-{pair}@test.example>\r\n"
        f"Date: Mon, 16 Nov 2026 09:12:00 +0100\r\n\r\nDear candidate,\r\n\r\nthank you for applying for"
        f" the {role} position at {company}. We would like to invite you to an interview on\r\n"
        f"Thursday, 19 November 2026 at 10:00 CET by video call.\r\n{sign}"
    )
    rejection = (
        f"{head}Subject: Your application for {role}\r\nMessage-ID: <declined-{pair}@test.example>\r\n"
        f"Date: Fri, 20 Nov 2026 15:40:00 +0100\r\n\r\nDear candidate,\r\n\r\nthank you for your interest"
        f" in the {role} position at {company}. After careful consideration we\r\nhave decided to move"
        f" forward with other candidates.\r\n{sign}"
    )
    return invitation.encode(), rejection.encode()


_TIME = re.compile(r"@\d{4}-\d\d-\d\dT[\d:.]+(?:[+-]\d\d:\d\d|Z)?")


def _outcome(state: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything recorded, without the times (the two runs do not share a clock): a reminder's
    time is also in the actions recorded ("remind:thank_you@2026-11-24T05:46+01:00")."""
    db = sqlite3.connect(state / "state.sqlite")
    db.create_function("untimed", 1, lambda actions: _TIME.sub("@", actions or ""), deterministic=True)
    # What a draft says (its headers carry the run's clock): a draft may not know what the other run's did.
    db.create_function("body", 1, lambda raw: bytes(raw).partition(b"\r\n\r\n")[2], deterministic=True)
    try:
        return {
            "messages": sorted(
                db.execute(
                    "SELECT uid, source_key, subject, sender, category, rule, evidence, untimed(actions), status, error"
                    " FROM messages"
                ).fetchall()
            ),
            "drafts": sorted(
                db.execute("SELECT key, template, message_id, recipient, subject, body(raw), source_key FROM drafts")
            ),
            "reminders": sorted(db.execute("SELECT key, kind, message_id, subject, draft_key FROM reminders")),
            "applications": sorted(db.execute("SELECT company, role, status FROM applications")),
            "events": sorted(db.execute("SELECT source_key, category, subject, interview_at FROM events")),
            "cursors": sorted(db.execute("SELECT folder, last_uid FROM cursors")),
        }
    finally:
        db.close()


def _assert_same(outcome: dict[str, list[tuple[object, ...]]], reference: dict[str, list[tuple[object, ...]]]) -> None:
    """Table by table, showing the rows that differ (a whole outcome is too long to read)."""
    for table, rows in reference.items():
        extra, missing = set(outcome[table]) - set(rows), set(rows) - set(outcome[table])
        assert not extra and not missing, (
            f"{table}: not in the reference {sorted(extra, key=str)}; missing {sorted(missing, key=str)}"
        )


def _catch_up(dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker_from: int) -> Path:
    """A fresh mailbox, caught up with by one Service.once(); returns its state directory."""
    user = dovecot.add_user()
    _seed(dovecot, user)
    state = tmp_path / f"state-{worker_from}"
    config = make_config(dovecot, user, None, state, extra='act_on_mail_newer_than = "3650d"')
    monkeypatch.setattr(watcher, "RECORD_BATCH", BATCH)
    monkeypatch.setenv("FOLLOWUP_WORKER_FROM", str(worker_from))
    Service(config, FakeClock(TEST_START)).once()
    return state


@pytest.fixture(scope="module")
def in_process(dovecot: Dovecot, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[object, ...]]]:
    """The reference: every batch processed by the watcher itself."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        state = _catch_up(dovecot, tmp_path_factory.mktemp("in-process"), monkeypatch, worker_from=10**9)
    outcome = _outcome(state)
    assert len(outcome["messages"]) > 200 and outcome["drafts"] and outcome["reminders"]
    for kind in ("<reply-", "<again-"):
        assert sum(1 for row in outcome["messages"] if str(row[1]).startswith(kind) and row[4] == "feedback_received")
    after_interviews = [row for row in outcome["drafts"] if str(row[6]).startswith("<declined-")]
    assert after_interviews and all(b"interview" in row[5] for row in after_interviews if row[1] == "rejection_thanks")
    return outcome


def test_the_worker_records_what_the_watcher_records(
    dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_process: dict[str, list[tuple[object, ...]]]
) -> None:
    forks = []
    real = worker.BatchWorker.__init__

    def counted(self: worker.BatchWorker, *args: object) -> None:
        real(self, *args)  # type: ignore[arg-type]
        forks.append(self.pid)

    monkeypatch.setattr(worker.BatchWorker, "__init__", counted)
    state = _catch_up(dovecot, tmp_path, monkeypatch, worker_from=0)
    assert len(forks) == 1  # one worker for the whole catch-up
    _assert_same(_outcome(state), in_process)


def test_a_reload_mid_catch_up_hands_over_to_a_new_worker(
    dovecot: Dovecot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_process: dict[str, list[tuple[object, ...]]]
) -> None:
    """SIGHUP between batches: the old worker's batches come back first, the next go to a new
    worker with the new rules (the same rules here, so the same outcome)."""
    forks = []
    real_init, real_record = worker.BatchWorker.__init__, watcher.AccountWatcher._record_batch

    def counted(self: worker.BatchWorker, *args: object) -> None:
        real_init(self, *args)  # type: ignore[arg-type]
        forks.append(self.pid)

    def reloads_after_three(self: watcher.AccountWatcher, *args: object) -> None:
        real_record(self, *args)  # type: ignore[arg-type]
        if self.ledger.messages() and len(forks) == 1 and len(self.ledger.messages()) >= 3 * BATCH:
            service._pipeline = Pipeline.load(service.config)  # what Service.reload() swaps in

    monkeypatch.setattr(worker.BatchWorker, "__init__", counted)
    monkeypatch.setattr(watcher.AccountWatcher, "_record_batch", reloads_after_three)
    user = dovecot.add_user()
    _seed(dovecot, user)
    state = tmp_path / "state"
    config = make_config(dovecot, user, None, state, extra='act_on_mail_newer_than = "3650d"')
    monkeypatch.setattr(watcher, "RECORD_BATCH", BATCH)
    monkeypatch.setenv("FOLLOWUP_WORKER_FROM", "0")
    service = Service(config, FakeClock(TEST_START))
    service.once()
    assert len(forks) == 2
    _assert_same(_outcome(state), in_process)


def test_a_worker_that_dies_mid_catch_up_loses_nothing(
    dovecot: Dovecot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    in_process: dict[str, list[tuple[object, ...]]],
) -> None:
    real = Pipeline.process_batch
    parent = os.getpid()

    def dies_at_uid_30(self: Pipeline, *args: Any, **kwargs: Any) -> list[Processed]:
        processed = real(self, *args, **kwargs)
        if os.getpid() != parent and any(item.source.uid == 30 for item in processed):
            os._exit(1)  # in the child (a fork of this process): as if it were OOM-killed
        return processed

    monkeypatch.setattr(Pipeline, "process_batch", dies_at_uid_30)
    state = _catch_up(dovecot, tmp_path, monkeypatch, worker_from=0)
    # Seen when sending the next batch or when waiting for this one's result, whichever comes first.
    assert "processing the rest here" in caplog.text
    assert "the worker ended" in caplog.text or "cannot send to the worker" in caplog.text
    _assert_same(_outcome(state), in_process)


def test_the_worker_ends_with_the_daemon_killed_mid_catch_up(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    """os._exit at a crash point, as kill -9 would: the child sees its pipe close and exits."""
    _seed(dovecot, mail_user)
    path = tmp_path / "config.toml"
    path.write_text(config_text(dovecot, mail_user, None, tmp_path / "state"))
    for point in ("fetched", "recorded"):
        proc = subprocess.run(
            [sys.executable, "-m", "followup", "once", "--config", str(path)],
            env=dict(os.environ, FOLLOWUP_CRASH_AT=point, FOLLOWUP_WORKER_FROM="0"),
            capture_output=True,
            timeout=60,
        )
        assert proc.returncode == EXIT_CODE, proc.stderr

        def left_behind() -> list[str]:
            found = subprocess.run(["pgrep", "-f", str(path)], capture_output=True, text=True)
            return found.stdout.split()

        wait_for(lambda: not left_behind(), 10, "the worker to end after its parent")


def test_a_closed_pipe_ends_the_worker(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    config = make_config(dovecot, mail_user, None, tmp_path / "state")
    child = worker.BatchWorker(Pipeline.load(config), config.accounts[0])
    exited = os.pidfd_open(child.pid)
    try:
        child._conn.close()  # what the kernel does to the parent's end when the parent dies
        assert select.select([exited], [], [], 10)[0], "the worker did not end when its pipe closed"
    finally:
        os.close(exited)
        os.waitpid(child.pid, 0)


_IDS = st.from_regex(r"<[a-z0-9.$%-]{1,12}@[a-z0-9.-]{1,10}>", fullmatch=True)
_THREAD_FIELD = st.sampled_from(["References", "In-Reply-To", "references", "IN-REPLY-TO"])
_NOISE = st.sampled_from(["", " ", "\t", "\r\n ", "\r\n\t", ",", "\x01", "\x1c", "(c)", "=?utf-8?q?x?="])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(_THREAD_FIELD, st.lists(st.tuples(_NOISE, _IDS), max_size=4)), max_size=3),
    st.sampled_from([b"\r\n", b"\n"]),
)
def test_referenced_ids_finds_every_id_the_parse_does(
    fields: list[tuple[str, list[tuple[str, str]]]], newline: bytes
) -> None:
    """The parent looks up, for the worker, the IDs it finds in the raw header: the parse must
    never find one more."""
    lines = [b"From: a@example.com", b"Subject: hi"]
    lines += [f"{name}: {''.join(noise + mid for noise, mid in ids)}".encode() for name, ids in fields]
    raw = newline.join(lines) + newline + newline + b"body" + newline
    assert set(parse_mail(raw).references) <= set(referenced_ids(raw))
