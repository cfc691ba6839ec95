"""The composition root: one watcher thread per account, the reminder scheduler, signals."""

from __future__ import annotations

import logging
import os
import socket
import threading
from pathlib import Path

from followup.clock import Clock, SystemClock
from followup.config import Config
from followup.ledger import Ledger
from followup.pipeline import Pipeline
from followup.scheduler import ReminderScheduler
from followup.watcher import AccountWatcher

log = logging.getLogger(__name__)


def sd_notify(message: str) -> None:
    """Tell systemd (Type=notify) how we are; a no-op outside systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.sendto(message.encode(), address)
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)


class Service:
    def __init__(self, config: Config, clock: Clock | None = None) -> None:
        self.config = config
        self.clock = clock or SystemClock()
        self.stop = threading.Event()
        self.ready = threading.Event()
        """Every account caught up and watching (what READY=1 tells systemd)."""
        self._pipeline = Pipeline.load(config)
        config.state_dir.mkdir(parents=True, exist_ok=True)
        self.ledger = Ledger(config.state_dir / "state.sqlite")
        self.watchers = [
            AccountWatcher(account, lambda: self._pipeline, self.ledger, self.clock, self.stop)
            for account in config.accounts
        ]
        self.reminders = ReminderScheduler(
            Path(config.state_dir),
            self.ledger,
            {a.key: a for a in config.accounts},
            self.clock,
            config.digest,
            config.timezone,
        )
        self._threads: list[threading.Thread] = []
        for watcher in self.watchers:
            watcher.after_record = self.sync_reminders

    @property
    def pipeline(self) -> Pipeline:
        return self._pipeline

    def once(self) -> None:
        """Process what is new in every account, deliver what is due, and return."""
        for watcher in self.watchers:
            watcher.run_once()
        self.reminders.scheduler.start(paused=True)
        try:
            self.reminders.deliver_due()
        finally:
            self.reminders.shutdown()
        self.ledger.close()

    def start(self) -> None:
        """Start the watchers and the scheduler in the background."""
        self.reminders.start()
        for watcher in self.watchers:
            thread = threading.Thread(target=watcher.run_forever, name=f"watch-{watcher.account.key}", daemon=True)
            thread.start()
            self._threads.append(thread)
        threading.Thread(target=self._announce_ready, name="ready", daemon=True).start()

    def _announce_ready(self) -> None:
        for watcher in self.watchers:
            while not watcher.watching.wait(1.0):
                if self.stop.is_set():
                    return
        self.reminders.schedule_pending()
        self.ready.set()
        sd_notify("READY=1\nSTATUS=caught up; watching")
        log.info("caught up on %d account(s); watching", len(self.watchers))

    def sync_reminders(self) -> None:
        """Give newly planned reminders their wake-up jobs and deliver anything already due."""
        self.reminders.schedule_pending()
        self.reminders.wake()

    def shutdown(self, timeout: float = 10.0) -> None:
        sd_notify("STOPPING=1")
        self.stop.set()
        for thread in self._threads:
            thread.join(timeout)
        self.reminders.shutdown()
        self.ledger.close()

    def run(self) -> None:
        """Run until stop is set (by a signal handler, usually)."""
        self.start()
        try:
            while not self.stop.wait(30.0):
                self.sync_reminders()
        finally:
            self.shutdown()
