"""followup.remind.smtp: mail to the user's own addresses through a real aiosmtpd on loopback, and
never to anyone else. No Dovecot needed."""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from followup.cli.demo import RecordingHandler, free_port
from followup.config import AccountConfig, ServerConfig, parse_config
from followup.errors import DeliveryError, RecipientRefused
from followup.remind.smtp import refuse_strangers, send, send_to_self

ME = "me@example.org"


def _account(smtp_port: int | None) -> AccountConfig:
    smtp = f'[accounts.main.smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\nusername = ""\n'
    text = f"""
[accounts.main]
email = "{ME}"
aliases = ["Me.Too@Example.org"]
reminder_delivery = "{"smtp" if smtp_port else "imap"}"
[accounts.main.imap]
host = "127.0.0.1"
username = "{ME}"
password = "unused"
security = "none"
{smtp if smtp_port else ""}
"""
    return parse_config(text).accounts[0]


class Refusing(RecordingHandler):
    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:  # noqa: N802
        return "554 5.7.1 not today"


@pytest.fixture
def sink() -> Iterator[tuple[int, RecordingHandler]]:
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield port, handler
    controller.stop()


def test_only_the_users_own_addresses_pass_the_guard() -> None:
    own = _account(None).own_addresses
    refuse_strangers([ME, "ME@example.org", "me.too@example.org"], own)  # any case, aliases included
    with pytest.raises(RecipientRefused) as refused:
        refuse_strangers([ME, "recruiter@corp.example"], own)
    assert refused.value.recipient == "recruiter@corp.example"
    with pytest.raises(RecipientRefused):
        refuse_strangers(["me@example.org.evil.example"], own)


def test_a_reminder_goes_to_the_user_through_the_server(sink: tuple[int, RecordingHandler]) -> None:
    port, handler = sink
    raw = b"From: followup <me@example.org>\r\nTo: me@example.org\r\nSubject: nudge\r\n\r\nhello\r\n"
    send_to_self(_account(port), raw, threading.Event())
    assert len(handler.messages) == 1
    sender, recipients, content = handler.messages[0]
    assert (sender, recipients) == (ME, [ME])
    assert b"Subject: nudge" in content and b"hello" in content


def test_a_stranger_is_refused_before_connecting() -> None:
    nowhere = ServerConfig("127.0.0.1", free_port(), "none", "", None)  # type: ignore[arg-type]  # nothing listens
    with pytest.raises(RecipientRefused):
        asyncio.run(send(nowhere, ssl.create_default_context(), ME, ["recruiter@corp.example"], b"x", frozenset({ME})))


def test_a_refusal_by_the_server_is_a_delivery_error() -> None:
    port = free_port()
    controller = Controller(Refusing(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with pytest.raises(DeliveryError, match="not today"):
            send_to_self(_account(port), b"Subject: x\r\n\r\nx\r\n", threading.Event())
    finally:
        controller.stop()


def test_no_smtp_section_is_a_delivery_error_that_says_so() -> None:
    with pytest.raises(DeliveryError, match=r"there is no \[smtp\]"):
        send_to_self(_account(None), b"x", threading.Event())


def test_shutdown_cuts_a_send_to_a_server_that_never_answers() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts (the backlog), never greets
        stop = threading.Event()
        stop.set()
        with pytest.raises(DeliveryError, match="cut short by shutdown"):
            send_to_self(_account(silent.getsockname()[1]), b"x", stop)
