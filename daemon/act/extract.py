"""What templates and reminders need from a mail: who to thank, which company and role, when
the interview is, and the links worth keeping (scheduling, careers / talent network). Pure.

The interview time comes from an attached text/calendar invitation when there is one (its
DTSTART carries the time zone), otherwise from the text: one date with one time, in English,
German, French or Spanish, with a time-zone abbreviation when the recruiter wrote one. A mail
that offers several slots has no interview time yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache

from followup.act.agency import (
    AGENCY_LABEL,
    AGENCY_NAME,
    AGENCY_ONLY,
    AGENCY_SIGNED,
    CLIENT_NAMED,
    CLIENT_WORDS,
    agency_named,
    agency_words,
)
from followup.act.people import (
    Signed,
    academic_title,
    candidate_names,
    clean_name,
    is_given_name,
    person_confidence,
    signed_names,
    spells,
    without_employer,
)
from followup.act.platforms import Platforms, registrable
from followup.act.situation import Situation, long_interview_end, offers_a_choice, situation
from followup.act.when import (
    calendar_organizer,
    interview_time,
    interview_time_in_calendar,
    interview_time_in_text,
    sender_zone,
)
from followup.classify.phrases import normalize
from followup.mail.language import detect, detect_by_dates
from followup.model import Address, Mail

_SCHEDULING_HOSTS = (
    "calendly.com", "goodtime.io", "cal.com", "doodle.com", "youcanbook.me", "zcal.co", "savvycal.com",
    "calendar.app.google", "meetings.hubspot.com", "chilipiper.com", "acuityscheduling.com", "bookings.zoho",
)  # fmt: skip
_SCHEDULING_NAMES = frozenset(
    ("calendly", "goodtime", "doodle", "youcanbook", "zcal", "savvycal", "chilipiper", "acuityscheduling", "modernloop")
)
"""Scheduling services by their registrable name, whatever the country domain they are reached at."""
_SCHEDULING_PATH = re.compile(
    r"schedul|/meetings/|bookwithme|/owa/calendar/|/appointments|booking|/book(?:/|$|\?)|termin|rendez-vous|/cita|availability"
    r"|/(?:interview|slot)s?/(?:select|pick|choose)|timeslot",
    re.I,
)
_CAREERS = re.compile(
    r"talent[-_]?(?:network|community|pool)|/connect\b|careers?|/jobs\b|jobs\.|karriere|carriere|empleo|trabaja|join[-_]?us",
    re.I,
)
_TALENT_NETWORK = re.compile(r"talent[-_]?(?:network|community|pool)|/connect\b", re.I)


@dataclass(frozen=True)
class Facts:
    contact: Address | None
    """A human to address, never a no-reply or ATS system address."""
    company: str
    role: str
    ats: str = ""
    """The applicant-tracking system or job board that sent the mail, if any."""
    interview_at: datetime | None = None
    """When the interview starts (time-zone aware), if the mail fixes one."""
    interview_end: datetime | None = None
    interview_source: str = ""
    """'calendar', 'text', or 'text (time zone assumed)'."""
    scheduling_links: tuple[str, ...] = ()
    careers_links: tuple[str, ...] = ()
    """Careers pages and talent networks; talent networks first."""
    language: str = "en"
    """The mail's language (en, de, fr, es, ...): replies are drafted in it when a template exists."""
    to: str = ""
    """The draft's recipient: one addr-spec, or empty when the mail has none that takes replies."""
    evidence: tuple[Fact, ...] = ()
    """Every fact considered, with its source and confidence (``followup explain`` shows them)."""
    situation: Situation = field(default_factory=lambda: Situation())
    contact_title: str = ""
    """The contact's academic title ('Dr.', 'Prof. Dr.', 'Dra.') as the mail writes it, for the greeting."""
    contact_agency: bool = False
    """The contact is an agency's recruiter, not the employer's (nor at the interview); evidence says why."""
    to_assistant: bool = False
    """The recipient is a scheduling chatbot's or virtual assistant's box (olivia@paradox.ai): it takes
    'RESCHEDULE', not thanks."""
    interviewer_address: str = ""
    """An address the mail gives for the person who holds the interview, when its local part spells the name."""
    to_owner: str = ""
    """Whose own mailbox *to* is, when no contact signs for it and the text names its owner anywhere
    ('You will meet with Margaret Chu' … 'reply to margaret.chu@'): the draft greets that person.
    Not the contact: the mail's writer is a team or a robot."""
    titles: tuple[tuple[str, str], ...] = ()
    """The academic titles the mail gives the people a draft may greet other than the contact
    (the interviewer, the mailbox's owner): ('Montserrat Casals', 'Dra.')."""

    def title(self, name: str) -> str:
        """The academic title the mail gives *name*, or ''."""
        return self.contact_title if self.contact and name == self.contact.name else dict(self.titles).get(name, "")


INTERVIEW_WINDOW = timedelta(days=2 * 365)
"""An interview time further than this from the mail's date is a mistake or a trap (an event in
year 1 or 9999, whose arithmetic overflows later on): no interview time at all."""


def within_reach(start: datetime, end: datetime | None, sent: datetime | None) -> bool:
    """Whether an interview's times lie within INTERVIEW_WINDOW of *sent* (the mail's date;
    without one, no time is believed). Whatever found the times, they pass here."""
    return sent is not None and all(abs(t - sent) <= INTERVIEW_WINDOW for t in (start, end) if t is not None)


_MANAGE = re.compile(
    r"\b(?:reschedul\w*|cancel\w*|manage (?:your |the |my )?(?:booking|appointment|reservation|interview)|make (?:any )?changes"
    r"|modifier|annuler|d[ée]placer|ändern|stornieren|absagen|verschieben|umbuchen|cancelar|anular|modificar|cambiar)\b",
    re.I,
)
"""Words that introduce a link to change or cancel a booked time ('Need to make changes? Manage
booking:', 'Pour modifier ou annuler :', 'Termin ändern:', 'Para cambiar o cancelar:')."""


def _managed_by(url: str, text: str) -> bool:
    """Whether the text introduces *url* as a link to change or cancel a booking: manage words on
    its line or the line before it. Such a page picks no time for an interview not yet booked."""
    at = text.find(url)
    if at < 0:
        at = text.find(url.rstrip("/"))
    if at < 0:
        return False
    before = text[max(0, at - 120) : at]
    before = re.split(r"\n[ \t]*\n", before)[-1]  # this paragraph only
    return bool(_MANAGE.search("\n".join(before.split("\n")[-2:])))


def _links(mail: Mail, p: Platforms) -> tuple[tuple[str, ...], tuple[str, ...]]:
    scheduling, careers = [], []
    for url in mail.links:
        host = re.sub(r"^https?://", "", url).split("/")[0].lower()
        if re.search(r"reschedul|cancel", url, re.I):
            continue  # a link to move or cancel a booked interview, not one to pick a time
        if (
            any(host == h or host.endswith("." + h) for h in _SCHEDULING_HOSTS)
            or registrable(host)[0] in _SCHEDULING_NAMES
            or _SCHEDULING_PATH.search(url)
        ):
            if not _managed_by(url, mail.text):  # "Manage booking:": the booked time's page, no time to pick
                scheduling.append(url)
        elif (
            _CAREERS.search(url)
            and not re.search(r"unsubscribe|privacy|preferences", url, re.I)
            and p.platform_of(host) not in p.job_boards
        ):
            careers.append(url)
    careers.sort(key=lambda u: not _TALENT_NETWORK.search(u))
    return tuple(scheduling[:5]), tuple(careers[:5])


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ADDR_SPEC = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+"
)
_CLOSING = re.compile(
    r"^[ \t]*(?:[\w!]+(?:[ \t][\w!]+)?[ \t]+(?:und|and|&|y|et)[ \t]+)?"  # 'Prost und viele Grüße'
    r"(?:best|best regards|kind regards|regards|warm regards|warmly|warm wishes|many thanks|thanks|thank you"
    r"|thanks again|cheers|sincerely|yours sincerely|yours truly|respectfully|all the best|best wishes|talk soon"
    r"|with best regards|with best wishes|with kind regards|speak soon|mit freundlichen gr(?:ü|ue)(?:ß|ss)en"
    r"|(?:freundliche|beste|viele|liebe|herzliche|schöne|sonnige)n? gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|gr(?:ü|ue)(?:ß|ss)e|alles gute"
    r"|cordialement|bien cordialement|bien à vous|à très vite|à tout bientôt"
    r"|à bientôt|sincères salutations|meilleures salutations|belle journée|salutations distinguées|saludos"
    r"|un saludo|saludos cordiales|un cordial saludo|atentamente|un abrazo|muchas gracias)"
    r"(?:[ \t]+(?:aus|from|de|desde|depuis)[ \t]+[A-ZÄÖÜÀ-Þ][\w-]+(?:[ \t][A-ZÄÖÜÀ-Þ][\w-]+)?)?[,!.]?[ \t]*$",
    re.I | re.M,
)
# Trailing words that make a sender's name a department's: "Acme Careers", "Contoso Talent Acquisition".
_TEAM_TAIL = re.compile(
    r"(?:[\s-]+(?:careers?|jobs|recruiting|recruitment|recruiters?|talent(?: acquisition| team)?|acquisition|hiring(?: team)?"
    r"|team|hr|human resources|people(?: team| & culture| and culture)?|personal(?:abteilung)?|bewerbermanagement"
    r"|early (?:talents?|careers?)(?: team)?|graduate (?:recruitment|recruiting|careers)(?: team)?"
    r"|recrutement|rh|rrhh|selecci[oó]n|reclutamiento|notifications?|no-?reply|support|resourcing|karriere|carri[eè]res?|empleo"
    r"|(?:interview|recruiting|candidate) (?:scheduling|coordination)|scheduling"
    r"|(?:hr|interview|recruiting|recruitment) (?:bookings?|appointments)"
    r"|(?:campus|student)(?=[\s-]+(?:recruit|careers?|hiring|team))))+$",
    re.I,
)
_TEAM_HEAD = re.compile(
    r"^(?:the\s+(?=\S+\s+(?:team|recruiting|talent|careers|hr|people)\b)|das\s+|ihr\s+"
    r"|(?:recrutement|recruiting|recruitment|talent acquisition|careers|jobs|rrhh|rh|hr|personalabteilung|bewerbermanagement|karriere|team"
    r"|recursos humanos|selecci[oó]n|reclutamiento|talento humano|ressources humaines|dein|deine|ihr|ihre|votre|tu|su|your|our"
    r"|(?:das\s+)?(?:recruiting-?|hr-?|personal-?)?team\s+(?:der|des|von|vom))\s+"
    r"|(?:personalamt|personalstelle|personalreferat|personalverwaltung|hauptamt|sekretariat|secr[ée]tariat|secretar[ií]a"
    r"|talento(?!\s+humano))\s+"
    r"|(?:l['’]\s*)?[ée]quipe\s+(?:(?:de\s+)?(?:recrutement|talents?(?:\s+acquisition)?|acquisition de talents|rh)\s+)?(?:de\s+|d['’]\s*)?|equipo\s+(?:de\s+)?(?:selecci[oó]n\s+)?(?:de\s+)?"
    r"|[ée]quipe\s+(?:de\s+)?(?:recrutement\s+)?(?:de\s+|d['’])?|team\s+(?:at|of)\s+|hiring team\s+(?:at|of)\s+"
    r"|recruiting team\s+(?:at|of)\s+)",
    re.I,
)
_LEGAL_TAIL = re.compile(
    r"(?:,?\s+(?:g?GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|OHG|SE|e\.\s?V\.?|MVZ|PartG(?:\s+mbB)?|mbB|Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited"
    r"|Corp\.?|Corporation|PLC|S\.?A\.?S?\.?|SARL|S\.?L\.?U?\.?|B\.?V\.?|N\.?V\.?|LLP|Pvt\.?(?:\s+Ltd\.?)?|PartGmbB"
    r"|S\.A\.C\.?|S\.A\. de C\.V\.?|Pty\.?(?:\s+Ltd\.?)?|S\.?R\.?L\.?|S\.?p\.?A\.?|SCIO|CIC|UG(?:\s+\(haftungsbeschränkt\))?"
    r"|KGaA|S[àa]rl|SNC|SCOP|Ltda\.?|AB|Oy|ApS|Pte\.?(?:\s+Ltd\.?)?|ASBL|VZW|e\.\s?K\.?))+\.?$"
)
# A notification address that takes replies says so.
_REPLY_HERE = re.compile(
    r"(?:please|kindly|just) reply with|by replying to (?:this|our)|by return (?:e-?mail|mail)|en r[ée]pondant [àa] (?:ce|cet)"
    r"|respondiendo a este|resp[óo]nde(?:me|nos) a este|indem sie auf diese (?:e-?mail|nachricht) antworten"
    r"|reply (?:directly )?to this (?:e-?mail|message)|replies to this (?:e-?mail|message) (?:will )?go|simply reply"
    r"|just reply|reply here|respond to this (?:e-?mail|message)|antworten sie (?:einfach |direkt )?auf diese"
    r"|antworte (?:einfach |direkt )?auf diese|r[ée]pondez (?:directement )?(?:simplement )?[àa] (?:ce|cet) (?:message|e-?mail|courriel)"
    r"|r[ée]pondre (?:directement )?[àa] (?:ce|cet) (?:message|e-?mail|courriel)|responde(?:r)? (?:directamente )?a este (?:correo|mensaje)"
    r"|responda (?:directamente )?a este (?:correo|mensaje)",
    re.I,
)
_DO_NOT_REPLY = re.compile(
    r"do not reply|don['’]t reply|unmonitored|not (?:be )?monitored|cannot (?:receive|accept) repl|bitte nicht (?:auf diese|antworten)"
    r"|nicht beantwortet|nicht überwacht|ne pas r[ée]pondre|ne r[ée]pondez pas|non surveill[ée]e?|no responda|no respondas"
    r"|no conteste|no (?:es )?monitoread[oa]|no se (?:supervisa|revisa|monitorea)",
    re.I,
)
_ASK_TO_WRITE = re.compile(
    r"(?:reply|respond|write|send|email|e-mail|contact|reach|confirm|antworten|schreiben|senden|melden|r[ée]pondre|[ée]crire"
    r"|envoyer|contacter|responder|escribir|enviar|contactar|\bteilen sie|\bgeben sie|\bwenden sie sich|kontaktieren)"
    r"[^.\n]{0,100}?(?P<addr>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    re.I,
)

USE = 0.8
"""A fact goes into a draft only at this confidence or above."""


@dataclass(frozen=True)
class Fact:
    """One candidate value for a field, where it came from, and how sure extraction is of it."""

    field: str
    value: str
    source: str
    confidence: float

    @property
    def used(self) -> bool:
        return round(self.confidence, 3) >= USE

    def __str__(self) -> str:
        if not self.source.startswith("chosen: "):
            return f"  candidate {self.field}: {self.value!r} from {self.source}, confidence {self.confidence:.2f}"
        mark = "used" if self.used else "not used: below the threshold"
        return f"{self.field}: {self.value!r} from {self.source[8:]}, confidence {self.confidence:.2f} ({mark})"


def _best(facts: list[Fact]) -> Fact | None:
    """The most confident; agreeing sources add to it."""
    if not facts:
        return None
    scores: dict[str, tuple[float, Fact]] = {}
    for fact in facts:
        key = _skeleton(fact.value)
        confidence, best = scores.get(key, (0.0, fact))
        if fact.confidence > best.confidence:
            best = fact
        agreeing = max(confidence, fact.confidence) + (0.08 if confidence else 0.0)
        scores[key] = (round(min(agreeing, 0.99), 3), best)
    confidence, best = max(scores.values(), key=lambda item: item[0])
    return Fact(best.field, best.value, best.source, confidence)


@lru_cache(maxsize=8192)
def _skeleton(text: str, german: bool = False) -> str:
    """Letters and digits only, accents dropped (or, *german*, umlauts spelled out: Müller -> mueller)."""
    text = text.casefold()
    if german:
        for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
            text = text.replace(umlaut, spelled)
    return _NOT_ALNUM.sub("", normalize(text))


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _join_wrapped(text: str) -> str:
    """Lines a mailer wrapped at 72 columns joined again, so a title split over two lines reads whole."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and line.strip() and len(out[-1]) >= 55 and not re.search(r"[.!?:;]\s*$", out[-1]):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


# ---------------------------------------------------------------------------- people and addresses


def _signature_lines(text: str) -> list[str]:
    """The lines under the last closing ('Best regards,'), or the last few lines of the mail."""
    closings = list(_CLOSING.finditer(text))
    if closings:
        tail = text[closings[-1].end() :]
    else:  # no closing: the block that starts with the last short line a title or company follows
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        start = max(0, len(lines) - 4)
        for index in range(len(lines) - 2, max(-1, len(lines) - 12), -1):
            if (
                len(lines[index].split()) <= 4
                and len(lines[index + 1].split()) <= 8  # a title line, not a sentence
                and re.search(r",|\|", lines[index + 1])
                and _HEADS.search(lines[index + 1])
            ):
                start = index
                break
        tail = "\n".join(lines[start:])
    return [line.strip() for line in tail.strip().splitlines() if line.strip()][:6]


def _candidates_not(mail: Mail, company: str) -> tuple[str, ...]:
    to = tuple(a.name for a in _addresses(mail.headers.get("to", "")))
    return (*candidate_names(to, mail.text), *((company,) if company else ()))


def _addresses(value: str) -> tuple[Address, ...]:
    from followup.mail.parse import parse_addresses

    return parse_addresses(value) if value else ()


def _person_facts(mail: Mail, company: str, p: Platforms, roles: tuple[str, ...] = ()) -> list[Fact]:
    """Every name that may be the contact's, each with how sure it is a person's: a signature
    block's name line (under a sign-off, over a title or company line), a display name, the
    calendar's ORGANIZER. A name an address of the mail spells (joaquin.estrada@, dwhitlock@) is
    surer; a name the mail uses as its organisation's, the company's or the candidate's, never."""
    # A name the sender's domain spells is the organisation's: "Sunny Side Daycare" at sunnysidedaycare.
    domains = tuple(_skeleton(label) for label, _ in _domain_labels(mail, p))
    # So does an employer's slug at a platform, the whole display name run together: "Harland Mutual"
    # <harlandmutual@myworkday.com> (a platform gives a person's mailbox separators: sergio-navarro+…).
    slugs = tuple(
        _skeleton(a.addr.partition("@")[0])
        for a in (*mail.reply_to, *([mail.sender] if mail.sender else []))
        if p.platform_of(a.addr) and _runs_together(a.addr.partition("@")[0], a.name)
    )
    not_these = (*_candidates_not(mail, ""), *domains, *slugs)
    locals_ = _own_locals(mail, p)

    def sure(name: str, base: float, spelled: bool = True) -> float:
        if base <= 0 or (company and _skeleton(name) == _skeleton(company)) or _assistant(name, mail.text):
            return 0.0
        if " " not in name and _team_persona(name, mail):
            return 0.0  # 'Jamie from the Talent Team': a scheduling tool's persona, not a person to greet
        if any(_skeleton(name) == _skeleton(role) or name.casefold() in role.casefold().split() for role in roles):
            return 0.0  # "Line Cook" on a line of its own is the post, not a signer named Line
        if _is_title(name) and name.casefold() in mail.subject.casefold():
            return 0.0  # the same, when only the subject names the post ("Your application to Line Cook")
        if spelled and any(spells(name, local) for local in locals_):
            base += 0.3  # the mailbox is the person's: first.last@, flast@
        return min(base, 0.95)

    facts = []
    signed = ""
    employers = (company, *domains)
    lines = [
        replace(s, name=cut, block=True) if (cut := without_employer(s.name, employers)) != s.name else s
        for s in signed_names(mail.text, _CLOSING, _signer_title)
    ]  # 'Felix von Lindenhaus Kaffeerösterei': Felix, and the company line is on his own
    displayed = {clean_name(a.name) for a in (*mail.reply_to, *([mail.sender] if mail.sender else [])) if a.name}
    team_signed = _team_signed(mail, lines, not_these)
    for line in lines:
        base = person_confidence(line.name, not_these)
        if not base or _named_as_team(line.name, mail.text):
            continue
        if line.last and len(line.name.split()) == 1:
            continue
        if (
            base < 0.6
            and line.sign_off
            and not line.name.split()[0].endswith(".")  # 'T. Gerlach': an initial, no given name
            and _HEADS.search(line.below)
            and not (_TEAM_TAIL.search(line.below) or _LEGAL_TAIL.search(line.below) or "&" in line.below)
        ):
            base = 0.6  # a given name the lexicon lacks, laid out as a person signs: closing, name, job title
        base += 0.1 * line.sign_off + 0.1 * line.block
        if line.name in displayed and " " in line.name and is_given_name(line.name.split()[0]):
            base += 0.1  # the display name says the same: the signer sent it (a team's says so too: 'Travel Desk')
        confidence = sure(line.name, base)
        if confidence >= 0.6:
            signed = line.name
            facts.append(
                Fact("contact_name", line.name, "signature" + " (on another's behalf)" * line.for_another, confidence)
            )
    if not facts:
        for dashed in _DASH_SIGNED.finditer(
            mail.text
        ):  # a job board's "Message from the employer: '… - Gloria Banks, Plant Manager'"
            name = clean_name(dashed.group("name"))
            base = person_confidence(name, not_these)
            titled = bool(dashed.group("title")) and _signer_title(dashed.group("title"))
            if base >= 0.9 and " " in name and not _named_as_team(name, mail.text):
                confidence = sure(name, base - 0.15 + 0.1 * titled)  # 0.85 over a title line, else not used
                if confidence >= 0.6:
                    signed = name
                    facts.append(
                        Fact("contact_name", name, "signed after a dash at the end of the message", confidence)
                    )
    if any(f.source == "signature" for f in facts):  # 'i. A. Sabine Roth' under the writer's own name
        facts = [f for f in facts if f.source == "signature"]
    for address in (*mail.reply_to, *([mail.sender] if mail.sender else [])):
        name = clean_name(address.name)
        base = person_confidence(name, not_these)
        if not base or _named_as_team(name, mail.text):
            continue
        if team_signed and not signed and _MAILBOX.fullmatch(address.addr.partition("@")[0].lower()):
            continue  # a team signed it from its shared mailbox: the account's owner did not write
        if not signed and any(line.name == name.split()[0] != name and not line.last for line in lines):
            signed = name.split()[0]  # signed with a first name the lexicon does not know ('Yanis')
        if signed and _skeleton(signed) != _skeleton(name):
            # The signer and the display name disagree: the signer wrote the mail, unless the
            # signature is the display name's first name ("Gail" for Gail Petrosyan).
            if _skeleton(name).startswith(_skeleton(signed)) or _initialled(signed, name):
                facts.append(
                    Fact("contact_name", name, "display name, signed with the first name", sure(name, base + 0.25))
                )
            continue
        where = "Reply-To display name" if address in mail.reply_to else "From display name"
        if academic_title(address.name):  # "Prof. Adaeze Nwosu": a title is a person's, however rare the name
            base, where = base + 0.25, f"{where} with an academic title"
        facts.append(Fact("contact_name", name, where, sure(name, base)))
    if not any(
        f.confidence >= USE for f in facts
    ):  # 'Interviewers: Karen Lindqvist (Pharmacy Manager)', replies to karen.lindqvist@
        for address in mail.reply_to:
            name = _owner_named(address.addr, mail.text, not_these)
            if name:
                facts.append(Fact("contact_name", name, "the text names the Reply-To mailbox's owner", 0.85))
    if mail.calendar:
        name, _ = calendar_organizer(mail.calendar)
        name = clean_name(name)
        base = person_confidence(name, not_these) - 0.15
        if not team_signed and len(name.split()) > 1 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", mail.text):
            base += 0.1  # the text names the organizer ('entretien avec Maître Paul Rivoire'), no team signs
        confidence = sure(name, base, spelled=False)
        if confidence > 0:
            facts.append(Fact("contact_name", name, "calendar ORGANIZER (not the signer)", confidence))
    for host in _HOST.finditer(mail.text):  # a scheduling tool's 'Host: Amelia Shore (Fernhill Studio)'
        name = clean_name(host.group("name"))
        confidence = sure(name, person_confidence(name, not_these) - 0.05, spelled=False)
        if confidence > 0 and " " in name:
            facts.append(Fact("contact_name", name, "the booking's host", confidence))
    extended = {f.value for f in facts if f.source == "display name, signed with the first name"}
    # "Montse" over "Montserrat Puig i Ferrer": a signer's short name and full name, the full one is surer
    extended |= {f.value for f in facts if f.source == "signature" and " " in f.value}
    return [
        f
        for f in facts
        if f.confidence > 0
        and not (
            f.source == "signature"
            and any(_skeleton(n).startswith(_skeleton(f.value)) for n in extended if n != f.value)
        )
    ]


_DASH_SIGNED = re.compile(
    r"[.!?…)][\"”]?[ \t]+[-–—][ \t]*(?P<name>[A-ZÀ-Þ][\w'’.-]+(?:[ \t]+[A-ZÀ-Þ][\w'’-]+){1,2})"
    r"(?:,[ \t]*(?P<title>[^\"”\n,]{2,50}))?[ \t]*[\"”]?[ \t]*$",
    re.M,
)
"""A message signed on its own last line after a dash, as a job board relays an employer's note:
'… looking forward to talking. - Gloria Banks, Plant Manager"'."""

_FULL_NAME = re.compile(r"(?<!\w)[A-ZÀ-Þ][a-zß-ÿ]+(?:[ \t]+[A-ZÀ-Þ][a-zß-ÿ'’-]+){1,2}(?!\w)")
"""A given and a family name as a text writes them ('Karen Lindqvist', 'Beatriz López')."""

_HOST = re.compile(
    r"^[ \t]*(?:host|gastgeber(?:in)?|anfitri[oó]n|h[oô]te)[ \t]*:[ \t]*(?P<name>[^\n]{3,80})$", re.I | re.M
)
"""A scheduling tool's line naming the person whose calendar the candidate booked (Calendly's 'Host:')."""


def _contact_at_agency(mail: Mail, signature: list[str], p: Platforms) -> str:
    """Why the contact is an agency's recruiter (the signature, display name or domain names an
    agency; the mail speaks of its client), or ''."""
    if AGENCY_SIGNED.search("\n".join(signature)):
        return "the signature names an agency"
    if _agency_signed(mail, signature, p):  # not the display name alone: "Ministry Staffing" is in-house
        return "the sender's signature or domain names an agency"
    return agency_words(re.sub(r"\s+", " ", mail.text))


_BOT_WORDS = (
    r"(?:(?:virtual|digital|ai|a\.i\.|automated|intelligent|smart|chat|conversational|virtuelle[rn]?|digitale[rn]?|virtuel(?:le)?"
    # at most two words between: "AI recruiting assistant", not "AI and automation lead here, and my assistant"
    r")\b(?:[\s-]+(?!and\b|und\b|et\b|y\b|my\b)[\w-]+){0,2}?[\s-]+(?:assistant|assistent(?:in)?|asistente|assistante|agent)"
    r"|(?:asistente|assistante?)\s+(?:virtual|digital|virtuelle?|num[ée]rique)|chat-?bot|recruiting bot|bot)\b"
)
_ASSISTANT = re.compile(
    rf"[ \t]*[,(–—-]?[ \t]*(?:(?:the|your|our|an?|der|die|dein|ihr|la|le|el|tu|su|votre)\b|[\w&' -]{{0,40}}['’]s\b)?(?:[ \t]+[\w-]+){{0,2}}?[ \t]*\b{_BOT_WORDS}",
    re.I,
)


_NAMED_ASSISTANT = re.compile(
    # a given name alone signs above its title line too: "Sofía / Asistente virtual de Selección"
    _ASSISTANT.pattern[: -len(_BOT_WORDS)].replace("[ \\t]*[,(", "[ \\t]*(?:\\n[ \\t]*)?[,(", 1)
    + rf"(?:{_BOT_WORDS}|\b(?:recruiting|recruitment|scheduling|hiring|talent|interview)\s+(?:assistant|assistent(?:in)?)\b"
    + r"|\basist(?:ente|enta) de (?:selecci[oó]n|reclutamiento|agenda)\b|\bassistante? (?:de recrutement|recrutement|planning)\b)",
    re.I,
)
"""As _ASSISTANT, for a given name alone: a recruiting or scheduling assistant too."""


def _team_persona(name: str, mail: Mail) -> bool:
    """Whether a given name alone signs for a team ('Jamie from the Talent Team'), in the text or
    the sender's display name: a scheduling tool's persona more often than a person's."""
    pattern = re.compile(
        rf"(?<!\w){re.escape(name)}[ \t]+(?:from|of|on|with|vom|von|de)[ \t]+(?:the[ \t]+|our[ \t]+|dem[ \t]+)?"
        r"(?:[\w&-]+[ \t]+){0,3}(?:team|desk|crew)\b",
        re.I,
    )
    names = [a.name for a in (*mail.reply_to, *([mail.sender] if mail.sender else [])) if a.name]
    return any(pattern.search(place) for place in (mail.text, *names))


def _assistant(name: str, text: str) -> bool:
    """Whether the mail introduces *name* (or its first word) as a chatbot or virtual assistant:
    'This is Olivia, the virtual recruiting assistant for Acme', 'I'm Mia, Acme's AI assistant'."""
    first = name.split()[0] if name.split() else ""
    if len(first) < 2:
        return False
    places = re.finditer(rf"(?<!\w){re.escape(first)}(?!\w)", text)
    # A given name alone that the mail calls its "recruiting assistant" is a scheduling bot's more
    # often than a person's (Paradox's "Olivia"); one with a family name is a person's title line.
    assistant = _ASSISTANT if len(name.split()) > 1 else _NAMED_ASSISTANT
    return any(assistant.match(text, place.end()) for place in places)


def _team_signed(mail: Mail, lines: list[Signed], not_these: tuple[str, ...]) -> bool:
    """Whether a team or the organisation signs the mail under its sign-off ('Regards, / Delaney
    Homes Human Resources') and no person does."""
    if any(person_confidence(line.name, not_these) >= 0.6 for line in lines):
        return False
    after = [line for line in lines if line.sign_off]
    return bool(after) and all(
        _TEAM_TAIL.search(line.name) or _HR_WORDS.search(line.name) or _TEAM_HEAD.match(line.name) for line in after
    )


_SIGNER_HEADS = re.compile(
    r"\b(?:direct(?:eur|rice|or|ora)|leiter(?:in)?|gesch[äa]ftsf[üu]hrer(?:in)?|inhaber(?:in)?|dirigente|gerente|jefe|jefa"
    r"|responsable|generalist|business partner|talent|people|personal|ressources humaines|recursos humanos|human resources)\b",
    re.I,
)
"""Words of the title lines under (or over) a signer's name, besides a job title's head."""


def _signer_title(line: str) -> bool:
    return bool(_HEADS.search(line) or _SIGNER_HEADS.search(line))


def _title_of(mail: Mail, name: str) -> str:
    """The academic title the mail gives *name* ('Dr. Karen Whitlow', 'Prof. Dr. Sabine Hartlieb')."""
    if not name:
        return ""
    for address in (*mail.reply_to, *([mail.sender] if mail.sender else [])):
        if clean_name(address.name) == name and academic_title(address.name):
            return academic_title(address.name)
    written = re.search(
        rf"((?:(?:Frau|Herr)\s+)?(?:(?:Prof|Profa|Dr|Dra|Mag)(?:\.\s*|\s+))+|(?:Frau|Herr)\s+){re.escape(name)}\b",
        mail.text,
    )
    if written:
        return academic_title(written.group(1) + name)
    # An English courtesy title the signer writes ('Mrs. Joanna Atherton'): 'Dear Mrs. Atherton', not 'Dear Joanna'.
    courtesy = re.search(rf"^[ \t]*(Mrs|Ms|Mr|Miss|Mx)\.?[ \t]+{re.escape(name)}[ \t]*$", mail.text, re.M)
    return courtesy.group(1) + ("" if courtesy.group(1) == "Miss" else ".") if courtesy and " " in name else ""


def _own_locals(mail: Mail, p: Platforms) -> tuple[str, ...]:
    """The local parts of the mail's own addresses (From, Reply-To, ORGANIZER, the ones the text
    asks to write to) that may be a person's mailbox: at a platform only a relay whose local part
    separates its words (sergio-navarro), never a slug that runs them together (andinaretail)."""
    addresses = [a.addr for a in (*mail.reply_to, *([mail.sender] if mail.sender else []))]
    if mail.calendar:
        addresses.append(calendar_organizer(mail.calendar)[1])
    addresses += _written_addresses(mail.text)
    out = []
    for address in addresses:
        local = address.partition("@")[0].lower()
        if local and not p.is_no_reply(address) and (not p.platform_of(address) or re.search(r"[._-]", local)):
            out.append(local)
    return tuple(out)


def _named_as_team(name: str, text: str) -> bool:
    """'Equipo Brisa Viajes', 'The Atelier Bleu team', 'Brisa Viajes GmbH', 'Equipo de Talento -
    Andina Retail': the mail uses the name as an organisation's. Each place the name stands is
    looked at around it (one pattern over the whole text per name costs a millisecond)."""
    for match in re.finditer(re.escape(name), text, re.I):
        start, end = match.span()
        if (start and text[start - 1].isalnum()) or text[end : end + 1].isalnum():
            continue  # inside a longer word
        if _TEAM_BEFORE.search(text, max(0, start - 48), start) or _TEAM_AFTER.match(text, end):
            return True
    return False


_TEAM_BEFORE = re.compile(
    r"(?:\b(?:team|équipe|equipe|equipo|l['’]équipe|das|ihr|your|the|de|chez|bei|en|at|in|join|joining|für)[ \t]+"
    r"|\b(?:team|équipe|equipe|equipo|talent[oa]?|recruiting|recrutement|selecci[oó]n|rh|rrhh|hr|personal)\b"
    r"[^\n.]{0,30}?[-–|·]\s*)$",
    re.I,
)
_TEAM_AFTER = re.compile(r"[ \t]+(?:team|recruiting|talent|careers|hr|rh|gmbh|ag|inc|ltd|llc|sa|sl|sas)\b", re.I)


def _initialled(short: str, full: str) -> bool:
    """'T. Gerlach' for 'Thomas Gerlach'."""
    a, b = short.split(), full.split()
    return (
        len(a) == len(b) >= 2
        and a[-1] == b[-1]
        and all(x.rstrip(".") == y[: len(x.rstrip("."))] for x, y in zip(a, b, strict=True))
    )


def _takes_replies(
    address: str, mail: Mail, p: Platforms, company: str = "", reply_to: bool = False, signed: bool = False
) -> bool:
    """Whether a reply to *address* reaches someone: not a no-reply robot, not a platform's
    system address, unless it is a personal or reply relay (a domain of [lists.reply_relays] when a
    person signs the mail (*signed*) or the host names itself an inbox), the mail says to reply, or the
    platform set it as the Reply-To (*reply_to*: where it routes replies, unless the mail says
    not to reply). A mailbox's address (jobs@, careers@, recruitment@) takes replies unless the
    mail says not to reply, or its domain is a mail relay's (smtp-mail.example) that the mail
    ties to no company."""
    if not _ADDR_SPEC.fullmatch(address) or p.is_no_reply(address):
        return False
    local, _, host = address.lower().partition("@")
    if not p.platform_of(address):
        if _BOOKING_BOX.search(local) and not _asks_to_write(address, mail):
            return False  # a booking tool's calendar (agenda@, RecruitmentBookings@), invites@: nobody reads replies
        if not _MAILBOX.fullmatch(local) or _asks_to_write(address, mail):
            return True
        body = f"{mail.text}\n{mail.footer}"
        if _DO_NOT_REPLY.search(body) and not _says_reply_here(body):
            return False
        return not _RELAY_HOST.search(host) or _domain_named(host, company, mail)
    if "+" in local and re.fullmatch(r"[a-z]+(?:[._-][a-z]+)*\+[\w-]+", local):
        return True  # a recruiter's relay at the ATS: name+token@hire.lever.co
    if _REPLY_RELAY.fullmatch(local):
        return True  # the board's relay to the employer: reply-4f82c1d0@indeedemail.com
    body = f"{mail.text}\n{mail.footer}"
    forbidden = bool(_DO_NOT_REPLY.search(body)) and not _says_reply_here(body)
    relay = p.relays_replies(host) and (signed or host.startswith("inbound.") or p.relays_to_inbox(host))
    if _spells_sender(local, mail) or reply_to or relay:
        # A platform's reply relay ([lists.reply_relays]) files a reply under the candidate: the
        # recruiter who signed (acme@teamtailor-mail.com) reads it, so does whoever reads its
        # inbox (job.k2p9x4@inbound.recruitee.com) or an employer's address at a relay of
        # [lists.inbox_relays] (acme@recruitee.com); elsewhere a team's robot mail from acme@ reaches no one.
        # jane-doe-x7q2@ for 'Jane Doe via Indeed'; a Reply-To the platform set
        # (acme.7731@email.smartrecruiters.com): replies reach the employer, unless the mail forbids them.
        return not forbidden
    return _says_reply_here(body) and not _DO_NOT_REPLY.search(body)


def _says_reply_here(body: str) -> bool:
    """Whether the mail asks for a reply to itself: 'reply to this email', not 'do not reply to
    this email', nor 'reply to this message on Indeed' (on the platform's page, not by mail)."""
    return any(
        not re.search(
            r"(?:not|n['’]t|never|ne pas|ne|nicht|no)\s+(?:\w+\s+)?$", body[max(0, m.start() - 20) : m.start()], re.I
        )
        and not _ELSEWHERE.match(body, m.end())
        for m in _REPLY_HERE.finditer(body)
    )


_ELSEWHERE = re.compile(
    r"\s+(?:on|in|via|through|using|auf|über|in|sur|dans|via|en|desde|a trav[ée]s de)\s+(?:the|our|your|la|le|el|der|dem|die|unserem|notre|nuestra?)?\s*"
    r"(?:app|portal|website|site|platform|plattform|dashboard|inbox|page|conversation|messages|candidate|account"
    r"|indeed|linkedin|xing|stepstone|glassdoor|ziprecruiter|monster|infojobs|welcome to the jungle|hellowork)\b",
    re.I,
)
"""Where a reply goes when not by mail: 'on Indeed', 'in the candidate portal'."""


_REPLY_RELAY = re.compile(r"reply[-+_.](?=[a-z]*\d)[a-z\d]{6,}")
"""A relay that forwards replies, by its name and its token: reply-4f82c1d09a@indeedemail.com."""
_RELAY_HOST = re.compile(r"(?:^|[.-])(?:e?mail|mailer|relay|notifications?|messaging|outbound|bounces?)(?:[.-]|$)")
"""A host that names itself a mail relay: jobs-mail.example, notifications.example.net."""


def _names_sender(local: str, mail: Mail) -> bool:
    """Whether *local* starts with a word of the sender's name, a person's (elodie@ for Élodie Petit)."""
    name = clean_name(mail.sender.name) if mail.sender and mail.sender.name else ""
    letters = re.sub(r"[^a-z0-9]", "", local)
    return person_confidence(name) >= 0.6 and any(
        len(w) > 2 and letters.startswith(w) for w in (_skeleton(w) for w in name.split())
    )


def _spells_sender(local: str, mail: Mail) -> bool:
    """Whether *local* starts with the sender's name, a person's ('Jorge Cárdenas via Indeed' at
    jorge-cardenas-x7q2@): the platform relays to that person."""
    name = clean_name(mail.sender.name) if mail.sender and mail.sender.name else ""
    words = [_skeleton(w) for w in name.split()]
    return (
        len(words) >= 2
        and person_confidence(name) >= 0.6
        and re.sub(r"[^a-z0-9]", "", local).startswith("".join(words))
    )


_BOOKING_BOX = re.compile(
    r"(?:^|[._+-])(?:(?:recruit\w*|interviews?|candidates?|talent|hr|jobs?|careers?)[._-]?)?"
    r"(?:bookings?|calendars?|agenda|kalender|termine?(?:buchung)?|rdv|citas|scheduler|invites?|invitations?)(?:$|[._+-])"
)
"""A local part, or a part of it, that names a booking tool's calendar or an invitation sender's mailbox
(agenda@, RecruitmentBookings@; not felicitas@ or gerdvogel@). 'scheduling@' is a coordinator's, read by people."""


def _bookings_page_of(address: str, mail: Mail) -> bool:
    """Whether a link of the mail is the booking page of *address*'s calendar
    (…/owa/calendar/InterviewsTeam@example.org/bookings/): the mailbox is a booking tool's, shared,
    whatever its name ('PinecrestInterviews@', 'LanternHouseRecruitment@')."""
    address = address.lower()
    local, _, domain = address.partition("@")
    page = f"/{address}/bookings"
    # a team mailbox beside a booking page of its own domain: 'karriere@' and /KarriereNordwind@…/bookings/
    team_page = re.compile(rf"/[^/@]+@{re.escape(domain)}/bookings") if _MAILBOX.fullmatch(local) else None
    return any(page in url.lower() or (team_page and team_page.search(url.lower())) for url in mail.links)


_MAILBOX = re.compile(
    r"(?:jobs?|careers?|recruit(?:ing|ment|ers?)?|recrutement|reclutamiento|seleccion|talent(?:[._-]?acquisition)?"
    r"|hiring|hr|rh|rrhh|people|info|contact|apply|applications?|candidates?|candidatures?|bewerbung(?:en)?|karriere"
    r"|personal|empleos?|empleo|team|admin|office|hello|mail)(?:[._-](?:[a-z]{2}|team|dept))?"
)
"""A local part that names a mailbox, not a person."""


def _asks_to_write(address: str, mail: Mail) -> bool:
    return address.lower() in _written_addresses(mail.text)


@lru_cache(maxsize=4)
def _written_addresses(text: str) -> tuple[str, ...]:
    """The addresses the text asks you to write to, in order, its lines joined (a request wraps
    at 72 columns)."""
    if "@" not in text:
        return ()
    flat = re.sub(r"[ \t]*\n[ \t]*(?!\n)", " ", text)
    return tuple(
        m.group("addr").strip(".").lower()
        for m in _ASK_TO_WRITE.finditer(flat)
        if flat[m.start("addr") - 1 : m.start("addr")]
        not in ("/", "=")  # not a link's (…/calendar/Team@x.org/bookings/)
        # "Bei technischen Fragen … wenden Sie sich an support@", "in urgent cases contact …": not the reply's address
        and not _HELP_DESK.search(flat[max(0, m.start() - 80) : m.start("addr")].rsplit(".", 1)[-1])
    )


_HELP_DESK = re.compile(
    r"\b(?:technische[nrm]?|technical|techniques?|t[ée]cnic[oa]s?|dringend\w*|urgent\w*|urgencia|abwesenheit|absence|ausencia"
    r"|datenschutz|privacy|donn[ée]es personnelles|datos personales|bewerberportal|portal|login|password|passwort)\b",
    re.I,
)
"""Words of a help desk's or a stand-in's address ('technical questions', 'in urgent cases', 'during my absence'):
the mail does not ask the reply to go there. Plain 'for questions' may: a no-reply mail names its HR desk so."""


def _domain_named(host: str, company: str, mail: Mail) -> bool:
    """Whether the mail ties *host* to the company it names (the company, the sender's display
    name or the text spells the domain's registrable label, or each part of it)."""
    label = registrable(host)[0]
    named = [_skeleton(n) for n in (company, mail.sender.name if mail.sender else "") if n]
    if not label:
        return False
    whole = _skeleton(label)
    if any(whole in n or (len(n) > 3 and n in whole) for n in named) or whole in _skeleton(mail.text[:3000]):
        return True
    parts = [_skeleton(w) for w in re.split(r"[-_]", label) if len(w) > 2 and not _RELAY_HOST.fullmatch(w)]
    return bool(parts) and any(all(w in n for w in parts) for n in named)


def _recipient(mail: Mail, p: Platforms, company: str = "", signed: bool = False) -> tuple[str, str]:
    """(the address a reply reaches, where it came from): only ever an addr-spec from the address
    part of Reply-To or From, the calendar's ORGANIZER, or an address a person wrote in the mail.
    *signed*: a person signs the mail (a platform's reply relay reaches them)."""
    sender = mail.sender.addr.lower() if mail.sender else ""
    shared = ("", "")
    for address, source in (
        *((a.addr, "Reply-To") for a in mail.reply_to),
        *(((mail.sender.addr, "From"),) if mail.sender else ()),
    ):
        if _takes_replies(
            address, mail, p, company, reply_to=source == "Reply-To" and address.lower() != sender, signed=signed
        ):
            if _bookings_page_of(address, mail):
                # a shared booking calendar's box: the organizer or a person the mail names comes first
                shared = shared if shared[0] else (address.lower(), f"{source} (a shared booking calendar)")
                continue
            return address.lower(), source
    found = _person_recipient(mail, p, company)
    return found if found[0] else shared


def _person_recipient(mail: Mail, p: Platforms, company: str) -> tuple[str, str]:
    """The calendar's ORGANIZER, an address the mail asks you to write to, or a person's address
    written in it, that takes replies; else ('', '')."""
    if mail.calendar:
        _, organizer = calendar_organizer(mail.calendar)
        if organizer and _takes_replies(organizer, mail, p, company):
            return organizer, "calendar ORGANIZER"
    for address in _written_addresses(mail.text):
        if _takes_replies(address, mail, p, company) and not p.platform_of(address):
            return address, "an address written in the mail"
    # A person's address written in the mail from a robot ("wenden Sie sich an Herrn Petersen
    # (lars.petersen@...)"): not yours, not a platform's, not a privacy office's.
    own = {a.addr for a in _addresses(mail.headers.get("to", ""))}
    for address in _text_addresses(mail.text):
        if (
            address not in own
            and _takes_replies(address, mail, p, company)
            and not p.platform_of(address)
            and not re.match(r"(?:privacy|datenschutz|dpo|gdpr|rgpd|legal|unsubscribe|abuse|webmaster)\b", address)
        ):
            return address, "an address written in the mail"
    return "", ""


def _named_before(address: str, text: str, not_these: tuple[str, ...]) -> str:
    """The person the paragraph names just before *address* ('reply to your hiring contact, Prof.
    Daniel Okoye, at d.okoye@…') when the address's local part spells the name; else ''."""
    local = address.partition("@")[0]
    flat = re.sub(r"[ \t]*\n[ \t]*(?!\n)", " ", text)
    at = flat.lower().find(address.lower())
    if at < 0:
        return ""
    before = flat[max(0, at - 240) : at].rpartition("\n")[2]  # the lines are joined: a newline ends a paragraph
    names = [clean_name(written.group()) for written in _FULL_NAME.finditer(before)]
    return next((name for name in reversed(names) if _owns(name, local, not_these, 0.5)), "")


def _owner_named(address: str, text: str, not_these: tuple[str, ...]) -> str:
    """A full name the text writes anywhere whose mailbox *address* surely is ('You will meet with
    Margaret Chu', then 'reply to margaret.chu@…'), or ''."""
    local = address.partition("@")[0]
    for written in _FULL_NAME.finditer(text):
        name = clean_name(written.group())
        if _owns(name, local, not_these, 0.9):
            return name
    return ""


def _owns(name: str, local: str, not_these: tuple[str, ...], least: float) -> bool:
    """Whether the mailbox *local* is *name*'s: it spells the name, its family name whole, and the
    name is a person's at least *least* sure."""
    family = _skeleton(name.split()[-1]) if " " in name else ""
    if _skeleton(local) == _skeleton(name):  # olumide.fashola@: a mailbox spelling a name whole is a person's
        least = min(least, 0.25)
    return (
        len(family) >= 3
        and family in _skeleton(local)
        and spells(name, local)
        and _given_agrees(name, local, family)
        and person_confidence(name, not_these) >= least
    )


def _given_agrees(name: str, local: str, family: str) -> bool:
    """Whether what *local* writes beside the family name is *name*'s given name or initials:
    m.schmidt@ is not Peter Schmidt's, and a bare schmidt@ may be the firm's (Schmidt & Partner)."""
    given = [_skeleton(word) for word in name.split()[:-1] if not word.endswith(".")]  # no "Prof."
    rest = _skeleton(local).replace(family, "", 1)
    if not rest or not given or not given[0]:
        return False
    initials = "".join(word[:1] for word in given)
    return given[0].startswith(rest) or rest.startswith(given[0]) or rest == initials


def _text_addresses(text: str) -> Iterator[str]:
    """The addresses *text* writes, lower case, but not inside a link: a booking page's calendar
    (/owa/calendar/Team@example.org/bookings/) is no address to write to."""
    for match in _EMAIL.finditer(text):
        if text[match.start() - 1 : match.start()] not in ("/", "="):
            yield match.group().strip(".").lower()


def _signer_address(text: str, name: str, recipient: str) -> str:
    """The address of *name* the text writes, at the domain of *recipient*, a shared box of the
    same organisation (scheduling@, recruitment@) that does not spell the name: '' when none."""
    local, _, host = recipient.rpartition("@")
    if not name or not host or spells(name, local):
        return ""
    domain = registrable(host)[0]
    for address in _text_addresses(text):
        mine, _, at = address.rpartition("@")
        if address != recipient and registrable(at)[0] == domain and spells(name, mine):
            return address
    return ""


def _written_reply_address(mail: Mail, recipient: str, p: Platforms, company: str = "") -> str:
    """An address the mail asks replies to go to, other than *recipient* ('send your answer to jobs@...')."""
    for address in _written_addresses(mail.text):
        if address != recipient and _takes_replies(address, mail, p, company) and not p.platform_of(address):
            return address
    return ""


# ---------------------------------------------------------------------------- company

# A run of capitalised words on one line, with the connectors names use ("Éditions de la Brume").
_RUN = re.compile(
    r"[A-ZÀ-ÞÄÖÜ][\w'’.-]*(?:[ \t](?:(?:&|und|and|et|y|e|de|du|des|la|le|los|las|del|of|the|von|der)(?=[ \t])"
    r"|[A-ZÀ-ÞÄÖÜ][\w'’.-]*))*"
)
_CONNECTORS = frozenset(
    ["&", "und", "and", "et", "y", "e", "de", "du", "des", "la", "le", "los", "las", "del", "of", "the", "von", "der"]
)


def _runs_together(local: str, name: str) -> bool:
    """Whether the mailbox *local* is the display *name* of two words or more run together
    (harlandmutual for "Harland Mutual"): at a platform, the employer's slug, no person's."""
    shown = clean_name(name)
    return " " in shown and local.isalpha() and _skeleton(local) == _skeleton(shown)


def _domain_labels(mail: Mail, p: Platforms) -> list[tuple[str, str]]:
    """(label, where) of the sender's registrable domains, or of the employer's name in a
    platform's address (acme@myworkday.com, acme.jobs.personio.de)."""
    labels = []
    for address, where in (
        *((a.addr, "Reply-To domain") for a in mail.reply_to),
        *(((mail.sender.addr, "From domain"),) if mail.sender else ()),
    ):
        host = address.rpartition("@")[2]
        if host in p.mail_providers:
            continue
        platform = p.platform_of(host)
        if platform:
            local = address.partition("@")[0]
            sub = host.split(".")[0]
            own = {registrable(host)[0], _skeleton(platform)}
            # A given name is a person's or an assistant's mailbox there (olivia@paradox.ai), no employer's
            # ... but a slug that runs the whole display name together is the employer's (harlandmutual@
            # myworkday.com for "Harland Mutual"): a platform gives a person a mailbox with separators.
            slug = _runs_together(local, mail.sender.name if mail.sender else "")
            mine = not slug and (_names_sender(local, mail) or is_given_name(local))
            for name in (sub, *(() if mine else (local,))):
                if (
                    name not in own
                    and not p.is_no_reply(f"{name}@x")
                    and not p.platform_of(f"x@{name}.x")
                    and not re.search(
                        # the mailbox's own function in any language: "bewerbermanagement@dvinci-mail…"
                        r"reply|notif|mail|jobs?|careers?|recruit|talent|^hr$|info|apply|team|system|bewerb|karriere"
                        r"|personal|stellen|recrut|emploi|empleo|rrhh|selecci|candidat"
                        r"|^[\d-]+$|\+|^(?:hire|app|us|eu|my|ats|boards?|www|e?mail|go)$",
                        name,
                    )
                ):
                    labels.append((name, f"{where} (the employer's name at {platform})"))
            continue
        label, sub = registrable(host)
        if label and not _job_board(host, mail):
            labels.append((label, where))
    return labels


def _job_board(host: str, mail: Mail) -> bool:
    """A job board's own domain ('NHS Jobs' at jobs.nhs.uk, csjobs.example): it names no employer."""
    label, sub = registrable(host)
    name = mail.sender.name if mail.sender else ""
    return bool(re.search(r"jobs|careers|empleo|emploi|stellen", label)) or (
        bool(re.match(r"(?:jobs|careers)\b", sub)) and bool(re.search(r"\bjobs\s*$", name, re.I))
    )


def _own_line(text: str, run: re.Match[str]) -> bool:
    """Whether *run* is a line of *text* on its own, as a signature writes a name, and begins with an
    article ('The Copperleaf Group', 'Les Éditions du Phare'): no sentence begins there."""
    before = text[max(0, run.start() - 80) : run.start()].rstrip(" \t")
    line_end = text.find("\n", run.end())
    rest = text[run.end() : len(text) if line_end < 0 else line_end].rstrip(" \t\r")
    after = "" if not rest or _LEGAL_TAIL.fullmatch(rest) else rest  # "The Ferris Group, LLC"
    return (
        (before.endswith("\n") or (not before and run.start() <= 80))
        and not after
        and bool(_OWN_ARTICLE.match(run.group()))
    )


def _spelled_at(label: str, words: list[str], start: int) -> int:
    """How many of *words* from *start* spell *label* (the last may be a prefix of a longer word)."""
    if _skeleton(words[start])[:1] != _skeleton(label)[:1]:
        return 0  # the common case, decided at once
    for german, amp in ((False, ""), (True, ""), (False, "and"), (False, "und"), (False, "et"), (False, "y")):
        wanted, spelled = _skeleton(label), ""
        for index in range(start, len(words)):
            word = amp if words[index] == "&" else _skeleton(words[index], german)
            if index > start and words[index].casefold() in _CONNECTORS and not wanted.startswith(spelled + word):
                continue  # editions-brume for "Éditions de la Brume": the domain leaves connectors out
            spelled += word
            partial = words[index].isalpha() and len(wanted) - len(spelled) + len(word) >= 3
            if spelled == wanted or (spelled.startswith(wanted) and partial):
                return index - start + 1
            if not wanted.startswith(spelled):
                break
    return 0


_NAME_EDGE = " ,|-–—·•/"
"""Separators a display name or a signature line writes between parts ("Talento · Grupo Hostelero
Brisa"): never the first or last character of a company."""


def _unpossessed(name: str, label: str) -> str:
    """*name* without a possessive's mark the domain *label* does not spell: "Harland Mutual's
    recruiting system" at harlandmutual is Harland Mutual's; "McDonald's" at mcdonalds keeps it."""
    if re.search(r"\w['’]s$", name) and _skeleton(name[:-2]) == _skeleton(label):
        return name[:-2]
    return name


def _trim_company(name: str) -> str:
    if re.search(r"\d{3,}|\d+-\d+", name):
        return ""  # a reference number, not a name
    name = re.sub(
        # the particles in lower case only: "Van", "Der", "The" may begin a sentence after the name
        r"(?:\s+(?:(?i:and|und|et|y|e|of|de|du|des|la|le)|&|the|del|von|van|der))+$",
        "",
        name.strip(_NAME_EDGE + "\"'.:;"),
    ).strip(_NAME_EDGE)
    # A legal footer goes on after the name ("… Ltd. Registered in England"); a place may follow it in brackets.
    name = re.sub(
        r"\s+(?:registered|reg\.|company (?:no|number)|sitz|si[èe]ge|registro|amtsgericht|handelsregister)\b.*$",
        "",
        name,
        flags=re.I,
    )
    name = re.sub(r"\s*\([^()]*\)$", "", name)
    previous = None
    while previous != name:
        previous = name
        name = _TEAM_TAIL.sub("", name).strip(_NAME_EDGE)
        name = _TEAM_HEAD.sub("", name).strip(_NAME_EDGE)
        name = _LEGAL_TAIL.sub("", name).strip(_NAME_EDGE)
        # "Team von Vireo", "El equipo de Talento de Parcela Foods" (lower case: "De Beers" keeps its "De")
        name = re.sub(r"^(?:von|vom|bei|chez|at|of|from|du|des|del|de|d['’])\s*(?=[A-ZÀ-Þ])", "", name)
        # "L'équipe de la Brasserie Lumière": an article in lower case belongs to the sentence, not the name
        name = re.sub(r"^(?:la|le|les|l['’]|el|los|las|the|die|der|das)\s*(?=[A-ZÀ-Þ])", "", name)
    return "" if name.casefold() in _NOT_TITLE_START else name  # "Interview Scheduling" less its tail


def _display_company(name: str, p: Platforms) -> str:
    """The organisation a sender's display name names: 'Service RH – Transports Métropole Sud'
    -> 'Transports Métropole Sud'; '' for a person, a team or a platform."""
    platforms = p.names
    # "Recruiting at Pinnacle Freight", "Talent Acquisition at Brightside Foods": the department's words go
    name = re.sub(
        r"^(?:the\s+)?(?:(?:recruiting|recruitment|talent|acquisition|hiring|careers|jobs|hr|people|team|human|resources)\s+)+"
        r"(?:at|@|bei|chez)\s+",
        "",
        name.strip(" \"'"),
        flags=re.I,
    )
    if name.casefold() in platforms:
        return ""  # "Civil Service Jobs": trimmed of its last word it would read as an employer
    surname_first = re.fullmatch(r"([A-ZÀ-Þ][\w'’-]+),\s*([A-ZÀ-Þ][\w'’.-]+(?:\s[A-ZÀ-Þ][\w'’.-]*)?)", name)
    if surname_first and person_confidence(clean_name(f"{surname_first[2]} {surname_first[1]}")) >= 0.5:
        return ""  # "Whitlow, Karen": a person, surname first
    parts = [_trim_company(p) for p in re.split(r"\s+(?:via|über|par|por|through|[|–—/-])\s+|\s*[|,(·•:]\s*", name)]
    parts = [p for p in parts if p and not _is_title(p)]  # "Software Engineer II" is a role
    # "Universidad de Castellar - Servicio de Personal Docente": the department is no employer
    offices = [p for p in parts if _DEPARTMENT.match(p) and (len(parts) > 1 or _HR_WORDS.search(p))]
    parts = [p for p in parts if p not in offices]
    parts = [
        p
        for p in parts
        if p and not _TEAM_ONLY.fullmatch(p) and not any(w.casefold() in platforms for w in [p, *p.split()])
    ]
    parts = [p for p in parts if person_confidence(clean_name(p)) < 0.5]  # 'Prof. Dr. Katrin Möller' too
    return max(parts, key=len) if parts else ""


_DEPARTMENT = re.compile(
    r"(?:the\s+)?(?:servicio|service|d[ée]partement|departamento|department|dept\.?|office|abteilung|referat|direcci[oó]n"
    r"|direction|division|divisi[oó]n|secci[oó]n|bureau|secretar[ií]a|unidad|p[ôo]le|personalamt|personalstelle)\b",
    re.I,
)
"""A department's or an office's name begins so ('Servicio de Personal Docente', 'Office of Academic Affairs')."""
_HR_WORDS = re.compile(
    r"\b(?:personal\w*|personnel|human resources|recursos humanos|ressources humaines|rh|rrhh|hr|talent|recruit\w*"
    r"|recrutement|selecci[oó]n|academic affairs|employment|staffing)\b",
    re.I,
)
"""Words of a department that hires: with a department's head, the name is no employer's."""

_TEAM_ONLY = re.compile(
    r"(?:ihre?\s+|your\s+|the\s+|l['’]\s*|el\s+|le\s+)?(?:service|direction|d[ée]partement|abteilung|departamento)?\s*(?:de\s+)?"
    r"(?:rh|drh|rrhh|hr|recrutement|recruiting|recruitment|talent acquisition|ressources humaines|recursos humanos|personal"
    r"|human resources?(?: department| services| team)?|personnel"
    r"|personalabteilung|personalwesen|bewerbermanagement|people|people & culture|careers?|jobs|hiring team|team|[ée]quipe|equipo"
    r"|selecci[oó]n|reclutamiento|talento humano"
    # a system's mailbox: "Bookings", "Interview Scheduling", "Notifications"
    r"|(?:microsoft\s+|interview\s+)?(?:bookings?|scheduling|scheduler|calendar|appointments?|notifications?|reservas|citas"
    r"|termine))?",
    re.I,
)


_SENTENCE_START = frozenset(
    [
        "at",
        "the",
        "we",
        "our",
        "thank",
        "thanks",
        "dear",
        "hello",
        "hi",
        "hey",
        "in",
        "on",
        "for",
        "to",
        "from",
        "with",
        "bei",
        "von",
        "vom",
        "chez",
        "wir",
        "nous",
        "nosotros",
        "en",
        "el",
        "la",
        "le",
        "les",
        "los",
        "las",
        "die",
        "der",
        "das",
        "ihr",
        "ihre",
        "unser",
        "unsere",
        "votre",
        "notre",
        "su",
        "sus",
        "bonjour",
        "hola",
        "hallo",
        "liebe",
        "lieber",
        "congratulations",
        "great",
        "welcome",
        "und",
        "and",
        "et",
        "y",
        "of",
        "de",
        "du",
        "des",
        "von",
    ]
)


_NAME_PARTICLES = frozenset(["de", "von", "en", "por"])
"""Words between a person's name and an employer's that are also particles of a family name."""


def _agency_named(words: list[str], end: int) -> bool:
    """Whether the name spelled by words[:end] is an agency's: its last word or the next one says
    so ('Ridgeline Recruitment'), unless a team follows ('Acme Recruiting Team' is Acme's)."""
    following = words[end : end + 2]
    if AGENCY_NAME.fullmatch(words[end - 1]):
        return True
    return bool(following) and bool(AGENCY_NAME.fullmatch(following[0])) and following[1:] != ["Team"]


_ROLE_NOUN = r"(?:role|position|job|vacancy|post|opening|stelle|poste|puesto|vacante)\b"


def _acronym_spelled(name: str, text: str) -> list[str]:
    """The forms of the text that spell out a name's closing acronym ('Ashgrove BS': 'Ashgrove
    Building Society'; 'Lakeside FCU': 'Lakeside Federal Credit Union')."""
    *stem, last = name.split()
    if not stem or not re.fullmatch(r"[A-Z]{2,4}", last):
        return []
    tail = r"\s+".join(rf"{c}[\w'’-]+" for c in last)
    return [m.group() for m in re.finditer(rf"(?<![\w-]){re.escape(' '.join(stem))}\s+{tail}(?![\w-])", text)]


_NEWS_FROM = re.compile(
    r"^(?:(?:interview )?(?:feedback|update|news|decision|answer|outcome)|r[üu]ckmeldung|retour|r[ée]ponse|respuesta|noticias)"
    r"\s+(?:from|von|de(?: la part de)?|del?)\s+(?=[A-ZÀ-ÞÄÖÜ])",
    re.I,
)


def _client_in_subject_and_text(subject: str, text: str, signature: list[str], p: Platforms) -> str:
    """The organisation an agency's subject names as a piece of its own, written in the text too,
    in the longest form the text writes it ('Lakeshore Ortho interview' -> 'Lakeshore Ortho
    Partners'); '' when there is none, or more than one."""
    body = text[:3000]
    found = set()
    for piece in _SUBJECT_SEPARATOR.split(re.sub(r"^(?:(?:re|aw|fwd?|wg|tr)\s*:\s*)+", "", subject, flags=re.I)):
        piece = _NEWS_FROM.sub("", piece.strip())  # "Feedback from Greyling": the client is who it is from
        name = _trim_company(_SUBJECT_TAIL.sub("", _SUBJECT_FRAME.sub("", piece)).strip())
        words = name.split()
        if (
            is_given_name(name)  # "Feedback from Sarah": the hiring manager, not the client
            or not 1 <= len(words) <= 5
            or not all(w[:1].isupper() or w in ("&", "and", "und", "et", "y", "de", "of") for w in words)
            or words[0].casefold() in _NOT_TITLE_START
            or re.search(r"\d", name)
            or _is_title(name)
            or AGENCY_NAME.search(name)
            or name.casefold() in p.names
            or person_confidence(clean_name(name)) >= 0.9
            or any(_skeleton(name) in _skeleton(line) for line in signature)  # the agency's own name
        ):
            continue
        if re.search(rf"(?<![\w-]){re.escape(name)}\s+{_ROLE_NOUN}", body, re.I):
            continue  # "the Mortgage Operations Team Leader role": the job, not the client
        forms = [
            re.split(r"[.!?]\s", run.group())[0]  # "Harmon Freight. They": the sentence ends
            for run in _RUN.finditer(body)
            if _skeleton(run.group()).startswith(_skeleton(name))
            and len(run.group().split()) <= len(words) + 2
            and person_confidence(clean_name(run.group())) < 0.5  # "Greyling" in "Sam Greyling": a person
        ]
        forms += _acronym_spelled(name, body)
        if forms:
            found.add(_trim_company(max(forms, key=len)))
    return found.pop() if len(found) == 1 else ""


def _client_met(subject: str, text: str, signature: list[str], p: Platforms) -> str:
    """The organisation an agency's subject says the candidate meets or applied to ('Interview set
    with Dunmore Foods', 'Finance Director, Thornbury Foods') that the text writes too; '' when
    none, more than one, or one the mail writes only as an acronym ('Bluewater FCU')."""
    body = text[:3000]
    found = set()
    for match in re.finditer(r"(?:\b(?:with|at|bei|chez|avec|con)\s+|,\s+)" + _C + r"\s*(?:$|[-–—|:(])", subject):
        name = _trim_company(match.group("c"))
        if (
            len(name.split()) >= 2  # one word is as often a place ('Recruiter, Leeds')
            and not re.search(r"\d|\b[A-Z]{2,5}$", name)
            and not _is_title(name)
            and not _MEETING_TOOL.search(name)
            and not AGENCY_NAME.search(name)
            and name.casefold() not in p.names
            and person_confidence(clean_name(name)) < 0.9
            and not any(_skeleton(name) in _skeleton(line) for line in signature)
            and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", body)
        ):
            # the longest form the text writes ('with Lakeshore Regional': 'Lakeshore Regional Medical Center')
            forms = [
                re.split(r"[.!?]\s", run.group())[0]
                for run in _RUN.finditer(body)
                if run.group().startswith(name) and len(run.group().split()) <= len(name.split()) + 2
            ]
            found.add(_trim_company(max(forms, key=len)) if forms else name)
    return found.pop() if len(found) == 1 else ""


def _agency_sender(mail: Mail, signature: list[str], p: Platforms) -> bool:
    """Whether the sender writes for a recruitment agency: its name, its signature or its domain says so."""
    name = mail.sender.name if mail.sender else ""
    # A personnel office and French "acquisition de talents" are in-house words too.
    if agency_named([name, *signature], r"(?i)\b(?:personnel|talents)\b"):
        return True
    return any(AGENCY_LABEL.search(label) for label, _ in _domain_labels(mail, p))


def _company_facts(mail: Mail, text: str, signature: list[str], p: Platforms) -> list[Fact]:
    """Candidates for the hiring company (_company_candidates), never a legal form alone (a
    display name 'Acme Systems, Inc.' left unquoted reads as two names, the second 'Inc.'), nor
    with a possessive the sentence gave it."""
    facts = [
        fact for fact in _company_candidates(mail, text, signature, p) if not _LEGAL_TAIL.fullmatch(f" {fact.value}")
    ]
    return [_without_possessive(fact, f"{mail.subject}\n{text}") for fact in facts]


def _without_possessive(fact: Fact, text: str) -> Fact:
    """'Veridian Energy's' ('… Energy's engineering manager') as 'Veridian Energy' where the mail also
    writes the name without it; 'Sainsbury's' and 'Trader Joe's' keep theirs."""
    stem = re.sub(r"['’]s$", "", fact.value)
    if stem == fact.value or not re.search(rf"(?<![\w-]){re.escape(stem)}(?!['’\w])", text):
        return fact
    return replace(fact, value=stem)


_LINK_OR_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[^\s<>()\[\]@]{1,64}@[^\s<>()\[\]@]+")
"""A link or an address. The local part is bounded (RFC 5321: 64 characters) so that a long run
without spaces ('1.1.1.…') is read in linear time, not tried from every place in it."""


def _company_candidates(mail: Mail, text: str, signature: list[str], p: Platforms) -> list[Fact]:
    """Candidates for the hiring company. An agency writing for a client is not the employer:
    then only the client it names counts."""
    if (
        CLIENT_WORDS.search(f"{mail.subject}\n{text}")
        or _agency_sender(mail, signature, p)
        or agency_words(re.sub(r"\s+", " ", text))  # "acting as an employment agency", "the client would like"
    ):
        client = CLIENT_NAMED.search(text)
        name = _trim_company(client.group("c")) if client else ""
        if name and not AGENCY_NAME.search(name) and name.casefold() not in p.names:
            return [Fact("company", name, "the client an agency names", 0.85)]
        # "Harmon Freight - Dispatch Supervisor update" and "I just got off the phone with Harmon Freight"
        named = _client_in_subject_and_text(mail.subject, text, signature, p) or _client_met(
            mail.subject, text, signature, p
        )
        # else a client the agency does not name: no company ("the agency" would embarrass)
        return [Fact("company", named, "the client an agency's subject and text name", 0.8)] if named else []
    facts: list[Fact] = []
    sender = mail.sender
    platforms = p.names
    display = _display_company(sender.name, p) if sender and sender.name else ""
    if sender and _bookings_page_of(sender.addr, mail):
        display = ""  # a shared booking calendar's name ("Pinecrest Interviews", "Rdv recrutement"), not the employer's
    host = sender.addr.partition("@")[2] if sender else ""
    if host and not p.platform_of(host) and _job_board(host, mail):
        display = ""  # a job board's name ("NHS Jobs", "Civil Service Jobs"), not the employer's
    # a link or an address spells no name ('…/calendar/StadtwerkeLindauBewerbung@…/bookings/')
    unlinked = _LINK_OR_ADDRESS.sub(" ", text)
    places = [
        ("subject", mail.subject),
        ("text", unlinked),
        *(("signature", _LINK_OR_ADDRESS.sub(" ", line)) for line in signature),
    ]
    if display:
        places.insert(0, ("display name", display))
    found_label = False
    for label, where in _domain_labels(mail, p):
        if len(_skeleton(label)) < 3:
            continue
        exact: list[str] = []
        longest: list[str] = []
        agency = False
        for _place, value in places:
            for run in _RUN.finditer(value):
                words = run.group().split()
                for start in range(len(words)):
                    size = _spelled_at(label, words, start)
                    if size and (
                        _agency_named(words, start + size) or AGENCY_ONLY.search(" ".join(words[start : start + size]))
                    ):
                        agency = True  # "Ridgeline Recruitment", "Keystone Staffing": an agency, not the employer
                    if size:
                        spelled = _trim_company(" ".join(words[start : start + size]))
                        if not spelled:
                            break
                        spelled = _unpossessed(spelled, label)
                        whole = _unpossessed(_trim_company(" ".join(words[start:])), label)
                        if start:  # "Grupo Alcázar Seguros", "County of Alder Bay": the run's words before it too
                            lead = list(words)
                            own_line = start + size == len(words) and _own_line(value, run)
                            while lead and lead[0].casefold() in _SENTENCE_START and not own_line:
                                lead.pop(0)  # a line "The Halden Institute" writes it whole; "The X Team" not
                            whole = _trim_company(" ".join(lead)) or whole
                        exact.append(spelled)
                        form = whole if _skeleton(whole).startswith(_skeleton(spelled)[:3]) or start else spelled
                        # A display name or a signature writes the name in full: it counts twice.
                        longest += [form] * (2 if _place in ("display name", "signature") else 1)
                        break
        forms = [f for f in exact + longest if f and f.casefold() not in platforms]
        if not forms or agency:
            continue
        found_label = True
        counts = {f: sum(_skeleton(f) == _skeleton(g) for g in longest) for f in set(longest) if f}
        repeated = [f for f, n in counts.items() if n >= 2 and f.casefold() not in platforms]
        if repeated:  # the longest form the mail writes at least twice: "Copperfield Home Stores"
            best = max(repeated, key=lambda f: (counts[f], len(f)))
            facts.append(Fact("company", best, f"{where} '{label}', written so {counts[best]} times", 0.9))
        else:
            best = max(set(exact), key=lambda f: (exact.count(f), -len(f)))
            facts.append(Fact("company", best, f"{where} '{label}' as the mail spells it", 0.85))
    for address in (*([sender] if sender else []), *mail.reply_to):
        at = re.fullmatch(
            r"\s*(?P<who>[^@|]+?)\s+(?:at|from|@|bei|von|chez|de|en|por)\s+(?P<c>[^|]+)", address.name or ""
        )
        # "de", "von", "en", "por" are name particles too: "María José de la Cruz", "Anna von Bergen" are
        # people; after one, only two or more capitalised words are an employer ("Juan de Bodegas Alcor").
        particle = (
            at is not None and at.group(0)[: at.start("c")].rstrip().rsplit(None, 1)[-1].casefold() in _NAME_PARTICLES
        )
        if (
            particle
            and at is not None
            and not re.fullmatch(r"[A-ZÀ-Þ][\w'’.&-]*(?:\s+[A-ZÀ-Þ&][\w'’.&-]*)+", at.group("c").strip())
        ):
            at = None
        if at and person_confidence(clean_name(at.group("who"))) >= 0.6:
            name = _trim_company(at.group("c"))
            if name and name.casefold() not in platforms:
                facts.append(Fact("company", name, "display name 'someone at …'", 0.85))
    starts = [s for label, _ in _domain_labels(mail, p) if len(s := _skeleton(re.split(r"[-_]", label)[0])) >= 4]
    for index, line in enumerate(signature[:5]):
        parts = [w.strip() for w in re.split(r"\s*[|,·•@]\s*|\s+[-–]\s+", line) if w.strip()]
        # "Founder, Brightwater Communications", "Talent Partner @ Nalo"; a line of its own under the signer
        for after, part in enumerate(parts if index else parts[1:]):
            if (
                part[:1].isupper()
                and person_confidence(clean_name(part)) < 0.5
                and not _HEADS.search(part)
                and not _TEAM_ONLY.fullmatch(part)
                and not AGENCY_ONLY.search(part)
                and not re.search(r"recruit|consult|search", part, re.I)
                and (name := _trim_company(part))
            ):
                # The domain's first word begins the name (brightwater-comms): the signature names the
                # employer. Else only a part after a title ("Founder, Acme") is a candidate.
                agrees = any(_begins_with(name, s) for s in starts)
                if agrees or ((after or not index) and len(parts) > 1):
                    where = "signature line" + (", the domain begins so" if agrees else "")
                    facts.append(Fact("company", name, where, 0.85 if agrees else 0.7))
    if sender and sender.name and AGENCY_ONLY.search(sender.name):
        display = ""
    rest = display.split(maxsplit=1)[1] if len(display.split()) > 2 else ""
    if display and person_confidence(display) < 0.5 and person_confidence(rest) < 0.9:  # not 'Chef Ramon Ibarra'
        in_text = _skeleton(display) in _skeleton(text + mail.subject)
        parts = [_skeleton(w) for label, _ in _domain_labels(mail, p) for w in label.split("-") if len(w) > 2]
        by_domain = bool(parts) and all(p in _skeleton(display, True) or p in _skeleton(display) for p in parts)
        # An ATS sends in the employer's name: "Grupo Andino <noreply@smartrecruiters.com>".
        ats = p.platform_of(sender.addr) if sender else ""
        on_ats = bool(ats) and ats not in p.job_boards and len(display.split()) <= 4
        confidence = 0.85 if by_domain else 0.8 if in_text or on_ats else 0.7
        source = "display name" + (
            ", spelled by the domain"
            if by_domain
            else ", also in the text"
            if in_text
            else f", the name {ats} sends in"
            if on_ats
            else ""
        )
        facts.append(Fact("company", display, source, confidence))
    # the platforms the mail came through: "Indeed Deutschland GmbH" under a mail relayed by Indeed
    relayed = tuple(
        f"{via.casefold()} " for a in (*([sender] if sender else []), *mail.reply_to) if (via := p.platform_of(a.addr))
    )
    for line in signature[1:5]:
        for part in re.split(r"\s*[|,·•]\s*|\s+[-–]\s+", line):
            part = part.strip()
            name = _trim_company(part) if _LEGAL_TAIL.search(part) and len(part.split()) <= 6 else ""
            if name and name.casefold() not in platforms and not f"{name.casefold()} ".startswith(relayed):
                # not "LinkedIn Corporation" under a relayed message
                facts.append(Fact("company", name, "signature (legal form)", 0.87))
    for line in signature[:6]:
        # "Universität Lindenau", "Eastmoor State University" on a line of its own: an institution the domain spells
        name = _trim_company(line)
        if _INSTITUTION.search(name) and _spelled_by_domain(name, mail, p) and person_confidence(name) < 0.5:
            facts.append(Fact("company", name, "signature line, an institution the domain spells", 0.85))
    for pattern, confidence in _COMPANY_PATTERNS:
        for place, value in (("subject", mail.subject), ("text", text[:3000])):
            for match in pattern.finditer(value):
                name = _trim_company(
                    re.split(r"[.!?]\s", match.group("c"))[0]
                )  # "to Quillfeather. I'm": a sentence ends
                if (
                    name
                    and len(name.split()) <= 6
                    and name.casefold() not in platforms
                    and person_confidence(name) < 0.5
                    and not _is_title(name)
                ):
                    facts.append(Fact("company", name, f"{place}: '{match.group().strip()[:40]}'", confidence))
    # A name the subject puts after 'at', 'with', 'bei' ('Your interview at Crestline Market') that the
    # text writes too, as the subject does: two places agree (a relaying platform's mail names no other).
    body = text[:3000]
    for index, fact in enumerate(facts):
        if (
            fact.source.startswith("subject: ")
            # not after 'en', 'die', 'to' ('für die Stelle', 'en Zaragoza'), nor a call's tool ('with Microsoft Teams')
            and re.match(r"subject: '(?:at|with|avec|para|bei|chez|join(?:ing)?|au sein d[eu])\s", fact.source, re.I)
            is not None
            and not _MEETING_TOOL.search(fact.value)
            and fact.confidence < USE
            and len(_skeleton(fact.value)) >= 4
            and re.search(rf"(?<![\w-]){re.escape(fact.value)}(?![\w-])", body)
        ):
            facts[index] = Fact("company", fact.value, f"{fact.source}, the text writes it too", 0.8)
    # A name a signature line writes after a title ('Senior Talent Partner, Verdant') that the text or the
    # subject writes too ('to Quillfeather' for 'Quillfeather Analytics'): two sources agree on it.
    written = {_skeleton(f.value) for f in facts if not f.source.startswith("signature")}
    for fact in [f for f in facts if f.source == "signature line" and f.confidence < USE and len(f.value.split()) <= 5]:
        if re.search(r"[.!?]\s|\s[a-z]", fact.value):
            continue  # a sentence, not a name
        if any(w and _skeleton(fact.value).startswith(w) and _begins_with(fact.value, w) for w in written):
            facts.append(Fact("company", fact.value, "signature line, the text names it too", 0.8))
    signed = {_skeleton(f.value) for f in facts if f.source.startswith("signature")}
    facts += [
        f
        for f in _signature_company_lines(mail, signature, p, _candidates_not(mail, ""))
        if _skeleton(f.value) not in signed
    ]
    facts = _confirm_signed(facts, mail, text, signature, p)
    # A name the text, the subject, a signature line or the display name writes that the sender's
    # domain shortens (ardentmfg: 'Ardent Manufacturing', mclhd: 'Mid Coast Local Health District').
    # It replaces its candidate (one source, not two); a longer name already sure of wins ('Ville de …').
    labels = [label for label, _ in _domain_labels(mail, p)]
    sure = [_skeleton(f.value) for f in facts if f.used]
    for index, fact in enumerate(facts):
        if not 0.7 <= fact.confidence < USE or any(_skeleton(fact.value) in s for s in sure):
            continue
        label = _shortened_by(fact.value, labels)
        if label and person_confidence(clean_name(fact.value)) < 0.5 and not _is_title(fact.value):
            facts[index] = Fact("company", fact.value, f"{fact.source}, the domain '{label}' shortens it", 0.82)
    facts = [_led_by_acronym(f, text) for f in _spelled_out(facts)]
    if not found_label:
        for label, where in _domain_labels(mail, p):
            abbreviated = _unpossessed(_abbreviated_in(label, [*signature, mail.subject, text[:3000]]), label)
            if abbreviated:  # summitviewpt: "Summit View Physical Therapy"
                facts.append(
                    Fact("company", abbreviated, f"{where} '{label}', abbreviating a name the mail writes", 0.8)
                )
            else:
                facts.append(Fact("company", label.replace("-", " ").title(), f"{where}, spelled from the domain", 0.5))
    facts = _with_their_the(facts)
    return [fact for fact in facts if not _NO_EMPLOYER.search(fact.value) and not _named_as_job(fact.value, text)]


def _with_their_the(facts: list[Fact]) -> list[Fact]:
    """Each name as the sender's display name or a signature line writes it with its own article ('The
    Ashgrove Trust', 'Le Comptoir des Halles', where the domain spells it without): the article belongs
    to the name there, where a sentence's cannot begin it."""
    named = {
        article.sub("", f.value): f.value
        for f in facts
        if (article := _OWN_ARTICLE).match(f.value)
        and len(article.sub("", f.value)) > 1
        and f.source.startswith(("display name", "signature"))
    }
    return [replace(f, value=named[f.value]) if f.value in named else f for f in facts]


_OWN_ARTICLE = re.compile(r"^(?:(?:The|Le|La|Les|El|Los|Las) |L['’](?=[A-ZÀ-Ý]))")
"""An article a name begins with: 'The Ashgrove Trust', 'Les Éditions du Phare', 'L'Atelier Vert'."""


def _named_as_job(name: str, text: str) -> bool:
    """Whether the text calls *name* a job ('the Warehouse Operative role'): a team signing
    'Warehouse Operative Team' is that job's, not an employer."""
    return bool(
        re.search(
            rf"(?i)(?<![\w-]){re.escape(name)}[ \t]+(?:role|position|job|vacancy|post|poste|stelle|puesto|vacante)\b",
            text[:5000],
        )
    )


_NO_EMPLOYER = re.compile(
    r"^(?:I|Confidential|Anonymous|Undisclosed|Private(?: & Confidential)?|Vertraulich|Anonym|Confidentiel(?:le)?"
    r"|Anonyme|Confidencial|An[oó]nim[ao])$"
    r"|^(?:Recursos|Talento|Capital) Humanos?$|^Ressources Humaines$|^Human Resources$|^Personalabteilung$"
    r"|\b(?:Business Park|Industrial Estate|Street|Road|Avenue|Suite|Stra(?:ß|ss)e|Gewerbepark)$|^Gate [A-Z0-9]\b"
    # a part of an organisation: "der Sparte Medizintechnik", "Abteilung Einkauf" (not "Department of
    # Transportation": a public body is an employer)
    r"|^(?:Sparte|Abteilung|Bereich|Gesch[äa]ftsbereich|Fachbereich|Gesch[äa]ftsfeld|Einheit)\b",
    re.I,
)
"""What a pattern can take for an employer that names none: a placeholder ("Company: Confidential"),
the pronoun in "The company I mentioned", an HR department, a place in the directions."""


# A line of the signature block that names the organisation, and the second place that confirms it.

_SIGNATURE_SPLIT = re.compile(r"\s+[·•|–—]\s+|\s+-\s+|,\s+|\s+\|\s*|\s*\|\s+")


def _folded_words(text: str) -> str:
    """Text as its words, case- and accent-folded, one space apart, padded: ' dwyer sons plumbing '."""
    return " " + " ".join(re.findall(r"\w+", normalize(text))) + " "


def _above_signature(text: str, signature: list[str]) -> str:
    """The text without the signature block's lines: where a second, independent mention can be.
    A sentence among them is the text's (a mail with no sign-off ends so)."""
    for line in (line for line in signature if len(line.split()) <= 8 and not re.search(r"[.!?]$", line)):
        at = text.rfind(line)
        if at >= 0:
            text = text[:at] + text[at + len(line) :]
    return text


def _signature_company_lines(mail: Mail, signature: list[str], p: Platforms, not_these: tuple[str, ...]) -> list[Fact]:
    """A line of the signature block that names an organisation, or its first part ('Dwyer & Sons
    Plumbing' under 'Earl Dwyer'; 'Bureau of Inland Waterways' over 'Human Resources Office';
    'Hausarztpraxis Dr. Sandner · Marktplatz 6'), or a team's sign-off less its team words ('Equipo
    Brisa Viajes', "L'équipe RH Lumi Maison"). One place only: not sure alone (see _confirm_signed)."""
    facts = []
    for index, line in enumerate(signature[:6]):
        first = _SIGNATURE_SPLIT.split(line)[0].strip()
        name = _trim_company(first)
        team = bool(name) and _skeleton(name) != _skeleton(first) and not _LEGAL_TAIL.search(first)
        if not name or (index == 0 and not team and len(signature) > 1):
            continue  # the first line under a sign-off is the signer's
        if (
            AGENCY_ONLY.search(first)
            or re.search(r"(?i)recruitment$", first)
            or first.casefold() in p.names
            or _job_board_name(first)
        ):
            continue  # "Ridgeline Recruitment", "Civil Service Jobs": an agency's or a platform's sign-off
        # the line under a team's sign-off ("L'équipe Acquisition de Talents / Vélia Santé") is the
        # organisation's, whatever name it looks like
        under_team = index > 0 and bool(
            _TEAM_TAIL.search(signature[index - 1])
            or _HR_WORDS.search(signature[index - 1])
            or _TEAM_HEAD.match(signature[index - 1])
        )
        if not _company_shaped(name, p, not_these, team or under_team):
            continue
        source = "signature, a team's sign-off" if team else "signature, a line of its own"
        facts.append(Fact("company", name, source, 0.7))
    return facts


def _company_shaped(name: str, p: Platforms, not_these: tuple[str, ...], team: bool) -> bool:
    """Capitalised words an organisation's name could be: no digits, no sentence, no title, no
    department, no platform, not the candidate's name, and not a person's unless a team signs so."""
    words = name.split()
    return (
        1 <= len(words) <= 7
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w.casefold() in _CONNECTORS or w in ("&", "+") or w[:1] in "'’" for w in words)
        and not re.search(r"\d|[!?:;@/]|\.\s|https?|www", name)
        and words[0].casefold() not in _SENTENCE_START
        # 'Managing Partner' is a title; 'Lindgren & Associates', 'Northwind Dental Partners' are firms
        and not (_is_title(name) and not re.search(r"\s&\s|\b(?:Partners|Associates)$", name))
        and not _TEAM_ONLY.fullmatch(name)
        and not (_DEPARTMENT.match(name) and _HR_WORDS.search(name))
        and not re.search(r"(?i)\bhuman resources?\b|\bpersonnel\b|\brecruit", name)
        and not AGENCY_ONLY.search(name)
        and not any(w.casefold() in p.names for w in [name, *words])
        and not p.platform_of(f"x@{_skeleton(name)}.com")
        and not any(_skeleton(name) == _skeleton(n) for n in not_these if n)
        # letters after a name ('Kate O'Connell FCA') leave a person's name
        and (team or person_confidence(clean_name(re.sub(r"(?:\s+[A-Z]{2,5}\.?)+$", "", name))) < 0.6)
    )


def _job_board_name(name: str) -> bool:
    """A job board's or a public service's jobs site: 'NHS Jobs', 'APS Jobs', 'Civil Service Jobs'."""
    return bool(re.search(r"\b(?:jobs|empleos?|emplois?|stellen(?:markt|portal)?)$", name, re.I))


def _domain_agrees(name: str, labels: list[str]) -> str:
    """The sender's domain label that spells *name* in its own way: its words in another order
    (ingenierie-kestrel: 'Kestrel Ingénierie', countyoflarch: 'Larch County'), some of its words
    whole or cut to three letters or more in order (dwyerplumbing: 'Dwyer & Sons Plumbing',
    cooplaurentienne: 'Coopérative Laurentienne'), or its first word and initials (_shortened_by)."""
    words = [w for w in re.split(r"[\s'’-]+", name) if w and w.casefold() not in _CONNECTORS and w not in "&+"]
    for label in labels:
        for german in (False, True):
            whole = _skeleton(name, german)
            spelled = [_skeleton(w, german) for w in words]
            parts = [_skeleton(part) for part in label.split("-") if len(_skeleton(part)) >= 3]
            if len(parts) >= 2 and all(part in whole for part in parts):
                return label
            squeezed = _skeleton(label)
            own = [w for w in spelled if len(w) >= 4]
            if len(own) >= 2 and all(w in squeezed for w in own) and sum(map(len, own)) >= 0.7 * len(squeezed):
                return label
            if spelled and len(spelled) >= 2 and _pieces_spell(squeezed, spelled, 0, True):
                return label
    return _shortened_by(name, labels)


def _pieces_spell(rest: str, words: list[str], index: int, first: bool) -> bool:
    """Whether *rest* is spelled by words from *index* on, each whole or cut to 3+ letters, some
    skipped, the first word never, and at least two words used."""
    return _spelled_from(rest, tuple(words), index, first)


@lru_cache(maxsize=4096)
def _spelled_from(rest: str, words: tuple[str, ...], index: int, first: bool) -> bool:
    # Cached: the ways to cut the words multiply (a hostile domain and signature took a minute);
    # each (rest, index) is worked out once.
    if not rest:
        return not first and index >= 2
    for at in range(index, len(words) if not first else index + 1):
        word = words[at]
        for size in range(len(word), 2, -1):
            if rest.startswith(word[:size]) and _spelled_from(rest[size:], words, at + 1, False):
                return True
    return False


def _confirm_signed(facts: list[Fact], mail: Mail, text: str, signature: list[str], p: Platforms) -> list[Fact]:
    """A name a signature writes, sure when a second, independent place names it too: the sender's
    domain spells it, a display name writes it, or the subject or the text above the signature
    does (a name of one word only as a piece of its own there: 'Quillstack: interview for …')."""
    labels = [label for label, _ in _domain_labels(mail, p)]
    displays = [
        _skeleton(_trim_company(part))
        for a in (mail.sender, *mail.reply_to)
        if a and a.name
        for part in re.split(r"\s+(?:via|vía|über|par|por|through|[|–—/-])\s+|\s*[|,(·]\s*", a.name)
    ]
    above = _folded_words(_above_signature(text, signature)[:3000])
    subject = re.sub(r"^(?:(?:re|aw|fwd?|wg|tr)\s*:\s*)+", "", mail.subject, flags=re.I)
    # The subject's first piece names the employer ('Quillstack: interview for …'); a later one may be a place
    pieces = {_skeleton(_SUBJECT_SEPARATOR.split(subject)[0])}
    leads = [_skeleton(piece) for piece in _SUBJECT_SEPARATOR.split(subject) if len(piece.split()) >= 2]
    # A name the mail spells as the sender's domain does is surer than a display name's other one
    spelled = {_skeleton(f.value) for f in facts if re.search(r"as the mail spells it|written so", f.source)}
    out = []
    for fact in facts:
        if not fact.source.startswith("signature") or fact.confidence >= USE:
            out.append(fact)
            continue
        name, skeleton = fact.value, _skeleton(fact.value)
        # A part after a title ('Ward Manager, Elderly Care') may be a ward or a place: the text is no proof for it
        mine = fact.source.startswith("signature, ")
        if len(skeleton) < 4 or not (mine or _company_shaped(name, p, (), False)):
            out.append(fact)
            continue
        words = [w for w in name.split() if w.casefold() not in _CONNECTORS and w not in "&+"]
        why = ""
        if label := _domain_agrees(name, labels):
            why = f"the domain '{label}' spells it too"
        elif (not spelled or skeleton in spelled) and any(
            d == skeleton or ((d.endswith(skeleton) or d.startswith(skeleton)) and len(words) >= 2) for d in displays
        ):
            # 'Enseigne Lumi Maison' for 'Lumi Maison', 'Prairie Grain Cooperative Bookings' for 'Prairie Grain Cooperative'
            why = "a display name writes it too"
        elif skeleton in pieces:
            why = "the subject writes it too"
        elif mine and len(words) >= 2 and _folded_words(name) in _folded_words(mail.subject) + above:
            why = "the text writes it too"
        elif mine and len(words) >= 3 and any(len(s) >= 8 and skeleton.startswith(s) for s in leads):
            why = "the subject writes its first words"  # 'Rocky Mountain HVAC' for 'Rocky Mountain HVAC Services'
        if why:
            out.append(Fact("company", name, f"{fact.source}, {why}", 0.85))
        elif not mine:  # a line of its own with no second place is no candidate: it would only add to others
            out.append(fact)
    return out


def _spelled_out(facts: list[Fact]) -> list[Fact]:
    """A name the domain writes with an acronym ('Cedar Valley ISD', 'CoastalCU') that a signature or
    a display name of the mail spells out ('Cedar Valley Independent School District', 'Coastal
    Community Credit Union'): the name in full, as sure as the short one (two places, one name)."""
    out = []
    for fact in facts:
        short = re.fullmatch(r"(?P<lead>.*?[a-zà-ÿ])\s?(?P<acr>[A-Z]{2,4})", fact.value)
        longer = [
            other
            for other in facts
            if short
            and other.confidence >= 0.7
            and other.source.startswith(("signature", "display name"))
            and _acronym_of(short["lead"], short["acr"], other.value)
        ]
        if longer:
            full = max(longer, key=lambda f: f.confidence)
            where = full.source.split(",")[0]
            fact = Fact("company", full.value, f"{fact.source}, written in full in the {where}", fact.confidence)
        out.append(fact)
    return out


def _led_by_acronym(fact: Fact, text: str) -> Fact:
    """A name that begins with an acronym ('GH Sainte-Anne-des-Pins') the text writes in full
    ('Groupe Hospitalier Sainte-Anne-des-Pins', under the signer's name): the name in full."""
    acronym, _, rest = fact.value.partition(" ")
    if not (2 <= len(acronym) <= 4 and acronym.isupper() and acronym.isalpha() and rest):
        return fact
    linking = r"(?:(?:de|des|du|de la|of|the|für|del|de los|y|et|und|and|&)\s+)?"
    words = (rf"{letter}[a-zà-ÿ]+" for letter in acronym)
    full = re.search(r"(?<![\w-])" + rf"\s+{linking}".join(words) + r"\s+" + re.escape(rest) + r"(?![\w-])", text)
    if full is None:
        return fact
    return Fact(
        "company", " ".join(full.group().split()), f"{fact.source}, written in full in the text", fact.confidence
    )


def _acronym_of(lead: str, acronym: str, name: str) -> bool:
    """Whether *name* begins with *lead*'s words and its later words' initials hold *acronym*,
    in order, the last word's among them: ('Coastal', 'CU', 'Coastal Community Credit Union')."""
    words = name.split()
    size = len(lead.split())
    if len(words) <= size or _skeleton(" ".join(words[:size])) != _skeleton(lead):
        return False
    initials = "".join(w[0] for w in words[size:] if w[:1].isupper())
    if not initials or initials[-1] != acronym[-1]:
        return False
    found = iter(initials)
    return all(letter in found for letter in acronym)


_INSTITUTION = re.compile(
    r"^(?:(?:the\s+)?(?:city|town|village|county|borough|state|university|port|commonwealth) of\s|(?:universit[äaé]t?|universidad"
    r"|universitat|hochschule|fachhochschule|hospital|h[ôo]pital|klinikum|krankenhaus|landratsamt|landkreis|stadt|gemeinde"
    r"|bezirksamt|ayuntamiento|diputaci[oó]n|mairie|ville|commune|centre hospitalier|centre de services scolaire"
    r"|coll[èe]ge|lyc[ée]e|instituto|institut)\b(?:\s+(?:de|d['’]|du|des|del|de la))?\s)"
    r"|\s(?:university|college|county|school district|schools|public schools|hospital|medical center|health system"
    r"|universit[äa]t|hochschule|klinikum)$",
    re.I,
)
"""A public body's, a university's, a hospital's or a school district's name: its own words say what it is."""


def _spelled_by_domain(name: str, mail: Mail, p: Platforms) -> bool:
    """Whether the sender's domain holds each of *name*'s own words (not its institution words) of
    four letters or more: 'Universität Lindenau' at uni-lindenau, 'Hospital San Rafael' at hsanrafael."""
    labels = [_skeleton(label) for label, _ in _domain_labels(mail, p)]
    own = [w for w in re.split(r"[\s'’-]+", _INSTITUTION.sub(" ", name)) if len(_skeleton(w)) >= 4]
    own = [w for w in own if not _INSTITUTION.search(f"{w} ") and w.casefold() not in _CONNECTORS]
    first = _skeleton(name)[:1]
    return any(
        label.startswith(first) and any(_skeleton(w) in label or _skeleton(w, True) in label for w in own)
        for label in labels
    )


def _shortened_by(name: str, labels: list[str]) -> str:
    """The domain label that shortens *name*: its first word of five letters or more begins the
    label (and, alone, makes most of it: quetzal for quetzalpay, not chicago for chicagolakeshore),
    or the label is the initials of three or more of its words (bls: Bureau of Land Survey)."""
    if re.search(r"[.!?]\s|\s[a-z]{4,}|\d", name):
        return ""  # a sentence or a date, not a name
    words = [w for w in re.split(r"[\s'’-]+", name) if w and w.casefold() not in _CONNECTORS and w != "&"]
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    first = _skeleton(words[0])
    initials = "".join(_skeleton(w)[:1] for w in words)
    for label in labels:
        for part in (label, *label.split("-")):
            part = _skeleton(part)
            if len(words) >= 3 and part == initials:
                return label
            if len(first) >= 5 and part.startswith(first) and (len(words) > 1 or len(first) >= 0.6 * len(part)):
                return label
    return ""


def _begins_with(name: str, start: str) -> bool:
    """Whether *name*'s first words spell *start* (a domain's first word): 'Pharmacie Centrale'
    for pharmacie-centrale-lille, not 'Pharmacienne titulaire'."""
    for german in (False, True):
        spelled = ""
        for word in name.split():
            spelled += _skeleton(word, german)
            if spelled == start:
                return True
            if not start.startswith(spelled):
                break
    return False


def _abbreviated_in(label: str, places: list[str]) -> str:
    """A name the domain abbreviates: its first word whole, each later word whole, cut short or
    by its initial, connectors skippable (beaconhillpeds: Beacon Hill Pediatrics; fernhill-ha:
    Fernhill Housing Association). Only a run whose words all count, and a label of 8 or more."""
    wanted = _skeleton(label)
    if len(wanted) < 8:
        return ""
    for value in places:
        for run in _RUN.finditer(value):
            words = run.group().split()
            for start, first in enumerate(words):
                head = _skeleton(first)
                if len(head) < 4 or not wanted.startswith(head):
                    continue
                end = _abbreviates(wanted[len(head) :], words, start + 1)
                if end:
                    name = _trim_company(" ".join(words[start:end]))
                    if name and len(name.split()) >= 2 and not AGENCY_NAME.search(name):
                        return name
    return ""


def _abbreviates(rest: str, words: list[str], index: int) -> int:
    """Where the words from *index* on end once they spell *rest* (0 when they cannot)."""
    if not rest:
        return index
    if index >= len(words):
        return 0
    word = _skeleton(words[index])
    if words[index].casefold() in _CONNECTORS or words[index] == "&":
        skipped = _abbreviates(rest, words, index + 1)
        if skipped:
            return skipped
    for size in range(len(word), 0, -1):
        if rest.startswith(word[:size]):
            found = _abbreviates(rest[size:], words, index + 1)
            if found:
                return found
    return 0


_MEETING_TOOL = re.compile(r"\b(?:teams|zoom|meet|webex|skype|whereby|gotomeeting|bluejeans|jitsi)\b", re.I)
"""A video call's tool, named where an employer could be ('Interview at Zoom', 'avec Teams')."""

_C = r"(?P<c>[A-ZÀ-ÞÄÖÜ][\w'’.-]*(?:[ \t](?:&|und|and|de|del|la|du|des|los|las|y|et|[A-ZÀ-ÞÄÖÜ][\w'’.-]*)){0,5})"
_COMPANY_PATTERNS = (
    (
        re.compile(
            r"(?:\bat|\bwith|\bavec|\bjoin(?:ing)?|\bto|\binterest in|\bbei|\bchez|\bau sein d[eu]|\ben|\bpara|\bder|\bdie|\bdas)\s+(?P<c>(?:[A-ZÀ-ÞÄÖÜ][\w'’.-]*)(?:\s(?:(?:&|und|and|de|del|la|du|des|of|von|van)(?=\s)|(?!I\b|I['’])[A-ZÀ-ÞÄÖÜ][\w'’.-]*)){0,5})"
        ),
        0.72,
    ),
    (
        # "Wattle & Finch has invited you to a video interview", "Banco Austral te invita a una entrevista"
        re.compile(
            r"(?:^|(?<=\n)|(?<=[.!?]\s))(?P<c>[A-ZÀ-ÞÄÖÜ][\w'’.-]*(?:\s(?:(?:&|und|and|de|del|y|et)(?=\s)|[A-ZÀ-ÞÄÖÜ][\w'’.-]*)){0,5})"
            r"\s+(?:has invited you|invites you|would like to invite you|te invita|le invita|vous invite|t['’]invite"
            r"|l[äa]dt (?:dich|sie))\b"
        ),
        0.72,
    ),
    (
        # A job board's or an ATS's words for the employer it relays for: "La empresa Electro Montajes
        # Duero ha finalizado", "Employer: Eastbrook Hospitals NHS Trust", "l'entreprise Logistique du Val"
        re.compile(
            r"(?:\b(?i:la empresa|l['’]entreprise|la soci[ée]t[ée]|das unternehmen|the company|the employer)"
            r"|(?:^|(?<=\n))(?i:employer|empresa|employeur|arbeitgeber|company|entreprise|unternehmen)[ \t]?:)[ \t]+"
            + _C
        ),
        0.8,
    ),
    (
        # "Bayline Pharmacy has reviewed your application", "Logistique du Val a examiné votre candidature",
        # "an update from Sunny Paws Pet Care", "envoyé par Indeed au nom de Logistique du Val": one place, not sure alone
        re.compile(
            r"(?:^|(?<=\n)|(?<=[.!?]\s))"
            + _C
            + r"\s+(?:has (?:reviewed|decided|considered)|(?:wants|would like) to interview you|a (?:examin[ée]|d[ée]cid[ée]|étudié)"
            r"|(?:ha )?(?:revisado|revis[óo]|decidi[óo]|finaliz[óo]|ha finalizado|cerr[óo])|hat (?:Ihre|deine) Bewerbung)\b"
        ),
        0.72,
    ),
    (
        re.compile(
            r"\b(?i:an update from|a message from|new message from|nuevo mensaje de|mensaje de|nouveau message de"
            r"|interview (?:request|invitation) from|invitation to interview from|publicada por|publi[ée]e? par|au nom de|en nombre de|im (?:Namen|Auftrag) von)\s+"
            + _C
        ),
        0.72,
    ),
)


# ---------------------------------------------------------------------------- role

_HEADS = re.compile(
    r"(?<![\w])\w*?(?:engineer|developer|manager|designer|analyst|specialist|coordinator|assistant|consultant|director|lead|intern"
    r"|associate|representative|technician|officer|administrator|scientist|architect|nurse|teacher|accountant|clerk"
    r"|agent|advisor|adviser|cook|chef|driver|operator|supervisor|planner|writer|editor|researcher|recruiter|executive"
    r"|controller|auditor|therapist|pharmacist|mechanic|electrician|receptionist|cashier|server|barista|attendant"
    r"|trainee|apprentice|student|tutor|counsel|lawyer|paralegal|buyer|producer|strategist|owner|head|partner"
    r"|entwickler(?:in)?|ingenieur(?:in)?|referent(?:in)?|sachbearbeiter(?:in)?|sachbearbeitung|berater(?:in)?|leiter(?:in)?"
    r"|techniker(?:in)?|kaufmann|kauffrau|fachkraft|werkstudent(?:in)?|praktikant(?:in)?|verk[äa]ufer(?:in)?|konstrukteur(?:in)?"
    r"|disponent(?:in)?|mitarbeiter(?:in)?|assistenz|elektroniker(?:in)?|angestellte[r]?|pflegefachkraft|trainee"
    r"|d[ée]veloppeu(?:r|se)|ing[ée]nieur|responsable|charg[ée]|conseill(?:er|[èe]re)|comptable|infirmi(?:er|[èe]re)"
    r"|r[ée]ceptionniste|commis|conducteur|chef|stagiaire|alternant|gestionnaire|technicien(?:ne)?|analyste|agent"
    r"|desarrollador(?:a)?|ingeniero|ingeniera|analista|jefe|jefa|responsable|t[ée]cnico|t[ée]cnica|asistente|agente"
    r"|dependiente|camarero|camarera|enfermero|enfermera|administrativo|administrativa|auxiliar|comercial|dise[ñn]ador(?:a)?"
    r"|worker|adjuster|paraprofessional|adviser|contr[ôo]leu(?:r|se)|ejecutiv[oa]|vendedor(?:a)?|repartidor(?:a)?"
    r"|employ[ée]e?|op[ée]rat(?:eur|rice)|magasinier|vendeu(?:r|se)|serveu(?:r|se)|cuisinier|aide|auxiliaire|secr[ée]taire"
    r"|programador(?:a)?|contable|becario|becaria|coordinador(?:a)?|consultor(?:a)?|gerente|recepcionista|cocinero|conductor"
    r"|lecturer|professor|fellow|solicitor|geologist|estimator|bookkeeper|sommelier|dispatcher|caregiver|nanny|cleaner"
    r"|geselle|meister(?:in)?|tischler(?:in)?|helfer(?:in)?|erzieher(?:in)?|pfleger(?:in)?|monteur(?:in)?|mechaniker(?:in)?"
    r"|mechatroniker(?:in)?|pr[ée]parat(?:eur|rice)|dessinat(?:eur|rice)|[ée]dit(?:eur|rice)|soudeu(?:r|se)|vendeu(?:r|se)"
    r"|representante|arquitect[oa]|mec[aá]nico|camarer[oa]|limpiador(?:a)?)"
    # endings: plurals, feminine forms, inclusive forms ("Kaufmann", "Erzieherin", "Infirmier(ère)")
    r"(?:s|es|e|in|innen|a|as|ne|\((?:e|ère|in|a|ne|trice)\))?(?![\w])",
    re.I,
)
_GENDER = (
    r"(?:\s*\((?:m/w/d|w/m/d|m/f/d|f/m/d|d/m/w|m/w/x|w/m/x|all genders|gn\*?|h/f|f/h|m/f|h/m|f/m)\)|\s+(?:H/F|F/H|M/F))"
)
_T_EN = r"(?P<r>[A-Z][\w/&+.'’()-]*(?:,? (?:[A-Z(][\w/&+.'’()-]*|of|and|&|for|in|to|the|de|-|–|/))*?" + _GENDER + r"?)"
_DE_WORD = r"(?:[A-ZÄÖÜ][\w/&+-]*-\s+(?:und|oder)\s+[A-ZÄÖÜ][\w/&+-]*|[A-ZÄÖÜ][\w/&+-]*|[A-Z]{2,})"
_T_DE = (
    r"(?P<r>"
    + _DE_WORD
    + r"(?:"
    + _GENDER
    + r"|\s(?:für|im|in|der|des|mit|/|-)\s"
    + _DE_WORD
    + r"|\s"
    + _DE_WORD
    + r"|\s\((?!m/|w/|f/|d/)[\w/ +.-]{1,20}\)"
    + r")*"
    + _GENDER
    + r"?)"
)
# A title may go on after a comma with a capitalised word: "Analyste, Lutte au blanchiment".
_T_ROM = r"(?P<r>[A-ZÀ-Þa-zà-ÿ][^\n.,;:!?]{1,70}?(?:,\s[A-ZÀ-Þ][^\n.,;:!?]{1,40}?)?" + _GENDER + r"?)"
_END_EN = r"(?=\s+(?:at|with|in|for|position|role|job|opening|vacancy|post|opportunity|team|here|on|and)\b|\s*[.,;:!?\n(]|\s*$)"
_END_DE = r"(?=\s+[a-zäöüß]|\s+(?:–|-)\s|\s*[.,;:!?\n]|\s*$)"
_END_ROM = (
    r"(?=\s+(?:chez|au sein|auprès|dans|pour|avec|et|à|que|qui|sur|a|con|para|y|que|dentro|de nuestr\w*|de la empresa|de notre|de nos|"
    r"lors|afin|dont|ainsi|puis|mais|car|donc|nous|vous|il|elle|est|sont|a été|ha|han|hemos|fue|sido|durante|tras|desde|"
    r"de l['’]|le|el|por|publi[ée]e?s?|publicad[oa]s?|ouverte?s?|ofertad[oa]s?|convocad[oa]s?|propos[ée]e?s?"
    # a clause goes on after the title: "el puesto de Controller Financiero no sigue adelante"
    r"|no|ne|n['’]|ni|se|s['’]|ya|sigue|seguir\w*|continu\w+|avanz\w+|queda\w*|reste|va|vamos|allons)\b"
    # "en", "au", "aux" go on in a title ("Préparateur en pharmacie", "Conseillère aux membres"), not before a
    # name, a place or an article ("aux Éditions Paloma", "en la empresa", "en CDI")
    r"|\s+(?:en|au|aux)\s+(?:[A-ZÀ-Þ\d]|(?:la|el|le|les|los|las|l['’]|nuestr\w*|notre|nos|votre|vos|su|sus|cette|ce|este|esta"
    r"|un|une|una|mi|ma|mon|sein)\b)|\s*[.,;:!?\n]|\s*[–-]\s|\s*$)"
)
_ROLE_PATTERNS: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (
        re.compile(
            r"\b(?:the|our|this|your|an?)\s+(?P<r>[a-z]?[A-Z][\w/&+.'’()-]*(?:,?\s(?:[a-z]?[A-Z(][\w/&+.'’()-]*|of|and|&|for|in|to|-|–|/))*)"
            r"(?:\s+(?:contract-to-hire|full-time|part-time|temporary|permanent|remote|hybrid|contract|temp|seasonal|fixed-term))?"
            r"\s+(?:position|role|job|opening|vacancy|post|opportunity|spot)\b"
        ),
        0.9,
        "'the … position'",
    ),
    (
        re.compile(r"\b(?:position|role|post|vacancy|opening|job) (?:of|as) (?:an? |the )?" + _T_EN + _END_EN),
        0.85,
        "'position of …'",
    ),
    (
        re.compile(
            r"\b(?:application|applying|applied|interest|candidacy|interview(?:ing)?|eligible list|consideration|shortlisted)\s+(?:for|as|in|to be)\s+(?:the\s+|our\s+|an?\s+)?(?:position of\s+|role of\s+)?"
            + _T_EN
            + _END_EN
        ),
        0.8,
        "'application for …'",
    ),
    (
        re.compile(
            r"(?:Bewerbung|bewerben|beworben|Interesse|Vorstellungsgespräch|Gespräch|Stelle|Position)\s+(?:als|auf|für|zur|zum)\s+(?:die\s+|unsere\s+|eine[nr]?\s+|den\s+)?(?:(?:ausgeschriebene\s+)?(?:Stelle|Position|Vakanz)\s+(?:als\s+)?(?:eine[rs]?\s+)?)?"
            + _T_DE
            + _END_DE
        ),
        0.85,
        "'Bewerbung als …'",
    ),
    (re.compile(r"\b(?:Stelle|Position)\s+(?:als\s+)?" + _T_DE + _END_DE), 0.8, "'Stelle …'"),
    (
        re.compile(
            r"\b(?:poste|offre|candidature|entretien|fonction)\s+(?:de|d['’]|au poste de|pour le poste de|pour le poste d['’]|pour l['’]offre de)\s*(?:l['’])?"
            + _T_ROM
            + _END_ROM
        ),
        0.85,
        "'poste de …'",
    ),
    (re.compile(r"\ben tant que\s+" + _T_ROM + _END_ROM), 0.8, "'en tant que …'"),
    (re.compile(r"\ble poste\s+(?=[A-ZÀ-Þ])" + _T_ROM + _END_ROM), 0.8, "'le poste …'"),
    (
        re.compile(
            r"\b(?:puesto|vacante|posici[oó]n|oferta|candidatura|plaza|postulaci[oó]n|entrevistas?)\s+(?:de|como|para el puesto de|al puesto de|a la vacante de|al aviso|a|al|para)\s+(?=[A-ZÀ-Þ]|(?:de|como)\s)"
            + _T_ROM
            + _END_ROM
        ),
        0.85,
        "'puesto de …'",
    ),
)
_SUBJECT_ROLE = (
    re.compile(
        r"^(?:(?:re|aw|fwd?|wg|tr)\s*:\s*)*(?:[^:|–-]{0,40}[:|–-]\s+)?(?P<r>[^:|–]+?)"
        + _GENDER
        + r"?\s+(?:at|bei|chez|en|@)\s+[A-Z]",
        re.I,
    ),
    re.compile(r"[:–|-]\s+(?P<r>[^:|–]+?" + _GENDER + r"?)\s*(?:[(–|-]|$)"),
    # "Stelle Teamleitung Kundenservice", "Bewerbung Landschaftsgärtner", "Entrevista Animador/a turístico/a"
    re.compile(
        r"^(?:(?:ihre|deine|your|votre|tu|su)\s+)?(?:bewerbung|stelle|vorstellungsgespräch|auswahlgespräch|candidature|entretien"
        r"|entrevista|candidatura|currículum|application|interview)\s+(?:als\s+|für\s+|pour\s+|para\s+|for\s+)?"
        r"(?P<r>[^:|–]+?)\s*$",
        re.I,
    ),
    # "server position", "apprentice job"
    re.compile(r"^(?P<r>[\w/ .-]+?)\s+(?:position|job|role|opening)\s*$", re.I),
)
# A gender marker or an inclusive ending makes a job title: "(m/w/d)", "(H/F)", "Cajero/a", "Manipulateur(trice)".
_TITLE_MARK = re.compile(
    _GENDER + r"|\w/(?:a|in|e|ne|trice|euse|ère)\b|\w\((?:e|ère|trice|euse|ne|a|in)\)",
    re.I,
)


_NOT_TITLE_START = frozenset(
    [
        "interview",
        "interviews",
        "application",
        "applications",
        "update",
        "your",
        "our",
        "the",
        "re",
        "fwd",
        "next",
        "invitation",
        "invite",
        "confirmed",
        "scheduling",
        "schedule",
        "entretien",
        "candidature",
        "entrevista",
        "candidatura",
        "proceso",
        "bewerbung",
        "einladung",
        "absage",
        "as",
        "for",
        "als",
        "pour",
        "para",
        "de",
        "en",
        "at",
        "with",
        "status",
        "message",
        "thanks",
        "thank",
    ]
)
_LOWER_IN_TITLES = frozenset("of and & for de des du la le el y und für im in der des mit en et / - – a".split())  # noqa: SIM905


def _title_shaped(role: str) -> bool:
    """Capitalised words (and the connectors titles use), not opening like a sentence."""
    words = re.sub(_GENDER, "", role, flags=re.I).split()
    if not words or len(words) > 7 or words[0].casefold().strip("!:,.") in _NOT_TITLE_START:
        return False
    return all(
        w[:1].isupper() or w.casefold() in _LOWER_IN_TITLES or _TITLE_MARK.search(w) or w[:1].isdigit() for w in words
    ) and not re.search(r"[!?]", role)


def _is_title(role: str) -> bool:
    return bool(_TITLE_MARK.search(role) or _HEADS.search(re.sub(_GENDER + "$", "", role, flags=re.I).strip()))


_REF_TAG = re.compile(
    r"\s*\((?:(?:req|ref|r[ée]f|job|posting|kennziffer|stellen-?id|id|no\.?|n[°º]|#)\b[^()]*\d[^()]*|#?\s*\d[\w\s/-]*)\)",
    re.I,
)
_AD_TAG = re.compile(
    r"\s*\((?:m/w/d|w/m/d|m/f/d|f/m/d|d/m/w|m/w/x|w/m/x|all genders|gn\*?|h/f|f/h|m/f|h/m|f/m|h/f/x|f/h/x|cdi|cdd"
    r"|vollzeit|teilzeit|voll-? ?oder teilzeit|full[- ]?time|part[- ]?time|permanent[^()]*|temporary|contract|fixed[- ]term"
    r"|remote|hybrid|teletrabajo|remoto|h[íi]brido|presencial|t[ée]l[ée]travail|hybride|home-?office|befristet|unbefristet|festanstellung|jornada[^()]*|tiempo (?:completo|parcial)|temps (?:plein|partiel)"
    r"|alternance|int[ée]rim|(?:req|ref|r[ée]f|job|posting|kennziffer|stellen-?id|id|no\.?|n[°º]|#)\b[^()]*\d[^()]*"
    r"|#?\s*\d[\w\s/-]*)\)"
    r"|\s+(?:H/F|F/H|M/F|H/F/X|m/w/d|w/m/d)(?=\s|$)",
    re.I,
)
"""The ad's tags, which nobody writes in a letter: gender markers, contract, hours, reference numbers."""
_PLACE_TAIL = re.compile(
    r"\s+[-–—|]\s+(?P<t>(?:(?:Region|Greater|Grand|R[ée]gion|Regi[oó]n|Großraum)\s+)?[A-ZÀ-Þ][\w'’.]*(?:-[A-ZÀ-Þ][\w'’.]*)*"
    r"|cdi|cdd|remote"
    r"|hybrid|vollzeit|teilzeit|full[- ]time|part[- ]time)$",
    re.I,
)
"""' - Berlin', ' – Nantes', ' - Remote': a place or contract after a dash ('- Emergency Department' stays)."""
_KEEP_TAIL = re.compile(
    r"(?i:department|unit|ward|team|nights?|days?|bank|cover|shift|clinic|abteilung|station)|[A-Z]{2,}"
)


def plain_role(role: str) -> str:
    """*role* as a letter writes it: without the ad's tags ('(m/w/d)', '(CDI)', '(Req 12345)',
    'H/F') and without a place or contract after a dash ('Store Manager – Monterrey')."""
    # "Disponent (m/w/d) im Nahverkehr": the ad's marker ends the title when lower-case words follow it
    role = re.sub(_GENDER + r"\s+(?=(?-i:[a-zäöüß])).*$", "", role, flags=re.I)
    role = " ".join(_AD_TAG.sub("", role).split())
    tail = _PLACE_TAIL.search(role)
    if tail and not _HEADS.search(tail["t"]) and not _KEEP_TAIL.search(tail["t"]) and tail.start() > 0:
        role = role[: tail.start()]
    return _without_function_tail(role)


_MAIL_KIND_HEAD = re.compile(
    r"^(?:(?:erst|zweit|dritt|vorstellungs|bewerbungs|telefon|video|kennenlern)?gespr[äa]ch|kennenlernen|einladung"
    r"|(?:initiativ)?bewerbung|(?:stellen)?ausschreibung|stellenangebot|stelle|entretien|candidature|entrevista|candidatura"
    r"|convocatoria|b[uú]squeda|vacante)\b[\s:–-]*",
    re.I,
)
"""A subject's word for what the mail is, before the title it names ('Zweitgespräch Projektleiter',
'Initiativbewerbung Medizinische Fachangestellte'): no part of the title. Not in English, where
titles begin so ('Application Engineer', 'Interview Coordinator')."""


_FUNCTION_TAIL = re.compile(
    # Each word once: one written twice ("a" is English, French and Spanish) lets the repeated
    # group match a run of them in 2**n ways, and a hostile subject took minutes.
    r"(?:\s+(?:at|with|in|on|of|for|the|a|an|and|or|to|from|by|&|/|-|–|—|bei|von|vom|zum|zur|im|am|der|des|dem|den|die"
    r"|das|und|oder|für|mit|aus|chez|en|à|au|aux|de|du|d['’]|la|le|les|l['’]|et|ou|pour|par|sur|avec|del|al|el|los"
    r"|las|y|o|para|por|con|e"
    # a place's participle left when the place went ("Responsable Logistique basé" for "… basé à Orléans")
    r"|based|located|basée?s?|située?s?|ubicad[oa]s?|situad[oa]s?))+$"
)
"""Words no title ends in: a preposition, an article or a conjunction left where the sentence went on
("Jefe/a de Recepción del" for "… del Hotel Mirador"). In lower case only: "Electrician Class A"."""


def _without_function_tail(role: str) -> str:
    """*role* without the function words and separators at its end."""
    return _FUNCTION_TAIL.sub("", role.strip(" -–—/|,")).strip(" -–—/|,")


_EMPLOYERS_WORDS = re.compile(
    r"\s*(?:\b(?:au sein|aupr[èe]s|dentro|within|inside)\b\s*)?"
    r"(?:\b(?:de|d['’]|del|du|des|of|in|at|for|on|bei|im|für|en|para|pour|dans|à|a|au|aux|con|with|zu[mr]?)\s+)?"
    r"(?:\b(?:la|le|les|el|los|las|the|der|die|das|dem|den)\s+)?(?:\w+\s+)?"
    r"\b(?:our|unser\w*|notre|nos|nuestr[oa]s?)\b.*$",
    re.I,
)
"""From a word of the employer's own point of view on ('… del Restaurante de nuestro hotel de Sitges',
'… au sein de notre siège', '… in our Leeds team', '… bei unserer Tochter'): the employer's words, no
part of the title, with the preposition that led to them."""
_PURPOSE_TAIL = re.compile(r"\s+(?:para|pour|for|für)\s+(?:[a-zà-ÿß][\w'’-]*\s*)+$")
"""What a post is for, in the sentence's lower case ('… para el restaurante'), left before the employer's words."""
_OPEN_HEAD = re.compile(
    r"(?:responsable|head|jefe|jefa|chef|leiter(?:in)?|leitung|charg[ée]e?|encargad[oa]|directeur|directrice|director"
    r"|directora|especialista|sp[ée]cialiste|specialist|t[ée]cnic[oa]|technicien(?:ne)?|experto|experta|expert"
    r"|ingeniero|ingeniera|ing[ée]nieur|licenciad[oa]|graduad[oa]|consultor(?:a)?|asesor(?:a)?|conseill(?:er|[èe]re)"
    r"|referent(?:in)?|fachkraft|agent|agente|auxiliar|assistant|assistente|asistente|gestionnaire|manager|lead)",
    re.I,
)
"""A head that names no post without what follows it ('Especialista' of 'Especialista en Nóminas',
'Responsable' of 'Responsable de Sala'): cut down to it alone, a title is lost, not shortened."""


def _open_head(role: str) -> bool:
    """Whether *role*, its ad's marker aside, is one head word that needs its complement."""
    words = re.sub(_GENDER, "", role, flags=re.I).split()
    return len(words) == 1 and bool(_OPEN_HEAD.fullmatch(words[0].rstrip(".,")))


def _without_employers_words(role: str) -> str:
    """*role* up to the employer's own words ('Responsable de Sala del Restaurante' for 'Responsable de
    Sala del Restaurante de nuestro hotel de Sitges'); '' when what is left is no title, or a head
    alone that needs its complement ('Responsable' of 'Responsable de nuestro equipo')."""
    cut = _EMPLOYERS_WORDS.sub("", role)
    if cut == role:
        return role
    cut = _without_function_tail(_PURPOSE_TAIL.sub("", _without_function_tail(cut)))
    return cut if cut and _is_title(cut) and not _open_head(cut) else ""


_ROLE_WORD_TAIL = re.compile(r"\s+(?:role|position|post|job|vacancy|opening|poste|stelle|puesto|vacante|plaza)$", re.I)


_VERB_ON = re.compile(
    r"\s+(?:is|are|was|were|has been|have been|will be|ist|sind|war|wurde|wird|est|sont|était|a été|sera|está|están"
    r"|fue|ha sido|ha quedado|queda|será)(?=\s|$)"
)
"""A verb the sentence goes on with after the title: 'Product Manager está confirmada', 'Sachbearbeiter
wurde besetzt'. In lower case only: a title's words are capitalised."""


def _clean_role(role: str, not_these: tuple[str, ...] = ()) -> str:
    """*role* trimmed, or '' when it is no title. The ad's gender marker stays (it shows a title;
    plain_role drops it at the end), its reference number goes ('(Req 12345)')."""
    role = " ".join(_REF_TAG.sub("", role).split())
    role = _MAIL_KIND_HEAD.sub("", role)
    role = _without_employers_words(role)
    role = _VERB_ON.split(role, maxsplit=1)[0]
    role = _without_function_tail(role).strip(" -–/,.")
    # "Controller role", "Buchhalter Stelle": the word for a job is no part of its title
    role = _ROLE_WORD_TAIL.sub("", role)
    if role.count("(") != role.count(")"):
        role = role[: role.rfind("(")].strip() if role.count("(") > role.count(")") else ""
    if not role or len(role) > 80 or len(role.split()) > 10 or re.search(r"\d{3,}|#|@|https?:", role):
        return ""
    if re.match(r"(?:the|our|this|your|a|an|un|une|le|la|el|die|der|das|ein|eine)\b", role, re.I):
        return ""
    for name in not_these:  # "Cellar Worker - Oakhurst Winery Group": the company is no part of the title
        if len(name) > 2 and " " in name and name.casefold() in role.casefold():
            role = re.split(rf"\s*(?:[-–|,]|\bat|\bbei|\bchez)?\s*{re.escape(name)}", role, flags=re.I)[0].strip(
                " -–|,"
            )
            # "Jefe/a de Recepción del Hotel Mirador": the word that led to the company goes with it
            role = _without_function_tail(role)
    folded = role.casefold()
    if not role or any(
        name and (name.casefold() == folded or name.casefold() in folded.split()) for name in not_these if len(name) > 2
    ):
        return ""
    return _unshouted(role)


def _unshouted(role: str) -> str:
    """A title the ad writes in capitals ('LEVEL DESIGNER', 'SENIOR QA ENGINEER') as a letter writes it:
    'Level Designer', 'Senior QA Engineer'. Short words stay an acronym's; a title in mixed case
    stays as written ('SCADA Engineer')."""
    words = re.findall(r"[^\W\d_]{2,}", role)
    if len(words) < 2 or any(not w.isupper() for w in words) or re.search(r"\d", role):
        return role

    def cased(match: re.Match[str]) -> str:
        word, before = match.group(), role[max(0, match.start() - 2) : match.start()]
        if (word.casefold() in _LOWER_IN_TITLES and match.start()) or (
            len(word) <= 2 and re.fullmatch(r"\w[/(]", before)  # an inclusive ending: "Jefe/a", "Assistant(e)"
        ):
            return word.lower()
        return word if len(word) <= 3 else word.capitalize()

    return re.sub(r"[^\W\d_]+", cased, role)


# A subject's pieces between separators, and the words that frame a title in them ("Your application
# - Junior Animator", "Stellar Games: Gameplay Programmer", "Candidature - Ingénieur maintenance").
_SUBJECT_SEPARATOR = re.compile(r"\s+[-–—|/]{1,2}\s+|:\s+|\s*//\s*")
_SUBJECT_FRAME = re.compile(
    r"^(?:(?:your|ihre?|deine|votre|ta|tu|su)\s+)?(?:application|candidacy|bewerbung|candidature|candidatura|interview"
    r"|entretien|entrevista|vorstellungsgespr[äa]ch|invitation(?: [àa] un entretien| to interview)?"
    r"|einladung(?: zum (?:vorstellungs)?gespr[äa]ch)?|convocation(?: [àa] un entretien)?|convocatoria(?: a entrevista)?"
    r"|proceso(?: de selecci[oó]n| selectivo)?|queremos conocerte|(?:bewerbungs|auswahl|vorstellungs)?gespr[äa]ch"
    r"|telefoninterview|postulaci[oó]n|mission|poste|puesto|stelle|position|role|job|offre|oferta|vacante"
    r"|probearbeit(?:en)?|probetag|trial (?:day|shift)|journ[ée]e d['’]essai|jornada de prueba)"
    r"(?:\s+(?:for|as|als|für|pour|para|de|d['’]|au poste de|al puesto de|(?:for )?the position of|die position))?\s+",
    re.I,
)
_SUBJECT_TAIL = re.compile(
    r"\s+(?:interview(?: invitation)?|update|thank you|next steps?|feedback|position update|application|invitation"
    r"|entretien|entrevista|einladung|absage|r[ée]ponse|respuesta|relance)$",
    re.I,
)
_NOT_A_ROLE = re.compile(
    r"(?:hiring|recruiting|talent|people|hr) (?:manager|partner|coordinator|team|lead)|recruiter|interviewer|panel",
    re.I,
)
"""Who the candidate meets, not the job: 'Interview - Hiring Manager'."""
_FIRM_TAIL = re.compile(
    r"\b(?:partners|group|associates|consulting|consultants|solutions|services|holdings|labs|technologies|systems"
    r"|gruppe|groupe|grupo|asociados|associ[ée]s)$|" + _LEGAL_TAIL.pattern,
    re.I,
)
"""A firm's name ends so ('Pinnacle Partners'), a title does not."""


def _subject_split(subject: str) -> list[str]:
    """A subject's pieces between its separators, but a title's two forms stay one piece
    ("Koch / Köchin", "Camarero / Camarera", "Serveur / Serveuse")."""
    pieces: list[str] = []
    at = 0
    for separator in _SUBJECT_SEPARATOR.finditer(subject):
        before, after = subject[at : separator.start()].split(), subject[separator.end() :].split()
        forms = before and after and separator.group().strip() == "/"
        if forms and _skeleton(before[-1])[:3] == _skeleton(after[0])[:3] and len(_skeleton(before[-1])) >= 3:
            continue
        pieces.append(subject[at : separator.start()])
        at = separator.end()
    return [*pieces, subject[at:]]


def _subject_pieces(subject: str, not_these: tuple[str, ...]) -> list[tuple[str, float]]:
    """Titles a subject writes as a piece of its own between separators, its frame words taken
    off: 'Your application - Junior Animator', 'Tidewater Foods - Quality Assurance Lead: interview',
    'Chef de produit - Éclat Cosmétiques'. A piece must hold a title's head noun and be no sentence."""
    found = []
    for piece in _subject_split(subject):
        piece = _SUBJECT_TAIL.sub("", _SUBJECT_FRAME.sub("", piece.strip())).strip()
        role = _clean_role(piece, not_these)
        words = re.sub(_GENDER, "", role, flags=re.I).split()
        if (
            not role
            or not _is_title(role)
            or _NOT_A_ROLE.search(role)
            or _FIRM_TAIL.search(role)
            or person_confidence(role) >= 0.5
            or not words[0][:1].isupper()
            or words[0].casefold() in _NOT_TITLE_START
            or len(words) > 6
            # a French or Spanish title writes its later words in lower case; others are capitalised
            or not (
                _title_shaped(role)
                or (all(w.isalpha() or _TITLE_MARK.search(w) for w in words[1:]) and len(words) <= 4)
            )
        ):
            continue
        # One word alone ("Associate application") counts only when the text writes it too.
        found.append((role, 0.8 if len(words) > 1 or _TITLE_MARK.search(role) else 0.75))
    return found


_CUT_AT_NAME = re.compile(
    r"\s+(?:en|au|aux|in)\s+(?P<x>[A-ZÀ-Þ][\w'’-]*(?:\s+(?:de|del|des|du|y|et|&|and|[A-ZÀ-Þ][\w'’-]*))*)"
)
_LEADS_TO_NAME = re.compile(
    r"\s+(?:en|at|chez|à|a|bei|para|pour|for|con|with|de|del|of)\s+(?:(?:la|el|le|l['’]|the)\s+)?"
    r"(?:(?:empresa|compañía|société|entreprise|company|firma)\s+)?"
)
_NO_NAME_AFTER_EN = re.compile(
    r"(?:CDI|CDD|Alternance|Int[ée]rim|Freelance|Remote|Remoto|Teletrabajo|Pr[áa]cticas|Stage|Homeoffice)\b", re.I
)
"""A contract after 'en' ('en CDI'): the title ended before it, rightly."""


def _at_the_cut(role: str, after: str, not_these: tuple[str, ...]) -> tuple[str, bool]:
    """A title a pattern ended before 'en/au/aux/in' and a capitalised word, the text *after* it:
    the title and whether the cut is unsure. 'Especialista en Nóminas en Grupo Ferrovial Norte' was
    cut to 'Especialista': the employer named after the next 'en' shows 'en Nóminas' is the
    title's own, and the title goes on to it. The employer's name or a contract right after the cut
    shows the cut was right; anything else (a place, a field) leaves it unsure."""
    match = _CUT_AT_NAME.match(after)
    if not match:
        return role, False
    names = [_skeleton(n) for n in not_these if len(n) > 2]
    named = _skeleton(match["x"])
    if _NO_NAME_AFTER_EN.match(match["x"]) or any(named.startswith(n) or n.startswith(named) for n in names):
        return role, False  # 'en Grupo Ferrovial' for Grupo Ferrovial Norte: the cut was right
    rest = after[match.end() :]
    lead = _LEADS_TO_NAME.match(rest)
    if lead and any(_skeleton(rest[lead.end() : lead.end() + 2 * len(n) + 10]).startswith(n) for n in names):
        return role + match.group(), False
    return role, True


def _role_facts(mail: Mail, text: str, not_these: tuple[str, ...]) -> list[Fact]:
    facts: list[Fact] = []
    body = text[:4000]
    for pattern, confidence, name in _ROLE_PATTERNS:
        for match in pattern.finditer(body):
            written, unsure = _at_the_cut(match.group("r"), body[match.end("r") :], not_these)
            role = _clean_role(written, not_these)
            if unsure and _open_head(role):
                continue  # 'Especialista' of 'Especialista en Nóminas': a title lost, not shortened
            if role:
                head = _is_title(role)
                facts.append(Fact("role", role, f"text {name}", confidence if head else confidence - 0.15))
    subject = re.sub(r"^(?:(?:re|aw|fwd?|wg|tr)\s*:\s*)+", "", mail.subject, flags=re.I)
    shaped = {id(p) for p in _SUBJECT_ROLE}
    for pattern, confidence in (*((p, c - 0.05) for p, c, _ in _ROLE_PATTERNS), *((p, 0.8) for p in _SUBJECT_ROLE)):
        for match in pattern.finditer(subject):
            written, unsure = _at_the_cut(match.group("r"), subject[match.end("r") :], not_these)
            piece = _SUBJECT_FRAME.sub("", written) if id(pattern) in shaped else written
            role = _clean_role(piece, not_these)
            if unsure and _open_head(role):
                continue
            if id(pattern) in shaped and not _title_shaped(role):
                continue  # a subject's piece that is not a title whole: "Interview for Product Designer"
            if role and _is_title(role) and not _NOT_A_ROLE.search(role):
                # A title with a gender marker ("Filialleitung (m/w/d)") is surely one.
                sure = confidence if not _TITLE_MARK.search(role) else max(confidence, 0.85)
                facts.append(Fact("role", role, "subject", sure))
    facts += [Fact("role", role, "subject", sure) for role, sure in _subject_pieces(subject, not_these)]
    # A role the text and the subject both give is surer; one the subject writes longer is cut.
    # A subject that cuts a title the text gives whole ("Infirmier" for "Infirmier(ère) de bloc") is no title.
    longer = [_skeleton(f.value) for f in facts if f.source != "subject"]
    facts = [
        f
        for f in facts
        if f.source != "subject"
        or not any(k != _skeleton(f.value) and k.startswith(_skeleton(f.value)) for k in longer)
    ]
    subject_folded, body_folded = _skeleton(mail.subject), _skeleton(body)
    facts = [
        Fact(f.field, f.value, "subject, also in the text", 0.85)
        if f.source == "subject" and _skeleton(plain_role(f.value)) in body_folded
        else f
        for f in facts
    ]
    # And a title the text's pattern cut ("Responsable Administratif" of "… et Financier") where subject
    # and text both write it whole is no title.
    whole = [_skeleton(plain_role(f.value)) for f in facts if f.source == "subject, also in the text"]
    facts = [
        f
        for f in facts
        if f.source.startswith("subject")
        or not any(k != _skeleton(f.value) and k.startswith(_skeleton(f.value)) for k in whole)
    ]
    facts = [
        Fact(f.field, f.value, f.source + ", also in the subject", f.confidence + 0.05)
        if not f.source.startswith("subject") and _skeleton(f.value) in subject_folded
        else f
        for f in facts
    ]
    return [Fact(f.field, plain, f.source, f.confidence) for f in facts if (plain := plain_role(f.value))]


# ---------------------------------------------------------------------------- everything

_CAPITALISED = re.compile(r"\b[A-Z][\w&'-]*(?: [A-Z&][\w&'-]*){0,3}")
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]")


def _name_for_domain(label: str, text: str) -> str:
    """'Lumen Labs' for lumenlabs.com when the mail writes it so; else the label capitalised."""
    wanted = _NOT_ASCII_ALNUM.sub("", label.lower())
    for match in _CAPITALISED.finditer(text) if wanted else ():
        words = match.group().split()
        spelled, longest = "", 0  # the most of the run's first words that spell the label
        for size, word in enumerate(words, 1):
            spelled += _NOT_ASCII_ALNUM.sub("", word.lower())
            if spelled == wanted:
                longest = size
            elif not wanted.startswith(spelled):
                break
        if longest:
            return " ".join(words[:longest])
    return label.replace("-", " ").title()


def _identify(
    mail: Mail, text: str, signature: list[str], not_these: tuple[str, ...], p: Platforms
) -> tuple[Fact | None, Fact | None]:
    company = _best(_company_facts(mail, text, signature, p))
    role = _best(_role_facts(mail, text, (*not_these, *((company.value,) if company and company.used else ()))))
    return company, role


TEXT_HEAD, TEXT_TAIL = 16000, 4000
"""Extraction reads a long mail's start and its end (where the signature is): a megabyte of body
costs seconds and holds no fact the first pages and the signature do not."""


def _bounded(mail: Mail) -> Mail:
    if len(mail.text) <= TEXT_HEAD + TEXT_TAIL:
        return mail
    return replace(mail, text=f"{mail.text[:TEXT_HEAD]}\n\n{mail.text[-TEXT_TAIL:]}")


def identify(mail: Mail, *, platforms: Platforms) -> tuple[str, str]:
    """(company, role): all the application ledger needs, without the costlier parts of extract().
    *platforms*: the rule files' lists (followup.act.platforms.platforms(rules.lists))."""
    mail = _bounded(mail)
    text = _join_wrapped(mail.text)
    company, role = _identify(mail, text, _signature_lines(mail.text), _candidates_not(mail, ""), platforms)
    return (
        company.value if company and company.used else "",
        role.value if role and role.used else "",
    )


def extract(mail: Mail, default_tz: tzinfo = UTC, *, platforms: Platforms) -> Facts:
    """Everything templates and reminders use, each fact only when extraction is sure of it.
    *default_tz* (the user's) applies to times written without a zone when the mail's Date
    header does not say the sender's. *platforms*: the rule files' lists of platforms, mail
    providers and no-reply words (followup.act.platforms.platforms(rules.lists))."""
    p = platforms
    mail = _bounded(mail)
    text = _join_wrapped(mail.text)
    signature = _signature_lines(mail.text)
    not_these = _candidates_not(mail, "")
    company_facts = _company_facts(mail, text, signature, p)
    company = _best(company_facts)
    company_name = company.value if company and company.used else ""
    role_facts = _role_facts(mail, text, (*not_these, *((company.value,) if company and company.used else ())))
    role = _best(role_facts)
    person_facts = _person_facts(mail, company_name, p, tuple(f.value for f in role_facts))
    person = _best(person_facts)
    recipient, recipient_source = _recipient(mail, p, company_name, signed=bool(person and person.used))
    written = _written_reply_address(mail, recipient, p, company_name)
    if not (person and person.used) and (written or recipient_source == "an address written in the mail"):
        # "contact Mark Devlin at mark.devlin@…": the address the reply goes to is his
        owner = _named_before(written or recipient, mail.text, (*not_these, company_name))
        if owner:
            person = Fact("contact_name", owner, "the text names the recipient address's owner", 0.85)
            person_facts.append(person)
    ats = next((p.platform_of(a.addr) for a in (mail.sender, *mail.reply_to) if a and p.platform_of(a.addr)), "")
    flat = normalize(f"{mail.subject}\n{mail.text}")
    guess = detect(flat)
    if not guess.language:
        guess = detect_by_dates(flat)
    declared = mail.headers.get("content-language", "")[:2].lower()
    language = guess.language or (declared if declared.isalpha() else "") or "en"
    from_calendar = interview_time_in_calendar(mail.calendar, default_tz) if mail.calendar else None
    from_text, zone = None, None
    if mail.date is not None:  # a written date is read relative to when the mail was sent
        zone = sender_zone(mail.date, default_tz, language, text)
        from_text = interview_time_in_text(normalize(text), mail.date.astimezone(zone), zone, us_order(mail.date))
    start, end, source = interview_time(from_calendar, from_text, zone)
    if start is not None and not within_reach(start, end, mail.date):
        start, end, source = None, None, ""
    if start is not None and source != "calendar" and offers_a_choice(mail.text):
        start, end, source = None, None, ""  # "10:00 or 14:00": one of them read as the time would be a guess
    if start is not None and end is None:  # an onsite or a superday lasts longer than the plan's default
        end = long_interview_end(mail.text, start)
    scheduling, careers = _links(mail, p)
    name = person.value if person and person.used else ""
    own = _signer_address(mail.text, name, recipient)
    if own:  # "Keisha Rowntree <scheduling@…>" who writes keisha.rowntree@… under her name: hers reaches her
        recipient, recipient_source = own, "the signer's own address, written in the mail"
    contact = Address(name, recipient) if name or recipient else None
    agency = _contact_at_agency(mail, signature, p) if name else ""
    chosen = [f for f in (company, role, person) if f is not None]
    evidence = (*chosen, *(f for f in (*company_facts, *role_facts, *person_facts) if f not in chosen))
    evidence = tuple(
        Fact(f.field, f.value, ("chosen: " if f in chosen else "") + f.source, f.confidence) for f in evidence
    )
    if agency:
        evidence += (Fact("contact_agency", name, f"chosen: {agency}", 0.85),)
    if recipient:
        where = "the mail names it" if written else recipient_source
        evidence += (Fact("to", written or recipient, f"chosen: {where}", 0.9),)
    to_assistant = _assistant_box(written or recipient, mail)
    if to_assistant:
        evidence += (
            Fact("to_assistant", written or recipient, "chosen: the mail calls its owner an assistant or a bot", 0.9),
        )
    the_situation = situation(
        mail, start, scheduling, (*not_these, company_name), _agency_signed(mail, signature, p), p
    )
    owner = ""
    if (written or recipient) and not (contact and contact.name and contact.addr == (written or recipient)):
        owner = _owner_named(written or recipient, mail.text, (*not_these, company_name))
        if owner:
            evidence += (
                Fact("to_owner", owner, "chosen: the text names the owner of the mailbox a reply goes to", 0.85),
            )
    if start is not None:
        evidence += (
            Fact("interview_start", start.isoformat(), f"chosen: {source}", 0.95 if source == "calendar" else 0.85),
        )
    if start is not None and end is not None:  # the thank-you note falls due after it
        evidence += (Fact("interview_end", end.isoformat(), f"chosen: {source}", 0.9 if source == "calendar" else 0.8),)
    return Facts(
        contact,
        company_name,
        role.value if role and role.used else "",
        ats,
        start,
        end,
        source,
        scheduling,
        careers,
        language,
        written or recipient,
        evidence,
        the_situation,
        _title_of(mail, name),
        bool(agency),
        to_assistant,
        _address_of(the_situation.interviewer, mail.text, written or recipient),
        owner,
        tuple((who, t) for who in {the_situation.interviewer, owner} - {""} if (t := _title_of(mail, who))),
    )


def _assistant_box(address: str, mail: Mail) -> bool:
    """Whether *address* is a chatbot's: its display name, or a given name its local part is, is the
    one the mail introduces as a virtual or recruiting assistant ("It's Olivia, the virtual recruiting
    assistant for …")."""
    if not address:
        return False
    local = address.partition("@")[0]
    names = [a.name for a in (*mail.reply_to, *([mail.sender] if mail.sender else [])) if a.addr == address and a.name]
    if local.isalpha() and is_given_name(local):
        names.append(local.title())
    return any(_assistant(clean_name(name), mail.text) for name in names if clean_name(name))


def _address_of(name: str, text: str, other: str) -> str:
    """An address the text writes whose local part spells *name* (not *other*), or ''."""
    if not name or " " not in name:
        return ""
    written: list[str] = [a.strip(".").lower() for a in _ADDR_SPEC.findall(text)]
    return next((a for a in written if a != other.lower() and spells(name, a.partition("@")[0])), "")


def us_order(sent: datetime | None) -> bool:
    """Whether 3/4 means March 4 in a mail sent at *sent*: the sender writes from the Americas
    (UTC-3 to UTC-10)."""
    offset = sent.utcoffset() if sent else None
    return offset is not None and -10 * 3600 <= offset.total_seconds() <= -3 * 3600


def _agency_signed(mail: Mail, signature: list[str], p: Platforms) -> bool:
    """Whether the sender signs for a recruitment agency ("Carrow & Finch Recruitment Ltd",
    "Calder Executive Search") or writes from one's domain (keystone-staffing). Unlike
    _agency_sender, the display name alone is no proof: a public service's "Ministry Staffing"
    mailbox is in-house, and so is a "Staffing Advisor" of one."""
    in_house = r"(?i)\b(?:personnel|talents|staffing (?:advis[eo]r|officer|specialist|coordinator|team|services|branch|unit))\b"
    if agency_named(signature, in_house):
        return True
    return any(AGENCY_LABEL.search(label) for label, _ in _domain_labels(mail, p))
