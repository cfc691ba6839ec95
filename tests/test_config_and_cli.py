"""Config validation, the shipped files, and the command line (classify's JSON is a stable interface)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from followup.cli.setup_wizard import port_and_security
from followup.config import load_config, parse_config
from followup.errors import ConfigError
from followup.model import Source
from followup.pipeline import Pipeline
from followup.resources import load_rule_set, load_templates
from followup.secret import reveal

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = """
[accounts.me]
email = "me@example.org"
[accounts.me.imap]
host = "imap.example.org"
username = "me"
password_command = "printf 's3cret\\n'"
"""


def test_example_config_loads() -> None:
    config = load_config(ROOT / "config.example.toml")
    assert config.accounts and config.accounts[0].imap.security == "tls"


def test_every_shipped_rule_and_template_loads_and_renders() -> None:
    assert len(load_rule_set(None).rules) >= 10
    templates = load_templates(None)
    assert templates.check_all() == []
    config = parse_config(MINIMAL)
    for plan in config.plan.values():
        for name in (*plan.drafts, *(f"reminder_{s.kind}" for s in plan.reminders)):
            assert templates.exists(name), name


def test_password_command_output_loses_its_trailing_newline() -> None:
    assert reveal(parse_config(MINIMAL).accounts[0].imap.password) == "s3cret"
    assert "s3cret" not in repr(parse_config(MINIMAL).accounts[0])


@pytest.mark.parametrize(
    ("edit", "line", "key", "fragment"),
    [
        (('username = "me"', 'username = "me"\nusernme = "x"'), 7, "accounts.me.imap.usernme", "unknown key"),
        (('host = "imap.example.org"', "host = 993"), 5, "accounts.me.imap.host", "expected a string"),
        (
            ('email = "me@example.org"', 'email = "me@example.org"\ntimezone = "Mars/Base"'),
            None,
            None,
            "is not an email",
        ),
    ],
)
def test_config_errors_name_file_line_and_key(
    tmp_path: Path, edit: tuple[str, str], line: int | None, key: str | None, fragment: str
) -> None:
    path = tmp_path / "config.toml"
    text = MINIMAL.replace(*edit)
    if "Mars" in edit[1]:
        text = 'timezone = "Mars/Base"\n' + MINIMAL
        line, key, fragment = 1, "timezone", "unknown time zone"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.path == str(path) and caught.value.line == line and caught.value.key == key
    assert fragment in str(caught.value)


def test_a_literal_password_works_but_warns(caplog: pytest.LogCaptureFixture) -> None:
    text = "\n".join(line for line in MINIMAL.splitlines() if not line.startswith("password_command"))
    config = parse_config(text + '\npassword = "plain"\n')
    assert reveal(config.accounts[0].imap.password) == "plain"
    assert "literal password" in caplog.text and "plain" not in caplog.text


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


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


def test_a_users_category_gets_the_actions_its_plan_gives(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()  # found beside the config file without being configured
    (tmp_path / "rules" / "referral.toml").write_text(
        '[[rule]]\nname = "referral"\ncategory = "referral"\npriority = 2000\nbody = ["referred you"]\n'
    )
    text = 'categories = ["referral"]\n' + MINIMAL + '\n[plan.referral]\ndrafts = ["invitation_reply"]\n'
    (tmp_path / "config.toml").write_text(text)
    config = load_config(tmp_path / "config.toml")
    raw = b"From: Ann <ann@corp.example>\r\nSubject: Hello\r\nMessage-ID: <r@corp.example>\r\n\r\nJo referred you to us!\r\n"
    now = datetime(2026, 11, 22, tzinfo=UTC)
    processed = Pipeline.load(config).process(config.accounts[0], Source("a", "INBOX", 1, 1), raw, False, now, now)
    assert processed.decision is not None and processed.decision.category == "referral"
    assert [d.template for d in processed.drafts] == ["invitation_reply"]

    with pytest.raises(ConfigError, match=r"plan\.refferal.*unknown category 'refferal'"):
        parse_config(MINIMAL + '\n[plan.refferal]\ndrafts = ["invitation_reply"]\n')


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


def test_init_help_explains_every_option() -> None:
    result = run_cli("init", "--help")
    text = " ".join(result.stdout.split())
    assert "--preset {gmail,outlook,fastmail,icloud,generic} your provider's servers" in text
    assert "--email EMAIL your email address" in text and "--name NAME your name" in text


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("993/tls", (993, "tls")),
        ("143", (143, "starttls")),
        ("starttls", (143, "starttls")),
        ("1143 none", (1143, "none")),
        ("1143", "say the security for port 1143 too"),
        ("993/ssl", "'ssl' is not a port or one of tls, starttls, none"),
        ("70000/tls", "70000 is not a TCP port"),
    ],
)
def test_init_reads_port_and_security_as_people_type_them(answer: str, expected: tuple[int, str] | str) -> None:
    if isinstance(expected, tuple):
        assert port_and_security(answer) == expected
    else:
        with pytest.raises(ValueError, match=re.escape(expected)):
            port_and_security(answer)
