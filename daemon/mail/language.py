"""Which language a mail is written in, from its function words. Pure and fast.

Rules and templates only need to tell the languages followup ships packs for (and to know
when a mail is in none of them), so counting the commonest function words of each is
enough, explainable, and costs microseconds. Words are in normalised form (no accents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FUNCTION_WORDS = {
    "en": "the and you your for with our that this have are will was would we to of in be is it as at "
    "not from thank please regards dear",
    "de": "und der die das sie ihre ihr ihnen wir uns mit fur ist nicht ein eine einen dem den des "
    "auf zu wurden haben bitte vielen dank gruße grusse freundlichen uber sehr geehrte geehrter",
    "fr": "et de le la les vous votre vos nous pour avec est une des du pas que qui sur dans au aux "
    "merci cordialement candidature sommes avons madame monsieur ete",
    "es": "y de el la los las usted su sus nosotros para con es una del por que en al gracias saludos "
    "hemos estamos muy tu estimado estimada atentamente ha sido como esta este lamentamos nuestra nuestro",
    "nl": "en de het een je jij jouw wij ons voor met niet van op zijn hebben bedankt groeten",
    "it": "e il lo gli le di che per con una sono non grazie saluti nostro vostra",
    "pt": "e o os as voce sua seu nos para com uma nao que obrigado atenciosamente estamos",
}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _LANGS_OF[_word] = (*_LANGS_OF.get(_word, ()), _lang)

FUNCTION_WORDS = frozenset(_LANGS_OF)
"""Every language's function words: no evidence of a category on their own."""
_WORD = re.compile(r"[a-z]+")
SAMPLE_CHARS = 3000
"""Enough text to decide; the rest of a long mail changes nothing."""


@dataclass(frozen=True)
class Guess:
    language: str
    """ISO 639-1 code, or "" when the text gives too little to decide."""
    score: int
    """How many function words of that language were seen."""


def detect(text: str) -> Guess:
    """The language of *text* (normalised: casefolded, accents removed)."""
    counts = _counts(text, _LANGS_OF)
    if not counts:
        return Guess("", 0)
    best = max(counts, key=lambda lang: counts[lang])
    ranked = sorted(counts.values(), reverse=True)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    if counts[best] < 3 or counts[best] < 1.3 * runner_up:
        return Guess("", counts[best])
    return Guess(best, counts[best])


# Day and month names and greetings that belong to one language only (no 'april', 'mai',
# 'august': two languages write them). A booking confirmation ("Hallo …, Mittwoch, 20. Mai")
# can have too few function words to decide, yet its dates say which language it is in.
_DATE_WORDS = {
    "en": "monday tuesday wednesday thursday friday saturday sunday january february march june july "
    "october december hello hi",
    "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar marz juni juli "
    "oktober dezember hallo uhr oder wurde",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril juin juillet "
    "aout septembre octobre novembre decembre bonjour",
    "es": "lunes martes miercoles jueves viernes sabado domingo enero febrero marzo abril mayo junio julio "
    "agosto septiembre octubre noviembre diciembre hola",
}
_LANG_OF_DATE_WORD: dict[str, tuple[str, ...]] = {
    word: (lang,) for lang, words in _DATE_WORDS.items() for word in words.split()
}


def _counts(text: str, langs_of: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """How many of each language's words (*langs_of*) the start of *text* has."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(text[:SAMPLE_CHARS]):
        for lang in langs_of.get(word, ()):
            counts[lang] = counts.get(lang, 0) + 1
    return counts


def detect_by_dates(text: str) -> Guess:
    """The language of *text* (normalised) from its day and month names and greeting, for a text
    whose function words are too few for detect(): two such words, twice any other language's."""
    counts = _counts(text, _LANG_OF_DATE_WORD)
    if not counts:
        return Guess("", 0)
    best = max(counts, key=lambda lang: counts[lang])
    runner_up = max((n for lang, n in counts.items() if lang != best), default=0)
    return Guess(best, counts[best]) if counts[best] >= 2 and counts[best] >= 2 * runner_up else Guess("", counts[best])
