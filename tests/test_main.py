"""followup.cli.main: the followup command (classify's JSON is a stable interface), its errors and its output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from followup.config import parse_config
from followup.resources import load_rule_set, load_templates

from tests.test_config import MINIMAL, ROOT


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_every_shipped_rule_and_template_loads_and_renders() -> None:
    assert len(load_rule_set(None).rules) >= 10
    templates = load_templates(None)
    assert templates.check_all() == []
    config = parse_config(MINIMAL)
    for plan in config.plan.values():
        for name in (*plan.drafts, *(f"reminder_{s.kind}" for s in plan.reminders)):
            assert templates.exists(name), name


def test_classify_prints_one_json_object_per_file() -> None:
    files = sorted(str(p) for p in (ROOT / "daemon" / "demo_mail").glob("*.eml"))
    result = run_cli("classify", *files)
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in rows] == files
    assert {"file", "category", "rule"} <= set(rows[0])
    assert rows[0]["category"] == "rejection" and rows[-1]["category"] == "other"
    # Weighed decisions (issue 21) add the winner's score and its lead; an outright one does not.
    assert {"score", "margin"} <= set(rows[0]) and rows[0]["margin"] > 0
    assert "score" not in next(r for r in rows if r["category"] == "auto_reply")


def test_check_reports_a_broken_rule_file_with_its_location(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text('[[rule]]\nname = "x"\ncategory = "rejection"\nbdy = ["a"]\n')
    config = tmp_path / "config.toml"
    config.write_text('rules_dir = "rules"\n' + MINIMAL)
    result = run_cli("check", "--offline", "--config", str(config))
    assert result.returncode == 1
    assert f"{rules / 'mine.toml'}:4: rule 'x': bdy: unknown key 'bdy'" in result.stderr
    assert run_cli("check", "--offline", "--config", str(ROOT / "config.example.toml")).returncode == 0


def test_a_missing_config_says_where_it_looked_and_what_writes_one(tmp_path: Path) -> None:
    result = run_cli("status", "--config", str(tmp_path / "config.toml"))
    assert result.returncode == 78
    assert result.stderr == (
        f"error: {tmp_path / 'config.toml'}: no config file there; `followup init` writes one (or pass --config FILE)\n"
    )


def test_output_into_a_closed_pipe_ends_quietly() -> None:
    """`followup status | head -3`: the reader is gone before the output is written."""
    read, write = os.pipe()
    os.close(read)
    files = sorted(str(p) for p in (ROOT / "daemon" / "demo_mail").glob("*.eml"))
    result = subprocess.run(
        [sys.executable, "-m", "followup", "explain", *files], stdout=write, stderr=subprocess.PIPE, text=True
    )
    os.close(write)
    assert result.returncode == 1 and result.stderr == ""


def test_log_lines_carry_a_time_unless_stderr_is_the_journal(tmp_path: Path) -> None:
    """The journal stamps each line itself; systemd names the stream it connected in JOURNAL_STREAM."""
    config = tmp_path / "config.toml"
    text = "\n".join(line for line in MINIMAL.splitlines() if not line.startswith("password_command"))
    config.write_text(text + '\npassword = "plain"\n')
    lines = []
    for journal in (False, True):
        with (tmp_path / "stderr").open("w+") as stderr:
            stat = os.fstat(stderr.fileno())
            env = dict(os.environ, JOURNAL_STREAM=f"{stat.st_dev}:{stat.st_ino}" if journal else "")
            command = [sys.executable, "-m", "followup", "check", "--offline", "--config", str(config)]
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env, timeout=60, check=True)
            stderr.seek(0)
            lines.append(next(line for line in stderr if "literal password" in line))
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} WARNING followup\.config: ", lines[0]), lines[0]
    assert lines[1].startswith("WARNING followup.config: "), lines[1]
