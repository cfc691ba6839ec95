"""The README's first command: the whole path on the embedded mailbox, no account needed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_demo_runs_the_whole_path_and_exits_cleanly(tmp_path: Path) -> None:
    # As after `make demo`: the venv is not active, so `followup` is not on the PATH.
    env = dict(os.environ, PATH="/usr/local/bin:/usr/bin:/bin")
    result = subprocess.run(
        [sys.executable, "-m", "followup", "demo"], capture_output=True, text=True, cwd=tmp_path, timeout=120, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "interview_invitation" in out and "rejection" in out and "job_alert" in out
    assert "reminders delivered to the SMTP sink:" in out and "to alex@demo.example" in out
    # Two rejection replies and an invitation reply at once. The invitation asks for availability
    # (no time fixed): no note is drafted before the interview, and its thank-you reminder is a
    # heads-up, in the one mail that lists all the reminders due by then.
    assert out.count("Flags: \\Draft") == 3
    assert "reminders delivered to the SMTP sink: 1" in out
    assert "reminders: Take ten minutes to reflect on your interview with Northwind" in out
    assert "Traceback" not in result.stderr
    # Its closing hint runs as printed, from where the demo was run.
    hint = out.strip().splitlines()[-1].split("`")[1]
    replay = subprocess.run(hint, shell=True, capture_output=True, text=True, cwd=tmp_path, timeout=60, env=env)
    assert replay.returncode == 0, f"{hint}: {replay.stderr}"
    assert replay.stdout.count("decision: rejection by") == 2, replay.stdout
