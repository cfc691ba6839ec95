"""Extraction for templates and reminders: interview time (calendar or text, with zones),
links, the human to address. Pure, fast."""

from __future__ import annotations

import re
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from zoneinfo import ZoneInfo

import pytest
from followup import applications
from followup import extract as extract_module
from followup.extract import extract
from followup.message import parse_mail
from hypothesis import given, settings
from hypothesis import strategies as st

BERLIN = ZoneInfo("Europe/Berlin")


def mail(body: str, sender: str = "Elena Petrova <elena@fabrikam.example>", html: bool = False, ics: str = "") -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = "sam@example.org"
    msg["Subject"] = "Interview"
    msg["Date"] = "Mon, 02 Mar 2026 09:00:00 +0100"
    msg["Message-ID"] = "<x@fabrikam.example>"
    msg.set_content(body, subtype="html" if html else "plain")
    if ics:
        msg.add_attachment(ics.encode(), maintype="text", subtype="calendar", filename="invite.ics")
    return msg.as_bytes()


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        ("The interview will take place on Thursday, 12 March 2026 at 10:00 CET via Teams.",
         datetime(2026, 3, 12, 10, 0, tzinfo=BERLIN), "text"),
        ("See you on March 12 at 2:30pm EST!", datetime(2026, 3, 12, 14, 30, tzinfo=ZoneInfo("America/New_York")), "text"),
        # Daylight saving: 30 March is summer time in Berlin, whatever "CET" says.
        ("Let's meet on 30 March at 10:00 CET.", datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN), "text"),
        ("Als Termin schlagen wir Dienstag, den 17. März 2026, um 14:00 Uhr vor.",
         datetime(2026, 3, 17, 14, 0, tzinfo=BERLIN), "text (time zone assumed)"),
        ("Hätten Sie am Montag, 16.03., um 11 Uhr Zeit?", datetime(2026, 3, 16, 11, 0, tzinfo=BERLIN),
         "text (time zone assumed)"),
        ("Celui-ci aura lieu le mercredi 18 mars 2026 à 9h30 dans nos locaux.",
         datetime(2026, 3, 18, 9, 30, tzinfo=BERLIN), "text (time zone assumed)"),
        ("Le convocamos a una entrevista el próximo lunes 16 de marzo a las 10:00 h.",
         datetime(2026, 3, 16, 10, 0, tzinfo=BERLIN), "text (time zone assumed)"),
    ],
)  # fmt: skip
def test_interview_time_from_text(text: str, expected: datetime, source: str) -> None:
    facts = extract(parse_mail(mail(text)), BERLIN)
    assert facts.interview_at == expected
    assert facts.interview_at is not None and facts.interview_at.utcoffset() == expected.utcoffset()
    assert facts.interview_source == source


def test_an_offset_written_as_utc_plus_is_kept() -> None:
    facts = extract(parse_mail(mail("Call on 12 March 2026 at 15:00 UTC+5:30, on Zoom.")), BERLIN)
    assert facts.interview_at is not None and facts.interview_at.isoformat() == "2026-03-12T15:00:00+05:30"


def test_a_choice_of_slots_is_no_interview_time() -> None:
    facts = extract(parse_mail(mail("Does Thursday at 3pm or Friday at 10am (Eastern) work for you?")), BERLIN)
    assert facts.interview_at is None


def test_a_calendar_attachment_wins_and_keeps_its_zone() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
        "DTSTART;TZID=America/New_York:20260311T140000\r\nDTEND;TZID=America/New_York:20260311T150000\r\n"
        "SUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    facts = extract(parse_mail(mail("Invitation: Interview on 20 March at 09:00", ics=ics)), BERLIN)
    new_york = ZoneInfo("America/New_York")
    assert facts.interview_at == datetime(2026, 3, 11, 14, 0, tzinfo=new_york)
    assert facts.interview_end == datetime(2026, 3, 11, 15, 0, tzinfo=new_york)
    assert facts.interview_source == "calendar"


def test_a_broken_calendar_is_ignored() -> None:
    facts = extract(parse_mail(mail("Hello", ics="BEGIN:VCALENDAR\r\nthis is not ical\r\n")), BERLIN)
    assert facts.interview_at is None


def test_links_from_html_and_the_person_behind_a_no_reply_sender() -> None:
    html = (
        "<p>Hi Sam, please pick a time: <a href='https://calendly.com/priya/30min'>book</a>.</p>"
        "<p>Questions? Write to priya@lumenlabs.example.</p><p>Best,<br>Priya Natarajan</p>"
        "<p><a href='https://lumenlabs.example/careers'>Careers</a> | "
        "<a href='https://lumenlabs.example/talent-community'>Join our talent community</a></p>"
    )
    facts = extract(parse_mail(mail(html, sender="Lumen Labs <no-reply@us.greenhouse-mail.io>", html=True)), BERLIN)
    assert facts.scheduling_links == ("https://calendly.com/priya/30min",)
    assert facts.careers_links[0] == "https://lumenlabs.example/talent-community"  # talent networks first
    assert facts.ats == "Greenhouse"
    assert facts.contact is not None and (facts.contact.name, facts.contact.addr) == (
        "Priya Natarajan",
        "priya@lumenlabs.example",
    )
    assert facts.company == "Lumen Labs"


def test_no_human_at_all_gives_no_contact() -> None:
    facts = extract(parse_mail(mail("Your application was received.", sender="Careers <no-reply@myworkday.com>")))
    assert facts.contact is None


def _name_for_domain_by_every_prefix(label: str, text: str) -> str:
    """The plain statement of extract._name_for_domain: every prefix of every capitalised run tried."""
    for match in re.finditer(r"\b[A-Z][\w&'-]*(?: [A-Z&][\w&'-]*){0,3}", text):
        words = match.group().split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[:size])
            if re.sub(r"[^a-z0-9]", "", candidate.lower()) == re.sub(r"[^a-z0-9]", "", label.lower()):
                return candidate
    return label.replace("-", " ").title()


_WORDS = st.sampled_from(["Lumen", "Labs", "lumen", "LumenLabs", "&", "Team", "Co", "-", "Lu", "men", "İ", "and"])


@settings(max_examples=500, deadline=None)
@given(
    label=st.sampled_from(["lumenlabs", "lumen-labs", "lumen", "labs", "co", "", "-", "i"]),
    text=st.lists(st.lists(_WORDS, min_size=1, max_size=5).map(" ".join), max_size=4).map(". ".join),
)
def test_a_company_is_named_as_the_mail_writes_its_domain(label: str, text: str) -> None:
    assert extract_module._name_for_domain(label, text) == _name_for_domain_by_every_prefix(label, text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["greenhouse", "io", "lever", "co", "x", "", "mail", "Greenhouse"]), max_size=4).map(
        ".".join
    )
)
def test_an_ats_is_known_by_its_domain_and_subdomains(domain: str) -> None:
    address = f"jobs@{domain}"
    by_every_domain = next(
        (n for k, n in extract_module.ATS_DOMAINS.items() if domain.lower() == k or domain.lower().endswith("." + k)),
        "",
    )
    assert extract_module.ats_of(address) == by_every_domain


@given(st.text())
def test_an_application_is_keyed_by_the_letters_and_digits_of_its_names(text: str) -> None:
    assert applications._key(text) == "".join(c for c in text.casefold() if c.isalnum())
