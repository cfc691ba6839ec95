"""Time as a dependency, so scheduling can be tested without sleeping."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Protocol


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


class FakeClock:
    """A clock that only moves when told to; used by tests and the demo."""

    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime.now(UTC)
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
