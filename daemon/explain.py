"""`followup explain FILE`: the rules tried, the one that decided, the exact phrases and where
they matched (with the text around them), and what was extracted. Pure formatting."""

from __future__ import annotations

from followup.classify import Trace
from followup.extract import Facts
from followup.model import Evidence, Mail

CONTEXT = 40


def _context(trace: Trace, evidence: Evidence) -> str:
    if evidence.at < 0 or evidence.field not in ("subject", "body", "footer", "text", "from_name"):
        return ""
    text = trace.view.field(evidence.field)
    start, end = evidence.at, evidence.at + len(evidence.matched)
    before = text[max(0, start - CONTEXT) : start].replace("\n", " ")
    after = text[end : end + CONTEXT].replace("\n", " ")
    return f"      …{before}[{text[start:end]}]{after}…"


def explain(name: str, mail: Mail, trace: Trace, facts: Facts) -> str:
    decision = trace.decision
    guess = trace.view.language()
    lines = [
        name,
        f"  subject:  {mail.subject}",
        f"  from:     {mail.sender}",
        f"  language: {guess.language or 'undetermined'} ({guess.score} function words)",
    ]
    if mail.html_only:
        lines.append("  body:     HTML only (turned into text)")
    decided_by = next((rule for rule, evidence in trace.tried if evidence is not None), None)
    where = f" ({decided_by.path}:{decided_by.line})" if decided_by else ""
    if decision.rule is None:
        lines.append("  decision: other (no rule matched)")
    else:
        lines.append(f"  decision: {decision.category} by rule {decision.rule!r}{where}")
    for evidence in decision.evidence:
        lines.append(f"    - {evidence}")
        context = _context(trace, evidence)
        if context:
            lines.append(context)
    if trace.tried:
        lines.append(f"  rules tried, highest priority first ({len(trace.tried)}):")
        for rule, found in trace.tried:
            verdict = "MATCH" if found is not None else "-"
            lines.append(f"    {rule.priority:5}  {rule.name:40} {rule.category:22} {verdict}")
    lines.append("  extracted (a draft uses a fact only when marked used):")
    lines.append(f"    contact:   {facts.contact or '(none: no address in the mail takes replies)'}")
    lines.append(f"    to:        {facts.to or '(empty: the draft says whom to address)'}")
    lines.append(f"    company:   {facts.company or '-'}")
    lines.append(f"    role:      {facts.role or '-'}")
    if facts.ats:
        lines.append(f"    sent by:   {facts.ats}")
    when = f"{facts.interview_at.isoformat()} (from {facts.interview_source})" if facts.interview_at else "-"
    lines.append(f"    interview: {when}")
    for link in facts.scheduling_links:
        lines.append(f"    scheduling link: {link}")
    for link in facts.careers_links:
        lines.append(f"    careers link:    {link}")
    situation = facts.situation
    said = [n for n, v in (("interviewed", situation.interviewed), ("self-scheduling", situation.self_schedule),
                           ("one-way interview", situation.one_way)) if v]  # fmt: skip
    if said or situation.slots:
        lines.append(
            f"    situation: {', '.join(said) or '-'}{'; slots: ' + ' / '.join(situation.slots) if situation.slots else ''}"
        )
    if facts.evidence:
        lines.append("  facts, with source and confidence:")
        lines += [f"    - {fact}" for fact in facts.evidence]
    return "\n".join(lines)
