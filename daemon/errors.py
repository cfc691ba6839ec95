"""Errors a user can hit. One root; children carry where the problem is."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any


class FollowupError(Exception):
    """Root of every error followup raises on purpose."""


class LocatedError(FollowupError):
    """An error in a file the user edits: says file, line and key when known."""

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.key = key
        super().__init__(self.located())

    def located(self) -> str:
        where = ""
        if self.path:
            where = self.path + (f":{self.line}" if self.line else "") + ": "
        key = f"{self.key}: " if self.key else ""
        return f"{where}{key}{self.message}"


class ConfigError(LocatedError):
    """The config file is missing, unreadable or invalid."""


class RuleError(LocatedError):
    """A rule file is invalid (unknown key, bad regex, duplicate name...)."""


class TemplateError(LocatedError):
    """A template does not load or render."""


class AccountsFailed(FollowupError):
    """`followup once`: one or more accounts failed; the others were processed (`summary`)."""

    def __init__(self, message: str, summary: str) -> None:
        super().__init__(message)
        self.summary = summary


class SecretError(FollowupError):
    """A password or token could not be obtained (command failed, variable unset)."""


class MailParseError(FollowupError):
    """A message could not be parsed at all; it is quarantined, never dropped."""


class MailboxError(FollowupError, ConnectionError):
    """The IMAP server could not be reached or answered unexpectedly."""


class ServerUnreachable(MailboxError):
    """Nothing answers at the server's address (it is down, restarting, or the network is)."""


class UntrustedCertificate(MailboxError):
    """The server's TLS certificate does not verify (a self-signed or private CA: set ca_file)."""


class AuthenticationError(MailboxError):
    """The IMAP or SMTP server refused the credentials."""


class LoginUnavailable(MailboxError):
    """The server could not check the credentials just now (RFC 5530 [UNAVAILABLE]: its
    password or token service is down or slow): retried like a lost connection, not a refusal."""


class StateError(FollowupError, OSError):
    """The state directory or its database cannot be used: not a directory, not writable,
    damaged, or the disk is full. An OSError, so the daemon's loops retry as after a network
    failure (space may be freed); the command line prints it as one line."""

    def __init__(self, message: str, path: Path | str, text: str | None = None) -> None:
        self.message = message
        self.path = str(path)
        super().__init__(text or f"{path}: {message}")


class AlreadyRunning(StateError):
    """Another followup process holds the state directory's lock (see followup.state.statedir)."""

    def __init__(self, state_dir: Path | str, pid: int | None, command: str | None) -> None:
        self.pid = pid
        self.command = command
        holder = (f"pid {pid}" if pid else "pid unknown") + (f", `followup {command}`" if command else "")
        message = f"followup is already running for this state directory ({holder})"
        super().__init__(message, state_dir, f"{message}: {state_dir}; this run did nothing")


class DeliveryError(FollowupError):
    """A reminder could not be delivered."""


class RecipientRefused(DeliveryError):
    """A message was about to go to someone other than the user. Never allowed."""

    def __init__(self, recipient: str) -> None:
        self.recipient = recipient
        super().__init__(f"refusing to send to {recipient!r}: followup only sends mail to the user's own addresses")


def load_toml(text: str, path: Path | str | None, error: type[LocatedError]) -> dict[str, Any]:
    """tomllib.loads, with a syntax error turned into *error* located at file and line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        line = int(found.group(1)) if found else (len(text.splitlines()) or None)
        raise error(f"invalid TOML: {exc}", path, line) from None
