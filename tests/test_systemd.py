"""followup.service.systemd without systemd: what sd_notify sends on a socket of our own, that it never
blocks, the watchdog interval as systemd passes it, and the units' restart policy."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest
from followup.cli.main import EXIT_CONFIG
from followup.service.systemd import sd_notify, watchdog_interval


def test_sd_notify_sends_one_datagram_to_the_notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind(str(tmp_path / "notify.sock"))
        monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify.sock"))
        sd_notify("READY=1\nSTATUS=main watching")
        assert notify.recv(4096) == b"READY=1\nSTATUS=main watching"


def test_sd_notify_reaches_an_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"followup-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notify:
        notify.bind("\0" + name)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        sd_notify("WATCHDOG=1")
        assert notify.recv(4096) == b"WATCHDOG=1"


def test_sd_notify_is_a_no_op_outside_systemd_or_when_nobody_listens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    sd_notify("READY=1")
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody.sock"))
    sd_notify("READY=1")  # no socket there: logged at DEBUG, never raised


def test_a_notify_socket_nobody_reads_never_blocks_the_daemon(tmp_path: Path) -> None:
    """Unix datagram sockets block the sender once 10 messages wait unread: sd_notify must not."""
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    notify.bind(str(tmp_path / "notify.sock"))
    previous = os.environ.get("NOTIFY_SOCKET")
    os.environ["NOTIFY_SOCKET"] = str(tmp_path / "notify.sock")
    try:
        started = time.monotonic()
        for number in range(200):  # far more than the queue holds
            sd_notify(f"STATUS=message {number}")
        assert time.monotonic() - started < 2
    finally:
        if previous is None:
            os.environ.pop("NOTIFY_SOCKET", None)
        else:
            os.environ["NOTIFY_SOCKET"] = previous
        notify.close()


@pytest.mark.parametrize(
    ("usec", "pid", "expected"),
    [
        ("2000000", None, 2.0),
        ("2000000", "self", 2.0),
        ("2000000", "1", None),  # meant for another process
        (None, None, None),
        ("soon", None, None),
    ],
)
def test_the_watchdog_interval_is_systemds_for_this_process_only(
    monkeypatch: pytest.MonkeyPatch, usec: str | None, pid: str | None, expected: float | None
) -> None:
    for name, value in (("WATCHDOG_USEC", usec), ("WATCHDOG_PID", str(os.getpid()) if pid == "self" else pid)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert watchdog_interval() == expected


@pytest.mark.parametrize("unit", ["followup.service", "followup@.service"])
def test_the_units_do_not_restart_a_daemon_whose_config_is_broken(unit: str) -> None:
    # A config error fails the same way on every start; the unit must name the code's own status.
    lines = (Path(__file__).parent.parent / "systemd" / unit).read_text(encoding="utf-8").splitlines()
    settings = [line.partition("=") for line in lines if "=" in line and not line.startswith("#")]
    assert ("RestartPreventExitStatus", "=", str(EXIT_CONFIG)) in settings
