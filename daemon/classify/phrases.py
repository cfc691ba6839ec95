"""Many phrases, one pass: an Aho-Corasick automaton over normalised text.

Rules hold hundreds of phrases per field. Trying them one regex at a time costs a pass per
rule; one automaton per field finds every occurrence of every phrase in a single pass
(pyahocorasick, in C), including phrases that overlap or nest. Word boundaries are checked
on the few raw hits afterwards, so "role" does not match inside "roles". The classifier asks
only which phrases occur (PhraseMatcher.present): on a field's RE2 set of the same phrases,
a pass several times faster, with the boundaries in the set itself.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Hashable, Iterable
from functools import cached_property
from typing import Any, NamedTuple

import ahocorasick
import re2

# Combining marks of the Latin, Greek and Cyrillic scripts: what NFKD splits accents into.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Replaced one by one: str.translate looks every character of a non-ASCII text up in a dict,
# where a search for each of these few is a fast scan that nearly always finds nothing.
_FOLD = (("ß", "ss"), ("ı", "i"), ("’", "'"), ("‘", "'"), ("´", "'"), ("`", "'"), ("\u00a0", " "))


def normalize(text: str) -> str:
    """Casefold, drop accents, fold whitespace: the form both phrases and text are matched in."""
    if not text.isascii():
        for char, folded in _FOLD:
            if char in text:
                text = text.replace(char, folded)
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(text.casefold().split())


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _word_class(error: UnicodeError) -> tuple[str, int]:
    """Each character ASCII cannot hold, as 'A' when it is a word character (_is_word), NUL when not."""
    assert isinstance(error, UnicodeEncodeError)
    chunk = error.object[error.start : error.end]
    return "".join(["A" if char.isalnum() else "\0" for char in chunk]), error.end


codecs.register_error("followup-word-class", _word_class)
SET_CHARACTERS = 0
"""A field's phrases are matched by one RE2 set when they hold at most this many characters in
all (the shipped packs: ~30,000 on the body; 200_000 turns it on); more go to the Aho-Corasick
automaton alone. Off: the sets cost 11 MB of RSS in a process that parses and classifies every labelled mail
(149 against 138 MB), which the daemon's 80 MB peak cannot spare, for ~1.4x against 1.22x of
classify's speed (1.11-1.29x against 1.01-1.06x with the evidence read), still far from 100 us."""
SET_FROM = 32
"""Texts shorter than this (addresses, domains) go to the automaton all the same: RE2's set
costs about 1.3 us a call before it reads a byte, more than the automaton takes on them."""
SET_MEMORY = 16 << 20
"""RE2's memory budget for a field's set of phrases. A set of literals has about as many DFA
states as the automaton has nodes (~26,000 for the shipped body phrases), built lazily as the
text asks: every labelled mail (tests/corpus/**, twice) took the process's RSS 10 MB past the
previous revision's, the same at 8 MiB as at 64. Past the budget RE2 drops the states it
built and goes on (a set never gives up for slowness), so the budget bounds the memory and
never the answers."""


def _phrase_set(phrases: tuple[str, ...]) -> Any:
    """The phrases as one RE2 set on word boundaries, or None when RE2's boundaries could differ
    from _is_word's: a phrase outside ASCII or with a NUL (then the text's characters outside
    ASCII cannot be written as 'A' and NUL for RE2), or too many characters in all."""
    if not phrases or sum(map(len, phrases)) > SET_CHARACTERS:
        return None
    if not all(phrase.isascii() and "\0" not in phrase for phrase in phrases):
        return None
    options = re2.Options()
    options.case_sensitive = True  # phrases and text are both casefolded
    options.log_errors = False
    options.never_capture = True
    options.max_mem = SET_MEMORY
    found = re2.Set.SearchSet(options)
    for phrase in phrases:
        start = r"\b" if _is_word(phrase[0]) else ""
        end = r"\b" if _is_word(phrase[-1]) else ""
        found.Add(f"{start}{re2.escape(phrase)}{end}")
    found.Compile()
    return found._set  # the binding's own set: its Python wrapper adds a call to every match


class Hit(NamedTuple):
    """Where a phrase was found. A tuple: a message can have dozens, made in the inner loop."""

    phrase: str
    """The phrase as normalised (what matched)."""
    start: int
    """Offset in the normalised field text."""


class PhraseMatcher:
    """Finds which keys' phrases occur in a text. A key is whatever the caller wants reported:
    a rule condition, a category, a language."""

    def __init__(self, phrases: Iterable[tuple[str, Hashable]]) -> None:
        by_phrase: dict[str, list[Hashable]] = {}
        for phrase, key in phrases:
            norm = normalize(phrase)
            if norm:
                keys = by_phrase.setdefault(norm, [])
                if key not in keys:
                    keys.append(key)
        self.keys_of: dict[str, tuple[Hashable, ...]] = {norm: tuple(keys) for norm, keys in by_phrase.items()}
        """Each normalised phrase -> the keys it stands for."""
        phrases_of: dict[Hashable, set[str]] = {}
        for norm, keys in by_phrase.items():
            for key in keys:
                phrases_of.setdefault(key, set()).add(norm)
        self.phrases_of: dict[Hashable, frozenset[str]] = {key: frozenset(p) for key, p in phrases_of.items()}
        """Each key -> its normalised phrases."""
        self._automaton = ahocorasick.Automaton()
        for norm in by_phrase:
            self._automaton.add_word(norm, (norm, len(norm) - 1, _is_word(norm[0]), _is_word(norm[-1])))
        self.size = len(by_phrase)
        if self.size:
            self._automaton.make_automaton()
        self.phrases: tuple[str, ...] = tuple(by_phrase)
        """The normalised phrases, numbered as present() reports them."""
        self._set = _phrase_set(self.phrases)

    def recompiled(self) -> PhraseMatcher:
        """The same phrases with the RE2 set compiled anew (rules.RuleSet.recompiled: after a fork)."""
        copy = object.__new__(PhraseMatcher)
        copy.__dict__.update(self.__dict__)
        copy._set = _phrase_set(self.phrases)
        return copy

    def present(self, text: str) -> list[int]:
        """The numbers (in phrases) of the phrases scan() finds in *text*, in no order: where
        they are is left for when evidence asks (start_of). On the field's RE2 set when it has
        one, a pass several times faster than the automaton's and with no Python per hit.

        RE2's word boundaries are ASCII; _is_word's are Unicode. Every phrase of a set is ASCII,
        so no character outside ASCII can be part of a phrase found: each is written as 'A' when
        it is a word character and as NUL when not (neither occurs in a casefolded phrase of a
        set), and the boundaries are the same, character for character."""
        matches = self._set
        if matches is not None and len(text) >= SET_FROM:
            numbers: list[int] = matches.Match(text.encode("ascii", "followup-word-class"))
            return numbers
        return list(map(self.number.__getitem__, self.scan(text)))

    @cached_property
    def number(self) -> dict[str, int]:
        """Each phrase's number in phrases."""
        return {phrase: index for index, phrase in enumerate(self.phrases)}

    @staticmethod
    def start_of(text: str, phrase: str) -> int:
        """Where *phrase* first occurs in *text* on word boundaries, as scan() finds it; -1 if nowhere."""
        word_start, word_end = _is_word(phrase[0]), _is_word(phrase[-1])
        at = text.find(phrase)
        last = len(text) - len(phrase)
        while at >= 0:
            if not (word_start and at > 0 and _is_word(text[at - 1])) and not (
                word_end and at < last and _is_word(text[at + len(phrase)])
            ):
                return at
            at = text.find(phrase, at + 1)
        return -1

    def first_of(self, text: str, present: Iterable[int], key: Hashable) -> Hit | None:
        """first(), from what present() found in *text*: only the phrases of *key* are looked for."""
        wanted = self.phrases_of.get(key)
        if not wanted:
            return None
        best: Hit | None = None
        phrases = self.phrases
        for number in present:
            phrase = phrases[number]
            if phrase in wanted:
                start = self.start_of(text, phrase)
                if _before(phrase, start, best):
                    best = Hit(phrase, start)
        return best

    def scan(self, text: str) -> dict[str, int]:
        """Each phrase found in *text* (already normalised) on word boundaries, and where it
        first occurs. Keys are left out: a common phrase ("interview") stands for dozens of
        conditions, and most of them are never asked about."""
        found: dict[str, int] = {}
        if not self.size or not text:
            return found
        last = len(text) - 1
        for end, (phrase, length, word_start, word_end) in self._automaton.iter(text):
            if phrase in found:
                continue
            start = end - length
            # _is_word, written out: this runs for every raw hit of every field of every mail.
            if word_start and start > 0 and ((before := text[start - 1]).isalnum() or before == "_"):
                continue
            if word_end and end < last and ((after := text[end + 1]).isalnum() or after == "_"):
                continue
            found[phrase] = start
        return found

    def first(self, found: dict[str, int], key: Hashable) -> Hit | None:
        """The first occurrence, in what scan() *found*, of a phrase of *key*."""
        wanted = self.phrases_of.get(key)
        if not wanted or not found:
            return None
        best: Hit | None = None
        if len(found) < len(wanted):
            for phrase, start in found.items():
                if phrase in wanted and _before(phrase, start, best):
                    best = Hit(phrase, start)
        else:
            for phrase in wanted:
                at = found.get(phrase)
                if at is not None and _before(phrase, at, best):
                    best = Hit(phrase, at)
        return best

    def find(self, text: str) -> dict[Hashable, Hit]:
        """Each key with a phrase in *text* (already normalised), and its first occurrence."""
        found: dict[Hashable, Hit] = {}
        for phrase, start in self.scan(text).items():
            for key in self.keys_of[phrase]:
                previous = found.get(key)
                if _before(phrase, start, previous):
                    found[key] = Hit(phrase, start)
        return found


def _before(phrase: str, start: int, best: Hit | None) -> bool:
    """Whether *phrase* at *start* is a better first hit than *best*: earlier, or at the same place
    longer ("hiring manager" over "hiring"), then the later in alphabetical order, so that the evidence does not depend
    on a set's iteration order (which changes with the hash seed from one process to the next)."""
    if best is None or start != best.start:
        return best is None or start < best.start
    return (len(phrase), phrase) > (len(best.phrase), best.phrase)
