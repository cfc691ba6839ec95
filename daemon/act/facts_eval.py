"""`followup facts`: what followup would put into a draft, as one JSON object per mail, and
`followup facts test DIR --truth F.csv`: those facts scored against a truth CSV. Pure apart
from reading the files.

The keys are a stable interface (tools outside the code read them): a value is null where
followup would not put the fact into a draft, because the mail does not state it or because
followup is not sure enough of it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any

from followup.act.extract import extract, plain_role
from followup.act.platforms import platforms
from followup.classify.decide import classify
from followup.classify.rules import RuleSet
from followup.errors import FollowupError, MailParseError
from followup.mail.parse import parse_mail
from followup.model import Mail

KEYS = (
    "file", "category", "language", "company", "role", "contact_name", "contact_address", "to",
    "interview_start", "scheduling_link", "careers_link",
)  # fmt: skip
FIELDS = KEYS[2:]
"""The scored fields (file names the row; category is the classifier's, scored by `rules test`)."""


UNTIMED_CATEGORIES = frozenset(("rejection", "application_withdrawn", "job_alert", "newsletter", "auto_reply"))
"""Categories whose drafts and reminders never use an interview time (a job fair in a rejection is none)."""


class TruthError(FollowupError):
    """The truth file cannot be used."""


def facts_row(name: str, mail: Mail, rules: RuleSet, own: frozenset[str], zone: tzinfo | None) -> dict[str, Any]:
    facts = extract(mail, zone or UTC, platforms=platforms(rules.lists))
    contact = facts.contact
    category = classify(mail, rules, own).category
    # Only the drafts and reminders of an interview use its time; a rejection's draft never does.
    when = None if category in UNTIMED_CATEGORIES else facts.interview_at
    return {
        "file": name,
        "category": category,
        "language": facts.language or None,
        "company": facts.company or None,
        "role": facts.role or None,
        "contact_name": contact.name if contact and contact.name else None,
        "contact_address": contact.addr if contact and contact.addr else None,
        "to": facts.to or None,
        "interview_start": when.isoformat() if when else None,
        "scheduling_link": facts.scheduling_links[0] if facts.scheduling_links else None,
        "careers_link": facts.careers_links[0] if facts.careers_links else None,
    }


def facts_of_file(path: Path, rules: RuleSet, own: frozenset[str], zone: tzinfo | None) -> dict[str, Any]:
    try:
        mail = parse_mail(path.read_bytes())
    except (OSError, MailParseError) as exc:
        return dict.fromkeys(KEYS) | {"file": str(path), "error": str(exc)}
    return facts_row(str(path), mail, rules, own, zone)


def read_truth(path: Path) -> dict[str, dict[str, str]]:
    """file name -> field -> expected value ('' where the mail does not state it)."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TruthError(f"{path}: cannot read truth: {exc}") from None
    if not rows or "file" not in rows[0]:
        raise TruthError(f"{path}:1: the first row must be a header starting with file,")
    return {row["file"].strip(): {k: (v or "").strip() for k, v in row.items() if k} for row in rows if row.get("file")}


_LEGAL = re.compile(
    r"\b(?:gmbh|ag|kg|se|inc|llc|ltd|limited|corp|corporation|co|plc|sa|sas|sarl|sl|slu|s\.?a\.?|s\.?l\.?|bv|nv)\b\.?"
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def same(key: str, expected: str, got: str) -> bool:
    """Whether *got* says what *expected* says, as a reader of the draft would judge it."""
    if key == "interview_start":
        try:
            return datetime.fromisoformat(expected) == datetime.fromisoformat(got)
        except ValueError:
            return False
    if key in ("scheduling_link", "careers_link"):
        return expected.rstrip("/").casefold() == got.rstrip("/").casefold()
    if key in ("contact_address", "to"):
        return expected.casefold() == got.casefold()
    if key == "role":  # "Chef de projet (CDI) – Nantes" is said as "Chef de projet" in a letter
        expected, got = plain_role(expected), plain_role(got)
    a, b = _fold(expected), _fold(got)
    if key == "company":
        a, b = _LEGAL.sub("", a), _LEGAL.sub("", b)
    return re.sub(r"\W+", "", a) == re.sub(r"\W+", "", b)


def partial(key: str, expected: str, got: str) -> bool:
    """A shorter or longer form of the same name ('Maplecrest Realty' for 'Maplecrest Realty
    Group', 'Class Teacher' for 'Class Teacher (KS1)'): the same first word, and every word of the
    shorter one in the longer. Counted apart from wrong: not what the truth says, not false either.
    A person's name too: 'Montserrat Puig' for 'Montserrat Puig i Ferrer', the same person as she signs."""
    if key not in ("company", "role", "contact_name"):
        return False
    a, b = (re.findall(r"\w+", _fold(v)) for v in (expected, got))
    if not a or not b or a[0] != b[0]:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return set(shorter) <= set(longer)


@dataclass
class FieldScore:
    right: int = 0
    partial: int = 0
    wrong: int = 0
    missing: int = 0
    stated: int = 0
    """Mails whose truth has a value for the field."""
    wrongs: list[tuple[str, str, str]] = field(default_factory=list)
    partials: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.right / self.stated if self.stated else 1.0


def score(rows: list[dict[str, Any]], truth: dict[str, dict[str, str]]) -> dict[str, FieldScore]:
    """Per field: right (the truth's value), partial (a shorter or longer form of it), wrong
    (another value, or a value where the truth has none), missing (null where the truth has one)."""
    table = {key: FieldScore() for key in FIELDS}
    for row in rows:
        expected = truth[Path(row["file"]).name]
        for key in FIELDS:
            want, got = expected.get(key, ""), row.get(key) or ""
            cell = table[key]
            cell.stated += bool(want)
            if not got:
                cell.missing += bool(want)
            elif want and same(key, want, got):
                cell.right += 1
            elif want and partial(key, want, got):
                cell.partial += 1
                cell.partials.append((Path(row["file"]).name, want, got))
            else:
                cell.wrong += 1
                cell.wrongs.append((Path(row["file"]).name, want, got))
    return table


def report(table: dict[str, FieldScore], mails: int, categories: Counter[str]) -> str:
    lines = [f"{mails} mails ({', '.join(f'{c} {n}' for c, n in categories.most_common())})", ""]
    lines.append(
        f"{'field':16} {'right':>6} {'partial':>8} {'wrong':>6} {'missing':>8} {'stated':>7} {'coverage':>9} {'wrong/100':>10}"
    )
    for key, cell in table.items():
        per100 = 100 * cell.wrong / mails if mails else 0.0
        lines.append(
            f"{key:16} {cell.right:6} {cell.partial:8} {cell.wrong:6} {cell.missing:8} {cell.stated:7} {cell.coverage:9.0%}"
            f" {per100:10.1f}"
        )
    lines.append("\ncoverage: right / stated. partial: a shorter or longer form of the same name.")
    for key, cell in table.items():
        if cell.wrongs:
            lines.append(f"\nwrong {key}:")
            lines += [f"  {name}: expected {want!r}, got {got!r}" for name, want, got in cell.wrongs]
    for key, cell in table.items():
        if cell.partials:
            lines.append(f"\npartial {key}:")
            lines += [f"  {name}: expected {want!r}, got {got!r}" for name, want, got in cell.partials]
    return "\n".join(lines)
