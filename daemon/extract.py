"""What templates and reminders need from a mail: who to thank, which company and role, when
the interview is, and the links worth keeping (scheduling, careers / talent network). Pure.

The interview time comes from an attached text/calendar invitation when there is one (its
DTSTART carries the time zone), otherwise from the text: one date with one time, in English,
German, French or Spanish, with a time-zone abbreviation when the recruiter wrote one. A mail
that offers several slots has no interview time yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from followup.language import detect
from followup.model import Address, Mail
from followup.phrases import normalize

_NO_REPLY = re.compile(
    r"(?:^|[._+-])(?:no[._-]?reply|do[._-]?not[._-]?reply|donotreply|notifications?|mailer-daemon|bounce[s]?)(?:[._+-]|@)",
    re.I,
)
ATS_DOMAINS = {
    "greenhouse.io": "Greenhouse",
    "greenhouse-mail.io": "Greenhouse",
    "lever.co": "Lever",
    "myworkday.com": "Workday",
    "workday.com": "Workday",
    "ashbyhq.com": "Ashby",
    "smartrecruiters.com": "SmartRecruiters",
    "icims.com": "iCIMS",
    "taleo.net": "Taleo",
    "workablemail.com": "Workable",
    "workable.com": "Workable",
    "bamboohr.com": "BambooHR",
    "teamtailor.com": "Teamtailor",
    "teamtailor-mail.com": "Teamtailor",
    "personio.de": "Personio",
    "personio.com": "Personio",
    "linkedin.com": "LinkedIn",
    "indeed.com": "Indeed",
    "indeedemail.com": "Indeed",
    "jobvite.com": "Jobvite",
    "recruitee.com": "Recruitee",
}
_NOT_A_PERSON = re.compile(
    r"\b(?:team|recruiting|recruitment|talent|careers?|jobs?|hiring|hr|people|notifications?|no.?reply|support"
    r"|personalabteilung|recrutement|empleo|rrhh|recursos humanos|service|[ée]quipe|equipo|calendar|outlook)\b",
    re.I,
)
# A job title: capitalised words, with the connectors titles use ("Head of Design", "(m/w/d)").
_TITLE = r"[A-Z][\w/&+-]*(?:[ ](?:[A-Z(][\w/&+()-]*|of|and|&|for|/|-|–))*"
_ROLE = re.compile(
    r"(?:\bfor (?:the |our |a |an )?|\bposition of |\brole of |\bapplication for (?:the )?|\bapplying (?:for|to) (?:the )?"
    r"|\bBewerbung (?:als|auf die Stelle) |\bStelle als |\bPosition als )(?P<role>" + _TITLE + ")"
    # French and Spanish titles continue in lower case: "Chef de projet digital", "Agente de viajes".
    r"|(?:\bposte de |\bpuesto de |\bvacante de |\bposici[oó]n de )(?P<romance>[A-Z][^.,;:!?\n]{2,50}?)"
    r"(?= (?:chez|en|au|à|a|dans|et|y|con|para)\b|[.,;:!?\n]|$)"
)
_COMPANY_NAME = re.compile(r"(?:\bat|@|\bfrom)\s+(?P<company>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})")
# "... Backend Engineer at Lumen Labs", "Your application to Northwind: ...", "... – Fabrikam"
_COMPANY_IN_SUBJECT = re.compile(
    r"(?:\bat|\bwith|\bapplication to|\bfrom)\s+(?P<company>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})(?=\s*(?:[:!,.(|–-]|$))"
    r"|[–|-]\s+(?P<tail>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})\s*$"
)

_SCHEDULING_HOSTS = (
    "calendly.com", "goodtime.io", "cal.com", "doodle.com", "youcanbook.me", "zcal.co", "savvycal.com",
    "calendar.app.google", "meetings.hubspot.com", "chilipiper.com", "acuityscheduling.com", "bookings.zoho",
)  # fmt: skip
_SCHEDULING_PATH = re.compile(r"schedul|/meetings/|bookwithme|/owa/calendar/|/appointments|/booking", re.I)
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


def is_no_reply(address: str) -> bool:
    return bool(_NO_REPLY.search(address))


def ats_of(address: str) -> str:
    """The applicant-tracking system whose domain (or a subdomain of it) sends from *address*."""
    labels = address.rpartition("@")[2].lower().split(".")
    for start in range(len(labels) - 1):  # a lookup per parent domain, not a pass over every ATS
        name = ATS_DOMAINS.get(".".join(labels[start:]))
        if name is not None:
            return name
    return ""


def is_system_address(address: str) -> bool:
    return is_no_reply(address) or bool(ats_of(address))


def _display_name(address: Address | None) -> str:
    """The display name without ' via LinkedIn', ' at Company', ' | Team'."""
    if address is None or not address.name:
        return ""
    return re.split(r"\s+(?:at|from|via|@|\||-|–)\s+", address.name)[0].strip(" \"'")


def _person_name(address: Address | None) -> str:
    name = _display_name(address)
    if not name or _NOT_A_PERSON.search(name):
        return ""
    return name if 1 <= len(name.split()) <= 4 else ""


# ---------------------------------------------------------------------------- interview time

_MONTHS = {
    **dict.fromkeys(("january", "jan", "januar", "janvier", "enero"), 1),
    **dict.fromkeys(("february", "feb", "februar", "fevrier", "febrero"), 2),
    **dict.fromkeys(("march", "mar", "marz", "mars", "marzo"), 3),
    **dict.fromkeys(("april", "apr", "avril", "abril"), 4),
    **dict.fromkeys(("may", "mai", "mayo"), 5),
    **dict.fromkeys(("june", "jun", "juni", "juin", "junio"), 6),
    **dict.fromkeys(("july", "jul", "juli", "juillet", "julio"), 7),
    **dict.fromkeys(("august", "aug", "aout", "agosto"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre", "septiembre", "setiembre"), 9),
    **dict.fromkeys(("october", "oct", "oktober", "octobre", "octubre"), 10),
    **dict.fromkeys(("november", "nov", "novembre", "noviembre"), 11),
    **dict.fromkeys(("december", "dec", "dezember", "decembre", "diciembre"), 12),
}
_WEEKDAYS = {
    **dict.fromkeys(("monday", "montag", "lundi", "lunes"), 0),
    **dict.fromkeys(("tuesday", "dienstag", "mardi", "martes"), 1),
    **dict.fromkeys(("wednesday", "mittwoch", "mercredi", "miercoles"), 2),
    **dict.fromkeys(("thursday", "donnerstag", "jeudi", "jueves"), 3),
    **dict.fromkeys(("friday", "freitag", "vendredi", "viernes"), 4),
    **dict.fromkeys(("saturday", "samstag", "samedi", "sabado"), 5),
    **dict.fromkeys(("sunday", "sonntag", "dimanche", "domingo"), 6),
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.)? (?:de )?(?P<m1>{_MONTH})\b\.?(?:,? (?:de )?(?P<y1>20\d\d))?"
    rf"|(?P<m2>{_MONTH})\.? (?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<y2>20\d\d))?"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:20)?\d\d)?"
    r"|(?P<y4>20\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)"
    rf"|(?P<wd>{_WEEKDAY})\b)"
)
_TIME = re.compile(
    r"(?<![\d.:/])(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:h.])(?P<m>[0-5]\d))?\s?"
    r"(?P<suffix>a\.?m\.?|p\.?m\.?|uhr|h\b)?(?![\d/])"
)
_ZONES = {
    "utc": "UTC", "gmt": "UTC", "z": "UTC",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "central european": "Europe/Berlin", "mez": "Europe/Berlin",
    "mesz": "Europe/Berlin", "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York", "eastern": "America/New_York",
    "cst": "America/Chicago", "cdt": "America/Chicago", "ct": "America/Chicago", "central": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mountain": "America/Denver",
    "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles", "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "ist": "Asia/Kolkata", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
}  # fmt: skip
_ZONE = re.compile(
    r"^[ (]*(?:utc|gmt) ?(?P<offset>[+-]\d{1,2})(?::?(?P<offmin>\d\d))?\b"
    r"|^[ (]*(?P<zone>central european|uk time|london time|"
    + "|".join(sorted((z for z in _ZONES if " " not in z), key=len, reverse=True))
    + r")\b"
)


def _zone(text: str) -> tzinfo | None:
    match = _ZONE.match(text)
    if match is None:
        return None
    if match.group("offset"):
        minutes = int(match.group("offmin") or 0)
        hours = int(match.group("offset"))
        return ZoneInfo("UTC") if hours == 0 and not minutes else _fixed(hours, minutes)
    return ZoneInfo(_ZONES[match.group("zone")])


def _fixed(hours: int, minutes: int) -> tzinfo:
    from datetime import timezone

    sign = -1 if hours < 0 else 1
    return timezone(timedelta(hours=hours, minutes=sign * minutes))


def _time_after(text: str) -> tuple[time, str] | None:
    """A time of day at the start of *text* (within a few words): '2pm', '14:00 uhr', 'a las 10:00'."""
    window = text[:40]
    for match in _TIME.finditer(window):
        if match.start() > 25:
            break
        hour, minute, suffix = int(match.group("h")), int(match.group("m") or 0), (match.group("suffix") or "")
        if not match.group("m") and not suffix:
            continue  # a bare number is a day or a count, not a time
        if suffix.startswith("p") and hour < 12:
            hour += 12
        elif suffix.startswith("a") and hour == 12:
            hour = 0
        return time(hour, minute), text[match.end() :]
    return None


def _resolve_date(match: re.Match[str], sent: date) -> date | None:
    groups = match.groupdict()
    if groups["wd"]:
        ahead = (_WEEKDAYS[groups["wd"]] - sent.weekday()) % 7 or 7
        return sent + timedelta(days=ahead)
    for n in "1234":
        if groups[f"d{n}"]:
            day, month_text, year_text = groups[f"d{n}"], groups[f"m{n}"], groups[f"y{n}"]
            break
    else:
        return None
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    year = int(year_text) + (2000 if year_text and len(year_text) == 2 else 0) if year_text else sent.year
    try:
        found = date(year, month, int(day))
    except ValueError:
        return None
    if not year_text and found < sent - timedelta(days=180):
        found = found.replace(year=year + 1)  # "12 January" written in December
    return found


def _date_follows(text: str, position: int) -> bool:
    following = _DATE.search(text, position, position + 60)
    return following is not None and not following.group("wd") and following.start() - position <= 8


def interview_time_in_text(text: str, sent: datetime, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    """The one date-with-time in *text* (normalised), and whether its zone was written out.
    None when there is none, or several (a choice of slots)."""
    found: set[datetime] = set()
    explicit = False
    for match in _DATE.finditer(text):
        if match.group("wd") and _date_follows(text, match.end()):
            continue  # "Thursday, 12 March": the date that follows says it better
        day = _resolve_date(match, sent.date())
        if day is None:
            continue
        # The time follows the date ("12 March at 10:00", "16.03., um 11 uhr", "lunes 16 de marzo a las 10:00").
        rest = re.sub(r"^[ ,.]*(?:at|um|a las|a la|a|à|,)?[ ,]*", "", text[match.end() :], count=1)
        timed = _time_after(rest)
        if timed is None:
            continue
        moment, after = timed
        zone = _zone(after)
        explicit = explicit or zone is not None
        found.add(datetime.combine(day, moment, tzinfo=zone or default_tz))
        if len(found) > 1:
            return None
    return (found.pop(), explicit) if found else None


def interview_time_in_calendar(calendar: str, default_tz: tzinfo) -> tuple[datetime, datetime | None] | None:
    """DTSTART (and DTEND) of the first event of a text/calendar part, time-zone aware."""
    try:
        import icalendar

        parsed = icalendar.Calendar.from_ical(calendar)
    except Exception:  # a broken attachment is just no calendar
        return None
    for event in parsed.walk("VEVENT"):
        start = event.decoded("DTSTART", None)
        if not isinstance(start, datetime):
            continue  # an all-day event has no interview time
        end = event.decoded("DTEND", None)

        def aware(moment: datetime) -> datetime:
            return moment if moment.tzinfo else moment.replace(tzinfo=default_tz)

        return aware(start), aware(end) if isinstance(end, datetime) else None
    return None


# ---------------------------------------------------------------------------- links and people


def _links(mail: Mail) -> tuple[tuple[str, ...], tuple[str, ...]]:
    scheduling, careers = [], []
    for url in mail.links:
        host = re.sub(r"^https?://", "", url).split("/")[0].lower()
        if any(host == h or host.endswith("." + h) for h in _SCHEDULING_HOSTS) or _SCHEDULING_PATH.search(url):
            scheduling.append(url)
        elif _CAREERS.search(url) and not re.search(r"unsubscribe|privacy|preferences", url, re.I):
            careers.append(url)
    careers.sort(key=lambda u: not _TALENT_NETWORK.search(u))
    return tuple(scheduling[:5]), tuple(careers[:5])


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CLOSING = re.compile(
    r"^(?:best|best regards|kind regards|regards|warm regards|many thanks|thanks|thank you|cheers|sincerely|"
    r"all the best|talk soon|mit freundlichen grüßen|beste grüße|viele grüße|liebe grüße|freundliche grüße|"
    r"cordialement|bien cordialement|bien à vous|à bientôt|saludos|un saludo|saludos cordiales|atentamente)[,!.]?\s*$",
    re.I | re.M,
)


def _signature_name(text: str) -> str:
    """The name under the last closing line ('Best,\\nPriya Natarajan'), if it reads like a person."""
    closings = list(_CLOSING.finditer(text))
    tail = text[closings[-1].end() :] if closings else "\n".join(text.strip().splitlines()[-1:])
    lines = tail.strip().splitlines()
    if not lines:
        return ""
    name = lines[0].strip(" ,")
    words = name.split()
    if not 1 <= len(words) <= 4 or _NOT_A_PERSON.search(name) or not all(w[:1].isupper() for w in words):
        return ""
    return name


def _system_sender_person(mail: Mail) -> str:
    """An ATS sends as 'Priya Natarajan' or as 'Contoso': a person only when the mail is signed
    by the same first name."""
    name, signed = _person_name(mail.sender), _signature_name(mail.text)
    if name and signed and name.split()[0].lower() == signed.split()[0].lower():
        return name if len(name) >= len(signed) else signed
    return ""


def _contact(mail: Mail) -> Address | None:
    candidates = [*mail.reply_to, *([mail.sender] if mail.sender else [])]
    human = next((a for a in candidates if not is_system_address(a.addr)), None)
    signed = _signature_name(mail.text)
    if human is not None:
        name = _person_name(human) or _system_sender_person(mail) or signed
        return Address(name, human.addr)
    # An ATS or no-reply sender: a person's address written in the mail, or at least their name.
    written = next((a for a in _EMAIL.findall(mail.text) if not is_system_address(a)), "")
    name = _system_sender_person(mail) or signed
    if written or name:
        return Address(name, written.lower())
    return None


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


def _company(mail: Mail) -> str:
    sender = mail.sender
    if sender and is_system_address(sender.addr) and not _system_sender_person(mail):
        name = _display_name(sender)
        name = _NOT_A_PERSON.split(name)[0].strip(" -|,") if _NOT_A_PERSON.search(name) else name
        if name and ats_of(sender.addr) != name and name.lower() not in ("linkedin", "indeed"):
            return name
    in_subject = _COMPANY_IN_SUBJECT.search(mail.subject)
    if in_subject and in_subject.group("company"):
        return in_subject.group("company")
    if sender and sender.name:
        match = _COMPANY_NAME.search(sender.name)
        if match:
            return match.group("company")
        if _NOT_A_PERSON.search(sender.name) and _NOT_A_PERSON.split(sender.name)[0].strip(" -|,"):
            return _NOT_A_PERSON.split(sender.name)[0].strip(" -|,")
    for address in (*mail.reply_to, *([sender] if sender else [])):
        if not is_system_address(address.addr):
            labels = address.addr.rpartition("@")[2].split(".")
            if len(labels) >= 2:
                return _name_for_domain(labels[-2], f"{mail.subject}\n{mail.text}")
    return in_subject.group("tail") if in_subject and in_subject.group("tail") else ""


def _clean_role(role: str) -> str:
    role = re.sub(r"(?:\s+(?:at|with|in|bei|chez|en|and|of|for|&|/|-|–))+$", "", role.strip(" -–/"))
    return role if len(role) <= 80 else ""


def identify(mail: Mail) -> tuple[str, str]:
    """(company, role): all the application ledger needs, without the costlier parts of extract()."""
    role_match = _ROLE.search(mail.subject) or _ROLE.search(mail.text[:2000])
    role = _clean_role(role_match.group("role") or role_match.group("romance")) if role_match else ""
    return _company(mail), role


def extract(mail: Mail, default_tz: tzinfo = UTC) -> Facts:
    """Everything templates and reminders use. *default_tz* (the user's) applies to times
    written without a zone."""
    contact = _contact(mail)
    role_match = _ROLE.search(mail.subject) or _ROLE.search(mail.text[:2000])
    company = _company(mail)
    ats = next((ats_of(a.addr) for a in (mail.sender, *mail.reply_to) if a and ats_of(a.addr)), "")
    start: datetime | None = None
    end: datetime | None = None
    source = ""
    from_calendar = interview_time_in_calendar(mail.calendar, default_tz) if mail.calendar else None
    if from_calendar:
        (start, end), source = from_calendar, "calendar"
    elif mail.date is not None:  # a written date is read relative to when the mail was sent
        from_text = interview_time_in_text(normalize(mail.text), mail.date.astimezone(default_tz), default_tz)
        if from_text:
            start, source = from_text[0], "text" if from_text[1] else "text (time zone assumed)"
    scheduling, careers = _links(mail)
    guess = detect(normalize(f"{mail.subject}\n{mail.text}"))
    declared = mail.headers.get("content-language", "")[:2].lower()
    language = guess.language or (declared if declared.isalpha() else "") or "en"
    return Facts(
        contact,
        company,
        _clean_role(role_match.group("role") or role_match.group("romance")) if role_match else "",
        ats,
        start,
        end,
        source,
        scheduling,
        careers,
        language,
        contact.addr if contact else "",
    )
