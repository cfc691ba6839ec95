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
        self._present: dict[str, list[int]] = {}
        """The numbers of the phrases found in each field possible_rules scanned (PhraseMatcher.present)."""
        self._keys: dict[str, set[Hashable]] = {}
        self._leaves: int | None = None
        """The bits (key_bits) of the leaves found, once possible_rules has scanned."""
        self._regex_found: dict[str, list[int]] = {}
        """The numbers (RegexSet.index) of the regexes found in each field matched."""
        self._encoded: dict[str, bytes] = {}

    def field(self, name: str) -> str:
        """A field's text (rules.FIELDS), normalised."""
        texts = self._texts
        if texts is None:
            texts = self._texts = self._normalised()
        text = texts.get(name)
        if text is None:  # a field no scan reads
            mail = self.mail
            if name == "from_name":
                text = "" if mail.sender is None else normalize(mail.sender.name)
            elif name == "reply_to":
                text = " ".join([a.addr.lower() for a in mail.reply_to])
            else:
                raise KeyError(name)
            texts[name] = text
        return text

    def _normalised(self) -> dict[str, str]:
        """The text of every field the scans read, at once: one call makes them cheaper than
        one call each. The others (from_name, reply_to) when first asked (field)."""
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
            "from_domain": address.rpartition("@")[2],
        }

    def _phrases_found(self, field: str) -> dict[str, int]:
        found = self._found.get(field)
        if found is None:
            found = self._found[field] = self._rules.matchers[field].scan(self.field(field))
        return found

    def _regexes_found(self, field: str) -> list[int]:
        found = self._regex_found.get(field)
        if found is None:
            data = self._utf8(field)
            found = self._regex_found[field] = []
            for match, numbers in self._rules.regex_sets[field].parts:
                found += [numbers[number] for number in match(data)]
        return found

    def _utf8(self, field: str) -> bytes:
        data = self._encoded.get(field)
        if data is None:
            data = self._encoded[field] = self.field(field).encode("utf-8", "surrogatepass")
        return data

    def phrase_hit(self, field: str, key: Hashable) -> Hit | None:
        matcher = self._rules.matchers[field]
        present = self._present.get(field)
        if present is not None:  # scanned by possible_rules: only the phrases found are looked for
            return matcher.first_of(self.field(field), present, key)
        return matcher.first(self._phrases_found(field), key)

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
        if self._leaves is not None:
            bit = self._rules.anchor_index.key_bits.get(regex)
            if bit is not None:
                return bool(self._leaves >> bit & 1)
        regex_set = self._rules.regex_sets.get(regex.field)
        index = regex_set.index.get(regex) if regex_set else None
        if index is None:  # not in a set (a rule built by hand): search alone
            return regex.search_encoded(self._utf8(regex.field)) is not None
        return index in self._regexes_found(regex.field)

    def regex_hit(self, regex: Regex) -> tuple[str, int] | None:
        if not self.regex_found(regex):
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
        matchers, present_in = rules.matchers, self._present
        for field, by_number in index.phrases.items():
            present = present_in.get(field)
            if present is None:
                scanned = self._found.get(field)  # scanned already when a rule asked first
                matcher = matchers[field]
                if scanned is None:
                    present = matcher.present(texts[field])
                else:
                    present = [matcher.number[phrase] for phrase in scanned]
                present_in[field] = present
            for number in present:
                anchored, keys = by_number[number]
                possible |= anchored
                leaves |= keys
        regex_sets, encoded, found_in = rules.regex_sets, self._encoded, self._regex_found
        for field, by_index in index.regexes.items():
            numbers = found_in.get(field)
            if numbers is None:  # _regexes_found, written out
                data = encoded[field] = texts[field].encode("utf-8", "surrogatepass")
                numbers = found_in[field] = []
                for match, of in regex_sets[field].parts:
                    for number in match(data):
                        number = of[number]
                        numbers.append(number)
                        anchored, bit = by_index[number]
                        possible |= anchored
                        leaves |= bit
                continue
            for number in numbers:
                anchored, bit = by_index[number]
                possible |= anchored
                leaves |= bit
        if index is rules.anchor_index:
            headers = self.mail.headers
            wanted, asked = rules.mail_leaf_kinds
            for name, bits in wanted:  # Header.holds of present = true, without its calls
                if name in headers:
                    leaves |= bits
            for condition, bits in asked:
                if isinstance(condition, Header):
                    value = headers.get(condition.name)
                    if condition.present is False if value is None else condition.holds_for(value):
                        leaves |= bits
                elif condition.holds(self):
                    leaves |= bits
            self._leaves = leaves
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
    """weigh(), as the rules' positions in rules.rules (in that order)."""
    candidates = possible & rules.evidence_mask
    if not candidates:
        return []
    leaves = view.leaves()
    kinds = rules.test_kinds
    found = []
    while candidates:
        low = candidates & -candidates
        candidates ^= low
        position = low.bit_length() - 1
        kind = kinds[position]
        if kind is not None:  # a sure rule holds when let through
            if isinstance(kind, tuple):  # leaves alone: Test.holds, written out
                required, forbidden = kind
                if leaves & required != required or leaves & forbidden:
                    continue
            elif not kind.holds(leaves, view):
                continue
        found.append(position)
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
    weights = rules.weights_of[winner]
    for position in held:
        weight = weights[position]
        if weight > 0 and weight >= most:
            strongest, most = position, weight
    category = winner
    if margin < rules.margin and (winner in ACTIONABLE or runner_up in ACTIONABLE):
        category = "needs_review"
    if strongest < 0:
        return Decision(category, None, (), round(top, 3), round(margin, 3)), totals
    rule = rules.rules[strongest]
    found = known.get(strongest) if known else None
    if found is not None:
        return Decision(category, rule.name, found, round(top, 3), round(margin, 3)), totals
    return _Weighed.of(category, rule, view, round(top, 3), round(margin, 3)), totals


class _Shown:
    """The evidence of a _Weighed decision: its rule's check(), looked up when first read."""

    def __get__(self, decision: Decision | None, owner: type | None = None) -> tuple[Evidence, ...]:
        if decision is None:
            return ()
        values = decision.__dict__
        rule, view = values["_shown"]
        evidence = values["evidence"] = rule.check(view) or ()  # from now on read as any field
        values.pop("_shown", None)  # the mail and its texts are let go
        return evidence


class _Weighed(Decision):
    """A weighed decision whose evidence (that of the rule that added most to the winner) is
    looked up when it is first read, not when the decision is made: training, evaluation
    and the bench read only the category, and looking it up (Rule.check: where each of the
    rule's phrases and regexes is) costs about as much as weighing all the rules that held.
    Once read it is a field like any other. Equal to, and pickled as, the Decision it stands for."""

    evidence = _Shown()

    @classmethod
    def of(cls, category: str, rule: Rule, view: MailFields, score: float, margin: float) -> Decision:
        decision = object.__new__(cls)
        values = decision.__dict__
        values["category"], values["rule"], values["score"], values["margin"] = category, rule.name, score, margin
        values["_shown"] = rule, view
        return decision

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        fields = (self.category, self.rule, self.evidence, self.score, self.margin)
        return fields == (other.category, other.rule, other.evidence, other.score, other.margin)

    __hash__ = Decision.__hash__

    def __reduce__(
        self,
    ) -> tuple[type[Decision], tuple[str, str | None, tuple[Evidence, ...], float | None, float | None]]:
        return Decision, (self.category, self.rule, self.evidence, self.score, self.margin)


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
        kinds = rules.test_kinds
        for position, rule in rules.outright:
            if possible >> position & 1:
                kind = kinds[position]  # as in held_positions
                if kind is not None:
                    if isinstance(kind, tuple):
                        required, forbidden = kind
                        if leaves & required != required or leaves & forbidden:
                            continue
                    elif not kind.holds(leaves, view):
                        continue
                return Decision(rule.category, rule.name, rule.check(view) or ())
    decision = decide_positions(rules, held_positions(rules, view, possible), view)[0]
    return (floor(rules, view, possible) or decision) if decision.category == "other" else decision
