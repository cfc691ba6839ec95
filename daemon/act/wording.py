"""The article and the preposition a company's name takes in a sentence, per language: "at Acme"
but "at the City of Harlow Springs", "bei der Stadt Ulm", "beim Landratsamt Oberwalden",
"à la Mairie de Saint-Aubin" (not "chez"), "en el Ayuntamiento de Valdeluna". Pure.

A company's own name takes no article; a public body, a university or a hospital named by what it
is ("City of", "Landratsamt", "Mairie de", "Universidad de") takes one, as a letter writes it.
Templates use it as filters: ``{{ company|at("bei") }}``, ``{{ company|the("de", "acc") }}``.
"""

from __future__ import annotations

import re

# The head nouns of institutions named by what they are, with their gender where the language has one.
_EN_HEADS = frozenset(
    [
        "city",
        "town",
        "village",
        "county",
        "state",
        "university",
        "borough",
        "port",
        "department",
        "office",
        "commonwealth",
        "province",
        "district",
        "government",
        "ministry",
        "municipality",
        "region",
    ]
)
"""English: 'City of X' takes 'the'; 'X County', 'Acme University' do not."""
_EN_OF_HEADS = _EN_HEADS | frozenset(
    [
        "institute",
        "foundation",
        "museum",
        "society",
        "trust",
        "association",
        "academy",
        "college",
        "school",
        "library",
        "council",
        "agency",
        "authority",
        "commission",
        "centre",
        "center",
        "board",
        "chamber",
        "hospital",
        "faculty",
    ]
)
"""English heads that take 'the' before 'of' or 'for': 'the Institute of Cancer Research', 'the Museum
of London', 'the Foundation for Rural Health' ('Bank of America' is a brand's name and does not)."""
_EN_LAST_HEADS = frozenset(
    [
        "institute",
        "foundation",
        "trust",
        "association",
        "society",
        "museum",
        "library",
        "commission",
        "authority",
        "institution",
        "observatory",
        "orchestra",
    ]
)
"""English heads that take 'the' at a name's end: 'the Ardenne Institute', 'the Greyfield Housing
Trust', 'the Ashgrove Housing Association'. Not 'University', 'College', 'Hospital', 'Council',
'Agency', 'Group': 'at Halberd University', 'at Westvale Borough Council', 'at Acme Group' read right."""
_EN_BRAND_BEFORE = frozenset(["building"])
"""'Nationwide Building Society' is said without 'the'."""
_DE_HEADS = (
    (
        "f",
        re.compile(
            r"(?:stadt|gemeinde|(?:stadt|kreis|gemeinde)verwaltung|landeshauptstadt|hansestadt|universität|hochschule"
            r"|fachhochschule|bundesagentur|polizei|samtgemeinde|verbandsgemeinde|marktgemeinde"
            # businesses named by their trade: "die Bäckerei Kranz", "die Kanzlei Brandt"
            r"|\w*bäckerei|\w*metzgerei|\w*kanzlei|\w*praxis|\w*klinik|\w*apotheke|\w*stiftung|\w*agentur"
            r"|\w*druckerei|\w*schreinerei|\w*tischlerei|\w*werkstatt|\w*brauerei|\w*gärtnerei|\w*buchhandlung"
            r"|sparkasse|volksbank|raiffeisenbank|\w*genossenschaft|spedition|\w*unternehmensgruppe|\w*versicherung"
            r"|\w*universität|\w*hochschule"
            # a compound's head as German has it: "der Nordwerk Versicherungsgruppe", "der Lindauer Volksbank"
            r"|\w*gruppe|\w+bank|\w*kasse|\w*kammer|\w*behörde|\w*schule|\w*akademie|\w*anstalt|\w*gesellschaft"
            r"|\w*verwaltung|\w*holding)"
        ),
    ),
    (
        "n",
        re.compile(
            r"\w*amt|\w*ministerium|(?:universitäts)?klinikum|krankenhaus|rathaus|jobcenter|studierendenwerk"
            r"|\w*institut|hotel|restaurant|café|\w*büro|\w*zentrum|autohaus|möbelhaus|kaufhaus|modehaus|gasthaus"
            r"|\w*pflegeheim|seniorenheim|\w*labor|\w*museum|\w*theater|\w*krankenhaus|(?:diakonie|hilfs|sozial|jugend|kolping|stahl|kraft|wasser|kali|walz)werk"
        ),
    ),
    (
        "m",
        re.compile(
            r"(?:land)?kreis|bezirk|\w*verband|\w*verlag|\w*verein|\w*pflegedienst"
            r"|kindergarten|\w*betrieb|\w*dienst"
        ),
    ),
    ("p", re.compile(r"stadtwerke|gemeindewerke|wasserwerke|\w*kliniken")),
)
"""German: the first word, whole (Stadt, Stadtverwaltung; Landratsamt, Bezirksamt; Landkreis; a trade
named first: Bäckerei, Kanzlei, Verlag; 'p', a plural: Stadtwerke), or the last, a compound's head
('Rheinblick Kliniken', 'Nordlicht Versicherung', 'Nordwerk Versicherungsgruppe', 'Lindauer Volksbank';
'Caritasverband Oberland' by its first): 'Hafenstadt Bank' (a word of its own, not a compound's head),
'Rheinwerk Energie' are a company's own names."""
_FR_HEADS = {
    **dict.fromkeys(
        [
            "mairie",
            "ville",
            "commune",
            "métropole",
            "région",
            "préfecture",
            "université",
            "école",
            "académie",
            "collectivité",
            "communauté",
            # associations, foundations, clinics: 'à l'Association Les Jardins', not 'chez'
            "association",
            "fondation",
            "clinique",
        ],
        "f",
    ),
    **dict.fromkeys(
        [
            "conseil",
            "centre",
            "département",
            "ministère",
            "hôpital",
            "chu",
            "lycée",
            "collège",
            "rectorat",
            "syndicat",
            "institut",
            "groupe",  # 'au Groupe Hospitalier X', 'au Groupe Ferrand'
        ],
        "m",
    ),
}
"""French: the first word's gender; only these take an article (and 'à' instead of 'chez'): public bodies,
schools, hospitals, clinics, associations, foundations."""
_FR_PUBLIC = frozenset(_FR_HEADS)
"""French names after which 'chez' reads wrong: a public body, a school, a hospital."""
_FR_HEADS |= dict.fromkeys(
    ["cabinet", "laboratoire", "restaurant", "hôtel", "magasin", "garage", "atelier", "bureau", "studio"], "m"
)
_FR_HEADS |= dict.fromkeys(["boulangerie", "pharmacie", "librairie", "agence", "brasserie", "coopérative"], "f")
"""Businesses named by their trade take an article after other prepositions ('au Cabinet Delorme'),
and 'chez' as they are ('chez Cabinet Delorme' reads as a name)."""
_ES_HEADS = {
    **dict.fromkeys(
        [
            "ayuntamiento",
            "hospital",
            "gobierno",
            "servicio",
            "instituto",
            "consorcio",
            "cabildo",
            "consejo",
            "ministerio",
            "centro",
            "colegio",
            "departamento",
            # businesses named by their trade: "el Banco del Altiplano", "el Estudio Ferraro"
            "banco",
            "estudio",
            "despacho",
            "bufete",
            "laboratorio",
            "taller",
            "restaurante",
            "hotel",
            "supermercado",
            "museo",
        ],
        "m",
    ),
    **dict.fromkeys(
        [
            "universidad",
            "diputación",
            "junta",
            "generalitat",
            "comunidad",
            "consejería",
            "xunta",
            "escuela",
            "fundación",
            "asociación",
            "clínica",
            "agencia",
            "mancomunidad",
            "tienda",
            "farmacia",
            "panadería",
            "asesoría",
            "gestoría",
            "consultora",
            "cooperativa",
            "residencia",
            "academia",
            "inmobiliaria",
            "constructora",
            "librería",
        ],
        "f",
    ),
}
"""Spanish: the first word's gender."""

_DE_ADJECTIVE = re.compile(r"\w*(?:isch|lich|ig|ell|al|iv|ein|eu|tsch|ier)e[nrs]?")
"""A German adjective before a head noun ('Technische', 'Evangelische', 'Allgemeine', 'Deutsche')."""
_DE_WEAK_ADJECTIVE = re.compile(
    r"\w*(?:isch|lich|ig|ell|al|iv|tsch|ier|eu)e|\w{2,}(?:isch|lich|ig|ell|al|iv|tsch|ier|eu)e[rs]"
)
"""An adjective as a name writes it, after 'die/das' ('Hanseatische') or alone ('Evangelisches',
'Deutscher'; not a family name such as Fischer or Keller): after an article it declines."""
_DATIVE = frozenset(("bei", "mit", "an", "von", "zu", "aus", "nach"))
_DE_CONTRACTED = {"bei": "beim", "an": "am", "von": "vom", "zu": "zum"}
_FR_CONTRACTED = {("à", "le"): "au", ("de", "le"): "du", ("à", "les"): "aux", ("de", "les"): "des"}
_LANGUAGE = {
    **dict.fromkeys(("at", "with", "from", "about", "to", "in", "for", "of"), "en"),
    **dict.fromkeys(("bei", "mit", "an", "von", "zu", "für", "über", "aus", "nach"), "de"),
    **dict.fromkeys(("chez", "à", "avec", "pour", "sur", "de"), "fr"),
    **dict.fromkeys(("en", "con", "para", "por", "a"), "es"),
}
_SENTENCE_ARTICLES = {"fr": frozenset(("le", "la", "les", "l'", "l’"))}
"""A French name's own article ('Les Éditions du Phare'), lower case in a sentence, contracted as French
does ('aux Éditions du Phare', 'au Monde'). Spanish keeps a name's article whole ('en El Corte Fino')."""
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöûüh]", re.I)


def _first(name: str) -> str:
    return name.split()[0].casefold() if name.split() else ""


_OWN_ARTICLE = re.compile(r"(?:The|La|Le|Les|L['’]|El|Los|Las|Die|Der|Das)(?:\s|(?<=['’]))")
"""A name that writes its own article ('The Ashgrove Trust', 'La Maison Ferrand'): it takes no other."""


def _own_article(name: str, language: str) -> re.Match[str] | None:
    """The French article *name* begins with, which a sentence writes in lower case."""
    own = _OWN_ARTICLE.match(name)
    return own if own and own.group().strip().lower() in _SENTENCE_ARTICLES.get(language, ()) else None


def _en_kind(words: list[str]) -> str:
    """'n' when an English name takes 'the', else ''."""
    first, last = words[0].casefold(), words[-1].casefold()
    if len(words) > 2 and words[1] in ("of", "for") and first in _EN_OF_HEADS:
        return "n"
    if len(words) > 1 and last in _EN_LAST_HEADS and words[-2].casefold() not in _EN_BRAND_BEFORE:
        return "n"
    return ""


def _de_head(words: list[str]) -> tuple[str, int]:
    """A German name's gender and the place of its head noun: the first word, the first after
    adjectives in their weak form ('Hanseatische Handelsbank', 'Technische Universität Ahlen'),
    else the last one ('Rheinblick Kliniken'), or ('', 0)."""
    lead = 0
    while lead < len(words) - 1 and _DE_WEAK_ADJECTIVE.fullmatch(words[lead].casefold()):
        lead += 1
    for index in dict.fromkeys((0, lead, len(words) - 1)):
        if any(_DE_ADJECTIVE.fullmatch(w.casefold()) for w in words[min(index, lead) : index]):
            break  # 'Nordische Handels Gruppe': an adjective in the middle is no simple name; left bare
        if words[index][:1].isupper():
            word = words[index].casefold()
            kind = next((g for g, head in _DE_HEADS if head.fullmatch(word)), "")
            if kind:
                return kind, index
    return "", 0


def gender(name: str, language: str) -> str:
    """'m', 'f' or 'n' when *name* takes an article in *language* (an institution named by what it
    is), else ''."""
    words = name.split()
    first = _first(name)
    if not words or _OWN_ARTICLE.match(name):
        return ""
    if language == "en":
        return _en_kind(words)
    if language == "de":
        if len(words) < 2 or not words[0][:1].isupper():
            return ""
        return _de_head(words)[0]
    if language == "fr":
        return _FR_HEADS.get(first, "") if len(words) > 1 else ""
    if language == "es":
        return _ES_HEADS.get(first, "") if len(words) > 1 else ""
    return ""


def bare(name: str) -> str:
    """*name* without the English article it writes ('Ashgrove Trust' for 'The Ashgrove Trust'), for
    a template that writes its own: 'the {{ company|bare }} decision'."""
    return name[4:] if name.startswith("The ") and len(name) > 4 else name


def the(name: str, language: str, case: str = "", start: bool = False) -> str:
    """*name* with the article it takes in a sentence ('the City of Harlow Springs', 'das
    Landratsamt X' (case 'acc'), 'dem Landratsamt X' (case 'dat'), 'la Mairie de X', "l'Université
    de X", 'el Ayuntamiento de X'), or *name* as it is. *start*: the article opens a sentence. An
    English name's own 'The' is the sentence's article there: 'the Ashgrove Trust'."""
    if language == "en" and bare(name) != name:
        return f"{'The' if start else 'the'} {bare(name)}"
    if _own_article(name, language) and not start:
        return name[0].lower() + name[1:]  # "découvrir les Éditions du Phare"
    kind = gender(name, language)
    if not name or not kind:
        return name
    if language == "en":
        article = "the"
    elif language == "de":
        article = {
            "dat": {"f": "der", "m": "dem", "n": "dem", "p": "den"},
            "acc": {"f": "die", "m": "den", "n": "das", "p": "die"},
        }.get(case, {"f": "die", "m": "der", "n": "das", "p": "die"})[kind]
        words = name.split()
        index = _de_head(words)[1]
        if kind == "p" and case == "dat" and words[index].endswith("e"):  # "bei den Stadtwerken Ahlfeld"
            words[index] += "n"
        # After the article an adjective is weak: "bei der Hanseatischen Handelsbank", "den Deutschen
        # Verlag", "beim Evangelischen Diakoniewerk" (written "Evangelisches" without one)
        ending = "en" if case == "dat" or kind == "p" or (case == "acc" and kind == "m") else "e"
        words[:index] = [
            re.sub(r"e[rs]?$", ending, w) if _DE_WEAK_ADJECTIVE.fullmatch(w.casefold()) else w for w in words[:index]
        ]
        name = " ".join(words)
    elif language == "fr":
        if _VOWEL.match(name):
            return f"{'L' if start else 'l'}'{name}"
        article = "la" if kind == "f" else "le"
    else:
        article = "la" if kind == "f" else "el"
    return f"{article.capitalize() if start else article} {name}"


def at(name: str, preposition: str) -> str:
    """*preposition* and *name* as a letter joins them: 'at the City of X', 'bei der Stadt X',
    'beim Landratsamt X', 'à la Mairie de X' for 'chez', 'au Conseil départemental',
    'en el Ayuntamiento de X'; 'at Acme', 'chez Acme' for a company's own name."""
    language = _LANGUAGE.get(preposition, "en")
    if not name:
        return ""
    if language == "fr" and preposition == "chez":
        if _first(name) not in _FR_PUBLIC:
            return f"chez {name}"
        preposition = "à"
    kind = gender(name, language)
    if language == "en" and bare(name) != name:
        return f"{preposition} {the(name, language)}"
    if own := _own_article(name, language):
        # the name's own article joins the preposition: "aux Éditions du Phare", "sur les Éditions du Phare"
        article, rest = own.group().strip().lower(), name[own.end() :].lstrip()
        joined = _FR_CONTRACTED.get((preposition, article))
        if joined:
            return f"{joined} {rest}"
        space = "" if article.endswith(("'", "’")) else " "
        return f"{preposition} {article}{space}{rest}"
    if not kind:
        return f"{preposition} {name}"
    if language == "de":
        phrase = the(name, "de", "dat" if preposition in _DATIVE else "acc")
        article, _, rest = phrase.partition(" ")
        if article == "dem" and preposition in _DE_CONTRACTED:
            return f"{_DE_CONTRACTED[preposition]} {rest}"
        if article == "der" and preposition == "zu":
            return f"zur {rest}"
        return f"{preposition} {phrase}"
    phrase = the(name, language)
    article, _, rest = phrase.partition(" ")
    if language == "fr" and (preposition, article) in _FR_CONTRACTED:
        return f"{_FR_CONTRACTED[preposition, article]} {rest}"
    if language == "es" and article == "el" and preposition in ("a", "de"):
        return f"{preposition}l {rest}"
    return f"{preposition} {phrase}"
