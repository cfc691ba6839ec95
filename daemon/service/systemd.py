"""Talking to systemd (Type=notify): state changes out on $NOTIFY_SOCKET, the watchdog interval in."""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


def sd_notify(message: str) -> None:
    """Tell systemd (Type=notify) how we are; a no-op outside systemd."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            # Never block: a notify socket nobody reads fills up (10 datagrams), and a blocked
            # send would hang the loop that sends it, shutdown included. A lost STATUS is harmless.
            sock.setblocking(False)
            sock.sendto(message.encode(), address)
    except OSError as exc:  # BlockingIOError included
        log.debug("sd_notify failed: %s", exc)


def watchdog_interval() -> float | None:
    """WatchdogSec= as systemd passes it (WATCHDOG_USEC), in seconds; None when not set for us."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return int(usec) / 1_000_000
    except ValueError:
        return None
