"""What a rejection says about its decision (followup.act.verdict) and the wording each reading gets
in the rejection drafts, in English, German, French and Spanish, with look-alikes that must not count."""

from __future__ import annotations

import time
from typing import Any

import pytest
from followup.act.render_draft import template_context
from followup.act.templates import SAMPLE_CONTEXT
from followup.act.verdict import exercise, gives_reason, verdict
from followup.resources import load_templates

from tests.test_situation import _facts

LANGUAGES = ("en", "de", "fr", "es")
TEMPLATES = load_templates(None)

# ---------------------------------------------------------------- the reason for the decision

REASONS = [
    # what the employer needed
    "We have decided not to progress. We need someone who has already led a night team on their own.",
    "Unfortunately we were looking for someone with at least three years of hands-on payroll work.",
    "Leider sagen wir ab: Wir suchen jemanden mit Erfahrung in der Lohnbuchhaltung.",
    "Nous ne donnerons pas suite : il nous faut quelqu'un d'autonome sur la caisse dès le départ.",
    "No seguiremos con tu candidatura. Necesitamos a alguien con más experiencia en almacén.",
    # what the others had
    "The panel felt another candidate had more experience of leading audits.",
    "Wir haben uns für eine Bewerberin entschieden, die bereits Erfahrung mit SAP mitbringt.",
    "Nous avons retenu un autre candidat, plus expérimenté sur la paie multi-sites.",
    "Otras personas candidatas obtuvieron una valoración más alta en la parte práctica.",
    "We offered the role to another applicant whose warehouse experience fills a gap on the team.",
    # what fell short, a cause with the decision
    "Your written task did not reach the level we need for this post, so we will not proceed.",
    "We've decided not to move forward, mainly because the data model lacked the depth we need.",
    "Wir haben uns gegen Sie entschieden, weil uns die Erfahrung im Vertrieb gefehlt hat.",
    "Nous ne retiendrons pas votre candidature, car le poste demande une pratique courante de l'allemand.",
    "Hemos decidido no continuar, porque el puesto exige carnet de conducir C.",
    "Las pruebas no llegaban al nivel que necesitamos para este puesto.",
]

NOT_REASONS = [
    # the form letter's fit, which names nothing
    "We have decided to move forward with candidates whose experience more closely matches our requirements.",
    "Wir haben uns für Bewerber entschieden, deren Profil noch besser zu unseren Anforderungen passt.",
    "Nous avons retenu d'autres candidats dont le profil correspond davantage à nos attentes.",
    "Hemos decidido continuar con otros candidatos cuyo perfil se ajusta más a las necesidades del puesto.",
    # the volume of applications, the refusal to say, the file kept
    "Because of the high volume of applications we cannot give individual feedback.",
    "Aufgrund der hohen Anzahl an Bewerbungen können wir kein individuelles Feedback geben.",
    "En raison du nombre de candidatures, nous ne pouvons pas vous faire de retour personnalisé.",
    "Debido al gran volumen de candidaturas no podemos ofrecer valoraciones individuales.",
    "We will keep your CV on file and contact you if something suitable comes up.",
    "Wir bewahren Ihre Unterlagen auf und melden uns, wenn eine passende Stelle frei wird.",
    "Nous conservons votre CV et reviendrons vers vous si un poste se libère.",
    "Guardaremos tu currículum por si surge una oportunidad.",
    # why the decision was hard, a cause that is no reason about the candidate
    "It was a tough call, because we liked a lot of what you showed us.",
    "Fue una decisión difícil porque nos gustaron mucho las dos candidaturas.",
    "Leider können wir Ihnen keine Zusage geben, da wir uns für andere Bewerbende entschieden haben.",
    "We are always looking for great people, so keep an eye on our careers page.",
    "We went with someone else for the role.",
]


@pytest.mark.parametrize("text", REASONS)
def test_a_reason_given_with_the_decision_is_read(text: str) -> None:
    assert gives_reason(text)


@pytest.mark.parametrize("text", NOT_REASONS)
def test_the_form_letters_fit_and_other_look_alikes_are_no_reason(text: str) -> None:
    assert not gives_reason(text)


# ---------------------------------------------------------------- the post filled, closed, or none

CLOSED = [
    "Thank you for applying. The position has now been filled.",
    "We've filled the weekend shifts for now, so we won't be moving forward.",
    "Due to a budget review we have decided not to fill this position at this time.",
    "Leider müssen wir Ihnen mitteilen, dass die Stelle inzwischen besetzt wurde.",
    "Nous vous informons que le poste a été pourvu.",
    "Siento decirte que la vacante ya la hemos cubierto esta semana.",
]
NO_OPENING = [
    "Thank you for your speculative letter. At present we have no vacancy matching your experience.",
    "Danke für Ihre Initiativbewerbung. Derzeit haben wir keine offene Stelle, die zu Ihrem Profil passt.",
    "Merci pour votre candidature spontanée ; nous n'avons actuellement aucun poste vacant.",
    "Gracias por tu candidatura espontánea. Ahora mismo no tenemos ninguna vacante que encaje con tu perfil.",
]
NOT_CLOSED = [
    # a decision on the candidate, whatever became of the post
    "After careful review of your application, the position has been filled by another candidate.",
    "Nach sorgfältiger Prüfung wurde die Stelle mit einer Bewerberin besetzt, deren Profil genauer passt.",
    "The position has been filled by someone who has five years of Epic scheduling experience.",
    # no post spoken of at all
    "We will keep your CV on file and contact you if something suitable comes up.",
    "We have decided not to move forward with your application.",
    "Your candidacy for this requisition has been closed.",
]


@pytest.mark.parametrize("text", CLOSED)
def test_a_post_filled_or_closed_before_anyone_weighed_the_application_is_read(text: str) -> None:
    decision = verdict(text)
    assert decision.closed and not decision.no_opening


@pytest.mark.parametrize("text", NO_OPENING)
def test_no_vacancy_for_an_unsolicited_application_is_read(text: str) -> None:
    decision = verdict(text)
    assert decision.closed and decision.no_opening


@pytest.mark.parametrize("text", NOT_CLOSED)
def test_a_decision_on_the_candidate_or_a_plain_no_is_no_closed_post(text: str) -> None:
    assert not verdict(text).closed


def test_a_post_filled_after_an_interview_is_a_decision_not_a_closed_post() -> None:
    assert not verdict("Thanks for meeting us. The position has now been filled.", interviewed=True).closed


@pytest.mark.parametrize(
    "text",
    [
        "Feel free to send your details again in March.",
        "Melden Sie sich gerne im Frühjahr noch einmal.",
        "N'hésitez pas à repasser nous voir au printemps.",
        "No dudes en volver a escribirnos más adelante.",
    ],
)
def test_an_invitation_to_send_the_application_again_is_read(text: str) -> None:
    assert verdict(f"The position has been filled. {text}").resend


def test_a_file_kept_is_no_invitation_to_send_it_again() -> None:
    assert not verdict("The position has been filled. We will keep your CV on file.").resend


# ---------------------------------------------------------------- the exercise, and feedback offered


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thanks for coming in for the trial shift on Saturday.", "trial_shift"),
        ("Thank you for attending our assessment centre last week.", "assessment_centre"),
        ("Thank you for completing the take-home exercise.", "task"),
        ("Vielen Dank, dass Sie sich Zeit für das Probearbeiten genommen haben.", "trial_day"),
        ("Danke für Ihre Teilnahme an unserem Assessment-Center.", "assessment_centre"),
        ("Merci d'avoir réalisé le cas pratique.", "case"),
        ("Je vous remercie d'être venu passer une nuit d'essai.", "trial_night"),
        ("Gracias por completar la prueba técnica.", "test"),
        ("Gracias por venir a la jornada de prueba.", "trial_day"),
    ],
)
def test_an_exercise_the_candidate_did_is_read_with_its_kind(text: str, kind: str) -> None:
    assert exercise(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "We have decided not to progress your application to the assessment centre stage.",
        "Leider können wir Sie nicht zum Assessment-Center einladen.",
        "We have looked at all openings across our design and test teams.",
        "We will keep your CV on file.",
    ],
)
def test_an_exercise_not_reached_or_a_word_in_passing_is_none(text: str) -> None:
    assert exercise(text) == ""


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("If you'd like a few notes from the panel, reply here.", True),
        ("Gern stellen wir Ihnen auf Wunsch eine kurze Rückmeldung zur Verfügung.", True),
        ("Si vous le souhaitez, je peux vous faire un retour par téléphone.", True),
        ("Si quieres, podemos enviarte los comentarios del revisor.", True),
        ("Because of the volume we cannot give individual feedback.", False),
        ("If you would like feedback, please contact the recruiting manager named in the advert.", False),
    ],
)
def test_feedback_offered_is_read(text: str, offered: bool) -> None:
    assert verdict(text).feedback_offered is offered


# ---------------------------------------------------------------- the drafts


def _render(language: str, template: str = "rejection_thanks", **situation: Any) -> str:
    context = {
        **SAMPLE_CONTEXT,
        "interviewed": False,
        "interviews": False,
        "feedback": False,
        "interview_date": "",
        "offered_slot": "",
        **situation,
    }
    return TEMPLATES.render(template, context, language).body


ASKS = ("any feedback", "Feedback zu", "me faire part de vos remarques", "cualquier comentario")
REVIEWED = ("time you took to review", "geprüft haben", "temps consacré à son examen", "dedicado a revisarla")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("interviewed", [True, False])
def test_a_rejection_that_gives_its_reason_is_thanked_for_it_and_asks_for_nothing(
    language: str, interviewed: bool
) -> None:
    asked = _render(language, interviewed=interviewed)
    explained = _render(language, interviewed=interviewed, reason=True)
    assert any(word in asked for word in ASKS)
    assert not any(word in explained for word in ASKS)
    assert any(word in explained for word in ("explain", "erläutert", "expliquer", "explicado"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("no_opening", [True, False])
def test_a_post_closed_unseen_is_not_thanked_for_a_review_nor_asked_about(language: str, no_opening: bool) -> None:
    body = _render(language, closed=True, no_opening=no_opening, resend=True)
    assert not any(word in body for word in (*ASKS, *REVIEWED))
    assert ("Software Engineer" in body) is not no_opening  # no post named where there was none
    assert any(word in body for word in ("send you my details again", "melde ich mich", "reprendrai", "volveré"))
    check_in = _render(language, "check_in", closed=True, no_opening=no_opening)
    assert ("Software Engineer" in check_in) is not no_opening


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_exercise_is_thanked_for_and_named_and_a_trial_day_is_no_interview(language: str) -> None:
    words = {"en": "the trial shift", "de": "das Probearbeiten", "fr": "la journée d'essai", "es": "el turno de prueba"}
    about = {
        "en": "on the trial shift",
        "de": "zum Probearbeiten",
        "fr": "sur la journée d'essai",
        "es": "sobre el turno de prueba",
    }
    body = _render(language, interviewed=True, exercise=words[language], exercise_about=about[language])
    assert words[language] in body and about[language] in body
    assert not any(word in body for word in ("interviews", "Gesprächen", "entretiens", "entrevistas"))
    alone = _render(language, exercise=words[language], exercise_about=about[language])
    assert words[language] in alone and not any(word in alone for word in REVIEWED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_feedback_offered_is_taken_up_not_asked_for(language: str) -> None:
    body = _render(language, feedback_offered=True)
    assert not any(word in body for word in ASKS)
    assert any(word in body for word in ("offer", "Angebot", "proposition", "ofrecimiento"))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("Thanks for coming in for the trial shift. We need someone who has run pastry before.", "the trial shift"),
        ("Vielen Dank für Ihre Teilnahme an unserem Assessment-Center. Leider sagen wir ab.", "das Assessment-Center"),
        ("Merci d'avoir réalisé le cas pratique. Nous ne donnerons pas suite.", "le cas pratique"),
        ("Gracias por completar la prueba técnica. No seguiremos con tu candidatura.", "la prueba"),
    ],
)
def test_the_exercise_reaches_the_draft_in_its_language(body: str, words: str) -> None:
    from tests.test_compose import ACCOUNT

    facts = _facts(body, subject="Your application")
    assert words == template_context(_mail(body), facts, ACCOUNT)["exercise"]


def _mail(body: str) -> Any:
    from followup.mail.parse import parse_mail

    raw = f"From: Dana <dana@corp.example>\r\nSubject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    return parse_mail(raw.encode())


@pytest.mark.parametrize(
    "body",
    [
        "we need someone " * 4000,
        "because " * 8000,
        "other candidates " * 5000,
        "Thank you for your trial shift " * 3000,
    ],
)
def test_a_hostile_body_is_read_in_linear_time(body: str) -> None:
    """A bench-style bound: only backtracking that grows with the square exceeds it."""
    started = time.perf_counter()
    verdict(body)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("We've gone with someone who can do the extra day a week that we realised we need.", True),
        ("We went with someone with more hands-on experience in payroll.", True),
        ("We've gone with someone else.", False),
    ],
)
def test_who_they_went_with_and_why_is_a_reason(text: str, reason: bool) -> None:
    assert gives_reason(text) is reason


@pytest.mark.parametrize(
    "text",
    [
        "Nous vous informons que ce poste a finalement été pourvu en interne.",
        "La collectivité a décidé de ne pas pourvoir ce poste cette année. La procédure de recrutement est donc close.",
        "Following a review of our project pipeline, we have decided not to fill this role after all.",
    ],
)
def test_a_post_filled_or_not_filled_after_all_is_closed(text: str) -> None:
    assert verdict(text).closed


@pytest.mark.parametrize(
    "text",
    [
        "We've decided not to fill the Content Strategist role after all; our budget has changed.",
        "Leider wird die Stelle vorerst nicht besetzt, da sich die Planung geändert hat.",
        "Nous vous informons que le poste ne sera finalement pas pourvu cette année.",
        "Hemos decidido no cubrir la vacante por ahora.",
        "The position has been put on hold while we review the team's structure.",
    ],
)
def test_a_post_nobody_gets_is_read_whether_or_not_there_was_an_interview(text: str) -> None:
    assert verdict(text, interviewed=True).cancelled and verdict(text).cancelled


@pytest.mark.parametrize(
    "text",
    [
        "The position has been filled by another candidate.",
        "We have decided to move forward with other candidates.",
        "Your interview has been cancelled; we will send you a new time.",
    ],
)
def test_a_post_filled_by_someone_else_is_not_a_post_nobody_gets(text: str) -> None:
    assert not verdict(text, interviewed=True).cancelled


def test_a_post_not_yet_filled_is_no_post_nobody_gets() -> None:
    assert not verdict("Die Stelle ist noch nicht besetzt, wir melden uns bald.").cancelled
