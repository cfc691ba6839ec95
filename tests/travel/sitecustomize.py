"""Moves every Python process of a test run to another day: `scripts/test-shifted-clock`.

Python imports `sitecustomize` at start-up from the path; the script puts this folder first on
PYTHONPATH, so pytest and every `followup` it starts see a real clock shifted by
$FOLLOWUP_TEST_TRAVEL_DAYS days. The clock still ticks, and monotonic time (timeouts, sleeps) is
untouched. A suite that injects its clocks passes the same whatever the shift."""

import os

_days = os.environ.get("FOLLOWUP_TEST_TRAVEL_DAYS")
if _days:
    from datetime import UTC, datetime, timedelta

    import time_machine

    today = datetime.now(UTC)  # real clock: the shift is counted from the day the run starts
    time_machine.travel(today + timedelta(days=int(_days)), tick=True).start()
