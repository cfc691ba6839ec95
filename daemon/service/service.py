"""The composition root: one watcher thread per account, the reminder scheduler, signals."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from followup.clock import Clock
from followup.config import Config, load_config
from followup.errors import AccountsFailed, FollowupError, StateError
from followup.imap.mailbox import CONNECTION_ERRORS
from followup.imap.watcher import AccountWatcher
from followup.pipeline import Pipeline
from followup.remind.deliver_reminders import ReminderScheduler
from followup.service.memory import tune_memory
from followup.service.systemd import sd_notify, watchdog_interval
from followup.state.ledger import Ledger
from followup.state.report import Tally
from followup.state.statedir import StateLock

log = logging.getLogger(__name__)

RUN_LOCK_WAIT = 30.0
"""How long `run` waits for a `once` (from cron, say) to finish with the state directory. `once`
itself never waits: the next one will do what this one could not (see followup.state.statedir)."""


class Service:
    def __init__(self, config: Config, clock: Clock) -> None:
        tune_memory()
        self.config = config
        self.clock = clock
        self.stop = threading.Event()
        self.reload_requested = threading.Event()
        """Set by SIGHUP; the main loop reloads config, rules and templates."""
        self._wake = threading.Event()
        self.ready = threading.Event()
        """Every account caught up and watching (what READY=1 tells systemd)."""
        self._pipeline = Pipeline.load(config)
        self.ledger = Ledger(config.state_dir / "state.sqlite")
        self.state_lock = StateLock(config.state_dir)
        """Held from once()'s start to its end, and from start() to shutdown()."""
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
            self.stop,
            config.reminder_hours,
        )
        self._threads: list[threading.Thread] = []
        self._ready_thread: threading.Thread | None = None
        for watcher in self.watchers:
            watcher.after_record = self.sync_reminders
            watcher.on_error = self._wake.set  # the run loop tells systemd at once

    @property
    def pipeline(self) -> Pipeline:
        return self._pipeline

    def once(self) -> str:
        """Process what is new in every account, deliver what is due, and return a line saying
        what was found. No alarm clock is needed for that (APScheduler is left unstarted): the
        outbox says what is due. One account's failure never stops another's: each is reported
        once all have run (AccountsFailed, which carries the line too). Raises AlreadyRunning,
        having done nothing, when another process holds the state."""
        tally = Tally()
        failures = []
        try:
            self.state_lock.acquire("once")
            for watcher in self.watchers:
                watcher.after_record = lambda: None
                watcher.tally = tally
                try:
                    watcher.run_once()
                except StateError:
                    raise  # the state directory's trouble, not an account's: nothing else can run
                except Exception as exc:
                    # A traceback only for what no message explains: a server's refusal is one line.
                    bug = not isinstance(exc, (FollowupError, *CONNECTION_ERRORS))
                    log.error("account %s: %s: %s", watcher.account.key, type(exc).__name__, exc, exc_info=bug)
                    failures.append(f"account {watcher.account.key}: {exc}")
            sent = self.reminders.deliver_due()
        finally:
            self.ledger.close()
            self.state_lock.release()
        summary = tally.summary(sent)
        if failures:
            # Say what was not read: "no new mail" would claim the failed accounts had none.
            if len(failures) == len(self.watchers):
                summary = summary.replace("no new mail", "no mail read", 1)
            summary += f" ({len(failures)} of {len(self.watchers)} accounts not read)"
            raise AccountsFailed("; ".join(failures), summary)
        return summary

    def start(self) -> None:
        """Start the watchers and the scheduler in the background. Raises AlreadyRunning when
        another process holds the state (a `once` for more than RUN_LOCK_WAIT seconds)."""
        self.state_lock.acquire("run", wait=RUN_LOCK_WAIT, stop=self.stop)
        self.reminders.start()
        self._threads = [self._watch(watcher) for watcher in self.watchers]
        self._ready_thread = threading.Thread(target=self._announce_ready, name="ready", daemon=True)
        self._ready_thread.start()

    def _watch(self, watcher: AccountWatcher) -> threading.Thread:
        thread = threading.Thread(target=watcher.run_forever, name=f"watch-{watcher.account.key}", daemon=True)
        thread.start()
        return thread

    def revive(self) -> None:
        """Start again an account's thread that died all the same (run_forever survives any
        Exception; this is for worse), showing the account as an error until it syncs."""
        for index, (watcher, thread) in enumerate(zip(self.watchers, self._threads, strict=True)):
            if thread.is_alive() or self.stop.is_set():
                continue
            watcher.connected = False
            watcher.error = watcher.last_error = watcher.error or "its thread ended unexpectedly"
            log.error(
                "account %s: the watcher's thread ended (%s); starting it again", watcher.account.key, watcher.error
            )
            self._threads[index] = self._watch(watcher)

    def _announce_ready(self) -> None:
        """READY=1 once every account is watching or has failed (its error in STATUS): an
        account that cannot connect must not keep the others from starting (systemd would stop
        the service after TimeoutStartSec, and start it again, for ever)."""
        for watcher in self.watchers:
            while not watcher.watching.wait(1.0) and watcher.last_error is None:
                if self.stop.is_set():
                    return
        if self.stop.is_set():
            return  # shutting down (and joining this thread before the ledger closes)
        self.reminders.schedule_pending()
        self.ready.set()
        sd_notify(f"READY=1\nSTATUS={self.status_line()}")
        log.info("caught up on %d account(s): %s", len(self.watchers), self.status_line())

    def sync_reminders(self) -> None:
        """Give newly planned reminders their wake-up jobs and deliver anything already due."""
        self.reminders.schedule_pending()
        self.reminders.wake()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop within seconds whatever the servers do: commands waiting for a stalled server
        are cut (not waited out for their timeout), and the loops get *timeout* in all."""
        sd_notify("STOPPING=1")
        self.stop.set()
        self.reminders.interrupt()
        for watcher in self.watchers:
            watcher.interrupt()
        deadline = time.monotonic() + timeout
        for thread in [*self._threads, *([self._ready_thread] if self._ready_thread else [])]:
            thread.join(max(0.0, deadline - time.monotonic()))
        self.reminders.shutdown()
        self.ledger.close()
        self.state_lock.release()

    def run(self) -> None:
        """Run until stop is set (by a signal handler, usually). Pings the systemd watchdog
        while every loop that does the work shows it is alive, and reloads on request."""
        self.start()
        watchdog = watchdog_interval()
        step = min(30.0, watchdog / 2) if watchdog else 30.0
        try:
            while not self.stop.is_set():
                self._wake.wait(step)
                self._wake.clear()
                if self.stop.is_set():
                    break
                if self.reload_requested.is_set():
                    self.reload_requested.clear()
                    self.reload()
                self.revive()
                self.sync_reminders()
                stale = self.stale_loops(watchdog or 0)
                if watchdog and not stale:
                    sd_notify("WATCHDOG=1")
                elif stale:
                    log.error("no sign of life from %s: not pinging the watchdog", ", ".join(stale))
                sd_notify(f"STATUS={self.status_line()}")
        finally:
            self.shutdown()

    def request_stop(self) -> None:
        """From a signal handler: finish the current step, persist, close, return from run()."""
        self.stop.set()
        self._wake.set()

    def request_reload(self) -> None:
        self.reload_requested.set()
        self._wake.set()

    def stale_loops(self, within: float) -> list[str]:
        """The loops that have not shown they are alive within *within* seconds (0: never stale)."""
        if not within:
            return []
        now = time.monotonic()
        stale = [f"account {w.account.key}" for w in self.watchers if now - w.heartbeat > within]
        if self.reminders.scheduler.running and now - self.reminders.heartbeat > max(within, 120.0):
            stale.append("the reminder scheduler")
        return stale

    def status_line(self) -> str:
        """One line for `systemctl status`: each account's state, and what is waiting."""
        accounts = ", ".join(
            f"{w.account.key} {w.state}"
            + (f" ({w.last_error[:200]})" if w.last_error and w.state != "watching" else "")
            for w in self.watchers
        )
        pending = len(self.ledger.reminders())
        return f"{accounts}; {self.ledger.draft_count()} drafts written, {pending} reminders pending"

    def reload(self) -> bool:
        """Re-read config, rules and templates; switch to them only if all are valid (SIGHUP)."""
        sd_notify("RELOADING=1")
        try:
            if self.config.path is None:
                raise FollowupError("no config file to reload from")
            config = load_config(self.config.path)
            pipeline = Pipeline.load(config)
            problems = pipeline.templates.check_all()
            if problems:
                raise problems[0]
        except (FollowupError, OSError) as exc:
            log.error("reload refused, keeping the running config, rules and templates: %s", exc)
            sd_notify("READY=1\nSTATUS=reload refused: " + str(exc)[:200])
            return False
        if [a.key for a in config.accounts] != [a.key for a in self.config.accounts] or any(
            new.imap != old.imap for new, old in zip(config.accounts, self.config.accounts, strict=False)
        ):
            log.warning("account or server changes take effect when the service restarts")
        self._pipeline = pipeline
        log.info("reloaded: %d rules, %d templates", len(pipeline.rules.rules), len(pipeline.templates.names()))
        sd_notify("READY=1")
        return True
