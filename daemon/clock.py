"""Time as a dependency, so scheduling can be tested without sleeping, and no outcome depends
on the day a test runs."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol

from followup.errors import FollowupError


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call *callback* when time jumps (only a fake clock ever does)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def on_change(self, callback: Callable[[], None]) -> None:
        pass


class StartedClock:
    """A clock that starts at a given instant and then runs at the speed of real time.

    What `FOLLOWUP_CLOCK_START` gives the command line, so that a test can run `followup once` or
    `followup run` in a process of its own on a fixed date, and still see timeouts and backoff pass."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a clock starts at a timezone-aware instant")
        self._start = start.astimezone(UTC)
        self._origin = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._origin)

    def on_change(self, callback: Callable[[], None]) -> None:
        pass


CLOCK_START_VARIABLE = "FOLLOWUP_CLOCK_START"


class ClockError(FollowupError):
    """`$FOLLOWUP_CLOCK_START` is not an instant."""


def clock_from_environment() -> Clock:
    """The real clock, or a clock started at `$FOLLOWUP_CLOCK_START` (ISO 8601 with an offset).

    The variable exists for tests and demonstrations that run the command line in a process of
    their own; a user never needs it."""
    start = os.environ.get(CLOCK_START_VARIABLE)
    if not start:
        return SystemClock()
    try:
        when = datetime.fromisoformat(start)
    except ValueError:
        raise ClockError(f"{CLOCK_START_VARIABLE}={start!r} is not an ISO 8601 instant") from None
    if when.tzinfo is None:
        raise ClockError(f"{CLOCK_START_VARIABLE}={start!r} needs a UTC offset, e.g. 2026-11-23T08:00:00+00:00")
    return StartedClock(when)


class FakeClock:
    """A clock that only moves when told to; used by tests and the demo. It starts where it is
    told: a test's outcome must not depend on the day it runs."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("a clock starts at a timezone-aware instant")
        self._now = start
        self._lock = threading.Lock()
        self._callbacks: list[Callable[[], None]] = []

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, delta: timedelta) -> None:
        with self._lock:
            self._now += delta
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    def on_change(self, callback: Callable[[], None]) -> None:
        with self._lock:
            self._callbacks.append(callback)


def stored(when: datetime) -> str:
    """How the state database writes a moment: UTC, ISO 8601, to the second (sorts as text)."""
    return when.astimezone(UTC).isoformat(timespec="seconds")
