"""Mail nobody wrote rules for, by kind (issue 21): a short reply that invites or says no, an
invitation that also sets something to prepare, an informal invitation, a no after an assessment,
an offer in new words; and training that can weigh a learned single word less than a phrase. Every mail
here is written for the test, in the words recruiters use, in EN DE FR ES; none is a corpus mail."""

from __future__ import annotations

from pathlib import Path

import pytest
from followup.classify.decide import classify
from followup.classify.rules import RuleSet, load_rules
from followup.classify.train import as_features, held_rules
from followup.mail.parse import parse_mail
from followup.model import Mail
from followup.resources import load_rule_set


@pytest.fixture(scope="module")
def rules() -> RuleSet:
    return load_rule_set(None)


@pytest.fixture(scope="module")
def features(rules: RuleSet) -> RuleSet:
    return as_features(rules)


def mail(subject: str, body: str, sender: str = "Jo Lindqvist <jo@workshop.example>", reply: bool = False) -> Mail:
    head = f"From: {sender}\r\nTo: Sam Reed <sam@mail.example>\r\nSubject: {subject}\r\n"
    if reply:
        head += "In-Reply-To: <cand-1@mail.example>\r\nReferences: <cand-1@mail.example>\r\n"
    raw = f"{head}Message-ID: <t-{abs(hash(subject + body))}@workshop.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    return parse_mail(raw.encode())


def held(features: RuleSet, subject: str, body: str, reply: bool = False) -> set[str]:
    found = held_rules(mail(subject, body, reply=reply), features)
    assert found is not None
    return set(found[0])


# --- 1. a short reply that invites or says no ---------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: Werkstatthilfe", "Hallo Sam,\n\nkomm doch am Donnerstag um 16 Uhr bei uns im Laden vorbei.\n\nJo"),
        ("Re: Kitchen porter", "Hi Sam,\n\nthanks! Come by the bakery Wednesday at 3pm and we'll have a chat.\n\nJo"),
        ("Re: Candidature vendeur", "Bonjour Sam,\n\npassez donc au magasin jeudi à 14h, on discutera.\n\nJo"),
        ("Re: Camarero", "Hola Sam:\n\npásate por el bar el martes a las 11 y hablamos.\n\nJo"),
    ],
)
def test_a_reply_that_asks_the_candidate_over_at_a_time_is_invitation_evidence(
    features: RuleSet, subject: str, body: str
) -> None:
    assert "reply-with-an-invitation" in held(features, subject, body, reply=True)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Re: Speculative application",
            "Hi Sam,\n\nthanks for thinking of us. We're fully staffed at the moment.\n\nJo",
        ),
        (
            "Re: Candidature spontanée",
            "Bonjour,\n\nnous n'avons pas de poste de vendeur à pourvoir, l'équipe est complète.",
        ),
        ("AW: Initiativbewerbung", "Hallo Sam,\n\nim Moment ist bei uns leider keine Stelle frei.\n\nJo"),
        ("Re: Currículum", "Hola Sam:\n\nahora mismo no tenemos ninguna vacante, el equipo está completo.\n\nJo"),
    ],
)
def test_a_reply_that_says_nothing_is_open_is_rejection_evidence(features: RuleSet, subject: str, body: str) -> None:
    assert "reply-with-a-no" in held(features, subject, body, reply=True)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Re: Interview on Thursday", "Hi Sam,\n\nthanks for confirming. See you then!\n\nJo"),
        ("AW: Gespräch am Montag", "Hallo Sam,\n\nsuper, danke für die Rückmeldung. Bis dann!\n\nJo"),
        ("Re: Entretien", "Bonjour Sam,\n\nmerci pour votre message, c'est bien noté. À bientôt !\n\nJo"),
        ("Re: Entrevista", "Hola Sam:\n\n¡Perfecto, gracias! Nos vemos.\n\nJo"),
    ],
)
def test_a_conversational_reply_stays_a_personal_reply(rules: RuleSet, subject: str, body: str) -> None:
    assert classify(mail(subject, body, reply=True), rules).category == "personal_reply"


@pytest.mark.parametrize(
    ("subject", "body", "category"),
    [
        (
            "Re: Werkstatthilfe",
            "Hallo Sam,\n\ndanke dir! Komm doch am Donnerstag um 16 Uhr bei uns im Laden vorbei, dann reden wir"
            " kurz über die Stelle.\n\nJo",
            "interview_invitation",
        ),
        (
            "Re: Kitchen porter",
            "Hi Sam,\n\nthanks for the note. Come by the kitchen Wednesday at 3pm for a quick chat about the job.\n\nJo",
            "interview_invitation",
        ),
        (
            "Re: Candidature spontanée",
            "Bonjour Sam,\n\nmerci pour votre candidature spontanée. Nous n'avons pas de poste de vendeur à"
            " pourvoir en ce moment, l'équipe est complète.\n\nBonne journée,\nJo",
            "rejection",
        ),
        (
            "Re: Currículum",
            "Hola Sam:\n\ngracias por tu currículum. Ahora mismo no tenemos ninguna vacante de camarero, el"
            " equipo está completo.\n\nUn saludo,\nJo",
            "rejection",
        ),
    ],
)
def test_a_short_reply_that_invites_or_says_no_is_decided_by_its_own_words(
    rules: RuleSet, subject: str, body: str, category: str
) -> None:
    assert classify(mail(subject, body, reply=True), rules).category == category


# --- 2. an invitation that also asks for something prepared ----------------------------------


def test_an_interview_to_prepare_for_is_no_assessment(features: RuleSet, rules: RuleSet) -> None:
    body = (
        "Hi Sam,\n\nthank you for applying for the Product Analyst role. We would like to invite you to an"
        " interview with the team on Tuesday 14 May at 10:00. Please prepare a short presentation of a"
        " past project (10 minutes) and send us your slides; complete it within 48 hours of the interview.\n\n"
        "Best,\nJo"
    )
    assert "assessment-en" not in held(features, "Interview invitation: Product Analyst", body)
    decided = classify(mail("Interview invitation: Product Analyst", body, sender="Jo <jo@analytics.example>"), rules)
    assert decided.category == "interview_invitation"


# --- 4. an informal invitation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("A coffee?", "Hi Sam, fancy a coffee to chat about the barista role next week?"),
        ("Kaffee?", "Hallo Sam, hast du Lust, auf einen Kaffee über die Stelle zu sprechen?"),
        ("Un café ?", "Salut Sam, on prend un café pour parler du poste de vendeur ?"),
        ("¿Un café?", "Hola Sam, ¿tomamos un café para hablar del puesto de diseñador?"),
    ],
)
def test_talk_about_the_role_is_invitation_evidence(features: RuleSet, subject: str, body: str) -> None:
    assert "signal-talk-about-the-role" in held(features, subject, body)


def test_a_talk_about_something_else_is_not(features: RuleSet) -> None:
    assert "signal-talk-about-the-role" not in held(features, "Meetup", "I gave a talk on async job queues.")


# --- 5. a no after an assessment, and an offer in new words --------------------------------------


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Your assessment", "Following your assessment, we will not be moving forward with your application."),
        ("Ihr Assessment-Center", "Vielen Dank für Ihre Teilnahme an unserem Assessment-Center am Dienstag."),
        ("Votre test technique", "Suite à votre test technique, nous ne donnerons pas suite."),
        ("Tu prueba técnica", "Tras tu prueba técnica, hemos decidido no continuar."),
    ],
)
def test_an_assessment_looked_back_on_is_no_assessment_to_take(features: RuleSet, subject: str, body: str) -> None:
    found = held(features, subject, body)
    assert not found & {"assessment-en", "assessment-de", "assessment-fr", "assessment-es", "signal-test-platform"}


@pytest.mark.parametrize(
    ("subject", "body", "rule"),
    [
        (
            "Online assessment",
            "As the next step, please complete the online assessment within 5 days.",
            "assessment-en",
        ),
        ("Online-Test", "Bitte absolvieren Sie den Online-Test bis Freitag.", "assessment-de"),
        ("Test technique", "Merci de réaliser le test technique avant vendredi.", "assessment-fr"),
        ("Prueba técnica", "Te enviamos la prueba técnica; tienes hasta el viernes.", "assessment-es"),
    ],
)
def test_an_assessment_to_take_still_is(features: RuleSet, subject: str, body: str, rule: str) -> None:
    assert rule in held(features, subject, body)


def test_an_application_completed_is_no_assessment_behind(features: RuleSet) -> None:
    body = (
        "Thank you for completing the application for the Analyst role. As the next step, please complete"
        " our online assessment within 5 days."
    )
    assert "assessment-en" in held(features, "Next step: online assessment", body)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Your candidacy", "We have completed our process and will not be extending an offer to you."),
        ("Ihre Bewerbung", "Wir haben uns entschieden, Ihnen keinen Platz in unserem Programm anzubieten."),
        ("Votre candidature", "Nous ne pouvons pas vous proposer de poste à l'issue de ce processus."),
        ("Tu candidatura", "Lamentablemente no podemos ofrecerte el puesto."),
    ],
)
def test_no_offer_made_is_a_no(features: RuleSet, subject: str, body: str) -> None:
    assert "signal-not-selected" in held(features, subject, body)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Your candidacy – Data Engineer",
            "Thank you for meeting the team during the final round. We have"
            " completed our process and will not be extending an offer to you. We wish you the best.",
        ),
        (
            "Ihre Teilnahme am Assessment-Center",
            "Vielen Dank für Ihre Teilnahme an unserem Assessment-Center."
            " Nach sorgfältiger Abwägung haben wir uns entschieden, Ihnen keinen Platz im Programm anzubieten."
            " Wir wünschen Ihnen viel Erfolg.",
        ),
    ],
)
def test_a_no_after_a_final_round_or_an_assessment_is_a_rejection(rules: RuleSet, subject: str, body: str) -> None:
    decided = classify(mail(subject, body, sender="Recruiting <people@insurer.example>"), rules)
    assert decided.category == "rejection"


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Welcome?", "We'd love for you to join Brightline as our support lead. The offer is attached."),
        ("Propuesta", "¡Enhorabuena! Nos encantaría que te unieras a Norte como diseñadora."),
        ("Bienvenue", "Au plaisir de vous compter parmi nous dès le 3 mars."),
        ("Willkommen", "Wir freuen uns, Sie bald in unserem Team begrüßen zu dürfen."),
    ],
)
def test_an_offer_in_new_words_is_offer_evidence(features: RuleSet, subject: str, body: str) -> None:
    assert "signal-offer-made" in held(features, subject, body)


def test_the_pay_and_the_contract_are_offer_terms(features: RuleSet) -> None:
    body = "Te adjunto la propuesta: 41.000 € brutos anuales, contrato indefinido, incorporación el 2 de junio."
    assert "signal-offer-terms" in held(features, "Propuesta de incorporación", body)


# --- 3. a learned single word is weighed less than a phrase ------------------------------------


PACK = """
[[rule]]
name = "regret"
category = "rejection"
weights = { rejection = 1 }
text = ["unfortunately"]
"""


def test_a_learned_single_word_is_penalised_more_than_a_phrase(tmp_path: Path) -> None:
    pytest.importorskip("scipy")
    from followup.classify.train import Example, fit, render_pack, trained_rules

    path = tmp_path / "a.toml"
    path.write_text(PACK, encoding="utf-8")
    base = load_rules([path])
    bodies = {
        "rejection": ["Unfortunately the panel declined.", "The panel declined, sorry.", "Another candidate chosen."],
        "interview_invitation": ["Please come in on Friday morning.", "Come in Friday morning for a chat."],
    }
    examples = [
        Example(f"{label}-{n}-{i}", parse_mail(f"Subject: x\r\n\r\n{text}\r\n".encode()), label)
        for label, texts in bodies.items()
        for n, text in enumerate(texts)
        for i in range(4)
    ]

    def strongest(fitted: object, words: bool) -> float:
        phrases = fitted.phrases  # type: ignore[attr-defined]
        weights = fitted.weights  # type: ignore[attr-defined]
        return max(
            abs(w) for name, phrase in phrases.items() if (" " not in phrase) == words for w in weights[name].values()
        )

    as_phrase = fit(examples, base, phrases=20, word=1.0)
    as_word = fit(examples, base, phrases=20, word=0.5)
    assert strongest(as_word, words=True) < strongest(as_phrase, words=True)
    assert strongest(as_word, words=False) >= strongest(as_phrase, words=False)
    # and what it learned still decides the training mails
    trained = trained_rules([path], render_pack(as_word, base, "test"))
    for example in examples:
        assert classify(example.mail, trained).category == example.label, example.name
