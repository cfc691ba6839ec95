"""The situation a reply answers (followup.act.situation.situation) and the wording each one gets,
in English, German, French and Spanish, with the other facts known and unknown."""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from followup.act.extract import extract
from followup.act.render_draft import misfit, one_slot
from followup.act.situation import Situation, interviewed, is_deadline, long_interview_end, written_time
from followup.act.templates import SAMPLE_CONTEXT
from followup.mail.parse import parse_mail
from followup.pipeline import Pipeline
from followup.resources import load_rule_set, load_templates

from tests.conftest import SHIPPED_PLATFORMS
from tests.test_compose import CONFIG
from tests.test_render_draft import REJECTION, _from_acme, _rejection_body

LANGUAGES = ("en", "de", "fr", "es")
TEMPLATES = load_templates(None)


def _facts(body: str, subject: str = "Interview", sender: str = "Dana Reyes <dana.reyes@corp.example>") -> Any:
    raw = (
        f"From: {sender}\r\nSubject: {subject}\r\nMessage-ID: <s@corp.example>\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()
    return extract(parse_mail(raw), UTC, platforms=SHIPPED_PLATFORMS)


def _render(template: str, language: str, known: bool, **situation: Any) -> str:
    """*template* in *language* with the situation given, and the other facts all known or all unknown."""
    context = {**SAMPLE_CONTEXT, "interviewed": False, "interview_date": "", "offered_slot": "", "scheduling_link": ""}
    if not known:
        context.update(contact_name="", contact_first_name="", company="", role="", interviewer="")
    context.update(situation)
    return TEMPLATES.render(template, context, language).body


# ---------------------------------------------------------------- rejections: was there an interview?

AFTER_AN_INTERVIEW = [
    "Thanks so much for sitting down with us on Thursday and for talking us through your portfolio.",
    "It was a pleasure meeting you last week. Unfortunately we have offered the role to someone else.",
    "Thank you for your application and for visiting our depot in Leeds.",
    "After speaking with you and two other candidates, we have chosen to go another way.",
    "The hiring panel enjoyed your presentation, but we have decided to move ahead with another finalist.",
    "We really enjoyed our conversation on Monday; sadly the role has gone to an internal candidate.",
    "Thank you for the time you spent with the engineering team over the past two weeks.",
    "You were one of two finalists, and it was a close decision.",
    "Vielen Dank für das freundliche Vorstellungsgespräch am Dienstag und Ihr Interesse an unserem Haus.",
    "Nach unserem persönlichen Gespräch haben wir uns für eine andere Bewerberin entschieden.",
    "Es hat uns gefreut, Sie kennenzulernen; leider können wir Ihnen keine Zusage geben.",
    "Merci pour notre entretien de la semaine dernière ; nous avons retenu un autre profil.",
    "À l'issue de nos échanges, nous avons choisi de poursuivre avec une autre candidate.",
    "Nous avons été ravis de vous avoir rencontrée lors de la journée de recrutement.",
    "Gracias por la entrevista del viernes; hemos decidido seguir con otra persona.",
    "Tras nuestra conversación con el equipo, hemos optado por otro perfil.",
    "Fue un placer conocerte, pero el puesto ya está cubierto.",
    "Thank you again for the time you spent with Ravi and me.",
    "Thank you for spending so much time with us through the onsite.",
    "Congratulations again on making it to the final round; we have chosen another candidate.",
    "The team met yesterday and we've decided to move ahead with another finalist.",
    "I know that's disappointing to hear after a final round.",
    "Thank you for traveling to Peoria for the final round.",
    "After your phone screen, you were not selected as a finalist.",
    "Merci encore pour le temps que vous avez consacré à nos échanges pour le poste.",
    "Bonjour, encore merci pour les deux entretiens.",
    "¡Gracias por tu tiempo en la llamada del martes!",
    # an interview referred to or praised, an audition before a board, an assessment day, a site visit
    "I refer to your recent interview for the post of Hospital Porter, Ref 2031.",
    "It was close, and they spoke highly of your interview; the client has chosen another graduate.",
    "Suite à votre audition du 4 mars devant le jury, votre candidature n'a pas été retenue.",
    "Votre entrevue avait beaucoup plu à l'équipe, mais nous avons retenu une autre personne.",
    "Nous nous sommes rencontrés à deux reprises et je tenais à vous répondre personnellement.",
    "Gracias por participar en la jornada de selección del pasado martes en nuestra tienda.",
    "Te agradecemos tu participación en el proceso y la visita a nuestras oficinas de Vigo.",
    # The interview in other words: a long first thanks before "and for meeting", an assessment or trial day
    "Thank you for your interest in the Clinical Trial Manager (Req R-0048817) role with Halvorsen Therapeutics and "
    "for taking the time to meet with our team last week.",
    "Thank you for applying for the Grants Officer post and for attending the assessment day.",
    "Thank you for your trial day with us on Saturday.",
    "We appreciated you coming in last week to meet the kitchen team.",
    "Vielen Dank für Ihren Probetag bei uns.",
    "Nach unserem Gespräch haben wir uns für eine andere Kandidatin entschieden.",
    "Suite à notre rencontre, nous avons décidé de poursuivre avec un autre profil.",
    "Tras conocerte, hemos decidido seguir con otra candidata.",
    "Muchas gracias por venir a conocernos el jueves.",
    "Nach dem ersten Interview haben wir uns für eine andere Kandidatin entschieden.",
    "Nach dem Gespräch werden wir Sie leider nicht weiter berücksichtigen.",
    # a trial or assessment day thanked for, a talk enjoyed
    "Je vous remercie d'être venue passer une soirée d'essai en salle mardi dernier.",
    "Nous vous remercions de votre participation à notre journée d'évaluation du 3 mars.",
    "Gracias por venir el martes al turno de prueba en el obrador.",
    "Thanks again for coming in for the trial shift on Saturday.",
    "Thank you again for spending the day with us on site.",
    "Danke, dass du beim Probearbeiten so mit angepackt hast.",
    "Disfruté mucho de nuestra conversación del lunes.",
    "Je vous remercie encore d'être venu nous rencontrer pour le second entretien.",
]

BEFORE_ANY_INTERVIEW = [
    "Thank you for applying. We have reviewed your application and will not be moving forward.",
    "Unfortunately you have not been shortlisted for interview on this occasion.",
    "We received many applications and regret that we will not be inviting you to interview.",
    "Your score did not reach the threshold needed to progress to the interview stage.",
    "Thank you for the time you put into the take-home exercise; we won't be inviting you to the next round.",
    "Thank you for your interest in the Call Centre Agent role. We have decided not to proceed.",
    "Thank you for completing the recorded video interview. We will not progress your application.",
    "Leider können wir Sie nicht zu einem Vorstellungsgespräch einladen.",
    "Vielen Dank für Ihre Bewerbung. Wir haben uns für andere Kandidaten entschieden.",
    "Votre candidature n'a pas été retenue pour un entretien.",
    "Nous vous remercions pour votre candidature, que nous ne pouvons retenir.",
    "No ha sido seleccionada para la fase de entrevista.",
    "Gracias por tu interés y por el tiempo dedicado a presentar tu candidatura.",
    # A meeting of the team, a panel that shortlisted, rounds of review, the finalists chosen
    "Your application was discussed in our team meeting and unfortunately we have decided not to proceed.",
    "Following the shortlisting panel, we regret to inform you that you have not been selected.",
    "After several rounds of review, we have decided to pursue other candidates.",
    "We have now selected our finalists and will not be moving forward with your application.",
    "We have decided to progress other candidates to the final round.",
    "Unfortunately the interview panel has chosen other applicants for the onsite.",
    "In our weekly hiring meeting we reviewed all applications.",
    # A visit to a web site, the time put into an application or a test
    "Keep an eye on our careers page: when you visit, you will find new roles.",
    "Thank you for visiting our careers site and applying for the role.",
    "We appreciate the time you invested in your application over the past few weeks.",
    "Thank you for the time you spent with the online assessment.",
    "Thanks for the time you spent on our coding challenge over the last days.",
    "We enjoyed getting to know you through your application.",
    "We appreciated hearing about your background in your cover letter.",
    "Vielen Dank für die Bearbeitung der Fallstudie. Leider haben wir uns anders entschieden.",
    "Leider können wir Sie für die nächste Runde der Vorstellungsgespräche nicht berücksichtigen.",
    "Wir haben Ihre Unterlagen in unserer Teamsitzung besprochen und uns anders entschieden.",
    "Nous avons sélectionné d'autres profils pour les entretiens.",
    "Merci pour votre étude de cas ; nous ne donnerons pas suite.",
    "Merci d'avoir participé à la mise en situation en ligne.",
    "Gracias por la presentación de su candidatura.",
    "Su candidatura fue revisada en la reunión del comité de selección.",
    "Gracias por completar la prueba técnica; hemos decidido seguir con otros perfiles.",
    "Gracias por participar en nuestro proceso de selección; hemos elegido otro perfil.",
    "Gracias por tu visita a nuestra web y por tu candidatura.",
    "We will be in touch regarding your interview invitation once the panel has met.",
    # Met at a careers fair: no interview
    "Thank you for your interest in the Summer 2027 Engineering Internship program at Northwind Energy and for "
    "meeting us at the career fair.",
    "Thank you for meeting us at the careers fair in March and for applying.",
    # An invitation describing the process: what follows an interview yet to be held
    "Nach dem ersten Interview folgt ein Fachgespräch mit der Abteilungsleitung.",
    "Nach dem ersten Interview melden wir uns innerhalb einer Woche bei Ihnen.",
    "Nach dem Interview erhalten Sie eine Rückmeldung.",
    # a trial day offered, not held
    "Nous vous proposons une journée d'essai le 12 mars.",
    "Te proponemos una jornada de prueba el sábado.",
]


@pytest.mark.parametrize("text", AFTER_AN_INTERVIEW)
def test_a_rejection_after_an_interview_is_read_as_one(text: str) -> None:
    assert interviewed(text)


@pytest.mark.parametrize("text", BEFORE_ANY_INTERVIEW)
def test_no_interview_is_read_where_none_took_place(text: str) -> None:
    assert not interviewed(text)


def test_a_phrase_wrapped_or_quoted_is_still_read() -> None:
    assert interviewed("Thank you for\nmeeting with us\non Friday.")
    assert interviewed("> Merci encore pour\n> notre entretien.")


def test_a_one_way_video_is_no_interview_whatever_else_the_mail_says() -> None:
    facts = _facts("Thank you for completing your one-way video interview on HireVue. Thank you for interviewing.")
    assert facts.situation.one_way and not facts.situation.interviewed


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("known", [True, False])
def test_a_rejection_thanks_for_the_interview_only_after_one(language: str, known: bool) -> None:
    after = _render("rejection_thanks", language, known, interviewed=True)
    before = _render("rejection_thanks", language, known, interviewed=False)
    assert after != before
    for word in ("interview", "Gespräch", "entretien", "entrevista"):
        assert word not in before


# ---------------------------------------------------------------- feedback


@pytest.mark.parametrize(
    "text",
    [
        "Because of the volume we aren't able to give individual feedback.",
        "We are unable to provide feedback on individual applications.",
        "Leider können wir Ihnen kein individuelles Feedback geben.",
        "Nous ne sommes pas en mesure de vous faire un retour personnalisé.",
        "No podemos ofrecer valoraciones individuales.",
    ],
)
def test_a_mail_that_gives_no_feedback_is_not_asked_for_it(text: str) -> None:
    situation = _facts(f"We will not move forward. {text}").situation
    assert situation.no_feedback and not situation.feedback


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("known", [True, False])
def test_the_feedback_request_goes_when_the_mail_says_none_can_be_given(language: str, known: bool) -> None:
    asked = _render("rejection_thanks", language, known)
    not_asked = _render("rejection_thanks", language, known, no_feedback=True)
    assert len(not_asked) < len(asked)
    for word in ("feedback", "Feedback", "remarques", "comentario"):
        assert word not in not_asked


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("known", [True, False])
def test_a_reply_thanks_for_feedback_only_when_the_mail_gave_some(language: str, known: bool) -> None:
    given = _render("feedback_thanks", language, known, feedback=True)
    none = _render("feedback_thanks", language, known, feedback=False)
    assert given != none
    for word in ("this feedback", "dieses Feedback", "ce retour", "estos comentarios"):
        assert word not in none


def test_feedback_is_read_from_what_the_mail_says_about_the_candidate() -> None:
    assert _facts(
        "Happy to share: the panel liked your design, but we wanted more depth on testing."
    ).situation.feedback
    assert _facts("Gerne: fachlich stark, uns hat nur etwas Führungserfahrung gefehlt.").situation.feedback
    assert not _facts("Wir haben uns entschieden, die Stelle anderweitig zu besetzen.").situation.feedback


# ---------------------------------------------------------------- invitations


@pytest.mark.parametrize(
    ("body", "flag"),
    [
        (
            "Please share your availability using the link below:\nhttps://ats.example/candidate_availability/8f2e",
            "self",
        ),
        ("Pick a slot that suits you here: https://jobs.example/acme/interview/77/book", "self"),
        ("Bitte wählen Sie über diesen Link einen Termin: https://bewerbung.example/slots/select?t=1", "self"),
        ("Choisissez votre créneau ici : https://rdv.example/acme/entretien", "self"),
        ("Elige el horario que mejor te venga: https://citas.example/acme", "self"),
        ("Your booking is confirmed.\nThursday, 12 March 2026\n10:30 - 11:00", "booked"),
        ("A new event has been scheduled.\nEvent Date/Time: 9:00am - 9:30am, Tuesday", "booked"),
        ("Could you come in on Friday, 13 March at 11:00? It takes about half an hour.", "fixed"),
        ("Ihr Gespräch findet am Donnerstag, 12. März, um 14:30 Uhr statt.", "fixed"),
        ("Nous vous attendons le mercredi 11 mars à 9h30 dans nos locaux.", "fixed"),
        ("Te esperamos el jueves 12 de marzo a las 10:00 en la oficina.", "fixed"),
        ("Record your answers to five questions at a time that suits you, by Sunday 23:59.", "one_way"),
        ("Sie beantworten die Fragen in einem zeitversetzten\nVideointerview bis zum 12. März.", "one_way"),
        ("Vous enregistrerez vos réponses lors d'un entretien vidéo différé.", "one_way"),
        ("Es una entrevista en vídeo en diferido: podrás grabar tus respuestas.", "one_way"),
        # one-way videos and automated phone screens, in their other words, and by their service's link
        ("It takes about ten minutes: you'll see each question, then record your answer.", "one_way"),
        ("Please complete it by Friday 20 March.\n\nStart here: https://app.willo.video/i/acme-42", "one_way"),
        ("La primera entrevista es telefónica y automatizada: llama cuando quieras al 900 000 000.", "one_way"),
        ("Vous répondrez à 4 questions enregistrées lors d'une entrevue vidéo différée.", "one_way"),
        ("Votre entretien téléphonique automatisé est ouvert jusqu'au 20 mars.", "one_way"),
        ("Der erste Schritt ist ein automatisiertes Telefoninterview, das Sie jederzeit führen können.", "one_way"),
        ("Bitte nehmen Sie Ihre Antworten per Video auf, bis zum 20. März.", "one_way"),
        ("Du beantwortest drei Fragen per Video – wann und wo du willst. Nimm das Video bis Freitag auf.", "one_way"),
        # "automatic" as well as "automated", and a recorded voice asking the questions
        ("Next comes a short automatic phone interview: call 0800 000 000 whenever you like.", "one_way"),
        ("El siguiente paso es una entrevista telefónica automática: una voz grabada te hará 5 preguntas.", "one_way"),
        ("La prochaine étape est un entretien téléphonique automatique de dix minutes.", "one_way"),
        ("Als Nächstes folgt ein automatisches Telefoninterview (ca. 10 Minuten).", "one_way"),
        ("Te esperamos el jueves 12 de marzo a las 10:00; recibirás un recordatorio automático.", "fixed"),
        # a booking link in the German ways of saying it
        ("Bitte wählen Sie über den folgenden Link einen passenden Termin aus:\nhttps://karriere.example/x/42", "self"),
        ("Über den folgenden Link kannst du dir einen passenden Termin aussuchen:\nhttps://jobs.example/s/9", "self"),
        ("Such dir hier einfach einen freien Termin aus: https://jobs.example/s/9", "self"),
    ],
)
def test_an_invitation_is_read_as_it_is_meant(body: str, flag: str) -> None:
    situation = _facts(f"We would like to invite you to an interview.\n\n{body}\n").situation
    flags = {"self": situation.self_schedule, "booked": situation.booked, "fixed": situation.fixed}
    flags["one_way"] = situation.one_way
    assert [name for name, on in flags.items() if on] == [flag] or (flag == "booked" and situation.booked)


@pytest.mark.parametrize(
    "body",
    [
        # Asking for times is no booking link; a link in the signature is none either
        "We would like to schedule an interview with you for the Analyst role. Please let me know when you are free"
        " next week.\n\nDana\nhttps://www.corp.example",
        "We would like to schedule an interview. Would Tuesday 10 March at 10:00 or Wednesday 11 March at 14:00 work for"
        " you?\n\nDana Reyes\nCareers: https://corp.example/careers",
        "Could you let us know your availability next week? We would like to schedule a time to talk.\n\n"
        "--\nCorp | https://www.corp.example | Follow us: https://social.example/corp",
        "Wir möchten einen Termin für ein Gespräch vereinbaren. Wann passt es Ihnen?\n\nDana\nhttps://www.corp.example",
        "Nous souhaitons planifier un entretien. Quelles sont vos disponibilités ?\n\nhttps://www.corp.example",
        "Queremos agendar una entrevista contigo. ¿Qué días te vienen bien?\n\nhttps://www.corp.example",
    ],
)
def test_a_request_for_times_is_no_self_scheduling(body: str) -> None:
    situation = _facts(f"{body}\n").situation
    assert not situation.self_schedule


@pytest.mark.parametrize(
    "body",
    [
        "Please book a time that suits you here: https://corp.example/jobs/42",
        "Please choose an interview slot using the link below:\n\nhttps://corp.example/x/42",
        "Click the button below to pick a convenient time for your interview.\nhttps://corp.example/x/42",
        "Please let us know your availability over the next week using the link\nbelow.\n\nhttps://app.example/avail/4c9e",
    ],
)
def test_a_booking_phrase_beside_its_link_is_self_scheduling(body: str) -> None:
    assert _facts(f"{body}\n\nDana").situation.self_schedule


@pytest.mark.parametrize(
    "body",
    [
        "We would like to invite you to an interview. Please let us know your availability.\nOur office is open Monday"
        " to Friday, 9am to 5pm.",
        "We would like to invite you to an interview. The role is based in our Leeds office (Monday to Friday,"
        " 9:00-17:30).",
        "Wir laden Sie zu einem Gespräch ein. Unser Büro ist Mo–Fr 9:00–17:00 Uhr besetzt.",
        "Nous vous invitons à un entretien. Nos bureaux sont ouverts du lundi au vendredi, 9h-18h.",
        "Te invitamos a una entrevista. Horario de oficina: de lunes a viernes, 9:00 - 18:00.",
        "We would like to invite you to an interview. Please tell us when you are free. The position starts on"
        " Monday, 1 June; shifts begin 7:00.",
    ],
)
def test_office_hours_and_other_times_are_no_interview_time(body: str) -> None:
    situation = _facts(f"{body}\n").situation
    assert not situation.fixed and not situation.booked


@pytest.mark.parametrize(
    "body",
    [
        "Interview details:\n\nMonday 4 May 2026, 15:00 - 16:00 (UK time)\nZoom: https://zoom.example/j/1",
        "Can you come by\nthe shop Tuesday the 10th, 9:00-10:00 AM Central Time?",
        "Te agendé para el miércoles 18 de noviembre, de 15 a 16 h (hora de Argentina).",
    ],
)
def test_a_time_in_the_invitations_details_is_fixed(body: str) -> None:
    assert _facts(body, subject="Interview - Payments Specialist").situation.fixed


@pytest.mark.parametrize(
    "body",
    [
        "The interview is scheduled to last 45 minutes. Please tell me when you are free.",
        "Your call is scheduled for about 30 minutes; let us know which day suits you.",
        "Das Interview ist für 45 Minuten angesetzt. Wann passt es Ihnen?",
    ],
)
def test_a_length_is_no_booking(body: str) -> None:
    assert not _facts(body).situation.booked


@pytest.mark.parametrize(
    "text",
    [
        "We won't be inviting you to interview.",
        "We can't offer you an interview at this stage.",
        "We couldn’t offer you an interview this time.",
        "Unfortunately you were not selected as a finalist.",
    ],
)
def test_a_mail_saying_no_interview_is_read_with_its_contractions(text: str) -> None:
    assert _facts(text).situation.no_interview


@pytest.mark.parametrize(
    "text",
    [
        "Unfortunately we went with someone else, but thank you for the interview.",
        "Unfortunately we have filled the role; we are grateful for the time you gave to the interview.",
        "After your phone screen, you were not selected as a finalist.",
    ],
)
def test_thanks_for_an_interview_is_no_word_that_none_took_place(text: str) -> None:
    assert not _facts(text).situation.no_interview


@pytest.mark.parametrize(
    "text",
    [
        "We would like to invite you to an interview on Thursday, 12 March 2026 at 14:00 (UTC) with Anna, who leads our"
        " client services team.",
        "Im Team betreuen Sie unsere Kunden und arbeiten eng mit dem Vertrieb zusammen.",
        "Our client success managers will join the call.",
        "You will meet the client relations lead.",
    ],
)
def test_the_teams_customers_are_no_agency_client(text: str) -> None:
    assert not _facts(text).situation.agency


@pytest.mark.parametrize(
    "text",
    [
        "On behalf of my client, a growing fintech, I would like to invite you to an interview.",
        "Our client, Corvin Supply, would like to meet you.",
        "Im Auftrag unseres Mandanten laden wir Sie zu einem Gespräch ein.",
        "Nous recrutons pour le compte d'un acteur majeur de la logistique.",
    ],
)
def test_an_agency_writing_for_a_client_is_read(text: str) -> None:
    assert _facts(text).situation.agency


@pytest.mark.parametrize(
    "text",
    [
        "Please don't hesitate to share any feedback on our process.",
        "Do not hesitate to give us feedback about your experience.",
    ],
)
def test_an_invitation_to_give_feedback_is_no_refusal_to_give_it(text: str) -> None:
    assert not _facts(f"We will not move forward. {text}").situation.no_feedback


_HOSTILE = (
    "Hi\n" + "\n" * 65000 + "Dana",
    "Hi\n" + " \n" * 32000 + "Dana",
    "date: " * 11000,
    "1.1." * 16000,
    "Monday 9:00 " * 5400,
    "- 1 \n" * 13000,
)


@pytest.mark.parametrize(
    "body", _HOSTILE, ids=("blank lines", "space lines", "date labels", "1.1.", "weekday clocks", "bullets")
)
def test_a_hostile_body_is_read_in_linear_time(body: str) -> None:
    """A bench-style bound, not a timing: only backtracking that grows with the square (8 s and
    more on a body of blank lines before) exceeds it. The body is put in place of a parsed one:
    extraction is measured, not parsing."""
    mail = replace(parse_mail(b"From: Dana <d@corp.example>\r\nSubject: Interview\r\n\r\nHi\r\n"), text=body)
    extract(mail, UTC, platforms=SHIPPED_PLATFORMS)  # the first call compiles and loads
    started = time.perf_counter()
    extract(mail, UTC, platforms=SHIPPED_PLATFORMS)
    assert time.perf_counter() - started < 5


def test_a_deadline_with_a_time_is_no_interview_time() -> None:
    situation = _facts(
        "Please select a slot through https://jobs.example/acme/interview/1/select no later than Monday, 9 March at 5:00 PM."
    ).situation
    assert situation.self_schedule and not situation.fixed


def test_slots_the_mail_offers_are_read_as_it_writes_them() -> None:
    situation = _facts("Voici mes disponibilités :\n- mardi 10 mars, 9h30 ou 11h\n- mercredi 11 mars, 14h\n").situation
    assert situation.slots == ("mardi 10 mars, 9h30 ou 11h", "mercredi 11 mars, 14h")
    assert one_slot(situation.slots[0]) == "mardi 10 mars, 9h30"
    assert one_slot("Wednesday 11/5: 11:00am or 3:30pm") == "Wednesday 11/5: 11:00am"


@pytest.mark.parametrize(
    ("body", "slots"),
    [
        (
            "Could you let me know which of these works?\n\n  Tue Mar 10, 9:00-9:45 AM ET\n  Wed Mar 11, 2:00-2:45 PM ET\n",
            ("Tue Mar 10, 9:00-9:45 AM ET", "Wed Mar 11, 2:00-2:45 PM ET"),
        ),
        (
            "Welcher Termin passt Ihnen?\n\n   Dienstag, 10.3., 10:00 Uhr\n   Mittwoch, 11.3., 14:30 Uhr\n",
            ("Dienstag, 10.3., 10:00 Uhr", "Mittwoch, 11.3., 14:30 Uhr"),
        ),
        # an indented address or a signature is no slot
        ("We would like to invite you to an interview.\n\n  14 Harbour Road, Leith\n  Tel. 0131 555 0199\n", ()),
    ],
)
def test_slots_set_off_by_their_indent_are_read(body: str, slots: tuple[str, ...]) -> None:
    assert _facts(body).situation.slots == slots


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("Would you like to come in for a chat?\n\nWould Friday 13th at half two suit?", "Friday 13th at half two"),
        ("Seriez-vous disponible mardi à 10h pour un entretien ?", "mardi à 10h"),
        # 'swing by', 'stop by': a visit, no deadline (Monday: the mail's own weekday, this one or next)
        ("Could you stop by the office Monday at 2 pm for an interview?", "Monday at 2 pm"),
        # an itinerary, or a date with words between it and the time, is not named as one time
        ("Your interview day begins at 8:30 AM on Thursday; your seminar is at 11:00 AM.", ""),
        ("We can meet on Monday, once the team is back, at the office at 10:00 for the interview.", ""),
    ],
)
def test_a_fixed_time_not_read_is_named_as_the_mail_writes_it(body: str, written: str) -> None:
    situation = _facts(body, sender="Dana Reyes <dana.reyes@corp.example>").situation
    assert situation.fixed and situation.written_time == written


def test_a_time_is_named_as_written_only_when_nothing_else_is_in_it() -> None:
    assert written_time("martes 10 de marzo a las 10:00") == "martes 10 de marzo a las 10:00"
    assert written_time("Montag, 9. März um 14 Uhr") == "Montag, 9. März um 14 Uhr"
    assert written_time("Thursday, July 16, 2026 (all times Pacific)\n  9:00 AM") == ""
    assert written_time("Monday, we will meet at 10:00") == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_time_named_as_written_is_confirmed_and_a_choice_is_left_to_the_recruiter(language: str) -> None:
    body = _render("invitation_reply", language, True, fixed=True, written_time="Tuesday at 10am")
    assert "Tuesday at 10am" in body and not any(phrase in body for phrase in ASKS_FOR_TIMES)
    body = _render("invitation_reply", language, False, choice=True)
    assert not any(phrase in body for phrase in ASKS_FOR_TIMES)
    assert not re.search(r"[^\S\n]{2,}|\s[.,]", body)


def test_a_choice_of_days_without_times_is_read_as_a_choice() -> None:
    situation = _facts("Would Tuesday 10 March or Wednesday 11 March suit you for the interview?").situation
    assert situation.choice and not situation.fixed and not situation.written_time


@pytest.mark.parametrize(
    ("body", "first"),
    [
        ("Would Tuesday 10 March at 10:00 or Wednesday 11 March at 14:00 work for you?", "Tuesday 10 March at 10:00"),
        ("Are you free at one of these times? Thu 3/12 - 10:30 AM, Fri 3/13 - 2:00 PM", "3/12 - 10:30 AM"),
        ("¿Te viene mejor el martes 10 (sobre las 11:00) o el miércoles 11?", ""),
        ("Je suis disponible mardi 10 mars à 9h ou jeudi 12 mars à 16h, dites-moi.", "mardi 10 mars à 9h"),
    ],
)
def test_a_choice_of_times_is_no_fixed_time_and_its_first_option_is_named(body: str, first: str) -> None:
    situation = _facts(body).situation
    assert not situation.fixed and situation.slots == ((first,) if first else ())


ASKS_FOR_TIMES = (
    "which times suit you",
    "welche Termine Ihnen passen",
    "créneaux qui vous conviennent",
    "qué horarios",
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("known", [True, False])
@pytest.mark.parametrize(
    "situation",
    [
        {"self_schedule": True, "scheduling_link": "https://book.example/x"},
        {"self_schedule": True},
        {"booked": True},
        {"fixed": True},
        {"one_way": True},
        {"offered_slot": "Thursday, 12 March, 10:00"},
        {"interview_date": "Thursday, 12 March 2026 at 10:00 (CET)", "fixed": True, "booked": True},
    ],
)
def test_an_invitation_reply_asks_for_times_only_when_nothing_is_set(
    language: str, known: bool, situation: dict[str, Any]
) -> None:
    body = _render("invitation_reply", language, known, **situation)
    assert not any(phrase in body for phrase in ASKS_FOR_TIMES)
    for value in (situation.get("offered_slot"), situation.get("interview_date")):
        assert value is None or value in body
    # The recruiter sent the booking link: pasting it back reads as a form letter.
    assert not situation.get("scheduling_link") or situation["scheduling_link"] not in body
    assert "()" not in body and not re.search(r"[^\S\n]{2,}|\s[.,]", body)
    nothing = _render("invitation_reply", language, known)
    assert any(phrase in nothing for phrase in ASKS_FOR_TIMES)


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize(
    "situation",
    [
        {"interview_date": "Thursday, 12 March 2026 at 10:00"},
        {"fixed": True},
        {"booked": True},
        {"written_time": "Tue at 10"},
    ],
)
def test_a_reply_to_an_agency_does_not_look_forward_to_speaking_with_the_agent(
    language: str, situation: dict[str, Any]
) -> None:
    body = _render("invitation_reply", language, True, agency=True, **situation)
    assert "speaking with you then" not in body and "unser Gespräch" not in body and "notre échange" not in body


@pytest.mark.parametrize(
    "text",
    [
        "Ardmore would like to meet you on Tuesday.\n\nCallum\nStratus Recruitment Ltd acts as an employment agency.",
        "Ardmore would like to meet you on Tuesday.\n\nCallum Reid\nPrincipal Consultant\nHarbour Search Partners",
    ],
)
def test_an_agency_is_read_from_its_signature_or_its_notice(text: str) -> None:
    assert _facts(text, sender="Callum Reid <callum@stratus.example>").situation.agency


def test_an_in_house_staffing_advisor_is_no_agency() -> None:
    text = (
        "Your interview is on Thursday, 12 March 2026 at 14:00.\n\nIf you need accommodation, contact Amelie Roy,"
        " Staffing Advisor, at amelie.roy@province.example.\n\nRecruitment Services\nProvincial Public Service"
    )
    assert not _facts(text, sender="Province Staffing <noreply-staffing@province.example>").situation.agency


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("known", [True, False])
def test_an_agency_rejection_after_an_interview_thanks_the_agent_for_the_process_not_the_team(
    language: str, known: bool
) -> None:
    body = _render("rejection_thanks", language, known, interviewed=True, agency=True)
    team = ("you and the team", "your team", "Sie und Ihr Team", "Ihrem Team", "vous et votre équipe", "su equipo")
    assert not any(words in body for words in team)
    assert not re.search(r"[^\S\n]{2,}|\s[.,]", body)
    check_in = _render("check_in", language, False, interviewed=True, agency=True)
    assert not any(words in check_in for words in ("your team", "Ihrem Team", "votre équipe", "su equipo"))


def test_a_spanish_rejection_to_a_team_does_not_speak_to_one_person() -> None:
    body = _render("rejection_thanks", "es", False, interviewed=True)
    assert "usted y su equipo" not in body and "Estimado equipo" in body


# ---------------------------------------------------------------- thank-you notes


def test_a_thank_you_note_to_an_agency_recruiter_is_not_written_with_the_reason() -> None:
    facts = _facts(
        "Great news - our client Corvin Supply would like to meet you on Thursday, 12 March 2026 at 14:00 at their office."
        " Ask for Gloria Weintraub.\n\nTasha Lind\nSenior Recruiter, Pinnacle Staffing",
        sender="Tasha Lind <tasha@pinnaclestaffing.example>",
    )
    assert facts.situation.agency and facts.interview_at is not None
    assert "agency" in (misfit("thank_you_note", facts) or "")
    assert misfit("invitation_reply", facts) is None


@pytest.mark.parametrize("kind", ["thank_you", "thank_you_last_call"])
@pytest.mark.parametrize("known", [True, False])
def test_a_thank_you_reminder_after_an_agency_interview_sends_the_thanks_to_the_interviewers(
    kind: str, known: bool
) -> None:
    context = {**SAMPLE_CONTEXT, "agency": True, "draft_subject": "", "draft_to": ""}
    if not known:
        context.update(contact_name="", interviewer="", interview_date="")
    body = TEMPLATES.render(f"reminder_{kind}", context).body
    assert "who sent the invitation" not in body and "Sam Recruiter for their time" not in body
    assert "the people you met" in body


def test_a_thank_you_note_is_planned_when_the_time_is_fixed_and_known() -> None:
    facts = _facts("We would like to see you on Thursday, 12 March 2026 at 14:00 (UTC) at our office.")
    assert facts.situation.fixed and facts.interview_at is not None
    assert misfit("thank_you_note", facts) is None


START = datetime(2026, 3, 12, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Your onsite runs 9:30 AM - 1:00 PM.\n09:30 Welcome\n12:15 Lunch with the team", START.replace(hour=13)),
        (
            "Superday itinerary: 9:30 coffee, 10:00-10:30 first interview, 15:45 wrap-up",
            START.replace(hour=15, minute=45),
        ),
        ("Your virtual onsite: four conversations.", START + timedelta(hours=4)),
        ("A 30-minute call with the hiring manager at 9:30; please reply by 17:00.", None),
        (
            "Your onsite is on 12 March 2026 at 9:30. Parking is available on site. Please confirm by 18:00 today.",
            START + timedelta(hours=4),
        ),
        ("Interview on 12 March at 9:30 in our office. Parking is available on site.", None),
    ],
)
def test_a_long_interview_ends_when_the_mail_says_or_hours_later(text: str, end: datetime | None) -> None:
    assert long_interview_end(text, START) == end


def test_the_situation_is_a_value_with_every_flag_off_by_default() -> None:
    situation = Situation()
    assert not any((situation.interviewed, situation.booked, situation.fixed, situation.agency, situation.no_feedback))


@pytest.mark.parametrize(
    "said",
    [
        "Thank you for completing the recorded video interview for the Data Analyst position. We have decided not to"
        " move forward.",
        "Thank you for your interest in the Data Analyst position. Unfortunately you have not been shortlisted for"
        " interview.",
    ],
)
def test_the_mail_saying_no_interview_took_place_wins_over_the_ledger(said: str) -> None:
    """The application had an invitation (a one-way video, say): a rejection that says no interview
    took place still thanks for the consideration."""
    pipeline = Pipeline(CONFIG, load_rule_set(None), load_templates(None))
    body = _rejection_body(
        pipeline, [_from_acme(2, said, "Your application")], frozenset({("acmeanalytics", "dataanalyst")})
    )
    assert "considering my application" in body and "spent with me" not in body
    plain = _rejection_body(
        pipeline, [_from_acme(2, REJECTION, "Your application")], frozenset({("acmeanalytics", "dataanalyst")})
    )
    assert "spent with me" in plain


# ---------------------------------------------------------------- a deadline is no interview time


@pytest.mark.parametrize(
    "body",
    [
        "Please send me a few times that work for you next week, ideally by this Thursday at 5pm.",
        "Let me know your availability for the interview no later than Friday 6 March at 12:00.",
        "Bitte schicken Sie mir Ihre Verfügbarkeit für das Gespräch spätestens bis Donnerstag, 5. März um 17 Uhr.",
        "Merci de me répondre pour l'entretien d'ici jeudi 5 mars à 17h.",
        "Por favor, envíame tu disponibilidad para la entrevista antes del jueves 5 de marzo a las 17:00.",
    ],
)
def test_a_reply_deadline_is_never_confirmed_as_the_interview_time(body: str) -> None:
    situation = _facts(body).situation
    assert not situation.fixed and not situation.written_time


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Please send me a few times next week, ideally by this Thursday at 5pm.", True),
        ("Please reply with your availability, Thursday 5 March at 17:00 at the latest.", True),
        ("Bitte antworten Sie mir bis kommenden Donnerstag, 17 Uhr.", True),
        ("Merci de me répondre d'ici jeudi à 17h.", True),
        ("Envíame tu disponibilidad, por favor, antes de este jueves a las 17:00.", True),
        ("Please send your availability before the end of the week; we suggest Tuesday at 10am.", False),
        ("We would like to invite you to an interview by phone on Thursday at 5pm.", False),
        ("Your interview, hosted by Anna, is on Tuesday at 10am.", False),
        ("Wir laden Sie am Montag, 9. März um 14 Uhr zu einem Gespräch ein.", False),
        ("Nous vous proposons un entretien le mardi 10 mars à 9h.", False),
        ("Te proponemos una entrevista el martes 10 de marzo a las 10:00.", False),
    ],
)
def test_a_deadline_is_told_from_an_interview_time(text: str, deadline: bool) -> None:
    day = re.search(r"(?i)thursday|tuesday|donnerstag|montag|jeudi|mardi|jueves|martes", text)
    assert day and is_deadline(text, day.start(), day.end()) == deadline


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("We would like to invite you to an interview by phone on Thursday at 5pm.", "Thursday at 5pm"),
        ("Your interview, hosted by Anna, is on Tuesday at 10am.", "Tuesday at 10am"),
        ("Wir laden Sie am Montag, 9. März um 14 Uhr zu einem Gespräch ein.", "Montag, 9. März um 14 Uhr"),
        ("Nous vous proposons un entretien le mardi 10 mars à 9h.", "mardi 10 mars à 9h"),
        ("Te proponemos una entrevista el martes 10 de marzo a las 10:00.", "martes 10 de marzo a las 10:00"),
    ],
)
def test_an_interview_time_near_a_word_like_by_is_still_fixed(body: str, written: str) -> None:
    situation = _facts(body).situation
    assert situation.fixed and situation.written_time in (written, "")  # "" when the time itself was read


def test_a_written_time_drops_the_sentences_full_stop_but_not_an_abbreviations() -> None:
    assert written_time("Thursday at 5pm.") == "Thursday at 5pm"
    assert written_time("Thursday at 5 p.m.") == "Thursday at 5 p.m."


# ---------------------------------------------------------------- a choice needs options


@pytest.mark.parametrize(
    "body",
    [
        "We would like to invite you to an interview. Which day works for you?",
        "Wir möchten Sie zu einem Gespräch einladen. Welcher Tag passt Ihnen?",
        "Nous souhaitons vous rencontrer pour un entretien. Quel jour vous convient le mieux ?",
        "Nos gustaría hacerte una entrevista. ¿Qué día te viene mejor? Dime algo antes del viernes.",
        "We would like to invite you to an interview. Which day works for you? Please reply by Friday.",
    ],
)
def test_a_question_about_days_without_any_is_no_choice(body: str) -> None:
    assert not _facts(body).situation.choice


@pytest.mark.parametrize(
    "body",
    [
        "We would like to invite you to an interview. Which day works for you, Tuesday or Wednesday?",
        "Welcher Termin passt Ihnen besser: Dienstag um 10 Uhr oder Mittwoch um 14 Uhr?",
    ],
)
def test_a_question_with_its_options_is_a_choice(body: str) -> None:
    assert _facts(body).situation.choice


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_choice_is_left_to_the_recruiter_without_promising_every_time(language: str) -> None:
    body = _render("invitation_reply", language, True, choice=True)
    for phrase in (
        "All of the times",
        "Alle vorgeschlagenen Termine passen",
        "Tous les créneaux",
        "Todos los horarios",
    ):
        assert phrase not in body


# ---------------------------------------------------------------- an in-house mail is no agency


@pytest.mark.parametrize(
    "text",
    [
        "Im Auftrag von Herrn Dr. Vogel danke ich Ihnen für Ihre Bewerbung und lade Sie zu einem Gespräch ein.",
        "Im Auftrag unserer Geschäftsführung laden wir Sie zu einem Vorstellungsgespräch ein.",
        "The second round includes a role-play with the client and a short case study.",
        "You will present your analysis to the client in a mock meeting.",
        "The project this role supports has been put on hold by the client, and we've paused hiring.",
        "The winning candidates tied the client's issue to wider market pressures.",
    ],
)
def test_an_in_house_mail_that_speaks_of_a_client_or_a_manager_is_no_agency(text: str) -> None:
    assert not _facts(text).situation.agency


@pytest.mark.parametrize(
    "text",
    [
        "The client would like to meet you on Tuesday for an interview.",
        "I have had feedback from the client and they would like a second interview.",
        "Im Auftrag unseres Kunden laden wir Sie zu einem Gespräch ein.",
        "Im Auftrag eines Münchner Scale-ups suche ich einen Head of Product.",
        "Good news - the client (a Singapore-listed shipping group) would like to meet you.",
        "I've spoken with the client and your profile isn't what they need right now.",
        "I heard back from the client this morning - they've decided to go with another candidate.",
    ],
)
def test_a_client_as_the_hiring_party_is_an_agency(text: str) -> None:
    assert _facts(text).situation.agency


@pytest.mark.parametrize("known", [True, False])
def test_a_thank_you_reminder_never_says_the_recruiter_was_not_at_the_interview(known: bool) -> None:
    context = {**SAMPLE_CONTEXT, "agency": True, "draft_subject": "", "draft_to": ""}
    if not known:
        context.update(contact_name="", interviewer="", interview_date="")
    body = TEMPLATES.render("reminder_thank_you", context).body
    assert "was not in it" not in body and "pass your thanks on" in body


@pytest.mark.parametrize(
    ("body", "first"),
    [
        # A second dated time offered after the first, in a sentence of its own: a choice, and the first is named.
        ("Hätten Sie am Dienstag, 17.03., um 9:30 Uhr Zeit für ein Gespräch? Alternativ ginge auch Donnerstag, "
         "19.03., 14 Uhr.", "Dienstag, 17.03., um 9:30 Uhr"),
        ("Could you do an interview on Tuesday 17 March at 9:30? Otherwise Thursday 19 March at 14:00 works too.",
         "Tuesday 17 March at 9:30"),
        ("Pourriez-vous venir en entretien le mardi 17 mars à 9h30 ? Sinon, le jeudi 19 mars à 14h.", "mardi 17 mars à 9h30"),
        ("¿Podrías hacer la entrevista el martes 17 de marzo a las 9:30? Si no, el jueves 19 de marzo a las 14:00.",
         "martes 17 de marzo a las 9:30"),
    ],
)  # fmt: skip
def test_two_times_offered_one_after_the_other_are_a_choice(body: str, first: str) -> None:
    situation = _facts(body).situation
    assert not situation.fixed and situation.slots == (first,)


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("Hallo Sam, passt dir Mittwoch um 16 für ein kurzes Gespräch?", "Mittwoch um 16"),
        ("Salut Sam, tu serais dispo mercredi à 16 pour un entretien rapide ?", "mercredi à 16"),
        ("Hola Sam, ¿te va bien el miércoles a las 4 para una entrevista rápida?", "miércoles a las 4"),
    ],
)
def test_a_weekday_with_a_bare_hour_is_one_proposed_time(body: str, written: str) -> None:
    situation = _facts(body).situation
    assert situation.fixed and situation.written_time == written


@pytest.mark.parametrize(
    "body",
    [
        "Our interviews run Wednesday at 4 locations across the city; we will write with times.",
        "Please reply by Friday at 5 with the times that suit you for the interview.",
    ],
)
def test_a_weekday_and_a_number_that_are_no_time_are_not_read_as_one(body: str) -> None:
    assert not _facts(body).situation.written_time


@pytest.mark.parametrize(
    "text",
    [
        # a panel or a final round an agency relays as held
        "Quick update: the client thanked you for making the trip over for the panel, but they chose someone else.",
        "Unfortunately not this time, though you interviewed very well.",
        "Nach dem Panel-Interview hat sich unser Mandant leider für eine interne Lösung entschieden.",
        "Nach der letzten Runde hat sich mein Kunde anders entschieden.",
        "Suite à votre passage devant le comité, notre client a retenu une autre candidature.",
        "Après ce second tour d'entretiens, mon client ne donnera pas suite.",
        "Después de la ronda final, nuestro cliente ha optado por otra candidata.",
        "Tras la fase de entrevistas, el cliente ha elegido a otra persona.",
    ],
)
def test_a_panel_or_final_round_relayed_by_an_agency_is_an_interview(text: str) -> None:
    assert interviewed(text)
    body = f"Hi Sam,\n\n{text}\n\nBest,\nJo Marsh\nSenior Consultant | Fenwick Recruitment Ltd"
    facts = _facts(body, subject="Update", sender="Jo Marsh <jo@fenwick-recruitment.example>")
    assert facts.situation.interviewed and facts.situation.agency


@pytest.mark.parametrize(
    "text",
    [
        "The selection panel reviewed every application and you were not shortlisted.",
        "Please make the trip to our office in good time for the interview on Monday.",
        "Nach der Sichtung Ihrer Unterlagen müssen wir Ihnen leider absagen.",
        "Tras la revisión de su candidatura, no continuaremos con el proceso.",
    ],
)
def test_a_panel_that_only_read_the_application_is_no_interview(text: str) -> None:
    assert not interviewed(text)


@pytest.mark.parametrize("known", [True, False])
@pytest.mark.parametrize("agency", [True, False])
def test_a_german_check_in_after_interviews_reads_as_german_written(known: bool, agency: bool) -> None:
    body = _render("check_in", "de", known, interviewed=True, agency=agency)
    assert "Der Austausch hat mir viel mitgegeben, und ich bin nach wie vor sehr" in body
    assert "weitergearbeitet" not in body and "aus dem Prozess" not in body
    assert not re.search(r"[^\S\n]{2,}|\s[.,]", body)


@pytest.mark.parametrize(
    ("text", "interviewer"),
    [
        ("Interviewer: Kevin Dunmore\nDate: Saturday, July 11, 2026", "Kevin Dunmore"),
        ("Interviewer: Kevin Dunmore\nDate\nSaturday, July 11, 2026", "Kevin Dunmore"),
        ("Gesprächspartnerin: Anna Berger\nUhrzeit: 10:00 Uhr", "Anna Berger"),
        # A name wrapped at the line's end is still one name, on one line.
        ("Tendrás una entrevista el miércoles a las 10:00 por Google Meet, con Íñigo\nSalas, director de operaciones.",
         "Íñigo Salas"),
        # Whom to see on the day, in the mail's own words.
        ("Ask for: Joanne Pruitt, Shift Supervisor", "Joanne Pruitt"),
        ("Microsoft Teams, link to follow from your interviewer, Teodora Blum.", "Teodora Blum"),
        ("Am Empfang fragen Sie nach Herrn Malte Quandt.", "Malte Quandt"),
        ("À l'accueil, demandez Mme Odile Ferrand.", "Odile Ferrand"),
        ("Ask for the duty manager at reception.", ""),
    ],
)  # fmt: skip
def test_an_interviewer_name_is_one_line_without_a_field_label(text: str, interviewer: str) -> None:
    assert (
        _facts(f"Hi Sam,\n\nYour interview is confirmed.\n{text}\n\nBest,\nDana Reyes").situation.interviewer
        == interviewer
    )


@pytest.mark.parametrize(
    ("body", "start"),
    [
        # a weekday and a time with no date: the next such day after the mail (sent Monday 2 March)
        ("Would Tuesday at 10am work for a quick call? I'll send a Zoom link.", datetime(2026, 3, 3, 10, 0)),
        ("Passt Ihnen Dienstag um 10 Uhr für ein erstes Gespräch?", datetime(2026, 3, 3, 10, 0)),
        ("Can you swing by the shop Friday at 3 for a quick chat?", datetime(2026, 3, 6, 15, 0)),
        ("Sam - great chat earlier. Can you do Wednesday at 4 for a call with our CTO?", datetime(2026, 3, 4, 16, 0)),
    ],
)
def test_a_weekday_and_a_time_are_the_next_such_day(body: str, start: datetime) -> None:
    facts = _facts(body)
    assert facts.situation.fixed and facts.interview_at is not None
    assert facts.interview_at.replace(tzinfo=None) == start


def test_answers_filmed_by_yourself_are_a_one_way_interview() -> None:
    body = (
        "¡Hola Nuria! El siguiente paso es una breve entrevista en vídeo: responderás a 4 preguntas "
        "grabándote con el móvil, cuando mejor te venga. Tienes de plazo hasta el 20 de enero."
    )
    assert _facts(body).situation.one_way


def test_thanks_for_the_time_given_to_a_work_sample_is_no_interview() -> None:
    body = (
        "Hi Ibrahim,\n\nThank you for completing the work sample for the Senior Copywriter role. Having reviewed "
        "the submissions, we won't be taking your application further. Thank you again for the time you gave us."
    )
    situation = _facts(body).situation
    assert not situation.interviewed and situation.exercise


@pytest.mark.parametrize(
    "body",
    [
        "We appreciate your interest and the time you took to meet with our Construction Director.",
        "herzlichen Dank für die Bearbeitung unserer Case Study und die Präsentation am vergangenen Freitag.",
        "Je tenais à vous remercier pour votre venue à l'atelier et pour la qualité de vos planches.",
    ],
)
def test_a_meeting_said_in_passing_is_an_interview(body: str) -> None:
    assert _facts(body).situation.interviewed


def test_two_numeric_german_dates_with_oder_are_a_choice() -> None:
    body = (
        "Wir können Ihnen folgende Termine anbieten:\n"
        "Dienstag, 10.03. um 09:00 Uhr oder Donnerstag, 12.03. um 15:30 Uhr\n\n"
        "Bitte teilen Sie uns Ihren Wunschtermin mit."
    )
    situation = _facts(body).situation
    assert situation.choice and not situation.fixed
    assert not any("10:03" in slot for slot in situation.slots)  # "10.03." is a date, not a time


def test_a_german_reply_to_a_one_way_video_calls_it_no_conversation() -> None:
    body = _render("invitation_reply", "de", True, one_way=True)
    assert "Einladung zum Interview" in body and "Gespräch" not in body


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_booking_link_from_an_agency_recruiter_promises_no_conversation_with_them(language: str) -> None:
    for flags in ({"self_schedule": True}, {"scheduling_link": "https://calendly.com/client/first-round"}):
        body = _render("invitation_reply", language, True, agency=True, **flags)
        assert "our conversation" not in body and "unser Gespräch" not in body


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Please prepare a 10-minute presentation on your research.", True),
        ("Kindly bring a writing sample of no more than five pages.", True),
        ("Bitte bereiten Sie einen Kurzvortrag von 10 Minuten vor.", True),
        ("Pensez à apporter une pièce d'identité.", True),
        ("Por favor, trae tu portfolio impreso.", True),
        # a reply's own content is no task: times, a confirmation
        ("Please send me your availability for next week.", False),
        ("Merci de nous envoyer vos disponibilités.", False),
        ("Please reply to confirm.", False),
    ],
)
def test_an_invitation_that_sets_a_task_is_answered_that_it_will_be_done(text: str, asked: bool) -> None:
    situation = _facts(
        f"We would like to invite you to an interview on Thursday, 5 March 2026 at 10:00.\n{text}\n"
    ).situation
    assert situation.asked_to_prepare is asked
    body = _render("invitation_reply", "en", True, asked_to_prepare=asked)
    assert ("anything you would like me to prepare" in body) is not asked
