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
        ("signal-decision-made", "Re: Entretien", "Nous avons finalement décidé de poursuivre autrement."),
        (
            "signal-decision-made",
            "Your application",
            "We have decided to move forward with candidates whose experience fits.",
        ),
        (
            "signal-decision-made",
            "Ihre Bewerbung",
            "Leider müssen wir mitteilen, dass wir uns für eine andere Bewerberin entschieden haben.",
        ),
        ("signal-decision-made", "Votre candidature", "Nous avons décidé de ne pas donner suite à votre candidature."),
        ("signal-decision-made", "Tu candidatura", "Hemos decidido no avanzar con tu candidatura."),
        # A day or a meeting behind.
        ("signal-looking-back", "Update", "Following your interview on Tuesday, we have reviewed your notes."),
        ("signal-looking-back", "Ihre Bewerbung", "Nach dem Gespräch haben wir uns intern beraten."),
        ("signal-looking-back", "Retour", "Suite à notre entretien de jeudi, voici notre retour."),
        ("signal-looking-back", "Tu candidatura", "Tras la entrevista lo hablamos con calma."),
        # A closing, not a deadline.
        ("signal-reply-logistics", "AW: Termin", "Passt, bis Montag! Anna"),
        ("signal-reply-logistics", "AW: Termin", "Super, bis dann."),
        ("signal-reply-logistics", "AW: Termin", "Danke, bis Freitag, viele Grüße Anna"),
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
        # The interview itself called off or moved, with regret: not a no.
        (
            "signal-interview-called-off",
            "Update",
            "We regret to let you know that the interview scheduled for Monday at 9 AM for the Analyst role has been cancelled.",
        ),
        ("signal-interview-called-off", "Gespräch", "Leider müssen wir unser Vorstellungsgespräch am Freitag absagen."),
        ("signal-interview-called-off", "Entretien", "Nous sommes au regret d'annuler votre entretien de jeudi."),
        ("signal-interview-called-off", "Entrevista", "Lamentamos tener que cancelar la entrevista del lunes."),
        ("signal-interview-put-off", "Interview", "Unfortunately we need to postpone your interview on Friday."),
        ("signal-interview-put-off", "Termin", "Leider müssen wir den Termin am Dienstag verschieben."),
        ("signal-interview-put-off", "Entretien", "Malheureusement, nous devons reporter votre entretien de lundi."),
        ("signal-interview-put-off", "Entrevista", "Lamentablemente tenemos que aplazar la entrevista del martes."),
        # A no written as a reply in the candidate's own thread.
        ("reply-with-a-no", "Re: Following up", "Thanks for checking in. We filled the role last week."),
        ("reply-with-a-no", "AW: Nachfrage", "Die Stelle haben wir inzwischen besetzt, tut mir leid."),
        ("reply-with-a-no", "RE: Candidature", "Le poste a finalement été pourvu la semaine dernière."),
        (
            "reply-with-a-no",
            "RE: Puesto",
            "Al final nos hemos quedado con otra persona, así que no seguiremos adelante contigo.",
        ),
        ("reply-with-a-no", "RE: Duda", "La plaza se cubrió la semana pasada."),
        # A decision for another, said in a reply.
        ("reply-with-a-no", "AW: Stand?", "Wir haben uns am Ende für jemanden aus dem Team entschieden."),
        ("reply-with-a-no", "AW: Stand?", "Wir gehen in dem Prozess also nicht mit Ihnen weiter."),
        ("reply-with-a-no", "RE: Relance", "Nous avons choisi de poursuivre avec un candidat interne."),
        ("reply-with-a-no", "RE: Relance", "Nous n'irons donc pas plus loin, désolé."),
        ("reply-with-a-no", "Re: Any news?", "We decided to move forward with another applicant."),
        ("reply-with-a-no", "Re: Any news?", "Sorry - the other candidate accepted our offer on Monday."),
        ("reply-with-a-no", "RE: Novedades", "Lo siento, ya hemos cerrado la vacante."),
        ("reply-with-a-no", "Re: Candidature", "Votre profil ne correspond pas à ce que nous cherchons."),
        # A time asked or an invitation, written as a reply in the candidate's own thread.
        ("reply-with-an-invitation", "Re: Cook position", "Yes, we're hiring. Could you come by Friday at 10?"),
        ("reply-with-an-invitation", "Re: My CV", "The client would like to meet you. Can you make that work?"),
        ("reply-with-an-invitation", "AW: Bewerbung", "Wir würden Sie gerne kennenlernen."),
        ("reply-with-an-invitation", "RE: Candidature", "Nous aimerions vous rencontrer la semaine prochaine."),
        ("reply-with-an-invitation", "RE: Candidatura", "Te proponemos una breve llamada con el equipo."),
        # An automated phone interview is an interview.
        ("signal-one-way-video", "Tu entrevista", "El siguiente paso es una entrevista telefónica automática."),
        (
            "signal-invite-verb",
            "Nächster Schritt",
            "Das Team möchte dich für die Stelle zu einem Kennenlerngespräch (30 Min., Video) einladen.",
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
        (
            "signal-interview-called-off",
            "Booked",
            "Pour modifier ou annuler votre rendez-vous : https://x.example",
            "Ana <a@x.example>",
        ),
        (
            "signal-interview-called-off",
            "Cita",
            "Si necesitas cambiar o cancelar la cita, usa este enlace.",
            "Ana <a@x.example>",
        ),
        (
            "signal-interview-called-off",
            "Booked",
            "If you need to cancel your interview, reply here.",
            "Ana <a@x.example>",
        ),
        (
            "signal-interview-put-off",
            "Booked",
            "Click the link below to reschedule your interview.",
            "Ana <a@x.example>",
        ),
        # A reply that is no no: the post still open; a no-reply system under a Re:.
        (
            "reply-with-a-no",
            "Re: Application",
            "The role hasn't been filled yet; we decide next week.",
            "Ana <a@x.example>",
        ),
        ("reply-with-a-no", "RE: Candidature", "Le poste n'est pas encore pourvu.", "Ana <a@x.example>"),
        ("reply-with-a-no", "Re: Your application", "The role has been filled.", "Jobs <no-reply@greenhouse.io>"),
        # A decision only if nothing is heard: an acknowledgement's words.
        (
            "signal-decision-made",
            "Thanks for applying",
            "If you don't hear from us within two weeks, we've decided to go with other candidates this time.",
            "Jobs <jobs@x.example>",
        ),
        (
            "signal-decision-made",
            "Bewerbung",
            "Sollten Sie in vier Wochen nichts von uns hören, haben wir uns für andere Bewerber entschieden.",
            "Jobs <jobs@x.example>",
        ),
        # A reply that only confirms a time, or a friend's plans: no invitation.
        ("reply-with-an-invitation", "Re: Interview", "Tuesday at 2pm, perfect. See you then!", "Ana <a@x.example>"),
        ("reply-with-an-invitation", "Re: hi", "How about Monday for coffee?", "Ana <a@x.example>"),
        ("reply-with-an-invitation", "Re: Job", "Can you do Friday at 10?", "Jobs <no-reply@greenhouse.io>"),
        ("reply-with-a-no", "AW: Stand?", "Die Stelle ist noch offen, wir entscheiden uns bald.", "Ana <a@x.example>"),
        # The post named on the way to the interview that was cancelled.
        (
            "signal-position-filled",
            "Interview cancelled",
            "The interview scheduled for Monday for the Analyst position has been cancelled.",
            "Ana <a@x.example>",
        ),
        (
            "signal-many-jobs",
            "Novedades en tu candidatura",
            "No te desanimes. Ver ofertas",
            "InfoJobs <noreply@infojobs.net>",
        ),
        ("signal-cancel", "Deine Bewerbung", "Deshalb müssen wir dir leider absagen.", "Ana <ana@bakery.example>"),
        ("signal-cancel", "Probetag", "Leider müssen wir Ihnen trotzdem absagen.", "Ana <ana@bakery.example>"),
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
        # A thank-you for applying, a decision to meet: no no.
        (
            "signal-decision-made",
            "Ihre Bewerbung",
            "Sie haben sich für eine Karriere bei Kesselwerk entschieden – herzlichen Dank für Ihre Bewerbung!",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-decision-made",
            "Candidature",
            "Notre équipe a décidé de vous rencontrer : nous vous proposons un entretien.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-decision-made",
            "Candidature",
            "Nous avons décidé de vous rencontrer, avec deux autres candidats.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-decision-made",
            "Next steps",
            "We've decided to invite you, and two other candidates, to a panel.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-decision-made",
            "Next steps",
            "We have decided to move you forward to the final round.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-decision-made",
            "Bewerbung",
            "Wir haben uns entschieden, Sie zum Gespräch einzuladen; andere folgen.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-decision-made",
            "Candidatura",
            "Hemos decidido invitarte a una entrevista con otros dos perfiles.",
            "Ana <ana@bakery.example>",
        ),
        # An interview still ahead.
        (
            "signal-looking-back",
            "Onsite",
            "After the interview, the team will show you around.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-looking-back",
            "Onsite",
            "After your interview you'll get a tour of the kitchen.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-looking-back",
            "Termin",
            "Bitte melden Sie sich nach dem Gespräch kurz bei mir.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-looking-back",
            "Entretien",
            "Après l'entretien, nous allons vous faire visiter l'atelier.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-looking-back",
            "Entrevista",
            "Después de la entrevista vamos a enseñarte la oficina.",
            "Ana <ana@bakery.example>",
        ),
        # A deadline, not a closing.
        (
            "signal-reply-logistics",
            "Aufgabe",
            "Bitte senden Sie uns Ihre Lösung bis Montag, 31. August.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-reply-logistics",
            "Termin",
            "Bitte geben Sie uns bis Freitag eine kurze Rückmeldung.",
            "Ana <ana@bakery.example>",
        ),
        (
            "signal-reply-logistics",
            "Termin",
            "Bitte bestätigen Sie den Termin bis Freitag. Mit besten Grüßen",
            "Ana <ana@bakery.example>",
        ),
        ("signal-reply-logistics", "Termin", "Dann bis Donnerstag um 15 Uhr!", "Ana <ana@bakery.example>"),
    ],
)
def test_a_look_alike_does_not_hold(features: RuleSet, rule: str, subject: str, body: str, sender: str) -> None:
    assert rule not in held(features, subject, body, sender)


def test_an_interview_called_off_still_holds(features: RuleSet) -> None:
    assert "signal-cancel" in held(features, "Thursday", "I'm sorry, I have to cancel our interview on Thursday.")
    assert "signal-cancel" in held(features, "Termin", "Leider müssen wir den Termin absagen.")
