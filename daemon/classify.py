"""Mail x rules -> Decision. Pure: no I/O, no clock."""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from followup.categories import ACTIONABLE, APPLICATION_CATEGORIES
from followup.compose import MARKER_HEADER
from followup.language import Guess, detect
from followup.model import Decision, Evidence, Mail
from followup.phrases import Hit, normalize
from followup.rules import AnchorIndex, MailFields, Regex, Rule, RuleSet

EVIDENCE_SHOWN = 1
"""A weighed decision keeps the evidence of the rule that added most to the winner (explain shows
every rule that held): looking evidence up again costs a regex search per rule."""


class MailView:
    """The fields rules look at, normalised and scanned once, and only when a rule asks."""

    def __init__(self, mail: Mail, rules: RuleSet, threads: Mapping[str, str] | None = None) -> None:
        self.mail = mail
        self._matchers = rules.matchers
        self._threads = threads or {}
        self._hits: dict[str, dict[Hashable, Hit]] = {}
        self._regex_sets = rules.regex_sets
        self._regex_matching: dict[str, frozenset[int]] = {}

    @cached_property
    def _fields(self) -> dict[str, str]:
        mail = self.mail
        sender = mail.sender
        subject = normalize(mail.subject)
        body = normalize(mail.text)
        return {
            "subject": subject,
            "body": body,
            "footer": normalize(mail.footer),
            "text": f"{subject}\n{body}",
            "from": sender.addr.lower() if sender else "",
            "from_name": normalize(sender.name) if sender else "",
            "from_domain": sender.addr.rpartition("@")[2].lower() if sender else "",
            "reply_to": " ".join(a.addr.lower() for a in self.mail.reply_to),
        }

    def field(self, name: str) -> str:
        return self._fields[name]

    def _phrase_hits(self, field: str) -> dict[Hashable, Hit]:
        hits = self._hits.get(field)
        if hits is None:
            hits = self._hits[field] = self._matchers[field].find(self._fields[field])
        return hits

    def _regex_matches(self, field: str) -> frozenset[int]:
        matching = self._regex_matching.get(field)
        if matching is None:
            matching = self._regex_matching[field] = self._regex_sets[field].matching(self._fields[field])
        return matching

    def phrase_hit(self, field: str, key: Hashable) -> Hit | None:
        return self._phrase_hits(field).get(key)

    def regex_hit(self, regex: Regex) -> tuple[str, int] | None:
        regex_set = self._regex_sets.get(regex.field)
        index = regex_set.index.get(regex) if regex_set else None
        if index is None:  # not in a set (a rule built by hand): search alone
            return regex.search(self._fields[regex.field])
        return regex.search(self._fields[regex.field]) if index in self._regex_matches(regex.field) else None

    def possible_rules(self, index: AnchorIndex) -> int:
        """Bitmask of the rules (by position) whose anchors were found, and those without
        anchors: a rule outside it cannot hold (rules.anchors_of). Scans every anchored field,
        as nearly every mail that falls through to 'other' needs anyway."""
        possible = index.always
        for (field, regex), masks in index.by_field.items():
            for key in self._regex_matches(field) if regex else self._phrase_hits(field):
                possible |= masks.get(key, 0)
        return possible

    def header(self, name: str) -> str | None:
        return self.mail.headers.get(name)

    def attachment_types(self) -> Iterable[str]:
        return (a.content_type for a in self.mail.attachments)

    @cached_property
    def _language(self) -> Guess:
        guess = detect(self._fields["text"])
        if guess.language:
            return guess
        declared = self.mail.headers.get("content-language", "")[:2].lower()
        return Guess(declared, 0) if declared.isalpha() else guess

    def language(self) -> Guess:
        return self._language

    def thread(self) -> Iterable[tuple[str, str]]:
        for message_id in self.mail.references:
            category = self._threads.get(message_id)
            if category is not None:
                yield message_id, category


def builtin(mail: Mail, own_addresses: frozenset[str]) -> Decision | None:
    """followup's own mail (its marker header, the user's addresses): decided before any rule."""
    if MARKER_HEADER in mail.headers:
        return Decision(
            "own_message",
            "builtin:marker-header",
            (Evidence("header x-followup", "present", mail.headers[MARKER_HEADER]),),
        )
    if mail.sender and mail.sender.addr.lower() in own_addresses:
        return Decision("own_message", "builtin:own-address", (Evidence("from", "own address", mail.sender.addr),))
    return None


@dataclass(frozen=True)
class Trace:
    """How the decision came about, for ``followup explain``: the rules that decide outright
    tried in order, and every weighted rule that held with what it added to each category."""

    decision: Decision
    tried: tuple[tuple[Rule, tuple[Evidence, ...] | None], ...]
    view: MailView
    held: tuple[tuple[Rule, tuple[Evidence, ...]], ...] = ()
    """The weighted rules that held, with their evidence."""
    scores: tuple[tuple[str, float], ...] = ()
    """Each category's summed score (bias and weights), highest first."""
    rules_margin: float = 0.0
    """The lead the winner needed (RuleSet.margin)."""


Held = tuple[tuple[Rule, tuple[Evidence, ...] | None], ...]
"""The weighted rules that held, each with its evidence (None: not looked up yet, for a rule
that is a single phrase list or regex, whose scan hit says it held)."""


def weigh(rules: RuleSet, view: MailView, possible: int) -> Held:
    """The weighted rules that hold, highest priority first: only those the field scans let
    through, and of those only the ones with more than one condition are checked."""
    held: list[tuple[Rule, tuple[Evidence, ...] | None]] = []
    candidates = possible & rules.evidence_mask
    sure = rules.sure_mask
    ordered = rules.rules
    while candidates:
        low = candidates & -candidates
        candidates ^= low
        rule = ordered[low.bit_length() - 1]
        if low & sure:
            held.append((rule, None))
        else:
            evidence = rule.check(view)
            if evidence is not None:
                held.append((rule, evidence))
    return tuple(held)


def decide(rules: RuleSet, held: Held, view: MailFields) -> tuple[Decision, dict[str, float]]:
    """The category whose summed evidence leads; needs_review when the lead is under the margin
    and either of the two front-runners acts on its own; other when no evidence held."""
    if not held:
        return Decision("other", None), {}
    totals = rules.start.copy()
    for rule, _ in held:
        for category, weight in rule.weights:
            totals[category] += weight
    winner = max(totals, key=totals.__getitem__)
    top = totals.pop(winner)
    runner_up = max(totals, key=totals.__getitem__)
    margin = top - totals[runner_up]
    totals[winner] = top
    if winner == "other" and margin < rules.margin and runner_up in APPLICATION_CATEGORIES:
        # 'other' is what is left when nothing else is meant: a close call with a category about
        # an application goes to that category (and then, below, to review if it acts).
        winner, runner_up, top, margin = runner_up, winner, totals[runner_up], -margin
    votes = heapq.nlargest(
        EVIDENCE_SHOWN,
        ((weight, index) for index, (rule, _) in enumerate(held) if (weight := rule.weight_of.get(winner, 0.0)) > 0),
    )
    evidence: tuple[Evidence, ...] = ()
    for _, index in votes:
        rule, found = held[index]
        evidence += found if found is not None else rule.check(view) or ()
    category = winner
    if margin < rules.margin and (winner in ACTIONABLE or runner_up in ACTIONABLE):
        category = "needs_review"
    strongest = held[votes[0][1]][0].name if votes else None
    return Decision(category, strongest, evidence, round(top, 3), round(margin, 3)), totals


def trace(
    mail: Mail,
    rules: RuleSet,
    own_addresses: frozenset[str] = frozenset(),
    threads: Mapping[str, str] | None = None,
) -> Trace:
    """Classify, keeping every rule tried and its evidence (``followup explain``)."""
    view = MailView(mail, rules, threads)
    own = builtin(mail, own_addresses)
    if own is not None:
        return Trace(own, (), view)
    tried: list[tuple[Rule, tuple[Evidence, ...] | None]] = []
    possible = view.possible_rules(rules.anchor_index)
    for position, rule in rules.outright:
        evidence = rule.check(view) if possible >> position & 1 else None
        tried.append((rule, evidence))
        if evidence is not None:
            return Trace(Decision(rule.category, rule.name, evidence), tuple(tried), view)
    held = weigh(rules, view, possible)
    decision, totals = decide(rules, held, view)
    shown = tuple((rule, found if found is not None else rule.check(view) or ()) for rule, found in held)
    scores = tuple(sorted(totals.items(), key=lambda item: -item[1]))
    if decision.category == "other":
        for position, rule in rules.floors:
            evidence = rule.check(view) if possible >> position & 1 else None
            tried.append((rule, evidence))
            if evidence is not None:
                return Trace(
                    Decision(rule.category, rule.name, evidence), tuple(tried), view, shown, scores, rules.margin
                )
    return Trace(decision, tuple(tried), view, shown, scores, rules.margin)


def floor(rules: RuleSet, view: MailView, possible: int) -> Decision | None:
    """The first floor rule that holds: what a mail the evidence left as 'other' is."""
    for position, rule in rules.floors:
        if possible >> position & 1:
            evidence = rule.check(view)
            if evidence is not None:
                return Decision(rule.category, rule.name, evidence)
    return None


def classify(
    mail: Mail,
    rules: RuleSet,
    own_addresses: frozenset[str] = frozenset(),
    threads: Mapping[str, str] | None = None,
) -> Decision:
    """Rules without weights decide first, by priority (automated mail, threads, a user's own
    rules); otherwise the weighted evidence of every rule that holds is summed per category
    (followup.classify.decide).

    *threads* maps Message-IDs followup has seen (and drafts it wrote) to their category,
    for rules with a ``thread`` condition."""
    own = builtin(mail, own_addresses)
    if own is not None:
        return own
    view = MailView(mail, rules, threads)
    possible = view.possible_rules(rules.anchor_index)
    for position, rule in rules.outright:
        if possible >> position & 1:
            evidence = rule.check(view)
            if evidence is not None:
                return Decision(rule.category, rule.name, evidence)
    decision = decide(rules, weigh(rules, view, possible), view)[0]
    return (floor(rules, view, possible) or decision) if decision.category == "other" else decision
