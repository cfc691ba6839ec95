"""What a rule file may hold, and what one header may cost: past the bounds, a located error
(never a crash in a C extension), and a running daemon keeps its rules on a refused reload."""

from __future__ import annotations

import email.header
import logging
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from apscheduler.jobstores.base import JobLookupError
from followup.classify.rules import MAX_PHRASE_CHARS, MAX_REGEXES_PER_FIELD, MAX_RULES, load_rules
from followup.clock import FakeClock
from followup.config import parse_config
from followup.errors import RuleError
from followup.mail.parse import MAX_HEADER_CHARS, parse_mail
from followup.model import ReminderToSchedule
from followup.remind.deliver_reminders import ReminderScheduler
from followup.service.service import Service
from followup.state.ledger import Ledger
from followup.testing import wait_for

from tests.conftest import TEST_START

MAIL = b"From: hr@corp.example\r\nSubject: Your application\r\n\r\nWe regret to inform you.\r\n"


def _config(tmp_path: Path, rules_dir: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'state_dir = "{tmp_path / "state"}"\nrules_dir = "{rules_dir}"\n'
        '[accounts.main]\nname = "T"\nemail = "t@example.org"\n'
        '[accounts.main.imap]\nhost = "127.0.0.1"\nusername = "t"\npassword_command = "echo x"\n'
    )
    return path


def _classify(config: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    mail = tmp_path / "m.eml"
    mail.write_bytes(MAIL)
    command = [sys.executable, "-m", "followup", "classify", "--config", str(config), str(mail)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_a_700_kb_phrase_is_refused_with_its_place_not_a_segfault(tmp_path: Path) -> None:
    # pyahocorasick frees its trie recursively: a phrase this long overflowed the C stack when the
    # automaton was dropped (exit 139 at the end of `classify`, and on the reload after it).
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "big.toml").write_text(
        '[[rule]]\nname = "big"\ncategory = "rejection"\nbody = ["' + "a" * 700_000 + '"]\n'
    )
    result = _classify(_config(tmp_path, rules), tmp_path)
    assert result.returncode == 78, (result.returncode, result.stderr[-500:])
    assert "big.toml:4: rule 'big': body: a phrase of 700,000 characters" in result.stderr
    assert f"at most {MAX_PHRASE_CHARS}" in result.stderr


def test_ten_thousand_regex_rules_are_refused_with_the_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "many.toml").write_text(
        "".join(
            f'[[rule]]\nname = "r{n}"\ncategory = "rejection"\nbody = {{ regex = "\\\\bword{n}\\\\b" }}\n'
            for n in range(10_000)
        )
    )
    result = _classify(_config(tmp_path, rules), tmp_path)
    assert result.returncode == 78, (result.returncode, result.stderr[-500:])
    assert f"more than {MAX_RULES} rules" in result.stderr and "many.toml:" in result.stderr
    assert "re2" not in result.stderr and "Traceback" not in result.stderr


def test_too_many_or_too_large_regexes_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.toml"
    regexes = ", ".join(f'{{ body = {{ regex = "w{n}x" }} }}' for n in range(MAX_REGEXES_PER_FIELD + 1))
    many.write_text(f'[[rule]]\nname = "many"\ncategory = "rejection"\nany = [{regexes}]\n')
    with pytest.raises(RuleError, match=f"many.toml: .*in all rule files, {MAX_REGEXES_PER_FIELD + 1} in this one"):
        load_rules([many])
    large = tmp_path / "large.toml"
    large.write_text('[[rule]]\nname = "large"\ncategory = "rejection"\nbody = { regex = "(a|b|c){1,1000}" }\n')
    with pytest.raises(RuleError, match=r"large.toml:4: rule 'large': body: .*program of"):
        load_rules([large])


def test_regexes_too_large_to_compile_together_name_the_file_holding_most(tmp_path: Path) -> None:
    """RE2 compiles all regexes of a field as one set; past its memory limit the error names
    the rule file with the most of them, not just RE2's 'failed to compile Set'."""
    letters = "abcdefghijklmnop"
    few, most = tmp_path / "few.toml", tmp_path / "most.toml"
    for path, numbers in ((few, range(20)), (most, range(20, 900))):
        path.write_text(
            "".join(
                f'[[rule]]\nname = "r{n}"\ncategory = "rejection"\nbody = {{ regex = "('
                + "|".join(letters[(n + k) % 16 :] + letters[: (n + k) % 16] + f"{k}" for k in range(40))
                + f')x{n}" }}\n'
                for n in numbers
            )
        )
    with pytest.raises(
        RuleError, match=r"most.toml: the 900 regexes on field 'body' in all rule files, 880 in this one"
    ):
        load_rules([few, most])


def test_a_refused_reload_keeps_the_running_rules(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text('[[rule]]\nname = "mine"\ncategory = "rejection"\nbody = ["custom phrase"]\n')
    path = _config(tmp_path, rules)
    service = Service(parse_config(path.read_text(), path), FakeClock(TEST_START))
    try:
        running = service.pipeline
        (rules / "mine.toml").write_text(
            "".join(
                f'[[rule]]\nname = "r{n}"\ncategory = "rejection"\nbody = {{ regex = "w{n}" }}\n' for n in range(3000)
            )
        )
        assert service.reload() is False
        assert service.pipeline is running
        assert "mine" in {rule.name for rule in service.pipeline.rules.rules}
    finally:
        service.ledger.close()


def test_a_header_of_100_000_encoded_words_is_decoded_only_up_to_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # The stdlib decoder is quadratic in the number of encoded words (65 s for this Subject).
    lengths: list[int] = []
    decode = email.header.decode_header

    def measured(value: str):  # type: ignore[no-untyped-def]
        lengths.append(len(value))
        return decode(value)

    monkeypatch.setattr(email.header, "decode_header", measured)
    subject = " ".join(["=?UTF-8?Q?a=C3=A9?="] * 100_000)
    mail = parse_mail(f"From: hr@corp.example\r\nSubject: {subject}\r\n\r\nHello\r\n".encode())
    assert lengths and max(lengths) <= MAX_HEADER_CHARS
    assert mail.subject.startswith("aéaé") and "=?" not in mail.subject


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
