"""Recruitment agencies, in one place: the words of an agency's name, domain, signature and notice,
and of a recruiter writing for a client ("my client", "unser Mandant", "notre client", "nuestro
cliente"). An agency is never the employer nor the company a draft names. Pure.
"""

from __future__ import annotations

import re

CLIENT_WORDS = re.compile(
    r"\b(?:our client|one of our clients|a client of ours|on behalf of (?:our|a|my) client|for a client|my client"
    r"|notre client|mon client|l['’]un de nos clients|pour (?:le compte )?d['’]un client|nuestro cliente|mi cliente|uno de nuestros clientes"
    r"|(?:feedback|respuesta|valoraci[oó]n|decisi[oó]n) del cliente|(?:retour|r[ée]ponse|d[ée]cision) de (?:mon|notre) client"
    r"|(?:feedback|decision|answer) from (?:my|our|the) client"
    r"|para un cliente|unser(?:em|en)? (?:Kunden?|Mandanten?)|im Auftrag unseres|f[üu]r unseren (?:Kunden|Mandanten)"
    r"|f[üu]r einen (?:Kunden|Mandanten))\b",
    re.I,
)
"""An agency's words for the employer it recruits for: the sender is not the employer."""
AGENCY_LABEL = re.compile(
    r"(?:^|-)(?:personal|staffing|search|interim|headhunt\w*|placements?|zeitarbeit|personalberatung)(?:-|$)"
    r"|.-talents?$|[a-z](?:recruit(?:ing|ment|ers)?|staffing)$"
)
"""A domain's word that makes it an agency's: rheinwerk-personal, keystone-staffing, ironbridge-talent
(a firm's own name joined to 'talent' by a hyphen; a 'talent.' host is a platform's or a careers site's),
apexrecruiting, northstaffing: an employer's own recruiters write from its own domain."""
AGENCY_NAME = re.compile(
    r"\b(?:recruitment|recruiting|staffing|personnel|executive search|talents|headhunt\w*|interim|zeitarbeit"
    r"|personalvermittlung|personaldienstleist\w*|personalberat\w*|recrutement|selecci[oó]n de personal|search partners"
    r"|talent (?:group|partners|solutions|agency|ltd|limited|llc)|personal (?:gmbh|ag|service))\b",
    re.I,
)
AGENCY_ONLY = re.compile(
    r"\b(?:staffing|personnel|executive search|talents|headhunt\w*|interim|zeitarbeit|personalvermittlung"
    r"|personaldienstleist\w*|personalberat\w*|search partners|talent (?:group|partners|solutions|agency|ltd|limited|llc)"
    r"|personal (?:gmbh|ag|service)|cabinet de recrutement|agence de recrutement|recruitment (?:agency|consultancy)"
    r"|staffing agency|agencia de (?:selecci[oó]n|colocaci[oó]n)|consultora de selecci[oó]n"
    # a department has no legal form: "Carrow & Finch Recruitment Ltd" is an agency, "Acme Recruitment" may be Acme's
    r"|recruit(?:ment|ing) (?:ltd|limited|llc|inc|gmbh|group|agency|consultancy|consultants|partners|solutions|firm)"
    r"|(?:search|resourcing) (?:ltd|limited|llc|inc|gmbh|group|partners|consultants|consultancy|associates|solutions)"
    r"|int[ée]rim|selecci[oó]n de personal|empresa de trabajo temporal|(?-i:ETT))\b",
    re.I,
)
"""Words only an agency's name has ('Recruiting' alone is often a company's department)."""
AGENCY_NAME_ENDS = re.compile(
    r"(?m)(?<![\w-])(?-i:[A-Z][\w&'’.-]*)[ \t]+(?:Search|Talent Partners|Headhunting)[ \t]*[.,]?[ \t]*$"
)
"""A name line (display name, signature line) that ends in a word only an agency's name ends in:
'Brookfield Search', 'Calder Talent Partners'. Not 'Recruitment', 'Recruiting' or 'Resourcing'
alone: 'Acme Recruiting' and 'Acme Resourcing' are as often Acme's own team or shared mailbox."""


def agency_named(lines: list[str], in_house: str = "") -> bool:
    """Whether these name lines (a display name split at '|', signature lines) name an agency.
    *in_house*: a pattern for words removed first (an in-house "Staffing Advisor")."""
    joined = " ".join(lines)
    if AGENCY_ONLY.search(re.sub(in_house, "", joined) if in_house else joined):
        return True
    return any(AGENCY_NAME_ENDS.search(part) for line in lines for part in re.split(r"[|•·]", line))


AGENCY_SIGNED = re.compile(
    r"\b(?:employment|recruitment|staffing|recruiting|placement) agency\b|\bagence (?:d['’]emploi|de placement)\b"
    r"|\b(?:consultant|berater(?:in)?|consultora?)\b[^\n]{0,60}\b(?:recruitment|recruiting|recrutement|selecci[oó]n)\s*$",
    re.I | re.M,
)
"""A signature that says its writer works for an agency: 'Stratus Recruitment Ltd acts as an employment
agency', 'Consultant - Engineering | Alder & Finch Recruitment'."""


CLIENT_NAMED = re.compile(
    r"(?i:our client|my client|notre client|mon client|nuestro cliente|mi cliente|unser(?:em|en)? (?:Kunden?|Mandanten?)|on behalf of"
    r"|pour le compte de|en nombre de)"
    r"[,:]?\s+(?:(?:la|le|l['’]|el|die|der|the)\s+)?(?P<c>[A-ZÀ-ÞÄÖÜ][\w'’.-]*(?:\s(?:(?:&|de|del|de la|y|et|und|von|van|of)(?=\s)|[A-ZÀ-ÞÄÖÜ][\w'’.-]*)){0,5})"
)
"""An agency's words that name its client: 'on behalf of our client Harmon Freight'."""


CLIENT_SIDE = re.compile(
    r"\bthe client(?:['’]s)?(?: \([^()]{1,60}\)|, [^,.!?]{1,60},)? (?:(?:would like|wants|wishes|is keen|has (?:decided|asked|requested|chosen|confirmed|come back|reviewed|offered))\b"
    r"|(?:is|are) (?:hiring|recruiting|looking for|keen|interested|impressed)\b|(?:liked|loved|decided|chose|felt|confirmed|asked)\b|feedback\b|hiring manager\b)"
    r"|\b(?:from|by|with|to) the client(?:['’]s)? (?:side|hiring manager)\b|\bfeedback from the client\b"
    r"|\b(?:spoken|spoke|talked|heard(?: back)?|back) (?:with|to|from) the client\b"
    r"|\b(?:our|my) client\b(?!-| (?:services?|success|relations(?:hip)?s?|teams?|managers?|partners?|portfolio|base|accounts?|support"
    r"|care|experience|facing|delivery|onboarding|work|projects?|needs|side|list|data)\b)"
    r"|\bon behalf of (?:our|my|the) client|\b(?:notre|mon) client\b(?! (?:final|interne))|\bpour le compte d(?:e|['’]un)\b|\bnuestro cliente\b"
    r"|\b(?:unser|unserem|unseres) (?:kunden?|mandanten?)\b|\bim auftrag (?:von |unseres |eines |unserer |einer )?(?:kunden|mandanten|klienten|auftraggeber)"
    r"|\bim auftrag (?:eines|einer) (?!(?:\w+ )?(?:kollegin|kollegen|mitarbeiter\w*|vorgesetzt\w*|führungskraft|abteilung)\b)",
    re.I,
)
"""An agency recruiter's client: one company ("our client, a fintech", "on behalf of my client",
"im Auftrag unseres Mandanten", "im Auftrag eines Scale-ups", "the client would like to meet
you", "I heard back from the client"), not the team's customers
("our client services team", "unsere Kunden", "a role-play with the client"), nor a secretary
writing for a manager ("im Auftrag von Herrn Dr. Vogel")."""
AGENCY_SAYS = re.compile(
    r"\b(?:acts?|acting|operates?|operating) as an? (?:employment|recruitment|staffing) (?:agency|business)"
    r"|\bagit en (?:qualit[ée] de|tant que) cabinet de recrutement|\bhandelt als personalvermittl|\bact[úu]a como agencia de (?:colocaci[óo]n|selecci[óo]n)",
    re.I,
)
"""An agency's own notice that it is one ("Stratus Recruitment Ltd acts as an employment agency")."""


def agency_words(flat: str) -> str:
    """Why the mail's own words show an agency recruiter writing for a client ('' when they don't):
    it speaks of its client, or says it acts as an agency. *flat*: the text with whitespace folded."""
    if CLIENT_SIDE.search(flat):
        return "the mail speaks of the recruiter's client"
    if AGENCY_SAYS.search(flat):
        return "the mail says the sender acts as an agency"
    return ""
