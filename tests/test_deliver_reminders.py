"""followup.remind.deliver_reminders without a server: the alarm clock, one in-memory job at the next due time."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from apscheduler.jobstores.base import JobLookupError
from followup.clock import FakeClock
from followup.model import ReminderToSchedule
from followup.remind.deliver_reminders import ReminderScheduler
from followup.state.ledger import Ledger
from followup.testing import wait_for

from tests.conftest import TEST_START


def test_an_alarm_already_running_is_not_logged_as_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    ledger = Ledger(tmp_path / "state.sqlite")
    scheduler = ReminderScheduler(tmp_path, ledger, {}, FakeClock(TEST_START))
    release = threading.Event()
    started = threading.Event()

    def slow_delivery() -> int:
        started.set()
        release.wait(10)
        return 0

    scheduler.deliver_due = slow_delivery  # type: ignore[method-assign]
    caplog.set_level(logging.DEBUG, logger="apscheduler")
    scheduler.start()
    try:
        assert started.wait(10)
        for _ in range(3):
            scheduler.wake()  # new mail while a delivery is still under way
            wait_for(lambda: scheduler.scheduler.get_job("deliver-now") is None, 10, "the alarm to be handled")
    finally:
        release.set()
        scheduler.shutdown()
        ledger.close()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and "running instances" in r.getMessage()]


def test_the_alarm_is_one_job_in_memory_at_the_next_due_time(tmp_path: Path) -> None:
    """The outbox is the only store of what is due: no persistent job store beside it (its
    wake-up jobs raced with shutdown inside APScheduler's thread), one alarm at the earliest
    pending time, a failed reminder counting from its retry."""
    ledger = Ledger(tmp_path / "state.sqlite")
    scheduler = ReminderScheduler(tmp_path, ledger, {}, FakeClock(TEST_START))
    try:
        assert ledger.next_due() is None
        for n, hours in enumerate((30, 5, 12)):
            due = TEST_START + timedelta(hours=hours)
            ledger.add_reminder(
                "main", f"s{n}", ReminderToSchedule(f"k{n}", "reflect", due, f"<m{n}@x>", "S", "B", "", "")
            )
        assert ledger.next_due() == TEST_START + timedelta(hours=5)
        ledger.reminder_failed("k1", "trouble", lambda attempts: TEST_START + timedelta(hours=20))
        assert ledger.next_due() == TEST_START + timedelta(hours=12)
        scheduler.start()
        scheduler.schedule_pending()
        scheduler.schedule_pending()
        jobs = {job.id: job for job in scheduler.scheduler.get_jobs()}
        assert set(jobs) <= {"safety-net", "deliver-now", "next-due"}
        assert jobs["next-due"].next_run_time == TEST_START + timedelta(hours=12)
    finally:
        scheduler.shutdown()
        ledger.close()
    assert not (tmp_path / "jobs.sqlite").exists()


def test_a_date_job_removed_by_apschedulers_thread_after_shutdown_is_no_traceback(tmp_path: Path) -> None:
    """APScheduler's thread starts a date job (the alarm), then removes it; a SIGTERM in between
    closed the stores, and its JobLookupError killed the thread with a traceback on stderr."""
    ledger = Ledger(tmp_path / "state.sqlite")
    scheduler = ReminderScheduler(tmp_path, ledger, {}, FakeClock(TEST_START))
    scheduler.start()
    try:
        with pytest.raises(JobLookupError):  # while running, a missing job is still an error
            scheduler.scheduler.remove_job("next-due")
    finally:
        scheduler.shutdown()
    scheduler.scheduler.remove_job("next-due")  # what the thread does next
    ledger.close()
