"""Interview times as the mail names them: the zone the sender wrote, kept through to the draft,
and the end of the interview where the mail says it. Pure, fast."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from followup.act.extract import extract as extract_with
from followup.act.render_draft import format_when
from followup.act.when import WrittenZone, interview_time_in_text, place_zone, weekday_and_time, written_name
from followup.classify.phrases import normalize
from followup.mail.parse import parse_mail
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.conftest import SHIPPED_PLATFORMS

extract = partial(extract_with, platforms=SHIPPED_PLATFORMS)


def _mail(body: str, date: str, ics: str = "") -> bytes:
    head = (
        f"From: Kim Park <kim@corp.example>\r\nTo: Sam <sam@example.org>\r\nSubject: Interview\r\nDate: {date}\r\n"
        "Message-ID: <w@corp.example>\r\nMIME-Version: 1.0\r\n"
    )
    if not ics:
        return (head + f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()
    return (
        head
        + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
        f"{body}\r\n--b\r\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\r\n\r\n{ics}\r\n--b--\r\n"
    ).encode()


def _drafted(body: str, date: str) -> str:
    facts = extract(parse_mail(_mail(body, date)))
    assert facts.interview_at is not None, body
    language = next((code for code, word in _SAID if word in body), "en")
    return format_when(facts.interview_at, language)


_SAID = (("de", "Uhr"), ("de", "Wann"), ("fr", "entretien"), ("es", "entrevista"))


@pytest.mark.parametrize(
    ("body", "date", "shown"),
    [
        ("Your interview is on Thursday, January 14, 2027 at 10:00 AM Eastern Standard Time.",
         "Thu, 07 Jan 2027 13:45:00 -0500", "Thursday, 14 January 2027 at 10:00 AM (EST)"),
        ("Your interview is on Tuesday, 3 November 2026, 9:30 AM - 1:00 PM (GMT), at our office.",
         "Thu, 22 Oct 2026 12:05:00 +0100", "Tuesday, 3 November 2026 at 09:30 (GMT)"),
        ("Could you join us on 11 February at 14:00 (Irish time)? It'll last around 45 minutes.",
         "Wed, 03 Feb 2027 11:25:00 +0000", "Thursday, 11 February 2027 at 14:00 (Irish time)"),
        ("Wann: Freitag, 23. Januar 2026 · 14:00–15:00 (MEZ)", "Wed, 14 Jan 2026 10:15:00 +0100",
         "Freitag, 23. Januar 2026, 14:00 Uhr (MEZ)"),
        # The sender wrote winter's name for a summer date: the draft names the zone right.
        ("Das Gespräch findet am Dienstag, 9. Juni 2026 um 10:00 Uhr MEZ statt.", "Mon, 01 Jun 2026 09:00:00 +0200",
         "Dienstag, 9. Juni 2026, 10:00 Uhr (MESZ)"),
        ("L'entretien aura lieu le vendredi 6 novembre 2026 à 9h30 (heure de Paris).",
         "Mon, 02 Nov 2026 10:00:00 +0100", "vendredi 6 novembre 2026 à 9h30 (heure de Paris)"),
        ("La entrevista será el martes 22 de septiembre de 2026 a las 10:00 (hora peninsular).",
         "Mon, 14 Sep 2026 10:00:00 +0200", "martes 22 de septiembre de 2026 a las 10:00 (hora peninsular)"),
        # No zone written: the draft confirms the time as the mail wrote it.
        ("Termin am Montag, den 21. September um 9:00 Uhr.", "Mon, 14 Sep 2026 09:15:00 +0200",
         "Montag, 21. September 2026, 09:00 Uhr"),
        # A time before its date, a range and a zone between them.
        ("Event Date/Time: 9:00am - 9:30am (Eastern Time - US & Canada), Tuesday, December 8, 2026",
         "Tue, 01 Dec 2026 20:13:00 +0000", "Tuesday, 8 December 2026 at 9:00 AM (Eastern Time)"),
        ("Your interview has been booked for 11:00-11:45 (BST) on Thursday 9 July, with Ann.",
         "Mon, 29 Jun 2026 14:00:00 +0100", "Thursday, 9 July 2026 at 11:00 (BST)"),
        # A time under a label after its date.
        ("Date: Tuesday, March 10, 2026\nCheck-in: 9:15 AM\nInterview: 9:30 AM Central Time\n",
         "Tue, 24 Feb 2026 15:12:40 -0600", "Tuesday, 10 March 2026 at 9:30 AM (Central Time)"),
        # Outlook's display names: the zone they name, with its summer offset in summer.
        ("Thursday, 22 October 2026\n10:30 - 11:30 (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
         "Tue, 13 Oct 2026 14:10:00 +0200", "Thursday, 22 October 2026 at 10:30 (CEST)"),
        ("When: Wednesday, June 10, 2026 at 2:30 PM (UTC-05:00) Eastern Time (US & Canada)",
         "Mon, 01 Jun 2026 10:00:00 -0400", "Wednesday, 10 June 2026 at 2:30 PM (Eastern Time)"),
        # An ATS stamps +0000; the interview is in Illinois.
        ("We'd like to meet you at 1:15 PM on Thursday, January 21 at 4100 Westgate Blvd, Springfield, IL.",
         "Thu, 14 Jan 2027 21:19:36 +0000", "Thursday, 21 January 2027 at 1:15 PM"),
        ("Could we talk on Monday, 12 October 2026 at 11:00 AM IST?", "Thu, 08 Oct 2026 12:05:44 +0530",
         "Monday, 12 October 2026 at 11:00 (IST)"),
    ],
)  # fmt: skip
def test_a_draft_names_the_zone_the_way_the_mail_does(body: str, date: str, shown: str) -> None:
    assert _drafted(body, date) == shown


def test_an_illinois_address_puts_a_zoneless_time_in_central_time() -> None:
    body = "Thank you for applying. We would like to meet you at 1:15 PM on Thursday, January 21 at our office in Springfield, IL."
    facts = extract(parse_mail(_mail(body, _ATS_DATE)))
    assert facts.interview_at is not None
    assert facts.interview_at.isoformat() == "2027-01-21T13:15:00-06:00"
    assert place_zone("Springfield, IL 62704 and Denver, CO") is None  # two zones: none
    assert place_zone("Omaha, NE 68102") == ZoneInfo("America/Chicago")


_ATS_DATE = "Thu, 14 Jan 2027 21:19:36 +0000"
_UTC_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:3@t\r\n"
    "DTSTART:20270114T150000Z\r\nDTEND:20270114T160000Z\r\nSUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_calendar_in_utc_is_shown_the_way_the_text_writes_it() -> None:
    body = "When: Thursday, January 14, 2027, 10:00-11:00 AM Eastern Standard Time"
    facts = extract(parse_mail(_mail(body, "Thu, 07 Jan 2027 13:45:00 -0500", _UTC_ICS)))
    assert facts.interview_source == "calendar"
    assert facts.interview_at == datetime(2027, 1, 14, 15, 0, tzinfo=UTC)
    assert format_when(facts.interview_at, "en") == "Thursday, 14 January 2027 at 10:00 AM (EST)"
    assert facts.interview_end is not None and facts.interview_end.isoformat() == "2027-01-14T11:00:00-05:00"
    # Nothing in the text: the sender's zone, by its abbreviation.
    quiet = extract(
        parse_mail(_mail("Please find the invitation attached.", "Thu, 07 Jan 2027 13:45:00 -0500", _UTC_ICS))
    )
    assert quiet.interview_at is not None and format_when(quiet.interview_at, "en").endswith("at 10:00 AM (EST)")


def test_an_outlook_windows_zone_follows_its_iana_rules() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft//EN\r\nMETHOD:REQUEST\r\nBEGIN:VTIMEZONE\r\n"
        "TZID:W. Europe Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
        "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:4@t\r\n"
        "DTSTART;TZID=W. Europe Standard Time:20261022T103000\r\nSUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    facts = extract(parse_mail(_mail("Your booking is confirmed.", "Tue, 13 Oct 2026 14:10:00 +0200", ics)))
    assert facts.interview_at is not None and facts.interview_at.isoformat() == "2026-10-22T10:30:00+02:00"


@pytest.mark.parametrize(
    ("body", "date", "end"),
    [
        ("Tuesday, 3 November 2026, 9:30 AM - 1:00 PM (GMT)", "Thu, 22 Oct 2026 12:05:00 +0000", "13:00"),
        ("Wednesday, June 3 9:00–9:45 AM Central Time coding 10:00–10:45 AM Central Time architecture "
         "11:00–11:30 AM lunch 11:30 AM–12:15 PM product 12:30–1:15 PM Central Time hiring manager",
         "Tue, 26 May 2026 14:50:00 -0500", "13:15"),
        ("Could you join us on 11 February at 14:00 (Irish time)? It'll last around 45 minutes.",
         "Wed, 03 Feb 2027 11:25:00 +0000", "14:45"),
        ("Das Gespräch am Montag, 16. März 2026 um 10:00 Uhr dauert ca. 90 Minuten.",
         "Mon, 09 Mar 2026 10:00:00 +0100", "11:30"),
    ],
)  # fmt: skip
def test_the_interview_ends_where_the_mail_says(body: str, date: str, end: str) -> None:
    facts = extract(parse_mail(_mail(body, date)))
    assert facts.interview_end is not None and facts.interview_end.strftime("%H:%M") == end
    assert any(f.field == "interview_end" for f in facts.evidence)


@pytest.mark.parametrize(
    ("body", "date"),
    [
        # "ist" and "est" are words: no zone, no India, no New York.
        ("Der Termin am Dienstag, 9. Juni 2026 um 10:00 Uhr ist bestätigt.", "Mon, 01 Jun 2026 09:00:00 +0200"),
        ("Le rendez-vous du mardi 9 juin 2026 à 10h00 est confirmé.", "Mon, 01 Jun 2026 09:00:00 +0200"),
    ],
)
def test_a_word_that_spells_a_zone_is_no_zone(body: str, date: str) -> None:
    facts = extract(parse_mail(_mail(body, date)))
    assert facts.interview_at is not None and facts.interview_at.utcoffset() == timedelta(hours=2)
    assert written_name(facts.interview_at) == ""


def test_an_ambiguous_abbreviation_follows_the_senders_offset_or_confirms_nothing() -> None:
    body = "Could we talk on Monday, 12 October 2026 at 11:00 AM IST?"
    india = extract(parse_mail(_mail(body, "Thu, 08 Oct 2026 12:05:44 +0530"))).interview_at
    assert india is not None and india.utcoffset() == timedelta(hours=5, minutes=30)
    # A sender in New York: India, Ireland and Israel are all far; no time is better than a wrong one.
    assert extract(parse_mail(_mail(body, "Thu, 08 Oct 2026 12:05:44 -0400"))).interview_at is None
    central = extract(
        parse_mail(_mail("Call on Monday, 12 October 2026 at 2:00 PM CST.", "Thu, 08 Oct 2026 12:05:44 -0500"))
    )
    assert central.interview_at is not None and central.interview_at.utcoffset() == timedelta(hours=-5)


def test_a_written_zone_survives_pickling_and_arithmetic() -> None:
    zone = WrittenZone(ZoneInfo("Europe/Berlin"), "MEZ", "MESZ")
    start = datetime(2026, 3, 28, 10, 0, tzinfo=zone)
    assert pickle.loads(pickle.dumps(start)) == start
    assert written_name(pickle.loads(pickle.dumps(start))) == "MEZ"
    later = (start + timedelta(days=2)).astimezone(UTC).astimezone(zone)
    assert (later.hour, written_name(later)) == (10, "MESZ")  # the change to summer time in between
    assert written_name(datetime(2026, 3, 28, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))) is None


_WRITTEN = ["EST", "Eastern Time", "ET", "CT", "Central Time", "PT", "Pacific Time", "MT", "GMT", "BST", "UK time",
            "Irish time", "CET", "MEZ", "heure de Paris", "heure de Bruxelles", "hora peninsular", "hora canaria",
            "hora de México", "hora de Buenos Aires", "AEST", "SGT", "Singapore time", "India time", "UTC+5:30",
            "GMT-3", "Zurich time", "Europe/Lisbon"]  # fmt: skip


@given(
    day=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    moment=st.times().map(lambda t: time(t.hour, t.minute // 5 * 5)),
    written=st.sampled_from(_WRITTEN),
    language=st.sampled_from(["en", "de", "fr", "es"]),
    ahead=st.integers(1, 60),
)
def test_a_drafted_time_reads_back_as_the_same_time_and_zone(
    day: date, moment: time, written: str, language: str, ahead: int
) -> None:
    """Parse a time written with a zone, render it as a draft would, and read the draft back:
    the same instant, the same wall clock, the same zone name."""
    sent = datetime.combine(day - timedelta(days=ahead), time(9), tzinfo=UTC)
    first = interview_time_in_text(
        normalize(f"The interview is on {day:%A}, {day.day} {day:%B %Y} at {moment:%H:%M} {written}."), sent, UTC
    )
    assert first is not None and first.explicit
    start = first.start
    assume(start.astimezone(UTC).astimezone(start.tzinfo).time() == moment)  # not in a daylight-saving gap
    assert start.time() == moment
    shown = format_when(start, language)
    again = interview_time_in_text(normalize(f"{shown}."), sent, UTC)
    assert again is not None
    # Instants compared in UTC: between two tzinfo objects, == is never true for a wall time that
    # repeats (PEP 495: 01:00 BST on the day the clocks go back), even when the instant is the same.
    assert again.start.astimezone(UTC) == start.astimezone(UTC) and again.start.utcoffset() == start.utcoffset()
    assert again.start.replace(tzinfo=None) == start.replace(tzinfo=None)
    assert written_name(again.start) == written_name(start)


@given(
    day=st.dates(date(2026, 1, 1), date(2027, 12, 31)),
    moment=st.times().map(lambda t: time(t.hour, t.minute // 5 * 5)),
    offset=st.integers(-10, 12),
    language=st.sampled_from(["en", "de", "fr", "es"]),
)
def test_a_time_without_a_zone_is_drafted_as_written(day: date, moment: time, offset: int, language: str) -> None:
    zone = timezone(timedelta(hours=offset))
    sent = datetime.combine(day - timedelta(days=3), time(9), tzinfo=zone)
    found = interview_time_in_text(normalize(f"on {day:%A}, {day.day} {day:%B %Y} at {moment:%H:%M}"), sent, zone)
    assert found is not None and not found.explicit
    shown = format_when(found.start, language)
    assert "(" not in shown and found.start.time() == moment
    assert (
        f"{moment.hour % 12 or 12}:{moment:%M}" in shown
        or f"{moment:%H:%M}" in shown
        or f"{moment.hour}h{moment:%M}" in shown
    )


@pytest.mark.parametrize(
    ("body", "date", "expected"),
    [
        ("Te esperamos el miércoles 4 de noviembre a las 15 hs (hora de Argentina) en la oficina.",
         "Wed, 28 Oct 2026 15:30:00 -0300", "2026-11-04T15:00:00-03:00"),
        ("¿Podés venir a charlar el martes 27 a las 16 hs a la oficina?", "Wed, 21 Oct 2026 19:03:00 -0300",
         "2026-10-27T16:00:00-03:00"),
        ("¿Te puedo marcar el lunes 16 a las 4 de la tarde?", "Fri, 13 Mar 2026 13:55:00 -0600",
         "2026-03-16T16:00:00-06:00"),
        ("Can you come in this Friday, the 10th, at 11:00?", "Tue, 07 Oct 2025 16:44:01 -0500",
         "2025-10-10T11:00:00-05:00"),
        ("Zoom: Thursday 5/21, 4-4:30pm ET", "Fri, 15 May 2026 12:10:00 -0400", "2026-05-21T16:00:00-04:00"),
        ("Te agendé para el miércoles 18 de noviembre, de 15 a 16 h (hora de Argentina).",
         "Tue, 10 Nov 2026 12:14:55 -0300", "2026-11-18T15:00:00-03:00"),
        ("The interview will be held on 08.02.2027 (Monday) at 10:00 hrs at our office.",
         "Thu, 28 Jan 2027 16:00:00 +0530", "2027-02-08T10:00:00+05:30"),
    ],
)  # fmt: skip
def test_times_as_people_write_them_in_short_mail(body: str, date: str, expected: str) -> None:
    facts = extract(parse_mail(_mail(body, date)))
    assert facts.interview_at is not None and facts.interview_at.isoformat() == expected


@pytest.mark.parametrize(
    ("body", "date"),
    [
        # Two days offered: a choice, not an appointment.
        ("¿Te viene mejor el martes 19 por la mañana (sobre las 11:00) o el miércoles 20 a las 16:30?",
         "Thu, 14 Jan 2027 17:45:00 +0100"),
        # A weekday that disagrees with the day of the month.
        ("Can you come in on Thursday the 10th at 11:00?", "Tue, 07 Oct 2025 16:44:01 -0500"),
    ],
)  # fmt: skip
def test_no_time_when_the_mail_does_not_fix_one(body: str, date: str) -> None:
    assert extract(parse_mail(_mail(body, date))).interview_at is None


@pytest.mark.parametrize(
    "text",
    [
        "9:00-10:00 am central time, tuesday, june 9",
        "9:00 - 10:00 am, tuesday, june 9",
        "9:00-10:00 am (ct) on tuesday, june 9",
    ],
)
def test_a_range_before_its_date_starts_at_its_first_clock_not_midnight(text: str) -> None:
    # The minutes of "10:00" once read as a clock of their own, after the colon: "00 am", midnight.
    zone = ZoneInfo("America/New_York")
    found = interview_time_in_text(text, datetime(2026, 6, 1, 10, 0, tzinfo=zone), zone, True)
    assert found is not None and (found.start.hour, found.start.minute) == (9, 0)
    assert found.end is not None and found.end.hour == 10


def test_an_outlook_display_name_in_spanish_takes_the_zone_of_a_city_it_lists() -> None:
    # "(UTC+01:00)" names the zone, not the offset of the day: in May, Madrid is UTC+2
    text = "jueves, 6 de mayo de 2027\n12:30 - 13:15 (UTC+01:00) Bruselas, Copenhague, Madrid, París"
    facts = extract(parse_mail(_mail(f"Tu reserva está confirmada.\n{text}", "Mon, 26 Apr 2027 09:00:00 +0200")))
    assert facts.interview_at is not None and facts.interview_at.isoformat() == "2027-05-06T12:30:00+02:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tuesday 10:00", (1, time(10, 0))),
        ("dienstag, 10 uhr", (1, time(10, 0))),
        ("mardi 10h", (1, time(10, 0))),
        ("el lunes a las 9:30", (0, time(9, 30))),
        ("monday 9:00-9:30 am", (0, time(9, 0))),
        ("friday 2pm", (4, time(14, 0))),
        # a date, a bare number or more words: not this
        ("tuesday 9 june, 10:00", None),
        ("tuesday 10", None),
        ("tuesday 10:00 or wednesday 14:00", None),
        ("10:00", None),
    ],
)
def test_a_weekday_and_a_time_without_a_date(text: str, expected: tuple[int, time] | None) -> None:
    assert weekday_and_time(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a weekday alone before "at": the next such day after the mail; a bare hour in working hours
        ("can you do tuesday at 3? i'll send a zoom link once you confirm.", datetime(2026, 9, 22, 15, 0)),
        ("come by the kitchen friday at 4pm for a quick sit-down.", datetime(2026, 9, 18, 16, 0)),
        ("kannst du dienstag um 10?", datetime(2026, 9, 22, 10, 0)),
        # a choice, a deadline, an hour that could be either, the mail's own weekday: no time
        ("monday at 10 or tuesday at 2?", None),
        ("monday at 10 or 11?", None),
        ("please reply by friday at 5pm.", None),
        ("can you do tuesday at 7?", None),
        ("would thursday at 3 work?", None),
        ("can we do next tuesday at 3?", None),  # this coming one or the week after
        # the day of the month says which Tuesday; a bare hour after a dated weekday
        ("can you do next tuesday (the 22nd) at 3?", datetime(2026, 9, 22, 15, 0)),
        ("can you do tuesday the 22nd at 3?", datetime(2026, 9, 22, 15, 0)),
        ("would tuesday, september 22 at 10 work?", datetime(2026, 9, 22, 10, 0)),
        ("can you do wednesday the 22nd at 3?", None),  # the 22nd is a Tuesday: the mail contradicts itself
    ],
)
def test_a_weekday_with_a_time_and_no_date(text: str, expected: datetime | None) -> None:
    zone = ZoneInfo("America/New_York")
    sent = datetime(2026, 9, 17, 9, 0, tzinfo=zone)  # a Thursday
    found = interview_time_in_text(text, sent, zone, True)
    assert (found.start.replace(tzinfo=None) if found else None) == expected


def test_french_writes_the_first_of_the_month_as_1er() -> None:
    first = datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert format_when(first, "fr").startswith("lundi 1er mars 2027")
    assert format_when(first + timedelta(days=1), "fr").startswith("mardi 2 mars 2027")
