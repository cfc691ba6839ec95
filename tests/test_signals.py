"""The shipped evidence rules hold on the wording families they were written for, in every
shipped language, and not on the look-alikes next to them. The sentences are written here, in
the words recruiters use; they are not the corpus's mails."""

from __future__ import annotations

import pytest
from followup.classify.rules import RuleSet
from followup.classify.train import as_features, held_rules
from followup.mail.parse import parse_mail
from followup.resources import load_rule_set


@pytest.fixture(scope="module")
def features() -> RuleSet:
    return as_features(load_rule_set(None))


def held(features: RuleSet, subject: str, body: str, sender: str = "Ana Ruiz <ana@bakery.example>") -> set[str]:
    raw = f"From: {sender}\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    found = held_rules(parse_mail(raw.encode()), features)
    assert found is not None
    return set(found[0])


@pytest.mark.parametrize(
    ("rule", "subject", "body"),
    [
        # A day or a time put to the candidate as a question.
        ("signal-time-asked", "Re: Application - Line Cook", "Could you come in on Saturday at 3pm for a chat?"),
        ("signal-time-asked", "Re: Bewerbung", "Hätten Sie am Dienstag um 10 Uhr Zeit für ein Gespräch?"),
        ("signal-time-asked", "Re: Candidature", "Seriez-vous disponible mercredi à 11h ?"),
        ("signal-time-asked", "Re: Candidatura", "¿Podrías venir el lunes a las 9:30?"),
        # A reply under the subject of an application: the employer answers it.
        ("reply-about-application", "Re: Speculative application - barista", "Thanks for writing in."),
        ("reply-about-application", "AW: Initiativbewerbung als Tischler", "Danke für Ihre Nachricht."),
        # Someone else chosen, said in new words.
        ("signal-other-candidates", "Your application", "We have decided to go with someone who has more experience."),
        ("signal-other-candidates", "Ihre Bewerbung", "Die Wahl ist auf eine Mitbewerberin gefallen."),
        ("signal-other-candidates", "Votre candidature", "Nous avons confié le poste à une autre personne."),
        ("signal-other-candidates", "Tu candidatura", "La persona seleccionada para el puesto ha sido otra."),
        # The search itself stopped.
        ("signal-position-filled", "Poste de comptable", "La direction a décidé de suspendre ce recrutement."),
        ("signal-position-filled", "Proceso de selección", "Hemos decidido cancelar esta vacante."),
        ("signal-position-filled", "Ihre Bewerbung", "Die Ausschreibung wurde leider gestoppt."),
        # A test to take, the verb first.
        ("signal-test-platform", "Next step", "Please complete the following questionnaire by Friday."),
        ("signal-test-platform", "Prochaine étape", "Nous vous invitons à compléter les questionnaires en ligne."),
        # Canadian French: an "entrevue" is an interview.
        ("interview-invitation-fr", "Convocation", "Nous avons le plaisir de vous convoquer en entrevue jeudi."),
        # A decision announced, in a reply too.
        ("signal-decision-made", "Re: Following up", "In the end we've decided to press on with others."),
        ("signal-decision-made", "AW: Bewerbung", "Wir haben uns letztlich für eine Kollegin entschieden."),
        ("signal-decision-made", "Re: Entretien", "L'équipe a finalement décidé de poursuivre autrement."),
        ("signal-decision-made", "RE: Diseñador", "Al final hemos decidido seguir con el proceso interno."),
        # The requirements not met.
        (
            "signal-not-selected",
            "Application status",
            "It has been determined that you do not meet the minimum qualifications.",
        ),
        ("signal-not-selected", "Ihre Bewerbung", "Leider erfüllen Sie nicht die formalen Voraussetzungen."),
        # The employer invites in the third person; the formal summons; an interview put forward.
        ("signal-invite-verb", "Entrevista", "Banco Austral te invita a grabar una entrevista en vídeo."),
        ("signal-invite-verb", "Convocatoria", "Queda convocado a la entrevista personal el día 21."),
        ("signal-invite-verb", "Invitation", "Nous vous proposons un entretien en visio jeudi."),
        ("signal-invite-verb", "Oral board", "You are invited to an oral board interview on Wednesday."),
        ("signal-one-way-video", "Entrevista", "Te invita a grabar una entrevista en vídeo."),
        ("signal-come-by", "Re: Portfolio", "¿Te vendría bien pasarte por el estudio el lunes?"),
        ("signal-availability-asked", "Interview", "Please confirm your attendance by replying to this email."),
        ("signal-invite-verb", "Citación", "Le comunicamos que queda citada a la entrevista personal."),
        (
            "signal-invite-verb",
            "Einladung",
            "Die Schulleitung lädt Sie zu einem Vorstellungsgespräch für die Vertretungsstelle als Lehrkraft ein.",
        ),
        (
            "signal-interview-booked",
            "RE: Interview availability",
            "Perfect, Monday works. You're confirmed for Monday at 10:00 AM.",
        ),
        ("signal-outreach", "Following up", "My client, a profitable marketplace, is hiring a VP Finance."),
        ("signal-outreach", "Quick chat?", "I'm a sourcer on the recruiting team. Your operator work caught my eye."),
        ("signal-if-then", "Status update", "We will be in touch if we would like to invite you for an interview."),
        ("signal-if-then", "Your next step", "Successful candidates will be invited to a video interview."),
        # A reminder of the interview to come.
        ("signal-interview-booked", "Reminder", "This is a reminder about your upcoming interview."),
        # A day looked back on.
        ("signal-looking-back", "AW: Bewerbung", "Danke für das angenehme Gespräch am vergangenen Dienstag."),
        ("signal-looking-back", "Re: Interview", "Since we spoke last Tuesday, we have met others."),
        # A person's answer about logistics.
        ("signal-reply-logistics", "Re: Parking", "Street parking is free after 9. See you Thursday!"),
        ("signal-reply-logistics", "AW: Zeugnisse", "Danke, die Zeugnisse sind angekommen."),
        ("signal-reply-logistics", "Re: Entretien", "Pas de souci pour le portfolio papier. À mardi !"),
        ("signal-reply-logistics", "Re: Entrevista", "Sin problema si traes las muestras. Nos vemos el viernes."),
        # The links under a booking: not a change made.
        (
            "signal-if-then",
            "Postulación enviada",
            "Recibirás un correo si el empleador te contacta o te invita a una entrevista.",
        ),
        (
            "signal-change-link",
            "Confirmed",
            "Cancel: https://calendly.example/c/1 Reschedule: https://calendly.example/r/1",
        ),
    ],
)
def test_a_family_wording_holds(features: RuleSet, rule: str, subject: str, body: str) -> None:
    assert rule in held(features, subject, body)


@pytest.mark.parametrize(
    ("rule", "subject", "body", "sender"),
    [
        # A confirmation or a look back is no question about a time.
        ("signal-time-asked", "Re: Interview", "Thursday at 2pm works, see you then.", "Ana <ana@bakery.example>"),
        (
            "signal-time-asked",
            "Thanks",
            "Thank you for coming in on Thursday. How was the drive?",
            "Ana <ana@x.example>",
        ),
        # A reply about something else, or an ATS under a Re:.
        ("reply-about-application", "Re: Parking on Thursday", "Round the back.", "Ana <ana@bakery.example>"),
        ("reply-about-application", "Re: Your application", "Received.", "Jobs <no-reply@greenhouse.io>"),
        # A no said to the person, the post cancelled, a booking footer: no interview called off.
        ("signal-cancel", "Deine Bewerbung", "Deshalb müssen wir dir leider absagen.", "Ana <ana@bakery.example>"),
        ("signal-cancel", "Proceso", "La empresa ha decidido cancelar esta vacante.", "Ana <ana@bakery.example>"),
        ("signal-cancel", "Update", "I'm sorry: the requisition has been cancelled.", "Ana <ana@bakery.example>"),
        ("signal-cancel", "Booked", "Need to make changes? Cancel or reschedule here.", "Ana <ana@bakery.example>"),
        # An interview to come, a decision still to make.
        ("signal-looking-back", "Interview", "Could you come in next Tuesday at 10?", "Ana <ana@bakery.example>"),
        ("signal-looking-back", "Following up", "Just bumping my note from last week.", "Ana <ana@bakery.example>"),
        ("signal-looking-back", "Re: Thanks", "Thanks for the chat! Great talking to you.", "Ana <ana@bakery.example>"),
        # Invited to apply; a job board's promise of an invitation.
        (
            "signal-invite-verb",
            "Offre",
            "Le recruteur vous invite à postuler à son offre.",
            "Jobs <jobs@board.example>",
        ),
        (
            "signal-invite-verb",
            "Offer",
            "The recruiter invites you to apply for this role.",
            "Jobs <jobs@board.example>",
        ),
        ("signal-decision-made", "Update", "We have not made a decision yet.", "Ana <ana@bakery.example>"),
    ],
)
def test_a_look_alike_does_not_hold(features: RuleSet, rule: str, subject: str, body: str, sender: str) -> None:
    assert rule not in held(features, subject, body, sender)


def test_an_interview_called_off_still_holds(features: RuleSet) -> None:
    assert "signal-cancel" in held(features, "Thursday", "I'm sorry, I have to cancel our interview on Thursday.")
    assert "signal-cancel" in held(features, "Termin", "Leider müssen wir den Termin absagen.")
