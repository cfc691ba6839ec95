"""Score the rules on a labelled corpus: `followup rules test DIR --labels FILE.csv`.

A directory of .eml files and a CSV (columns file,label) in; a confusion matrix, precision
and recall per category, and each misclassified file with the rule that fired, out. Pure
apart from reading the files.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from followup.classify.categories import ACTIONABLE as ACTIONABLE  # re-exported: `rules test` scores these first
from followup.classify.decide import classify
from followup.classify.rules import RuleSet
from followup.errors import FollowupError, MailParseError
from followup.mail.parse import parse_mail
from followup.model import Decision, Mail


class LabelsError(FollowupError):
    """The labels file cannot be used."""


def read_labels(path: Path) -> dict[str, str]:
    """file name -> expected category, from a CSV with a header row: file,label."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelsError(f"{path}: cannot read labels: {exc}") from None
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["file", "label"]:
        raise LabelsError(f"{path}:1: the first row must be the header: file,label")
    labels: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise LabelsError(f"{path}:{number}: expected two columns, file and label")
        labels[row[0].strip()] = row[1].strip()
    return labels


@dataclass(frozen=True)
class Result:
    file: str
    expected: str
    decision: Decision | None
    error: str = ""

    @property
    def predicted(self) -> str:
        return self.decision.category if self.decision else "unparseable"


def classify_directory(
    directory: Path, labels: dict[str, str], rules: RuleSet, own_addresses: frozenset[str] = frozenset()
) -> list[Result]:
    """Classify every labelled file. Threads are resolved within the corpus, as the daemon
    resolves them from its ledger: first every message alone, then with what the others were."""
    mails: dict[str, Mail] = {}
    results: dict[str, Result] = {}
    for name, label in labels.items():
        try:
            mails[name] = parse_mail((directory / name).read_bytes())
        except (OSError, MailParseError) as exc:
            results[name] = Result(name, label, None, str(exc))
    threads = {
        mail.message_id: classify(mail, rules, own_addresses).category for mail in mails.values() if mail.message_id
    }
    for name, mail in mails.items():
        results[name] = Result(name, labels[name], classify(mail, rules, own_addresses, threads))
    return [results[name] for name in labels]


@dataclass(frozen=True)
class Score:
    category: str
    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.actual if self.actual else 1.0


def scores(results: Iterable[Result]) -> dict[str, Score]:
    results = list(results)
    categories = sorted({r.expected for r in results} | {r.predicted for r in results})
    hits = Counter(r.expected for r in results if r.expected == r.predicted)
    predicted = Counter(r.predicted for r in results)
    actual = Counter(r.expected for r in results)
    return {c: Score(c, hits[c], predicted[c], actual[c]) for c in categories}


def report(results: list[Result], rules: RuleSet) -> str:
    """The confusion matrix, per-category precision and recall, and the misclassified files."""
    table = scores(results)
    categories = list(table)
    short = {c: c[:6] for c in categories}
    matrix = Counter((r.expected, r.predicted) for r in results)
    width = max(len(c) for c in categories)
    lines = [f"{len(results)} files, {sum(r.expected == r.predicted for r in results)} correct", ""]
    lines.append("confusion matrix (rows: label, columns: predicted)")
    lines.append(" " * (width + 2) + " ".join(f"{short[c]:>6}" for c in categories))
    for expected in categories:
        if table[expected].actual:
            cells = " ".join(f"{matrix[(expected, p)] or '.':>6}" for p in categories)
            lines.append(f"{expected:<{width}}  {cells}")
    lines += ["", f"{'category':<{width}}  precision  recall  (predicted / labelled)"]
    for category in categories:
        score = table[category]
        mark = "  *" if category in ACTIONABLE else ""
        lines.append(
            f"{category:<{width}}  {score.precision:9.3f}  {score.recall:6.3f}  ({score.predicted} / {score.actual}){mark}"
        )
    lines.append("(* acts on its own: drafts and reminders)")
    wrong = [r for r in results if r.expected != r.predicted]
    if wrong:
        lines += ["", "misclassified:"]
        by_name = {rule.name: rule for rule in rules.rules}
        for result in wrong:
            if result.decision is None:
                lines.append(f"  {result.file}: {result.expected} -> unparseable: {result.error}")
                continue
            rule = by_name.get(result.decision.rule or "")
            where = f" ({rule.path}:{rule.line})" if rule else ""
            evidence = "; ".join(str(e) for e in result.decision.evidence[:2])
            lines.append(
                f"  {result.file}: {result.expected} -> {result.predicted} by {result.decision.rule}{where}"
                + (f": {evidence}" if evidence else "")
            )
    return "\n".join(lines)
