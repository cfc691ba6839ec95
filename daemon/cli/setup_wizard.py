"""`followup init`: a commented config for the user's provider, checked against the server before
it is saved. The TOML itself is written by tomli-w; the comments around it are ours."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import tomli_w
from followup.config import parse_config
from followup.errors import AuthenticationError, FollowupError, SecretError, UntrustedCertificate
from followup.imap.mailbox import probe

CHECK_TIMEOUT = 20.0
"""Seconds the check waits for the server: STARTTLS asked of an implicit-TLS port waits for a
greeting that never comes, and the daemon's 60 s would feel like a hang here."""


@dataclass(frozen=True)
class Preset:
    title: str
    imap: tuple[str, int, str]
    smtp: tuple[str, int, str] | None
    auth: str
    note: str


PRESETS = {
    "gmail": Preset(
        "Gmail / Google Workspace",
        ("imap.gmail.com", 993, "tls"),
        ("smtp.gmail.com", 465, "tls"),
        "xoauth2",
        'Gmail takes OAuth 2.0 (auth = "xoauth2" with a token helper such as oama or mutt_oauth2.py as\n'
        "# token_command), or an app password (Google account > Security > App passwords, needs 2-step\n"
        '# verification) with auth = "password" and password_command. Drafts are [Gmail]/Drafts (found\n'
        "# by its \\Drafts attribute).",
    ),
    "outlook": Preset(
        "Microsoft 365 / Outlook.com",
        ("outlook.office365.com", 993, "tls"),
        ("smtp.office365.com", 587, "starttls"),
        "xoauth2",
        'Microsoft has turned off password logins for IMAP: use auth = "xoauth2" with a token helper\n'
        "# (oama, mutt_oauth2.py, or your organisation's) as token_command. Reminders can also go by IMAP\n"
        '# (reminder_delivery = "imap") if SMTP AUTH is disabled for your mailbox.',
    ),
    "fastmail": Preset(
        "Fastmail",
        ("imap.fastmail.com", 993, "tls"),
        ("smtp.fastmail.com", 465, "tls"),
        "password",
        "Fastmail wants an app password (Settings > Privacy & Security > Integrations > App passwords)\n"
        "# with IMAP and SMTP access.",
    ),
    "icloud": Preset(
        "iCloud Mail",
        ("imap.mail.me.com", 993, "tls"),
        ("smtp.mail.me.com", 587, "starttls"),
        "password",
        "iCloud wants an app-specific password (appleid.apple.com > Sign-In and Security). The username\n"
        "# is your iCloud address.",
    ),
    "generic": Preset(
        "Any IMAP server",
        ("", 993, "tls"),
        None,
        "password",
        'Use your provider\'s IMAP settings. security = "tls" (port 993) or "starttls" (port 143); the\n'
        "# certificate is checked against the system's CAs (set ca_file for a self-hosted CA).",
    ),
}


SECURITIES = ("tls", "starttls", "none")
COMMON_PORTS = {993: "tls", 143: "starttls"}
"""The pairs nearly every IMAP server offers: implicit TLS on 993, STARTTLS on 143."""
PORT_QUESTION = "IMAP port and security: 993/tls or 143/starttls, or PORT/SECURITY with tls, starttls or none"


def port_and_security(answer: str) -> tuple[int, str]:
    """An answer to PORT_QUESTION ("993/tls", "143", "starttls", "1143 none") -> (port, security).
    Raises ValueError saying what to type."""
    port: int | None = None
    security: str | None = None
    for part in answer.replace("/", " ").replace(",", " ").split():
        if part.isdigit() and port is None:
            port = int(part)
        elif part.lower() in SECURITIES and security is None:
            security = part.lower()
        else:
            raise ValueError(f"{part!r} is not a port or one of {', '.join(SECURITIES)} (e.g. 993/tls)")
    if port is None and security is None:
        raise ValueError("type a port and a security, e.g. 993/tls")
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"{port} is not a TCP port")
    if security is None:
        if port not in COMMON_PORTS:
            raise ValueError(f"say the security for port {port} too, e.g. {port}/tls or {port}/starttls")
        security = COMMON_PORTS[port]
    if port is None:
        port = 993 if security == "tls" else 143
    return port, security


def config_text(
    preset: Preset,
    *,
    name: str,
    email: str,
    username: str,
    imap_host: str,
    imap_port: int,
    security: str,
    secret: dict[str, str],
    timezone: str,
    auth: str,
    ca_file: str | None = None,
) -> str:
    """The whole commented config file. *secret*: {"password_command": ...} or {"token_command": ...} etc."""
    imap: dict[str, Any] = {"host": imap_host, "port": imap_port, "security": security, "username": username}
    if ca_file:
        imap["ca_file"] = ca_file
    if auth != "password":
        imap["auth"] = auth
    imap.update(secret)
    account: dict[str, Any] = {"name": name, "email": email, "signature": name}
    parts = [
        "# followup configuration, written by `followup init`. Every key is explained in",
        "# config.example.toml; `followup check` validates this file.",
        "",
        tomli_w.dumps({"timezone": timezone, "act_on_mail_newer_than": "14d"}).rstrip(),
        '# A weekly summary of your search, mailed to you: digest = "monday 09:00"',
        "",
        f"# {preset.title}. {preset.note}",
        tomli_w.dumps({"accounts": {"main": account}}).rstrip(),
    ]
    if preset.smtp:
        smtp: dict[str, Any] = {
            "host": preset.smtp[0],
            "port": preset.smtp[1],
            "security": preset.smtp[2],
            "username": username,
        }
        if auth != "password":
            smtp["auth"] = auth
        smtp.update(secret)
        parts += [
            "# Reminders are sent to you (and only you) by SMTP; without [accounts.main.smtp] they are",
            "# put in your INBOX over IMAP instead.",
            tomli_w.dumps({"accounts": {"main": {"reminder_delivery": "smtp"}}}).rstrip().split("\n", 1)[1],
        ]
    parts += ["", tomli_w.dumps({"accounts": {"main": {"imap": imap}}}).rstrip()]
    if preset.smtp:
        parts += ["", tomli_w.dumps({"accounts": {"main": {"smtp": smtp}}}).rstrip()]
    return "\n".join(parts) + "\n"


def write_private(path: Path, text: str) -> None:
    """Write *path* readable by the user only (it names where the password comes from)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)


class Interview:
    """`followup init`'s questions, from the options given and, at a terminal, from the user.

    The answers are checked against the server before anything is saved; at a terminal a
    failed check asks again only what failed (the server, port and security when nothing
    answers; the CA file for an untrusted certificate; the login when it is refused), with
    every earlier answer kept as the default."""

    def __init__(self, args: argparse.Namespace, interactive: bool) -> None:
        self.args = args
        self.interactive = interactive
        self.preset = PRESETS[args.preset]
        self.email = self.ask("your email address", given=args.email)
        self.name = self.ask("your name (for drafts and the signature)", self.email.split("@")[0], args.name)
        self.auth: str = args.auth or self.preset.auth
        self.host, self.port, self.security = self.preset.imap
        self.ca_file: str | None = args.ca_file
        self.username = self.email
        self.secret: dict[str, str] = {}
        self.ask_server(first=True)
        self.ask_login(first=True)

    def ask(self, question: str, default: str = "", given: str | None = None, optional: bool = False) -> str:
        if given:
            return given
        if not self.interactive:
            if default or optional:
                return default
            raise FollowupError(f"{question}: pass it as an option (not running interactively)")
        while True:
            try:
                answer = input(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
            except EOFError:
                raise FollowupError("no answer (end of input); nothing saved") from None
            if answer or optional:
                return answer

    def ask_server(self, first: bool = False) -> None:
        args = self.args
        self.host = self.ask("IMAP server", self.host, args.host if first else None)
        if first and (args.port or args.security):
            self.security = args.security or COMMON_PORTS.get(args.port, self.security)
            self.port = args.port or (993 if self.security == "tls" else 143)
        elif not first or self.host != self.preset.imap[0]:  # a preset's own server fixes them
            while True:
                try:
                    self.port, self.security = port_and_security(
                        self.ask(PORT_QUESTION, f"{self.port}/{self.security}")
                    )
                    break
                except ValueError as exc:
                    print(f"  {exc}")

    def ask_ca_file(self) -> None:
        while True:
            answer = self.ask(
                "the CA certificate that signed it (a PEM file; empty: the system's CAs)",
                self.ca_file or "",
                optional=True,
            )
            if not answer or Path(answer).expanduser().is_file():
                self.ca_file = answer or None
                return
            print(f"  no file at {answer}")

    def ask_login(self, first: bool = False, username: bool = True) -> None:
        args = self.args
        if username:
            self.username = self.ask("IMAP username", self.username, args.username if first else None)
        if self.auth != "password":
            question = "a command that prints an OAuth 2.0 access token"
            self.secret = {
                "token_command": self.ask(
                    question, self.secret.get("token_command", ""), args.token_command if first else None
                )
            }
        elif first and args.password_env:
            self.secret = {"password_env": args.password_env}
        else:
            default = self.secret.get("password_command", f"pass show mail/{self.email}")
            command = self.ask("a command that prints the password", default, args.password_command if first else None)
            self.secret = {"password_command": command}

    def text(self) -> str:
        return config_text(
            self.preset, name=self.name, email=self.email, username=self.username, imap_host=self.host,
            imap_port=self.port, security=self.security, secret=self.secret, timezone=self.args.timezone,
            auth=self.auth, ca_file=self.ca_file,
        )  # fmt: skip

    def checked_text(self, path: Path) -> str:
        """The config, once the server has taken it (at once with --no-check). Off a terminal a
        failed check raises; at one, what failed is asked again until it passes or the user leaves."""
        while True:
            text = self.text()
            imap = parse_config(text, path).accounts[0].imap  # what we write must load
            if self.args.no_check:
                return text
            print(f"checking {self.host}:{self.port} ({self.security}) as {self.username}...")
            try:
                print(probe(replace(imap, timeout=CHECK_TIMEOUT)).describe(imap))
                return text
            except FollowupError as exc:
                if not self.interactive:
                    raise
                print(f"error: {exc}", file=sys.stderr)
                if isinstance(exc, UntrustedCertificate):
                    print("its certificate is not signed by a CA this system trusts: say which CA signed it")
                    self.ask_ca_file()
                elif isinstance(exc, SecretError):
                    print("the password did not come: check its command (Ctrl-C leaves; nothing is saved)")
                    self.ask_login(username=False)
                elif isinstance(exc, AuthenticationError):
                    print("the login failed: check the username and the password (Ctrl-C leaves; nothing is saved)")
                    self.ask_login()
                else:
                    print("check the server, its port and security (Ctrl-C leaves; nothing is saved)")
                    self.ask_server()
