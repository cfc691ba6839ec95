"""The SMTP edge, the pair of followup.imap.mailbox: a finished message → the user's SMTP server.

Used for reminders when reminder_delivery is smtp. Mail leaves only for the user's own
addresses: refuse_strangers() checks every recipient right where the mail leaves.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
import threading
from collections.abc import Coroutine, Iterable
from typing import Any

from followup.config import AccountConfig, ServerConfig
from followup.errors import DeliveryError, RecipientRefused
from followup.secret import reveal

STOP_CHECK_SECONDS = 0.2


def refuse_strangers(recipients: Iterable[str], own: frozenset[str]) -> None:
    """Raise RecipientRefused for the first recipient that is not one of the user's *own*
    addresses (lower case, as AccountConfig.own_addresses has them): the rule we never break."""
    for recipient in recipients:
        if recipient.lower() not in own:
            raise RecipientRefused(recipient)


def send_to_self(account: AccountConfig, raw: bytes, stop: threading.Event) -> None:
    """Send *raw* from the account's address to itself through its [smtp] server, cut short
    once *stop* is set. Every failure is a DeliveryError."""
    import aiosmtplib

    smtp = account.smtp
    if smtp is None:
        raise DeliveryError(f"account {account.key}: reminder_delivery is smtp but there is no [smtp]")
    context = ssl.create_default_context(cafile=smtp.ca_file)
    try:
        sending = send(smtp, context, account.email, [account.email], raw, account.own_addresses)
        asyncio.run(_unless_stopped(sending, stop))
    except aiosmtplib.SMTPException as exc:
        raise DeliveryError(f"SMTP {smtp.host}:{smtp.port}: {exc}") from None
    except asyncio.CancelledError:
        raise DeliveryError(f"SMTP {smtp.host}:{smtp.port}: cut short by shutdown") from None


async def _unless_stopped(send: Coroutine[Any, Any, None], stop: threading.Event) -> None:
    """Await *send*, cancelled (again and again, until it is out) once *stop* is set: an SMTP
    server that accepts and never answers must not hold up shutdown for the timeout."""
    task = asyncio.ensure_future(send)
    while not task.done():
        if stop.is_set():
            task.cancel()
        await asyncio.wait({task}, timeout=STOP_CHECK_SECONDS)
    task.result()


async def send(
    smtp: ServerConfig, context: ssl.SSLContext, sender: str, recipients: list[str], raw: bytes, own: frozenset[str]
) -> None:
    """One message over SMTP: implicit TLS or required STARTTLS, then password or OAuth 2.0 login.
    Every recipient must be one of the user's *own* addresses (refuse_strangers), checked
    before connecting."""
    import aiosmtplib

    refuse_strangers(recipients, own)

    client = aiosmtplib.SMTP(
        hostname=smtp.host,
        port=smtp.port,
        use_tls=smtp.security == "tls",
        start_tls=smtp.security == "starttls",
        tls_context=context,
        timeout=smtp.timeout,
    )
    async with client:
        if smtp.auth in ("xoauth2", "oauthbearer"):
            if client.is_ehlo_or_helo_needed:
                await client.ehlo()
            token = reveal(smtp.password)
            if smtp.auth == "xoauth2":
                payload = f"user={smtp.username}\x01auth=Bearer {token}\x01\x01"
            else:
                payload = f"n,a={smtp.username},\x01auth=Bearer {token}\x01\x01"
            encoded = base64.b64encode(payload.encode()).decode()
            response = await client.execute_command(b"AUTH", smtp.auth.upper().encode(), encoded.encode())
            if response.code != 235:
                raise aiosmtplib.SMTPAuthenticationError(response.code, response.message)
        elif smtp.username:
            await client.login(smtp.username, reveal(smtp.password))
        await client.sendmail(sender, recipients, raw)
