"""How long classifying one parsed message takes with every shipped rule pack (issue 3: <= 100 us median).

    python bench/classify.py [--rounds N]      (or: make bench-classify)

Times followup.classify.decide.classify on each mail of the labelled corpus (already parsed: parsing is
the message stage's cost, reported apart), and, in the same run, the obvious implementation
it replaces: one regular expression per phrase condition, every rule checked (issue 21: the
rules that decide outright first, then every weighted rule, summed). Prints the
figures and writes them into bench/RESULTS.md between the classify markers.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import sys
import time
from collections.abc import Hashable
from pathlib import Path
from typing import ClassVar

from followup.classify.decide import MailView, classify, decide
from followup.classify.phrases import Hit, normalize
from followup.classify.rules import Phrases, Regex, RuleSet
from followup.mail.parse import parse_mail
from followup.resources import load_rule_set
from results import write_section  # bench/results.py (this script's directory is on the path)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


class OneRegexPerCondition(MailView):
    """The baseline: each condition searched on its own (a compiled alternation per phrase list,
    each regex alone), rule by rule."""

    patterns: ClassVar[dict[Hashable, re.Pattern[str]]] = {}

    def phrase_hit(self, field: str, key: Hashable) -> Hit | None:
        assert isinstance(key, Phrases)
        pattern = self.patterns.get(key)
        if pattern is None:
            body = "|".join(sorted((re.escape(normalize(p)) for p in key.phrases), key=len, reverse=True))
            pattern = self.patterns[key] = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        match = pattern.search(self.field(field))
        return None if match is None else Hit(match.group(), match.start())

    def regex_hit(self, regex: Regex) -> tuple[str, int] | None:
        return regex.search(self.field(regex.field))


def classify_baseline(mail, rules: RuleSet):  # type: ignore[no-untyped-def]
    """The same decision (outright rules first, then the weighed sum), every condition searched."""
    view = OneRegexPerCondition(mail, rules)
    for _, rule in rules.outright:
        if rule.check(view) is not None:
            return rule.category
    held = tuple((rule, found) for rule in rules.rules if rule.weights and (found := rule.check(view)) is not None)
    return decide(rules, held, view)[0].category


def timings(func, items, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter_ns()
            func(item)
            samples.append((time.perf_counter_ns() - start) / 1000)
    return samples


def summary(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95)], ordered[int(len(ordered) * 0.99)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    rules = load_rule_set(None)
    raws = [path.read_bytes() for path in sorted(CORPUS.glob("*.eml"))]
    mails = [parse_mail(raw) for raw in raws]
    for mail in mails:  # warm up: compile the baseline's patterns, fill caches
        classify(mail, rules)
        classify_baseline(mail, rules)
    phrases = sum(m.size for m in rules.matchers.values())

    ours = summary(timings(lambda m: classify(m, rules), mails, args.rounds))
    baseline = summary(timings(lambda m: classify_baseline(m, rules), mails, args.rounds))
    parsing = summary(timings(parse_mail, raws, max(1, args.rounds // 4)))
    body_chars = statistics.median(len(m.text) for m in mails)

    rows = [
        ("classify (one pass per field)", ours),
        ("classify, each condition searched alone (baseline)", baseline),
        ("parse_mail (for reference: the stage before)", parsing),
    ]
    table = [
        "| what | median µs | p95 µs | p99 µs |",
        "|---|---:|---:|---:|",
        *[f"| {name} | {m:.1f} | {p95:.1f} | {p99:.1f} |" for name, (m, p95, p99) in rows],
    ]
    text = "\n".join(
        [
            "## Classification (issue 3: ≤ 100 µs median per parsed message)",
            "",
            f"Command: `make bench-classify` (`python bench/classify.py --rounds {args.rounds}`). "
            f"{len(mails)} corpus mails × {args.rounds} rounds; {len(rules.rules)} rules, {phrases} distinct phrases "
            f"across fields; median body {body_chars:.0f} characters.",
            f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.platform()}.",
            "",
            *table,
            "",
            f"Target met: {'yes' if ours[0] <= 100 else 'NO'} (median {ours[0]:.1f} µs). "
            f"Matching each field once (an Aho-Corasick automaton for phrases, an RE2 set for regexes) is "
            f"{baseline[0] / ours[0]:.1f}× faster than searching each condition alone (same rules, mails and run).",
        ]
    )
    print(text)
    write_section("classify", text)
    return 0 if ours[0] <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
