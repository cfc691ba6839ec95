"""TOML config -> frozen, validated Config. Every check happens here, up front.

Errors name the file, the line (found by looking the key up in the text) and the key.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from followup.act.plan import ANCHORS, DEFAULT_PLAN, CategoryPlan, ReminderStep
from followup.classify.categories import BUILTIN_CATEGORIES, BY_NAME, Category
from followup.errors import ConfigError, load_toml

log = logging.getLogger(__name__)

DEFAULT_STATE_DIR = "~/.local/state/followup"
DEFAULT_CONFIG_DIR = "~/.config/followup"

_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """'30m', '3h', '1d', '6w' -> timedelta. Raises ValueError with the accepted forms."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration (use a number and m, h, d or w: '3d')")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@dataclass(frozen=True)
class Secret:
    """Where a password comes from. The value is fetched only when needed (followup.secret.reveal),
    never stored."""

    command: str | None = None
    env: str | None = None
    literal: str | None = None
    credential: str | None = None
    """A systemd credential name (LoadCredential=), read from $CREDENTIALS_DIRECTORY."""
    what: str = "password"
    """"password", or "token" for an OAuth 2.0 access token (from an external token helper)."""
    timeout: float = 60.0
    """How long the command may take: the account's timeout."""
    where: str = ""
    """Where the command is configured (file:line: key), for its errors."""

    def __repr__(self) -> str:  # never print a literal password
        source = (self.command and "command") or (self.env and "env") or (self.credential and "credential")
        return f"Secret({source or ('literal' if self.literal else 'none')})"


@dataclass(frozen=True)
class ServerConfig:
    host: str
    port: int
    security: str  # "tls" | "starttls" | "none"
    username: str
    password: Secret
    ca_file: str | None = None
    timeout: float = 60.0
    auth: str = "password"
    """"password", "xoauth2" or "oauthbearer" (then `password` holds the access token's source)."""


@dataclass(frozen=True)
class ImapConfig(ServerConfig):
    folders: tuple[str, ...] = ("INBOX",)
    drafts_folder: str | None = None
    drafts_seen: bool = False
    """Drafts are APPENDed with \\Seen too: no unread count on Drafts (by default they are
    unseen, so the count tells the user there is something new to review)."""
    idle: bool = True
    poll_interval: float = 300.0


@dataclass(frozen=True)
class AccountConfig:
    key: str
    name: str
    email: str
    aliases: tuple[str, ...]
    signature: str
    imap: ImapConfig
    smtp: ServerConfig | None
    reminder_delivery: str  # "smtp" | "imap"
    quote_original: bool = False
    """Quote the incoming mail below the signature of each draft."""

    @property
    def own_addresses(self) -> frozenset[str]:
        return frozenset(a.lower() for a in (self.email, *self.aliases))


@dataclass(frozen=True)
class Config:
    path: Path | None
    state_dir: Path
    timezone: ZoneInfo
    rules_dir: Path | None
    templates_dir: Path | None
    act_on_mail_newer_than: timedelta
    accounts: tuple[AccountConfig, ...]
    plan: dict[str, CategoryPlan] = field(hash=False)
    categories: tuple[str, ...] = ()
    """Categories the user added in [categories]; rule files may decide them."""
    meanings: dict[str, Category] = field(default_factory=lambda: dict(BY_NAME), hash=False)
    """What each category (built in, or the user's) means: followup.classify.categories."""
    digest: DigestTime | None = None
    """When the weekly digest goes out (opt-in), in the config's time zone."""
    reminder_hours: ReminderHours | None = None
    """When reminders may arrive (opt-in), in the config's time zone; others wait for the next start."""


@dataclass(frozen=True)
class ReminderHours:
    start: time
    end: time

    def open(self, now: datetime, zone: tzinfo) -> bool:
        """Whether *now* is inside the hours (a span past midnight, '22:00-06:00', works too)."""
        local = now.astimezone(zone).time()
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_open(self, now: datetime, zone: tzinfo) -> datetime:
        """*now* when inside the hours, else the next start."""
        if self.open(now, zone):
            return now
        local = now.astimezone(zone)
        start = datetime.combine(local.date(), self.start, tzinfo=zone)
        return start if start > local else datetime.combine(local.date() + timedelta(days=1), self.start, tzinfo=zone)


DEFAULT_REMINDER_HOURS = "08:00-21:00"
"""Reminders are mail to a person: none at 3 am unless they ask for it ("always")."""


def parse_reminder_hours(text: str) -> ReminderHours | None:
    """'08:00-21:00' -> ReminderHours; 'always' -> None. Raises ValueError with the accepted form."""
    if text.strip().lower() in ("always", "any", ""):
        return None
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", text)
    if match is None:
        raise ValueError(f'{text!r}: expected a span of the day, like "08:00-21:00", or "always"')
    hours = [int(g) for g in match.groups()]
    if hours[0] > 23 or hours[2] > 23 or hours[1] > 59 or hours[3] > 59 or hours[:2] == hours[2:]:
        raise ValueError(f"{text!r}: not two different times of day")
    return ReminderHours(time(hours[0], hours[1]), time(hours[2], hours[3]))


@dataclass(frozen=True)
class DigestTime:
    weekday: int
    """0 = Monday."""
    at: time

    def latest(self, now: datetime, zone: tzinfo) -> datetime:
        """The most recent digest time at or before *now*."""
        local = now.astimezone(zone)
        days_back = (local.weekday() - self.weekday) % 7
        slot = datetime.combine(local.date() - timedelta(days=days_back), self.at, tzinfo=zone)
        return slot if slot <= local else slot - timedelta(days=7)


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def parse_digest(text: str) -> DigestTime | None:
    """'monday 09:00' -> DigestTime; 'off' -> None. Raises ValueError with the accepted form."""
    words = text.strip().lower().split()
    if words == ["off"]:
        return None
    if len(words) != 2 or words[0] not in _WEEKDAY_NAMES or not re.fullmatch(r"\d{1,2}:\d{2}", words[1]):
        raise ValueError(f'{text!r}: expected a weekday and a time, like "monday 09:00", or "off"')
    hour, minute = map(int, words[1].split(":"))
    if hour > 23 or minute > 59:
        raise ValueError(f"{text!r}: {words[1]} is not a time of day")
    return DigestTime(_WEEKDAY_NAMES.index(words[0]), time(hour, minute))


class _Reader:
    """Typed access to one TOML table that reports unknown keys and wrong types, located."""

    def __init__(self, data: dict[str, Any], where: str, path: Path | None, text: str) -> None:
        self.data, self.where, self.path, self.text = data, where, path, text
        self.used: set[str] = set()

    def error(self, key: str, message: str) -> ConfigError:
        full = f"{self.where}.{key}" if self.where else key
        return ConfigError(message, self.path, locate(self.text, self.where, key), full)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        self.used.add(key)
        if key not in self.data:
            return default
        value = self.data[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and kind in (int, float):
            raise self.error(key, f"expected a number, got {value!r}")
        if not isinstance(value, kind):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(key, f"expected {_toml_type(names)}, got {_toml_type(type(value).__name__)}")
        return value

    def require(self, key: str, kind: type) -> Any:
        if key not in self.data:
            raise self.error(key, "is required")
        return self.get(key, kind)

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.get(key, list, None)
        if value is None:
            return default
        if not all(isinstance(v, str) for v in value):
            raise self.error(key, "expected a list of strings")
        return tuple(value)

    def table(self, key: str) -> _Reader | None:
        value = self.get(key, dict, None)
        if value is None:
            return None
        return _Reader(value, f"{self.where}.{key}" if self.where else key, self.path, self.text)

    def finish(self) -> None:
        for key in self.data:
            if key not in self.used:
                expected = ", ".join(sorted(self.used))
                raise self.error(key, f"unknown key (expected one of: {expected})")


def _toml_type(name: str) -> str:
    return {
        "str": "a string",
        "int": "an integer",
        "float": "a number",
        "bool": "true or false",
        "list": "a list",
        "dict": "a table",
    }.get(name, name)


def locate(text: str, table: str, key: str) -> int | None:
    """Best-effort line of *key* inside [table]: tomllib does not report positions."""
    lines = text.splitlines()
    dotted = r"\s*\.\s*".join(re.escape(part) for part in table.split(".")) if table else ""
    header = re.compile(r"^\s*\[\[?\s*" + dotted + r"\s*\]") if table else None
    key_line = re.compile(r"^\s*" + re.escape(key) + r"\s*=")
    sub_table = re.compile(r"^\s*\[\[?\s*" + (dotted + r"\s*\.\s*" if table else "") + re.escape(key) + r"\s*\]")
    start = None
    for number, line in enumerate(lines):
        if sub_table.match(line):
            return number + 1
        if header is None or header.match(line):
            start = number
        elif start is not None and line.lstrip().startswith("["):
            start = None  # left the table without finding the key
        if start is not None and key_line.match(line):
            return number + 1
    for number, line in enumerate(lines):
        if header is not None and header.match(line):
            return number + 1
    return None


AUTH_METHODS = ("password", "xoauth2", "oauthbearer")


def _secret(table: _Reader, label: str, what: str = "password", timeout: float = 60.0) -> Secret:
    """password_command | password_env | password_credential | password (or token_*)."""
    command = table.get(f"{what}_command", str)
    env = table.get(f"{what}_env", str)
    credential = table.get(f"{what}_credential", str)
    literal = table.get(what, str)
    given = [
        k
        for k, v in (
            (f"{what}_command", command),
            (f"{what}_env", env),
            (f"{what}_credential", credential),
            (what, literal),
        )
        if v
    ]
    if len(given) > 1:
        raise table.error(
            given[1],
            f"give only one of {what}_command, {what}_env, {what}_credential, {what} (found {', '.join(given)})",
        )
    if literal:
        log.warning("%s: a literal %s is stored in the config file; prefer %s_command", label, what, what)
    line = locate(table.text, table.where, f"{what}_command")
    where = f"{table.path or 'config'}{f':{line}' if line else ''}: {table.where}.{what}_command"
    return Secret(command, env, literal, credential, what, timeout, where)


def _server(table: _Reader, default_port: dict[str, int], label: str) -> dict[str, Any]:
    security = table.get("security", str, "tls")
    if security not in default_port:
        raise table.error("security", f"must be one of {', '.join(default_port)}, got {security!r}")
    if security == "none" and table.get("host", str, "") not in ("127.0.0.1", "localhost", "::1"):
        log.warning('%s: security = "none" sends the password in clear text; use tls or starttls', label)
    port = table.get("port", int, default_port[security])
    if not 0 < port < 65536:
        raise table.error("port", f"{port} is not a TCP port")
    timeout = table.get("timeout", float, 60.0)
    if timeout <= 0:
        raise table.error("timeout", "must be positive")
    auth = table.get("auth", str, "password")
    if auth not in AUTH_METHODS:
        raise table.error("auth", f"must be one of {', '.join(AUTH_METHODS)}, got {auth!r}")
    return dict(
        host=table.require("host", str),
        port=port,
        security=security,
        username=table.require("username", str),
        # OAuth 2.0 (Gmail, Microsoft 365): an access token from a helper, fetched at each login.
        password=_secret(table, label, "password" if auth == "password" else "token", timeout),
        ca_file=table.get("ca_file", str) or None,
        timeout=timeout,
        auth=auth,
    )


def _account(key: str, table: _Reader) -> AccountConfig:
    email = table.require("email", str)
    if "@" not in email:
        raise table.error("email", f"{email!r} is not an email address")
    imap_table = table.table("imap")
    if imap_table is None:
        raise table.error("imap", "is required: the account's IMAP server")
    imap_args = _server(imap_table, {"tls": 993, "starttls": 143, "none": 143}, f"accounts.{key}.imap")
    poll = imap_table.get("poll_interval", float, 300.0)
    if poll <= 0:
        raise imap_table.error("poll_interval", "must be positive")
    imap = ImapConfig(
        **imap_args,
        folders=imap_table.strings("folders", ("INBOX",)),
        drafts_folder=imap_table.get("drafts_folder", str) or None,
        drafts_seen=imap_table.get("drafts_seen", bool, False),
        idle=imap_table.get("idle", bool, True),
        poll_interval=poll,
    )
    imap_table.finish()
    smtp = None
    smtp_table = table.table("smtp")
    if smtp_table is not None:
        smtp = ServerConfig(**_server(smtp_table, {"tls": 465, "starttls": 587, "none": 25}, f"accounts.{key}.smtp"))
        smtp_table.finish()
    delivery = table.get("reminder_delivery", str, "smtp" if smtp else "imap")
    if delivery not in ("smtp", "imap"):
        raise table.error("reminder_delivery", f"must be 'smtp' or 'imap', got {delivery!r}")
    if delivery == "smtp" and smtp is None:
        raise table.error("reminder_delivery", "is 'smtp' but the account has no [smtp] table")
    account = AccountConfig(
        key=key,
        name=table.get("name", str, ""),
        email=email,
        aliases=table.strings("aliases"),
        signature=table.get("signature", str, ""),
        quote_original=table.get("quote_original", bool, False),
        imap=imap,
        smtp=smtp,
        reminder_delivery=delivery,
    )
    table.finish()
    return account


_STEP_KEYS = {"kind", "after", "from", "otherwise", "draft", "cancel_if_replied"}


def _step(table: _Reader, index: int, step: Any) -> ReminderStep:
    where = f"item {index + 1}"
    if not isinstance(step, dict) or "kind" not in step or not isinstance(step["kind"], str):
        raise table.error("reminders", f'{where}: expected {{ kind = "...", after = "1d" }}')
    unknown = set(step) - _STEP_KEYS
    if unknown:
        raise table.error(
            "reminders", f"{where}: unknown key(s) {sorted(unknown)} (known: {', '.join(sorted(_STEP_KEYS))})"
        )
    anchor = step.get("from", "received")
    if anchor not in ANCHORS:
        raise table.error("reminders", f"{where}: 'from' must be one of {', '.join(ANCHORS)}")
    try:
        after = parse_duration(str(step.get("after", "0m")))
        otherwise = parse_duration(str(step["otherwise"])) if "otherwise" in step else None
    except ValueError as exc:
        raise table.error("reminders", f"{where}: {exc}") from None
    draft = step.get("draft")
    if draft is not None and not isinstance(draft, str):
        raise table.error("reminders", f"{where}: 'draft' takes a template name")
    if not isinstance(step.get("cancel_if_replied", False), bool):
        raise table.error("reminders", f"{where}: 'cancel_if_replied' takes true or false")
    return ReminderStep(step["kind"], after, anchor, otherwise, draft, bool(step.get("cancel_if_replied", False)))


def _categories(root: _Reader) -> tuple[tuple[str, ...], dict[str, Category]]:
    """The user's categories: a list of names, or [categories.NAME] tables saying what each
    means (application = true, status = "...", stops = "all" | [kinds], words = "...")."""
    meanings = dict(BY_NAME)
    if not isinstance(root.data.get("categories", []), dict):
        names = root.strings("categories")
        meanings |= {name: Category(name) for name in names if name not in BY_NAME}
        return names, meanings
    table = root.table("categories")
    assert table is not None
    for name in list(table.data):
        sub = table.table(name)
        if sub is None:
            raise table.error(name, "expected a table: [categories.NAME] with application, status, stops, words")
        stops_value = sub.get("stops", (str, list), None)
        if stops_value == "all":
            stops: tuple[str, ...] | None = None
        elif stops_value is None:
            stops = ()
        elif isinstance(stops_value, list) and all(isinstance(v, str) for v in stops_value):
            stops = tuple(stops_value)
        else:
            raise sub.error("stops", 'expected "all" or a list of reminder kinds')
        meanings[name] = Category(
            name,
            application=sub.get("application", bool, False),
            status=sub.get("status", str, None),
            stops=stops,
            words=sub.get("words", str, ""),
        )
        sub.finish()
    table.finish()
    return tuple(table.data), meanings


def _plan(table: _Reader | None, categories: tuple[str, ...]) -> dict[str, CategoryPlan]:
    plan = dict(DEFAULT_PLAN)
    if table is None:
        return plan
    known = (*BUILTIN_CATEGORIES, *categories)
    for category in list(table.data):
        if category not in known:
            raise table.error(
                category, f"unknown category {category!r} (known: {', '.join(known)}; add your own under 'categories')"
            )
        sub = table.table(category)
        assert sub is not None
        steps = [_step(sub, index, step) for index, step in enumerate(sub.get("reminders", list, []))]
        plan[category] = CategoryPlan(drafts=sub.strings("drafts"), reminders=tuple(steps))
        sub.finish()
    table.finish()
    return plan


def load_config(path: Path | str) -> Config:
    """Read and validate a config file. Raises ConfigError with file, line and key."""
    path = Path(path).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError("no config file there; `followup init` writes one (or pass --config FILE)", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror}", path) from None
    return parse_config(text, path)


def _systemd_state_dir() -> str | None:
    value = os.environ.get("STATE_DIRECTORY", "")
    return value.split(":")[0] or None


def parse_config(text: str, path: Path | None = None) -> Config:
    data = load_toml(text, path, ConfigError)
    root = _Reader(data, "", path, text)
    zone_name = root.get("timezone", str, "UTC")
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise root.error(
            "timezone", f"unknown time zone {zone_name!r} (use an IANA name like 'Europe/Berlin')"
        ) from None
    try:
        newer_than = parse_duration(root.get("act_on_mail_newer_than", str, "14d"))
    except ValueError as exc:
        raise root.error("act_on_mail_newer_than", str(exc)) from None
    try:
        digest = parse_digest(root.get("digest", str, "off"))
    except ValueError as exc:
        raise root.error("digest", str(exc)) from None
    try:
        reminder_hours = parse_reminder_hours(root.get("reminder_hours", str, DEFAULT_REMINDER_HOURS))
    except ValueError as exc:
        raise root.error("reminder_hours", str(exc)) from None
    accounts_table = root.table("accounts")
    if accounts_table is None or not accounts_table.data:
        raise root.error("accounts", "at least one [accounts.NAME] table is required")
    accounts = []
    for key in list(accounts_table.data):
        sub = accounts_table.table(key)
        assert sub is not None
        accounts.append(_account(key, sub))
    accounts_table.finish()
    base = path.parent if path else Path.cwd()

    def _dir(key: str, default: str | None) -> Path | None:
        value = root.get(key, str, default)
        return (base / Path(value).expanduser()) if value else None

    categories, meanings = _categories(root)
    config = Config(
        path=path,
        # Under systemd, StateDirectory= is where the service may write: use it unless told otherwise.
        state_dir=_dir("state_dir", _systemd_state_dir() or DEFAULT_STATE_DIR) or Path(DEFAULT_STATE_DIR).expanduser(),
        timezone=zone,
        # Beside the config file by default: ~/.config/followup/rules and .../templates.
        rules_dir=_dir("rules_dir", "rules"),
        templates_dir=_dir("templates_dir", "templates"),
        act_on_mail_newer_than=newer_than,
        digest=digest,
        reminder_hours=reminder_hours,
        accounts=tuple(accounts),
        plan=_plan(root.table("plan"), categories),
        categories=categories,
        meanings=meanings,
    )
    root.finish()
    return config
