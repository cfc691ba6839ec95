"""When the interview is, and its zone as the mail names it: from an attached calendar (its
DTSTART carries the zone), else from the text, in English, German, French or Spanish. Pure.

A written date is read with its time before or after it ("Thursday, April 16, 2026, 2:30 PM",
"at 10:00 on 12 March", "9:00am - 9:30am (Eastern Time - US & Canada), Tuesday, December 8"),
under a label after it ("Date: ... Interview: 9:30 AM Central Time"), a range's end skipped to
reach the zone written after it ("11:00-11:45 (BST)"), zone names in the four languages and
Outlook's display names ("(UTC+01:00) Amsterdam, Berlin"). A date without a year takes the year
whose weekday agrees with the mail's; when the weekday and the date disagree, there is no time.
A time keeps the zone as written (WrittenZone: "MEZ", "heure de Paris", "Eastern Time"), so a
draft confirms it the way the sender wrote it; a time written without a zone is in the sender's
zone (the Date header's offset; US places named in a mail stamped +0000), then the user's, and a
draft confirms it without one. An abbreviation that names several zones ("IST", "CST") is the
one the sender's offset agrees with, else no time. Several different times are a choice of
slots: none. The end comes from a range, an itinerary or a stated length.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import NamedTuple
from zoneinfo import ZoneInfo, available_timezones

SANE = timedelta(days=2 * 365)
"""An interview further than this from the mail's date is no interview time at all."""

_MONTHS = {
    **dict.fromkeys(("january", "jan", "januar", "janvier", "enero", "jänner"), 1),
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
    **dict.fromkeys(("monday", "mon", "montag", "mo", "lundi", "lunes"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues", "dienstag", "di", "mardi", "martes"), 1),
    **dict.fromkeys(("wednesday", "wed", "mittwoch", "mi", "mercredi", "miercoles"), 2),
    **dict.fromkeys(("thursday", "thu", "thurs", "donnerstag", "do", "jeudi", "jueves"), 3),
    **dict.fromkeys(("friday", "fri", "freitag", "fr", "vendredi", "viernes"), 4),
    **dict.fromkeys(("saturday", "sat", "samstag", "sa", "samedi", "sabado"), 5),
    **dict.fromkeys(("sunday", "sun", "sonntag", "so", "dimanche", "domingo"), 6),
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(
    sorted((w for w in _WEEKDAYS if len(w) > 3 or w in ("mon", "tue", "wed", "thu", "fri")), key=len, reverse=True)
)
# A weekday may open the date: "Tuesday, May 12, 2026", "Dienstag, den 9. Juni", "el lunes 16 de marzo".
# Before a date every abbreviation is a weekday ("Sat 5/9"); alone, "sat" and "sun" are words.
_FULL_WEEKDAY = "|".join(sorted((w for w in _WEEKDAYS if len(w) > 4), key=len, reverse=True))
_WEEKDAY_ALL = "|".join(sorted((w for w in _WEEKDAYS if len(w) > 2), key=len, reverse=True))
_WD = rf"(?:(?P<wd>{_WEEKDAY_ALL})\.?,?\s+(?:(?:den|le|el|the)\s+)?)?"
_DATE = re.compile(
    r"\b" + _WD + r"(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.)?(?:\s+(?:de\s+)?|-)(?P<m1>{_MONTH})\b\.?(?:(?:,?\s+(?:de\s+)?|-)(?P<y1>20\d\d))?"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>20\d\d))?"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:20)?\d\d\b)?"
    r"|(?P<y4>20\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)"
    r"|(?P<a5>\d{1,2})/(?P<b5>\d{1,2})(?:/(?P<y5>(?:20)?\d\d))?\b"
    # A weekday and a day of the month alone: "el martes 27", "Friday, the 10th" (the weekday is required).
    # ("next Tuesday (the 19th)": the day of the month in parentheses)
    rf"|(?P<wd6>{_WEEKDAY_ALL})\.?,?\s+\(?(?:(?:den|le|el|the)\s+)?"
    r"(?P<d6>\d{1,2})(?:st|nd|rd|th|\.)?(?![\d/.:]|\s?(?:[ap]\.?\s?m\b|h\b|hs\b|uhr\b|horas\b|hrs\b))\)?"
    # The weekday after the date, in parentheses: "08.02.2027 (Monday)", "21-Apr-2026 (Tuesday)".
    rf")(?:\s*\((?P<wd7>{_WEEKDAY_ALL})\))?"
)
_TIME = re.compile(
    r"(?<![\d.:/,])(?P<h>[01]?\d|2[0-3])(?:\s?(?P<sep>[:h.])\s?(?P<m>[0-5]\d))?"
    r"(?P<part>\s+de\s+la\s+(?:manana|tarde|noche))?\s?"
    r"(?P<suffix>a\.?\s?m\.?|p\.?\s?m\.?|uhr|horas|hrs|hs\b|h\b)?(?![\d/])"
    r"|(?P<noon>\bnoon\b|\bmidi\b|\bmediod[ií]a\b)"
)
# The end of a range, to be skipped: "- 3:15 PM", "–10:00", "to 11:45", "bis 11 Uhr", "à 15h".
_RANGE_END = re.compile(
    r"^\s*(?:-|–|—|to|until|till|bis|a|à|au|hasta|y)\s*(?:[01]?\d|2[0-3])(?:\s?[:h.]\s?[0-5]\d)?\s?"
    r"(?:a\.?\s?m\.?|p\.?\s?m\.?|uhr|horas|hrs|hs\b|h\b)?",
    re.I,
)


class WrittenZone(tzinfo):
    """A zone as the mail names it: the rules of an IANA zone or a fixed offset (*rules*), and
    the name a draft writes: *standard*, or *summer* while daylight saving time holds. Without
    a name the mail wrote the time without a zone: a draft confirms it as written, zoneless."""

    def __init__(self, rules: tzinfo, standard: str = "", summer: str = "") -> None:
        self.rules, self.standard, self.summer = rules, standard, summer or standard

    def _local(self, dt: datetime | None) -> datetime | None:
        return dt.replace(tzinfo=self.rules) if dt is not None else None

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return self.rules.utcoffset(self._local(dt))

    def dst(self, dt: datetime | None) -> timedelta | None:
        return self.rules.dst(self._local(dt))

    def tzname(self, dt: datetime | None) -> str | None:
        return (self.summer if self.dst(dt) else self.standard) or None

    def fromutc(self, dt: datetime) -> datetime:
        return self.rules.fromutc(dt.replace(tzinfo=self.rules)).replace(tzinfo=self)

    def __reduce__(self) -> tuple[type[WrittenZone], tuple[tzinfo, str, str]]:
        return WrittenZone, (self.rules, self.standard, self.summer)

    def __repr__(self) -> str:
        return f"WrittenZone({self.rules!r}, {self.standard!r}, {self.summer!r})"


def written_name(when: datetime) -> str | None:
    """The zone of *when* as the mail named it; "" when the mail wrote the time without one
    (confirm it as written); None when no mail named it (a calendar's zone: its abbreviation)."""
    zone = when.tzinfo
    if not isinstance(zone, WrittenZone):
        return None
    return when.tzname() or ""


def american(when: datetime) -> bool:
    """Whether *when* is in a zone of the Americas, whose English writes a 12-hour clock."""
    zone = when.tzinfo.rules if isinstance(when.tzinfo, WrittenZone) else when.tzinfo
    offset = when.utcoffset()
    if isinstance(zone, ZoneInfo):
        return zone.key.startswith(("America/", "US/", "Canada/", "Pacific/Honolulu"))
    return offset is not None and -10 * 3600 <= offset.total_seconds() <= -3 * 3600


# A zone's name as written (normalised: lower case, no accents) -> its IANA zone and the name a
# draft writes: one form, or the standard and the summer forms (a "CET" written for a date in
# summer is CEST then). An empty IANA zone: UTC itself.
_EST, _CST, _MST, _PST = ("EST", "EDT"), ("CST", "CDT"), ("MST", "MDT"), ("PST", "PDT")
_CET, _MEZ = ("CET", "CEST"), ("MEZ", "MESZ")
_NY, _CHI, _DEN, _LA = "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"
_ZONES: dict[str, tuple[str, str | tuple[str, str]]] = {
    "utc": ("", "UTC"), "gmt": ("", "GMT"), "z": ("", "UTC"),
    "cet": ("Europe/Berlin", _CET), "cest": ("Europe/Berlin", _CET), "central european time": ("Europe/Berlin", _CET),
    "central european summer time": ("Europe/Berlin", _CET), "mez": ("Europe/Berlin", _MEZ),
    "mesz": ("Europe/Berlin", _MEZ), "berlin time": ("Europe/Berlin", _CET), "berliner zeit": ("Europe/Berlin", _MEZ),
    "deutscher zeit": ("Europe/Berlin", _MEZ), "deutsche zeit": ("Europe/Berlin", _MEZ),
    "mitteleuropaischer zeit": ("Europe/Berlin", _MEZ), "osterreichischer zeit": ("Europe/Vienna", _MEZ),
    "schweizer zeit": ("Europe/Zurich", _MEZ), "zurich time": ("Europe/Zurich", _CET),
    "zurich": ("Europe/Zurich", _CET), "amsterdam time": ("Europe/Amsterdam", _CET),
    "paris time": ("Europe/Paris", "Paris time"), "heure de paris": ("Europe/Paris", "heure de Paris"),
    "heure francaise": ("Europe/Paris", "heure française"), "heure de france": ("Europe/Paris", "heure française"),
    "heure de bruxelles": ("Europe/Brussels", "heure de Bruxelles"), "heure belge": ("Europe/Brussels", "heure belge"),
    "heure de geneve": ("Europe/Zurich", "heure de Genève"), "heure suisse": ("Europe/Zurich", "heure suisse"),
    "heure du luxembourg": ("Europe/Luxembourg", "heure du Luxembourg"),
    "heure de montreal": ("America/Toronto", "heure de Montréal"), "heure du quebec": ("America/Toronto", "heure du Québec"),
    "heure de l'est": ("America/Toronto", "heure de l'Est"), "heure locale": ("?", ""),
    "hora peninsular": ("Europe/Madrid", "hora peninsular"), "hora de madrid": ("Europe/Madrid", "hora de Madrid"),
    "hora espanola": ("Europe/Madrid", "hora española"), "hora de espana": ("Europe/Madrid", "hora de España"),
    "hora canaria": ("Atlantic/Canary", "hora canaria"), "hora de canarias": ("Atlantic/Canary", "hora de Canarias"),
    "hora de mexico": ("America/Mexico_City", "hora de México"),
    "hora de la ciudad de mexico": ("America/Mexico_City", "hora de la Ciudad de México"),
    "hora del centro": ("America/Mexico_City", "hora del centro"), "hora cdmx": ("America/Mexico_City", "hora CDMX"),
    "hora de buenos aires": ("America/Argentina/Buenos_Aires", "hora de Buenos Aires"),
    "hora argentina": ("America/Argentina/Buenos_Aires", "hora argentina"),
    "hora de argentina": ("America/Argentina/Buenos_Aires", "hora de Argentina"),
    "hora de chile": ("America/Santiago", "hora de Chile"), "hora de colombia": ("America/Bogota", "hora de Colombia"),
    "hora de bogota": ("America/Bogota", "hora de Bogotá"), "hora de lima": ("America/Lima", "hora de Lima"),
    "hora del peru": ("America/Lima", "hora de Perú"),
    "bst": ("Europe/London", ("GMT", "BST")), "uk time": ("Europe/London", "UK time"),
    "london time": ("Europe/London", "London time"), "british time": ("Europe/London", "UK time"),
    "irish time": ("Europe/Dublin", "Irish time"), "dublin time": ("Europe/Dublin", "Dublin time"),
    "wet": ("Europe/Lisbon", ("WET", "WEST")), "west": ("Europe/Lisbon", ("WET", "WEST")),
    "eet": ("Europe/Helsinki", ("EET", "EEST")), "eest": ("Europe/Helsinki", ("EET", "EEST")),
    "est": (_NY, _EST), "edt": (_NY, _EST), "et": (_NY, "ET"), "eastern": (_NY, "Eastern Time"),
    "eastern time": (_NY, "Eastern Time"), "eastern standard time": (_NY, _EST), "eastern daylight time": (_NY, _EST),
    "cdt": (_CHI, _CST), "ct": (_CHI, "CT"), "central": (_CHI, "Central Time"),
    "central time": (_CHI, "Central Time"), "central standard time": (_CHI, _CST), "central daylight time": (_CHI, _CST),
    "mdt": (_DEN, _MST), "mt": (_DEN, "MT"), "mountain": (_DEN, "Mountain Time"),
    "mountain time": (_DEN, "Mountain Time"), "mountain standard time": (_DEN, _MST),
    "arizona time": ("America/Phoenix", "Arizona time"),
    "pst": (_LA, _PST), "pdt": (_LA, _PST), "pt": (_LA, "PT"), "pacific": (_LA, "Pacific Time"),
    "pacific time": (_LA, "Pacific Time"), "pacific standard time": (_LA, _PST), "pacific daylight time": (_LA, _PST),
    "akst": ("America/Anchorage", ("AKST", "AKDT")), "akdt": ("America/Anchorage", ("AKST", "AKDT")),
    "hst": ("Pacific/Honolulu", "HST"), "hawaii time": ("Pacific/Honolulu", "Hawaii time"),
    "atlantic time": ("America/Halifax", "Atlantic Time"), "adt": ("America/Halifax", ("AST", "ADT")),
    "nst": ("America/St_Johns", ("NST", "NDT")), "ndt": ("America/St_Johns", ("NST", "NDT")),
    "india time": ("Asia/Kolkata", "IST"), "indian standard time": ("Asia/Kolkata", "IST"),
    "aest": ("Australia/Sydney", ("AEST", "AEDT")), "aedt": ("Australia/Sydney", ("AEST", "AEDT")),
    "sydney time": ("Australia/Sydney", "Sydney time"), "melbourne time": ("Australia/Melbourne", "Melbourne time"),
    "acst": ("Australia/Adelaide", ("ACST", "ACDT")), "acdt": ("Australia/Adelaide", ("ACST", "ACDT")),
    "awst": ("Australia/Perth", "AWST"), "perth time": ("Australia/Perth", "Perth time"),
    "sgt": ("Asia/Singapore", "SGT"), "singapore time": ("Asia/Singapore", "Singapore time"),
    "hkt": ("Asia/Hong_Kong", "HKT"), "hong kong time": ("Asia/Hong_Kong", "Hong Kong time"),
    "jst": ("Asia/Tokyo", "JST"), "kst": ("Asia/Seoul", "KST"), "gst": ("Asia/Dubai", "GST"),
    "dubai time": ("Asia/Dubai", "Dubai time"), "sast": ("Africa/Johannesburg", "SAST"),
    "nzst": ("Pacific/Auckland", ("NZST", "NZDT")), "nzdt": ("Pacific/Auckland", ("NZST", "NZDT")),
    "art": ("America/Argentina/Buenos_Aires", "ART"), "brt": ("America/Sao_Paulo", "BRT"),
    "horario de brasilia": ("America/Sao_Paulo", "horário de Brasília"),
}  # fmt: skip
# One abbreviation, several zones: the one the sender's offset agrees with (else the one
# nearest it), and none when that is no clear choice.
_AMBIGUOUS: dict[str, tuple[tuple[str, str | tuple[str, str]], ...]] = {
    "ist": (("Asia/Kolkata", "IST"), ("Europe/Dublin", "IST"), ("Asia/Jerusalem", "IST")),
    "cst": ((_CHI, _CST), ("Asia/Shanghai", "CST"), ("America/Mexico_City", "CST")),
    "ast": (("America/Halifax", ("AST", "ADT")), ("Asia/Riyadh", "AST")),
    # Arizona keeps MST all summer, while Denver's "MST" in July is a loose MDT
    "mst": ((_DEN, _MST), ("America/Phoenix", "MST")),
}  # fmt: skip
_NO_USUAL_ZONE = frozenset(("mst",))
"""Abbreviations with no zone far more common than the other: without the sender's offset, no time."""
_IANA_CITIES = {
    name.rpartition("/")[2].replace("_", " ").lower(): name
    for name in sorted(available_timezones())
    if name.startswith(("Europe/", "America/", "Asia/", "Africa/", "Australia/", "Pacific/", "Atlantic/"))
}
"""Amsterdam -> Europe/Amsterdam: a Windows zone's display name lists cities."""
_ZONE = re.compile(
    r"^[\s(,]*(?:(?:\(|in\s+|en\s+|)(?P<base>utc|gmt)\s?(?P<offset>[+-]\s?\d{1,2})(?::?(?P<offmin>\d\d))?\b"
    r"(?:\)\s*(?P<cities>[a-z][a-z .,'&()-]{2,60}))?"
    r"|(?P<iana>(?:europe|america|asia|australia|africa|pacific|atlantic)/[a-z_]+(?:/[a-z_]+)?)"
    r"|(?:(?:time\s+zone|zeitzone|fuseau(?: horaire)?)\s*:?\s*)?(?P<zone>"
    + "|".join(sorted((re.escape(z) for z in (*_ZONES, *_AMBIGUOUS)), key=len, reverse=True))
    + r")\b(?:\s*/\s*(?:[a-z]{3,4})\b)?)"
)

_DEADLINE = re.compile(
    r"\b(?:(?<!stop )(?<!drop )(?<!come )(?<!swing )(?<!pop )by(?! (?:phone|video|zoom|teams|e-?mail))|before|until|no later than|deadline|due|expires?|closes?|bis(?: zum| spätestens)?|spatestens|frist|avant(?: le)?"
    r"|au plus tard|jusqu'au|d'ici|date limite|antes del?|hasta(?: el)?|plazo|a mas tardar)\b[^.\n]{0,30}$"
)
_WEEKDAY_NEAR = re.compile(rf"\b(?P<wd>{_WEEKDAY})\b")
_TODAY = frozenset(("today", "heute", "aujourd'hui", "hoy"))
_RELATIVE = re.compile(
    r"\b(?:(?P<rel>tomorrow|morgen|demain|manana|today|heute|aujourd'hui|hoy)|(?:on|am|le|el|this|coming|diesen|kommenden"
    rf"|ce|este)\s+(?P<wd>{_WEEKDAY})"
    # a weekday alone before "at 3" ("Can you do Tuesday at 3?", "come by Friday at 4pm")
    rf"|(?<!next )(?<!nachsten )(?<!naechsten )(?<!proximo )(?P<wd3>{_FULL_WEEKDAY})(?=\s+(?:at|um|a las|a la|à)\s+\d))\b(?:\s*\((?P<wd2>{_WEEKDAY})\))?"
)
_BARE_HOUR = re.compile(
    r"\s*(?:at|um|a las|a la|à)\s+(?P<h>1[0-2]|[1-9])(?=\s*(?:[?.,;!)]|$|\s+(?:work|suit|ok|then|for|with|or|oder|ou|o)\b))"
)
"""A bare hour after a weekday ("Tuesday at 3?"): in working hours, 1 to 6 is the afternoon, 8 to 11 the morning."""


def _named(iana: str, names: str | tuple[str, str]) -> WrittenZone | None:
    if iana == "?":
        return None
    rules: tzinfo = UTC if not iana else ZoneInfo(iana)
    return WrittenZone(rules, names) if isinstance(names, str) else WrittenZone(rules, *names)


UNKNOWN_ZONE = WrittenZone(UTC, "?")
"""A zone the mail writes that cannot be told ("IST" from a sender in New York): no time at all."""


def _resolved(key: str, day: date, sent_offset: timedelta | None) -> WrittenZone:
    """The zone an ambiguous abbreviation means for a sender at *sent_offset*: the one with that
    offset; the one within an hour of it when the others are far; the most common one when the
    Date header says +0000 (an ATS server's, wherever the sender is); else UNKNOWN_ZONE."""
    noon = datetime.combine(day, time(12))
    fitting = []
    for iana, names in _AMBIGUOUS[key]:
        moment = noon.replace(tzinfo=ZoneInfo(iana))
        if moment.tzname() == key.upper() or iana in (_CHI, "America/Halifax", _DEN):
            fitting.append((iana, names, moment.utcoffset() or timedelta()))
    if not fitting:
        return UNKNOWN_ZONE
    if not sent_offset:
        if key in _NO_USUAL_ZONE and len({f[2] for f in fitting}) > 1:
            return UNKNOWN_ZONE
        return _named(*fitting[0][:2]) or UNKNOWN_ZONE
    near = sorted(fitting, key=lambda f: abs(f[2] - sent_offset))
    gaps = [abs(f[2] - sent_offset) for f in near]
    if gaps[0] == timedelta(0) or (
        gaps[0] <= timedelta(hours=1)
        and all(abs(f[2] - sent_offset) > timedelta(hours=3) for f in near[1:] if f[2] != near[0][2])
    ):
        return _named(*near[0][:2]) or UNKNOWN_ZONE
    return UNKNOWN_ZONE


_WORDLIKE = frozenset(("est", "et", "ist", "art", "west", "wet", "ct", "mt", "pt", "ast", "gst", "z"))
_ENGLISH_CLOCK = re.compile(r"\d\s?[ap]\.?\s?m\b")


def _offsets(zone: tzinfo, year: int) -> tuple[timedelta | None, ...]:
    """A zone's offsets in winter and in summer of *year*."""
    return tuple(datetime(year, month, 15, 12, tzinfo=zone).utcoffset() for month in (1, 7))


def _zone(
    text: str, day: date | None = None, sent_offset: timedelta | None = None, clock: str = ""
) -> WrittenZone | None:
    """The zone written at the start of *text*, named as written. *day* and *sent_offset* (the
    mail's Date header's) tell an ambiguous abbreviation's zone ("IST", "CST"). An abbreviation
    that is also a word ("est", "et", "ist") is a zone only in parentheses, before punctuation,
    or after an English *clock* (the time written before *text*: "11:00 am ist")."""
    match = _ZONE.match(text)
    if match is None:
        return None
    if (
        match.group("zone") in _WORDLIKE
        and "(" not in text[: match.start("zone")]
        and not re.match(r"\s*(?:[.,;:!?)/|]|$)", text[match.end() :])
        and not _ENGLISH_CLOCK.search(clock)
    ):
        return None  # "um 10:00 uhr ist der termin", "a 10h00 est confirme"
    if match.group("offset"):
        hours = int(match.group("offset").replace(" ", ""))
        minutes = int(match.group("offmin") or 0)
        base = match.group("base").upper()
        sign = -1 if match.group("offset").lstrip().startswith("-") else 1
        offset = timedelta(hours=hours, minutes=sign * minutes)
        named = _zone(match.group("cities"), day, sent_offset) if match.group("cities") and day else None
        if named is not None and offset in _offsets(named, day.year if day else 2000):
            return named  # Outlook's "(UTC-05:00) Eastern Time (US & Canada)"
        if match.group("cities") and day is not None:  # Outlook's "(UTC+01:00) Amsterdam, Berlin, ...": the zone
            for city in re.split(r"[,;]\s*|\s+[-&]\s+", match.group("cities")):
                iana = _IANA_CITIES.get(city.strip(" ()").replace(" (us & canada)", ""))
                if iana is None:
                    continue
                if offset in _offsets(ZoneInfo(iana), day.year):
                    return WrittenZone(ZoneInfo(iana), *(_CET if offset == timedelta(hours=1) else ("", "")))
                break
        if not offset:
            return WrittenZone(UTC, base)
        label = f"{base}{'+' if sign > 0 else '-'}{abs(hours)}" + (f":{minutes:02d}" if minutes else "")
        return WrittenZone(timezone(offset), label)
    if match.group("iana"):
        name = "/".join(
            p.title() if "_" not in p else "_".join(w.title() for w in p.split("_"))
            for p in match.group("iana").split("/")
        )
        try:
            return WrittenZone(ZoneInfo(name), name)
        except (KeyError, ValueError):
            return None
    key = match.group("zone")
    if key in _AMBIGUOUS:
        return _resolved(key, day, sent_offset) if day is not None else UNKNOWN_ZONE
    return _named(*_ZONES[key])


_CONNECTIVE = re.compile(
    r"^[\s,.;|)·•]*(?:(?:time|uhrzeit|zeit|heure|horario|hora)\s*:\s*)?(?:at|um|a las|a la|à|a|de|from|von|ab|le|el|@|-|–|,)?\s*",
    re.I,
)


_BARE_RANGE = re.compile(
    r"\s?(?:[-–]|to|a|à|bis)\s?(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?:[ap]\.?\s?m\b|h\b|hs\b|uhr\b|horas\b)"
)


def _time_at(text: str) -> tuple[time, int] | None:
    """A time of day at the start of *text* (after a connective): the time and where it ends."""
    match = _CONNECTIVE.match(text)
    start = match.end() if match else 0
    timed = _TIME.match(text, start)
    if timed is None:
        return None
    if timed.group("noon"):
        return time(12, 0), timed.end()
    hour, minute, suffix = int(timed.group("h")), int(timed.group("m") or 0), (timed.group("suffix") or "").lower()
    if timed.group("part"):  # "a las 11 de la manana", "a las 4 de la tarde"
        suffix = suffix or ("am" if timed.group("part").endswith("manana") else "pm")
    if not timed.group("m") and not suffix and not _BARE_RANGE.match(text, timed.end()):
        return None  # a bare number is a day or a count, not a time ("4-4:30pm" starts a range)
    if suffix == "h" and not timed.group("m") and not re.match(r"\s*(?:[-–]|$|[\s,.;)])", text[timed.end() :]):
        return None
    suffix = suffix.replace(" ", "").replace(".", "")
    if suffix.startswith("p") and hour < 12:
        hour += 12
    elif suffix.startswith("a") and hour == 12:
        hour = 0
    if suffix.startswith(("a", "p")) and int(timed.group("h")) > 12:
        return None
    return time(hour, minute), timed.end()


def _bare_hour(text: str) -> tuple[time, int] | None:
    """A bare hour at the start of *text* ("at 3?") as a time in working hours, or None (7 and
    12 could be either)."""
    match = _BARE_HOUR.match(text)
    if match is None or int(match["h"]) in (7, 12) or re.match(r"\s+(?:or|oder|ou|o)\s+\d", text[match.end() :]):
        return None  # "at 10 or 11": a choice
    hour = int(match["h"])
    return time(hour + 12 if hour <= 6 else hour), match.end()


def weekday_and_time(text: str) -> tuple[int, time] | None:
    """A weekday and a time with no date ("tuesday 10:00", "dienstag, 10 uhr", "mardi 10h", "el lunes
    a las 9:30"; normalised *text*, as a slot in a list writes it): the weekday (0 is Monday) and
    the time, a range's end aside; None for anything more or less."""
    match = re.match(rf"\s*(?:(?:on|am|le|el|the)\s+)?(?P<wd>{_WEEKDAY_ALL})\.?,?\s*", text)
    found = _time_at(text[match.end() :]) if match else None
    if match is None or found is None:
        return None
    rest = text[match.end() + found[1] :]
    if ended := _RANGE_END.match(rest):
        rest = rest[ended.end() :]
    return (_WEEKDAYS[match["wd"]], found[0]) if re.fullmatch(r"[\s,.;:]*", rest) else None


def _has_meridiem(text: str) -> bool:
    return bool(re.search(r"\d\s?(?:a\.?\s?m\.?|p\.?\s?m\.?)$", text.strip(), re.I))


def _candidates(groups: dict[str, str | None], sent: date, us_order: bool) -> list[date]:
    """The dates a match can mean; more than one only when the year is not written."""
    if groups["d6"]:  # the first day of that number from the mail's date on; its weekday must agree
        first = date(sent.year, sent.month, 1)
        if int(groups["d6"]) < sent.day:
            first = (first + timedelta(days=31)).replace(day=1)
        try:
            return [first.replace(day=int(groups["d6"]))]
        except ValueError:
            return []
    for n in "1234":
        if groups[f"d{n}"]:
            day, month_text, year_text = groups[f"d{n}"], groups[f"m{n}"], groups[f"y{n}"]
            break
    else:
        a, b, year_text = groups["a5"], groups["b5"], groups["y5"]
        if a is None or b is None:
            return []
        day, month_text = (b, a) if us_order else (a, b)
    assert day is not None and month_text is not None
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    years = [int(year_text) + (2000 if len(year_text) == 2 else 0)] if year_text else [sent.year, sent.year + 1]
    found = []
    for year in years:
        try:
            found.append(date(year, month, int(day)))
        except ValueError:
            continue
    return found


def _pick(dates: list[date], weekday: int | None, sent: date, explicit_year: bool) -> date | None:
    """The date meant: the one whose weekday agrees with the mail's; else the first on or
    after the mail's date. None when the mail's weekday agrees with no reading."""
    if weekday is not None:
        agreeing = [d for d in dates if d.weekday() == weekday]
        if not agreeing:
            return None
        dates = agreeing
    if explicit_year:
        return dates[0] if dates else None
    upcoming = [d for d in dates if d >= sent - timedelta(days=1)]
    return upcoming[0] if upcoming else None


def _after_time(text: str, meridiem_written: bool = False) -> tuple[str, bool, time | None]:
    """The text after a time with a range's end skipped, whether that end's 'pm' applies to
    the start too ('2:30 - 3:15 PM'; not '9 AM to 1 PM', whose start says its own), and the
    range's end."""
    end = _RANGE_END.match(text)
    if end is None:
        return text, False, None
    finish = _time_at(re.sub(r"^\s*(?:-|–|—|to|until|till|bis|a|à|au|hasta|y)\s*", "", end.group(), flags=re.I))
    pm = not meridiem_written and bool(re.search(r"p\.?\s?m\.?\s*$", end.group(), re.I))
    return text[end.end() :], pm, finish[0] if finish else None


def _ending(day: date, start: time, finish: time | None) -> time | None:
    """A range's end as a time after *start* ('12:00 - 1:00' ends at 13:00), or None."""
    if finish is None:
        return None
    if finish <= start and finish.hour < 12 and finish.replace(hour=finish.hour + 12) > start:
        finish = finish.replace(hour=finish.hour + 12)
    return finish if finish > start else None


_RANGE_DASH = re.compile(r"(?:\d|[ap]\.?m\.?|\bh|uhr)\s*(?:-|–|—|to|until|bis|a|à|au|hasta|y)\s*$")
_EARLIER_TIME = re.compile(
    # after a label's colon ("when: 10:00"), never inside a clock: "00 am" in "9:00-10:00 am" is no time
    r"(?:^|[\s(,]|(?<!\d):)((?:[01]?\d|2[0-3])(?:\s?[:h.]\s?[0-5]\d)?\s?(?:a\.?\s?m\.?|p\.?\s?m\.?|uhr|h\b)?)"
)
# Between a time and the date after it: a few words ("on", "le", "am"), nothing else.
_FILLER = re.compile(r"[\s,;)]*(?:[a-z()]{1,15}\s*:?[\s,]+){0,4}")
# After a date, its time under a label: "date: tuesday, march 10, 2026 check-in: 9:15 am
# interview: 9:30 am central time", "date : mercredi 24 juin 2026 horaire : de 9h30 a 10h30".
_TIME_LABEL = re.compile(
    r"[^.?!]{0,60}?\b(?:time|start|interview|uhrzeit|zeit|beginn|heure|horaire|hora|horario)"
    r"\s*:\s*(?:de\s+|from\s+|von\s+|ab\s+)?"
)
_DURATION = re.compile(
    r"\b(?:last(?:s|ing)?|plan (?:on|for)|allow|dauer[nt]?|dure(?:ra)?|duree|durara|duracion)\b(?:[^.\n\d]|ca\.|env\.|approx\.){0,25}?"
    r"(?P<n>\d{1,3}(?:[.,]5)?)\s*(?P<unit>minutes?|mins?|hours?|hrs?|minuten|stunden?|heures?|minutos|horas?)\b"
)
_AGENDA_RANGE = re.compile(
    r"(?<![\d:.])((?:[01]?\d|2[0-3])(?:[:h.][0-5]\d)?\s?(?:a\.?m\.?|p\.?m\.?)?)\s*(?:-|–|—|to)\s*"
    r"((?:[01]?\d|2[0-3])(?:[:h.][0-5]\d)?\s?(?:a\.?m\.?|p\.?m\.?)?)(?![\d/])"
)


def _zone_at(text: str, day: date, sent_offset: timedelta | None, clock: str = "") -> tuple[WrittenZone | None, int]:
    """_zone and where the zone's words end (after a parenthesis it opened: "(Eastern Time -
    US & Canada)"); (None, 0) when no zone is written there."""
    match = _ZONE.match(text)
    if match is None:
        return None, 0
    end = match.end()
    if "(" in text[: match.start("zone") if match.group("zone") else end]:
        closing = re.match(r"[^()\n]{0,40}\)", text[end:])
        end += closing.end() if closing else 0
    return _zone(text, day, sent_offset, clock), end


def _duration(text: str) -> timedelta | None:
    """How long the mail says the interview lasts ("it will last about 45 minutes")."""
    found = _DURATION.search(text)
    if found is None:
        return None
    amount = float(found.group("n").replace(",", "."))
    length = timedelta(minutes=amount) if found.group("unit").startswith("m") else timedelta(hours=amount)
    return length if timedelta(minutes=10) <= length <= timedelta(hours=10) else None


def _agenda_end(text: str, start: time, end: time | None) -> time | None:
    """The end of an itinerary that follows the time: the last of the ranges after it that run
    on, each from where the one before ended ("9:00–9:45 am ... 12:30–1:15 pm"), up to the next
    date; None when there is none."""
    latest = end or start
    cut = _DATE.search(text)
    for found in _AGENDA_RANGE.finditer(text, 0, min(cut.start() if cut else len(text), 800)):
        first, last = _time_at(found.group(1) + " "), _time_at(found.group(2) + " ")
        if first is None or last is None:
            first = first or (_time_at(found.group(1) + ":00") if found.group(1).isdigit() else None)
        if first is None or last is None:
            continue
        begin = first[0]
        if begin == start and latest == (end or start):
            continue  # the interview's own range
        if begin < latest and begin.hour < 12 and begin.replace(hour=begin.hour + 12) >= latest:
            begin = begin.replace(hour=begin.hour + 12)  # "1:00 - 1:30" after "12:00 - 1:00"
        if begin < latest or begin > _plus(latest, timedelta(hours=1)):
            break  # not the next item of the same day
        finish = _ending(date.min, begin, last[0])
        if finish is None:
            break
        latest = finish
    return latest if latest > (end or start) else end


def _plus(moment: time, length: timedelta) -> time:
    later = datetime.combine(date.min, moment) + length
    return later.time() if later.date() == date.min else time(23, 59)


_OR = re.compile(r"\b(?:or|o|oder|ou|u)\b")


def _alternatives(text: str, one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether two dates are offered as alternatives: near each other, an 'or' between them."""
    first, second = sorted((one, other))
    return second[0] - first[1] <= 80 and bool(_OR.search(text, first[1], second[0]))


class TextTime(NamedTuple):
    """An interview time read from a mail's text."""

    start: datetime
    explicit: bool
    """Whether the mail wrote its zone."""
    end: datetime | None = None
    """When it ends, where the mail says: a range's end, an itinerary's last item, a length."""


def interview_time_in_text(text: str, sent: datetime, zone: tzinfo, us_order: bool = False) -> TextTime | None:
    """The one date-with-time in *text* (normalised: lower case, no accents), whether its zone
    was written out, and its end. None when there is none, when its weekday contradicts it, or
    when there are several (a choice of slots). *zone*: for times written without one; the
    draft then confirms the time without a zone, as the mail wrote it."""
    found: dict[datetime, datetime | None] = {}
    untimed: list[tuple[int, int]] = []  # dates read without a time
    timed_at: list[tuple[int, int]] = []
    explicit = False
    contradicted = False
    unnamed = zone if isinstance(zone, WrittenZone) else WrittenZone(zone)
    offset = sent.utcoffset()
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        if groups["a5"] and not groups["y5"] and not groups["wd"]:
            continue  # "3/4" alone is as likely a fraction or a count as a date
        weekday_text = groups["wd"] or groups["wd6"] or groups["wd7"]
        if weekday_text is None:  # "Monday 10:00, 9 June": a weekday a few words before the date
            before = _WEEKDAY_NEAR.search(text, max(0, match.start() - 25), match.start())
            weekday_text = before.group("wd") if before else None
        weekday = _WEEKDAYS[weekday_text] if weekday_text else None
        explicit_year = bool(groups["y1"] or groups["y2"] or groups["y3"] or groups["y4"] or groups["y5"])
        dates = _candidates(groups, sent.date(), us_order)
        if not dates:
            continue
        day = _pick(dates, weekday, sent.date(), explicit_year)
        moment = None
        written: WrittenZone | None = None
        finish: time | None = None
        rest = text[match.end() :]
        timed = _time_at(rest)
        if timed is None and (label := _TIME_LABEL.match(rest)) is not None:
            rest = rest[label.end() :]
            timed = _time_at(rest)
        if timed is not None:
            moment, end = timed
            after, pm, finish = _after_time(rest[end:], _has_meridiem(rest[:end]))
            written = _zone(after, day or dates[0], offset, rest[: len(rest) - len(after)])
        else:  # the time before the date: "at 10:00 on Tuesday, 12 March", "11:00-11:45 (BST) on 9 July"
            head = text[max(0, match.start() - 90) : match.start()]
            for candidate in reversed(list(_EARLIER_TIME.finditer(head))):
                if _RANGE_DASH.search(head, 0, candidate.start(1)):
                    continue  # the end of a range: its start is the time
                piece = head[candidate.start(1) :]
                parsed = _time_at(piece)
                if parsed is None:
                    continue
                after, pm, end_time = _after_time(piece[parsed[1] :], _has_meridiem(piece[: parsed[1]]))
                clock = piece[: len(piece) - len(after)]
                zoned, zone_end = _zone_at(after, day or dates[0], offset, clock)
                if not _FILLER.fullmatch(after[zone_end:]):
                    continue
                moment, finish = parsed[0], end_time
                written = zoned or _zone(text[match.end() : match.end() + 60], day or dates[0], offset, clock)
                break
        if moment is None and weekday is not None and (bare := _bare_hour(rest)):
            moment, pm = bare[0], False  # "Tuesday the 19th at 3?": the weekday makes the date sure
        if moment is None:
            untimed.append((match.start(), match.end()))
            continue
        if _DEADLINE.search(text, max(0, match.start() - 45), match.start()) or moment == time(23, 59):
            continue  # "by 11:59 PM on May 29", "bis zum 7. Februar": a deadline, not an interview
        if day is None or written is UNKNOWN_ZONE:
            contradicted = True  # a weekday and a date that disagree, a zone that cannot be told: confirm nothing
            continue
        if pm and moment.hour < 12:
            moment = moment.replace(hour=moment.hour + 12)
        explicit = explicit or written is not None
        finish = _ending(day, moment, finish)
        finish = _agenda_end(text[match.end() :], moment, finish)
        start = datetime.combine(day, moment, tzinfo=written or unnamed)
        found[start] = datetime.combine(day, finish, tzinfo=start.tzinfo) if finish else None
        timed_at.append((match.start(), match.end()))
    if any(_alternatives(text, a, b) for a in untimed for b in timed_at):
        return None  # "el martes 19 por la manana o el miercoles 20 a las 16:30": a choice
    for match in _RELATIVE.finditer(text):  # "tomorrow (Thursday) at 2:30 pm", "am Mittwoch um 7 Uhr"
        rest = text[match.end() :]
        if _DATE.match(rest.lstrip(" ,(")) or _DATE.match(text, max(0, match.start() - 12), match.start()):
            continue  # a date is written with it: read above
        timed = _time_at(rest) or _bare_hour(rest)
        if timed is None or _DEADLINE.search(text, max(0, match.start() - 45), match.start()):
            continue
        named = match.group("wd") or match.group("wd2") or match.group("wd3")
        if match.group("rel"):
            day = sent.date() + timedelta(days=0 if match.group("rel") in _TODAY else 1)
            if named and _WEEKDAYS[named] != day.weekday():
                contradicted = True
                continue
        else:
            ahead = (_WEEKDAYS[named] - sent.weekday()) % 7 if named else 0
            if not ahead:
                continue  # "Wednesday" written on a Wednesday: this one or next week's
            day = sent.date() + timedelta(days=ahead)
        moment, end = timed
        after, pm, finish = _after_time(rest[end:], _has_meridiem(rest[:end]))
        if pm and moment.hour < 12:
            moment = moment.replace(hour=moment.hour + 12)
        written = _zone(after, day, offset, rest[: len(rest) - len(after)])
        if written is UNKNOWN_ZONE:
            contradicted = True
            continue
        explicit = explicit or written is not None
        finish = _ending(day, moment, finish)
        start = datetime.combine(day, moment, tzinfo=written or unnamed)
        found[start] = datetime.combine(day, finish, tzinfo=start.tzinfo) if finish else None
    if contradicted or len(found) != 1:
        return None
    start, finish_at = found.popitem()
    if abs(start - sent) > SANE:
        return None
    length = _duration(text) if finish_at is None else None
    return TextTime(start, explicit, finish_at or (start + length if length else None))


_LIKELY_ZONES = {
    "fr": ("Europe/Paris", "America/Toronto"),
    "de": ("Europe/Berlin",),
    "es": ("Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"),
    "en": ("Europe/London", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
           "Europe/Dublin", "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney", "Pacific/Auckland"),
}  # fmt: skip


_HOME = {"de": ZoneInfo("Europe/Berlin"), "fr": ZoneInfo("Europe/Paris"), "es": ZoneInfo("Europe/Madrid")}


_STATES = {
    **dict.fromkeys(("CT", "DC", "DE", "FL", "GA", "IN", "KY", "MA", "MD", "ME", "MI", "NC", "NH", "NJ", "NY", "OH",
                     "PA", "RI", "SC", "VA", "VT", "WV"), _NY),
    **dict.fromkeys(("AL", "AR", "IA", "IL", "KS", "LA", "MN", "MO", "MS", "ND", "NE", "OK", "SD", "TN", "TX", "WI"), _CHI),
    **dict.fromkeys(("CO", "ID", "MT", "NM", "UT", "WY"), _DEN), "AZ": "America/Phoenix",
    **dict.fromkeys(("CA", "NV", "OR", "WA"), _LA), "AK": "America/Anchorage", "HI": "Pacific/Honolulu",
}  # fmt: skip
_PLACE = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?P<state>[A-Z]{2})(?: \d{5}(?:-\d{4})?)?(?=[\s.,;)]|$)")


def place_zone(text: str) -> ZoneInfo | None:
    """The zone of the US places the mail names ("Springfield, IL 62704"), when they agree."""
    zones = {_STATES.get(m.group("state"), "") for m in _PLACE.finditer(text)}
    return ZoneInfo(zones.pop()) if len(zones) == 1 and "" not in zones else None


def sender_zone(sent: datetime | None, configured: tzinfo, language: str = "", text: str = "") -> tzinfo:
    """The zone a time written without one is in: the configured zone when the mail's Date has
    its offset; else the zone the mail's language is most often written from that has the
    Date's offset on that day (so a date after a daylight-saving change gets the new offset);
    else the Date's own offset. An English mail stamped +0000 (many ATS servers write it,
    wherever the sender is) that names US places (*text*) is in their zone."""
    if sent is None or sent.utcoffset() is None:
        return configured
    if language == "en" and not sent.utcoffset() and (place := place_zone(text)) is not None:
        return place
    home = _HOME.get(language)
    if home is not None and not sent.utcoffset() and sent.astimezone(home).utcoffset():
        # +0000 is what many ATS servers write whatever the sender's zone: a German, French or
        # Spanish mail stamped so is read in its country's zone.
        return home
    if sent.astimezone(configured).utcoffset() == sent.utcoffset():
        return configured
    for name in (*_LIKELY_ZONES.get(language, ()), *_LIKELY_ZONES["en"], "Europe/Berlin"):
        zone = ZoneInfo(name)
        if sent.astimezone(zone).utcoffset() == sent.utcoffset():
            return zone
    offset = sent.utcoffset()
    assert offset is not None
    return timezone(offset)


def interview_time_in_calendar(calendar: str, default_tz: tzinfo) -> tuple[datetime, datetime | None] | None:
    """DTSTART (and DTEND) of the first event of a text/calendar part, time-zone aware."""
    try:
        import icalendar
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        parsed = icalendar.Calendar.from_ical(calendar)
    except Exception:  # a broken attachment is just no calendar
        return None
    for event in parsed.walk("VEVENT"):
        try:
            start = event.decoded("DTSTART", None)
            end = event.decoded("DTEND", None)
        except Exception:  # an unreadable DTSTART is no time
            return None
        if not isinstance(start, datetime):
            continue  # an all-day event has no interview time
        windows = str(event["DTSTART"].params.get("TZID", ""))
        if windows in WINDOWS_TO_OLSON and not isinstance(start.tzinfo, ZoneInfo):
            # Outlook's "W. Europe Standard Time": the IANA zone's rules, not the VTIMEZONE's guess.
            olson = ZoneInfo(WINDOWS_TO_OLSON[windows])
            start, end = start.replace(tzinfo=olson), end.replace(tzinfo=olson) if isinstance(end, datetime) else end

        def aware(moment: datetime) -> datetime:
            return moment if moment.tzinfo else moment.replace(tzinfo=default_tz)

        return aware(start), aware(end) if isinstance(end, datetime) else None
    return None


def calendar_organizer(calendar: str) -> tuple[str, str]:
    """(CN, address) of the first event's ORGANIZER, or ('', '')."""
    match = re.search(r"^ORGANIZER(?P<params>[^:\r\n]*):(?:mailto:|MAILTO:)(?P<addr>[^\s;]+)", calendar, re.M)
    if match is None:
        return "", ""
    name = re.search(r';CN="?([^";:]+)"?', match.group("params"))
    return (name.group(1).strip() if name else ""), match.group("addr").strip().lower()


def interview_time(
    calendar: tuple[datetime, datetime | None] | None, text: TextTime | None, sender: tzinfo | None
) -> tuple[datetime | None, datetime | None, str]:
    """The interview's start, end and their source ('calendar', 'text' or 'text (time zone
    assumed)'). An attached calendar's time comes first, shown the way the mail's text writes it
    (a DTSTART is often in UTC; the text says "10:00 AM Eastern"), else in the sender's zone
    (*sender*). A calendar and a text whose written zone states another time that day confirm
    neither."""
    if calendar is None:
        if text is None:
            return None, None, ""
        return text.start, text.end, "text" if text.explicit else "text (time zone assumed)"
    start, end = calendar
    try:
        if text is not None and text.start == start:
            shown = text.start.tzinfo
        elif text is not None and text.explicit and text.start.date() == start.astimezone(text.start.tzinfo).date():
            return None, None, ""  # the invitation says 15:00 UK time, its calendar 14:00
        elif sender is not None and start.utcoffset() == timedelta(0) and start.astimezone(sender).utcoffset():
            shown = sender  # a DTSTART in UTC: the sender's zone, by its abbreviation
        else:
            shown = start.tzinfo
        end = end or (text.end if text is not None and text.start == start else None)
        return start.astimezone(shown), end.astimezone(shown) if end else None, "calendar"
    except OverflowError:  # an event in year 1 or 9999: as it stands (extract's window drops it)
        return start, end, "calendar"
