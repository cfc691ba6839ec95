"""Nothing lost, nothing doubled: the process dies at each durable step (os._exit, as a power
cut would) or is SIGKILLed during a burst, and after a restart the mailbox and the state equal
those of a run that never crashed. Lost APPEND acknowledgements, a server without UIDPLUS,
STARTTLS stripped, a new UIDVALIDITY, a deleted Drafts folder, flags over 1,000 messages, and
hostile mail. Against the real Dovecot."""

from __future__ import annotations

import email
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from followup.clock import FakeClock
from followup.config import parse_config
from followup.errors import MailboxError
from followup.imap.mailbox import Mailbox
from followup.mail.compose import own_message_id
from followup.service.crashpoints import EXIT_CODE, POINTS
from followup.service.service import Service
from followup.state.ledger import Ledger
from followup.testing import free_port, wait_for

from tests.conftest import TEST_START, FeederClient, SmtpSink, config_text, imap_client, make_config
from tests.dovecot import Dovecot, User
from tests.proxy import Proxy

DEMO = Path(__file__).resolve().parent.parent.parent / "daemon" / "demo_mail"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SCENARIO = [
    "019-rejection-en.eml",
    "003-interview_invitation-en.eml",
    "029-rejection-en.eml",
    "091-job_alert-en.eml",
    "113-personal_reply-en.eml",
]


def _config_file(dovecot: Dovecot, user: User, tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    # No SMTP: reminders go into INBOX by IMAP, where exactly-once can be checked.
    path.write_text(config_text(dovecot, user, None, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"'))
    return path


def _seed(dovecot: Dovecot, user: User) -> None:
    feeder = imap_client(dovecot, user)
    three_hours_ago = TEST_START - timedelta(hours=3)  # the reflection reminders are due
    for name in SCENARIO:
        feeder.append("INBOX", (CORPUS / name).read_bytes(), msg_time=three_hours_ago)
    feeder.logout()


def _once(path: Path, crash_at: str = "") -> int:
    env = dict(os.environ, FOLLOWUP_CRASH_AT=crash_at)
    proc = subprocess.run(
        [sys.executable, "-m", "followup", "once", "--config", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode in (0, EXIT_CODE), proc.stderr
    return proc.returncode


def _snapshot(dovecot: Dovecot, user: User, state: Path) -> dict[str, object]:
    """What the user and the daemon end up with, independent of UIDs and times."""
    client = imap_client(dovecot, user)

    def message_ids(folder: str, criteria: list[object]) -> list[str]:
        client.select_folder(folder, readonly=True)
        uids = client.search(criteria)
        fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]) if uids else {}
        return sorted(
            email.message_from_bytes(d[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"])["Message-ID"] for d in fetched.values()
        )

    snapshot: dict[str, object] = {
        "drafts": message_ids("Drafts", ["ALL"]),
        "reminders in INBOX": [
            m for m in message_ids("INBOX", ["HEADER", "X-Followup", "reminder"]) if own_message_id(m)
        ],
    }
    client.logout()
    db = sqlite3.connect(state / "state.sqlite")
    try:
        snapshot["messages"] = sorted(db.execute("SELECT source_key, category, status FROM messages").fetchall())
        snapshot["draft rows"] = sorted(db.execute("SELECT template, message_id, status FROM drafts").fetchall())
        snapshot["reminder rows"] = sorted(db.execute("SELECT kind, message_id, status FROM reminders").fetchall())
    finally:
        db.close()
    return snapshot


@pytest.fixture(scope="module")
def reference(dovecot: Dovecot, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The run that never crashed."""
    user = dovecot.add_user()
    tmp = tmp_path_factory.mktemp("reference")
    path = _config_file(dovecot, user, tmp)
    _seed(dovecot, user)
    assert _once(path) == 0
    assert _once(path) == 0  # a second run changes nothing either
    snapshot = _snapshot(dovecot, user, tmp / "state")
    # Two rejection replies, the invitation reply, and the thank-you note (that interview is past);
    # the two reflections, the thank-you nudge and its last call, all due by now: one mail.
    assert len(snapshot["drafts"]) == 4 and len(snapshot["reminders in INBOX"]) == 1  # type: ignore[arg-type]
    return snapshot


@pytest.mark.parametrize("point", POINTS)
def test_a_crash_at_each_durable_step_ends_in_the_same_state(
    dovecot: Dovecot, mail_user: User, tmp_path: Path, reference: dict[str, object], point: str
) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    _seed(dovecot, mail_user)
    assert _once(path, crash_at=point) == EXIT_CODE, f"the run did not reach {point}"
    assert _once(path) == 0
    assert _once(path) == 0
    assert _snapshot(dovecot, mail_user, tmp_path / "state") == reference


# ---------------------------------------------------------------------------- a proxy that loses things


class Rewriter(Proxy):
    """A proxy to Dovecot that edits what the server says: strip STARTTLS or UIDPLUS from the
    capabilities (and APPENDUID with UIDPLUS), or cut the connection right after the server
    accepted an APPEND (so the client never hears that it succeeded)."""

    def __init__(self, target: int, *, strip: tuple[bytes, ...] = (), cut_after_append: int = 0) -> None:
        self.strip, self.cuts_left = strip, cut_after_append
        super().__init__(target, to_client=self._rewrite)

    def _rewrite(self, data: bytes, source: socket.socket, sink: socket.socket) -> bytes | None:
        for word in self.strip:
            data = data.replace(b" " + word, b"")
        if b"Append completed" in data and self.cuts_left:
            self.cuts_left -= 1
            source.close()
            sink.close()  # the APPEND is stored; its OK never arrives
            return None
        return _drop_appenduid(data) if b"UIDPLUS" in self.strip else data


def _drop_appenduid(data: bytes) -> bytes:
    start = data.find(b"[APPENDUID ")
    if start < 0:
        return data
    end = data.find(b"] ", start)
    return data[:start] + data[end + 2 :]


def _count_drafts(dovecot: Dovecot, user: User) -> int:
    client = imap_client(dovecot, user)
    client.select_folder("Drafts", readonly=True)
    count = len(client.search(["ALL"]))
    client.logout()
    return count


@pytest.mark.parametrize("without_uidplus", [False, True])
def test_a_lost_append_acknowledgement_does_not_make_a_second_draft(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path, without_uidplus: bool
) -> None:
    """The proxy cuts the connection right after the server stored the draft: the daemon never
    hears that it worked. With and without UIDPLUS (APPENDUID) from the server."""
    proxy = Rewriter(dovecot.port, strip=(b"UIDPLUS",) if without_uidplus else (), cut_after_append=1)
    config = make_config(
        dovecot, mail_user, smtp_sink, tmp_path / "state", imap=f'security = "none"\nport = {proxy.port}\ntimeout = 5'
    )
    mailbox = Mailbox.connect(config.accounts[0].imap)
    assert (b"UIDPLUS" in mailbox.client.capabilities()) is not without_uidplus
    mailbox.close()
    imap_client(dovecot, mail_user).append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
    with pytest.raises(Exception):  # noqa: B017 - whatever the cut raises, the next run must cope
        Service(config, FakeClock(TEST_START)).once()
    assert proxy.cuts_left == 0 and _count_drafts(dovecot, mail_user) == 1  # stored, unacknowledged
    Service(config, FakeClock(TEST_START)).once()
    Service(config, FakeClock(TEST_START)).once()
    assert _count_drafts(dovecot, mail_user) == 1
    proxy.close()


def test_starttls_stripped_by_a_proxy_is_refused_not_downgraded(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    proxy = Rewriter(dovecot.port, strip=(b"STARTTLS",))
    text = config_text(
        dovecot, mail_user, None, tmp_path / "state", imap=f'security = "starttls"\nport = {proxy.port}\ntimeout = 5'
    )
    with pytest.raises(MailboxError, match="does not offer STARTTLS; refusing to log in without TLS"):
        Mailbox.connect(parse_config(text).accounts[0].imap)
    proxy.close()


# ---------------------------------------------------------------------------- the server changes under us


def _drafts_by_source(dovecot: Dovecot, user: User, state: Path | None = None) -> list[str]:
    """'<In-Reply-To> <what made it>' per draft in Drafts: the template, from the ledger by
    Message-ID when *state* is given (a draft carries no marker), else the Message-ID."""
    client = imap_client(dovecot, user)
    client.select_folder("Drafts", readonly=True)
    uids = client.search(["ALL"])
    fetched = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO MESSAGE-ID)]"]) if uids else {}
    client.logout()
    templates: dict[str, str] = {}
    if state is not None:
        db = sqlite3.connect(state / "state.sqlite")
        try:
            templates = dict(db.execute("SELECT message_id, template FROM drafts").fetchall())
        finally:
            db.close()
    headers = [email.message_from_bytes(d[b"BODY[HEADER.FIELDS (IN-REPLY-TO MESSAGE-ID)]"]) for d in fetched.values()]
    return sorted(f"{m['In-Reply-To']} {templates.get(m['Message-ID'], m['Message-ID'])}" for m in headers)


def test_a_new_uidvalidity_neither_duplicates_drafts_nor_misses_new_mail(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
    Service(config, FakeClock(TEST_START)).once()
    before = _drafts_by_source(dovecot, mail_user)
    # The mailbox is recreated with the same messages: every UID means something else now.
    dovecot.doveadm("mailbox", "update", "-u", mail_user.name, "--uid-validity", "4242", "INBOX")
    feeder.append("INBOX", (CORPUS / SCENARIO[2]).read_bytes())
    Service(config, FakeClock(TEST_START)).once()
    Service(config, FakeClock(TEST_START)).once()
    after = _drafts_by_source(dovecot, mail_user)
    assert len(before) == 1 and len(after) == 2 and set(before) < set(after)


def test_a_new_uidvalidity_while_idling_is_noticed_and_rescanned(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """`run` stays selected on INBOX between catch-ups (no re-EXAMINE): a folder recreated under
    it must still be noticed, rescanned without duplicate drafts, and its new mail processed."""
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
    service = Service(config, FakeClock(TEST_START))
    service.start()
    try:
        wait_for(service.ready.is_set, 20, "the daemon to be ready")
        wait_for(lambda: len(_drafts_by_source(dovecot, mail_user)) == 1, 10, "the first draft")
        dovecot.doveadm("mailbox", "update", "-u", mail_user.name, "--uid-validity", "4242", "INBOX")
        feeder.append("INBOX", (CORPUS / SCENARIO[2]).read_bytes())
        wait_for(lambda: len(_drafts_by_source(dovecot, mail_user)) == 2, 15, "the draft for the new mail")
        ledger = Ledger(config.state_dir / "state.sqlite")
        try:
            wait_for(lambda: ledger.cursor(config.accounts[0].key, "INBOX") == (4242, 2), 10, "the cursor to move on")
        finally:
            ledger.close()
    finally:
        service.shutdown()
    assert len(_drafts_by_source(dovecot, mail_user)) == 2


def test_a_deleted_drafts_folder_is_recreated(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    feeder = imap_client(dovecot, mail_user)
    feeder.delete_folder("Drafts")
    feeder.append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
    Service(config, FakeClock(TEST_START)).once()
    assert len(_drafts_by_source(dovecot, mail_user)) == 1


def test_a_server_without_special_use_or_condstore_still_gets_its_drafts(tmp_path: Path) -> None:
    """pymap has neither SPECIAL-USE nor CONDSTORE: Drafts is found by name or created."""
    from followup.testing import start_pymap

    port = free_port()
    proc = start_pymap(port, "demouser", "-demopass")  # a password may begin with "-"
    try:
        text = f"""
state_dir = "{tmp_path / "state"}"
act_on_mail_newer_than = "3650d"
[accounts.main]
email = "demouser@demo.example"
[accounts.main.imap]
host = "127.0.0.1"
port = {port}
security = "none"
username = "demouser"
password = "-demopass"
"""
        config = parse_config(text)
        client = FeederClient("127.0.0.1", port=port, ssl=False, timeout=10)
        client.login("demouser", "-demopass")
        assert b"SPECIAL-USE" not in client.capabilities() and b"CONDSTORE" not in client.capabilities()
        client.append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
        Service(config, FakeClock(TEST_START)).once()
        Service(config, FakeClock(TEST_START)).once()
        client.select_folder("Drafts", readonly=True)
        assert len(client.search(["ALL"])) == 1
        client.logout()
    finally:
        proc.terminate()
        proc.wait(10)


def test_no_flag_of_any_incoming_message_changes_over_1000_messages(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    feeder = imap_client(dovecot, mail_user)
    corpus = sorted(CORPUS.glob("*.eml"))
    flag_sets = [(), (b"\\Seen",), (b"\\Flagged",), (b"\\Seen", b"\\Answered"), (b"$Label1",)]
    rng = random.Random(1000)
    for number in range(1000):
        raw = corpus[number % len(corpus)].read_bytes()
        raw = raw.replace(b"Message-ID: <", f"Message-ID: <n{number}.".encode(), 1)
        feeder.append("INBOX", raw, flags=rng.choice(flag_sets))
    feeder.select_folder("INBOX", readonly=True)
    before = feeder.get_flags(feeder.search(["ALL"]))
    Service(config, FakeClock(TEST_START)).once()
    feeder.select_folder("INBOX", readonly=True)
    after = feeder.get_flags(feeder.search(["ALL"]))
    assert len(before) == 1000 and after == before
    db = sqlite3.connect(config.state_dir / "state.sqlite")
    assert db.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1000
    db.close()


# ---------------------------------------------------------------------------- hostile mail


def _hostile() -> dict[str, bytes]:
    from tests.test_parse import CRASHERS

    return {
        **CRASHERS,
        "no Date, no Message-ID": b"From: hr@corp.example\r\nSubject: Your application\r\n\r\nWe regret to inform you.\r\n",
        "empty body": b"From: hr@corp.example\r\nSubject: Interview\r\nMessage-ID: <e@x>\r\n\r\n",
        "html only": b"From: hr@corp.example\r\nSubject: x\r\nContent-Type: text/html\r\n\r\n<p>We regret to inform you</p>",
        "nul in body and headers": b"From: a\x00@corp.example\r\nSubject: \x00\x00\r\n\r\n\x00\x00\x00\r\n",
        "header injection": b"From: =?UTF-8?Q?Eve=0D=0ABcc:_x@evil.example?= <eve@corp.example>\r\n"
        b"Subject: =?UTF-8?Q?=0A?=Bcc: attacker@evil.example\r\nMessage-ID: <inj@x>\r\n"
        b"References: <a@x>\r\n =?UTF-8?Q?=0D=0ABcc:_y@evil.example?=\r\n\r\nWe regret to inform you that we decided not to move forward.\r\n",
    }


def test_hostile_mail_is_classified_or_quarantined_and_later_mail_still_processed(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        config_text(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    )
    config = parse_config(path.read_text(), path)
    feeder = imap_client(dovecot, mail_user)
    hostile = _hostile()
    for raw in hostile.values():
        feeder.append("INBOX", raw or b"\r\n")
    feeder.append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())  # an ordinary rejection, last
    Service(config, FakeClock(TEST_START)).once()
    db = sqlite3.connect(config.state_dir / "state.sqlite")
    rows = db.execute("SELECT uid, status, category, error FROM messages ORDER BY uid").fetchall()
    db.close()
    assert len(rows) == len(hostile) + 1  # every message recorded
    assert rows[-1][1:3] == ("done", "rejection")
    quarantined = [r for r in rows if r[1] == "quarantined"]
    assert all(r[3] for r in quarantined)  # each with its reason
    status = subprocess.run(
        [sys.executable, "-m", "followup", "status", "--config", str(path)], capture_output=True, text=True, timeout=60
    )
    assert status.returncode == 0
    for uid, _, _, error in quarantined:
        assert f"uid {uid}: {error}" in status.stdout
    client = imap_client(dovecot, mail_user)
    client.select_folder("Drafts", readonly=True)
    for data in client.fetch(client.search(["ALL"]), ["BODY.PEEK[HEADER]"]).values():
        headers = email.message_from_bytes(data[b"BODY[HEADER]"])
        assert headers.get_all("Bcc") is None and headers.get_all("Cc") is None
        assert all("\n" not in value for value in headers.values())


@pytest.mark.slow
def test_a_50_mb_attachment_is_never_downloaded_whole(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    head = (CORPUS / SCENARIO[0]).read_bytes().split(b"\n\n", 1)[0].replace(b"Content-Type: text/plain", b"X-Old: 1")
    boundary = b"b0undary"
    body = (
        b"Content-Type: multipart/mixed; boundary=" + boundary + b"\r\n\r\n--" + boundary
        + b"\r\nContent-Type: text/plain\r\n\r\nUnfortunately we have decided not to move forward.\r\n--" + boundary
        + b"\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + (b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n" * 680_000)
        + b"--" + boundary + b"--\r\n"
    )  # fmt: skip
    raw = head.replace(b"\n", b"\r\n") + b"\r\n" + body
    assert len(raw) > 50_000_000
    imap_client(dovecot, mail_user).append("INBOX", raw)
    import tracemalloc

    tracemalloc.start()
    Service(config, FakeClock(TEST_START)).once()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000, f"peak Python memory {peak / 1e6:.1f} MB: the attachment was downloaded"
    db = sqlite3.connect(config.state_dir / "state.sqlite")
    assert db.execute("SELECT category FROM messages").fetchall() == [("rejection",)]
    db.close()


# ---------------------------------------------------------------------------- security


def test_passwords_never_appear_in_logs_or_status(dovecot: Dovecot, mail_user: User, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    text = config_text(dovecot, mail_user, None, tmp_path / "state")
    text = text.replace(
        f'password_env = "FOLLOWUP_TEST_PW_{mail_user.name.split("@")[0].upper()}"',
        f'password = "{mail_user.password}"',
    )
    path.write_text(text)
    imap_client(dovecot, mail_user).append("INBOX", (CORPUS / SCENARIO[0]).read_bytes())
    outputs = []
    for args in (["-v", "once"], ["-v", "status"], ["check"]):
        command = [sys.executable, "-m", "followup", *args, "--config", str(path)]
        proc = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        outputs.append(proc.stdout + proc.stderr)
    assert "INFO followup" in outputs[0]  # verbose logging was on (imapclient stays at WARNING, whatever -v says)
    assert all(mail_user.password not in output for output in outputs)


# ---------------------------------------------------------------------------- SIGKILL during a burst


@pytest.mark.slow
def test_sigkill_at_random_moments_during_a_burst_of_500_loses_and_doubles_nothing(
    dovecot: Dovecot, mail_user: User, tmp_path: Path
) -> None:
    path = _config_file(dovecot, mail_user, tmp_path)
    corpus = sorted(CORPUS.glob("*.eml"))
    rng = random.Random(20)
    done = threading.Event()

    def deliver() -> None:
        feeder = imap_client(dovecot, mail_user)
        for number in range(500):
            raw = corpus[number % len(corpus)].read_bytes()
            feeder.append("INBOX", raw.replace(b"Message-ID: <", f"Message-ID: <burst{number}.".encode(), 1))
        feeder.logout()
        done.set()

    threading.Thread(target=deliver, daemon=True).start()
    kills = 0
    while kills < 20:
        proc = subprocess.Popen(
            [sys.executable, "-m", "followup", "run", "--config", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.5))  # a random moment to pull the plug, not a synchronisation
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        kills += 1
    wait_for(done.is_set, 120, "the burst of 500 to be delivered")
    assert _once(path) == 0
    assert _once(path) == 0
    db = sqlite3.connect(tmp_path / "state" / "state.sqlite")
    recorded = db.execute(
        "SELECT COUNT(*), COUNT(DISTINCT source_key) FROM messages WHERE source_key LIKE '<burst%'"
    ).fetchone()
    reminders_sent = db.execute("SELECT COUNT(*) FROM reminders WHERE status='sent'").fetchone()[0]
    actionable = db.execute(
        "SELECT COUNT(*) FROM messages WHERE category IN ('interview_invitation', 'rejection', 'feedback_received')"
    ).fetchone()[0]
    immediate = db.execute("SELECT COUNT(*) FROM drafts WHERE not_before IS NULL AND status='appended'").fetchone()[0]
    db.close()
    assert recorded == (500, 500)  # every message, once
    drafts = _drafts_by_source(dovecot, mail_user, tmp_path / "state")
    replies = [d for d in drafts if not d.endswith("thank_you_note") and not d.endswith("check_in")]
    assert len(replies) == len(set(replies)) == immediate == actionable  # exactly one reply draft each
    in_inbox = _snapshot(dovecot, mail_user, tmp_path / "state")["reminders in INBOX"]
    # No reminder mail twice; reminders due within the same hour share one mail.
    assert len(in_inbox) == len(set(in_inbox)) <= reminders_sent  # type: ignore[arg-type]
    assert (len(in_inbox) > 0) == (reminders_sent > 0)  # type: ignore[arg-type]
