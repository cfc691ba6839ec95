"""The whole path against a real Dovecot and a real SMTP sink: nothing that crosses the wire is mocked."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta
from pathlib import Path

import pytest
from followup.clock import FakeClock
from followup.service.service import Service
from followup.state.ledger import Ledger
from followup.testing import wait_for

from tests.conftest import TEST_START, SmtpSink, config_text, imap_client, make_config
from tests.dovecot import Dovecot, User

REJECTION = b"""From: Jordan Lee <jordan.lee@acme.example>
To: {user}
Subject: Your application for Platform Engineer at Acme
Date: Sat, 21 Nov 2026 10:00:00 +0000
Message-ID: <reject-1@acme.example>
References: <earlier-1@acme.example>
Content-Type: text/plain; charset=utf-8

Hi,

Thank you for interviewing with us. After careful consideration we have decided to move forward
with other candidates for the Platform Engineer role.

Best,
Jordan
"""


def _drafts(client, folder: str = "Drafts") -> dict[int, dict[bytes, object]]:
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])
    return client.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}


def test_rejection_gets_one_threaded_draft_and_one_reminder_across_restarts(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path, clock: FakeClock
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    service = Service(config, clock)
    service.start()
    feeder = imap_client(dovecot, mail_user)
    try:
        wait_for(service.ready.is_set, 10, "the daemon to be ready")
        feeder.append("INBOX", REJECTION.replace(b"{user}", mail_user.name.encode()))

        # A threaded draft appears in Drafts within a few seconds (IDLE, not polling).
        drafts = wait_for(lambda: _drafts(feeder), 5, "the draft to appear in Drafts")
        assert len(drafts) == 1
        (data,) = drafts.values()
        assert b"\\Draft" in data[b"FLAGS"]
        draft = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
        assert draft["Subject"] == "Re: Your application for Platform Engineer at Acme"
        assert draft["In-Reply-To"] == "<reject-1@acme.example>"
        assert draft["References"] == "<earlier-1@acme.example> <reject-1@acme.example>"
        assert draft["From"] == f"Test User <{mail_user.name}>"
        assert draft["To"] == "Jordan Lee <jordan.lee@acme.example>"
        assert draft["Cc"] is None and draft["Bcc"] is None
        assert "feedback" in draft.get_body(("plain",)).get_content()

        # The original is untouched: still unseen, no flag added.
        feeder.select_folder("INBOX", readonly=True)
        flags = feeder.get_flags(feeder.search(["ALL"]))
        assert all(set(f) <= {b"\\Recent"} for f in flags.values()), flags

        # Moving the injected clock past the first step delivers it, to the user only.
        assert smtp_sink.messages == []
        clock.advance(timedelta(hours=3))
        wait_for(lambda: smtp_sink.messages, 10, "the reflection reminder")
        assert len(smtp_sink.messages) == 1
        sender, recipients, raw = smtp_sink.messages[0]
        assert sender == mail_user.name and recipients == [mail_user.name]
        reminder = email.message_from_bytes(raw, policy=email.policy.default)
        assert "reflect" in reminder["Subject"].lower()
        assert reminder["In-Reply-To"] == "<reject-1@acme.example>"
    finally:
        service.shutdown()

    # A restart creates no second draft and no second reminder.
    again = Service(config, clock)
    again.start()
    try:
        wait_for(again.ready.is_set, 10, "the daemon to be ready after restart")
        again.reminders.deliver_due()
        assert len(_drafts(feeder)) == 1
        assert len(smtp_sink.messages) == 1
        # The next step, a day later, is sent once too.
        clock.advance(timedelta(days=1))
        wait_for(lambda: len(smtp_sink.messages) >= 2, 10, "the talent-network reminder")
        again.reminders.deliver_due()
        subjects = [email.message_from_bytes(m[2])["Subject"] for m in smtp_sink.messages]
        assert len(subjects) == len(set(subjects)) == 2, subjects
    finally:
        again.shutdown()
        feeder.logout()


def test_once_processes_what_is_new_and_is_idempotent(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    feeder = imap_client(dovecot, mail_user)
    for path in sorted((Path(__file__).parent.parent.parent / "daemon" / "demo_mail").glob("*.eml")):
        feeder.append("INBOX", path.read_bytes())
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    Service(config, FakeClock(TEST_START)).once()
    first = _drafts(feeder)
    assert len(first) == 3  # two rejections and one invitation in the demo mail
    Service(config, FakeClock(TEST_START)).once()
    assert _drafts(feeder).keys() == first.keys()
    feeder.logout()


@pytest.mark.parametrize(
    ("setting", "seen"), [("", False), ("drafts_seen = false", False), ("drafts_seen = true", True)]
)
def test_drafts_are_unseen_for_review_unless_drafts_seen_is_set(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, setting: str, seen: bool
) -> None:
    """Unseen by default: the Drafts folder's unread count says a draft waits for review.
    drafts_seen = true stores them read. \\Draft either way."""
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", REJECTION.replace(b"{user}", mail_user.name.encode()))
    imap = f'security = "none"\ntimeout = 10\n{setting}'
    Service(make_config(dovecot, mail_user, None, tmp_path / "state", imap=imap), FakeClock(TEST_START)).once()
    (data,) = _drafts(feeder).values()
    flags = set(data[b"FLAGS"]) - {b"\\Recent"}
    assert flags == ({b"\\Draft", b"\\Seen"} if seen else {b"\\Draft"})
    feeder.logout()


def test_lost_append_acknowledgement_does_not_duplicate(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """The APPEND reached the server but we crashed before recording it: the retry finds the
    draft's Message-ID in Drafts and does not append again."""
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", REJECTION.replace(b"{user}", mail_user.name.encode()))
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    service = Service(config, FakeClock(TEST_START))
    watcher = service.watchers[0]
    from followup.imap.mailbox import Mailbox

    mailbox = Mailbox.connect(config.accounts[0].imap)
    original_write = watcher.write_drafts
    watcher.write_drafts = lambda mb: None  # record the intent only
    watcher.sync(mailbox)
    watcher.write_drafts = original_write
    (pending,) = service.ledger.pending_drafts("main", service.clock.now())
    state = mailbox.status("Drafts")
    service.ledger.mark_appending(pending.key, "Drafts", state.uidvalidity, state.uidnext)
    mailbox.append("Drafts", pending.raw, [b"\\Draft"])  # ... and the acknowledgement was lost
    watcher.write_drafts(mailbox)
    assert len(_drafts(feeder)) == 1
    assert service.ledger.pending_drafts("main", service.clock.now()) == []
    mailbox.close()
    service.ledger.close()
    feeder.logout()


def test_reminder_by_imap_append_is_not_acted_on(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    """Without SMTP, reminders are APPENDed to INBOX; the daemon then sees its own mail and leaves it."""
    config = make_config(dovecot, mail_user, None, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", REJECTION.replace(b"{user}", mail_user.name.encode()))
    clock = FakeClock(TEST_START)
    Service(config, clock).once()
    clock.advance(timedelta(hours=3))
    Service(config, clock).once()  # delivers the reflection reminder into INBOX
    feeder.select_folder("INBOX", readonly=True)
    assert len(feeder.search(["ALL"])) == 2
    Service(config, clock).once()
    ledger = Ledger(config.state_dir / "state.sqlite")
    assert [r.category for r in ledger.messages()] == ["rejection", "own_message"]
    assert len(_drafts(feeder)) == 1
    ledger.close()
    feeder.logout()


def test_followup_run_process_acts_and_stops_cleanly_on_sigterm(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """The real daemon process: `followup run --config`, SIGTERM, exit 0; then `followup status`."""
    import os
    import signal
    import subprocess
    import sys
    import time

    text = tmp_path / "config.toml"
    text.write_text(config_text(dovecot, mail_user, smtp_sink, tmp_path / "state"))
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "followup", "run", "--config", str(text)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    feeder = imap_client(dovecot, mail_user)
    try:
        feeder.append("INBOX", REJECTION.replace(b"{user}", mail_user.name.encode()))
        wait_for(lambda: _drafts(feeder), 15, "the daemon process to write the draft")
    finally:
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert time.monotonic() - started < 5
    assert "category=rejection rule=" in err  # the rule that added most: which one follows the trained weights
    assert mail_user.password not in out + err
    status = subprocess.run(
        [sys.executable, "-m", "followup", "status", "--config", str(text)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert status.returncode == 0, status.stderr
    assert "rejection" in status.stdout and "drafts in your Drafts folder for review (last 14 days): 1" in status.stdout
    assert "Acme – Platform Engineer  rejected" in status.stdout
    assert "reflect" in status.stdout
    feeder.logout()


def test_a_reply_to_our_feedback_request_is_feedback_received(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """The thread condition over the wire: the recruiter answers the draft the user sent
    (References carry the draft's Message-ID), in a later run, and in the same batch."""
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state")
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", REJECTION.replace(b"{user}", mail_user.name.encode()))
    Service(config, FakeClock(TEST_START)).once()
    (data,) = _drafts(feeder).values()
    draft_id = email.message_from_bytes(data[b"BODY[]"])["Message-ID"]

    def reply(number: int, references: str) -> bytes:
        return (
            f"From: Jordan Lee <jordan.lee@acme.example>\r\nTo: {mail_user.name}\r\n"
            f"Subject: Re: Your application for Platform Engineer at Acme\r\n"
            f"Date: Sun, 22 Nov 2026 10:00:0{number} +0000\r\nMessage-ID: <fb-{number}@acme.example>\r\n"
            f"In-Reply-To: {references.split()[-1]}\r\nReferences: {references}\r\n\r\n"
            "Hi, sure - the team liked your design work but wanted more depth on databases.\r\n"
        ).encode()

    feeder.append("INBOX", reply(1, draft_id))  # only the draft's ID: found through the drafts table
    Service(config, FakeClock(TEST_START)).once()

    # In one batch: a rejection and the answer to it, arriving together.
    second = REJECTION.replace(b"{user}", mail_user.name.encode()).replace(b"reject-1@", b"reject-2@")
    feeder.append("INBOX", second)
    feeder.append("INBOX", reply(2, "<reject-2@acme.example>"))
    Service(config, FakeClock(TEST_START)).once()

    ledger = Ledger(config.state_dir / "state.sqlite")
    try:
        decided = {row.source_key: row.category for row in ledger.messages()}
    finally:
        ledger.close()
    assert decided["<fb-1@acme.example>"] == "feedback_received"
    assert decided["<reject-2@acme.example>"] == "rejection"
    assert decided["<fb-2@acme.example>"] == "feedback_received"
