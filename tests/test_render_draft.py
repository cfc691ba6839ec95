"""followup.act.render_draft: drafts that stay safe and threaded whatever the mail said, and fit the situation."""

from __future__ import annotations

import base64
import email
import email.policy
import email.utils
import itertools
import re
from datetime import datetime
from pathlib import Path

import pytest
from followup.act.extract import extract
from followup.act.render_draft import render_draft, slot_phrase
from followup.act.templates import SAMPLE_CONTEXT
from followup.imap.mailbox import Fetched
from followup.mail.parse import parse_mail
from followup.pipeline import INTERVIEW_CATEGORIES, Pipeline
from followup.resources import load_rule_set, load_templates
from followup.state.ledger import Ledger

from tests.conftest import SHIPPED_PLATFORMS
from tests.test_compose import ACCOUNT, CONFIG, NOW, assert_only_our_headers


def draft_for(raw: bytes, template: str = "rejection_thanks") -> email.message.EmailMessage:
    mail = parse_mail(raw)
    draft = render_draft(mail, extract(mail, platforms=SHIPPED_PLATFORMS), ACCOUNT, load_templates(None), template, NOW)
    parsed = email.message_from_bytes(draft.raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


def _encoded(name: str) -> str:
    return "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="


HOSTILE_NAMES = [
    "HR\r\nBcc: evil3@evil.example",
    "HR\nTo: evil@evil.example",
    "evil@evil.example",
    "Kim Park <evil@evil.example>",
    'Kim "Park" <evil@evil.example>, other@evil.example',
    "Doe, Jane; evil@evil.example",
    "\u202eelpmaxe.live@live\u202c",
    "\u202bكريم بارك\u202c",
    "\u05d3\u05e0\u05d4 \u05db\u05d4\u05df",
    "Kim\x00Park",
    "=?UTF-8?Q?evil=40evil.example?=",
    "Recruiting (evil@evil.example)",
    "a" * 2000,
]


def _mail(body: str, subject: str = "Your application") -> bytes:
    return (
        f"From: Kim Park <kim.park@corp.example>\r\nSubject: {subject}\r\nMessage-ID: <s1@corp.example>\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def _from_acme(uid: int, body: str, subject: str) -> Fetched:
    raw = (
        f"From: Kim Park <kim.park@acme-analytics.example>\r\nTo: Alex Example <alex@example.org>\r\n"
        f"Subject: {subject}\r\nMessage-ID: <{uid}@acme-analytics.example>\r\n"
        f"Date: Sat, 21 Nov 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        "\r\nBest regards,\r\nKim Park\r\nAcme Analytics\r\n"
    ).encode()
    return Fetched(uid, raw, len(raw), None, False)


INVITATION = "We would like to invite you to an interview for the Data Analyst position at Acme Analytics."


REJECTION = "Thank you for your interest in the Data Analyst position. We have decided not to move forward."


def _rejection_body(pipeline: Pipeline, fetched: list[Fetched], interviewed: frozenset[tuple[str, str]]) -> str:
    items = pipeline.process_batch(ACCOUNT, "INBOX", 1, fetched, NOW, lambda _ids: {}, {}, interviewed)
    rejection = items[-1]
    assert rejection.decision is not None and rejection.decision.category == "rejection", rejection.decision
    draft = next(d for d in rejection.drafts if d.template == "rejection_thanks")
    return email.message_from_bytes(draft.raw, policy=email.policy.default).get_payload(decode=True).decode()


def test_encoded_newline_in_subject_never_becomes_a_header() -> None:
    """CVE-2024-6923 class: an encoded newline in a Subject must not add a Bcc to the draft."""
    raw = (
        b"From: Recruiter <r@corp.example>\r\nSubject: =?UTF-8?Q?Hello=0ABcc:_attacker@evil.example?=\r\n"
        b"Message-ID: <m1@corp.example>\r\nReferences: <a@x>\r\n =?UTF-8?Q?=0D=0ABcc:_x@evil.example?=\r\n\r\n"
        b"We have decided not to move forward.\r\n"
    )
    assert_only_our_headers(draft_for(raw))


def test_the_exact_cve_2024_6923_subject_adds_no_bcc() -> None:
    """The issue's case word for word: an encoded newline, then a Bcc, in the Subject."""
    raw = (
        b"From: Recruiter <r@corp.example>\r\nSubject: =?UTF-8?Q?=0A?=Bcc: attacker@evil.example\r\n"
        b"Message-ID: <m3@corp.example>\r\n\r\nWe have decided not to move forward.\r\n"
    )
    draft = draft_for(raw)
    assert_only_our_headers(draft)
    assert draft["Bcc"] is None and "attacker@evil.example" in draft["Subject"]


def test_hostile_display_name_stays_in_one_header() -> None:
    raw = (
        b"From: =?UTF-8?Q?Eve=0D=0ABcc:_evil@evil.example?= <eve@corp.example>\r\nSubject: Your application\r\n"
        b"Message-ID: <m2@corp.example>\r\n\r\nWe have decided not to move forward.\r\n"
    )
    draft = draft_for(raw)
    assert_only_our_headers(draft)
    assert len(draft.get_all("To") or []) == 1


def test_no_reply_sender_leaves_to_empty_with_a_note() -> None:
    raw = (
        b"From: Acme Careers <no-reply@acme.example>\r\nSubject: Your application\r\nMessage-ID: <m3@acme.example>\r\n\r\n"
        b"We have decided not to move forward.\r\n"
    )
    draft = draft_for(raw)
    assert draft["To"] is None
    body = draft.get_body(("plain",)).get_content()
    assert body.startswith("[Note to self:") and "Dear Hiring Team" in body
    assert "followup" not in draft.as_string().lower()


def test_reply_to_human_is_used_and_message_id_is_deterministic() -> None:
    raw = (
        b"From: Acme via ATS <no-reply@us.greenhouse-mail.io>\r\nReply-To: Kim Park <kim@acme.example>\r\n"
        b"Subject: Interview invitation\r\nMessage-ID: <m4@acme.example>\r\n\r\nWe would like to invite you to an interview.\r\n"
    )
    first, second = draft_for(raw, "invitation_reply"), draft_for(raw, "invitation_reply")
    assert first["To"] == "Kim Park <kim@acme.example>"
    assert first["Message-ID"] == second["Message-ID"]
    assert "Dear Kim," in first.get_body(("plain",)).get_content()
    assert first["X-Followup"] is None  # nothing in a draft names the tool
    assert "followup" not in first["Message-ID"].lower()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("field", ["From", "Reply-To"])
def test_a_display_name_never_chooses_or_mangles_the_recipient(name: str, field: str) -> None:
    other = "From: Acme <no-reply@acme.example>\r\n" if field == "Reply-To" else ""
    raw = (
        f"{other}{field}: {_encoded(name)} <hr@corp.example>\r\nSubject: Interview\r\n"
        "Message-ID: <h1@corp.example>\r\nDate: Mon, 02 Mar 2026 09:00:00 +0100\r\n\r\n"
        "We would like to invite you to an interview.\r\n"
    ).encode()
    draft = draft_for(raw, "invitation_reply")
    addresses = email.utils.getaddresses(draft.get_all("To", []))
    assert [addr for _, addr in addresses] == ["hr@corp.example"]
    assert draft["Bcc"] is None and draft["Cc"] is None
    raw_to = draft.as_bytes().split(b"\r\n\r\n")[0]
    assert b"evil" not in raw_to and "\u202e" not in str(draft["To"])


def test_a_rejection_before_any_interview_thanks_for_the_consideration() -> None:
    body = draft_for(_mail("Thank you for applying. We have decided not to move forward.")).get_content()
    assert "considering my application" in body
    assert "interview" not in body and "time you and the team spent" not in body


def test_a_rejection_after_an_interview_thanks_for_it() -> None:
    raw = _mail("Thank you for interviewing with us last week. We have decided not to move forward.")
    body = draft_for(raw).get_content()
    assert "time you and the team spent with me" in body and "application or interviews" in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Please choose a time for your interview here: https://calendly.com/kim/30min",
            "I will use the link you shared to arrange the interview",
        ),
        ("Please complete your one-way video interview on HireVue within five days.", "complete the interview"),
        (
            "Would one of these suit you?\n- Thursday, 5 March, 10:00\n- Friday, 6 March, 14:30\n",
            "Of the times you suggested, Thursday 5 March at 10:00 suits me well.",
        ),
    ],
)
def test_an_invitation_reply_fits_the_situation(text: str, expected: str) -> None:
    body = draft_for(
        _mail(f"We would like to invite you to an interview.\n{text}\n\nBest,\nKim Park"), "invitation_reply"
    )
    content = body.get_content()
    assert expected in content
    assert "which times suit you best" not in content


def test_a_thank_you_note_thanks_the_interviewer_the_invitation_named() -> None:
    raw = _mail(
        "We would like to invite you to an interview. You will meet with Renee Tallis, Store Manager.\n\nBest,\nKim Park"
    )
    content = draft_for(raw, "thank_you_note").get_content()
    assert "Dear Kim," in content and "pass on my thanks to Renee Tallis" in content


def test_a_rejection_thanks_for_the_interview_the_ledger_recorded_for_the_application(tmp_path: Path) -> None:
    """No thread links the rejection to the invitation (a new mail, no References): the ledger's
    application for the same company and role had the interview."""
    pipeline = Pipeline(CONFIG, load_rule_set(None), load_templates(None))
    ledger = Ledger(tmp_path / "ledger.sqlite")
    invited = pipeline.process_batch(
        ACCOUNT, "INBOX", 1, [_from_acme(1, INVITATION, "Interview")], NOW, lambda _: {}, {}
    )
    assert invited[0].decision is not None and invited[0].decision.category == "interview_invitation"
    ledger.record(ACCOUNT.key, "INBOX", 1, 1, invited, NOW)
    interviewed = ledger.interviewed(ACCOUNT.key, INTERVIEW_CATEGORIES)
    assert interviewed == {("acmeanalytics", "dataanalyst")}

    after = _rejection_body(pipeline, [_from_acme(2, REJECTION, "Your application")], interviewed)
    assert "time you and the team spent with me" in after
    # The same rejection for an application without an interview thanks for the consideration.
    before = _rejection_body(pipeline, [_from_acme(2, REJECTION, "Your application")], frozenset())
    assert "considering my application" in before and "spent with me" not in before
    # An invitation earlier in the same batch counts before the ledger has it.
    both = [_from_acme(1, INVITATION, "Interview"), _from_acme(2, REJECTION, "Your application")]
    assert "time you and the team spent with me" in _rejection_body(pipeline, both, frozenset())
    ledger.close()


def _from_bot(body: str, sender: str = "Mia <mia@paradox.ai>") -> bytes:
    from tests.test_extract import _raw

    return _raw(body, sender, "Your interview is confirmed", "Mon, 02 Mar 2026 09:00:00 -0600", reply_to=sender)


@pytest.mark.parametrize(
    ("body", "to", "greeting"),
    [
        # The bot names the interviewer but gives no address of theirs: To stays empty, with the note line.
        ("Hi Sam! I'm Mia, the AI recruiting assistant for Larkspur Bakeries.\n\nYour interview is booked.\n\n"
         "When: Thursday, March 5, 2:00 PM Central Time\nWith: Tomasz Wilk, Production Lead\n\n"
         "To change it, just reply RESCHEDULE to this message.\n\nMia", "", "Dear Tomasz,"),
        # An address the mail gives for the interviewer is the note's recipient.
        ("Hi Sam! I'm Mia, the AI recruiting assistant for Larkspur Bakeries.\n\nYour interview is booked for "
         "Thursday, March 5 at 2:00 PM Central Time. You will meet with Tomasz Wilk (tomasz.wilk@larkspur.example).\n\n"
         "To change it, just reply RESCHEDULE to this message.\n\nMia", "Tomasz Wilk <tomasz.wilk@larkspur.example>", "Dear Tomasz,"),
    ],
)  # fmt: skip
def test_a_thank_you_note_never_goes_to_a_scheduling_bot(body: str, to: str, greeting: str) -> None:
    draft = draft_for(_from_bot(body), "thank_you_note")
    content = draft.get_content()
    assert str(draft["To"] or "") == to
    assert greeting in content
    assert ("[Note to self: the mail came from a scheduling assistant" in content) is (not to)


def test_an_invitation_reply_still_answers_the_bot_that_asks_for_it() -> None:
    body = (
        "Hi Sam! I'm Mia, the AI recruiting assistant for Larkspur Bakeries.\n\nYour interview is booked for "
        "Thursday, March 5 at 2:00 PM Central Time.\n\nTo change it, just reply RESCHEDULE to this message.\n\nMia"
    )
    assert str(draft_for(_from_bot(body), "invitation_reply")["To"]) == "mia@paradox.ai"


@pytest.mark.parametrize(
    ("body", "greeting", "pass_on"),
    [
        ("Dear Sam,\n\nYour interview is on Thursday, 5 March 2026 at 16:00 UTC. You will meet with Margaret Lowry, "
         "Director of FP&A.\n\nPlease confirm by replying to margaret.lowry@ostrander.example.\n\nRegards,\n"
         "Ostrander Talent Acquisition\nOracle Taleo - do not reply to this address", "Dear Margaret,", "pass on my thanks"),
        ("Sehr geehrte Frau Taylor,\n\nIhr Gespräch findet am Donnerstag, 5. März 2026 um 16:00 Uhr statt. Sie sprechen "
         "mit Margarete Lohmann, Leiterin Controlling.\n\nBitte bestätigen Sie den Termin an margarete.lohmann@ostrander.example."
         "\n\nMit freundlichen Grüßen\nIhr Recruiting-Team\nOracle Taleo - do not reply to this address",
         "Guten Tag Margarete Lohmann,", "meinen Dank für das Gespräch aus"),
    ],
)  # fmt: skip
def test_a_note_to_the_interviewers_own_mailbox_greets_her_and_asks_no_one_to_pass_it_on(
    body: str, greeting: str, pass_on: str
) -> None:
    from tests.test_extract import _raw

    raw = _raw(body, "Ostrander <ostrander@taleo.net>", "Interview", "Mon, 02 Mar 2026 09:00:00 +0000")
    for template in ("thank_you_note", "invitation_reply"):
        draft = draft_for(raw, template)
        content = draft.get_content()
        assert "lo" in str(draft["To"]).lower() and greeting in content, content
        assert pass_on not in content


def test_the_note_to_self_names_the_interviewer_on_one_line() -> None:
    body = (
        "Hi Sam! It's Mia, the virtual assistant for Larkspur Bakeries.\n\nYour interview is confirmed!\n\n"
        "Interviewer: Tomasz Wilk\nDate: Thursday, March 5, 2026\nTime: 2:00 PM CST\n\n"
        "Need to reschedule? Reply to this email.\n\nMia\nLarkspur Bakeries Talent Team"
    )
    content = draft_for(_from_bot(body), "thank_you_note").get_content()
    assert "put Tomasz Wilk's address in To" in content and "Dear Tomasz," in content


def test_a_note_from_an_address_that_takes_no_reply_greets_the_interviewer_the_mail_names() -> None:
    from tests.test_extract import _raw

    body = (
        "Dear Sam,\n\nWe are pleased to invite you to an interview on Thursday, 5 March 2026 at 16:00 UTC.\n"
        "Microsoft Teams, link to follow from your interviewer, Teodora Blum.\n\nKind regards,\nRecruitment Team"
    )
    raw = _raw(body, "Ostrander Careers <noreply@ostrander.example>", "Interview", "Mon, 02 Mar 2026 09:00:00 +0000")
    draft = draft_for(raw, "thank_you_note")
    content = draft.get_content()
    assert not draft["To"] and "Dear Teodora," in content and "put Teodora Blum's address in To" in content
    assert "pass on my thanks" not in content


def test_the_interviewers_mailbox_greets_her_with_the_title_the_mail_gives_her() -> None:
    from tests.test_extract import _raw

    body = (
        "Hola Ainhoa,\n\nTu entrevista ha quedado reservada:\n\nLunes, 17 de mayo de 2027, 12:00 (hora peninsular)\n"
        "Con: Dra. Remedios Alcaraz, Supervisora de Planta\n\nPara cambiar la cita escribe a ralcaraz@clinica.example.\n\n"
        "Clínica del Sol"
    )
    raw = _raw(
        body,
        "Agenda Clínica del Sol <citas@clinica.example>",
        "Confirmada: entrevista",
        "Mon, 03 May 2027 09:00:00 +0200",
    )
    content = draft_for(raw, "invitation_reply").get_content()
    assert "Hola, Dra. Alcaraz:" in content, content


def test_an_interviewer_who_signed_with_her_first_name_is_not_thanked_through_herself() -> None:
    raw = _mail(
        "We would like to invite you to an interview on Thursday, 5 March 2026 at 10:00. You will meet with "
        "Renee Tallis, Store Manager.\n\nBest,\nRenee\nStore Manager",
    ).replace(b"From: Kim Park <kim.park@corp.example>", b"From: Renee <renee@corp.example>")
    content = draft_for(raw, "thank_you_note").get_content()
    assert "Dear Renee," in content and "pass on my thanks" not in content


@pytest.mark.parametrize(
    ("slot", "sent", "language", "phrase"),
    [
        # a list's text, read as a date and a time and written as a sentence writes one
        ("Monday, Nov 16: 9:30 AM or 1:00 PM", "2026-11-11T14:00:00-05:00", "en", "Monday 16 November at 9:30 AM"),
        ("Thursday 1/28, 10:00-10:30 AM", "2027-01-26T20:14:06+00:00", "en", "Thursday 28 January at 10:00 AM"),
        ("17 Aug, 15:00", "2026-08-10T09:00:00+01:00", "en", "Monday 17 August at 15:00"),
        (
            "Wednesday 15 April, 11:00–11:45 (BST)",
            "2026-04-08T09:00:00+01:00",
            "en",
            "Wednesday 15 April at 11:00 (BST)",
        ),
        ("9. Juni, 10:00 Uhr", "2026-06-02T12:20:00+02:00", "de", "Dienstag, der 9. Juni, um 10:00 Uhr"),
        ("Freitag, 29.05., um 10:30 Uhr", "2026-05-20T09:00:00+02:00", "de", "Freitag, der 29. Mai, um 10:30 Uhr"),
        ("jeudi 21 mai, 10h", "2026-05-12T09:00:00+02:00", "fr", "le jeudi 21 mai à 10h00"),
        ("lunes 22 a las 10:00", "2026-06-15T09:00:00+02:00", "es", "el lunes 22 de junio a las 10:00"),
        ("jueves 21 de mayo, 9:30", "2026-05-12T09:00:00+02:00", "es", "el jueves 21 de mayo a las 9:30"),
        # a weekday without a date
        ("Tuesday 10:00", "2026-06-02T12:00:00+01:00", "en", "Tuesday at 10:00"),
        ("Dienstag, 10 Uhr", "2026-06-02T12:00:00+02:00", "de", "Dienstag um 10:00 Uhr"),
        ("mardi 10h", "2026-06-02T12:00:00+02:00", "fr", "mardi à 10h00"),
        ("martes a las 10:00", "2026-06-02T12:00:00+02:00", "es", "el martes a las 10:00"),
        # no single time: nothing, never the mail's text
        ("10:00 or 14:00", "2026-06-02T12:00:00+02:00", "en", ""),
        ("Tuesday, 9 June, 10:00", "2026-06-02T12:00:00+02:00", "en", "Tuesday 9 June at 10:00"),
        ("Next week", "2026-06-02T12:00:00+02:00", "en", ""),
    ],
)
def test_an_offered_slot_is_named_as_the_language_writes_a_time(
    slot: str, sent: str, language: str, phrase: str
) -> None:
    assert slot_phrase(slot, datetime.fromisoformat(sent), language) == phrase
    assert slot_phrase(slot, None, language) == ""


_THREAD = {
    "es": (
        "Hola Nerea:\n\nGracias por escribir. Tras la entrevista hemos decidido seguir adelante con otra candidata. "
        "Te agradezco mucho tu tiempo.\n\nUn saludo,\nXabier\n\nEl mié, 5 may 2027, Nerea Goikoetxea escribió:\n"
        "> Hola Xabier, ¿sabes ya algo del proceso? Gracias.",
        "Xabier Arregi <xarregi@donostia.example>",
        ("Hola, Xabier:", "tú y tu equipo"),
        r"\b(?:usted|ustedes|su equipo|les|le agradezco)\b",
    ),
    "de": (
        "Hi Lena,\n\nnach dem Gespräch haben wir uns leider für jemand anderen entschieden. Danke dir für deine Zeit!"
        "\n\nViele Grüße\nJonas\n\nAm 05.05.2027 um 10:00 schrieb Lena Vogt <lena@mail.example>:\n"
        "> Hallo Jonas, hast du schon was gehört? Danke dir!",
        "Jonas Brandt <jonas.brandt@firma.example>",
        ("Hallo Jonas,", "die du und dein Team euch"),
        r"\b(?:Sie|Ihnen|Ihre?[nmrs]?)\b",
    ),
}


@pytest.mark.parametrize("language", ["es", "de"])
def test_a_reply_keeps_to_the_informal_register_the_candidate_already_used(language: str) -> None:
    from tests.test_extract import _raw

    body, sender, expected, formal = _THREAD[language]
    raw = _raw(body, sender, "Re: Analista de Datos", "Thu, 06 May 2027 10:00:00 +0200")
    for template in ("rejection_thanks", "check_in"):
        content = draft_for(raw, template).get_content()
        assert expected[0] in content and not re.search(formal, content), content
    assert expected[1] in draft_for(raw, "rejection_thanks").get_content()
    # The same reply to a candidate who wrote formally, or quoting the sender's own mail, stays formal.
    formal_thread = raw.replace("¿sabes ya algo".encode(), "¿sabe ya algo".encode()).replace(
        b"hast du schon was geh\xc3\xb6rt? Danke dir!", "haben Sie schon etwas gehört? Vielen Dank!".encode()
    )
    own_quote = raw.replace(b"Nerea Goikoetxea", b"Xabier Arregi").replace(b"Lena Vogt", b"Jonas Brandt")
    for other in (formal_thread, own_quote):
        assert expected[1] not in draft_for(other, "rejection_thanks").get_content()


@pytest.mark.parametrize(
    "path", sorted((Path(__file__).parent.parent / "templates").glob("*.*.[td]u.txt")), ids=lambda p: p.name
)
def test_an_informal_template_never_falls_back_to_the_formal_address(path: Path) -> None:
    language = path.name.split(".")[1]
    formal = {"es": r"\b(?:usted|ustedes|su|sus|les|le)\b", "de": r"\b(?:Sie|Ihnen|Ihre?[nmrs]?)\b"}[language]
    templates = load_templates(None)
    for flags in itertools.product((False, True), repeat=6):
        interviewed, agency, exercise, closed, reason, feedback_offered = flags
        context = {
            **SAMPLE_CONTEXT,
            "interviewed": interviewed,
            "agency": agency,
            "exercise": "el caso práctico" if exercise and language == "es" else "die Fallstudie" if exercise else "",
            "exercise_about": "",
            "interviews": interviewed,
            "closed": closed,
            "reason": reason,
            "feedback_offered": feedback_offered,
            "no_feedback": False,
            "no_opening": False,
            "resend": closed,
        }
        body = templates.render(path.name.split(".")[0], context, language, path.name.split(".")[2]).body
        assert not re.search(formal, body), body
