"""followup.cli.explain: `followup explain FILE` as text; what it says, not how it is laid out."""

from __future__ import annotations

import pytest
from followup.act.extract import extract
from followup.classify.decide import trace
from followup.cli.demo import DEMO_MAIL
from followup.cli.explain import explain
from followup.mail.parse import parse_mail
from followup.resources import load_rule_set

from tests.conftest import SHIPPED_PLATFORMS


@pytest.fixture(scope="module")
def explained() -> dict[str, str]:
    rules = load_rule_set(None)
    shown = {}
    for path in sorted(DEMO_MAIL.glob("*.eml")):
        mail = parse_mail(path.read_bytes())
        shown[path.name] = explain(
            path.name, mail, trace(mail, rules, frozenset()), extract(mail, platforms=SHIPPED_PLATFORMS)
        )
    return shown


def test_every_explanation_names_the_mail_the_decision_and_the_facts(explained: dict[str, str]) -> None:
    for name, text in explained.items():
        lines = text.splitlines()
        assert lines[0] == name
        assert any(line.startswith("  subject:") for line in lines)
        assert any(line.startswith("  language:") for line in lines)
        assert any(line.startswith("  decision:") for line in lines), text
        assert "  extracted (a draft uses a fact only when marked used):" in lines
        assert any(line.startswith("    contact:") for line in lines)


def test_a_decision_by_a_rule_shows_where_the_rule_is(explained: dict[str, str]) -> None:
    by_rule = [t for t in explained.values() if " by rule " in t]
    assert by_rule, "the demo's out-of-office is decided by a rule outright"
    for text in by_rule:
        decision = next(line for line in text.splitlines() if line.startswith("  decision:"))
        assert ".toml:" in decision


def test_weighed_decisions_list_their_evidence_and_scores(explained: dict[str, str]) -> None:
    weighed = [t for t in explained.values() if "by weighed evidence" in t]
    assert weighed
    for text in weighed:
        assert "  scores (bias + weights of the rules that held):" in text


def test_the_situation_the_draft_answers_is_shown() -> None:
    raw = (
        b"From: Dana Whitfield <dana@larkspur.example>\r\nTo: sam@example.org\r\nSubject: Your application\r\n"
        b"Message-ID: <x@larkspur.example>\r\n\r\nDear Sam,\r\n\r\nthank you for meeting with us last week. We have"
        b" decided to move forward with other candidates.\r\nWe are unable to provide individual feedback.\r\n\r\n"
        b"Best regards,\r\nDana Whitfield\r\n"
    )
    mail = parse_mail(raw)
    text = explain(
        "x.eml", mail, trace(mail, load_rule_set(None), frozenset()), extract(mail, platforms=SHIPPED_PLATFORMS)
    )
    situation = next(line for line in text.splitlines() if line.startswith("    situation:"))
    assert "interviewed" in situation and "no feedback possible" in situation
