"""Recruitment agencies, chatbots and job words: an agency is never the employer (its client is, when
the mail names it, else no company); a bot's given name is no contact; the word for a job is no part
of its title. Invented mail in EN/DE/FR/ES; each name found has a neighbour where nothing may be."""

from __future__ import annotations

from functools import partial

import pytest
from followup.act import extract as extract_module
from followup.act.agency import agency_named, agency_words
from followup.act.extract import extract as extract_with
from followup.mail.parse import parse_mail

from tests.conftest import SHIPPED_PLATFORMS
from tests.test_situation import _render

extract = partial(extract_with, platforms=SHIPPED_PLATFORMS)


def _raw(body: str, sender: str, subject: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: Sam Taylor <sam@example.org>\r\nSubject: {subject}\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nMessage-ID: <f@x.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("lines", "agency"),
    [(["Dana Whitlock | Larchmont Search"], True), (["Larchmont Search Ltd"], True),
     (["Corvin Resourcing Limited"], True), (["Berater", "Talentwerk Personalberatung GmbH"], True),
     (["Cabinet de recrutement Ormeau"], True), (["Selección de personal Navarro"], True), (["Grupo Tempo ETT"], True),
     # a company's own team or shared box, or a search product, is no agency
     (["Acme Resourcing"], False), (["Halden Recruiting"], False), (["Search and Analytics Lead", "Orbis Data"], False),
     (["Senior Research Scientist"], False)],
)  # fmt: skip
def test_an_agency_is_read_from_the_end_of_its_name(lines: list[str], agency: bool) -> None:
    assert agency_named(lines) is agency


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        # the client the subject and text name, in the longest form the text writes
        ("Ian Pell | Larchmont Search <ian.pell@larchmontsearch.example>", "Corrigan - second interview",
         "Hi Sam,\n\nCorrigan Freight Holdings would like to see you again next week.\n\nBest,\nIan Pell\nLarchmont Search Ltd",
         "Corrigan Freight Holdings"),
        # a subject's acronym the text spells out
        ("Nora Kemp <nora.kemp@hollisearch.example>", "Thornleigh BS - Branch Manager - interview",
         "Hi Sam,\n\nThornleigh Building Society would like to meet you for the Branch Manager role.\n\nNora Kemp\n"
         "Senior Consultant\nHollis Search Ltd", "Thornleigh Building Society"),
        # the job in the subject is no client
        ("Nora Kemp <nora.kemp@hollisearch.example>", "Claims Operations Team Leader - interview",
         "Hi Sam,\n\nThey would like to meet you for the Claims Operations Team Leader role.\n\nNora Kemp\nHollis Search Ltd", ""),
        # an agency that names no client: no company, never the agency
        ("Pia Lenz <pia.lenz@talentwerk.example>", "Ihr Gespräch",
         "Hallo Sam,\n\nunser Mandant möchte Sie gerne kennenlernen.\n\nPia Lenz\nTalentwerk Personalberatung GmbH", ""),
        ("Luc Berthier <luc@ormeau.example>", "Entretien",
         "Bonjour Sam,\n\nnotre client souhaite vous rencontrer jeudi.\n\nLuc Berthier\nOrmeau Conseil", ""),
        ("Marta Gil <marta@navarro-seleccion.example>", "Entrevista",
         "Hola Sam:\n\nnuestro cliente quiere conocerte el martes.\n\nMarta Gil\nNavarro Selección", ""),
        # a firm's name joined to 'recruiting' in its domain is an agency, however its signature ends
        ("Gil Barrow <gil.barrow@tamsinbiorecruiting.example>", "Hollowmere - site visit",
         "Hi Sam,\n\nHollowmere Biologics wants to meet you on site next week.\n\nGil Barrow\n"
         "Senior Recruiter | Tamsin Bio Recruiting", "Hollowmere Biologics"),
        # an agency that says so in its notice
        ("Owen Hart <owen.hart@brightpath.example>", "Interview", "Hi Sam,\n\nThey would like to meet you on Tuesday."
         "\n\nOwen Hart\nBrightpath Consulting Ltd\nBrightpath Consulting Ltd is acting as an employment agency.", ""),
    ],
)  # fmt: skip
def test_an_agency_is_never_the_employer_its_client_is(sender: str, subject: str, body: str, company: str) -> None:
    assert extract(parse_mail(_raw(body, sender, subject))).company == company


@pytest.mark.parametrize(
    "sender",
    ["Quillfield Systems, Inc. <scheduling@goodtime.io>", "Brandvale Rail Services, LLC <no-reply@applytojob.com>"],
)
def test_a_display_name_with_its_legal_form_after_a_comma_is_one_name_and_no_company_is_a_legal_form(
    sender: str,
) -> None:
    body = "Hi Sam,\n\nThanks for your interest. We'd like to invite you to an interview next week.\n\nThe Hiring Team"
    company = extract(parse_mail(_raw(body, sender, "Interview"))).company
    assert company in ("Quillfield Systems", "Brandvale Rail Services")


def test_the_agency_wording_has_one_home() -> None:
    assert agency_words("on behalf of my client, a logistics firm") and not agency_words("our client services team")


@pytest.mark.parametrize(
    ("role", "clean"),
    [("Controller role", "Controller"), ("Estimator position", "Estimator"), ("Buchhalter Stelle", "Buchhalter"),
     ("Comptable poste", "Comptable"), ("Camarero puesto", "Camarero"), ("Head of Role Design", "Head of Role Design")],
)  # fmt: skip
def test_a_role_never_ends_in_the_word_for_a_job(role: str, clean: str) -> None:
    assert extract_module._clean_role(role) == clean


@pytest.mark.parametrize(
    ("sender", "body"),
    [("Maya from Fernhill Stores <maya@fernhill.example>",
      "Hi Sam!\n\nYour interview is booked for Friday at 10:00.\n\nSee you there!\nMaya\nRecruiting Assistant, Fernhill Stores"),
     ("Lucía de Almacenes Ribera <lucia@ribera.example>",
      "¡Hola Sam!\n\nTu entrevista está confirmada para el viernes a las 10:00.\n\n¡Te esperamos!\nLucía\nAsistente virtual de Selección"),
     ("Léa de Maison Arvel <lea@arvel.example>",
      "Bonjour Sam,\n\nVotre entretien est confirmé vendredi à 10h.\n\nÀ bientôt,\nLéa\nAssistante virtuelle recrutement")],
)  # fmt: skip
def test_a_bot_signing_above_its_title_line_is_no_contact(sender: str, body: str) -> None:
    contact = extract(parse_mail(_raw(body, sender, "Interview confirmed"))).contact
    assert contact is None or not contact.name


def test_a_person_signing_above_a_title_line_is_the_contact() -> None:
    body = "Hi Sam,\n\nYour interview is booked for Friday at 10:00.\n\nBest,\nMaya Collins\nRecruiting Assistant, Fernhill Stores"
    contact = extract(parse_mail(_raw(body, "Maya Collins <maya.collins@fernhill.example>", "Interview"))).contact
    assert contact is not None and contact.name == "Maya Collins"


def _booking(sender: str, body: str, calendar: str = "") -> bytes:
    head = (
        f"From: {sender}\r\nTo: Sam Taylor <sam@example.org>\r\nSubject: Booking confirmed: interview\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0000\r\nMessage-ID: <b@x.example>\r\nMIME-Version: 1.0\r\n"
    )
    if not calendar:
        return (head + f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n").encode()
    return (
        head
        + 'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
        f"{body}\r\n--B\r\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n{calendar}\r\n--B--\r\n"
    ).encode()


_ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    "ORGANIZER;CN=Dora Quill:mailto:dora.quill@fenwickmuseum.example\r\n"
    "DTSTART:20260310T140000Z\r\nDTEND:20260310T144500Z\r\nSUMMARY:Interview\r\nUID:u1@x\r\n"
    "END:VEVENT\r\nEND:VCALENDAR"
)
_PAGE = "https://outlook.office365.com/owa/calendar/FenwickInterviews@fenwickmuseum.example/bookings/s/Zt4"


@pytest.mark.parametrize(
    "manage",
    ["Need to make changes? Manage booking:", "Reschedule or cancel:", "Termin ändern oder absagen:",
     "Pour modifier ou annuler :", "Para cambiar o cancelar la cita:"],
)  # fmt: skip
def test_a_booked_times_manage_link_is_no_scheduling_link(manage: str) -> None:
    body = (
        f"Your booking is confirmed.\n\nTuesday, 10 March 2026, 14:00 - 14:45\nStaff: Dora Quill\n\n{manage}\n{_PAGE}\n"
    )
    facts = extract(parse_mail(_booking("Fenwick Interviews <FenwickInterviews@fenwickmuseum.example>", body)))
    assert facts.scheduling_links == ()


def test_a_link_to_pick_a_time_stays_a_scheduling_link() -> None:
    body = f"We would like to meet you. Please pick a time that suits you:\n{_PAGE}\n\nBest,\nDora Quill"
    facts = extract(parse_mail(_booking("Dora Quill <dora.quill@fenwickmuseum.example>", body)))
    assert facts.scheduling_links == (_PAGE,)


def test_a_shared_booking_calendar_is_neither_company_nor_recipient_when_a_person_is_named() -> None:
    body = (
        f"Your booking is confirmed.\n\nTuesday, 10 March 2026, 14:00 - 14:45\nStaff: Dora Quill\n\nManage booking:\n{_PAGE}\n"
        "Questions: reply to dora.quill@fenwickmuseum.example\n\nFenwick Museum of Maritime History\n"
    )
    sender = "Fenwick Interviews on behalf of Dora Quill <FenwickInterviews@fenwickmuseum.example>"
    facts = extract(parse_mail(_booking(sender, body, _ICS)))
    assert facts.to == "dora.quill@fenwickmuseum.example"
    assert facts.company != "Fenwick Interviews"


def test_a_shared_booking_calendar_is_the_recipient_when_nobody_else_is_named() -> None:
    body = f"Your booking is confirmed.\n\nTuesday, 10 March 2026, 14:00 - 14:45\nStaff: any recruiter\n\nManage booking:\n{_PAGE}\n"
    facts = extract(parse_mail(_booking("Fenwick Interviews <FenwickInterviews@fenwickmuseum.example>", body)))
    assert facts.to == "fenwickinterviews@fenwickmuseum.example"


@pytest.mark.parametrize(
    ("sender", "subject", "body", "company"),
    [
        # a firm's name joined to "talent" in its domain is an agency's; its news "from" the client names it
        ("Lena Brandt <lena.brandt@halvard-talent.example>", "Feedback from Ostmark",
         "Hi Sam,\n\nI just spoke with Ostmark Logistik about the Planner role. They decided to go with another "
         "candidate.\n\nBest,\nLena Brandt\nSenior Recruiter\nHalvard Talent", "Ostmark Logistik"),
        ("Lena Brandt <lena.brandt@halvard-talent.example>", "Rückmeldung von Ostmark",
         "Hallo Sam,\n\nich habe gerade mit Ostmark Logistik gesprochen. Sie haben sich für jemand anderen entschieden.\n\nViele Grüße\nLena Brandt\nHalvard Talent", "Ostmark Logistik"),
        # news from a person is no client; without one, no company, never the agency's
        ("Lena Brandt <lena.brandt@halvard-talent.example>", "Feedback from Sarah",
         "Hi Sam,\n\nSarah Whitcombe thanked you for the interview but went with another candidate.\n\nBest,\nLena Brandt\n"
         "Halvard Talent", ""),
    ],
)  # fmt: skip
def test_an_agency_named_in_its_domain_gives_the_client_its_news_is_from(
    sender: str, subject: str, body: str, company: str
) -> None:
    assert extract(parse_mail(_raw(body, sender, subject))).company == company


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_a_check_in_to_an_agency_recruiter_does_not_wish_them_well_at_the_client(language: str) -> None:
    company = "Ostmark Logistik"
    to_agency = _render("check_in", language, True, agency=True, company=company)
    in_house = _render("check_in", language, True, agency=False, company=company)
    first = lambda body: body.split("\n\n")[1]  # noqa: E731  the paragraph after the greeting
    assert company not in first(to_agency) and company in first(in_house)
