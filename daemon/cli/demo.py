"""`followup demo`: the whole path on an embedded mailbox, no account needed.

A real IMAP server (pymap, in memory) is seeded with recruiting mail and a real SMTP sink
(aiosmtpd) stands in for the user's outgoing server. The daemon watches the mailbox with IDLE,
writes drafts, and a fake clock is moved forward so that a reminder falls due and is delivered.
"""

from __future__ import annotations

import email
import email.policy
import logging
import os
import secrets
import shutil
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from followup.clock import FakeClock
from followup.config import parse_config
from followup.testing import RecordingHandler, free_port, start_pymap, wait_for

DEMO_MAIL = Path(__file__).resolve().parent.parent / "demo_mail"
USER = "alex@demo.example"
DEMO_START = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
"""Where the demo's clock starts: the day after its newest seeded mail."""


def _shown(path: Path) -> str:
    """*path* as the user can type it from where they are: relative when it is below."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def explain_hint() -> str:
    """The command that replays the demo's decisions, runnable as printed: `followup` is on the
    PATH only while its venv is active (after `make demo` it is not), so the path to the one
    this Python runs from, unless the PATH finds that very one."""
    program = Path(sys.executable).parent / "followup"
    found = shutil.which("followup")
    if found and Path(found).resolve() == program.resolve():
        command = "followup"
    else:
        command = _shown(program) if program.exists() else f"{_shown(Path(sys.executable))} -m followup"
    return f"{command} explain {_shown(DEMO_MAIL)}/*.eml"


def run_demo(verbose: bool = False) -> int:
    from aiosmtpd.controller import Controller
    from followup.model import MessageStatus
    from followup.service.service import Service
    from imapclient import IMAPClient

    if not verbose:  # the table below says what the log lines would
        logging.getLogger("followup").setLevel(logging.WARNING)
    workdir = Path(tempfile.mkdtemp(prefix="followup-demo-"))
    password = secrets.token_urlsafe(12)
    imap_port, smtp_port = free_port(), free_port()
    os.environ["FOLLOWUP_DEMO_PASSWORD"] = password
    server = start_pymap(imap_port, USER, password)
    sink = RecordingHandler()
    controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    service = None
    try:
        print(f"demo mailbox: IMAP 127.0.0.1:{imap_port} (pymap), SMTP sink 127.0.0.1:{smtp_port} (aiosmtpd)")
        config = parse_config(
            f"""
state_dir = "{workdir / "state"}"
timezone = "UTC"
act_on_mail_newer_than = "3650d"
[accounts.demo]
name = "Alex Example"
email = "{USER}"
signature = "Alex Example"
reminder_delivery = "smtp"
[accounts.demo.imap]
host = "127.0.0.1"
port = {imap_port}
security = "none"
username = "{USER}"
password_env = "FOLLOWUP_DEMO_PASSWORD"
timeout = 10
[accounts.demo.smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
username = ""
""",
            workdir / "config.toml",
        )
        seeds = sorted(DEMO_MAIL.glob("*.eml"))
        feeder = IMAPClient("127.0.0.1", port=imap_port, ssl=False, timeout=10)
        feeder.login(USER, password)
        half = len(seeds) // 2
        for path in seeds[:half]:
            feeder.append("INBOX", path.read_bytes(), msg_time=DEMO_START)
        print(f"seeded {half} messages; starting the daemon (it catches up, then IDLEs)")
        # The seeded mail is dated November 2026: the demo's clock starts just after it, so the
        # demo tells the same story whatever day it is run.
        clock = FakeClock(DEMO_START)
        service = Service(config, clock)
        service.start()
        ledger = service.ledger
        wait_for(service.ready.is_set, 30, "the daemon to catch up and IDLE")
        for path in seeds[half:]:
            feeder.append("INBOX", path.read_bytes(), msg_time=DEMO_START)  # arrives while the daemon IDLEs
        print(f"delivered {len(seeds) - half} more while it was idling")
        wait_for(lambda: len(ledger.messages()) >= len(seeds), 30, "IDLE to report the new mail")
        account = config.accounts[0].key
        wait_for(lambda: not ledger.pending_drafts(account, clock.now()), 30, "the drafts to be appended")

        print("\nwhat it decided and did:")
        for row in ledger.messages():
            print(
                f"  uid {row.uid:>3}  {row.category or MessageStatus.QUARANTINED:21} rule={row.rule or '-':26} "
                f"{(row.subject or '')[:48]}"
            )
            if row.actions:
                print(f"           actions: {row.actions}")

        print("\nmoving the clock forward by 26 hours...")
        clock.advance(timedelta(hours=26))
        wait_for(
            lambda: sink.messages and not ledger.due_reminders(clock.now()),
            30,
            "the due reminders to reach the SMTP sink",
        )
        print(f"reminders delivered to the SMTP sink: {len(sink.messages)}")
        for _sender, recipients, raw in sink.messages:
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            print(f"  to {', '.join(recipients)}: {msg['Subject']}")

        drafts_folder = "Drafts"
        feeder.select_folder(drafts_folder, readonly=True)
        uids = feeder.search(["ALL"])
        print(f"\ndrafts in {drafts_folder!r} ({len(uids)}), as the user will see them:")
        for _uid, data in feeder.fetch(uids, ["BODY.PEEK[]", "FLAGS"]).items():
            msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
            print("-" * 72)
            print(f"Flags: {' '.join(f.decode() for f in data[b'FLAGS'])}")
            for header in ("From", "To", "Subject", "In-Reply-To"):
                print(f"{header}: {msg[header] or ''}")
            body = msg.get_body(("plain",))
            print("\n" + (body.get_content().strip() if body else ""))
        print("-" * 72)
        feeder.logout()
        print(f"\ndemo finished: every decision above can be replayed with `{explain_hint()}`")
        return 0
    finally:
        if service is not None:
            service.shutdown()
        controller.stop()
        server.terminate()
        server.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)
