"""When the interview is: from an attached calendar (its DTSTART carries the zone), else from
the text, in English, German, French or Spanish. Pure.

A written date is read with its time before or after it ("Thursday, April 16, 2026, 2:30 PM",
"at 10:00 on 12 March", "10 Uhr am 9. Juni"), a range's end skipped to reach the zone written
after it ("9:00 - 9:45 AM Pacific Time", "11:00-11:45 (BST)"), zone names in the four languages.
A date without a year takes the year whose weekday agrees with the mail's; when the weekday and
the date disagree, there is no time. A time written without a zone is in the sender's zone (the
Date header's offset), then the user's. Several different times are a choice of slots: none.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

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
_WEEKDAY_ALL = "|".join(sorted((w for w in _WEEKDAYS if len(w) > 2), key=len, reverse=True))
_WD = rf"(?:(?P<wd>{_WEEKDAY_ALL})\.?,?\s+(?:(?:den|le|el|the)\s+)?)?"
_DATE = re.compile(
    r"\b" + _WD + r"(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?(?P<m1>{_MONTH})\b\.?(?:,?\s+(?:de\s+)?(?P<y1>20\d\d))?"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>20\d\d))?"
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>(?:20)?\d\d\b)?"
    r"|(?P<y4>20\d\d)-(?P<m4>\d\d)-(?P<d4>\d\d)"
    r"|(?P<a5>\d{1,2})/(?P<b5>\d{1,2})(?:/(?P<y5>(?:20)?\d\d))?\b"
    r")"
)
_TIME = re.compile(
    r"(?<![\d.:/,])(?P<h>[01]?\d|2[0-3])(?:\s?(?P<sep>[:h.])\s?(?P<m>[0-5]\d))?\s?"
    r"(?P<suffix>a\.?\s?m\.?|p\.?\s?m\.?|uhr|horas|hrs|h\b)?(?![\d/])"
    r"|(?P<noon>\bnoon\b|\bmidi\b|\bmediod[ií]a\b)"
)
# The end of a range, to be skipped: "- 3:15 PM", "–10:00", "to 11:45", "bis 11 Uhr", "à 15h".
_RANGE_END = re.compile(
    r"^\s*(?:-|–|—|to|until|till|bis|a|à|au|hasta|y)\s*(?:[01]?\d|2[0-3])(?:\s?[:h.]\s?[0-5]\d)?\s?"
    r"(?:a\.?\s?m\.?|p\.?\s?m\.?|uhr|horas|hrs|h\b)?",
    re.I,
)
_ZONES = {
    "utc": "UTC", "gmt": "UTC", "z": "UTC",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "central european time": "Europe/Berlin",
    "central european summer time": "Europe/Berlin", "mez": "Europe/Berlin", "mesz": "Europe/Berlin",
    "berlin time": "Europe/Berlin", "berliner zeit": "Europe/Berlin", "deutscher zeit": "Europe/Berlin",
    "paris time": "Europe/Paris", "heure de paris": "Europe/Paris", "heure francaise": "Europe/Paris",
    "heure de france": "Europe/Paris", "heure locale": "", "hora peninsular": "Europe/Madrid",
    "hora de madrid": "Europe/Madrid", "hora espanola": "Europe/Madrid", "hora de espana": "Europe/Madrid",
    "hora de mexico": "America/Mexico_City", "hora del centro": "America/Mexico_City",
    "hora de buenos aires": "America/Argentina/Buenos_Aires", "hora canaria": "Atlantic/Canary",
    "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London", "british time": "Europe/London",
    "wet": "Europe/Lisbon", "eet": "Europe/Helsinki", "eest": "Europe/Helsinki",
    "est": "America/New_York", "edt": "America/New_York", "et": "America/New_York",
    "eastern": "America/New_York", "eastern time": "America/New_York", "eastern standard time": "America/New_York",
    "eastern daylight time": "America/New_York", "cst": "America/Chicago", "cdt": "America/Chicago",
    "ct": "America/Chicago", "central": "America/Chicago", "central time": "America/Chicago",
    "central standard time": "America/Chicago", "central daylight time": "America/Chicago",
    "mst": "America/Denver", "mdt": "America/Denver", "mt": "America/Denver", "mountain": "America/Denver",
    "mountain time": "America/Denver", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles", "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "pacific standard time": "America/Los_Angeles", "pacific daylight time": "America/Los_Angeles",
    "ist": "Asia/Kolkata", "india time": "Asia/Kolkata", "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "sgt": "Asia/Singapore", "jst": "Asia/Tokyo", "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland",
}  # fmt: skip
_ZONE = re.compile(
    r"^[\s(,]*(?:(?:\(|in\s+|en\s+|)(?:utc|gmt)\s?(?P<offset>[+-]\s?\d{1,2})(?::?(?P<offmin>\d\d))?\b"
    r"|(?P<iana>(?:europe|america|asia|australia|africa|pacific|atlantic)/[a-z_]+(?:/[a-z_]+)?)"
    r"|(?:(?:time\s+zone|zeitzone|fuseau)\s*:?\s*)?(?P<zone>"
    + "|".join(sorted((re.escape(z) for z in _ZONES), key=len, reverse=True))
    + r")\b(?:\s*/\s*(?:[a-z]{3,4})\b)?)"
)
_DEADLINE = re.compile(
    r"\b(?:by|before|until|no later than|deadline|due|expires?|closes?|bis(?: zum| spätestens)?|spatestens|frist|avant(?: le)?"
    r"|au plus tard|jusqu'au|date limite|antes del?|hasta(?: el)?|plazo|a mas tardar)\b[^.\n]{0,30}$"
)
_WEEKDAY_NEAR = re.compile(rf"\b(?P<wd>{_WEEKDAY})\b")
_TODAY = frozenset(("today", "heute", "aujourd'hui", "hoy"))
_RELATIVE = re.compile(
    r"\b(?:(?P<rel>tomorrow|morgen|demain|manana|today|heute|aujourd'hui|hoy)|(?:on|am|le|el|this|coming|diesen|kommenden"
    rf"|ce|este)\s+(?P<wd>{_WEEKDAY}))\b(?:\s*\((?P<wd2>{_WEEKDAY})\))?"
)


def _zone(text: str) -> tzinfo | None:
    match = _ZONE.match(text)
    if match is None:
        return None
    if match.group("offset"):
        hours = int(match.group("offset").replace(" ", ""))
        minutes = int(match.group("offmin") or 0)
        if hours == 0 and not minutes:
            return ZoneInfo("UTC")
        sign = -1 if hours < 0 else 1
        return timezone(timedelta(hours=hours, minutes=sign * minutes))
    if match.group("iana"):
        name = "/".join(
            p.title() if "_" not in p else "_".join(w.title() for w in p.split("_"))
            for p in match.group("iana").split("/")
        )
        try:
            return ZoneInfo(name)
        except (KeyError, ValueError):
            return None
    name = _ZONES[match.group("zone")]
    return ZoneInfo(name) if name else None


_CONNECTIVE = re.compile(
    r"^[\s,.;|)]*(?:(?:time|uhrzeit|zeit|heure|horario|hora)\s*:\s*)?(?:at|um|a las|a la|à|a|de|from|von|ab|le|el|@|-|–|,)?\s*",
    re.I,
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
    if not timed.group("m") and not suffix:
        return None  # a bare number is a day or a count, not a time
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


def _after_time(text: str, meridiem_written: bool = False) -> tuple[str, bool]:
    """The text after a time with a range's end skipped, and whether that end's 'pm' applies to
    the start too ('2:30 - 3:15 PM'; not '9 AM to 1 PM', whose start says its own)."""
    end = _RANGE_END.match(text)
    if end is None:
        return text, False
    return text[end.end() :], not meridiem_written and bool(re.search(r"p\.?\s?m\.?\s*$", end.group(), re.I))


def _has_meridiem(text: str) -> bool:
    return bool(re.search(r"\d\s?(?:a\.?\s?m\.?|p\.?\s?m\.?)$", text.strip(), re.I))


def _candidates(groups: dict[str, str | None], sent: date, us_order: bool) -> list[date]:
    """The dates a match can mean; more than one only when the year is not written."""
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


def interview_time_in_text(
    text: str, sent: datetime, zone: tzinfo, us_order: bool = False
) -> tuple[datetime, bool] | None:
    """The one date-with-time in *text* (normalised: lower case, no accents), and whether its
    zone was written out. None when there is none, when its weekday contradicts it, or when
    there are several (a choice of slots). *zone*: for times written without one."""
    found: set[datetime] = set()
    explicit = False
    contradicted = False
    for match in _DATE.finditer(text):
        groups = match.groupdict()
        if groups["a5"] and not groups["y5"] and not groups["wd"]:
            continue  # "3/4" alone is as likely a fraction or a count as a date
        weekday_text = groups["wd"]
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
        rest = text[match.end() :]
        timed = _time_at(rest)
        if timed is not None:
            moment, end = timed
            after, pm = _after_time(rest[end:], _has_meridiem(rest[:end]))
        else:  # the time before the date: "at 10:00 on Tuesday, 12 March", "10 uhr am 9. juni"
            head = text[max(0, match.start() - 40) : match.start()]
            earlier_times = list(
                re.finditer(
                    r"(?:^|[\s(,])((?:[01]?\d|2[0-3])(?:\s?[:h.]\s?[0-5]\d)?\s?(?:a\.?\s?m\.?|p\.?\s?m\.?|uhr|h\b)?)",
                    head,
                )
            )
            for candidate in reversed(earlier_times):
                tail = head[candidate.end() :]
                if not re.fullmatch(r"[\s,]*(?:[a-z()]{1,15}[\s,]+){0,4}", tail):
                    continue
                parsed = _time_at(candidate.group(1))
                if parsed is not None:
                    moment = parsed[0]
                    after, pm = _after_time(candidate.group(1)[parsed[1] :] + tail, _has_meridiem(candidate.group(1)))
                    after = text[match.end() :] if not after.strip(" ,") else after
                    break
        if moment is None:
            continue
        if _DEADLINE.search(text, max(0, match.start() - 45), match.start()) or moment == time(23, 59):
            continue  # "by 11:59 PM on May 29", "bis zum 7. Februar": a deadline, not an interview
        if day is None:
            contradicted = True  # a weekday and a date that disagree: confirm nothing
            continue
        if pm and moment.hour < 12:
            moment = moment.replace(hour=moment.hour + 12)
        written = _zone(after)
        if written is None:
            after_date = text[match.end() : match.end() + 60] if timed is None else ""
            written = _zone(after_date) if after_date else None
        explicit = explicit or written is not None
        found.add(datetime.combine(day, moment, tzinfo=written or zone))
    for match in _RELATIVE.finditer(text):  # "tomorrow (Thursday) at 2:30 pm", "am Mittwoch um 7 Uhr"
        rest = text[match.end() :]
        if _DATE.match(rest.lstrip(" ,(")) or _DATE.match(text, max(0, match.start() - 12), match.start()):
            continue  # a date is written with it: read above
        timed = _time_at(rest)
        if timed is None or _DEADLINE.search(text, max(0, match.start() - 45), match.start()):
            continue
        named = match.group("wd") or match.group("wd2")
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
        after, pm = _after_time(rest[end:], _has_meridiem(rest[:end]))
        if pm and moment.hour < 12:
            moment = moment.replace(hour=moment.hour + 12)
        written = _zone(after)
        explicit = explicit or written is not None
        found.add(datetime.combine(day, moment, tzinfo=written or zone))
    if contradicted or len(found) != 1:
        return None
    start = found.pop()
    if abs(start - sent) > SANE:
        return None
    return start, explicit


_LIKELY_ZONES = {
    "fr": ("Europe/Paris", "America/Toronto"),
    "de": ("Europe/Berlin",),
    "es": ("Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"),
    "en": ("Europe/London", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
           "Europe/Dublin", "Asia/Kolkata", "Asia/Singapore", "Australia/Sydney", "Pacific/Auckland"),
}  # fmt: skip


_HOME = {"de": ZoneInfo("Europe/Berlin"), "fr": ZoneInfo("Europe/Paris"), "es": ZoneInfo("Europe/Madrid")}


def sender_zone(sent: datetime | None, configured: tzinfo, language: str = "") -> tzinfo:
    """The zone a time written without one is in: the configured zone when the mail's Date has
    its offset; else the zone the mail's language is most often written from that has the
    Date's offset on that day (so a date after a daylight-saving change gets the new offset);
    else the Date's own offset."""
    if sent is None or sent.utcoffset() is None:
        return configured
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
