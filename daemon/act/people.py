"""Person or organisation: whether a display name, a signature line or a calendar organizer
names a human a draft may greet. Pure.

A name is a person's when its words read as a given name and a family name (the first word in
a lexicon of given names from many countries, gender-guesser's, used only as a name list), and
none of its words is one an organisation, a team, a platform or a role uses. The candidate's own
name (To, the greeting) is never the contact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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
    retail telecom telekom télécom telecoms wholesale trading brewery brauerei bau immobilien consultants apparel motors
    street st road rd avenue ave square plaza drive boulevard blvd parkway suite floor building tower straße strasse
    str platz weg allee gasse rue calle avenida paseo carrer rua piazza
    one two three four five six seven eight nine ten departamento area proceso atraccion talento gestion direccion
    direction service
    construction constructions contracting contractors builders roofing plumbing electrical landscaping bros brothers
    sons hermanos hijos söhne soehne sohne frères freres cie personalamt personalstelle personalbüro personalburo
    your ihr ihre unser unsere our votre nuestro nuestra
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_TITLES = re.compile(
    r"^(?:(?:dr|dra|prof|profa|professor|professorin|profesor|profesora|professeur|professeure|mag|dipl\.-ing|ing|mr|mrs"
    r"|ms|miss|mx|herr|frau|m|mme|mlle|madame|monsieur|mademoiselle|docteure?|doctora?|sr|sra|srta|don|dona|dña|chef"
    r"|ma[îi]tre|me|lic|lcda|lcdo|mtra|mtro|arq|abg|abog"
    r"|dipl\.-?\s?[a-zäöü]{2,12}"
    r"|med|dent|vet|phil|jur|iur|habil|rer\.\s?(?:nat|pol|oec|medic)|h\.\s?c)"
    r"\.?\s+|(?:i\.\s?a\.|i\.\s?v\.|ppa\.|pp\.?|p\.\s?p\.)\s*|[-–—]+\s*)+",
    re.I,
)
_ACADEMIC = re.compile(r"\b(?:prof|profa|professor|professorin|profesor|profesora|professeure?|dr|dra|mag)\b\.?", re.I)
"""The titles a greeting keeps ('Dear Dr. Whitlow', 'Guten Tag Frau Prof. Dr. Hartlieb')."""
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞĀ-ſ", "a-zßà-öø-ÿā-ſ"
# "Natarajan", "O'Donnell", "McKenzie", "Jean-Luc", "D'Amico", an initial "J.", or a Spanish given
# name abbreviated with its ordinal letter ("Mª", "M.ª" for María: "Rosa Mª Clemente")
_NAME_WORD = re.compile(
    rf"^(?:[{_UPPER}]['’])?(?:Ma?c)?[{_UPPER}][{_LOWER}]+(?:[-'’][{_UPPER}{_LOWER}][{_LOWER}]+)*$|^[A-Z]\.$|^[A-Z]\.?[ªº]\.?$"
)
_PARTICLES = frozenset("von van zu de del della di da du le la der den ten ter bin ben al y i dos das".split())  # noqa: SIM905


def _fold(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@cache
def _given_names() -> Any:
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """A given name in the lexicon, as written or without its accents (Élodie, Chloé); a
    hyphenated one (Kai-Uwe, Jean-Marc) when each of its parts is."""
    detector = _given_names()
    if detector.get_gender(word) != "unknown" or (not word.isascii() and detector.get_gender(_fold(word)) != "unknown"):
        return True
    parts = word.split("-")
    return len(parts) == 2 and all(len(p) > 1 and is_given_name(p) for p in parts)


_LETTERS_AFTER = re.compile(
    r"(?:,?\s+(?:Ph\.?\s?D|M\.?D|MBA|MSc|BSc|M\.?A|B\.?A|BEng|MEng|LLB|LLM|JD|Esq|SHRM-(?:CP|SCP)|PHR|SPHR|CPA|CFA|PMP"
    r"|CEng|RIBA|ARB|FCA|ACA|ACCA|CIMA|[FM]?CIPD|[FM]RICS|RN|MSW|OBE|MBE|CBE|FRSA|P\.?E)\.?(?:\s*\(Hons\))?)+$"
)
"""Degrees and professional letters after a name ('Judith Marlow RIBA', 'Kate O'Connell FCA, CPA')."""


def clean_name(name: str) -> str:
    """A display name or signature line without quotes, titles, ' via Indeed', ' | Acme'; 'Whitlow,
    Karen' (a directory's order) as 'Karen Whitlow'."""
    name = name.strip(" \"'\t")
    reversed_ = re.fullmatch(rf"([{_UPPER}][\w'’-]+),\s*([{_UPPER}][\w'’-]+(?:\s[{_UPPER}]\.)?)", name)
    if reversed_:
        name = f"{reversed_.group(2)} {reversed_.group(1)}"
    name = re.split(r"\s+(?:via|vía|at|from|@|\||-|–|—|/)\s+|\s*[|,(·]\s*", _TITLES.sub("", name))[0]
    name = _LETTERS_AFTER.sub("", name)
    return _TITLES.sub("", name.strip(" \"'.,")).strip()


_AT_EMPLOYER = re.compile(r"\s+(?:von|vom|bei|van|from|de|chez|del|of)\s+(?=\S)", re.I)
_NOBLE_TAIL = frozenset("der den dem zu und van de".split())  # noqa: SIM905


def without_employer(name: str, employers: tuple[str, ...] = ()) -> str:
    """A signer's name without the employer it says it writes from: 'Felix von Lindenhaus
    Kaffeerösterei', 'Felix bei Acme' as 'Felix'. What follows 'von' is a family name when it
    is one word after the particles ('Anna-Lena von Bergen', 'Ursula von der Leyen'), an
    employer when it is more; what follows 'bei', 'chez', 'of' is one when *employers* (the
    company, the domains' labels) begin with it. 'de Castro' at castro-abogados stays a name."""
    for match in _AT_EMPLOYER.finditer(name):
        head, rest = name[: match.start()], name[match.end() :]
        words = [w for w in rest.split() if w.casefold() not in _NOBLE_TAIL]
        squeezed = re.sub(r"[^a-z0-9]", "", _fold(rest.casefold()))
        named = len(squeezed) > 3 and any(
            re.sub(r"[^a-z0-9]", "", _fold(e.casefold())).startswith(squeezed) for e in employers if e
        )
        word = match.group().strip().casefold()
        if head and ((named and word not in _PARTICLES) or (word in ("von", "vom") and len(words) >= 2)):
            return head
    return name


_SPELLED_OUT: dict[str, str] = {
    "professor": "Prof.",
    "professorin": "Prof.",
    "profesor": "Prof.",
    "professeur": "Prof.",
    "professeure": "Prof.",
    "profesora": "Profa.",
}
"""A title written out, as a greeting abbreviates it."""


_FEMALE_TITLES = frozenset("frau professorin doktorin dra dra. profa profa.".split())  # noqa: SIM905
_MALE_TITLES = frozenset(["herr"])


def academic_title(line: str) -> str:
    """The academic title a signature line or display name gives its person ('Prof. Dr.', 'Dra.'), or '';
    led by 'Frau' or 'Herr' when the line says which ('Frau Dr.', 'Herr Prof.', 'Professorin'): a German
    greeting uses it where the given name does not tell ('Frau Dr. von Bergen' for Anna-Lena)."""
    head = _TITLES.match(line.strip(" \"'\t"))
    titles: list[str] = [_SPELLED_OUT.get(t.casefold(), t) for t in (_ACADEMIC.findall(head.group()) if head else [])]
    words = {w.casefold() for w in head.group().split()} if head else set()
    form = "Frau " if words & _FEMALE_TITLES else "Herr " if words & _MALE_TITLES else ""
    return (form + " ".join(t if t.endswith(".") else t + "." for t in titles)).strip()


def gender(given: str) -> str:
    """'f' or 'm' when the lexicon is sure of a given name's gender (Herr or Frau in a greeting), else ''."""
    found = _given_names().get_gender(given)
    if found == "unknown" and not given.isascii():
        found = _given_names().get_gender(_fold(given))
    return {"female": "f", "male": "m"}.get(found, "")  # "mostly" and "andy" names (Kim, Andrea) tell nothing


_SAINTS = frozenset(["san", "santa", "santo", "sao", "saint", "sainte", "st", "ste", "sankt"])
"""A first word that names a saint: what follows is a place's or an institution's name."""


def person_confidence(name: str, not_these: tuple[str, ...] = ()) -> float:
    """How sure it is that *name* (cleaned) is a person's: 0 for organisations, teams,
    platforms and anyone in *not_these* (the candidate, the company)."""
    words = name.split()
    named = [w for w in words[1:-1] if w.casefold() not in _PARTICLES]
    if not 1 <= len(words) <= 6 or len(named) > 2 or any(c.isdigit() or c in "@&+" for c in name):
        return 0.0  # at most four words besides particles: 'María José de la Cruz Pérez'

    folded = name.casefold()
    squeezed = re.sub(r"[^a-z]", "", _fold(folded))
    for other in not_these:
        if other.isalnum() and other.islower() and len(squeezed) > 5 and other.startswith(squeezed):
            return 0.0  # a domain label that starts with the whole name (a relay's may end with a person's)
        other_folded = other.casefold()
        inside = other_folded in folded and (
            len(other_folded) > 3 or re.search(rf"(?<!\w){re.escape(other_folded)}(?!\w)", folded)
        )  # a short domain label ('ac' of .ac.uk) is no part of 'Achterberg'
        if other_folded and (folded == other_folded or folded in other_folded.split() or inside):
            return 0.0
    # A particle stands between the given and the family name, never as either (Ben Carter, Priyanka Das).
    core = words[:1] + [w for w in words[1:-1] if w.casefold() not in _PARTICLES] + words[1:][-1:]
    if words[0].casefold() in _PARTICLES - {"ben", "al"}:
        return 0.0  # 'Le Maire', 'De Vries' alone: no given name
    if _fold(words[0].casefold().rstrip(".")) in _SAINTS and len(words) > 2:
        return 0.0  # 'San Rafael de la Vega', 'Santa Maria del Mar': a place or a hospital, named for a saint
    if (
        not core
        or any(
            _fold(w.casefold().strip(".")) in _ORG_WORDS
            and not (len(core) > 1 and w.casefold() in _PARTICLES)
            and not (0 < i < len(core) - 1 and w == "El")  # 'Fatima El Idrissi': a family name's article
            for i, w in enumerate(core)
        )
        or any(_fold(part.casefold()) in _ORG_WORDS - _PARTICLES for w in core for part in w.split("-")[1:])
    ):
        return 0.0
    if not all(_NAME_WORD.match(w) for w in core):
        return 0.0
    given = is_given_name(core[0].strip("."))
    if len(core) == 1:
        return 0.6 if given else 0.0
    if given and (len(core) <= 3 or is_given_name(core[1])):
        return 0.9  # four words when two are given names: 'Rosa María Escribano Gil'

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


def spells(name: str, local: str) -> bool:
    """Whether an address's local part spells *name* the ways mailboxes are made: first.last,
    flast, f.last, first, last.first, the initials of a double given name (jm.fournier for
    Jean-Marc Fournier); umlauts plain or spelled out (katrin.boessler). Inside a relay's local
    part the name may stand after the employer's (laboratorios-ebro-sergio-navarro)."""
    words = [w for w in name.split()[:-1] if w.casefold() not in _PARTICLES] + name.split()[-1:]
    if not words or not local:
        return False
    tokens = [t for t in re.split(r"[._+-]+", local.casefold()) if t]
    runs = {"".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)}
    for spelled in (_letters(words, False), _letters(words, True)):
        first, last = spelled[0], spelled[-1]
        initials = "".join(p[:1] for w in spelled[:-1] for p in w.split("-"))
        first = first.replace("-", "")
        forms = {first + last, first[:1] + last, last + first, initials + last, first}
        if len(spelled) > 1:
            forms.add(last)
        if any(len(f) >= 3 and f in runs for f in forms):
            return True
    return False


def _letters(words: list[str], german: bool) -> list[str]:
    out = []
    for word in words:
        word = word.casefold()
        if german:
            for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
                word = word.replace(umlaut, spelled)
        out.append(re.sub(r"[^a-z-]", "", _fold(word).replace("ß", "ss")))
    return out


@dataclass(frozen=True)
class Signed:
    """A name line of a signature block, and what the block around it shows."""

    name: str
    title: str
    """Its academic title ('Dr.', 'Prof. Dr.'), for the greeting."""
    sign_off: bool
    """Under a sign-off line ('Best regards,', 'Looking forward to it,') or after a dash ('- Priscilla')."""
    block: bool
    """Over the lines a signature has: a job title, a company, a phone number."""
    last: bool = False
    """The mail's last line, under a blank one, with nothing else around it."""
    for_another: bool = False
    """Signed on another's behalf ('i. A. Sabine Roth', 'pp. Jane Doe'): the secretary, not the writer."""
    below: str = ""
    """The line under it (a job title, a company)."""


def signed_names(text: str, closing: re.Pattern[str], is_title: Callable[[str], bool], tail: int = 25) -> list[Signed]:
    """The lines near a mail's end that sign it as a signature is laid out: a sign-off line (or
    a blank line) above, a name line, then title, company, address and phone lines below. A
    line under another block line (the company's address under its name) signs nothing."""
    lines = [line.strip() for line in text.rstrip().splitlines()][-tail:]
    found = []
    for index, line in enumerate(lines):
        if not line or closing.fullmatch(line):
            continue
        head, comma, rest = [*re.split(r"(\s*,\s*|\s+[·|•]\s+)", line, maxsplit=1), "", ""][:3]
        # 'Thomas, Talent Acquisition Manager chez Papyrus', 'Dev Raghunathan · Head of Infrastructure · Cobalt
        # Forge': the name with its title on one line
        own_title = bool(comma) and len(head.split()) <= 4 and is_title(rest.strip()) and len(rest.split()) <= 10
        if not own_title and len(line.split()) > 6:
            continue
        if not own_title and re.search(r"[.!?:;]$", line) and not re.search(r"\b[A-Z]\.$", line):
            continue  # a sentence, not a name ('Jane Q.' ends with an initial)
        above = next((lines[i] for i in range(index - 1, -1, -1) if lines[i]), "") if index else ""
        directly_above = lines[index - 1] if index else ""
        dashed = bool(re.match(r"[-–—]+\s*\S", line))
        # under the signature delimiter ('-- '): the signature's first line, as after a closing
        sign_off = (
            dashed
            or directly_above == "--"
            or bool(above == directly_above and above and (closing.fullmatch(above) or _sign_off_line(above)))
        )
        last = index == len(lines) - 1 and index > 0
        titled = last and bool(directly_above) and is_title(directly_above) and len(directly_above.split()) <= 8
        if directly_above and not sign_off and not titled:
            continue  # under another line of a block, not heading one ('La Directrice des RH' / 'Nathalie Lefort' ends one)
        below = lines[index + 1] if index + 1 < len(lines) else ""
        block = own_title or titled or (bool(below) and (is_title(below) or _block_line(below)))
        if not (sign_off or block or last):
            continue
        name = clean_name(head if own_title else line)
        if not name:
            continue
        if " " not in name and _TITLES.match(line) and not dashed:
            continue  # 'i. A. Wagner', 'Dr. Weber': a family name alone
        for_another = bool(_ON_BEHALF.match(line) or _ON_BEHALF.fullmatch(directly_above))
        below = (
            rest.strip() if own_title and comma.strip() in "·|•" else below
        )  # the title beside the name is its line below
        found.append(
            Signed(name, academic_title(line), sign_off, block, last and not (sign_off or block), for_another, below)
        )
    return found


_ON_BEHALF = re.compile(
    r"(?:im auftrag|in vertretung|i\.\s?a\.?|i\.\s?v\.?|ppa?\.?|p\.\s?p\.?|p\.\s?o\.?)(?:\s|$)", re.I
)


def _sign_off_line(line: str) -> bool:
    """'Looking forward to it,', 'Thanks so much!', 'lmk!', 'Im Auftrag': a short line that ends a letter's text."""
    if re.fullmatch(r"(?:im auftrag|in vertretung|i\.\s?a\.|i\.\s?v\.|pp?a?\.?|p\.\s?p\.)", line, re.I):
        return True
    return (
        len(line.split()) <= 6
        and bool(re.search(r"[,!]$", line))
        and not re.match(r"(?:dear|hi|hello|hey|hallo|liebe|sehr|bonjour|cher|ch[èe]re|hola|estimad)", line, re.I)
    )


def _block_line(line: str) -> bool:
    """A signature's line under the name: short, not a sentence (a company, a department, a phone)."""
    return len(line.split()) <= 10 and not re.search(r"[.!?:]$", line) and not re.search(r"https?://", line)


def salutation(name: str, title: str, language: str) -> str:
    """The name a greeting uses in *language*: the first name in English and Spanish, the full
    name in German and French; with an academic title the way each language writes it: 'Dr.
    Whitlow', 'Dra. Collado', 'Frau Prof. Dr. Hartlieb' (Herr/Frau when the given name tells)."""
    words = name.split()
    if not words:
        return ""
    family = words[-1]
    for word in reversed(words[1:-1]):  # 'de Vries', 'van der Berg'
        if word.casefold() not in _PARTICLES:
            break
        family = f"{word} {family}"
    titles = title.split()
    said = next((t + " " for t in titles if t in ("Frau", "Herr")), "")  # the mail's own 'Frau Dr.'
    titles = [t for t in titles if t not in ("Frau", "Herr")]
    courtesy = [t for t in titles if t.rstrip(".").casefold() in ("mr", "mrs", "ms", "miss", "mx")]
    titles = [t for t in titles if t not in courtesy]  # 'Mrs.' greets in English only
    title = " ".join(titles)
    if language == "de" and (titles or (said and len(words) > 1)):
        form = said or {"f": "Frau ", "m": "Herr "}.get(gender(words[0]), "")
        return f"{form}{title} {family}".replace("  ", " ") if form else f"{title} {name}"
    if language == "fr" or language == "de":
        return name
    kept = [t for t in titles if t.rstrip(".").casefold() in ("dr", "dra", "prof", "profa")]
    if language == "en":  # 'Prof. Dr. Hartlieb' is 'Prof. Hartlieb' in English, 'Dra.' is 'Dr.'
        kept = ["Prof." if any(t.startswith("Prof") for t in kept) else "Dr."] if kept else []
    if kept:
        return f"{kept[0] if len(kept) == 1 or language == 'en' else ' '.join(kept)} {family}"
    if language == "en" and courtesy and len(words) > 1:
        return f"{courtesy[0]} {family}"  # 'Mrs. Joanna Atherton' signs so to be greeted 'Dear Mrs. Atherton'
    # A double given name: 'Francisco Javier' Moreno, 'Wei Ling' Tan. Elsewhere a second given name is a
    # middle name, left out of a greeting ('James Robert Miller' is 'James').
    double = len(words) >= 3 and (language == "es" or (len(words[0]) <= 3 and len(words[1]) <= 4))
    if double and words[1].casefold() not in _PARTICLES and is_given_name(words[1]):
        return f"{words[0]} {words[1]}"
    return words[0]
