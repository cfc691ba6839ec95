"""Named points where the reliability suite makes the process die, as a power cut would.

`FOLLOWUP_CRASH_AT=draft_appended` makes the process end with os._exit(99) the first time it
reaches that point: no cleanup, no flush, nothing after. The tests then restart the daemon
and require the final mailbox and state to equal those of a run that never crashed. Without
the variable, a crash point costs one dictionary lookup.
"""

from __future__ import annotations

import os

POINTS = (
    "fetched",  # messages fetched, nothing recorded
    "recorded",  # decisions, drafts and reminders committed with the cursor
    "draft_appending",  # the intent to APPEND recorded, APPEND not sent
    "draft_appended",  # APPEND done on the server, not yet recorded
    "reminder_sending",  # the reminder marked as being sent, not sent
    "reminder_sent",  # the reminder delivered, not yet recorded
)
_TARGET = os.environ.get("FOLLOWUP_CRASH_AT", "")
EXIT_CODE = 99


def crash_point(name: str) -> None:
    """End the process here if the reliability suite asked for it."""
    if name == _TARGET:
        os._exit(EXIT_CODE)
