"""Where a mail states its employer besides the sender's name: a signature's line of its own, a
team's sign-off, a job board's words for the employer it relays for, a name the domain writes as
an acronym. Each source on invented mail (EN/DE/FR/ES), with a neighbour where one place alone
must not be enough: a wrong company is worse than none."""

from __future__ import annotations

from functools import partial

import pytest
from followup.act import extract as extract_module
from followup.act.extract import extract as extract_with
from followup.mail.parse import parse_mail

from tests.conftest import SHIPPED_PLATFORMS

extract = partial(extract_with, platforms=SHIPPED_PLATFORMS)


def _company(body: str, sender: str, subject: str = "Your application") -> str:
    raw = (
        f"From: {sender}\r\nTo: Sam Taylor <sam@example.org>\r\nSubject: {subject}\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nMessage-ID: <c@x.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()
    return extract(parse_mail(raw)).company


def _sources(body: str, sender: str, subject: str = "Your application") -> list[str]:
    raw = (
        f"From: {sender}\r\nTo: Sam Taylor <sam@example.org>\r\nSubject: {subject}\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nMessage-ID: <c@x.example>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()
    return [f.source for f in extract(parse_mail(raw)).evidence if f.field == "company"]


ROOFER = "Hi Sam,\n\nCan you come by the yard on Thursday at 8am for a chat?\n\nThanks,\nMarta Quinlan\nOffice Manager\n{line}\n(555) 014-2290"


def test_a_signature_line_the_domain_spells_is_the_employer() -> None:
    # Some of its words, in order, make the domain: two places name it.
    body = ROOFER.format(line="Glenrock & Sons Roofing")
    assert _company(body, "Marta Quinlan <marta@glenrockroofing.example>") == "Glenrock & Sons Roofing"
    assert any(
        "the domain 'glenrockroofing' spells it too" in s for s in _sources(body, "marta@glenrockroofing.example")
    )
    # The same line from a mailbox at a mail provider: one place only, nothing is sure.
    assert _company(body, "Marta Quinlan <marta.quinlan@gmail.com>") == ""


def test_a_domain_that_writes_the_words_in_another_order() -> None:
    body = "Guten Tag Herr Taylor,\n\ngerne laden wir Sie zu einem Gespräch ein.\n\nMit freundlichen Grüßen\nJonas Brandt\nMeister\nTischlerei Brandt\nAm Anger 4, 37073 Göttingen"
    assert _company(body, "Jonas Brandt <j.brandt@brandt-tischlerei.de>") == "Tischlerei Brandt"


def test_a_teams_sign_off_that_the_display_name_writes() -> None:
    body = "¡Hola Sam!\n\nGracias por tu interés. Hemos optado por otro perfil para el puesto.\n\nTe deseamos lo mejor,\nEquipo Bodegas Ribalta"
    assert _company(body, "Bodegas Ribalta <no-reply@teamtailor-mail.com>") == "Bodegas Ribalta"
    # The sign-off alone, under a platform's own name, is one place: not sure.
    assert _company(body, "Teamtailor <no-reply@teamtailor-mail.com>") == ""


def test_a_signature_line_the_text_writes_too() -> None:
    body = (
        "Dear Sam,\n\nThank you for your interest in the Kestrel Valley Water Board. We regret that your"
        " application was not shortlisted.\n\nHuman Resources\nKestrel Valley Water Board"
    )
    assert _company(body, "Recruitment <noreply@governmentjobs.com>") == "Kestrel Valley Water Board"
    # A place under a title is no employer, even when the text names the town.
    town = "Dear Sam,\n\nThe interview is in Harrowgate.\n\nBest regards,\nLiam Doyle\nBranch Manager, Harrowgate"
    assert _company(town, "Liam Doyle <liam.doyle@gmail.com>") == ""


def test_the_subjects_first_piece_confirms_a_signature() -> None:
    body = "Hi Sam,\n\nThanks for your time today. Let's set up the technical round.\n\nBest,\nJana Ruiz\nTalent Partner, Brightloom"
    assert _company(body, "Jana Ruiz <no-reply@hire.lever.co>", "Brightloom: next steps") == "Brightloom"
    # A later piece of the subject may be a place or a document: no proof.
    assert _company(body, "Jana Ruiz <no-reply@hire.lever.co>", "Next steps - Brightloom") == ""


@pytest.mark.parametrize(
    ("body", "sender", "subject", "company"),
    [
        ("Hola Sam,\n\nLa empresa Muebles Arganda ha finalizado el proceso de selección de la oferta Montador/a.\n\nVer ofertas",
         "InfoJobs <noreply@infojobs.net>", "Tu candidatura ha cambiado de estado", "Muebles Arganda"),
        ("Guten Tag,\n\nArbeitgeber: Stadtwerke Halden\nStelle: Elektroniker (m/w/d)\n\nIhre Bewerbung wurde leider abgelehnt.",
         "Stellenportal <noreply@stellen-portal.example>", "Ihre Bewerbung", "Stadtwerke Halden"),
        ("Bonjour Sam,\n\nBoucherie Lemaire a examiné votre candidature et ne donnera pas suite.\n\n"
         "Ce message a été envoyé par Indeed au nom de Boucherie Lemaire.",
         "Indeed <noreply@indeed.com>", "Mise à jour de votre candidature", "Boucherie Lemaire"),
        ("Sam, an update from Harlow Garden Centre\n\nHarlow Garden Centre has reviewed your application and decided not to move forward.",
         "Indeed <noreply@indeed.com>", "An update on your application to Harlow Garden Centre", "Harlow Garden Centre"),
        # the employer unnamed, or named in one place only: nothing is sure
        ("Hola Sam,\n\nLa empresa ha finalizado el proceso de selección.\n\nVer ofertas",
         "InfoJobs <noreply@infojobs.net>", "Tu candidatura ha cambiado de estado", ""),
        ("Hi Sam,\n\nHarlow Garden Centre has reviewed your application and decided not to move forward.",
         "Indeed <noreply@indeed.com>", "An update on your application", ""),
    ],
)  # fmt: skip
def test_a_job_boards_words_for_the_employer(body: str, sender: str, subject: str, company: str) -> None:
    assert _company(body, sender, subject) == company


def test_an_acronym_the_domain_writes_is_spelled_out_from_the_signature() -> None:
    body = (
        "Hello Sam,\n\nHarlow FCU would like to invite you to an interview on Tuesday at 10am.\n\nKind regards,\n"
        "Nadia Price\nBranch Manager\nHarlow Federal Credit Union\nHarlow FCU is an equal opportunity employer."
    )
    assert _company(body, "Nadia Price <nprice@harlowfcu.example>") == "Harlow Federal Credit Union"


@pytest.mark.parametrize(
    ("lead", "acronym", "name", "expected"),
    [("Coastal", "CU", "Coastal Community Credit Union", True), ("Cedar Valley", "ISD", "Cedar Valley Independent School District", True),
     ("Cedar Valley", "ISD", "Cedar Valley Middle School", False), ("Coastal", "CU", "Harbor Community Credit Union", False),
     ("Coastal", "CU", "Coastal", False)],
)  # fmt: skip
def test_an_acronym_of_a_longer_name(lead: str, acronym: str, name: str, expected: bool) -> None:
    assert extract_module._acronym_of(lead, acronym, name) is expected


@pytest.mark.parametrize(
    ("name", "labels", "agrees"),
    [("Kestrel Ingénierie", ["ingenierie-kestrel"], True), ("Larch County", ["countyoflarch"], True),
     ("Coopérative Laurentienne", ["cooplaurentienne"], True), ("Tan & Co Bookkeeping", ["tanbookkeeping"], True),
     # a label that only shares a short word, or spells another name
     ("Tan & Co Bookkeeping", ["tanbakery"], False), ("Larch County", ["oakcounty"], False), ("Kestrel Ingénierie", ["ingenieriebleu"], False)],
)  # fmt: skip
def test_a_domain_that_spells_a_name_in_its_own_way(name: str, labels: list[str], agrees: bool) -> None:
    assert bool(extract_module._domain_agrees(name, labels)) is agrees


def test_a_firms_name_is_no_title_and_a_french_teams_words_go() -> None:
    # "Partners", "Associates" and "X & Y" name a firm; "Managing Partner" above them is the signer's title.
    body = "Hello Sam,\n\nWe would like to meet you on Friday.\n\nRegards,\nRuth Alder\nManaging Partner\nAlder & Voss Associates"
    assert _company(body, "Ruth Alder <ruth@aldervoss.example>") == "Alder & Voss Associates"
    assert _company(body.replace("Alder & Voss Associates", "FP&A Analyst"), "Ruth Alder <ruth@gmail.com>") == ""
    sign_off = (
        "Bonjour Sam,\n\nNous avons retenu un autre profil.\n\nCordialement,\nL'équipe Talent Acquisition Maison Vidal"
    )
    assert _company(sign_off, "Maison Vidal <no-reply@smartrecruiters.com>") == "Maison Vidal"


def test_a_relays_interview_request_names_the_employer_in_two_places() -> None:
    body = "Brookvale Vets wants to interview you!\n\nJob: Veterinary Nurse\n\nRespond on Indeed."
    assert _company(body, "Indeed <no-reply@indeed.com>", "Interview request from Brookvale Vets") == "Brookvale Vets"
    assert _company(body, "Indeed <no-reply@indeed.com>", "Interview request") == ""


AGENCY = "Hi Sam,\n\nGood news - {text}\n\nCall me after.\n\nDean Price\nSenior Consultant\nKeystone Staffing"


@pytest.mark.parametrize(
    ("subject", "text", "company"),
    [("Interview set with Ashdown Foods - Shift Lead", "Ashdown Foods would like to meet you on Friday.", "Ashdown Foods"),
     ("Final interview arranged - Finance Director, Thornbury Ales", "Thornbury Ales want to see you again.", "Thornbury Ales"),
     # the longest form the text writes
     ("Interview confirmed - Staff Nurse with Lakeshore Regional", "Lakeshore Regional Medical Center would like to meet you.",
      "Lakeshore Regional Medical Center"),
     # a town, an acronym the mail never spells out, a name the text does not write: no client is sure
     ("Shift Lead role, Leeds", "the client in Leeds would like to meet you.", ""),
     ("Interview confirmed with Harlow FCU", "Harlow FCU would like to meet you.", ""),
     ("Interview set with Ashdown Foods", "the client would like to meet you.", "")],
)  # fmt: skip
def test_an_agencys_subject_names_the_client_the_text_writes(subject: str, text: str, company: str) -> None:
    assert _company(AGENCY.format(text=text), "Dean Price <dean@keystone-staffing.example>", subject) == company


def test_an_agencys_client_in_german() -> None:
    body = (
        "Hallo Sam,\n\ngute Nachrichten: Brauhaus Kessel möchte Sie kennenlernen.\n\nViele Grüße\nAnna Roth\n"
        "Personalberaterin\nKontur Personal GmbH"
    )
    assert (
        _company(body, "Anna Roth <a.roth@kontur-personal.de>", "Vorstellungsgespräch bei Brauhaus Kessel")
        == "Brauhaus Kessel"
    )


# Found by a review of this round's merges: what a pattern or a sign-off can take for an employer
# that names none, and inputs that made two helpers run for minutes.


@pytest.mark.parametrize(
    ("body", "sender", "subject"),
    [
        (
            "Hello,\n\nCompany: Confidential\nRole: Finance Manager\n\nCan you talk on Friday?",
            "a@agency.example",
            "Role",
        ),
        ("Hi Sam,\n\nThe company I mentioned earlier is still reviewing. More soon.", "b@mail.example", "News"),
        ("Hola Sam:\n\nTe escribimos desde el área.\n\nUn saludo", "c@mail.example", "Nuevo mensaje de Talento Humano"),
        (
            "Hi Sam,\n\nCould you come in on Thursday 19 November at 10:00 for the Warehouse Operative role?"
            " Ask for me at Gate B on arrival.\n\nCheers,\nMark Ellis\nWarehouse Operative Team\nGate B",
            "Mark Ellis <mark.ellis@gmail.com>",
            "Interview - Thursday",
        ),
    ],
)
def test_a_placeholder_a_department_a_job_or_a_place_is_no_employer(body: str, sender: str, subject: str) -> None:
    assert _company(body, sender, subject) == ""


def test_cutting_words_to_spell_a_domain_stays_quick_on_hostile_input() -> None:
    # Uncached, 7 words of 12 letters against a 61-letter label took half a minute.
    assert not extract_module._pieces_spell("a" * 60 + "b", ["aaaaaaaaaaaac"] * 7, 0, True)
    assert extract_module._pieces_spell("dwyerplumbing", ["dwyer", "sons", "plumbing"], 0, True)


def test_no_function_word_is_listed_twice() -> None:
    # A word listed twice lets the repeated group match a run of it in 2**n ways ("Manager a a a … b").
    words = extract_module._FUNCTION_TAIL.pattern.split("(?:", 2)[2].split("))+$")[0].split("|")
    assert len(words) == len(set(words))
    assert extract_module._without_function_tail("Manager" + " a" * 40 + " b").endswith("a b")


@pytest.mark.parametrize(
    ("name", "local", "owns"),
    [
        ("Peter Schmidt", "m.schmidt", False),  # another Schmidt
        ("Peter Schmidt", "schmidt", False),  # the firm's mailbox (Schmidt & Partner)
        ("Daniel Okoye", "d.okoye", True),
        ("Colton Reese", "reese.colton", True),
        ("Karen Lindqvist", "klindqvist", True),
    ],
)
def test_a_mailbox_is_a_persons_only_when_it_spells_the_given_name_too(name: str, local: str, owns: bool) -> None:
    assert extract_module._owns(name, local, (), 0.5) is owns
