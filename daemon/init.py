"""`followup init`: a commented config for the user's provider, checked against the server before
it is saved. The TOML itself is written by tomli-w; the comments around it are ours."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w


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
) -> str:
    """The whole commented config file. *secret*: {"password_command": ...} or {"token_command": ...} etc."""
    imap: dict[str, Any] = {"host": imap_host, "port": imap_port, "security": security, "username": username}
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
