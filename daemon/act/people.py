"""Person or organisation: whether a display name, a signature line or a calendar organizer
names a human a draft may greet. Pure.

A name is a person's when its words read as a given name and a family name (the first word in
a lexicon of given names from many countries, gender-guesser's, used only as a name list), and
none of its words is one an organisation, a team, a platform or a role uses. The candidate's own
name (To, the greeting) is never the contact.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_ORG_WORDS = frozenset(
    """
    team teams recruiting recruitment recruiter recruiters talent talents acquisition careers career jobs job hiring hr
    people notifications notification noreply no-reply reply support service services personal personalabteilung
    personalwesen bewerbermanagement recrutement rh equipe equipo seleccion reclutamiento rrhh recursos humanos
    humaines ressources department abteilung office admin administration info contact kontakt calendar outlook
    system mailer inc llc ltd gmbh ag kg ohg se sa sas sarl sl slu plc corp corporation company co group gruppe
    grupo groupe partners partner holding holdings labs lab solutions systems technologies technology tech software
    consulting services bank clinic clinics klinik kliniken klinikum hospital health healthcare dental medical pharma
    foundation stiftung agency agentur studio studios store stores shop hotels hotel resorts restaurant kitchen
    cafe bakery university universitat universidad universite school college academy institute institut city county
    state government gov council stadt stadtwerke landratsamt ayuntamiento mairie ville department district board
    authority ministry logistics logistik transport industries industrie manufacturing energy energie insurance
    versicherung analytics robotics digital media marketing ventures capital networks network platform platforms
    cloud data ai bot automated the and und et y of for de la le les el los las der die das via at from by
    indeed linkedin greenhouse lever workday smartrecruiters icims taleo workable bamboohr teamtailor personio
    jobvite recruitee hirevue neogov governmentjobs stepstone xing infojobs glassdoor monster ziprecruiter
    public schools school daycare care centre center market foods farms farm house homes garden gardens
    auftrag i.a. ppa im i.v. manager director coordinator specialist assistant officer lead head vp ceo cto cfo founder owner
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_TITLES = re.compile(
    r"^(?:(?:dr|prof|mr|mrs|ms|miss|mx|herr|frau|m|mme|mlle|sr|sra|srta|don|dona|dña|chef)\.?\s+)+", re.I
)
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-ſ", "a-zà-öø-ÿā-ſ"
# "Natarajan", "O'Donnell", "McKenzie", "Jean-Luc", "D'Amico", or an initial "J."
_NAME_WORD = re.compile(
    rf"^(?:[{_UPPER}]['’])?(?:Ma?c)?[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}{_LOWER}][{_LOWER}]+)*$|^[A-Z]\.$"
)
_PARTICLES = frozenset("von van de del della di da du le la der den ten ter bin ben al y dos das".split())  # noqa: SIM905


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _given_names() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """A given name in the lexicon, as written or without its accents (Élodie, Chloé)."""
    detector = _given_names()
    return detector.get_gender(word) != "unknown" or (
        not word.isascii() and detector.get_gender(_fold(word)) != "unknown"
    )


def clean_name(name: str) -> str:
    """A display name or signature line without quotes, titles, ' via Indeed', ' | Acme'."""
    name = re.split(r"\s+(?:via|at|from|@|\||-|–|—|/)\s+|\s*[|,(]\s*", name.strip(" \"'\t"))[0]
    return _TITLES.sub("", name.strip(" \"'.,")).strip()


def person_confidence(name: str, not_these: tuple[str, ...] = ()) -> float:
    """How sure it is that *name* (cleaned) is a person's: 0 for organisations, teams,
    platforms and anyone in *not_these* (the candidate, the company)."""
    words = name.split()
    if not 1 <= len(words) <= 4 or any(c.isdigit() or c in "@&+" for c in name):
        return 0.0
    folded = name.casefold()
    squeezed = re.sub(r"[^a-z]", "", _fold(folded))
    for other in not_these:
        if other.isalnum() and other.islower() and len(squeezed) > 5 and squeezed in other:
            return 0.0  # a domain label that spells the whole name
        other_folded = other.casefold()
        if other_folded and (folded == other_folded or folded in other_folded.split() or other_folded in folded):
            return 0.0
    core = [w for w in words if w.casefold() not in _PARTICLES]
    if not core or any(w.casefold().strip(".") in _ORG_WORDS for w in core):
        return 0.0
    if not all(_NAME_WORD.match(w) for w in core):
        return 0.0
    given = is_given_name(core[0].strip("."))
    if len(core) == 1:
        return 0.6 if given else 0.0
    if given and len(core) <= 3:
        return 0.9
    return 0.5 if given else 0.3


def candidate_names(to_names: tuple[str, ...], text: str) -> tuple[str, ...]:
    """The candidate's own names: the To display names and whoever the mail greets."""
    names = [n for n in to_names if n]
    greeting = re.search(
        r"^(?:dear|hi|hello|hey|good (?:morning|afternoon)|liebe[rs]?|hallo|guten tag|sehr geehrte[rs]?"
        r"(?: herr| frau)?|bonjour|cher|chère|madame|monsieur|hola|estimad[oa]|querid[oa])\s+([^,\n!:]{2,40})",
        text.lstrip(),
        re.I,
    )
    if greeting:
        names.append(greeting.group(1).strip())
    for name in list(names):
        names += [w for w in name.split() if len(w) > 2]
    return tuple(names)
