"""Extraction for templates and reminders: interview time (calendar or text, with zones),
links, the human to address. Pure, fast."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from followup.act import extract as extract_module
from followup.act.extract import extract as extract_with
from followup.mail.parse import parse_mail
from followup.model import application_key
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SHIPPED_PLATFORMS

BERLIN = ZoneInfo("Europe/Berlin")
extract = partial(extract_with, platforms=SHIPPED_PLATFORMS)


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
        (n for k, n in SHIPPED_PLATFORMS.domains.items() if domain.lower() == k or domain.lower().endswith("." + k)),
        "",
    )
    assert SHIPPED_PLATFORMS.platform_of(address) == by_every_domain


@given(st.text())
def test_an_application_is_keyed_by_the_letters_and_digits_of_its_names(text: str) -> None:
    assert application_key(text) == "".join(c for c in text.casefold() if c.isalnum())


# ---------------------------------------------------------------------------- issue 20: facts a draft can use


def _raw(body: str, sender: str, subject: str = "Your application", date: str = "Mon, 02 Mar 2026 09:00:00 +0100",
         reply_to: str = "", to: str = "Sam Taylor <sam@example.org>") -> bytes:  # fmt: skip
    extra = f"Reply-To: {reply_to}\r\n" if reply_to else ""
    return (
        f"From: {sender}\r\nTo: {to}\r\n{extra}Subject: {subject}\r\nDate: {date}\r\nMessage-ID: <f@x.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("sender", "body", "greeted"),
    [
        ("Northwind Dental Partners <jobs@northwind-dental.example>", "We are not moving forward.\n\nNorthwind Dental Partners", ""),
        ("Talent Acquisition <ta@contoso.example>", "Thanks.\n\nBest regards,\nTalent Acquisition\nContoso", ""),
        ("Indeed <reply-1a2b@indeedemail.com>", "Thanks.\n\nBest,\nIndeed", ""),
        ("Equipo de Selección <rrhh@solmar.example>", "Gracias.\n\nUn saludo,\nEquipo de Selección", ""),
        ("Brisa Viajes <no-reply@teamtailor-mail.com>", "Gracias.\n\n¡Hasta pronto!\nEquipo Brisa Viajes", ""),
        ("Sam Taylor <sam@example.org>", "Hi Sam,\n\nThanks.\n\nBest,\nSam Taylor", ""),
        ("Sunny Side Daycare <hello@sunnysidedaycare.example>", "Hello,\n\nThanks.\n\nSunny Side Daycare", ""),
        ("Acme <no-reply@myworkday.com>", "Hi Sam,\n\nThanks.\n\nKind regards,\nPriya Natarajan\nTalent Partner", "Priya Natarajan"),
        ("Mark O'Donnell <mark@tinyfox.example>", "Hey Sam,\n\nCheers,\nMark\nCTO, TinyFox", "Mark O'Donnell"),
        # A signature block: the name line under a sign-off and over a title, surer where the address spells it.
        ("Joaquin Estrada <joaquin.estrada@tidewell.example>", "Hi Sam,\n\nLooking forward to it,\nJoaquin Estrada\n"
         "Recruiter, Tidewell Energy", "Joaquin Estrada"),
        ("Lamar County HR <noreply@governmentjobs.com>", "Please confirm with dwhitlock@lamar.example.\n\n"
         "Denise Whitlock\nHR Generalist\nLamar County Human Resources", "Denise Whitlock"),
        ("Priyanka Das <priyanka.das@solvane.example>", "Hi Sam,\n\nSee you then.\n\nBest,\nPriyanka Das", "Priyanka Das"),
        ("Whitlow, Karen <kwhitlow@millcreek.example>", "You are scheduled for Monday.\n\nDr. Karen Whitlow\n"
         "Director of Human Resources\nMill Creek Local Schools", "Karen Whitlow"),
        ("Ebro <noreply@candidates.workablemail.com>", "Hola Sam:\n\nSaludos,\nKai-Uwe Petersen\nHR Business Partner", "Kai-Uwe Petersen"),
        # A line under a team's line signs nothing ('One' is a given name in the lexicon).
        ("Spencer Hale <careers@spencerhale.example>", "We wish you well.\n\nKind regards,\n\nSpencer Hale Early Talent Team\n"
         "Spencer Hale LLP\nOne Canal Square, Manchester M1", ""),
        # A name the mail writes as its team's, a family name alone, a first name nothing else confirms.
        ("Andina Retail <andinaretail@myworkday.com>", "Gracias.\n\nAtentamente,\nEquipo de Talento - Andina Retail", ""),
        ("Landratsamt <personalamt@lra.example>", "Leider nicht.\n\nMit freundlichen Grüßen\ni. A. Wagner\nSachgebiet Personal", ""),
        ("Fjord Digital <no-reply@teamtailor-mail.com>", "Hallo Sam,\n\nbuche dir einen Termin.\n\nViele Grüße\nJonas", ""),
        # A sign-off with a wish before it, or a wish alone, still heads the signer's block.
        ("Mosterei Lindner <noreply@softgarden.io>", "Hallo Herr Roth,\n\nleider nicht.\n\nProst und viele Grüße\n"
         "Resi Lindner\nPersonal & Verwaltung\nMosterei Lindner GmbH", "Resi Lindner"),
        ("Team Recruiting | Wolkenlos <recruiting@wolkenlos.example>", "Hi Sam,\n\nleider nicht.\n\nAlles Gute\n"
         "Lena Schuster\nWolkenlos Recruiting", "Lena Schuster"),
        # A short domain label ('ac' of an academic domain) inside a family name does not hide it.
        ("Prof. Helen Achterpool <h.achterpool@bio.northmoor.ac.example>", "Dear Sam,\n\nCould you come in?\n\n"
         "Best wishes,\nHelen\n\nProf. Helen Achterpool\nSchool of Biology\nNorthmoor University", "Helen Achterpool"),
        # 'El' inside a name is a family name's article ('Fatima El Idrissi'), not a business's.
        ("Nadia El Amrani <nadia.elamrani@brookfield.example>", "Hi Sam,\n\nKind regards,\nNadia El Amrani\n"
         "Senior Consultant\nBrookfield Ltd", "Nadia El Amrani"),
        # A given name that signs for a team is a scheduling tool's persona: nobody to greet.
        ("Kai from the Talent Team <scheduling@goodtime.io>", "Hi Sam,\n\nPick a time here.\n\nThanks!\n"
         "Kai from the Talent Team\nBirchwood Bank", ""),
        ("Birchwood Bank <no-reply@us.greenhouse-mail.io>", "Hi Sam,\n\nI'm Kai, your scheduler.\n\nThanks,\n"
         "Kai from the Recruiting Team\nBirchwood Bank", ""),
        # A given name abbreviated the Spanish way ('Mª' for María) is still a person's name.
        ("Aceites Olmedo <personal@aceitesolmedo.example>", "Hola Sam:\n\nNo podemos avanzar.\n\nUn cordial saludo,\n\n"
         "Carmen Mª Robles\nAdministración y Personal\nAceites Olmedo, S.L.", "Carmen Mª Robles"),
        # A job board relays the employer's note, signed after a dash with a job title; a quote's
        # author without one, or a team, signs nothing.
        ("Indeed <donotreply@indeed.com>", 'You have an upcoming interview\n\nMessage from the employer:\n"Hi Sam, '
         'looking forward to it. - Gloria Weston, Plant Manager"\n\nIndeed, Austin, TX', "Gloria Weston"),
        ("Indeed <donotreply@indeed.com>", 'You have an upcoming interview\n\nMessage from the employer:\n"Hi Sam, '
         'see you then. - The Hiring Team"\n\nIndeed, Austin, TX', ""),
        # a trade and a family business ('Bros', 'Construction'), an office signing as 'your' office: no person
        ("Fenwick Bros Construction via Pinpoint <no-reply@pinpointhq.com>", "Hi Sam,\n\nThanks.\n\n"
         "The Fenwick Bros Recruitment Team", ""),
        ("Gemeinde Weilheim – Personalamt <personalamt@weilheim.example>", "Sehr geehrte Frau Roth,\n\nleider nicht."
         "\n\nMit freundlichen Grüßen\nIhr Personalamt\nGemeinde Weilheim", ""),
        # "Vos", "Su": family names, whatever the same word means in French or Spanish
        ("Petra Vos <petra.vos@nordkap.example>", "Hallo Sam,\n\nViele Grüße\nPetra Vos\nRecruiting", "Petra Vos"),
    ],
)  # fmt: skip
def test_only_a_person_is_greeted(sender: str, body: str, greeted: str) -> None:
    facts = extract(parse_mail(_raw(body, sender)))
    assert (facts.contact.name if facts.contact else "") == greeted


@pytest.mark.parametrize(
    ("sender", "body", "subject", "company"),
    [
        # The text spells the domain with accents and an ampersand: mueller-soehne is Müller & Söhne.
        ("Personal <jobs@mueller-soehne.example>", "Vielen Dank für Ihre Bewerbung bei der Müller & Söhne GmbH.", "Ihre Bewerbung", "Müller & Söhne"),
        ("Salt & Ember <no-reply@greenhouse-mail.io>", "Thanks for applying to Salt & Ember.", "Update", "Salt & Ember"),
        # The relaying platform is never the company.
        ("County of Alder Bay <noreply@governmentjobs.com>", "Dear Sam,\nThank you for applying.\n\nDenise Farrow\nHR Analyst\nCounty of Alder Bay",
         "Interview Notice", "County of Alder Bay"),
        ("NHS Jobs <no-reply@jobs.nhs.uk>", "Your application to Kingsmere NHS Trust was not shortlisted.", "Update", ""),
        # An agency writing for a client names the client, or nobody.
        ("Ana Ruiz <ana@talentonorte.example>", "Nuestro cliente, Financiera Sierra Madre, busca un analista.", "Proceso", "Financiera Sierra Madre"),
    ],
)  # fmt: skip
def test_the_company_is_the_employer_as_the_mail_writes_it(sender: str, body: str, subject: str, company: str) -> None:
    assert extract(parse_mail(_raw(body, sender, subject))).company == company


@pytest.mark.parametrize(
    ("body", "role"),
    [
        ("Thank you for interviewing for the Senior Site Reliability Engineer - Edge Networking\nPlatform role. Sadly not.",
         "Senior Site Reliability Engineer - Edge Networking Platform"),
        ("Thank you for your application for the Guest Services\nManager position at our hotel.", "Guest Services Manager"),
        ("vielen Dank für Ihre Bewerbung als Disponent Nahverkehr (m/w/d) und das Vertrauen.", "Disponent Nahverkehr"),
        ("Merci pour votre candidature au poste de Chef de produit lors d'un entretien.", "Chef de produit"),
        # The candidate's own name is never a role.
        ("Dear Sam Taylor,\nthank you for your application, Sam Taylor.", ""),
    ],
)  # fmt: skip
def test_a_role_is_read_whole_or_not_at_all(body: str, role: str) -> None:
    facts = extract(parse_mail(_raw(body, "Kim Park <kim@corp.example>", "Update", to="Sam Taylor <sam@example.org>")))
    assert facts.role == role


NEW_YORK, PARIS = ZoneInfo("America/New_York"), ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("body", "date", "expected"),
    [
        # A zone after a range; a meridiem written once, after the range's end.
        ("Date: Thursday, April 16, 2026\nTime: 2:30 - 3:15 PM Central Time", "Thu, 09 Apr 2026 16:25:07 -0500",
         datetime(2026, 4, 16, 14, 30, tzinfo=ZoneInfo("America/Chicago"))),
        ("We'll talk on 3 March 2026, 11:00-11:45 (BST)?", "Mon, 02 Mar 2026 09:00:00 +0000",
         datetime(2026, 3, 3, 11, 0, tzinfo=ZoneInfo("Europe/London"))),
        # The time before the date.
        ("Can you come in at 10am on Saturday, March 14?", "Tue, 10 Mar 2026 17:44:02 -0400",
         datetime(2026, 3, 14, 10, 0, tzinfo=NEW_YORK)),
        # No year: the one whose weekday agrees ("Monday, June 8" is 2026 for a mail of December 2025).
        ("Your interview is on Monday, June 8 at 9:00 AM.", "Mon, 01 Dec 2025 10:00:00 -0500",
         datetime(2026, 6, 8, 9, 0, tzinfo=NEW_YORK)),
        # The sender's offset and language give the zone; a date after the change to summer time keeps it right.
        ("L'entretien aura lieu le vendredi 3 avril à 15h.", "Fri, 27 Mar 2026 17:05:30 +0100",
         datetime(2026, 4, 3, 15, 0, tzinfo=PARIS)),
        # A day named relative to the mail, with its weekday as a check.
        ("Would you be available for a phone interview tomorrow (Thursday) at 2:30 pm?", "Wed, 17 Jun 2026 15:22:18 -0500",
         datetime(2026, 6, 18, 14, 30, tzinfo=ZoneInfo("America/Chicago"))),
        ("Komm doch am Mittwoch um 7 Uhr bei uns auf den Hof.", "Fri, 06 Mar 2026 18:10:07 +0100",
         datetime(2026, 3, 11, 7, 0, tzinfo=BERLIN)),
        # A US date after an abbreviated weekday; a separator between the date and the time.
        ("When: Sat 5/9 at 11:00 AM", "Tue, 05 May 2026 18:40:00 -0700", datetime(2026, 5, 9, 11, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("Tuesday, June 16 | 1:00 PM - 2:30 PM EDT", "Tue, 09 Jun 2026 16:12:44 -0600", datetime(2026, 6, 16, 13, 0, tzinfo=NEW_YORK)),
    ],
)  # fmt: skip
def test_interview_times_as_people_write_them(body: str, date: str, expected: datetime) -> None:
    facts = extract(parse_mail(_raw(body, "Kim Park <kim@corp.example>", date=date)))
    assert facts.interview_at == expected and facts.interview_at.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "body",
    [
        "Your interview is on Sunday, June 9 at 9:00 AM.",  # 9 June 2026 is a Tuesday: no time confirmed
        "Please complete the form by 11:59 PM on March 20.",  # a deadline
        "Does Thursday, 5 March at 10:00 or Friday, 6 March at 14:00 suit you?",  # a choice of slots
        "Your interview is on 12 March 2029 at 10:00.",  # years away: no interview time at all
    ],
)
def test_no_time_is_better_than_a_wrong_one(body: str) -> None:
    facts = extract(parse_mail(_raw(body, "Kim Park <kim@corp.example>")))
    assert facts.interview_at is None


@pytest.mark.parametrize(
    ("sender", "reply_to", "body", "to"),
    [
        # A recruiter's personal relay at Lever is a person's address.
        ("Tobias at Quillfeather <no-reply@hire.lever.co>", "Tobias Lindqvist <tobias.lindqvist+7f3a2c91@hire.lever.co>",
         "Thanks,\nTobias Lindqvist", "tobias.lindqvist+7f3a2c91@hire.lever.co"),
        # A notification address that says to reply to it.
        ("Bramble & Oak Kitchen via Indeed <reply-4f82c1d09a@indeedemail.com>", "",
         "Come in Saturday.\n\nReply to this message directly from your email.", "reply-4f82c1d09a@indeedemail.com"),
        # A platform address in a mail that says not to reply.
        ("St. Brigid <stbrigid@myworkday.com>", "", "This email was sent from an unmonitored mailbox.", ""),
        ("Computrabajo <notificaciones@computrabajo.com>", "", "Tu postulación fue descartada.", ""),
        # A platform's own mail domain (its name and 'mail') is the platform's: not a recipient.
        ("Acme Careers <careers@smartrecruiters-mail.example>", "", "We will not proceed.\n\nAcme Talent Team", ""),
        ("Acme <acme@mail-workday.example>", "", "We will not proceed.", ""),
        # A mailbox at a relay's host that the mail ties to no company: a robot's.
        ("Jobs <jobs@outbound-mail.example>", "", "Thank you for applying to Quillfeather Books.", ""),
        # ... but at the employer's own relay host, or when the mail asks for replies there, it takes them.
        ("Quillfeather Books <jobs@quillfeather-mail.example>", "", "Thanks.\n\nQuillfeather Books", "jobs@quillfeather-mail.example"),
        ("Jobs <jobs@outbound-mail.example>", "", "Please confirm by writing to jobs@outbound-mail.example.", "jobs@outbound-mail.example"),
        # A mailbox at the employer's domain takes replies, unless the mail says not to reply.
        ("Recruitment <recruitment@kanara-univ.example>", "", "We regret to inform you.\n\nRegistrar", "recruitment@kanara-univ.example"),
        ("Recruitment <recruitment@kanara-univ.example>", "", "We regret.\n(System generated mail. Please do not reply.)", ""),
        # A person's address takes replies wherever it is.
        ("Kim Park <kim.park@outbound-mail.example>", "", "Please do not reply to the portal.", "kim.park@outbound-mail.example"),
        # A board's relays to the employer: by a reply token, or by the sender's name.
        ("Indeed <no-reply@indeed-mail.example>", "Brookside Dental <reply-8c1a77@employer.indeed-mail.example>",
         "Brookside Dental sent you a message.", "reply-8c1a77@employer.indeed-mail.example"),
        ("Jorge Cárdenas via Indeed <jorge-cardenas-x7q2@indeedemail.com>", "", "Hola, ¿puede venir el lunes?",
         "jorge-cardenas-x7q2@indeedemail.com"),
        # A Reply-To the platform set apart from its From routes replies, unless the mail forbids them.
        ("Orbis Mobility <orbismobility@smartrecruiters.com>", "orbismobility.7731@email.smartrecruiters.com",
         "We will not proceed.\n\nOrbis Mobility Talent Team", "orbismobility.7731@email.smartrecruiters.com"),
        ("Orbis Mobility <orbismobility@smartrecruiters.com>", "orbismobility.7731@email.smartrecruiters.com",
         "We will not proceed.\n\nPlease do not reply to this email.", ""),
        # A mailbox the mail says no one reads; a platform's name under another suffix.
        ("Andina Retail <andinaretail@myworkday.com>", "", "No seguiremos.\n\nEste correo se envió desde una casilla no monitoreada.", ""),
        ("Marquee Retail <talent@marqueeretail.phenompeople.example>", "", "The position has been filled.", ""),
        # A platform's reply relay ([lists.reply_relays]) reaches the recruiter who signs, or its inbox;
        # a team's mail from it, or one that says not to reply, reaches no one.
        ("Kieselgrün Software <kieselgruen@teamtailor-mail.com>", "", "Hallo Franziska,\n\nbuch dir einen Termin.\n\nBis bald!\nKai-Uwe Brandt\nHead of Engineering",
         "kieselgruen@teamtailor-mail.com"),
        ("Lindgren Woodworks <jobs@lindgrenwoodworks.bamboohr.com>", "", "We will not proceed.\n\nBest,\nGus Lindgren\nOwner",
         "jobs@lindgrenwoodworks.bamboohr.com"),
        ("Tallowmere Foods <job.k2p9x4@inbound.recruitee.com>", "", "We will not proceed.\n\nTallowmere Foods", "job.k2p9x4@inbound.recruitee.com"),
        ("Parcela Foods <parcelafoods@teamtailor-mail.com>", "", "No seguiremos.\n\nEl equipo de Talento de Parcela Foods", ""),
        ("Lindgren Woodworks <jobs@lindgrenwoodworks.bamboohr.com>", "", "We will not proceed.\nPlease do not reply to this email.\n\nBest,\nGus Lindgren\nOwner", ""),
        ("Acme <notifications@app.bamboohr.com>", "", "We will not proceed.\n\nBest,\nGus Lindgren\nOwner", ""),
    ],
)  # fmt: skip
def test_the_recipient_is_an_address_that_takes_replies(sender: str, reply_to: str, body: str, to: str) -> None:
    assert extract(parse_mail(_raw(body, sender, reply_to=reply_to))).to == to


@pytest.mark.parametrize(
    ("body", "reply_to", "greeted"),
    [
        ("Hello Sam,\n\nInterviewers: Maren Holmqvist (Clinic Manager), Tobias Reed\n\nThank you,\nAcme Talent Acquisition",
         "maren.holmqvist@acme.example", "Maren Holmqvist"),
        ("Hola Sam:\n\nCon: Inés Márquez, Responsable de Talento\n\nAcme S.L.", "ines.marquez@acme.example", "Inés Márquez"),
        # A shared mailbox, or a name the mailbox does not spell: nobody is greeted.
        ("Hello Sam,\n\nInterviewers: Maren Holmqvist (Clinic Manager)\n\nAcme Talent Acquisition", "talent@acme.example", ""),
        ("Hello Sam,\n\nInterviewers: Tobias Reed (Lead)\n\nAcme Talent Acquisition", "maren.holmqvist@acme.example", ""),
    ],
)  # fmt: skip
def test_the_reply_mailbox_owner_the_text_names_is_greeted(body: str, reply_to: str, greeted: str) -> None:
    facts = extract(parse_mail(_raw(body, "Acme <acme@myworkday.com>", reply_to=reply_to)))
    assert (facts.contact.name if facts.contact else "") == greeted


@pytest.mark.parametrize(
    ("signature", "language", "greeting"),
    [
        ("Dr. Karen Whitlow\nDirector of Human Resources", "en", "Dr. Whitlow"),
        ("Prof. Dr. Sabine Hartlieb\nLehrstuhl für Chemie", "de", "Frau Prof. Dr. Hartlieb"),
        ("Prof. Dr. Sabine Hartlieb\nLehrstuhl für Chemie", "en", "Prof. Hartlieb"),
        ("Dra. Beatriz Collado\nClínica Dental Sonríe", "es", "Dra. Collado"),
        ("Francisco Javier Moreno\nJefe de Personal", "es", "Francisco Javier"),
        ("Claudia Weiß\nLeiterin Qualität", "de", "Claudia Weiß"),
        ("Dr. Claudia Weiß\nLeiterin Qualität", "fr", "Claudia Weiß"),
        # A courtesy title the signer writes is kept in English, left out elsewhere.
        ("Mrs. Harriet Pemberton\nHeadteacher", "en", "Mrs. Pemberton"),
        ("Ms Aoife Brennan\nPractice Manager", "en", "Ms. Brennan"),
        ("Mrs. Harriet Pemberton\nHeadteacher", "de", "Harriet Pemberton"),
        ("Harriet Pemberton\nHeadteacher", "en", "Harriet"),
    ],
)  # fmt: skip
def test_a_greeting_names_the_signer_as_each_language_does(signature: str, language: str, greeting: str) -> None:
    from followup.act.people import salutation

    facts = extract(parse_mail(_raw(f"Thanks.\n\nBest regards,\n{signature}", "Acme <no-reply@myworkday.com>")))
    assert facts.contact is not None
    assert salutation(facts.contact.name, facts.contact_title, language) == greeting


def test_a_first_name_at_a_platform_is_the_sender_not_the_employer() -> None:
    body = "Bonjour Kevin,\n\nMerci pour votre candidature chez Sylvestre Bio.\n\nÉlodie Petit\nSylvestre Bio"
    facts = extract(parse_mail(_raw(body, "Élodie Petit <elodie@recruitee-mail.example>",
                                    reply_to="Élodie Petit <elodie.petit@sylvestre-bio.example>")))  # fmt: skip
    assert (facts.company, facts.contact.name if facts.contact else "") == ("Sylvestre Bio", "Élodie Petit")


def test_the_platform_lists_come_from_the_rule_files() -> None:
    from followup.act.platforms import platforms

    mine = platforms(
        {"ats": {"hire.example": "HireCo"}, "no_reply": {"robot-bot": ""}, "mail_providers": {"pm.example": ""}}
    )
    assert mine.platform_of("x@eu.hire.example") == "HireCo"
    assert mine.platform_of("x@hireco-mail.example") == ""  # the label is 'hire': too short to be told apart
    assert mine.is_no_reply("robot.bot@x.example") and mine.is_no_reply("a+robotbot@x.example")
    assert not mine.is_no_reply("robotbotics@x.example") and not SHIPPED_PLATFORMS.is_no_reply("jane@system.example")
    assert SHIPPED_PLATFORMS.platform_of("x@greenhouse-mail.example") == "Greenhouse"
    assert SHIPPED_PLATFORMS.platform_of("x@karriere-mail.example") == ""  # a word an employer's domain holds too
    assert SHIPPED_PLATFORMS.job_boards >= {"Indeed", "LinkedIn"} and "gmail.com" in SHIPPED_PLATFORMS.mail_providers
    relays = platforms({"ats": {"hire.example": "HireCo"}, "reply_relays": {"inbox.hire.example": ""}})
    assert relays.relays_replies("a@inbox.hire.example") and relays.relays_replies("a@acme.inbox.hire.example")
    assert not relays.relays_replies("a@hire.example") and not mine.relays_replies("a@inbox.hire.example")
    assert SHIPPED_PLATFORMS.relays_replies("acme@teamtailor-mail.com")


def test_every_fact_has_a_source_and_a_confidence() -> None:
    facts = extract(parse_mail(_raw("Thank you for applying for the Data Analyst role.\n\nBest,\nElena Petrova",
                                    "Elena Petrova <elena.petrova@fabrikam.example>")))  # fmt: skip
    fields = {fact.field for fact in facts.evidence}
    assert {"role", "contact_name", "to"} <= fields
    assert all(fact.source and 0 < fact.confidence <= 1 for fact in facts.evidence)


def test_facts_prints_the_stable_keys_and_facts_test_scores_them(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from followup.cli.main import main

    (tmp_path / "a.eml").write_bytes(_raw("Thank you for applying for the Data Analyst role.\n\nBest,\nElena Petrova",
                                          "Elena Petrova <elena.petrova@fabrikam.example>"))  # fmt: skip
    assert main(["facts", str(tmp_path / "a.eml")]) == 0
    row = json.loads(capsys.readouterr().out)
    assert list(row) == ["file", "category", "language", "company", "role", "contact_name", "contact_address", "to",
                         "interview_start", "scheduling_link", "careers_link"]  # fmt: skip
    assert row["role"] == "Data Analyst" and row["contact_name"] == "Elena Petrova" and row["interview_start"] is None
    (tmp_path / "truth.csv").write_text(
        "file,category,language,company,role,contact_name,contact_address,to,interview_start,scheduling_link,careers_link\n"
        "a.eml,rejection,en,Fabrikam,Data Analyst,Elena Petrova,elena.petrova@fabrikam.example,"
        "elena.petrova@fabrikam.example,2026-03-12T10:00:00+01:00,,\n"
    )
    assert main(["facts", "test", str(tmp_path)]) == 0
    report = capsys.readouterr().out
    assert re.search(r"^role\s+1\s+0\s+0\s+0\s+1\s+100%", report, re.M)
    assert re.search(r"^interview_start\s+0\s+0\s+0\s+1\s+1\s+0%", report, re.M)


def test_a_meridiem_at_the_start_of_a_range_is_its_own() -> None:
    body = "Your interview is on Saturday, May 16 from 9 AM to 1 PM."
    facts = extract(parse_mail(_raw(body, "Kim Park <kim@corp.example>", date="Mon, 11 May 2026 10:00:00 -0500")))
    assert facts.interview_at is not None and facts.interview_at.hour == 9


def test_a_person_an_address_written_in_the_mail_reaches() -> None:
    body = (
        "Sehr geehrte Frau Kaya,\n\nSollte der Termin nicht passen, wenden Sie sich bitte an Herrn Lars Petersen "
        "(lars.petersen@bergmann-medtech.example).\n\nIhr Recruiting-Team"
    )
    facts = extract(parse_mail(_raw(body, "Bergmann Medizintechnik <noreply@successfactors.eu>",
                                    to="Deniz Kaya <deniz.kaya@mail.example>")))  # fmt: skip
    assert facts.to == "lars.petersen@bergmann-medtech.example"


def test_a_signer_without_a_closing_line_is_found_above_their_title() -> None:
    body = "Hi Jordan,\n\nCan you come in Saturday?\n\nDanny Whitlock\nKitchen Manager, Bramble & Oak Kitchen\n----\nReply here."
    facts = extract(parse_mail(_raw(body, "Bramble & Oak Kitchen via Indeed <reply-4f82c1d09a@indeedemail.com>",
                                    to="Jordan Pike <jordan@mail.example>")))  # fmt: skip
    assert facts.contact is not None and facts.contact.name == "Danny Whitlock"


CORPUS = Path(__file__).resolve().parent / "corpus"
# Per batch: the wrong facts allowed per hundred mails in each field, and coverage floors where the
# truth states the fact. Issue 20's targets are the aim (at most 1 wrong; company 90%, role 75%,
# contact 80%, time 80%, recipient 95%); these hold what is reached. C and D were blind batches,
# written by other hands and scored before anything was learnt from them; so were E, F and G.
LIMITS = {
    "": (1, {"company": 0.88, "role": 0.85, "contact_name": 0.92, "to": 0.97, "interview_start": 0.95}),
    "wild/A": (3, {"company": 0.87, "role": 0.77, "contact_name": 0.96, "to": 0.97, "interview_start": 0.94}),
    "wild/B": (1, {"company": 0.86, "role": 0.83, "contact_name": 0.97, "to": 0.96, "interview_start": 0.85}),
    "wild/C": (4, {"company": 0.77, "role": 0.73, "contact_name": 0.93, "to": 0.95, "interview_start": 0.84}),
    "wild/D": (4, {"company": 0.79, "role": 0.81, "contact_name": 0.95, "to": 0.97, "interview_start": 0.82}),
    "wild/E": (1, {"company": 0.90, "role": 0.86, "contact_name": 0.96, "to": 0.98, "interview_start": 0.96}),
    "wild/F": (1, {"company": 0.86, "role": 0.81, "contact_name": 0.98, "to": 0.98, "interview_start": 0.96}),
    "wild/G": (1, {"company": 0.93, "role": 0.79, "contact_name": 0.95, "to": 0.98, "interview_start": 0.96}),
}


@pytest.mark.parametrize("corpus", list(LIMITS))
def test_facts_on_the_labelled_corpora_are_rarely_wrong(corpus: str) -> None:
    """followup facts test on the team corpus and the wild batches: few wrong facts per hundred
    mails per field, and coverage held (see LIMITS)."""
    from followup.act.facts_eval import facts_of_file, read_truth, score
    from followup.resources import load_rule_set

    directory = CORPUS / corpus
    if not (directory / "truth.csv").is_file():
        pytest.skip(f"no truth.csv in {directory}")
    truth = {
        n: t
        for n, t in read_truth(directory / "truth.csv").items()
        if t["category"] in ("interview_invitation", "rejection")
    }
    rules = load_rule_set(None)
    rows = [facts_of_file(directory / name, rules, frozenset(), None) for name in truth if (directory / name).is_file()]
    table = score(rows, truth)
    allowed, floors = LIMITS[corpus]
    for field in ("company", "role", "contact_name", "contact_address", "to", "interview_start"):
        assert table[field].wrong * 100 <= allowed * len(rows), (field, table[field].wrongs)
    for field, floor in floors.items():
        assert table[field].coverage >= floor, (field, table[field].coverage)


def test_a_calendar_and_a_text_that_disagree_confirm_no_time() -> None:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:2@t\r\n"
        "DTSTART;TZID=Europe/London:20260504T140000\r\nDTEND;TZID=Europe/London:20260504T150000\r\n"
        "SUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    facts = extract(parse_mail(mail("Monday 4 May 2026, 15:00 - 16:00 (UK time) on Zoom.", ics=ics)), BERLIN)
    assert facts.interview_at is None
    agreeing = extract(parse_mail(mail("Monday 4 May 2026, 14:00 - 15:00 (UK time) on Zoom.", ics=ics)), BERLIN)
    assert agreeing.interview_at == datetime(2026, 5, 4, 14, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    ("body", "subject", "role"),
    [
        ("danke für deine Bewerbung als Backend Developer (Kotlin)! Wir melden uns.", "Hallo", "Backend Developer (Kotlin)"),
        ("vielen Dank für Ihre Bewerbung als Tischlergeselle bei uns.", "Ihre Bewerbung", "Tischlergeselle"),
        ("we're pausing hiring for the Senior iOS Engineer role for now.", "Update", "Senior iOS Engineer"),
        ("We offered the Bike Mechanic spot to someone else.", "Update", "Bike Mechanic"),
        ("Thanks for applying to be a Deli Clerk at store 214.", "About your application", "Deli Clerk"),
        ("Merci d'avoir postulé chez Kiwi & Co pour le poste Office Manager.", "Mise à jour", "Office Manager"),
        ("revisó tu postulación al aviso Analista Contable Sr. y decidió no avanzar.", "Novedades", "Analista Contable Sr"),
        ("vi tu postulación para Auxiliar de Logística en Guadalajara.", "Nuevo mensaje", "Auxiliar de Logística"),
    ],
)  # fmt: skip
def test_a_role_is_read_where_mail_writes_it(body: str, subject: str, role: str) -> None:
    facts = extract(parse_mail(_raw(body + "\n\nBest regards,\nKim Park", "Kim Park <kim@corp.example>", subject)))
    assert facts.role == role


def test_a_sentence_with_a_job_title_is_not_a_signature() -> None:
    body = ("Dear Imogen,\n\nMany thanks for applying for the Bookkeeper (Part-Time, 3 days) position.\n\n"
            "We will not be progressing yours.\n\nWith best wishes,\nAnne Fenwick\nDirector\nFenwick & Daughters Ltd")  # fmt: skip
    facts = extract(parse_mail(_raw(body, "Fenwick & Daughters Ltd <noreply@workablemail.example>")))
    assert facts.contact is not None and facts.contact.name == "Anne Fenwick"


@pytest.mark.parametrize(
    ("sender", "body", "company"),
    [
        # A signature's company line that the sender's domain begins: the employer.
        ("Aldous Brightwater <aldous@brightwater-comms.example>", "Best,\nAldous Brightwater\nFounder, Brightwater Communications",
         "Brightwater Communications"),
        ("Isabelle Nguyen <isabelle@pharmacie-centrale-lille.example>",
         "Cordialement,\nIsabelle Nguyen\nPharmacienne titulaire\nPharmacie Centrale, Lille", "Pharmacie Centrale"),
        # ... but never an agency's, a team's or a person's.
        ("Jess Marlowe <jess@northlight-recruitment.example>", "Best,\nJess Marlowe | Principal Consultant | Northlight Recruitment", ""),
        ("Human Resources <hr@westbrook.example>", "Regards,\nHuman Resources", ""),
        ("Prof. Dr. Katrin Möller <k.moeller@saaleck.example>", "Mit freundlichen Grüßen\nProf. Dr. Katrin Möller", ""),
        # A team's words around the name are no part of it.
        ("Recruiting Team Vireo Software <jobs@vireo-software.example>", "Viele Grüße\nDein Recruiting Team von Vireo Software",
         "Vireo Software"),
    ],
)  # fmt: skip
def test_a_company_from_the_signature_only_where_the_domain_agrees(sender: str, body: str, company: str) -> None:
    assert extract(parse_mail(_raw("Thank you for your time.\n\n" + body, sender))).company == company


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        # an agency's recruiter: the client it names, or no company at all
        (
            "Dana Roe <dana@brightpath-staffing.example>",
            "Interview",
            "Our client, Harwick Foods, would like to meet you.\n\nDana Roe\nBrightpath Staffing",
            "Harwick Foods",
        ),
        (
            "Dana Roe <dana@summit-personal.example>",
            "Gespräch",
            "unser Kunde, die Ostwald & Kern GmbH in Ulm, lädt Sie ein.\n\nDana Roe\nPersonalberaterin\nSummit Personal GmbH",
            "Ostwald & Kern",
        ),
        (
            "Corey Ames <corey@northgatetalentgroup.example>",
            "Interview",
            "Harwick Foods wants to meet you. I'll confirm with the client.\n\nCorey Ames\nNorthgate Talent Group",
            "",
        ),
        (
            "Tom Reyes <tom@fennimorelane.example>",
            "Update",
            "Harwick Foods went with someone else.\n\nTom Reyes\nSenior Consultant\nFennimore Lane Recruitment Ltd",
            "",
        ),
        # a signature line after a title, named by the text too (a sentence ends at its full stop)
        (
            "Dana Okafor <no-reply@hire.lever.co>",
            "Next steps",
            "Thanks for applying to Brightmoor. I'd like to set up a call.\n\nBest,\nDana Okafor\nRecruiter, Brightmoor Analytics",
            "Brightmoor Analytics",
        ),
        # the client the agency's subject names as a piece of its own, in the form the text writes it
        (
            "Tom Reyes <tom@fennimorelane.example>",
            "Interview confirmed - Corbel Dental",
            "Great news - Corbel Dental Partners would like to meet you.\n\nThanks,\nTom Reyes\nFennimore Lane Staffing",
            "Corbel Dental Partners",
        ),
        # a person written surname first is no company; the institution in the signature is the employer
        (
            '"Marlow, Janet" <jmarlow@oakridgeschools.example>',
            "Interview",
            "You are invited to interview.\n\nDr. Janet Marlow\nDirector of Human Resources\nOakridge Public Schools",
            "Oakridge Public Schools",
        ),
        # a department in the display name is no employer; the institution the domain spells is
        (
            "Universidad de Torrelba - Servicio de Personal <pdi@utorrelba.example>",
            "Resolución",
            "Le comunicamos la resolución.\n\nServicio de Personal\nUniversidad de Torrelba",
            "Universidad de Torrelba",
        ),
        (
            "Personalamt Landratsamt Ebersfeld <personal@lra-ebersfeld.example>",
            "Einladung",
            "Wir laden Sie ein.\n\nPersonalamt\nLandratsamt Ebersfeld",
            "Landratsamt Ebersfeld",
        ),
        # a platform's legal name under a relayed message is not the employer; an early-careers team is a team
        (
            "Ana Diaz via LinkedIn <messages-noreply@linkedin.com>",
            "Ana sent you a message",
            "Thanks for applying to the Data Analyst role at Quarry Point Labs! Let's talk: I'd like to learn about your work at Quarry Point Labs.\n\nLinkedIn Corporation, 1000 Main St",
            "Quarry Point Labs",
        ),
        (
            "Harlow Finch <careers@harlowfinch.example>",
            "Your application",
            "We will not progress your application.\n\nKind regards,\n\nHarlow Finch Early Talent Team\nHarlow Finch LLP, Advisory",
            "Harlow Finch",
        ),
    ],
)
def test_the_employer_not_the_agency_a_person_a_department_or_a_platform(
    sender: str, subject: str, body: str, company: str
) -> None:
    assert extract(parse_mail(_raw(body, sender, subject))).company == company


@pytest.mark.parametrize(
    ("role", "plain"),
    [
        ("Chef de projet digital (CDI) – Nantes", "Chef de projet digital"),
        ("Préparateur en pharmacie H/F", "Préparateur en pharmacie"),
        ("Sachbearbeitung (m/w/d) in Teilzeit", "Sachbearbeitung"),
        ("Laborant (m/w/d) Qualitätskontrolle", "Laborant Qualitätskontrolle"),
        ("Data Analyst (Req 48211)", "Data Analyst"),
        ("Store Manager – Monterrey", "Store Manager"),
        ("Backend Developer (Go) - Remote", "Backend Developer (Go)"),
        ("Registered Nurse - Emergency Department", "Registered Nurse - Emergency Department"),
        ("Band 6 Physiotherapist - MSK", "Band 6 Physiotherapist - MSK"),
        ("Higher Executive Officer - Policy Adviser", "Higher Executive Officer - Policy Adviser"),
    ],
)
def test_a_role_reads_as_a_letter_writes_it(role: str, plain: str) -> None:
    assert extract_module.plain_role(role) == plain


@pytest.mark.parametrize(
    ("body", "role"),
    [
        (
            "Merci pour votre candidature au poste de Chargé(e) de clientèle aux\nÉditions Lumen !",
            "Chargé(e) de clientèle",
        ),
        (
            "Le agradecemos el interés en la oferta de Técnico/a de Compras\npublicada por Grupo Ferral.",
            "Técnico/a de Compras",
        ),
        (
            "Merci de votre intérêt pour le poste d'Analyste, Conformité réglementaire au sein de la Banque Orel.",
            "Analyste, Conformité réglementaire",
        ),
        (
            "Merci pour votre candidature au poste de Préparatrice en pharmacie H/F à la Pharmacie du Parc.",
            "Préparatrice en pharmacie",
        ),
        ("We'd like to meet you for the Billing Coordinator contract-to-hire role!", "Billing Coordinator"),
    ],
)
def test_a_role_ends_where_the_title_ends(body: str, role: str) -> None:
    facts = extract(parse_mail(_raw(body, "Kim Park <kim@corp.example>", "Update", to="Sam Taylor <sam@example.org>")))
    assert facts.role == role


@pytest.mark.parametrize(
    ("subject", "role"),
    [
        ("Your application - Junior Accountant", "Junior Accountant"),
        ("Marlow Foods - Quality Assurance Lead: interview", "Quality Assurance Lead"),
        ("Candidature - Ingénieur méthodes", "Ingénieur méthodes"),
        ("Einladung: Gespräch Produktdesigner (m/w/d)", "Produktdesigner"),
        ("Interview - Hiring Manager", ""),
        ("Pinnacle Partners - Associate application", ""),
        ("Confirmed: Phone Screen with Omar Haddad", ""),
    ],
)
def test_a_subject_piece_between_separators_is_a_title_when_it_reads_as_one(subject: str, role: str) -> None:
    body = "Thank you for your interest. We will be in touch."
    facts = extract(parse_mail(_raw(body, "Kim Park <kim@corp.example>", subject, to="Sam Taylor <sam@example.org>")))
    assert facts.role == role


@pytest.mark.parametrize(
    ("name", "company"),
    [
        ("Pellow & Grange Architects Ltd. Registered in England and Wales", "Pellow & Grange Architects"),
        ("Ivy & Oak Coffee Pty Ltd", "Ivy & Oak Coffee"),
        ("Northbeam (Toronto)", "Northbeam"),
        ("Tecnoaguas SRL", "Tecnoaguas"),
        ("Registered Nurses United", "Registered Nurses United"),
    ],
)
def test_a_company_name_ends_before_its_legal_footer_and_place(name: str, company: str) -> None:
    assert extract_module._trim_company(name) == company


def test_an_employer_at_a_platform_is_no_person_and_its_platform_no_employer() -> None:
    # The whole display name run together at a platform is the employer's slug, not a person's mailbox.
    workday = _raw(
        "Dear Sam,\n\nYour interview has been scheduled. This is a system-generated message from Harland "
        "Mutual's recruiting system.",
        "Harland Mutual <harlandmutual@myworkday.com>",
    )
    facts = extract(parse_mail(workday), platforms=SHIPPED_PLATFORMS)
    assert facts.company == "Harland Mutual" and not (facts.contact and facts.contact.name)
    # A platform's own legal line under a relayed message names no employer; nor does an ATS mailbox's function.
    relayed = _raw(
        "Guten Tag,\n\nwir laden Sie ein.\n\nFreundliche Grüße\nMonika Szymańska\nPflegedienstleitung\n\n"
        "Antworte direkt auf diese E-Mail.\nIndeed Deutschland GmbH",
        "Pflegedienst Sonnenhof über Indeed <noreply@indeed.com>",
    )
    assert "Indeed" not in extract(parse_mail(relayed), platforms=SHIPPED_PLATFORMS).company
    dvinci = _raw(
        "Sehr geehrter Herr Krüger,\n\nvielen Dank für Ihre Bewerbung bei den Stadtwerken Lindenau.\n\n"
        "Mit freundlichen Grüßen\n\nStadtwerke Lindenau GmbH\nPersonalwesen",
        "Stadtwerke Lindenau <bewerbermanagement@dvinci-mail.com>",
    )
    assert extract(parse_mail(dvinci), platforms=SHIPPED_PLATFORMS).company == "Stadtwerke Lindenau"


def test_a_bookings_page_and_a_title_without_its_dot() -> None:
    raw = _raw(
        "Hello Sam,\n\nThank you for booking with Westbridge University HR.\n\nStaff: Dr Helena Marsh\n"
        "Date and time: Tuesday, 2 February 2027 10:30 (GMT)\n\nPlease contact Dr Marsh at h.marsh@westbridge.example.",
        "Westbridge University HR Bookings <WestbridgeHRBookings@westbridge.example>",
    )
    facts = extract(parse_mail(raw), platforms=SHIPPED_PLATFORMS)
    assert facts.company == "Westbridge University"


@pytest.mark.parametrize("display", ["Bookings", "Microsoft Bookings", "Interview Scheduling", "Notifications"])
def test_a_systems_mailbox_name_is_no_company(display: str) -> None:
    from followup.act.platforms import platforms
    from followup.resources import load_rule_set

    assert extract_module._display_company(display, platforms(load_rule_set(None).lists)) == ""


def test_a_post_on_a_line_of_its_own_is_no_signer() -> None:
    body = "Your application status was updated\n\nLine Cook\nBoulder Creek Brewing - Boulder, CO\n\nWe decided not to move forward."
    mail = parse_mail(_raw(body, "Indeed <no-reply@indeed.com>", "An update on your application to Line Cook"))
    assert extract(mail).contact is None or not extract(mail).contact.name


@pytest.mark.parametrize(
    ("written", "name"),
    [("Lic. Paola Zamudio", "Paola Zamudio"), ("Mtra. Gabriela Quintero", "Gabriela Quintero"),
     ("Helen Okafor PhD", "Helen Okafor"), ("Jane Doe, SHRM-CP", "Jane Doe"), ("Ana Mba", "Ana Mba"),
     ("Judith Harlow RIBA", "Judith Harlow"), ("Kate Brennan FCA CPA", "Kate Brennan"), ("Tom Reed MBA (Hons)", "Tom Reed"),
     ("Jean DUPONT", "Jean DUPONT")],
)  # fmt: skip
def test_titles_and_letters_around_a_name_are_no_part_of_it(written: str, name: str) -> None:
    from followup.act.people import clean_name

    assert clean_name(written) == name


@pytest.mark.parametrize(
    ("written", "role"),
    [("Zweitgespräch Projektleiter Anlagenbau", "Projektleiter Anlagenbau"),
     ("Initiativbewerbung Medizinische Fachangestellte", "Medizinische Fachangestellte"),
     ("Entretien Comptable fournisseurs", "Comptable fournisseurs"),
     ("Application Engineer", "Application Engineer"), ("Interview Coordinator", "Interview Coordinator")],
)  # fmt: skip
def test_a_subjects_word_for_the_mail_is_no_part_of_the_title(written: str, role: str) -> None:
    assert extract_module._clean_role(written) == role


@pytest.mark.parametrize(
    ("name", "company"),
    [("Sekretariat Gymnasium am Kaiserdom", "Gymnasium am Kaiserdom"), ("Talento Nubeo", "Nubeo"),
     ("Clinique Sainte-Odile ASBL", "Clinique Sainte-Odile"), ("Talento Humano", "Talento Humano")],
)  # fmt: skip
def test_an_office_or_a_legal_form_around_the_employer_goes(name: str, company: str) -> None:
    assert extract_module._trim_company(name) == company


# ---------------------------------------------------------------------------- issue 20: people and recipients, round 2


@pytest.mark.parametrize(
    ("sender", "body", "greeted"),
    [
        # A title line's words spelled out, or a German doctorate's faculty, are no part of the name.
        ("Prof. Imogen Vale <i.vale@harlow-uni.example>", "We regret.\n\nWith best wishes for your work,\n\n"
         "Professor Imogen Vale\nChair in Ecology", "Imogen Vale"),
        ("Praxis <praxis@zahn-weber.example>", "Leider nicht.\n\nMit freundlichen Grüßen\nDr. med. dent. Lotte Weber\n"
         "Zahnärztin", "Lotte Weber"),
        # The name with its title on the same line, under a sign-off the closings list lacks.
        ("Jobs <no-reply@jobs-portal.example>", "Bonjour Léa,\n\nChoisissez un créneau.\n\nÀ très vite,\n"
         "Mathieu, Responsable recrutement chez Orbe", "Mathieu"),
        # Swiss spelling of the sign-off.
        ("Team <team@kinderhaus.example>", "Gerne laden wir Sie ein.\n\nFreundliche Grüsse\nUrs Bächli\nHR-Fachmann",
         "Urs Bächli"),
        # Two given names and two family names, particles between.
        ("Ayuntamiento <rrhh@villa.example>", "Le citamos.\n\nAtentamente,\nAna Isabel Gómez Ruiz\nTécnica de Personal",
         "Ana Isabel Gómez Ruiz"),
        ("Estudio <hola@estudio.example>", "Te esperamos.\n\nSaludos,\nMaría José de la Cruz\nDirectora", "María José de la Cruz"),
        ("Kanzlei <info@kanzlei.example>", "Wir laden Sie ein.\n\nBeste Grüße\nAnna-Lena von Bergen\nPartnerin",
         "Anna-Lena von Bergen"),
        # 'Felix von <Firma>': the company, not a family name.
        ("Bäckerei <jobs@sonnenkorn.example>", "Leider nicht.\n\nViele Grüße\nJonas von Sonnenkorn Backstube", "Jonas"),
        # A secretary signing 'i. A.' under the writer's name is not the contact.
        ("Sekretariat <sekretariat@klinik.example>", "Leider nicht.\n\nMit freundlichen Grüßen\n\nDr. Hanne Vogt\n"
         "Chefärztin\n\ni. A. Petra Lind, Sekretariat\nKlinik Nord", "Hanne Vogt"),
        # A team signs from the shared mailbox: whoever owns its account did not write.
        ("Oskar Brand <careers@brandhomes.example>", "No vacancy now.\n\nRegards,\nBrand Homes Human Resources", ""),
        # A scheduling tool's host.
        ("Calendly <notifications@calendly.com>", "Your event has been scheduled.\n\nInvitee: Sam Taylor\n"
         "Host: Nadia Farouk (Birchwood Studio)\n\nPowered by Calendly", "Nadia Farouk"),
    ],
)  # fmt: skip
def test_signers_with_titles_particles_and_teams(sender: str, body: str, greeted: str) -> None:
    facts = extract(parse_mail(_raw(body, sender)))
    assert (facts.contact.name if facts.contact else "") == greeted


@pytest.mark.parametrize(
    ("name", "language", "greeting"),
    [
        ("Mei Lin Ong", "en", "Mei Lin"),
        ("María José de la Cruz", "es", "María José"),
        ("Anna-Lena von Bergen", "en", "Anna-Lena"),
        ("Anna-Lena von Bergen", "de", "Anna-Lena von Bergen"),
        ("Jan de Vries", "en", "Jan"),
        ("Karen Whitlow", "en", "Karen"),
    ],
)
def test_a_double_given_name_is_greeted_whole(name: str, language: str, greeting: str) -> None:
    from followup.act.people import salutation

    assert salutation(name, "", language) == greeting


def test_a_title_spelled_out_is_greeted_short() -> None:
    from followup.act.people import academic_title

    assert academic_title("Professor Imogen Vale") == "Prof."
    assert academic_title("Dr. med. Lotte Weber") == "Dr."


def _organized(body: str, sender: str, organizer: str) -> bytes:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
        f"ORGANIZER;{organizer}\r\nDTSTART:20260311T140000Z\r\nDTEND:20260311T150000Z\r\n"
        "SUMMARY:Interview\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return mail(body, sender, ics=ics)


def test_a_team_mailbox_beside_its_domains_booking_page_gives_way_to_the_organizer() -> None:
    # Bookings sends from the careers box; the page names the shared calendar, the ORGANIZER the person.
    body = (
        "Hallo Sam,\n\nIhre Buchung wurde bestätigt.\n\nMittwoch, 11. März 2026\n\nTermin ändern:\n"
        "https://outlook.office365.com/owa/calendar/KarriereNordhafen@nordhafen.example/bookings/\n\nNordhafen AG"
    )
    raw = _organized(body, "Nordhafen Karriere <karriere@nordhafen.example>",
                     "CN=Tilo Brandt:mailto:tilo.brandt@nordhafen.example")  # fmt: skip
    facts = extract(parse_mail(raw))
    assert (facts.to, facts.language) == ("tilo.brandt@nordhafen.example", "de")
    # without the booking page the careers box takes the reply, as before
    facts = extract(parse_mail(_organized(body.split("\n\nTermin")[0], "Nordhafen Karriere <karriere@nordhafen.example>",
                                          "CN=Tilo Brandt:mailto:tilo.brandt@nordhafen.example")))  # fmt: skip
    assert facts.to == "karriere@nordhafen.example"


def test_a_booking_mailbox_gives_way_to_the_organizer_the_text_names() -> None:
    body = "Bonjour Sam,\n\nEntretien avec Maître Odile Ferrand, associée.\n\nÀ bientôt,\nCabinet Ferrand – SELARL"
    raw = _organized(body, "Agenda Recrutement <agenda@cabinet-ferrand.example>",
                     'CN="Odile Ferrand":mailto:o.ferrand@cabinet-ferrand.example')  # fmt: skip
    facts = extract(parse_mail(raw))
    assert (facts.to, facts.contact.name if facts.contact else "") == (
        "o.ferrand@cabinet-ferrand.example",
        "Odile Ferrand",
    )


def test_an_organizer_a_team_signs_for_is_no_contact_but_owns_the_mailbox() -> None:
    """A team signs; the reply goes to the ORGANIZER's own mailbox, whose owner the text names:
    he is not the contact (the team wrote), but the mailbox's owner the draft greets (never
    "Madame, Monsieur" to hugo.bernard@). Not named in the text, or at a shared box, nobody."""
    body = "Bonjour Sam,\n\nInterlocuteur : M. Hugo Bernard.\n\nCordialement,\nLe service Recrutement\nBanque Exemple"
    raw = _organized(body, "Banque Exemple <no-reply@successfactors.eu>",
                     "CN=Hugo Bernard:mailto:hugo.bernard@banque.example")  # fmt: skip
    facts = extract(parse_mail(raw))
    assert (facts.to, facts.contact.name if facts.contact else "", facts.to_owner) == (
        "hugo.bernard@banque.example",
        "",
        "Hugo Bernard",
    )  # the team wrote: he is no contact, but the draft to his mailbox greets him
    unnamed = body.replace("Interlocuteur : M. Hugo Bernard.", "Votre entretien est confirmé.")
    facts = extract(parse_mail(_organized(unnamed, "Banque Exemple <no-reply@successfactors.eu>",
                                          "CN=Hugo Bernard:mailto:hugo.bernard@banque.example")))  # fmt: skip
    assert facts.contact is not None and (facts.contact.name, facts.to_owner) == ("", "")
    shared = _organized(body, "Banque Exemple <no-reply@successfactors.eu>",
                        "CN=Hugo Bernard:mailto:recrutement@banque.example")  # fmt: skip
    facts = extract(parse_mail(shared))
    assert facts.contact is not None and (facts.contact.name, facts.to_owner) == ("", "")


@pytest.mark.parametrize(
    ("sender", "body", "to"),
    [
        # An address inside a booking page's link is no address to write to; one written under the team is.
        ("Microsoft Bookings <no-reply@microsoft.com>", "Book a slot:\n"
         "https://outlook.office365.com/owa/calendar/HarrowJobs@harrow.example/bookings/\n\nHarrow HR Team\nhr@harrow.example",
         "hr@harrow.example"),
        ("Microsoft Bookings <no-reply@microsoft.com>", "Manage booking:\n"
         "https://outlook.office365.com/owa/calendar/HarrowJobs@harrow.example/bookings/", ""),
        # A booking tool's calendar mailbox and an invitation sender take no replies.
        ("Interview Bookings <interviewbookings@harrow.onmicrosoft.com>", "Your booking is confirmed.", ""),
        ("Pebble Bakery <invites@video-interviews.example>", "Record your answers here.", ""),
        # 'Reply on Indeed' sends the reply to the board's page, not to its mailbox.
        ("Pebble Bakery via Indeed <indeedapply@indeed.com>", "Can you come Saturday?\n\n"
         "Reply to this message on Indeed to respond to the employer.", ""),
    ],
)  # fmt: skip
def test_booking_pages_and_invitation_senders_are_no_recipients(sender: str, body: str, to: str) -> None:
    assert extract(parse_mail(_raw(body, sender))).to == to


@pytest.mark.parametrize(
    ("sender", "body", "agency"),
    [
        ("Rory Quinn <rory.quinn@keelrecruit.example>", "Meet them Tuesday.\n\nRory Quinn\nPrincipal Consultant\n"
         "Keel Recruitment\nKeel Recruitment Ltd acts as an employment agency.", True),
        ("Ines Dahl <jobs@dahlfinch.example>", "They chose another graduate.\n\nRegards,\nInes Dahl\n"
         "Consultant - Engineering | Dahl & Finch Recruitment", True),
        ("Ines Dahl <ines.dahl@northwind.example>", "We chose another candidate.\n\nRegards,\nInes Dahl\n"
         "Conseillère en gestion du personnel\nNorthwind", False),
    ],
)  # fmt: skip
def test_an_agency_recruiter_is_a_fact_with_evidence(sender: str, body: str, agency: bool) -> None:
    facts = extract(parse_mail(_raw(body, sender)))
    assert facts.contact is not None and facts.contact.name
    assert facts.contact_agency is agency
    assert any(f.field == "contact_agency" for f in facts.evidence) is agency


@pytest.mark.parametrize(
    ("sender", "body"),
    [
        ("Mia at Lakeview Grocers <mia@chat-recruit.example>", "Hi Sam! This is Mia, the virtual hiring assistant for "
         "Lakeview Grocers.\n\nYour interview is confirmed.\n\nMia\nLakeview Grocers Recruiting"),
        ("Lea <lea@bewerbung-bot.example>", "Hallo Sam, ich bin Lea, die digitale Assistentin von Kornfeld.\n\n"
         "Viele Grüße\nLea Brandt\nKornfeld"),
        ("Sofía <sofia@citas.example>", "Hola Sam, soy Sofía, la asistente virtual de Ferrol.\n\nSaludos,\nSofía"),
    ],
)  # fmt: skip
def test_a_chatbot_with_a_first_name_is_never_greeted(sender: str, body: str) -> None:
    facts = extract(parse_mail(_raw(body, sender)))
    assert (facts.contact.name if facts.contact else "") == ""


def test_a_human_assistant_is_still_a_person() -> None:
    body = "Hi Sam,\n\nSee you Monday.\n\nBest regards,\nOlivia Brandt\nRecruiting Assistant, Kornfeld"
    facts = extract(parse_mail(_raw(body, "Olivia Brandt <olivia.brandt@kornfeld.example>")))
    assert facts.contact is not None and facts.contact.name == "Olivia Brandt"


@pytest.mark.parametrize(
    ("sender", "body", "greeted"),
    [
        # A given name the lexicon lacks, laid out as a person signs: closing, name, job title.
        ("Harbourside Care <careers@harbourside.example>", "See you Thursday.\n\nCheers,\nTarni Welk\n"
         "Talent Acquisition Partner\nHarbourside Care", "Tarni Welk"),
        # ... but not a team, nor a company's line under it.
        ("Kranich & Partner <jobs@kranich.example>", "Bitte buchen Sie einen Termin.\n\nMit freundlichen Grüßen\n"
         "Ihr Recruiting-Team\nKranich & Partner Ingenieure PartG mbB", ""),
        ("Zorvex <jobs@zorvex.example>", "See you Thursday.\n\nBest regards,\nZorvex Lumo\nPartners & Associates Ltd", ""),
        # A sign-off with a place; a German diploma before the name.
        ("Isarblick <jobs@isarblick.example>", "Antworte einfach auf diese Mail.\n\nLiebe Grüße aus München\n"
         "Resi Gruber\nPeople & Culture\nIsarblick GmbH", "Resi Gruber"),
        ("Kanzlei <info@kanzlei-ost.example>", "Leider nicht.\n\nMit freundlichen Grüßen\nDipl.-Kfm. Bernd Ost\n"
         "Steuerberater", "Bernd Ost"),
        # Under the signature delimiter, the name with its title and company on one line.
        ("Tarni Welk <tarni@harbourside.example>", "Can you do Tuesday at 3?\n\nTarni\n\n--\n"
         "Tarni Welk · Head of Infrastructure · Harbourside Care", "Tarni Welk"),
        ("Harbourside Care <jobs@harbourside.example>", "See you then.\n\n--\nHarbourside Care | Talent Acquisition", ""),
    ],
)  # fmt: skip
def test_a_signer_laid_out_as_a_person(sender: str, body: str, greeted: str) -> None:
    facts = extract(parse_mail(_raw(body, sender)))
    assert (facts.contact.name if facts.contact else "") == greeted


def test_a_reply_address_asked_for_in_german_politeness_is_the_recipient() -> None:
    body = (
        "Wir können Ihnen zwei Termine anbieten.\n\nBitte teilen Sie meinem Sekretariat (Frau Roth, "
        "sekretariat-lenz@institut.example) mit, welcher Termin passt.\n\nMit freundlichen Grüßen\nJakob Lenz"
    )
    assert (
        extract(parse_mail(_raw(body, "Jakob Lenz <jakob.lenz@institut.example>"))).to
        == "sekretariat-lenz@institut.example"
    )


@pytest.mark.parametrize(
    ("name", "language", "greeted"),
    [("James Robert Miller", "en", "James"), ("Wei Ling Tan", "en", "Wei Ling"), ("Francisco Javier Moreno", "es", "Francisco Javier"),
     ("Ana", "es", "Ana"), ("Tom", "en", "Tom")],
)  # fmt: skip
def test_a_middle_name_is_no_double_given_name_outside_spanish(name: str, language: str, greeted: str) -> None:
    from followup.act.people import salutation

    assert salutation(name, "", language) == greeted


@pytest.mark.parametrize("name", ["San Rafael de la Vega", "Santa Maria del Mar Garcia"])
def test_a_saints_name_opening_a_long_name_is_a_place(name: str) -> None:
    from followup.act.people import person_confidence

    assert person_confidence(name) == 0.0


@pytest.mark.parametrize(
    ("name", "text", "bot"),
    [("Olivia", "Hi Sam! It's Olivia, Crestline's recruiting assistant.", True),
     ("Ava", "Hi, I'm Ava, an AI-powered scheduling assistant.", True),
     ("Priya Nair", "I'm Priya Nair, the AI and automation lead here, and my assistant Tom will call.", False),
     ("Jamie Lee", "I'm Jamie Lee, the recruiting assistant on the talent team.", False)],
)  # fmt: skip
def test_an_assistant_is_a_bot_only_when_the_mail_says_so_of_the_name(name: str, text: str, bot: bool) -> None:
    assert extract_module._assistant(name, text) is bot


@pytest.mark.parametrize(
    ("body", "sender", "role"),
    [
        # The company follows the title with a preposition or an article: the title ends before it.
        ("Hola Sam:\n\nte invitamos a una entrevista para el puesto de Encargado/a de almacén del Grupo Ribera Norte.",
         "Grupo Ribera Norte <rrhh@riberanorte.example>", "Encargado/a de almacén"),
        ("Bonjour Sam,\n\nnous vous invitons à un entretien pour le poste de Responsable logistique de la Maison Verdier.",
         "Maison Verdier <rh@maisonverdier.example>", "Responsable logistique"),
        ("Hallo Sam,\n\nvielen Dank für Ihre Bewerbung als Lagerleiter der Brauerei Hollerbach.",
         "Brauerei Hollerbach <personal@brauerei-hollerbach.example>", "Lagerleiter"),
        ("Hi Sam,\n\nthanks for applying for the Warehouse Supervisor position of Tallis Freight.",
         "Tallis Freight <jobs@tallisfreight.example>", "Warehouse Supervisor"),
    ],
)  # fmt: skip
def test_a_role_never_ends_in_a_function_word(body: str, sender: str, role: str) -> None:
    assert extract(parse_mail(_raw(body, sender, "Entrevista"))).role == role


@pytest.mark.parametrize(
    ("written", "role"),
    [("Jefe/a de Sala del", "Jefe/a de Sala"), ("Chef de rang au", "Chef de rang"), ("Leiterin Einkauf bei der", "Leiterin Einkauf"),
     ("Head of Sales at the", "Head of Sales"), ("Electrician Class A", "Electrician Class A"),
     ("Responsable Logistique basé", "Responsable Logistique"), ("Data Based Engineer", "Data Based Engineer")],
)  # fmt: skip
def test_a_titles_function_word_tail_goes(written: str, role: str) -> None:
    assert extract_module._clean_role(written) == role
    assert extract_module.plain_role(written) == role


@pytest.mark.parametrize(
    ("sender", "body", "company"),
    [
        # A display name's separator never leaks into the company.
        ("Talento · Cadena Hotelera Sol y Arena <no-reply@teamtailor.com>",
         "Hola Sam:\n\ngracias por tu interés en Cadena Hotelera Sol y Arena. No seguiremos adelante.", "Cadena Hotelera Sol y Arena"),
        ("Recrutement • Librairie Ombre Claire <no-reply@teamtailor.com>",
         "Bonjour Sam,\n\nmerci pour votre candidature chez Librairie Ombre Claire.", "Librairie Ombre Claire"),
        ("Karriere: Kellerei Morgenrot <no-reply@teamtailor.com>",
         "Hallo Sam,\n\nvielen Dank für Ihre Bewerbung bei Kellerei Morgenrot.", "Kellerei Morgenrot"),
        # A company holding de / del / of is not cut there.
        ("Lucía Ortega <lortega@talentia-rrhh.example>",
         "Hola Sam:\n\nte escribo de parte de nuestro cliente, Conservas del Bierzo, que quiere conocerte.", "Conservas del Bierzo"),
        ("Tom Reid <tom@reidsearch.example>",
         "Hi Sam,\n\nmy client, Bank of Halloway, would like to meet you.", "Bank of Halloway"),
    ],
)  # fmt: skip
def test_a_company_is_never_cut_at_a_separator_or_a_particle(sender: str, body: str, company: str) -> None:
    assert extract(parse_mail(_raw(body, sender, "Update"))).company == company


@pytest.mark.parametrize(
    ("name", "trimmed"),
    [("· Grupo Costa Brava", "Grupo Costa Brava"), ("Maison Lefort –", "Maison Lefort"), ("Aceites de", "Aceites"),
     ("Hofgut von", "Hofgut")],
)  # fmt: skip
def test_a_company_never_begins_or_ends_with_punctuation_or_a_particle(name: str, trimmed: str) -> None:
    assert extract_module._trim_company(name) == trimmed


@pytest.mark.parametrize(
    ("signature", "sender", "name"),
    [("Jordi Vidal i Ferrer\nArquitecte · Taller Vidal", "Jordi Vidal <jvidal@tallervidal.example>", "Jordi Vidal i Ferrer"),
     ("Núria Casals i Roig\nDirectora", "Núria Casals <ncasals@estudicasals.example>", "Núria Casals i Roig"),
     ("Carmen García y López\nDirectora", "Carmen García <cgarcia@arcos.example>", "Carmen García y López"),
     # signed with a short form the mailbox spells, then the full name: the full name is the contact
     ("Quim\n\nJoaquim Serra i Bosch\nDirector", "Joaquim Serra <quim.serra@vinsserra.example>", "Joaquim Serra i Bosch")],
)  # fmt: skip
def test_a_catalan_i_between_surnames_is_a_name_particle(signature: str, sender: str, name: str) -> None:
    from followup.act.people import person_confidence

    body = (
        f"Hola Sam,\n\nGràcies per venir a l'entrevista. Hem triat una altra persona.\n\nUna abraçada,\n\n{signature}"
    )
    facts = extract(parse_mail(_raw(body, sender)))
    assert facts.contact is not None and facts.contact.name == name
    assert person_confidence(name) >= 0.5


@pytest.mark.parametrize(
    ("sender", "language", "greeting"),
    [
        # 'Frau' or 'Herr' the mail writes says what a given name the lexicon lacks does not.
        ("Frau Dr. Maren-Kathrin zu Eltz <m.zueltz@stiftung-eltz.example>", "de", "Frau Dr. zu Eltz"),
        ("Herr Prof. Toni Berger <t.berger@fh-rosental.example>", "de", "Herr Prof. Berger"),
        ("Frau Kim Lindqvist <k.lindqvist@werkhaus.example>", "de", "Frau Lindqvist"),
        ("Frau Dr. Maren-Kathrin zu Eltz <m.zueltz@stiftung-eltz.example>", "en", "Dr. zu Eltz"),
        ("Dra. Itziar Etxeberria <i.etxeberria@clinica-olaia.example>", "es", "Dra. Etxeberria"),
        ("Dra. Itziar Etxeberria <i.etxeberria@clinica-olaia.example>", "de", "Frau Dra. Etxeberria"),
        # French titles are no part of the name; a French greeting names the person in full
        ("Docteure Solène Marchal <s.marchal@clinique-ronce.example>", "fr", "Solène Marchal"),
        ("Madame Dominique Faure <d.faure@atelier-faure.example>", "fr", "Dominique Faure"),
    ],
)  # fmt: skip
def test_a_courtesy_word_the_mail_writes_makes_the_german_greeting(sender: str, language: str, greeting: str) -> None:
    from followup.act.people import salutation

    body = f"Hello Sam,\n\nSee you on Monday.\n\nBest regards,\n{sender.split(' <')[0]}"
    facts = extract(parse_mail(_raw(body, sender)))
    assert facts.contact is not None
    assert salutation(facts.contact.name, facts.contact_title, language) == greeting


@pytest.mark.parametrize(
    ("body", "to", "greeted"),
    [
        ("Hi Sam,\n\nPlease confirm in the portal or contact Priya Raman at priya.raman@ostwind.example.\n\nOstwind Recruiting",
         "priya.raman@ostwind.example", "Priya Raman"),
        ("Hallo Sam,\n\nbei Fragen schreiben Sie bitte an Jonas Weber (j.weber@ostwind.example).\n\nIhr Ostwind Recruiting",
         "j.weber@ostwind.example", "Jonas Weber"),
        ("Bonjour Sam,\n\nmerci de répondre à votre contact, Claire Dubois, à l'adresse claire.dubois@ostwind.example.\n\n"
         "L'équipe Ostwind", "claire.dubois@ostwind.example", "Claire Dubois"),
        ("Hola Sam:\n\nsi no te viene bien, escribe a Lucía Fernández, lfernandez@ostwind.example.\n\nEquipo Ostwind",
         "lfernandez@ostwind.example", "Lucía Fernández"),
        # A shared mailbox, or a name the mailbox does not spell: nobody is greeted.
        ("Hi Sam,\n\nPlease contact Priya Raman at careers@ostwind.example.\n\nOstwind Recruiting", "careers@ostwind.example", ""),
        ("Hi Sam,\n\nPlease contact Priya Raman at tom.reid@ostwind.example.\n\nOstwind Recruiting", "tom.reid@ostwind.example", ""),
    ],
)  # fmt: skip
def test_the_person_a_sentence_gives_the_recipient_address_of_is_greeted(body: str, to: str, greeted: str) -> None:
    facts = extract(parse_mail(_raw(body, "Ostwind <noreply@successfactors.eu>")))
    assert facts.to == to
    assert (facts.contact.name if facts.contact else "") == greeted


def test_an_html_signature_block_is_read_as_one_block() -> None:
    """<br> then the source's own line break is one line break: the signer's name under the
    sign-off, over the title, as the mail shows it."""
    body = (
        "<html><body><p>Sehr geehrter Herr Dr. Pohl,</p>\n<p>leider haben wir die Position intern besetzt.</p>\n"
        "<p>Mit freundlichen Grüßen<br>\nDr. Ulrike Brandl<br>\nGeschäftsführerin<br>\nBrandl Dosiertechnik GmbH<br>\n"
        "Riedinger Str. 30, 86153 Augsburg</p>\n</body></html>"
    )
    facts = extract(parse_mail(mail(body, "Brandl Dosiertechnik GmbH <u.brandl@brandl-dosier.example>", html=True)))
    assert facts.contact is not None and facts.contact.name == "Ulrike Brandl"
    assert facts.contact_title == "Dr."


def test_the_person_a_written_reply_address_belongs_to_is_its_owner() -> None:
    """A robot sender asks for replies to a person's address; the text names its owner in
    another paragraph than the address."""
    body = (
        "Dear Sam,\n\nYour interview is scheduled for Thursday, 5 March 2026 at 16:00 UTC. You will meet with "
        "Margaret Lowry, Director of FP&A.\n\nPlease confirm your attendance by replying to "
        "margaret.lowry@ostrander.example.\n\nRegards,\nOstrander Talent Acquisition\nOracle Taleo - do not reply to this address"
    )
    facts = extract(parse_mail(_raw(body, "Ostrander <ostrander@taleo.net>", "Interview Invitation")))
    assert (facts.to, facts.to_owner) == ("margaret.lowry@ostrander.example", "Margaret Lowry")
    # The address alone, its owner unnamed, or named with another family name: nobody.
    for other in ("Margaret Lowe", "the director"):
        facts = extract(
            parse_mail(
                _raw(body.replace("Margaret Lowry,", f"{other},"), "Ostrander <ostrander@taleo.net>", "Interview")
            )
        )
        assert facts.to_owner == ""


@pytest.mark.parametrize(
    ("sender", "signature", "to"),
    [
        # An employer's own address at an inbox relay takes replies, a team's mail too.
        ("Orbelis <orbelis@recruitee.com>", "L'équipe Recrutement d'Orbelis", "orbelis@recruitee.com"),
        ("Orbelis <orbelis@mail.recruitee.com>", "L'équipe Recrutement d'Orbelis", "orbelis@mail.recruitee.com"),
        # Elsewhere a team's mail from a relay reaches no one; nor does a no-reply address at the inbox relay.
        ("Orbelis <orbelis@teamtailor-mail.com>", "L'équipe Recrutement d'Orbelis", ""),
        ("Orbelis <no-reply@recruitee.com>", "L'équipe Recrutement d'Orbelis", ""),
    ],
)
def test_an_inbox_relay_takes_replies_whoever_signs(sender: str, signature: str, to: str) -> None:
    body = f"Bonjour Sam,\n\nNous ne pouvons pas donner suite à votre candidature.\n\n{signature}"
    assert extract(parse_mail(_raw(body, sender, "Votre candidature"))).to == to
    forbidden = body.replace("\n\nL'", "\n\nMerci de ne pas répondre à cet e-mail.\n\nL'")
    assert extract(parse_mail(_raw(forbidden, sender, "Votre candidature"))).to == ""


def test_a_company_keeps_the_article_its_own_display_name_writes() -> None:
    body = "Bonjour Sam,\n\nNous avons retenu une autre candidature pour le Comptoir des Quais.\n\nBien cordialement,\nJulie"
    facts = extract(parse_mail(_raw(body, "Le Comptoir des Quais <recrutement@comptoirdesquais.example>")))
    assert facts.company == "Le Comptoir des Quais"


def _with_subject(body: str, sender: str, subject: str) -> bytes:
    raw = mail(body, sender=sender)
    return raw.replace(b"Subject: Interview", f"Subject: {subject}".encode())


@pytest.mark.parametrize(
    ("body", "sender", "company"),
    [
        # a signature line that is only the name writes its article; a sentence's "The" is not the name's
        ("Hi Sam,\n\nWe would like to meet you.\n\nBest,\nHannah\nThe Copperleaf Group\n",
         "Hannah Osei <hannah@copperleafgroup.example>", "The Copperleaf Group"),
        ("Hi Sam,\n\nThanks for applying.\n\nAllison Ferris\nThe Ferris Group, LLC\n",
         "Allison Ferris <allison@ferrisgroup.example>", "The Ferris Group"),
        ("Hi Sam,\n\nThe Copperleaf Group team would like to meet you. Copperleaf Group is small.\n\nHannah\n",
         "Hannah Osei <hannah@copperleafgroup.example>", "Copperleaf Group"),
        ("Hi Sam,\n\nThanks.\n\nThe Tidewater Robotics Team\n",
         "Tidewater Robotics <careers@tidewaterrobotics.example>", "Tidewater Robotics"),
        # a name led by an acronym that the signature writes in full
        ("Madame,\n\nNous vous proposons un entretien.\n\nSylvain Mercadier\nChargé de recrutement\n"
         "Groupe Hospitalier Sainte-Anne-des-Pins\n",
         "GH Sainte-Anne-des-Pins – DRH <recrutement@gh-sainteanne.example>", "Groupe Hospitalier Sainte-Anne-des-Pins"),
    ],
)  # fmt: skip
def test_company_as_the_signature_writes_it(body: str, sender: str, company: str) -> None:
    assert extract(parse_mail(mail(body, sender=sender))).company == company


def test_the_signers_own_address_beats_a_shared_box_of_the_same_domain() -> None:
    body = (
        "Hi Sam,\n\nPlease choose a day for your onsite here.\n\nBest,\nKeisha Rowntree\n"
        "Recruiting Coordinator | Altamira Bio\nkeisha.rowntree@altamirabio.example\n"
    )
    facts = extract(parse_mail(mail(body, sender="Keisha Rowntree <scheduling@altamirabio.example>")))
    assert facts.contact is not None and facts.contact.addr == "keisha.rowntree@altamirabio.example"
    # a colleague's address in the signature is not the signer's
    other = body.replace("keisha.rowntree@", "marco.diaz@")
    facts = extract(parse_mail(mail(other, sender="Keisha Rowntree <scheduling@altamirabio.example>")))
    assert facts.contact is not None and facts.contact.addr == "scheduling@altamirabio.example"


@pytest.mark.parametrize(
    ("subject", "role"),
    [
        ("Re: Probearbeiten Koch / Köchin (m/w/d)", "Koch / Köchin"),
        ("Your application: LEVEL DESIGNER", "Level Designer"),
        ("Your application: SENIOR QA ENGINEER", "Senior QA Engineer"),
        ("Your application: SCADA Engineer", "SCADA Engineer"),
    ],
)
def test_a_subjects_title_as_a_letter_writes_it(subject: str, role: str) -> None:
    raw = _with_subject(
        "Hi Sam,\n\nThank you for your application.\n\nAnna\n", "Anna Berg <anna@acme.example>", subject
    )
    assert extract(parse_mail(raw)).role == role


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        # Arizona keeps MST all summer, Denver writes "MST" loosely for MDT: the sender's offset tells
        ("Tue, 11 Aug 2026 13:18:31 -0700", "2026-08-15T10:30:00-07:00"),
        ("Tue, 11 Aug 2026 14:18:31 -0600", "2026-08-15T10:30:00-06:00"),
        ("Tue, 11 Aug 2026 20:18:31 +0000", None),
        ("Tue, 12 Jan 2027 20:18:31 +0000", "2027-01-16T10:30:00-07:00"),
    ],
)
def test_mst_in_summer_is_read_from_the_senders_offset(date: str, expected: str | None) -> None:
    day = "Sat, Aug 15" if "Aug" in date else "Sat, Jan 16"
    raw = mail(f"Hi Sam,\n\nYour interview is booked: {day} at 10:30 AM MST.\n\nAnna\n")
    raw = raw.replace(b"Mon, 02 Mar 2026 09:00:00 +0100", date.encode())
    start = extract(parse_mail(raw)).interview_at
    assert (start.isoformat() if start else None) == expected


def test_an_academic_title_in_the_display_name_makes_a_rare_name_a_person() -> None:
    body = (
        "Thank you for your application. I would like to invite you to a Zoom interview.\n\n"
        "Best regards,\n\nAdaeze Nwosu, PhD\nProfessor of Chemistry\nEastbrook University\n"
    )
    facts = extract(parse_mail(mail(body, sender='"Prof. Adaeze Nwosu" <anwosu@chem.eastbrook.example>')))
    assert facts.contact is not None and facts.contact.name == "Adaeze Nwosu"
