"""rules/*.toml -> compiled rules. Each condition has one job and a check() that explains itself.

A rule file holds ``[[rule]]`` tables::

    [[rule]]
    name = "rejection-en"          # unique; a user's rule of the same name replaces it
    category = "rejection"
    priority = 50                  # higher is tried first; ties keep file order
    any = [ { body = ["decided not to move forward"] }, { subject = ["unfortunately"] } ]
    none = [ { header = { name = "List-Id", present = true } } ]

Field conditions (``subject``, ``body``, ``text``, ``from``, ``from_name``, ``from_domain``,
``reply_to``) take a phrase, a list of phrases, or ``{ regex = "..." }``. Phrases match
case-, accent- and whitespace-insensitively on word boundaries. See rules/README.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from followup.errors import RuleError, load_toml
from followup.model import Evidence

BUILTIN_CATEGORIES = (
    "interview_invitation",
    "rejection",
    "feedback_received",
    "application_received",
    "assessment",
    "offer",
    "job_alert",
    "newsletter",
    "interview_rescheduled",
    "interview_cancelled",
    "recruiter_outreach",
    "personal_reply",
    "auto_reply",
    "own_message",
    "other",
)
FIELDS = ("subject", "body", "text", "from", "from_name", "from_domain", "reply_to")
_RULE_KEYS = {"name", "category", "priority", "description", "all", "any", "none", *FIELDS, "header", "attachment"}
_COMBINATORS = ("all", "any", "none")


def normalize(text: str) -> str:
    """Casefold, drop accents, fold whitespace: the form both phrases and text are matched in."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


class MailFields(Protocol):
    def field(self, name: str) -> str: ...
    def header(self, name: str) -> str | None: ...
    def attachment_types(self) -> Iterable[str]: ...


class Condition(Protocol):
    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        """Evidence when the condition holds, None when it does not."""
        ...


def _excerpt(text: str, match: re.Match[str]) -> str:
    return text[match.start() : match.end()]


@dataclass(frozen=True)
class Phrases:
    field: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]

    @classmethod
    def build(cls, field: str, phrases: tuple[str, ...]) -> Phrases:
        alternatives = sorted({normalize(p) for p in phrases if p.strip()}, key=len, reverse=True)
        body = "|".join(re.escape(a) for a in alternatives)
        return cls(field, phrases, re.compile(rf"(?<!\w)(?:{body})(?!\w)"))

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        text = mail.field(self.field)
        match = self.pattern.search(text)
        if match is None:
            return None
        return (Evidence(self.field, "phrase", _excerpt(text, match)),)


@dataclass(frozen=True)
class Regex:
    field: str
    pattern: re.Pattern[str]

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        text = mail.field(self.field)
        match = self.pattern.search(text)
        if match is None:
            return None
        return (Evidence(self.field, f"regex {self.pattern.pattern!r}", _excerpt(text, match)),)


@dataclass(frozen=True)
class Header:
    name: str
    present: bool | None
    matcher: Phrases | Regex | None

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        value = mail.header(self.name)
        if self.present is not None:
            if (value is not None) != self.present:
                return None
            return (Evidence(f"header {self.name}", "present" if self.present else "absent", value or ""),)
        if value is None or self.matcher is None:
            return None
        text = normalize(value) if isinstance(self.matcher, Phrases) else value
        match = self.matcher.pattern.search(text)
        if match is None:
            return None
        return (Evidence(f"header {self.name}", "match", _excerpt(text, match)),)


@dataclass(frozen=True)
class AttachmentType:
    content_type: str

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        for ctype in mail.attachment_types():
            if ctype.lower().startswith(self.content_type):
                return (Evidence("attachment", self.content_type, ctype),)
        return None


@dataclass(frozen=True)
class Combined:
    mode: str  # all | any | none
    parts: tuple[Condition, ...]

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        evidence: list[Evidence] = []
        for part in self.parts:
            found = part.check(mail)
            if self.mode == "all":
                if found is None:
                    return None
                evidence += found
            elif self.mode == "any" and found is not None:
                return found
            elif self.mode == "none" and found is not None:
                return None
        if self.mode == "any":
            return None
        return tuple(evidence)


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    priority: int
    condition: Combined
    path: str
    line: int | None
    description: str = ""

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        return self.condition.check(mail)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    """Sorted: highest priority first, then in load order."""
    categories: frozenset[str]


class _Compiler:
    def __init__(self, path: Path, text: str, categories: frozenset[str]) -> None:
        self.path, self.text, self.categories = path, text, categories

    def line_of(self, name: str | None, index: int) -> int | None:
        lines = self.text.splitlines()
        if name:
            pattern = re.compile(r"^\s*name\s*=\s*[\"']" + re.escape(name) + r"[\"']")
            for number, line in enumerate(lines):
                if pattern.match(line):
                    return number + 1
        headers = [n + 1 for n, line in enumerate(lines) if re.match(r"^\s*\[\[\s*rule\s*\]\]", line)]
        return headers[index] if index < len(headers) else None

    def fail(self, message: str, name: str | None, index: int, key: str | None = None) -> RuleError:
        label = f"rule {name!r}" if name else f"rule #{index + 1}"
        return RuleError(message, self.path, self.line_of(name, index), f"{label}" + (f": {key}" if key else ""))

    def rule(self, table: Any, index: int) -> Rule:
        if not isinstance(table, dict):
            raise self.fail("each [[rule]] must be a table", None, index)
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail("every rule needs a name (a non-empty string)", None, index, "name")
        fail: Callable[..., RuleError] = lambda message, key=None: self.fail(message, name, index, key)  # noqa: E731
        for key in table:
            if key not in _RULE_KEYS:
                raise fail(f"unknown key {key!r} (expected one of: {', '.join(sorted(_RULE_KEYS))})", key)
        category = table.get("category")
        if not isinstance(category, str):
            raise fail("is required (a string)", "category")
        if category not in self.categories:
            raise fail(
                f"unknown category {category!r} (known: {', '.join(sorted(self.categories))}; "
                "add your own under 'categories' in the config)",
                "category",
            )
        priority = table.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise fail("expected an integer", "priority")
        description = table.get("description", "")
        if not isinstance(description, str):
            raise fail("expected a string", "description")
        parts: list[Condition] = [
            self.condition({k: v}, fail, k)
            for k, v in table.items()
            if k in FIELDS or k in ("header", "attachment", "all")
        ]
        for mode in ("any", "none"):
            if mode in table:
                parts.append(self.condition({mode: table[mode]}, fail, mode))
        if not parts:
            raise fail("has no conditions: it would match every message")
        return Rule(
            name,
            category,
            priority,
            Combined("all", tuple(parts)),
            str(self.path),
            self.line_of(name, index),
            description,
        )

    def condition(self, table: Any, fail: Callable[..., RuleError], where: str) -> Condition:
        if not isinstance(table, dict) or len(table) != 1:
            raise fail('a condition is a table with exactly one key, e.g. { subject = ["..."] }', where)
        ((key, value),) = table.items()
        if key in _COMBINATORS:
            if not isinstance(value, list) or not value:
                raise fail(f"'{key}' takes a non-empty list of conditions", where)
            return Combined(key, tuple(self.condition(v, fail, f"{where}[{i + 1}]") for i, v in enumerate(value)))
        if key in FIELDS:
            return self.matcher(key, value, fail, where)
        if key == "header":
            return self.header(value, fail, where)
        if key == "attachment":
            if not isinstance(value, str) or "/" not in value:
                raise fail("'attachment' takes a content type such as \"text/calendar\"", where)
            return AttachmentType(value.lower())
        raise fail(
            f"unknown condition {key!r} (expected one of: {', '.join((*FIELDS, 'header', 'attachment', *_COMBINATORS))})",
            where,
        )

    def matcher(self, field: str, value: Any, fail: Callable[..., RuleError], where: str) -> Phrases | Regex:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            if not value or not all(isinstance(v, str) and v.strip() for v in value):
                raise fail(f"'{field}' takes a non-empty list of non-empty phrases", where)
            return Phrases.build(field, tuple(value))
        if isinstance(value, dict) and set(value) == {"regex"} and isinstance(value["regex"], str):
            return Regex(field, self.regex(value["regex"], fail, where))
        raise fail(f"'{field}' takes a phrase, a list of phrases or {{ regex = \"...\" }}", where)

    def regex(self, source: str, fail: Callable[..., RuleError], where: str) -> re.Pattern[str]:
        try:
            return re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise fail(f"invalid regular expression {source!r}: {exc}", where) from None

    def header(self, value: Any, fail: Callable[..., RuleError], where: str) -> Header:
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise fail(
                '\'header\' takes { name = "...", present = true } or { name = "...", phrases = [...] } or { name = "...", regex = "..." }',
                where,
            )
        extra = set(value) - {"name", "present", "phrases", "regex"}
        if extra or len(set(value) & {"present", "phrases", "regex"}) != 1:
            raise fail("'header' needs a name and exactly one of present, phrases, regex", where)
        name = value["name"].lower()
        if "present" in value:
            if not isinstance(value["present"], bool):
                raise fail("'present' takes true or false", where)
            return Header(name, value["present"], None)
        if "regex" in value:
            return Header(name, None, Regex("header", self.regex(str(value["regex"]), fail, where)))
        return Header(name, None, self.matcher("header", value["phrases"], fail, where))


def load_rules(paths: Iterable[Path], extra_categories: Iterable[str] = ()) -> RuleSet:
    """Compile rule files in order. A later file's rule replaces an earlier file's rule of the
    same name (that is how a user overrides a shipped rule); a name twice in one file is an error."""
    categories = frozenset((*BUILTIN_CATEGORIES, *extra_categories))
    by_name: dict[str, Rule] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RuleError(f"cannot read rule file: {exc.strerror}", path) from None
        data = load_toml(text, path, RuleError)
        unknown = set(data) - {"rule"}
        if unknown:
            raise RuleError(f"unknown top-level key(s) {sorted(unknown)}; rules go in [[rule]] tables", path)
        tables = data.get("rule", [])
        if not isinstance(tables, list):
            raise RuleError("'rule' must be an array of tables: write [[rule]]", path)
        compiler = _Compiler(path, text, categories)
        seen_here: set[str] = set()
        for index, table in enumerate(tables):
            rule = compiler.rule(table, index)
            if rule.name in seen_here:
                raise compiler.fail("duplicate rule name in this file", rule.name, index, "name")
            seen_here.add(rule.name)
            by_name.pop(rule.name, None)  # an override moves to where it was loaded
            by_name[rule.name] = rule
    ordered = sorted(by_name.values(), key=lambda r: -r.priority)
    return RuleSet(tuple(ordered), categories)


def rule_files(*directories: Path | None) -> list[Path]:
    """The *.toml files of each directory in turn, sorted by name within a directory."""
    files: list[Path] = []
    for directory in directories:
        if directory is not None and directory.is_dir():
            files += sorted(directory.glob("*.toml"))
    return files
