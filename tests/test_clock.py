"""Time is injected: the suite refuses the real clock, and the command line can be started on a
fixed instant (how tests run `followup` in a process of its own)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from followup.clock import (
    CLOCK_START_VARIABLE,
    ClockError,
    FakeClock,
    StartedClock,
    SystemClock,
    clock_from_environment,
)

from tests.conftest import TEST_START


def test_the_real_clock_fails_a_test_that_reads_it() -> None:
    with pytest.raises(pytest.fail.Exception, match="FakeClock"):
        SystemClock().now()


def test_a_fake_clock_needs_a_start_and_moves_only_when_told() -> None:
    with pytest.raises(TypeError):
        FakeClock()  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        FakeClock(datetime(2026, 1, 1))
    clock = FakeClock(TEST_START)
    assert clock.now() == clock.now() == TEST_START
    clock.advance(timedelta(days=3))
    assert clock.now() == TEST_START + timedelta(days=3)


def test_the_command_line_clock_starts_where_the_environment_says(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = clock_from_environment()  # the suite sets the variable for every process it starts
    assert isinstance(clock, StartedClock)
    assert TEST_START <= clock.now() < TEST_START + timedelta(minutes=5)
    monkeypatch.setenv(CLOCK_START_VARIABLE, "2030-02-03T04:05:06+01:00")
    assert clock_from_environment().now() >= datetime(2030, 2, 3, 3, 5, 6, tzinfo=UTC)
    for wrong in ("tomorrow", "2030-02-03T04:05:06"):
        monkeypatch.setenv(CLOCK_START_VARIABLE, wrong)
        with pytest.raises(ClockError, match=CLOCK_START_VARIABLE):
            clock_from_environment()
    monkeypatch.delenv(CLOCK_START_VARIABLE)
    assert isinstance(clock_from_environment(), SystemClock)
