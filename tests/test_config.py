"""followup.config: the config file to a frozen Config, every error located by file, line and key."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from followup.config import load_config, parse_config
from followup.errors import ConfigError
from followup.model import Source
from followup.pipeline import Pipeline
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
