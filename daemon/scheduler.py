"""Reminders: APScheduler wakes us at each due time; the ledger's outbox says what is due.

APScheduler 3.x drops a job that is late by more than its misfire grace (1 s by default) and
removes a one-shot job before running it, so it is only the alarm clock: the outbox rows are
the authority, delivery marks them sent, and every start delivers whatever fell due while down.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import logging
import ssl
import threading
import time
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from followup.clock import Clock
from followup.compose import deterministic_id
from followup.config import AccountConfig, DigestTime, ServerConfig
from followup.crashpoints import crash_point
from followup.draftbox import write_drafts
from followup.errors import DeliveryError, FollowupError, MailParseError, RecipientRefused
from followup.ledger import DueReminder, Ledger
from followup.mailbox import CONNECTION_ERRORS, SENT_NAMES, Mailbox
from followup.message import parse_mail
from followup.model import ReminderToSchedule
from followup.plan import already_thanked
from followup.reminders import reminder_message
from followup.report import digest

log = logging.getLogger(__name__)

_ACTIVE: dict[str, ReminderScheduler] = {}
DELIVERY_FAILURES: tuple[type[BaseException], ...] = (FollowupError, *CONNECTION_ERRORS)


def fire_due(state_dir: str) -> None:
    """The persistent jobs' target: a module-level name, as APScheduler stores it as text."""
    scheduler = _ACTIVE.get(state_dir)
    if scheduler is not None:
        scheduler.deliver_due()


def _job_id(key: str) -> str:
    return "reminder-" + hashlib.sha256(key.encode()).hexdigest()[:24]


DIGEST_LATE_BY = timedelta(days=1)
"""A digest more than this late (the daemon was down at its time) is skipped, not sent late."""


async def _send(
    smtp: ServerConfig, context: ssl.SSLContext, sender: str, recipients: list[str], raw: bytes, own: frozenset[str]
) -> None:
    """One message over SMTP: implicit TLS or required STARTTLS, then password or OAuth 2.0 login.
    Every recipient must be one of the user's *own* addresses: the rule we never break, checked
    right where the mail leaves."""
    import aiosmtplib

    for recipient in recipients:
        if recipient.lower() not in own:
            raise RecipientRefused(recipient)

    client = aiosmtplib.SMTP(
        hostname=smtp.host,
        port=smtp.port,
        use_tls=smtp.security == "tls",
        start_tls=smtp.security == "starttls",
        tls_context=context,
        timeout=smtp.timeout,
    )
    async with client:
        if smtp.auth in ("xoauth2", "oauthbearer"):
            if client.is_ehlo_or_helo_needed:
                await client.ehlo()
            token = smtp.password.get()
            if smtp.auth == "xoauth2":
                payload = f"user={smtp.username}\x01auth=Bearer {token}\x01\x01"
            else:
                payload = f"n,a={smtp.username},\x01auth=Bearer {token}\x01\x01"
            encoded = base64.b64encode(payload.encode()).decode()
            response = await client.execute_command(b"AUTH", smtp.auth.upper().encode(), encoded.encode())
            if response.code != 235:
                raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)
        elif smtp.username:
            await client.login(smtp.username, smtp.password.get())
        await client.sendmail(sender, recipients, raw)


class ReminderScheduler:
    def __init__(
        self,
        state_dir: Path,
        ledger: Ledger,
        accounts: dict[str, AccountConfig],
        clock: Clock,
        digest: DigestTime | None = None,
        zone: tzinfo = UTC,
    ) -> None:
        self.state_dir = str(state_dir)
        self.ledger = ledger
        self.accounts = accounts
        self.clock = clock
        self.digest = digest
        self.zone = zone
        self.heartbeat = time.monotonic()
        """When delivery last ran (the one-minute safety net runs it at least that often)."""
        self._deliver_lock = threading.Lock()
        self.scheduler = BackgroundScheduler(
            jobstores={"default": MemoryJobStore()},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
            timezone="UTC",
        )
        clock.on_change(self.wake)

    def start(self) -> None:
        # The persistent store (SQLAlchemy) only for the running daemon: `once` never needs an
        # alarm clock, and SQLAlchemy costs a tenth of a second and a dozen MB to import.
        from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

        self.scheduler.add_jobstore(SQLAlchemyJobStore(url=f"sqlite:///{self.state_dir}/jobs.sqlite"), "persistent")
        _ACTIVE[self.state_dir] = self
        self.scheduler.start()
        self.scheduler.add_job(self.deliver_due, "interval", minutes=1, id="safety-net", replace_existing=True)
        self.wake()

    def shutdown(self) -> None:
        _ACTIVE.pop(self.state_dir, None)
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def wake(self) -> None:
        """Deliver what is due now, on the scheduler's thread."""
        if self.scheduler.running:
            self.scheduler.add_job(self.deliver_due, id="deliver-now", replace_existing=True)

    def schedule_pending(self) -> None:
        """One persistent wake-up per pending reminder (idempotent: the job id is the key's hash)."""
        for _, key, due in self.ledger.pending_reminder_keys():
            self.scheduler.add_job(
                fire_due,
                "date",
                run_date=due,
                args=[self.state_dir],
                id=_job_id(key),
                jobstore="persistent",
                replace_existing=True,
            )

    def deliver_due(self) -> int:
        """Send every reminder that is due by the clock. Returns how many were sent."""
        sent = 0
        self.heartbeat = time.monotonic()
        with self._deliver_lock:
            self._plan_digest(self.clock.now())
            for due in self.ledger.due_reminders(self.clock.now()):
                account = self.accounts.get(due.account)
                if account is None:
                    continue
                try:
                    self.deliver(account, due)
                except DELIVERY_FAILURES as exc:
                    log.warning("reminder %s (%s) not delivered, will retry: %s", due.rowid, due.kind, exc)
                    continue
                sent += 1
                # The reminder's wake-up job is left alone: APScheduler removes a date job itself
                # after running it, and removing it here raced with that and killed its thread.
                # A wake-up for a reminder already sent finds nothing due.
        return sent

    def _plan_digest(self, now: datetime) -> None:
        """Put this week's digest in the outbox once its time has come (written now, so it is
        fresh; the outbox then delivers it exactly once, like any reminder)."""
        if self.digest is None:
            return
        slot = self.digest.latest(now, self.zone)
        if now - slot > DIGEST_LATE_BY:
            return
        week_ago = slot - timedelta(days=7)
        for account in self.accounts.values():
            key = f"{account.key}\x1fdigest\x1f{slot:%G-W%V}"
            if self.ledger.has_reminder(key):
                continue
            subject, body = digest(
                [e for e in self.ledger.events(week_ago) if e["account"] == account.key],
                self.ledger.applications(account.key),
                [d for d in self.ledger.drafts_appended(week_ago) if d["account"] == account.key],
                [r for r in self.ledger.reminders() if r["account"] == account.key and r["kind"] != "digest"],
                now,
                self.zone,
                [
                    m
                    for m in self.ledger.messages(account.key)
                    if m["category"] == "needs_review" and datetime.fromisoformat(m["processed_at"]) > week_ago
                ],
            )
            message_id = deterministic_id(account.email.rpartition("@")[2], "digest", key)
            self.ledger.add_reminder(
                account.key, "digest", ReminderToSchedule(key, "digest", slot, message_id, subject, body, "", "")
            )

    def deliver(self, account: AccountConfig, due: DueReminder) -> None:
        """Deliver one due reminder: unless the user already did the step (a reply in Sent),
        first put the step's draft in Drafts, then send the nudge."""
        now = self.clock.now()
        reminder = due.reminder
        needs_imap = reminder.cancel_if_replied or reminder.draft_key or account.reminder_delivery == "imap"
        mailbox = Mailbox.connect(account.imap) if needs_imap else None
        try:
            if mailbox is not None and reminder.cancel_if_replied and due.status == "pending":
                done = self._already_done(mailbox, reminder)
                if done:
                    self.ledger.cancel_reminders("key=?", (due.key,), done)
                    log.info("account %s: reminder %s (%s) dropped: %s", account.key, due.rowid, due.kind, done)
                    return
            if mailbox is not None and reminder.draft_key:
                write_drafts(self.ledger, mailbox, account.key, now, [reminder.draft_key])
            raw = reminder_message(account, reminder, now)
            if mailbox is not None and account.reminder_delivery == "imap":
                self._deliver_imap(mailbox, due, raw)
            else:
                self.ledger.set_reminder_status(due.key, "sending")
                crash_point("reminder_sending")
                self._deliver_smtp(account, raw)
        finally:
            if mailbox is not None:
                mailbox.close()
        crash_point("reminder_sent")
        self.ledger.set_reminder_status(due.key, "sent", now)
        log.info("account %s: reminder %s (%s) delivered", account.key, due.rowid, due.kind)

    def _already_done(self, mailbox: Mailbox, reminder: ReminderToSchedule) -> str | None:
        """A thank-you the user already sent in the thread, found in their Sent folder."""
        sent = mailbox.special_folder(b"\\Sent", SENT_NAMES)
        original = reminder.in_reply_to
        if sent is None or not original:
            return None
        since = reminder.since or reminder.due_at
        for raw in mailbox.replies_to(sent, original, since):
            with contextlib.suppress(MailParseError):
                reason = already_thanked(parse_mail(raw), since)
                if reason:
                    return reason
        return None

    def _deliver_imap(self, mailbox: Mailbox, due: DueReminder, raw: bytes) -> None:
        inbox = "INBOX"
        if due.status == "sending" and mailbox.find_message_id(inbox, due.reminder.message_id) is not None:
            return  # delivered before a crash; do not deliver twice
        self.ledger.set_reminder_status(due.key, "sending")
        crash_point("reminder_sending")
        mailbox.append(inbox, raw, [])

    def _deliver_smtp(self, account: AccountConfig, raw: bytes) -> None:
        import aiosmtplib

        smtp = account.smtp
        if smtp is None:
            raise DeliveryError(f"account {account.key}: reminder_delivery is smtp but there is no [smtp]")
        context = ssl.create_default_context(cafile=smtp.ca_file)
        try:
            asyncio.run(_send(smtp, context, account.email, [account.email], raw, account.own_addresses))
        except aiosmtplib.SMTPException as exc:
            raise DeliveryError(f"SMTP {smtp.host}:{smtp.port}: {exc}") from None
