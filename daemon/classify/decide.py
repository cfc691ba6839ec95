"""Mail x rules -> Decision. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from math import fsum, inf

from followup.classify.categories import ACTIONABLE, APPLICATION_CATEGORIES
from followup.classify.phrases import Hit, normalize
from followup.classify.rules import AnchorIndex, Header, MailFields, Regex, Rule, RuleSet
from followup.mail.compose import MARKER_HEADER
from followup.mail.language import Guess, detect
from followup.model import Decision, Evidence, Mail


class MailView:
    """The fields rules look at, normalised once, and scanned once: all at once by
    possible_rules (what classify does), or each when a rule first asks (what trace does)."""

    def __init__(self, mail: Mail, rules: RuleSet, threads: Mapping[str, str] | None = None) -> None:
        self.mail = mail
        self._rules = rules
        self._threads = threads or {}
        self._texts: dict[str, str] | None = None
        self._found: dict[str, dict[str, int]] = {}
        self._keys: dict[str, set[Hashable]] = {}
        self._leaves: int | None = None
        """The bits (key_bits) of the leaves found, once possible_rules has scanned."""
        self._field_leaves: dict[str, int] = {}
        """The same, of the phrase conditions found in each scanned field alone."""
        self._regex_matching: dict[str, frozenset[int]] = {}
        self._encoded: dict[str, bytes] = {}

    def field(self, name: str) -> str:
        """A field's text (rules.FIELDS), normalised."""
        texts = self._texts
        if texts is None:
            texts = self._texts = self._normalised()
        return texts[name]

    def _normalised(self) -> dict[str, str]:
        """Every field's text at once: the scans read nearly all of them, and one call makes
        them cheaper than one call each."""
        mail = self.mail
        subject, body = normalize(mail.subject), normalize(mail.text)
        sender = mail.sender
        address = "" if sender is None else sender.addr.lower()
        return {
            "subject": subject,
            "body": body,
            "footer": normalize(mail.footer),
            "text": f"{subject}\n{body}",
            "from": address,
            "from_name": "" if sender is None else normalize(sender.name),
            "from_domain": address.rpartition("@")[2],
            "reply_to": " ".join([a.addr.lower() for a in mail.reply_to]),
        }

    def _phrases_found(self, field: str) -> dict[str, int]:
        found = self._found.get(field)
        if found is None:
            found = self._found[field] = self._rules.matchers[field].scan(self.field(field))
        return found

    def _regex_matches(self, field: str) -> frozenset[int]:
        matching = self._regex_matching.get(field)
        if matching is None:
            matching = self._regex_matching[field] = self._rules.regex_sets[field].matching(self._utf8(field))
        return matching

    def _utf8(self, field: str) -> bytes:
        data = self._encoded.get(field)
        if data is None:
            data = self._encoded[field] = self.field(field).encode("utf-8", "surrogatepass")
        return data

    def phrase_hit(self, field: str, key: Hashable) -> Hit | None:
        found = self._field_leaves.get(field)
        if found is not None:
            bit = self._rules.anchor_index.key_bits.get(key)
            if bit is not None and not found >> bit & 1:
                return None  # the scan found none of its phrases here
        return self._rules.matchers[field].first(self._phrases_found(field), key)

    def phrase_found(self, field: str, key: Hashable) -> bool:
        if self._leaves is not None:
            bit = self._rules.anchor_index.key_bits.get(key)
            if bit is not None:
                return bool(self._leaves >> bit & 1)
        keys = self._keys.get(field)
        if keys is None:
            # The conditions the phrases found stand for, gathered when a rule first asks.
            keys = self._keys[field] = set()
            keys_of = self._rules.matchers[field].keys_of
            for phrase in self._phrases_found(field):
                keys.update(keys_of[phrase])
        return key in keys

    def regex_found(self, regex: Regex) -> bool:
        regex_set = self._rules.regex_sets.get(regex.field)
        index = regex_set.index.get(regex) if regex_set else None
        if index is None:  # not in a set (a rule built by hand): search alone
            return regex.search_encoded(self._utf8(regex.field)) is not None
        return index in self._regex_matches(regex.field)

    def regex_hit(self, regex: Regex) -> tuple[str, int] | None:
        regex_set = self._rules.regex_sets.get(regex.field)
        index = regex_set.index.get(regex) if regex_set else None
        if index is not None and index not in self._regex_matches(regex.field):
            return None
        return regex.search_encoded(self._utf8(regex.field))

    def possible_rules(self, index: AnchorIndex) -> int:
        """Bitmask of the rules (by position) whose anchors were found, and those without
        anchors: a rule outside it cannot hold (rules.anchors_of). Scans every anchored field,
        as nearly every mail that falls through to 'other' needs anyway."""
        rules = self._rules
        texts = self._texts = self._texts or self._normalised()
        possible = index.always
        leaves = 0
        by_field = {}
        matchers, found_in = rules.matchers, self._found
        for field, by_phrase in index.phrases.items():
            found = 0
            phrases = found_in.get(field)  # scanned already when a rule asked first
            if phrases is None:
                phrases = found_in[field] = matchers[field].scan(texts[field])
            for phrase in phrases:
                anchored, keys = by_phrase[phrase]
                possible |= anchored
                found |= keys
            by_field[field] = found
            leaves |= found
        regex_sets, encoded, matching = rules.regex_sets, self._encoded, self._regex_matching
        for field, by_index in index.regexes.items():
            indices = matching.get(field)
            if indices is None:
                data = encoded[field] = texts[field].encode("utf-8", "surrogatepass")
                indices = matching[field] = regex_sets[field].matching(data)
            for key in indices:
                anchored, bit = by_index[key]
                possible |= anchored
                leaves |= bit
        if index is rules.anchor_index:
            headers = self.mail.headers
            for condition, bits in rules.mail_leaves:
                if isinstance(condition, Header):  # Header.holds, without its calls: most are a presence
                    value = headers.get(condition.name)
                    if condition.present is not None:
                        if (value is not None) == condition.present:
                            leaves |= bits
                    elif value is not None and condition.holds_for(value):
                        leaves |= bits
                elif condition.holds(self):
                    leaves |= bits
            self._leaves = leaves
            self._field_leaves = by_field
        return possible

    def leaves(self) -> int:
        """The bits (AnchorIndex.key_bits) of the phrase conditions and regexes the scans found."""
        if self._leaves is None:
            self.possible_rules(self._rules.anchor_index)
        assert self._leaves is not None
        return self._leaves

    def header(self, name: str) -> str | None:
        return self.mail.headers.get(name)

    def attachment_types(self) -> Iterable[str]:
        return (a.content_type for a in self.mail.attachments)

    @cached_property
    def _language(self) -> Guess:
        guess = detect(self.field("text"))
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
    through, each tested on the bits of what the scans found (RuleSet.tests)."""
    ordered = rules.rules
    return tuple([(ordered[position], None) for position in held_positions(rules, view, possible)])


def held_positions(rules: RuleSet, view: MailView, possible: int) -> list[int]:
    """weigh(), as the rules' positions in rules.rules."""
    candidates = possible & rules.evidence_mask
    unsure = candidates & rules.unsure_mask
    if unsure:  # the rules that need more than one of their anchors found: tested
        candidates ^= unsure
        leaves = view.leaves()
        tests = rules.tests
        while unsure:
            low = unsure & -unsure
            unsure ^= low
            if tests[low.bit_length() - 1].holds(leaves, view):
                candidates |= low
    found = []
    while candidates:
        low = candidates & -candidates
        candidates ^= low
        found.append(low.bit_length() - 1)
    return found


def decide(rules: RuleSet, held: Held, view: MailFields) -> tuple[Decision, list[float]]:
    """The category whose summed evidence leads; needs_review when the lead is under the margin
    and either of the two front-runners acts on its own; other when no evidence held. With the
    decision, each category's score in the order of rules.scored (none when nothing held)."""
    position_of = rules.position_of
    positions = [position_of[rule.name] for rule, _ in held]
    known = {position: found for position, (_, found) in zip(positions, held, strict=True) if found is not None}
    return decide_positions(rules, positions, view, known)


def decide_positions(
    rules: RuleSet, held: list[int], view: MailFields, known: Mapping[int, tuple[Evidence, ...]] | None = None
) -> tuple[Decision, list[float]]:
    """decide(), of the rules at these positions in rules.rules (in that order), with the
    evidence already *known* of some."""
    if not held:
        return Decision("other", None), []
    vectors = rules.vector_at
    # One pass over the categories, each summed in C: the bias and every held rule's weights.
    totals = list(map(fsum, zip(rules.start_vector, *map(vectors.__getitem__, held), strict=True)))
    scored = rules.scored
    top = max(totals)
    first = totals.index(top)
    totals[first] = -inf
    second = totals.index(max(totals))
    totals[first] = top
    winner, runner_up = scored[first], scored[second]
    margin = top - totals[second]
    if winner == "other" and margin < rules.margin and runner_up in APPLICATION_CATEGORIES:
        # 'other' is what is left when nothing else is meant: a close call with a category about
        # an application goes to that category (and then, below, to review if it acts).
        winner, runner_up, top, margin = runner_up, winner, totals[second], -margin
    # The evidence shown is that of the rule that added most to the winner (the later on a tie).
    strongest = -1
    most = 0.0
    weights = rules.weights_for(winner)
    for position in held:
        weight = weights[position]
        if weight > 0 and weight >= most:
            strongest, most = position, weight
    evidence: tuple[Evidence, ...] = ()
    name = None
    if strongest >= 0:
        rule = rules.rules[strongest]
        name = rule.name
        found = known.get(strongest) if known else None
        evidence = found if found is not None else rule.check(view) or ()
    category = winner
    if margin < rules.margin and (winner in ACTIONABLE or runner_up in ACTIONABLE):
        category = "needs_review"
    return Decision(category, name, evidence, round(top, 3), round(margin, 3)), totals


def trace(
    mail: Mail,
    rules: RuleSet,
    own_addresses: frozenset[str] = frozenset(),
    threads: Mapping[str, str] | None = None,
) -> Trace:
    """Classify the plain way, keeping every rule tried and its evidence (``followup explain``):
    each rule's conditions are checked, none is skipped on what the field scans found. This is
    what classify() must decide on its fast path (tests/test_rules.py holds it to that)."""
    view = MailView(mail, rules, threads)
    own = builtin(mail, own_addresses)
    if own is not None:
        return Trace(own, (), view)
    tried: list[tuple[Rule, tuple[Evidence, ...] | None]] = []
    for _, rule in rules.outright:
        evidence = rule.check(view)
        tried.append((rule, evidence))
        if evidence is not None:
            return Trace(Decision(rule.category, rule.name, evidence), tuple(tried), view)
    found = {
        position: evidence
        for position, rule in enumerate(rules.rules)
        if rule.weights and (evidence := rule.check(view)) is not None
    }
    decision, totals = decide_positions(rules, list(found), view, found)
    shown = tuple((rules.rules[position], evidence) for position, evidence in found.items())
    # No totals when nothing held: then no scores either.
    scores = tuple(sorted(zip(rules.scored, totals, strict=False), key=lambda item: -item[1]))
    if decision.category == "other":
        for _, rule in rules.floors:
            evidence = rule.check(view)
            tried.append((rule, evidence))
            if evidence is not None:
                return Trace(
                    Decision(rule.category, rule.name, evidence), tuple(tried), view, shown, scores, rules.margin
                )
    return Trace(decision, tuple(tried), view, shown, scores, rules.margin)


def floor(rules: RuleSet, view: MailView, possible: int) -> Decision | None:
    """The first floor rule that holds: what a mail the evidence left as 'other' is."""
    for position, rule in rules.floors:
        if possible >> position & 1 and rules.tests[position].holds(view.leaves(), view):
            return Decision(rule.category, rule.name, rule.check(view) or ())
    return None


def classify(
    mail: Mail,
    rules: RuleSet,
    own_addresses: frozenset[str] = frozenset(),
    threads: Mapping[str, str] | None = None,
) -> Decision:
    """Rules without weights decide first, by priority (automated mail, threads, a user's own
    rules); otherwise the weighted evidence of every rule that holds is summed per category
    (followup.classify.decide.decide).

    *threads* maps Message-IDs followup has seen (and drafts it wrote) to their category,
    for rules with a ``thread`` condition."""
    own = builtin(mail, own_addresses)
    if own is not None:
        return own
    view = MailView(mail, rules, threads)
    possible = view.possible_rules(rules.anchor_index)
    if possible & rules.outright_mask:
        leaves = view.leaves()
        tests = rules.tests
        for position, rule in rules.outright:
            if possible >> position & 1 and tests[position].holds(leaves, view):
                return Decision(rule.category, rule.name, rule.check(view) or ())
    decision = decide_positions(rules, held_positions(rules, view, possible), view)[0]
    return (floor(rules, view, possible) or decision) if decision.category == "other" else decision
