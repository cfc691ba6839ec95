"""Many phrases, one pass: an Aho-Corasick automaton over normalised text.

Rules hold hundreds of phrases per field. Trying them one regex at a time costs a pass per
rule; one automaton per field finds every occurrence of every phrase in a single pass
(pyahocorasick, in C), including phrases that overlap or nest. Word boundaries are checked
on the few raw hits afterwards, so "role" does not match inside "roles".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable
from typing import NamedTuple

import ahocorasick

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
