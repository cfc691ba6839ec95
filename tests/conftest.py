"""Fixtures: a real Dovecot, a real SMTP sink, and configs that point at them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from followup.act.platforms import Platforms, platforms
from followup.classify.rules import load_lists, rule_files
from followup.clock import CLOCK_START_VARIABLE, FakeClock, SystemClock
from followup.config import Config, parse_config
from followup.testing import TEST_START, FeederClient, RecordingHandler, free_port
from hypothesis import settings
from imapclient import IMAPClient

from tests.dovecot import Dovecot, User, dovecot_binary

ROOT = Path(__file__).resolve().parent.parent

# Property tests check behaviour, not speed (speed lives in bench/): no per-example deadline, so a
# first example that pays for importing and compiling a module cannot fail on a loaded machine.
settings.register_profile("followup", deadline=None)
settings.load_profile("followup")


SHIPPED_PLATFORMS: Platforms = platforms(load_lists(rule_files(ROOT / "rules")))
"""What extraction knows of platforms, mail providers and no-reply words from the shipped rules/."""


@pytest.fixture(scope="session", autouse=True)
def no_real_clock() -> Iterator[None]:
    """Time is injected. A service or scheduler built on the real clock fails the test, and the
    command line run in a process of its own starts its clock at TEST_START. Session-wide, so
    that module-scoped fixtures are held to it too."""

    def refuse(self: SystemClock) -> datetime:
        pytest.fail("a test read the real clock: pass a FakeClock(TEST_START) (the `clock` fixture)")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(SystemClock, "now", refuse)
        patch.setenv(CLOCK_START_VARIABLE, TEST_START.isoformat())
        yield


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(TEST_START)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if dovecot_binary() is None:
        pytest.fail(
            "Dovecot's IMAP service is not installed: run `make test` (installs dovecot-imapd) or apt-get install dovecot-imapd"
        )
    if os.geteuid() != 0:
        pytest.skip("the throwaway Dovecot needs root (its master process drops privileges itself)")
    server = Dovecot()
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def dovecot_inbox_prefix(dovecot: Dovecot) -> Iterator[Dovecot]:
    """A second Dovecot laid out as Cyrus and Courier are: folders under INBOX., no Drafts.
    Started only by the tests that ask for it (about a second)."""
    server = Dovecot(namespace="inbox-prefix")
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def mail_user(dovecot: Dovecot) -> User:
    return dovecot.add_user()


class SmtpSink:
    def __init__(self, allowed: set[str]) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.allowed = allowed
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self) -> list[tuple[str, list[str], bytes]]:
        return self.handler.messages

    def foreign_recipients(self) -> list[str]:
        return [r for _, rcpts, _ in self.messages for r in rcpts if r.lower() not in self.allowed]


@pytest.fixture
def smtp_sink(mail_user: User) -> Iterator[SmtpSink]:
    sink = SmtpSink({mail_user.name.lower()})
    sink.controller.start()
    yield sink
    sink.controller.stop()
    # The rule we never break: mail goes to the user and nobody else.
    assert not sink.foreign_recipients(), f"mail sent to someone other than the user: {sink.foreign_recipients()}"


def make_config(
    dovecot: Dovecot,
    user: User,
    sink: SmtpSink | None,
    state_dir: Path,
    extra: str = "",
    account_extra: str = "",
    imap: str = 'security = "none"\ntimeout = 10',
) -> Config:
    text = config_text(dovecot, user, sink, state_dir, extra, account_extra, imap)
    return parse_config(text, state_dir.parent / "config.toml")


def config_text(
    dovecot: Dovecot,
    user: User,
    sink: SmtpSink | None,
    state_dir: Path,
    extra: str = "",
    account_extra: str = "",
    imap: str = 'security = "none"\ntimeout = 10',
) -> str:
    """A config for *user* on the test Dovecot; the password travels in an environment variable."""
    os.environ[f"FOLLOWUP_TEST_PW_{user.name.split('@')[0].upper()}"] = user.password
    smtp = (
        f"""
[accounts.main.smtp]
host = "127.0.0.1"
port = {sink.port}
security = "none"
username = ""
"""
        if sink
        else ""
    )
    return f"""
state_dir = "{state_dir}"
timezone = "Europe/Berlin"
{extra}
[accounts.main]
name = "Test User"
email = "{user.name}"
reminder_delivery = "{"smtp" if sink else "imap"}"
{account_extra}
[accounts.main.imap]
host = "127.0.0.1"
username = "{user.name}"
password_env = "FOLLOWUP_TEST_PW_{user.name.split("@")[0].upper()}"
{"" if "port" in imap else f"port = {dovecot.port}"}
{imap}
{smtp}
"""


def unreachable_account(name: str = "broken") -> str:
    """A config table for an account whose server never answers (a free loopback port), for
    tests that one account's failure never stops another."""
    return f"""
[accounts.{name}]
email = "nobody@test.example"
[accounts.{name}.imap]
host = "127.0.0.1"
port = {free_port()}
security = "none"
username = "nobody"
password = "unused"
timeout = 2
"""


def imap_client(dovecot: Dovecot, user: User) -> IMAPClient:
    client = FeederClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    client.login(user.name, user.password)
    return client
