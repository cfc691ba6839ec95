"""Reminders: APScheduler wakes us at the next due time; the ledger's outbox says what is due.

APScheduler 3.x drops a job that is late by more than its misfire grace (1 s by default) and
removes a one-shot job before running it, so it is only the alarm clock, kept in memory: the
outbox rows are the authority, delivery marks them sent, every start delivers whatever fell due
while down, and one alarm at the earliest pending due time (set again on every main-loop tick)
plus a one-minute safety net is all the waking there is. A persistent job store would keep a
second copy of the outbox (it did: jobs.sqlite, through SQLAlchemy).
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from followup.act.render_reminder import (
    combined_reminder,
    digest_key,
    digest_reminder,
    digest_since,
    digest_slot,
    held,
    reminder_message,
    thanked_in,
)
from followup.clock import Clock
from followup.config import AccountConfig, DigestTime, ReminderHours
from followup.errors import FollowupError
from followup.imap.deliver_drafts import write_drafts
from followup.imap.mailbox import CONNECTION_ERRORS, SENT_NAMES, Mailbox, message_id_key
from followup.model import ReminderStatus, ReminderToSchedule
from followup.remind.smtp import send_to_self
from followup.service.crashpoints import crash_point
from followup.state.ledger import DueReminder, Ledger

log = logging.getLogger(__name__)

DELIVERY_FAILURES: tuple[type[BaseException], ...] = (FollowupError, *CONNECTION_ERRORS)


class _Scheduler(BackgroundScheduler):  # type: ignore[misc]  # APScheduler has no types
    """APScheduler's thread removes a date job (the alarm) after starting it. If shutdown came
    in between, its remove_job looks only among the jobs pending a start and raises
    JobLookupError, a traceback on SIGTERM (about one run in five under load). Nothing is lost:
    the outbox says what is due at the next start."""

    def remove_job(self, job_id: str, jobstore: str | None = None) -> None:
        try:
            super().remove_job(job_id, jobstore)
        except JobLookupError:
            if self.state != STATE_STOPPED:
                raise


RETRY_FIRST = timedelta(minutes=5)
RETRY_MAX = timedelta(hours=12)
GIVE_UP_AFTER = 8
"""A reminder whose delivery fails for a reason of its own (not the network's) is tried again
after 5 min, 10 min, 20 min ... at most 12 h apart, and marked failed after 8 tries (about ten hours)."""


class _AlarmAlreadyRunning(logging.Filter):
    """Drops APScheduler's warning that an alarm fired while the delivery it starts was still
    running: that delivery reads the outbox anyway, and the safety net comes a minute later, so it
    is not news (two daemon runs logged 204 and 1,175 of them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances reached" not in record.getMessage()


_ALARM_ALREADY_RUNNING = _AlarmAlreadyRunning()
logging.getLogger("apscheduler.scheduler").addFilter(_ALARM_ALREADY_RUNNING)


class ReminderScheduler:
    def __init__(
        self,
        state_dir: Path,
        ledger: Ledger,
        accounts: dict[str, AccountConfig],
        clock: Clock,
        digest: DigestTime | None = None,
        zone: tzinfo = UTC,
        stop: threading.Event | None = None,
        hours: ReminderHours | None = None,
    ) -> None:
        self.state_dir = str(state_dir)
        self.ledger = ledger
        self.accounts = accounts
        self.clock = clock
        self.digest = digest
        self.zone = zone
        self.hours = hours
        self.stop = stop or threading.Event()
        """Set on shutdown: delivery stops between reminders, and a send in flight is cut."""
        self._in_flight: set[Mailbox] = set()
        self._in_flight_lock = threading.Lock()
        self.heartbeat = time.monotonic()
        """When delivery last ran (the one-minute safety net runs it at least that often)."""
        self._deliver_lock = threading.Lock()
        self.scheduler = _Scheduler(
            jobstores={"default": MemoryJobStore()},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
            timezone="UTC",
        )
        clock.on_change(self.wake)

    def start(self) -> None:
        self.scheduler.start()
        self.scheduler.add_job(self.deliver_due, "interval", minutes=1, id="safety-net", replace_existing=True)
        self.wake()

    def interrupt(self) -> None:
        """Stop delivering, and cut the IMAP connection of a delivery in flight (an SMTP send
        is cancelled by its own loop once it sees stop)."""
        self.stop.set()
        with self._in_flight_lock:
            for mailbox in self._in_flight:
                mailbox.interrupt()

    def shutdown(self) -> None:
        self.interrupt()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def wake(self) -> None:
        """Deliver what is due now, on the scheduler's thread."""
        if self.scheduler.running:
            self.scheduler.add_job(self.deliver_due, id="deliver-now", replace_existing=True)

    def schedule_pending(self) -> None:
        """The alarm at the earliest pending reminder's due time (one job, replaced each time)."""
        if not self.scheduler.running:
            return
        due = self.ledger.next_due()
        if due is not None:
            self.scheduler.add_job(self.deliver_due, "date", run_date=due, id="next-due", replace_existing=True)

    def deliver_due(self) -> int:
        """Send every reminder that is due by the clock. Returns how many were sent."""
        sent = 0
        self.heartbeat = time.monotonic()
        with self._deliver_lock:
            if self.stop.is_set():
                return 0
            now = self.clock.now()
            if self.hours is not None and not self.hours.open(now, self.zone):
                return 0  # reminder_hours: held until the next start (the safety net looks every minute)
            self._plan_digest(now)
            for members in self._by_hour(self.ledger.due_reminders(now), now):
                if self.stop.is_set():  # each may wait up to a timeout: the rest on the next start
                    break
                account = self.accounts.get(members[0].account)
                if account is None:
                    continue
                rowids = ", ".join(f"{m.rowid} ({m.kind})" for m in members)
                try:
                    sent += self.deliver(account, members)
                except DELIVERY_FAILURES as exc:
                    if self.stop.is_set():
                        log.info("reminder %s cut short by shutdown; delivered on the next start", rowids)
                        break
                    log.warning("reminder %s not delivered, will retry: %s", rowids, exc)
                    continue
                except Exception as exc:  # these reminders' own trouble: they must not hold up the others
                    if len(members) == 1:
                        self._failed(members[0], exc)
                        continue
                    # One of them is the trouble: each alone, so that the others still go out.
                    for due in members:
                        sent += self._deliver_alone(account, due)
        return sent

    def _deliver_alone(self, account: AccountConfig, due: DueReminder) -> int:
        try:
            return self.deliver(account, [due])
        except DELIVERY_FAILURES as exc:
            log.warning("reminder %s (%s) not delivered, will retry: %s", due.rowid, due.kind, exc)
        except Exception as exc:
            self._failed(due, exc)
        return 0

    def _failed(self, due: DueReminder, exc: Exception) -> None:
        """Try a reminder that failed again later, less often each time; give up after a while."""
        now = self.clock.now()
        where = f"account {due.account}: reminder #{due.rowid} ({due.kind}, due {due.due_at.isoformat()})"
        note = f"delivery failed: {type(exc).__name__}: {exc}"

        def retry_at(failures: int) -> datetime | None:
            return now + min(RETRY_FIRST * 2 ** (failures - 1), RETRY_MAX) if failures < GIVE_UP_AFTER else None

        failures = self.ledger.reminder_failed(due.key, note, retry_at)
        then = "given up (`followup reminders list`)" if failures >= GIVE_UP_AFTER else "will try again later"
        log.error("%s: %s; %s", where, note, then, exc_info=True)

    def _plan_digest(self, now: datetime) -> None:
        """Put this week's digest in the outbox once its time has come (written now, so it is
        fresh; the outbox then delivers it exactly once, like any reminder)."""
        if self.digest is None:
            return
        slot = digest_slot(self.digest, now, self.zone)
        if slot is None:
            return
        week_ago = digest_since(slot)
        for account in self.accounts.values():
            if self.ledger.has_reminder(digest_key(account, slot)):
                continue
            reminder = digest_reminder(
                account,
                slot,
                now,
                self.zone,
                self.ledger.events(week_ago),
                self.ledger.applications(account.key),
                self.ledger.drafts_appended(week_ago),
                self.ledger.reminders(),
                self.ledger.messages(account.key),
            )
            self.ledger.add_reminder(account.key, "digest", reminder)

    def _by_hour(self, due: list[DueReminder], now: datetime) -> list[list[DueReminder]]:
        """Due reminders as the mails they go in: one per account for all that are due (after a
        night held by reminder_hours, or a catch-up, they come together), unless one more of the
        account's falls due later within this clock hour: then all wait for it. A digest goes
        alone."""
        groups: dict[str, list[DueReminder]] = {}
        alone = []
        for reminder in due:
            if reminder.kind == "digest":
                alone.append([reminder])
            else:
                groups.setdefault(reminder.account, []).append(reminder)
        later: dict[str, list[datetime]] = {}
        for row in self.ledger.reminders((ReminderStatus.PENDING,)):
            if row.kind != "digest" and row.due_at > now:
                later.setdefault(row.account, []).append(row.due_at)
        return alone + [m for account, m in groups.items() if not held(now, later.get(account, ()), self.zone)]

    def deliver(self, account: AccountConfig, members: list[DueReminder]) -> int:
        """Deliver reminders due within one hour as one mail that lists them (one alone, as
        itself). Unless the user already did a step (a reply in Sent), its draft goes into Drafts
        first; then the nudge is sent. Returns how many reminders were delivered."""
        now = self.clock.now()
        needs_imap = account.reminder_delivery == "imap" or any(
            m.reminder.cancel_if_replied or m.reminder.draft_key for m in members
        )
        mailbox = Mailbox.connect(account.imap, self.stop) if needs_imap else None
        if mailbox is not None:
            with self._in_flight_lock:
                self._in_flight.add(mailbox)
                if self.stop.is_set():
                    mailbox.interrupt()
        kept: list[DueReminder] = []
        try:
            imap = mailbox is not None and account.reminder_delivery == "imap"
            there = self._in_inbox(mailbox, members) if mailbox is not None and imap else {}
            for due in members:
                reminder = due.reminder
                if mailbox is not None and reminder.cancel_if_replied and due.status == ReminderStatus.PENDING:
                    done = self._already_done(mailbox, reminder)
                    if done:
                        self.ledger.cancel_reminder(done, key=due.key)
                        log.info("account %s: reminder %s (%s) dropped: %s", account.key, due.rowid, due.kind, done)
                        continue
                if mailbox is not None and reminder.draft_key:
                    write_drafts(
                        self.ledger, mailbox, account.key, now, [reminder.draft_key], self.stop, look_first=True
                    )
                if (
                    message_id_key(reminder.message_id) in there
                ):  # delivered (alone) before a crash, or before the state was lost
                    self.ledger.set_reminder_status(due.key, ReminderStatus.SENT, now)
                    log.info("account %s: reminder %s (%s) already in INBOX", account.key, due.rowid, due.kind)
                    continue
                if not self.ledger.claim_reminder(due.key, now):
                    log.info(
                        "account %s: reminder %s (%s) cancelled or snoozed meanwhile", account.key, due.rowid, due.kind
                    )
                    continue
                kept.append(due)
            if not kept:
                return 0
            together = kept[0].reminder if len(kept) == 1 else combined_reminder(account, [m.reminder for m in kept])
            raw = reminder_message(account, together, now)
            crash_point("reminder_sending")
            if mailbox is not None and imap:
                if message_id_key(together.message_id) not in there:
                    mailbox.append("INBOX", raw, [], now)
            else:
                send_to_self(account, raw, self.stop)
        finally:
            if mailbox is not None:
                with self._in_flight_lock:
                    self._in_flight.discard(mailbox)
                mailbox.close()
        crash_point("reminder_sent")
        for due in kept:
            self.ledger.set_reminder_status(due.key, ReminderStatus.SENT, now)
        what = ", ".join(f"{m.rowid} ({m.kind})" for m in kept)
        log.info("account %s: reminder %s delivered%s", account.key, what, " in one mail" if len(kept) > 1 else "")
        return len(kept)

    def _already_done(self, mailbox: Mailbox, reminder: ReminderToSchedule) -> str | None:
        """A thank-you the user already sent in the thread, found in their Sent folder."""
        sent = mailbox.special_folder(b"\\Sent", SENT_NAMES)
        original = reminder.in_reply_to
        if sent is None or not original:
            return None
        since = reminder.since or reminder.due_at
        return thanked_in(mailbox.replies_to(sent, original, since), since)

    def _in_inbox(self, mailbox: Mailbox, members: list[DueReminder]) -> dict[str, int]:
        """The Message-IDs in INBOX that reminders of *members* could have: delivered before a
        crash, or before the state directory was lost. One went in at or after its due time (its
        INTERNALDATE is the time of delivery), so only mail since the day before the earliest
        due time is looked at."""
        since = (min(m.due_at for m in members) - timedelta(days=1)).date()
        return mailbox.message_ids("INBOX", since=since)
