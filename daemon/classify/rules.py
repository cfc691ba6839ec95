"""rules/*.toml -> compiled rules. Each condition has one job and a check() that explains itself.

A rule file holds ``[[rule]]`` tables::

    [[rule]]
    name = "rejection-en"          # unique; a user's rule of the same name replaces it
    category = "rejection"
    priority = 50                  # higher is tried first; ties keep file order
    any = [ { body = ["decided not to move forward"] }, { subject = ["unfortunately"] } ]
    none = [ { header = { name = "List-Id", present = true } } ]

Field conditions (see FIELDS) take a phrase, a list of phrases, or ``{ regex = "..." }``.
Phrases match case-, accent- and whitespace-insensitively on word boundaries; all phrases of
a field, across every rule, are compiled into one automaton (followup.classify.phrases). Regular
expressions run on RE2, which guarantees linear time, so no pattern can hang the daemon.
See rules/README.md.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from functools import cached_property, partial
from pathlib import Path
from typing import Any, Protocol

import re2
from followup.classify.categories import BUILTIN_CATEGORIES, UNWEIGHED
from followup.classify.phrases import Hit, PhraseMatcher, normalize
from followup.errors import RuleError, load_toml
from followup.mail.language import Guess
from followup.model import Evidence

__all__ = ["BUILTIN_CATEGORIES", "FIELDS", "RuleSet", "load_lists", "load_rules", "normalize", "rule_files"]
FIELDS = ("subject", "body", "footer", "text", "from", "from_name", "from_domain", "reply_to")
"""text = subject and body; footer = the legal and unsubscribe block cut from the body."""
_SCANNED = ("subject", "body", "footer", "from", "from_name", "from_domain", "reply_to")


def scanned_fields(field: str) -> tuple[str, ...]:
    """The fields whose automata hold a phrase condition on *field*: 'text' is subject and body."""
    return ("subject", "body") if field == "text" else (field,)


_OTHER_CONDITIONS = ("header", "attachment", "language", "thread")
_COMBINATORS = ("all", "any", "none")
_RULE_KEYS = {
    "name", "category", "priority", "description", "weights", "hard", "floor", *FIELDS, *_OTHER_CONDITIONS,
    *_COMBINATORS
}  # fmt: skip
DEFAULT_MARGIN = 1.0
"""How far (in summed weight) the winning category must lead the next when either acts on its own."""


class MailFields(Protocol):
    """What conditions look at (followup.classify.decide.MailView)."""

    def field(self, name: str) -> str: ...
    def phrase_hit(self, field: str, key: Hashable) -> Hit | None: ...
    def phrase_found(self, field: str, key: Hashable) -> bool: ...
    def regex_hit(self, regex: Regex) -> tuple[str, int] | None: ...
    def regex_found(self, regex: Regex) -> bool: ...
    def header(self, name: str) -> str | None: ...
    def attachment_types(self) -> Iterable[str]: ...
    def language(self) -> Guess: ...
    def thread(self) -> Iterable[tuple[str, str]]: ...


class Condition(Protocol):
    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        """Evidence when the condition holds, None when it does not."""
        ...

    def holds(self, mail: MailFields) -> bool:
        """Whether it holds, without looking up where (what the sum needs, and much cheaper)."""
        ...


def _re2_options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    return options


_RE2_OPTIONS = _re2_options()


def _search_options() -> Any:
    options = _re2_options()
    options.never_capture = True
    return options


_SEARCH_OPTIONS = _search_options()
"""For Regex.pattern, which only ever reports the whole match: with no groups to fill, RE2
finds its bounds with its DFA alone (a few times faster than the submatch engines)."""
SET_MEMORY = 64 << 20
"""RE2's memory budget for one field's set (its default is 8 MiB). Past the budget RE2 gives up
its DFA for a slow fallback without a word: at 8 MiB, the shipped packs' ~165 regexes on `text`
took 20 times longer to match (512 us against 29 us a mail here). The DFA is built lazily, so
a set only uses what the mail it reads needs."""


def _set_options() -> Any:
    options = _re2_options()
    options.max_mem = SET_MEMORY
    return options


_SET_OPTIONS = _set_options()

# What one rule set may hold. Past these, the C extensions fail in ways no user can read: RE2
# refuses to compile a set of ~10,000 regexes ("failed to compile Set", naming no file), and
# pyahocorasick frees its trie recursively, so a phrase of ~700,000 characters overflows the C
# stack and segfaults the process when the automaton is dropped (at exit, or on the next
# reload). The bounds are far above what a hand-written or trained pack uses (the shipped packs:
# a few dozen rules, phrases under 100 characters, RE2 programs under 1,500).
MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_RULES = 2000
MAX_PHRASE_CHARS = 500
MAX_REGEX_CHARS = 2000
MAX_REGEX_PROGRAM = 3000
"""RE2's own measure of a compiled regex (the shipped packs' largest: ~1,400)."""
MAX_REGEXES_PER_FIELD = 1000


@dataclass(frozen=True, eq=False)  # identity: a condition is its own key in the matchers
class Phrases:
    """Any of these phrases in a field. Matched by the rule set's automaton for that field."""

    field: str
    phrases: tuple[str, ...]

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        for name in scanned_fields(self.field):
            hit = mail.phrase_hit(name, self)
            if hit is not None:
                return (Evidence(name, "phrase", hit.phrase, hit.start),)
        return None

    def holds(self, mail: MailFields) -> bool:
        if self.field == "text":
            return mail.phrase_found("subject", self) or mail.phrase_found("body", self)
        return mail.phrase_found(self.field, self)


@dataclass(frozen=True, eq=False)
class Regex:
    """An RE2 regular expression searched in a field (normalised text) or a header (raw)."""

    field: str
    source: str
    pattern: Any = dataclass_field(compare=False, repr=False)

    def search(self, text: str) -> tuple[str, int] | None:
        match = self.pattern.search(text)
        return None if match is None else (match.group(), match.start())

    def found_in(self, text: str) -> bool:
        """Whether search() finds it: on the UTF-8 bytes, as search() searches them, without
        the binding mapping the match's offsets back to characters."""
        data = text.encode("utf-8")
        start: int = self.pattern._regexp.Match(_UNANCHORED, data, 0, len(data))[0][0]
        return start >= 0

    def search_encoded(self, data: bytes) -> tuple[str, int] | None:
        """search() on the UTF-8 bytes of a text: RE2's Python binding costs several times more
        on a str (it encodes the text and maps every offset back on each call). Asked of the
        binding's compiled regex itself, as its wrapper's search() does for bytes, without the
        wrapper's generator and match object."""
        start, end = self.pattern._regexp.Match(_UNANCHORED, data, 0, len(data))[0]
        if start < 0:
            return None
        at = start if data.isascii() else len(data[:start].decode("utf-8", "replace"))
        return data[start:end].decode("utf-8", "replace"), at

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        found = mail.regex_hit(self)
        return None if found is None else (Evidence(self.field, f"regex /{self.source}/", *found),)

    def holds(self, mail: MailFields) -> bool:
        return mail.regex_found(self)


_UNANCHORED = re2._Anchor.UNANCHORED
FILTERED_FROM = 32
"""More regexes with a counted repetition than this on one field go to an RE2 filter (RegexSet)."""


class RegexSet:
    """Every regex condition on one field: one pass says which are found, and only those are
    searched again for the evidence's position.

    Most are one RE2 set (one DFA pass). When more than FILTERED_FROM of them have a counted
    repetition (``[^.]{0,80}``, ``([\\w-]+ ){0,3}``), those go to an RE2 filter instead: a set of
    the literal atoms each needs, then only the regexes whose atoms were found, each alone.
    Many bounded gaps in one set multiply its DFA's states past any memory budget on mail it
    has not seen before: on the 3230 labelled mails the shipped `text` set (115 such of 246)
    took a median ~1 ms a mail, rebuilding its states over and over, and ~60 us split so, with
    the same answers on every mail. A few (the `body` set's 10) cost less in the set."""

    def __init__(self, regexes: Iterable[Regex]) -> None:
        self.index: dict[Regex, int] = {}
        plain: list[Regex] = []
        counted: list[Regex] = []
        for regex in regexes:
            if regex not in self.index:
                self.index[regex] = len(self.index)
                (counted if "{" in regex.source else plain).append(regex)
        if len(counted) <= FILTERED_FROM:
            plain, counted = list(self.index), []
        self._set = None
        if plain:
            self._set = re2.Set.SearchSet(_SET_OPTIONS)
            for regex in plain:
                self._set.Add(regex.source)
            self._set.Compile()  # re2.error past RE2's memory limit: RuleSet.build says where
        self._filter = None
        if counted:
            self._filter = re2.Filter()
            for regex in counted:
                self._filter.Add(regex.source, _RE2_OPTIONS)
            self._filter.Compile()
        self._plain = tuple(self.index[regex] for regex in plain)
        self._counted = tuple(self.index[regex] for regex in counted)
        parts: list[tuple[Callable[[bytes], list[int]], tuple[int, ...]]] = []
        if self._set is not None:
            parts.append((self._set._set.Match, self._plain))
        if self._filter is not None:
            parts.append((partial(_filter_match, self._filter._filter.Match), self._counted))
        self.parts = tuple(parts)
        """(what matches, on UTF-8 bytes, and the numbers in index of what it reports): the
        binding's own set and filter, without the Python wrappers' call in between."""

    def matching(self, text: str | bytes) -> frozenset[int]:
        """The indices of the regexes found in *text* (best given as UTF-8 bytes: see Regex.search_encoded)."""
        found = [] if self._set is None else [self._plain[i] for i in self._set.Match(text) or ()]
        if self._filter is not None:
            found += [self._counted[i] for i in self._filter.Match(text) or ()]
        return frozenset(found)


def _filter_match(match: Callable[[bytes, bool], list[int]], data: bytes) -> list[int]:
    return match(data, False)  # False: the regexes that match, not those that might


@dataclass(frozen=True)
class Header:
    """A named header: present or absent, or its value matching phrases or a regex."""

    name: str
    present: bool | None = None
    phrases: tuple[str, ...] = ()
    regex: Regex | None = None
    matcher: PhraseMatcher | None = dataclass_field(default=None, compare=False, repr=False)

    def holds(self, mail: MailFields) -> bool:
        return self.holds_for(mail.header(self.name))

    def holds_for(self, value: str | None) -> bool:
        """holds(), given the header's value (None: absent): check() without its evidence."""
        if self.present is not None:
            return (value is not None) == self.present
        if value is None:
            return False
        if self.regex is not None:
            return self.regex.found_in(value)
        assert self.matcher is not None
        return bool(self.matcher.scan(normalize(value)))

    @property
    def effect(self) -> Hashable:
        """What it asks, for telling apart conditions that always answer alike: the same header
        asked the same (its regex by source: equal sources compile to the same program)."""
        return (self.name, self.present, self.phrases, None if self.regex is None else self.regex.source)

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        value = mail.header(self.name)
        where = f"header {self.name}"
        if self.present is not None:
            if (value is not None) != self.present:
                return None
            return (Evidence(where, "present" if self.present else "absent", value or ""),)
        if value is None:
            return None
        if self.regex is not None:
            found = self.regex.search(value)
            return None if found is None else (Evidence(where, f"regex /{self.regex.source}/", *found),)
        assert self.matcher is not None
        hit = self.matcher.find(normalize(value)).get(True)
        return None if hit is None else (Evidence(where, "phrase", hit.phrase, hit.start),)


@dataclass(frozen=True)
class AttachmentType:
    content_type: str

    def holds(self, mail: MailFields) -> bool:
        for ctype in mail.attachment_types():  # noqa: SIM110
            if ctype.lower().startswith(self.content_type):
                return True
        return False

    @property
    def effect(self) -> Hashable:
        return self

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        for ctype in mail.attachment_types():
            if ctype.lower().startswith(self.content_type):
                return (Evidence("attachment", self.content_type, ctype),)
        return None


@dataclass(frozen=True)
class Language:
    """The mail is written in one of these languages (followup.mail.language)."""

    codes: tuple[str, ...]

    def holds(self, mail: MailFields) -> bool:
        return mail.language().language in self.codes

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        guess = mail.language()
        if guess.language not in self.codes:
            return None
        return (Evidence("language", " | ".join(self.codes), f"{guess.language} ({guess.score} function words)"),)


@dataclass(frozen=True)
class Thread:
    """The mail refers to an earlier message followup decided was one of these categories
    (or to a draft followup wrote about one)."""

    categories: tuple[str, ...]

    def holds(self, mail: MailFields) -> bool:
        return self.check(mail) is not None

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        for message_id, category in mail.thread():
            if category in self.categories:
                return (Evidence("thread", " | ".join(self.categories), f"{message_id} was {category}"),)
        return None


@dataclass(frozen=True)
class Combined:
    mode: str  # all | any | none
    parts: tuple[Condition, ...]

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        if self.mode == "none":  # no evidence to show: whether a part holds is enough
            return () if self.holds(mail) else None
        evidence: list[Evidence] = []
        for part in self.parts:
            found = part.check(mail)
            if self.mode == "all":
                if found is None:
                    return None
                evidence += found
            elif found is not None:
                return found
        if self.mode == "any":
            return None
        return tuple(evidence)

    def holds(self, mail: MailFields) -> bool:
        # Loops written out, not all()/any() over a generator: this is the classifier's inner loop.
        if self.mode == "all":
            for part in self.parts:  # noqa: SIM110
                if not part.holds(mail):
                    return False
            return True
        for part in self.parts:
            if part.holds(mail):
                return self.mode == "any"
        return self.mode == "none"

    def walk(self) -> Iterator[Condition]:
        for part in self.parts:
            yield part
            if isinstance(part, Combined):
                yield from part.walk()


@dataclass(frozen=True)
class Rule:
    name: str
    category: str
    priority: int
    condition: Combined
    path: str
    line: int | None
    description: str = ""
    weights: tuple[tuple[str, float], ...] = ()
    """Evidence: what this rule adds to (or, negative, takes from) each category's score when it
    holds. A rule without weights decides outright, before any evidence is summed."""
    hard: bool = False
    """Structural (automated mail, threads): never weighed, and never given weights by training."""
    floor: bool = False
    """Decides when the weighed evidence found nothing but 'other' (a reply from a person is a
    personal reply unless its words say more). Its weights, if any, count in the sum too."""

    def check(self, mail: MailFields) -> tuple[Evidence, ...] | None:
        return self.condition.check(mail)

    def holds(self, mail: MailFields) -> bool:
        return self.condition.holds(mail)

    @cached_property
    def weight_of(self) -> dict[str, float]:
        return dict(self.weights)


Anchor = tuple[str, bool, frozenset[Hashable]]
"""(field, is_regex, keys): one of the Phrases conditions *keys* found in *field*, or one of
the regexes numbered *keys* in the field's RE2 set."""


def anchors_of(condition: Condition, regex_sets: dict[str, RegexSet]) -> tuple[Anchor, ...] | None:
    """Leaves of *condition* of which at least one must hold for it to hold, or None when no
    such set is known (a rule of headers, languages or threads alone, or a 'none').

    The classifier looks these up in the field scans it makes anyway and skips a rule when none
    holds: most rules then cost a set intersection instead of a walk through their conditions."""
    if isinstance(condition, Phrases):
        return tuple((name, False, frozenset({condition})) for name in scanned_fields(condition.field))
    if isinstance(condition, Regex):
        regex_set = regex_sets.get(condition.field)
        index = regex_set.index.get(condition) if regex_set else None
        return None if index is None else ((condition.field, True, frozenset({index})),)
    if not isinstance(condition, Combined) or condition.mode == "none":
        return None
    found = [anchors_of(part, regex_sets) for part in condition.parts]
    if condition.mode == "all":  # any one part's anchors will do: prefer phrases, scanned anyway
        known = [a for a in found if a is not None]
        return min(known, key=lambda a: (any(regex for _, regex, _ in a), len(a))) if known else None
    if any(a is None for a in found):  # 'any': every alternative must be anchored
        return None
    merged: dict[tuple[str, bool], set[Hashable]] = {}
    for anchors in found:
        assert anchors is not None
        for name, regex, keys in anchors:
            merged.setdefault((name, regex), set()).update(keys)
    return tuple((name, regex, frozenset(keys)) for (name, regex), keys in merged.items())


@dataclass(frozen=True)
class Test:
    """A rule's condition as tests on the bits of the leaves (phrase conditions, regexes of a
    field's set) that the mail's field scans found: no walk through the conditions."""

    groups: tuple[int, ...] = ()
    """Each: one of these leaves must be found (a leaf, or an 'any' of leaves)."""
    forbidden: int = 0
    """None of these leaves may be found (a 'none' of leaves)."""
    rest: tuple[Condition, ...] = ()
    """What is not made of leaves (headers, languages, threads, ...): asked as before."""
    required: int = dataclass_field(init=False, repr=False, compare=False)
    """The groups of one leaf, together: every one of these must be found."""
    either: tuple[int, ...] = dataclass_field(init=False, repr=False, compare=False)
    """The groups of several leaves."""

    def __post_init__(self) -> None:
        single = [group for group in self.groups if group and not group & (group - 1)]
        object.__setattr__(self, "required", sum(set(single)))
        object.__setattr__(self, "either", tuple(group for group in self.groups if group not in single))

    @property
    def sure(self) -> bool:
        """One group and nothing else: holds whenever one of its leaves is found."""
        return len(self.groups) == 1 and not self.forbidden and not self.rest

    def holds(self, leaves: int, mail: MailFields) -> bool:
        if leaves & self.forbidden or leaves & self.required != self.required:
            return False
        for group in self.either:
            if not leaves & group:
                return False
        for condition in self.rest:  # noqa: SIM110
            if not condition.holds(mail):
                return False
        return True

    @classmethod
    def of(cls, condition: Combined, bits: dict[Hashable, int]) -> Test:
        """*condition* (an 'all', as every rule's is), its leaves numbered by *bits*."""

        def mask(part: Condition) -> int | None:
            """The leaves of a leaf, or of an 'any' of leaves, of which one must be found."""
            if isinstance(part, Combined):
                if part.mode != "any":
                    return None
                either = 0
                for alternative in part.parts:
                    found = mask(alternative)
                    if found is None:
                        return None
                    either |= found
                return either
            bit = bits.get(part) if isinstance(part, Phrases | Regex | Header | AttachmentType) else None
            return None if bit is None else 1 << bit

        groups: list[int] = []
        forbidden = 0
        rest: list[Condition] = []
        for part in condition.parts:
            found = mask(part)
            if found is not None:
                groups.append(found)
            elif isinstance(part, Combined) and part.mode == "all":
                inner = cls.of(part, bits)
                groups += inner.groups
                forbidden |= inner.forbidden
                rest += inner.rest
            elif isinstance(part, Combined) and part.mode == "none":
                for negated in part.parts:
                    found = mask(negated)
                    if found is None:
                        rest.append(Combined("none", (negated,)))
                    else:
                        forbidden |= found
            else:
                rest.append(part)
        return cls(tuple(groups), forbidden, tuple(rest))


@dataclass(frozen=True)
class AnchorIndex:
    """The rules each anchor lets through, as bitmasks over rule positions: what a mail's field
    scans found says at once which rules may hold, instead of asking rule by rule."""

    always: int = -1
    """Rules without anchors (all of them, by default: every bit of -1 is set)."""
    by_field: dict[tuple[str, bool], dict[Hashable, int]] = dataclass_field(default_factory=dict)
    """(field, is_regex) -> phrase condition or regex index -> the rules it anchors."""
    phrases: dict[str, tuple[tuple[int, int], ...]] = dataclass_field(default_factory=dict)
    """field -> by the phrase's number in the field's matcher (PhraseMatcher.present) -> (the
    rules it anchors, through every condition holding it; the bits of those conditions in
    key_bits): what the scan finds is looked up once per phrase, and every phrase condition is
    then answered by one bit."""
    key_bits: dict[Hashable, int] = dataclass_field(default_factory=dict)
    """Each leaf -> its bit: every phrase condition (of every scanned field), every regex of a
    field's set. Rule.test is written in these bits."""
    regexes: dict[str, dict[int, tuple[int, int]]] = dataclass_field(default_factory=dict)
    """field -> index in the field's RE2 set -> (the rules it anchors, its bit in key_bits)."""

    def with_leaves(self, matchers: dict[str, PhraseMatcher], regex_sets: dict[str, RegexSet]) -> AnchorIndex:
        key_bits: dict[Hashable, int] = {}
        for matcher in matchers.values():
            for key in matcher.phrases_of:
                key_bits.setdefault(key, len(key_bits))
        regexes: dict[str, dict[int, tuple[int, int]]] = {}
        for name, regex_set in regex_sets.items():
            masks = self.by_field.get((name, True), {})
            regexes[name] = {
                index: (masks.get(index, 0), 1 << key_bits.setdefault(regex, len(key_bits)))
                for regex, index in regex_set.index.items()
            }
        phrases: dict[str, tuple[tuple[int, int], ...]] = {}
        for name, matcher in matchers.items():
            if not matcher.size:
                continue
            masks = self.by_field.get((name, False), {})
            by_number = []
            for phrase in matcher.phrases:
                rules = bits = 0
                for key in matcher.keys_of[phrase]:
                    rules |= masks.get(key, 0)
                    bits |= 1 << key_bits[key]
                by_number.append((rules, bits))
            phrases[name] = tuple(by_number)
        return replace(self, phrases=phrases, regexes=regexes, key_bits=key_bits)

    @classmethod
    def of(cls, anchors: Iterable[tuple[Anchor, ...] | None]) -> AnchorIndex:
        always = 0
        by_field: dict[tuple[str, bool], dict[Hashable, int]] = {}
        for position, rule_anchors in enumerate(anchors):
            bit = 1 << position
            if rule_anchors is None:
                always |= bit
                continue
            for name, regex, keys in rule_anchors:
                masks = by_field.setdefault((name, regex), {})
                for key in keys:
                    masks[key] = masks.get(key, 0) | bit
        return cls(always, by_field)


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    """Sorted: highest priority first, then in load order."""
    categories: frozenset[str]
    matchers: dict[str, PhraseMatcher] = dataclass_field(default_factory=dict, compare=False, repr=False)
    """One automaton per field holding every phrase condition of every rule on that field."""
    regex_sets: dict[str, RegexSet] = dataclass_field(default_factory=dict, compare=False, repr=False)
    """One RE2 set per field holding every regex condition of every rule on that field."""
    anchor_index: AnchorIndex = dataclass_field(default_factory=AnchorIndex, compare=False, repr=False)
    """Which rules may hold, from what the field scans find (each rule's anchors_of)."""
    bias: dict[str, float] = dataclass_field(default_factory=dict, compare=False)
    """Each category's score before any evidence (the trained intercepts; 0 when not given)."""
    margin: float = DEFAULT_MARGIN
    """The lead the winner needs over the runner-up when either acts on its own: else needs_review."""
    outright: tuple[tuple[int, Rule], ...] = dataclass_field(default=(), compare=False, repr=False)
    """(position, rule) of the rules that decide on their own, highest priority first."""
    evidence_mask: int = dataclass_field(default=0, compare=False, repr=False)
    """Bitmask of the positions of the weighted rules."""
    lists: dict[str, dict[str, str]] = dataclass_field(default_factory=dict, compare=False, repr=False)
    """The named lists of the rule files ([lists]): entry -> its label ("" when the list is an array)."""
    tests: tuple[Test, ...] = dataclass_field(default=(), compare=False, repr=False)
    """Each rule's condition as bit tests (by position): whether a rule the scans let through holds."""
    sure_mask: int = dataclass_field(default=0, compare=False, repr=False)
    """Bitmask of the rules whose test is one group of leaves and nothing else: that group is
    their anchors (anchors_of), so the scans letting them through means they hold."""
    floors: tuple[tuple[int, Rule], ...] = dataclass_field(default=(), compare=False, repr=False)
    """(position, rule) of the floor rules, highest priority first."""
    scored: tuple[str, ...] = dataclass_field(default=(), compare=False, repr=False)
    """The categories evidence is summed for: all but those the classifier decides itself."""
    mail_leaves: tuple[tuple[Header | AttachmentType, int], ...] = dataclass_field(
        default=(), compare=False, repr=False
    )
    """Every distinct header and attachment condition of the rules, with its bit in the leaves
    (after AnchorIndex.key_bits): asked once a mail, so tests read them as bits. Conditions
    that ask alike (Header.effect) are asked once, as one entry with all their bits."""

    @cached_property
    def outright_mask(self) -> int:
        """Bitmask of the positions of the rules that decide on their own (outright)."""
        return sum(1 << position for position, _ in self.outright)

    @cached_property
    def test_kinds(self) -> tuple[tuple[int, int] | Test | None, ...]:
        """Each rule's test (by position) as classify asks it of a rule the scans let through:
        None for a sure one (sure_mask: it holds), (required, forbidden) for a test of leaves
        alone (Test.holds without its call), else the Test."""
        sure = self.sure_mask
        return tuple(
            None
            if sure >> position & 1
            else (test.required, test.forbidden)
            if not test.either and not test.rest
            else test
            for position, test in enumerate(self.tests)
        )

    @cached_property
    def mail_leaf_kinds(self) -> tuple[tuple[tuple[str, int], ...], tuple[tuple[Header | AttachmentType, int], ...]]:
        """mail_leaves as classify asks them: the headers asked to be present, by name with
        their bits, and the rest (Header.holds_for, AttachmentType.holds)."""
        present = tuple(
            (condition.name, bits)
            for condition, bits in self.mail_leaves
            if isinstance(condition, Header) and condition.present is True
        )
        asked = tuple(
            (condition, bits)
            for condition, bits in self.mail_leaves
            if not (isinstance(condition, Header) and condition.present is True)
        )
        return present, asked

    @cached_property
    def weights_of(self) -> dict[str, list[float]]:
        """weights_for() of every summed category."""
        return {category: self.weights_for(category) for category in self.scored}

    @cached_property
    def unsure_mask(self) -> int:
        """Bitmask of the weighted rules that are not sure (sure_mask): tested when let through."""
        return self.evidence_mask & ~self.sure_mask

    @cached_property
    def start(self) -> dict[str, float]:
        """Each summed category's score before evidence: its bias, or 0."""
        return dict.fromkeys(self.scored, 0.0) | {c: b for c, b in self.bias.items() if c in self.scored}

    @cached_property
    def start_vector(self) -> list[float]:
        """start, in the order of scored."""
        return list(self.start.values())

    @cached_property
    def vectors(self) -> dict[str, tuple[float, ...]]:
        """Each weighted rule's weights in the order of scored (by rule name): summing the evidence
        is then one vector addition per rule that held."""
        slot = {category: i for i, category in enumerate(self.scored)}
        vectors = {}
        for rule in self.rules:
            if rule.weights:
                vector = [0.0] * len(slot)
                for category, weight in rule.weights:
                    if category in slot:
                        vector[slot[category]] += weight
                vectors[rule.name] = tuple(vector)
        return vectors

    @cached_property
    def position_of(self) -> dict[str, int]:
        """Each rule's position in rules, by name."""
        return {rule.name: position for position, rule in enumerate(self.rules)}

    @cached_property
    def vector_at(self) -> list[tuple[float, ...]]:
        """vectors, by position in rules (the rules without weights: zeros)."""
        zeros = (0.0,) * len(self.scored)
        return [self.vectors.get(rule.name, zeros) if rule.weights else zeros for rule in self.rules]

    def weights_for(self, category: str) -> list[float]:
        """What each rule (by position) adds to *category*: its weight, or 0."""
        found = self._weights_for.get(category)
        if found is None:
            found = self._weights_for[category] = [rule.weight_of.get(category, 0.0) for rule in self.rules]
        return found

    @cached_property
    def _weights_for(self) -> dict[str, list[float]]:
        return {}

    @classmethod
    def build(
        cls,
        rules: Iterable[Rule],
        categories: frozenset[str],
        bias: dict[str, float] | None = None,
        margin: float = DEFAULT_MARGIN,
        lists: dict[str, dict[str, str]] | None = None,
    ) -> RuleSet:
        ordered = tuple(sorted(rules, key=lambda r: -r.priority))
        entries: dict[str, list[tuple[str, Hashable]]] = {name: [] for name in _SCANNED}
        regexes: dict[str, list[Regex]] = {name: [] for name in FIELDS}
        files: dict[str, Counter[str]] = {name: Counter() for name in FIELDS}  # to locate a limit's error
        for rule in ordered:
            for condition in rule.condition.walk():
                if isinstance(condition, Phrases):
                    for name in scanned_fields(condition.field):
                        entries[name] += [(phrase, condition) for phrase in condition.phrases]
                elif isinstance(condition, Regex):
                    regexes[condition.field].append(condition)
                    files[condition.field][rule.path] += 1
        regex_sets = {}
        for name, found in regexes.items():
            if not found:
                continue
            # The limits hold for all rule files together: name the one that holds most.
            path, count = files[name].most_common(1)[0]
            where = f"in all rule files, {count} in this one"
            if len(found) > MAX_REGEXES_PER_FIELD:
                raise RuleError(
                    f"{len(found)} regexes on field {name!r} {where} (at most {MAX_REGEXES_PER_FIELD}); use phrases",
                    path,
                )
            try:
                regex_sets[name] = RegexSet(found)
            except re2.error:
                raise RuleError(
                    f"the {len(found)} regexes on field {name!r} {where}, are too large to compile together "
                    "(RE2's memory limit); use fewer or simpler regexes, or phrases",
                    path,
                ) from None
        matchers = {name: PhraseMatcher(found) for name, found in entries.items()}
        index = AnchorIndex.of(anchors_of(rule.condition, regex_sets) for rule in ordered)
        index = index.with_leaves(matchers, regex_sets)
        # Headers and attachment types are leaves too, numbered after the scans' leaves: asked
        # once a mail, they make the rules that test them bit tests as well.
        bits = dict(index.key_bits)
        asked_of: dict[Header | AttachmentType, int] = {}
        for rule in ordered:
            for condition in rule.condition.walk():
                if isinstance(condition, Header | AttachmentType) and condition not in asked_of:
                    asked_of[condition] = bits[condition] = len(bits)
        # Asked once for all the conditions that ask alike (the same header and regex in five
        # rules): the answer sets all their bits.
        alike: dict[Hashable, tuple[Header | AttachmentType, int]] = {}
        for condition, bit in asked_of.items():
            first, mask = alike.get(condition.effect, (condition, 0))
            alike[condition.effect] = first, mask | 1 << bit
        mail_leaves = tuple(alike.values())
        asked = sum(mask for _, mask in mail_leaves)
        tests = tuple(Test.of(rule.condition, bits) for rule in ordered)
        return cls(
            ordered,
            categories,
            matchers,
            regex_sets,
            index,
            dict(bias or {}),
            margin,
            tuple((position, rule) for position, rule in enumerate(ordered) if not rule.weights and not rule.floor),
            sum(1 << position for position, rule in enumerate(ordered) if rule.weights),
            dict(lists or {}),
            tests,
            # Sure only when the group is of scanned leaves: those are its anchors (anchors_of).
            sum(1 << position for position, test in enumerate(tests) if test.sure and not test.groups[0] & asked),
            tuple((position, rule) for position, rule in enumerate(ordered) if rule.floor),
            tuple(sorted(categories - UNWEIGHED)),
            mail_leaves,
        )

    def recompiled(self) -> RuleSet:
        """These rules with every RE2 program compiled anew: for a forked child only (it changes
        the rules in place). RE2 guards its caches with locks, and another thread of the parent
        may have held one at the fork. The phrase automatons have no locks: they stay shared
        with the parent, copy-on-write, and so cost the child no memory of its own."""
        for rule in self.rules:
            for condition in rule.condition.walk():
                regex = condition.regex if isinstance(condition, Header) else condition
                if isinstance(regex, Regex):
                    object.__setattr__(regex, "pattern", re2.compile(regex.source, _SEARCH_OPTIONS))
        # The same regexes and phrases in the same order: the same indices, so the anchor index still holds.
        return replace(
            self,
            regex_sets={name: RegexSet(found.index) for name, found in self.regex_sets.items()},
            matchers={name: matcher.recompiled() for name, matcher in self.matchers.items()},
        )


class _Compiler:
    def __init__(
        self, path: Path, text: str, categories: frozenset[str], lists: dict[str, dict[str, str]] | None = None
    ) -> None:
        self.path, self.categories, self.lists = path, categories, lists or {}
        self.lines = text.splitlines()
        self.headers = [n for n, line in enumerate(self.lines) if re.match(r"^\s*\[\[\s*rule\s*\]\]", line)]

    def line_of(self, index: int, key: str | None = None) -> int | None:
        """The line of rule *index*'s [[rule]] header, or of *key* inside that rule."""
        if index >= len(self.headers):
            return None
        first = self.headers[index]
        if key:
            last = self.headers[index + 1] if index + 1 < len(self.headers) else len(self.lines)
            top = re.compile(r"^\s*[\"']?" + re.escape(key.split("[")[0].split(".")[0]) + r"[\"']?\s*=")
            for number in range(first, last):
                if top.match(self.lines[number]):
                    return number + 1
        return first + 1

    def fail(self, message: str, name: str | None, index: int, key: str | None = None) -> RuleError:
        label = f"rule {name!r}" if name else f"rule #{index + 1}"
        return RuleError(message, self.path, self.line_of(index, key), label + (f": {key}" if key else ""))

    def rule(self, table: Any, index: int) -> Rule:
        if not isinstance(table, dict):
            raise self.fail("each [[rule]] must be a table", None, index)
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.fail("every rule needs a name (a non-empty string)", None, index, "name")

        def fail(message: str, key: str | None = None) -> RuleError:
            return self.fail(message, name, index, key)

        for key in table:
            if key not in _RULE_KEYS:
                raise fail(f"unknown key {key!r} (expected one of: {', '.join(sorted(_RULE_KEYS))})", key)
        category = table.get("category")
        if not isinstance(category, str):
            raise fail("is required (a string)", "category")
        if category not in self.categories:
            raise fail(
                f"unknown category {category!r} (known: {', '.join(sorted(self.categories))}; "
                "add your own under 'categories' in the config)",
                "category",
            )
        priority = table.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            raise fail("expected an integer", "priority")
        description = table.get("description", "")
        if not isinstance(description, str):
            raise fail("expected a string", "description")
        hard = table.get("hard", False)
        if not isinstance(hard, bool):
            raise fail("expected true or false", "hard")
        floor = table.get("floor", False)
        if not isinstance(floor, bool):
            raise fail("expected true or false", "floor")
        weights = self.weights(table["weights"], fail, "weights") if "weights" in table else ()
        if hard and (weights or floor):
            raise fail("a hard rule decides outright: it takes no weights and is no floor", "weights")
        parts = [
            self.condition({key: value}, fail, key)
            for key, value in table.items()
            if key in FIELDS or key in _OTHER_CONDITIONS or key in _COMBINATORS
        ]
        if not parts:
            raise fail("has no conditions: it would match every message")
        return Rule(
            name,
            category,
            priority,
            Combined("all", tuple(parts)),
            str(self.path),
            self.line_of(index),
            description,
            weights,
            hard,
            floor,
        )

    def weights(self, value: Any, fail: Callable[..., RuleError], where: str) -> tuple[tuple[str, float], ...]:
        """{ category = number, ... }: what a rule adds to each category's score."""
        if not isinstance(value, dict) or not value:
            raise fail("takes a table of category = number, e.g. { rejection = 2.5, offer = -1 }", where)
        for category, weight in value.items():
            if category not in self.categories:
                raise fail(f"unknown category {category!r} (known: {', '.join(sorted(self.categories))})", where)
            if category in UNWEIGHED:
                raise fail(f"{category!r} is decided by followup itself, never by weights", where)
            if not isinstance(weight, int | float) or isinstance(weight, bool):
                raise fail(f"the weight of {category!r} must be a number", where)
        # A zero weight is kept: the rule is still evidence (shown by explain), never a decider.
        return tuple((category, float(weight)) for category, weight in value.items())

    def condition(self, table: Any, fail: Callable[..., RuleError], where: str) -> Condition:
        if not isinstance(table, dict) or len(table) != 1:
            raise fail('a condition is a table with exactly one key, e.g. { subject = ["..."] }', where)
        ((key, value),) = table.items()
        if key in _COMBINATORS:
            if not isinstance(value, list) or not value:
                raise fail(f"'{key}' takes a non-empty list of conditions", where)
            return Combined(key, tuple(self.condition(v, fail, f"{where}[{i + 1}]") for i, v in enumerate(value)))
        if key in FIELDS:
            return self.matcher(key, value, fail, where)
        if key == "header":
            return self.header(value, fail, where)
        if key == "attachment":
            if not isinstance(value, str) or "/" not in value:
                raise fail("'attachment' takes a content type such as \"text/calendar\"", where)
            return AttachmentType(value.lower())
        if key in ("language", "thread"):
            codes = [value] if isinstance(value, str) else value
            if not isinstance(codes, list) or not codes or not all(isinstance(c, str) and c for c in codes):
                raise fail(f"'{key}' takes a string or a list of strings", where)
            if key == "language":
                return Language(tuple(c.lower() for c in codes))
            unknown = [c for c in codes if c not in self.categories]
            if unknown:
                raise fail(f"'thread' names unknown categories {unknown}", where)
            return Thread(tuple(codes))
        raise fail(
            f"unknown condition {key!r} (expected one of: {', '.join((*FIELDS, *_OTHER_CONDITIONS, *_COMBINATORS))})",
            where,
        )

    def phrases(self, value: Any, fail: Callable[..., RuleError], where: str, what: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and normalize(v) for v in value):
            raise fail(f"'{what}' takes a non-empty list of non-empty phrases", where)
        for phrase in value:
            if len(phrase) > MAX_PHRASE_CHARS:
                raise fail(
                    f"a phrase of {len(phrase):,} characters (starting {phrase[:30]!r}); phrases are at most "
                    f"{MAX_PHRASE_CHARS} characters: match a distinctive part of it",
                    where,
                )
        return tuple(value)

    def matcher(self, name: str, value: Any, fail: Callable[..., RuleError], where: str) -> Phrases | Regex:
        if isinstance(value, dict):
            if set(value) == {"list"} and isinstance(value["list"], str):
                entries = self.lists.get(value["list"])
                if not entries:
                    known = ", ".join(sorted(self.lists)) or "none"
                    raise fail(f"unknown or empty list {value['list']!r} (lists defined under [lists]: {known})", where)
                return Phrases(name, tuple(entries))
            if set(value) != {"regex"} or not isinstance(value["regex"], str):
                raise fail(
                    f'\'{name}\' takes a phrase, a list of phrases, {{ regex = "..." }} or {{ list = "name" }}', where
                )
            return self.regex(name, value["regex"], fail, where)
        return Phrases(name, self.phrases(value, fail, where, name))

    def regex(self, name: str, source: str, fail: Callable[..., RuleError], where: str) -> Regex:
        if len(source) > MAX_REGEX_CHARS:
            raise fail(f"a regex of {len(source):,} characters; regexes are at most {MAX_REGEX_CHARS}", where)
        try:
            pattern = re2.compile(source, _RE2_OPTIONS)
        except re2.error as exc:
            reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
            raise fail(
                f"invalid regular expression {source!r}: {reason} (rules use RE2 syntax, which runs in "
                "linear time: no lookaround, no backreferences)",
                where,
            ) from None
        if pattern.programsize > MAX_REGEX_PROGRAM:
            raise fail(
                f"regex {source[:40]!r}... compiles to a program of {pattern.programsize:,} instructions "
                f"(at most {MAX_REGEX_PROGRAM:,}); split it, or use phrases",
                where,
            )
        return Regex(name, source, re2.compile(source, _SEARCH_OPTIONS))

    def header(self, value: Any, fail: Callable[..., RuleError], where: str) -> Header:
        usage = '\'header\' takes { name = "..." } and one of: present = true|false, phrases = [...], regex = "..."'
        if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
            raise fail(usage, where)
        if (
            set(value) - {"name", "present", "phrases", "regex"}
            or len(set(value) & {"present", "phrases", "regex"}) != 1
        ):
            raise fail(usage, where)
        name = value["name"].strip().lower()
        if "present" in value:
            if not isinstance(value["present"], bool):
                raise fail("'present' takes true or false", where)
            return Header(name, present=value["present"])
        if "regex" in value:
            if not isinstance(value["regex"], str):
                raise fail("'regex' takes a string", where)
            return Header(name, regex=self.regex("header", value["regex"], fail, where))
        phrases = self.phrases(value["phrases"], fail, where, "phrases")
        return Header(name, phrases=phrases, matcher=PhraseMatcher((p, True) for p in phrases))


def _model(data: dict[str, Any], path: Path, categories: frozenset[str]) -> tuple[dict[str, float], float | None]:
    """A file's [model] table: bias = { category = number }, margin = number."""
    model = data.get("model", {})
    usage = "[model] takes bias = { category = number, ... } and margin = number"
    if not isinstance(model, dict) or set(model) - {"bias", "margin"}:
        raise RuleError(usage, path, key="model")
    bias = model.get("bias", {})
    if not isinstance(bias, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) and k in categories - UNWEIGHED for k, v in bias.items()
    ):
        raise RuleError(f"{usage} (known categories: {', '.join(sorted(categories))})", path, key="model.bias")
    margin = model.get("margin")
    if margin is not None and (not isinstance(margin, int | float) or isinstance(margin, bool) or margin < 0):
        raise RuleError("expected a number >= 0", path, key="model.margin")
    return {k: float(v) for k, v in bias.items()}, None if margin is None else float(margin)


def replace_message(error: RuleError, message: str) -> RuleError:
    return RuleError(message, error.path, error.line, error.key)


def _line_of_key(text: str, key: str) -> int | None:
    """The line of `key = ...` (quoted or not) in a file's text: where a [weights] entry is."""
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleError(f"a rule file is at most {MAX_RULE_FILE_BYTES // 1024} KiB; split it", path)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read rule file: {exc}", path) from None
    data = load_toml(text, path, RuleError)
    unknown = set(data) - {"rule", "weights", "model", "lists"}
    if unknown:
        raise RuleError(
            f"unknown top-level key(s) {sorted(unknown)}; rules go in [[rule]] tables "
            "(also allowed: [weights], [model], [lists])",
            path,
        )
    return text, data


def _lists(data: dict[str, Any], path: Path, text: str) -> dict[str, dict[str, str]]:
    """A file's [lists]: name = ["entry", ...] or [lists.name] with entry = "label"."""
    lists = data.get("lists", {})
    if not isinstance(lists, dict):
        raise RuleError('[lists] takes name = ["...", ...] or [lists.name] tables', path, key="lists")
    found: dict[str, dict[str, str]] = {}
    for name, value in lists.items():
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            found[name] = dict.fromkeys(value, "")
        elif isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            found[name] = dict(value)
        else:
            raise RuleError(
                'a list is an array of strings, or a table of entry = "label"',
                path,
                _line_of_key(text, name),
                f"lists.{name}",
            )
    return found


def load_lists(paths: Iterable[Path]) -> dict[str, dict[str, str]]:
    """The named lists of these rule files, a later file's list replacing an earlier one of the
    same name: what extraction reads (which domains are ATSs, which addresses no one reads)."""
    lists: dict[str, dict[str, str]] = {}
    for path in paths:
        text, data = _read(path)
        lists.update(_lists(data, path, text))
    return lists


def load_rules(paths: Iterable[Path], extra_categories: Iterable[str] = ()) -> RuleSet:
    """Compile rule files in order. A later file's rule replaces an earlier file's rule of the
    same name (that is how a user overrides a shipped rule); a name twice in one file is an error.

    A file's ``[weights]`` table gives rules defined anywhere before it (or in it) their weights,
    by name: that is how a trained pack weighs the hand-written rules. ``[model]`` sets the
    categories' bias and the margin; later files override earlier ones key by key. ``[lists]``
    are read first from every file (a later list replaces an earlier one of the same name), so
    a rule reads the last word on a list wherever it is defined."""
    categories = frozenset((*BUILTIN_CATEGORIES, *extra_categories))
    files = [(path, *_read(path)) for path in paths]
    lists: dict[str, dict[str, str]] = {}
    for path, text, data in files:
        lists.update(_lists(data, path, text))
    by_name: dict[str, Rule] = {}
    bias: dict[str, float] = {}
    margin = DEFAULT_MARGIN
    for path, text, data in files:
        tables = data.get("rule", [])
        if not isinstance(tables, list):
            raise RuleError("'rule' must be an array of tables: write [[rule]]", path)
        compiler = _Compiler(path, text, categories, lists)
        seen_here: set[str] = set()
        for index, table in enumerate(tables):
            rule = compiler.rule(table, index)
            if rule.name in seen_here:
                raise compiler.fail("duplicate rule name in this file", rule.name, index, "name")
            seen_here.add(rule.name)
            by_name.pop(rule.name, None)  # an override moves to where it was loaded
            by_name[rule.name] = rule
            if len(by_name) > MAX_RULES:
                raise compiler.fail(f"more than {MAX_RULES} rules in all; merge rules into fewer", rule.name, index)
        weights = data.get("weights", {})
        if not isinstance(weights, dict):
            raise RuleError("[weights] takes rule-name = { category = number, ... }", path, key="weights")
        for name, value in weights.items():
            weighed = by_name.get(name)
            located = RuleError("", path, _line_of_key(text, name), f"weights.{name}")
            if weighed is None:
                raise replace_message(located, "no rule of this name is loaded before or in this file")
            if weighed.hard:
                raise replace_message(located, "a hard rule decides outright: it takes no weights")

            def fail(message: str, key: str | None = None, located: RuleError = located) -> RuleError:
                return replace_message(located, message)

            by_name[name] = replace(weighed, weights=compiler.weights(value, fail, located.key or ""))
        file_bias, file_margin = _model(data, path, categories)
        bias.update(file_bias)
        margin = margin if file_margin is None else file_margin
    return RuleSet.build(by_name.values(), categories, bias, margin, lists)


GENERATED = ("# Trained by `followup rules train`", "# Your local pack: trained by `followup learn`")
"""The first line of a pack written by training."""


def generated(path: Path) -> bool:
    """A pack written by training (its first line says so): it weighs the written rules, and the
    last one loaded replaces any earlier (followup.resources.load_rule_set); never trained over."""
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.readline().startswith(GENERATED)
    except (OSError, UnicodeDecodeError):
        return False


def rule_files(*directories: Path | None) -> list[Path]:
    """The *.toml files of each directory in turn, sorted by name within a directory."""
    files: list[Path] = []
    for directory in directories:
        if directory is not None and directory.is_dir():
            files += sorted(directory.glob("*.toml"))
    return files
