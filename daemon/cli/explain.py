"""`followup explain FILE`: the rules tried, the one that decided, the exact phrases and where
they matched (with the text around them), and what was extracted. Pure formatting."""

from __future__ import annotations

from followup.act.extract import Facts
from followup.classify.decide import Trace
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
    # (weighed decisions are shown with every piece of evidence and its weight below)
    where = f" ({decided_by.path}:{decided_by.line})" if decided_by else ""
    if decided_by is not None:
        how = "a floor: the evidence said other" if decided_by.floor else "decides outright"
        lines.append(f"  decision: {decision.category} by rule {decision.rule!r}{where} ({how})")
    elif decision.margin is not None and decision.margin < 0:
        lines.append(
            f"  decision: {decision.category} by weighed evidence: score {decision.score:.2f}, "
            f"{-decision.margin:.2f} behind 'other', within the margin ({trace.rules_margin:.2f}): "
            "a close call between 'other' and a category about an application goes to the latter"
        )
    elif decision.margin is not None:
        lines.append(
            f"  decision: {decision.category} by weighed evidence: score {decision.score:.2f}, "
            f"lead {decision.margin:.2f} over the runner-up (needed: {trace.rules_margin:.2f} when either acts)"
        )
    else:
        lines.append("  decision: other (no rule matched)")
    if decided_by is not None:
        for evidence in decision.evidence:
            lines.append(f"    - {evidence}")
            context = _context(trace, evidence)
            if context:
                lines.append(context)
    if trace.scores:
        lines.append("  scores (bias + weights of the rules that held):")
        lines += [f"    {category:22} {score:7.2f}" for category, score in trace.scores[:4]]
    if trace.held:
        front = [category for category, _ in trace.scores[:2]]
        lines.append(f"  evidence ({len(trace.held)} rules held; weights for {' / '.join(front)}):")
        for rule, held in sorted(trace.held, key=lambda item: -abs(dict(item[0].weights).get(front[0], 0.0))):
            weights = dict(rule.weights)
            shown = " / ".join(f"{weights.get(category, 0.0):+.2f}" for category in front)
            lines.append(
                f"    {shown:>14}  {rule.name} ({rule.path}:{rule.line})"
                if rule.line
                else f"    {shown:>14}  {rule.name}"
            )
            for evidence in held[:2]:
                lines.append(f"                    {evidence}")
                context = _context(trace, evidence)
                if context:
                    lines.append("              " + context.strip())
    if trace.tried:
        lines.append(
            f"  rules that decide on their own, tried ({len(trace.tried)}; outright first, floors if the evidence said other):"
        )
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
    flags = (
        ("interviewed", situation.interviewed),
        ("no interview", situation.no_interview),
        ("self-scheduling", situation.self_schedule),
        ("booked", situation.booked),
        ("time fixed", situation.fixed),
        ("one-way interview", situation.one_way),
        ("agency for a client", situation.agency),
        ("feedback given", situation.feedback),
        ("no feedback possible", situation.no_feedback),
    )
    said = [name for name, value in flags if value]
    if said or situation.slots:
        lines.append(
            f"    situation: {', '.join(said) or '-'}{'; slots: ' + ' / '.join(situation.slots) if situation.slots else ''}"
        )
    if facts.evidence:
        lines.append("  facts, with source and confidence:")
        lines += [f"    - {fact}" for fact in facts.evidence]
    return "\n".join(lines)
