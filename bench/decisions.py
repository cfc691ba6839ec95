"""Every decision on every labelled mail, as JSON lines: to check that a change to the
classifier's runtime changes no decision.

    python bench/decisions.py > /tmp/before.jsonl      (on the old revision)
    python bench/decisions.py > /tmp/after.jsonl       (on the new one)
    python bench/decisions.py --compare /tmp/before.jsonl

Classifies each mail of tests/corpus (every folder under it: the team's corpus, wild/*,
blind/*) with the shipped rules, twice: classify() (what the daemon runs) and trace()
(what `followup explain` shows: every rule tried, every weighted rule held with its
evidence, the scores). Writes category, rule, score, margin and evidence of both.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from followup.classify.decide import classify, trace
from followup.mail.parse import parse_mail
from followup.resources import load_rule_set

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"


def _evidence(evidence: Any) -> list[Any] | None:
    return None if evidence is None else [list(e) if isinstance(e, tuple) else repr(e) for e in evidence]


def records() -> list[dict[str, Any]]:
    rules = load_rule_set(None)
    found = []
    for path in sorted(CORPUS.rglob("*.eml")):
        mail = parse_mail(path.read_bytes())
        decision = classify(mail, rules)
        traced = trace(mail, rules)
        found.append(
            {
                "mail": str(path.relative_to(CORPUS)),
                "decision": [decision.category, decision.rule, decision.score, decision.margin],
                "evidence": _evidence(decision.evidence),
                "trace": [
                    traced.decision.category,
                    traced.decision.rule,
                    traced.decision.score,
                    traced.decision.margin,
                ],
                "trace_evidence": _evidence(traced.decision.evidence),
                "tried": [[rule.name, _evidence(found)] for rule, found in traced.tried],
                "held": [[rule.name, _evidence(found)] for rule, found in traced.held],
                "scores": [[category, round(score, 9)] for category, score in traced.scores],
                "language": repr(traced.view.language()),
            }
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", type=Path, help="JSON lines written before: print the differences")
    args = parser.parse_args()
    now = records()
    if args.compare is None:
        for record in now:
            print(json.dumps(record, ensure_ascii=False))
        return 0
    before = {(r := json.loads(line))["mail"]: r for line in args.compare.read_text().splitlines()}
    differences = 0
    for record in now:
        old = before.pop(record["mail"], None)
        if old != record:
            differences += 1
            print(json.dumps({"before": old, "after": record}, ensure_ascii=False))
    differences += len(before)
    for mail in before:
        print(json.dumps({"missing now": mail}))
    print(f"{len(now)} mails, {differences} differences", file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
