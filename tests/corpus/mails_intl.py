"""German, French and Spanish: invitations, rejections and their look-alikes."""

MAILS = [
    # ---------------------------------------------------------------- Deutsch
    dict(
        label="interview_invitation",
        lang="de",
        ats="personio",
        company="Brückner Software",
        subject="Einladung zum Vorstellungsgespräch - Softwareentwickler (m/w/d)",
        body="""Hallo Herr Taylor,

vielen Dank für Ihre Bewerbung als Softwareentwickler (m/w/d) und Ihr Interesse an der Brückner Software GmbH.

Ihre Unterlagen haben uns überzeugt und wir möchten Sie gerne zu einem ersten Gespräch per Videocall einladen. Bitte wählen Sie über den folgenden Link einen passenden Termin aus.

Wir freuen uns darauf, Sie kennenzulernen!

Mit freundlichen Grüßen
Julia Hoffmann
People & Culture""",
    ),
    dict(
        label="interview_invitation",
        lang="de",
        sender="Stefan Wagner <s.wagner@nordlicht-energie.example>",
        subject="Ihre Bewerbung als Projektingenieur",
        body="""Sehr geehrter Herr Taylor,

herzlichen Dank für Ihre Bewerbung. Gerne würden wir Sie persönlich kennenlernen und laden Sie zu einem Vorstellungsgespräch an unserem Standort in Hamburg ein.

Als Termin schlagen wir Dienstag, den 17. März 2026, um 14:00 Uhr vor. Bitte teilen Sie uns kurz mit, ob Ihnen dieser Termin passt.

Mit freundlichen Grüßen
Stefan Wagner
Leiter Personal""",
    ),
    dict(
        label="interview_invitation",
        lang="de",
        ats="smartrecruiters",
        company="Alpenblick Versicherung",
        subject="Alpenblick Versicherung: Nächste Schritte Ihrer Bewerbung",
        body="""Guten Tag Sam Taylor,

wir haben Ihre Bewerbung für die Position Data Scientist geprüft und freuen uns, Ihnen mitteilen zu können, dass wir Sie gerne näher kennenlernen möchten.

Im nächsten Schritt möchten wir ein telefonisches Interview von ca. 30 Minuten mit Ihnen führen. Teilen Sie uns bitte Ihre Verfügbarkeit in den kommenden zwei Wochen mit.

Freundliche Grüße
Ihr Recruiting-Team der Alpenblick Versicherung""",
        html_only=True,
    ),
    dict(
        label="interview_invitation",
        lang="de",
        sender="Lena Fischer <lena@kaffeekollektiv.example>",
        subject="Kennenlernen?",
        body="""Hi Sam,

danke für deine Bewerbung als Barista-Trainer:in! Wir fanden dein Anschreiben super und würden dich gern zu einem lockeren Kennenlernen bei uns im Laden einladen. Wann hättest du nächste Woche Zeit?

Liebe Grüße
Lena vom Kaffeekollektiv""",
    ),
    dict(
        label="interview_invitation",
        lang="de",
        ats="teamtailor",
        company="Fjord Digital",
        subject="Einladung zum Zweitgespräch",
        body="""Hallo Sam,

vielen Dank für das angenehme erste Gespräch. Wir möchten den Prozess gerne mit dir fortsetzen und dich zu einem Zweitgespräch mit unserem Head of Engineering einladen.

Buche dir hier einen Termin: https://fjord.teamtailor.com/meetings/xyz

Viele Grüße
Jonas""",
    ),
    dict(
        label="rejection",
        lang="de",
        ats="personio",
        company="Brückner Software",
        subject="Ihre Bewerbung bei der Brückner Software GmbH",
        body="""Hallo Herr Taylor,

vielen Dank für Ihr Interesse an der Brückner Software GmbH und die Zeit, die Sie in Ihre Bewerbung investiert haben.

Nach sorgfältiger Prüfung müssen wir Ihnen leider mitteilen, dass wir uns für einen anderen Kandidaten entschieden haben, dessen Profil noch besser zu unseren aktuellen Anforderungen passt.

Wir wünschen Ihnen für Ihren weiteren beruflichen Weg alles Gute.

Mit freundlichen Grüßen
Julia Hoffmann""",
    ),
    dict(
        label="rejection",
        lang="de",
        sender="Personalabteilung <bewerbung@stadtwerke-musterstadt.example>",
        subject="Absage: Ihre Bewerbung als Sachbearbeiter Finanzen",
        body="""Sehr geehrter Herr Taylor,

wir danken Ihnen für Ihre Bewerbung und das damit verbundene Interesse an unserem Unternehmen.

Leider können wir Ihre Bewerbung im weiteren Auswahlverfahren nicht berücksichtigen. Bitte verstehen Sie diese Entscheidung nicht als Wertung Ihrer Qualifikation.

Ihre Unterlagen werden gemäß den Datenschutzbestimmungen gelöscht.

Mit freundlichen Grüßen
Ihre Personalabteilung""",
    ),
    dict(
        label="rejection",
        lang="de",
        ats="smartrecruiters",
        company="Alpenblick Versicherung",
        subject="Ihre Bewerbung als Data Scientist",
        body="""Guten Tag Sam Taylor,

vielen Dank für das offene Gespräch und Ihr Interesse an der Alpenblick Versicherung.

Nach reiflicher Überlegung haben wir uns entschieden, den Prozess mit anderen Bewerberinnen und Bewerbern fortzuführen, deren Erfahrung näher an unseren Anforderungen liegt. Wir bedauern, Ihnen keine positivere Nachricht geben zu können.

Freundliche Grüße
Ihr Recruiting-Team""",
    ),
    dict(
        message_id="<rej-kaffee@kaffeekollektiv.example>",
        label="rejection",
        lang="de",
        sender="Lena Fischer <lena@kaffeekollektiv.example>",
        subject="Rückmeldung zu deiner Bewerbung",
        body="""Hi Sam,

danke dir nochmal für das nette Kennenlernen! Wir haben uns die Entscheidung nicht leicht gemacht, aber wir haben uns am Ende für jemand anderen entschieden, der schon Erfahrung als Trainer:in mitbringt.

Wir drücken dir die Daumen für die weitere Suche!

Liebe Grüße
Lena""",
    ),
    dict(
        label="rejection",
        lang="de",
        ats="workday",
        company="Rheinmetallwerk",
        subject="Statusänderung Ihrer Bewerbung",
        body="""Sehr geehrter Herr Taylor,

vielen Dank für Ihre Bewerbung auf die Stelle Controller (w/m/d).

Wir haben Ihre Unterlagen mit großem Interesse gelesen. Leider müssen wir Ihnen mitteilen, dass die Position bereits besetzt wurde.

Mit freundlichen Grüßen
Ihr Talent Acquisition Team""",
    ),
    dict(
        label="application_received",
        lang="de",
        ats="personio",
        company="Brückner Software",
        subject="Vielen Dank für Ihre Bewerbung",
        body="""Hallo Herr Taylor,

vielen Dank für Ihre Bewerbung als Softwareentwickler (m/w/d). Wir bestätigen hiermit den Eingang Ihrer Unterlagen.

Wir werden Ihre Bewerbung sorgfältig prüfen und uns so schnell wie möglich bei Ihnen melden. Sollten Sie in die nächste Runde kommen, laden wir Sie zu einem Gespräch ein.

Mit freundlichen Grüßen
Ihr Brückner Software Recruiting Team""",
    ),
    dict(
        label="interview_rescheduled",
        lang="de",
        sender="Stefan Wagner <s.wagner@nordlicht-energie.example>",
        subject="Verschiebung unseres Termins",
        body="""Sehr geehrter Herr Taylor,

leider müssen wir unser Vorstellungsgespräch am Dienstag verschieben, da unser Bereichsleiter kurzfristig verhindert ist. Wäre Ihnen alternativ Donnerstag, der 19. März, um 10:00 Uhr recht?

Mit freundlichen Grüßen
Stefan Wagner""",
    ),
    dict(
        label="assessment",
        lang="de",
        sender="Recruiting <jobs@datenwerk.example>",
        subject="Ihre Bewerbung: Online-Test",
        body="""Hallo Sam,

vielen Dank für Ihre Bewerbung als Junior Data Engineer. Als nächsten Schritt bitten wir Sie, einen kurzen Online-Test zu absolvieren (ca. 60 Minuten). Den Link finden Sie unten; bitte schließen Sie den Test innerhalb von 5 Tagen ab.

Viele Grüße
Datenwerk Recruiting""",
    ),
    # ---------------------------------------------------------------- Français
    dict(
        label="interview_invitation",
        lang="fr",
        company="Maison Lumière",
        sender="Maison Lumière <no-reply@smartrecruiters.com>",
        subject="Maison Lumière - Invitation à un entretien",
        body="""Bonjour Sam,

Nous vous remercions pour votre candidature au poste de Chef de projet digital. Votre profil a retenu toute notre attention et nous souhaiterions vous rencontrer lors d'un entretien.

Pourriez-vous nous indiquer vos disponibilités pour la semaine prochaine ?

Bien cordialement,
Camille Martin
Chargée de recrutement""",
    ),
    dict(
        label="interview_invitation",
        lang="fr",
        sender="Hugo Bernard <hugo.bernard@atelier-numerique.example>",
        subject="Votre candidature - Développeur Python",
        body="""Bonjour Sam,

Merci pour votre candidature. J'ai beaucoup apprécié votre parcours et je vous propose un premier échange téléphonique de 30 minutes pour faire connaissance et vous présenter l'équipe.

Seriez-vous disponible jeudi 12 mars à 11h ou vendredi 13 mars à 15h ?

À bientôt,
Hugo""",
    ),
    dict(
        label="interview_invitation",
        lang="fr",
        ats="teamtailor",
        company="Vignoble Durand",
        subject="Prochaine étape de votre candidature",
        body="""Bonjour Sam,

Suite à l'étude de votre candidature pour le poste de Responsable export, nous avons le plaisir de vous convier à un entretien en visio avec notre directeur commercial.

Merci de réserver un créneau via le lien ci-dessous.

Cordialement,
L'équipe RH""",
        html_only=True,
    ),
    dict(
        label="interview_invitation",
        lang="fr",
        sender="Recrutement <recrutement@banque-azur.example>",
        subject="Convocation à un entretien - Analyste crédit",
        body="""Madame, Monsieur,

Nous avons le plaisir de vous informer que votre candidature a été retenue pour un entretien individuel.

Celui-ci aura lieu le mercredi 18 mars 2026 à 9h30 dans nos locaux, 12 rue de la Paix, Paris. Merci de nous confirmer votre présence.

Le service Recrutement""",
    ),
    dict(
        label="interview_invitation",
        lang="fr",
        ats="workable",
        company="Éclat Cosmétiques",
        sender="Éclat Cosmétiques <noreply@candidates.workablemail.com>",
        subject="Entretien pour le poste de Chef de produit",
        body="""Bonjour Sam,

Merci pour l'intérêt que vous portez à Éclat Cosmétiques. Nous aimerions échanger avec vous au sujet du poste de Chef de produit lors d'un entretien vidéo de 45 minutes.

Choisissez le créneau qui vous convient le mieux grâce au lien suivant.

Belle journée,
Sophie""",
    ),
    dict(
        label="rejection",
        lang="fr",
        ats="smartrecruiters",
        company="Maison Lumière",
        sender="Maison Lumière <no-reply@smartrecruiters.com>",
        subject="Votre candidature chez Maison Lumière",
        body="""Bonjour Sam,

Nous vous remercions de l'intérêt que vous portez à Maison Lumière et du temps consacré à nos échanges.

Après une étude attentive de votre profil, nous sommes au regret de vous informer que nous ne pouvons pas donner une suite favorable à votre candidature.

Nous vous souhaitons une pleine réussite dans vos recherches.

Camille Martin""",
    ),
    dict(
        label="rejection",
        lang="fr",
        sender="Hugo Bernard <hugo.bernard@atelier-numerique.example>",
        subject="Retour sur votre candidature",
        body="""Bonjour Sam,

Merci encore pour notre échange de jeudi. Après réflexion, nous avons choisi de poursuivre avec un autre candidat dont l'expérience en Django est plus proche de nos besoins immédiats.

Je garde votre profil en tête pour de futures opportunités.

Bien à vous,
Hugo""",
    ),
    dict(
        label="rejection",
        lang="fr",
        sender="Recrutement <recrutement@banque-azur.example>",
        subject="Candidature - Analyste crédit",
        body="""Madame, Monsieur,

Nous accusons réception de votre candidature et vous en remercions.

Malheureusement, votre profil ne correspond pas aux attentes du poste et nous ne sommes pas en mesure de donner suite à votre candidature.

Nous vous prions d'agréer nos salutations distinguées.

Le service Recrutement""",
    ),
    dict(
        label="rejection",
        lang="fr",
        ats="workable",
        company="Éclat Cosmétiques",
        sender="Éclat Cosmétiques <noreply@candidates.workablemail.com>",
        subject="Chef de produit - Éclat Cosmétiques",
        body="""Bonjour Sam,

Merci d'avoir pris le temps de nous rencontrer. Nous avons apprécié nos échanges.

Nous avons toutefois retenu une autre candidature pour ce poste. Nous conservons votre CV et n'hésiterons pas à revenir vers vous si une opportunité se présente.

Belle continuation,
Sophie""",
    ),
    dict(
        label="rejection",
        lang="fr",
        ats="teamtailor",
        company="Vignoble Durand",
        subject="Votre candidature - Responsable export",
        body="""Bonjour Sam,

Nous vous remercions pour votre candidature au poste de Responsable export.

Nous avons le regret de vous annoncer que le poste a été pourvu. Nous vous souhaitons bonne chance dans vos démarches.

L'équipe RH""",
        html_only=True,
    ),
    dict(
        label="application_received",
        lang="fr",
        ats="teamtailor",
        company="Vignoble Durand",
        subject="Nous avons bien reçu votre candidature",
        body="""Bonjour Sam,

Merci pour votre candidature au poste de Responsable export ! Nous l'avons bien reçue et notre équipe va l'étudier avec attention.

Si votre profil correspond à nos attentes, nous reviendrons vers vous d'ici deux semaines pour organiser un entretien.

L'équipe RH""",
    ),
    dict(
        label="interview_cancelled",
        lang="fr",
        sender="Hugo Bernard <hugo.bernard@atelier-numerique.example>",
        subject="Annulation de notre entretien de jeudi",
        body="""Bonjour Sam,

Je suis désolé, mais nous sommes contraints d'annuler notre entretien de jeudi : le poste vient d'être gelé suite à une réorganisation interne. Je reviendrai vers vous dès que le recrutement reprend.

Toutes mes excuses,
Hugo""",
    ),
    dict(
        label="offer",
        lang="fr",
        sender="Camille Martin <camille.martin@maison-lumiere.example>",
        subject="Proposition d'embauche - Chef de projet digital",
        body="""Bonjour Sam,

Suite à vos entretiens, nous avons le plaisir de vous proposer le poste de Chef de projet digital en CDI. Vous trouverez ci-joint notre proposition d'embauche détaillant la rémunération et la date de démarrage.

Bien cordialement,
Camille""",
    ),
    # ---------------------------------------------------------------- Español
    dict(
        label="interview_invitation",
        lang="es",
        sender="Lucía Gómez <lucia.gomez@solmar.example>",
        subject="Entrevista - Desarrollador Full Stack",
        body="""Hola Sam,

Gracias por postularte a la vacante de Desarrollador Full Stack en Solmar. Nos ha gustado mucho tu perfil y nos gustaría invitarte a una primera entrevista por videollamada con el equipo técnico.

¿Podrías indicarnos tu disponibilidad para la próxima semana?

Un saludo,
Lucía Gómez
Talent Acquisition""",
    ),
    dict(
        label="interview_invitation",
        lang="es",
        ats="smartrecruiters",
        company="Grupo Andino",
        subject="Grupo Andino | Siguiente fase del proceso",
        body="""Estimado Sam:

Te agradecemos tu interés en la posición de Analista Financiero. Nos complace comunicarte que has pasado a la siguiente fase del proceso de selección, que consiste en una entrevista con la gerente del área.

Por favor, selecciona un horario disponible en el siguiente enlace.

Saludos cordiales,
Equipo de Reclutamiento""",
        html_only=True,
    ),
    dict(
        label="interview_invitation",
        lang="es",
        sender="Recursos Humanos <rrhh@clinicamar.example>",
        subject="Citación a entrevista",
        body="""Buenos días:

Nos ponemos en contacto con usted en relación con su candidatura para el puesto de Administrativo/a. Le convocamos a una entrevista presencial el próximo lunes 16 de marzo a las 10:00 h en nuestras oficinas.

Le rogamos confirme su asistencia respondiendo a este correo.

Atentamente,
Departamento de Recursos Humanos""",
    ),
    dict(
        label="interview_invitation",
        lang="es",
        ats="workable",
        company="Pixel Norte",
        sender="Pixel Norte <noreply@candidates.workablemail.com>",
        subject="¿Hablamos? - Diseñador UX",
        body="""¡Hola Sam!

Gracias por tu candidatura para Diseñador UX. Queremos conocerte mejor: te proponemos una llamada de 30 minutos con nuestra Head of Design para charlar sobre tu experiencia.

Reserva el hueco que mejor te venga aquí: https://calendly.com/pixelnorte/ux

¡Un abrazo!
Equipo Pixel Norte""",
    ),
    dict(
        label="rejection",
        lang="es",
        sender="Lucía Gómez <lucia.gomez@solmar.example>",
        subject="Tu candidatura en Solmar",
        body="""Hola Sam,

Muchas gracias por tu tiempo durante el proceso de selección para Desarrollador Full Stack.

Lamentamos comunicarte que hemos decidido continuar con otros candidatos cuyo perfil se ajusta más a las necesidades actuales del equipo.

Te deseamos mucho éxito en tu búsqueda.

Un saludo,
Lucía""",
    ),
    dict(
        label="rejection",
        lang="es",
        ats="smartrecruiters",
        company="Grupo Andino",
        subject="Actualización sobre tu candidatura",
        body="""Estimado Sam:

Te agradecemos sinceramente tu participación en el proceso para Analista Financiero.

Tras valorar detenidamente todas las candidaturas, en esta ocasión no podremos avanzar con tu postulación. Guardaremos tus datos para futuras vacantes.

Saludos cordiales,
Equipo de Reclutamiento""",
    ),
    dict(
        label="rejection",
        lang="es",
        sender="Recursos Humanos <rrhh@clinicamar.example>",
        subject="Proceso de selección Administrativo/a",
        body="""Estimado/a candidato/a:

Le agradecemos su participación en nuestro proceso de selección. Lamentamos informarle de que no ha sido seleccionado para el puesto.

Atentamente,
Departamento de Recursos Humanos""",
    ),
    dict(
        label="rejection",
        lang="es",
        ats="workable",
        company="Pixel Norte",
        sender="Pixel Norte <noreply@candidates.workablemail.com>",
        subject="Diseñador UX en Pixel Norte",
        body="""¡Hola Sam!

Gracias por la llamada de la semana pasada, disfrutamos mucho la conversación.

Por desgracia, hemos decidido seguir adelante con otra persona cuya experiencia encaja mejor con lo que buscamos ahora mismo. Ojalá coincidamos en el futuro.

Equipo Pixel Norte""",
    ),
    dict(
        label="application_received",
        lang="es",
        sender="Empleo <empleo@grupoandino.example>",
        subject="Hemos recibido tu candidatura",
        body="""Hola Sam,

Gracias por tu interés en Grupo Andino. Hemos recibido tu candidatura para Analista Financiero y nuestro equipo la revisará en los próximos días.

Si tu perfil encaja con lo que buscamos, nos pondremos en contacto contigo para coordinar una entrevista.

Equipo de Reclutamiento""",
    ),
    dict(
        label="interview_rescheduled",
        lang="es",
        sender="Lucía Gómez <lucia.gomez@solmar.example>",
        subject="Cambio de horario de la entrevista",
        body="""Hola Sam,

Te escribo porque necesitamos mover la entrevista del martes: al responsable técnico le ha surgido un imprevisto. ¿Te vendría bien el miércoles a la misma hora?

Disculpa las molestias,
Lucía""",
    ),
    dict(
        label="assessment",
        lang="es",
        ats="smartrecruiters",
        company="Grupo Andino",
        subject="Prueba técnica - Analista Financiero",
        body="""Estimado Sam:

Como siguiente paso del proceso, te pedimos que completes una prueba técnica en línea de aproximadamente 90 minutos. Tienes hasta el viernes para realizarla desde el enlace adjunto.

Saludos cordiales,
Equipo de Reclutamiento""",
    ),
    dict(
        label="job_alert",
        lang="es",
        sender="InfoJobs <alertas@infojobs.net>",
        headers={"List-Unsubscribe": "<https://www.infojobs.net/unsubscribe>"},
        subject="5 nuevas ofertas de Desarrollador para ti",
        body="""Hola Sam, estas son las nuevas ofertas que coinciden con tu alerta:

Desarrollador Python - Madrid - Entrevista online
Desarrollador Java - Barcelona
Ver todas las ofertas

Para dejar de recibir esta alerta de empleo, haz clic aquí.""",
    ),
    dict(
        label="job_alert",
        lang="de",
        sender="StepStone <jobagent@stepstone.de>",
        headers={"List-Unsubscribe": "<https://www.stepstone.de/unsubscribe>"},
        subject="Neue Jobs für Sie: Softwareentwickler in Hamburg",
        body="""Hallo Sam,

hier sind neue Stellenangebote, die zu Ihrem Jobagenten passen:

Softwareentwickler Backend (m/w/d) - Hamburg - Vorstellungsgespräch per Video möglich
Java Entwickler (m/w/d) - Hamburg

Alle Jobs ansehen

Sie erhalten diese E-Mail, weil Sie einen Jobagenten angelegt haben. Abmelden""",
    ),
]
