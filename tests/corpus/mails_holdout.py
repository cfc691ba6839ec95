"""A second batch, written after the rules, with wording the rules were not tuned on: the
closest thing to the held-out set the packs will be judged on. Misses found here were fixed
only with phrasing a recruiter would write in general, never with this batch's exact words."""

_UNSUB = {"List-Unsubscribe": "<https://mail.example/unsub>"}

MAILS = [
    dict(
        label="interview_invitation",
        ats="greenhouse",
        company="Orbit Payments",
        subject="Orbit Payments: scheduling your Hiring Manager conversation",
        body="""Hi Sam,

Good news! Ana, the Engineering Manager for Payments Core, would like to speak with you. Please let us know when you're available over the next week by selecting times in the availability form below. We'll confirm a slot within one business day.

Provide availability

Thanks,
Orbit Payments Recruiting""",
    ),
    dict(
        label="interview_invitation",
        sender="Ben Carter <ben@lakeside-studio.example>",
        subject="Your application - Junior Animator",
        body="""Hi Sam,

Loved your reel! We'd like to bring you in for an interview at the studio. We have openings on Monday 9th at 11am or Wednesday 11th at 4pm - which suits you better?

Cheers,
Ben Carter
Lakeside Studio""",
        html_only=True,
    ),
    dict(
        label="interview_invitation",
        ats="lever",
        company="Copperline",
        sender="Nora Blake <no-reply@hire.lever.co>",
        reply_to="nora@copperline.example",
        subject="Copperline // Sales Engineer - next steps",
        body="""Hey Sam,

Thanks for your patience! The team reviewed your application and we'd like to invite you to chat with our VP of Sales. It's a 30-minute Google Meet to get to know each other.

You can book directly on my calendar here: https://calendly.com/nora-copperline/30min

Nora""",
    ),
    dict(
        label="interview_invitation",
        sender="Rita Singh <rita.singh@evergreen-care.example>",
        subject="Interview - Registered Nurse (Night Shift)",
        body="""Dear Sam,

Thank you for applying for the Registered Nurse position at Evergreen Care. We would be pleased to meet you for an interview on Friday 13 March at 10:30am at our Oakwood site. Please bring photo ID and your registration details.

Kindly confirm by return email whether you are able to attend.

Kind regards,
Rita Singh
Nurse Recruitment Lead""",
    ),
    dict(
        label="interview_invitation",
        lang="de",
        ats="workday",
        company="Hanse Logistik",
        subject="Einladung: Interview für die Position Teamleiter Lager",
        body="""Sehr geehrter Herr Taylor,

vielen Dank für Ihr Interesse an Hanse Logistik. Gerne möchten wir Sie im Rahmen eines Videointerviews näher kennenlernen. Bitte wählen Sie in Ihrem Kandidatenprofil einen für Sie passenden Termin aus.

Mit freundlichen Grüßen
Hanse Logistik Talent Acquisition""",
    ),
    dict(
        label="interview_invitation",
        lang="fr",
        sender="Claire Dubois <c.dubois@lyon-energies.example>",
        subject="Candidature Ingénieur maintenance",
        body="""Bonjour Monsieur Taylor,

Votre candidature a retenu notre attention et nous aimerions en discuter avec vous lors d'un entretien dans nos locaux de Lyon. Seriez-vous disponible le mardi 17 mars à 14h ?

Cordialement,
Claire Dubois
Responsable RH""",
    ),
    dict(
        label="interview_invitation",
        lang="es",
        ats="teamtailor",
        company="Brisa Viajes",
        subject="Queremos conocerte - Agente de viajes",
        body="""¡Hola Sam!

Hemos revisado tu candidatura y nos encantaría tener una entrevista contigo por videollamada. Puedes elegir el día y la hora que mejor te vengan en este enlace.

¡Hasta pronto!
Equipo Brisa Viajes""",
    ),
    dict(
        label="rejection",
        ats="ashby",
        company="Orbit Payments",
        subject="Update from Orbit Payments",
        body="""Hi Sam,

Thank you for your time and interest in the Senior Engineer, Payments Core role. After reviewing your background against the requirements of the position, we've made the decision not to advance your candidacy.

We appreciate you considering Orbit Payments and wish you luck in your search.

Orbit Payments Recruiting""",
    ),
    dict(
        label="rejection",
        sender="Ben Carter <ben@lakeside-studio.example>",
        subject="Junior Animator",
        body="""Hi Sam,

Thanks so much for coming in last week - it was lovely to meet you. It was a really tough call, but we've offered the role to someone whose experience with rigging was a closer fit for the project.

Please keep in touch and send us your next reel!

Ben""",
    ),
    dict(
        label="rejection",
        ats="workday",
        company="Hanse Logistik",
        subject="Ihre Bewerbung bei Hanse Logistik",
        body="""Sehr geehrter Herr Taylor,

vielen Dank für Ihre Bewerbung und das Vertrauen, das Sie uns entgegengebracht haben. Nach eingehender Prüfung Ihrer Unterlagen müssen wir Ihnen leider eine Absage erteilen.

Für Ihre berufliche Zukunft wünschen wir Ihnen viel Erfolg.

Hanse Logistik Talent Acquisition""",
    ),
    dict(
        label="rejection",
        ats="icims",
        company="Evergreen Care",
        subject="Evergreen Care - Your Application",
        body="""Dear Sam,

Thank you for your interest in the Registered Nurse position. We have reviewed your application and regret that we will not be taking it further at this time.

We wish you every success.

Evergreen Care Recruitment""",
    ),
    dict(
        label="rejection",
        lang="fr",
        sender="Claire Dubois <c.dubois@lyon-energies.example>",
        subject="Votre candidature - Ingénieur maintenance",
        body="""Bonjour Monsieur Taylor,

Nous vous remercions de l'intérêt porté à notre société. Après examen de votre dossier, nous ne sommes malheureusement pas en mesure de retenir votre candidature pour ce poste.

Cordialement,
Claire Dubois""",
    ),
    dict(
        label="rejection",
        lang="es",
        ats="teamtailor",
        company="Brisa Viajes",
        subject="Gracias por tu interés en Brisa Viajes",
        body="""¡Hola Sam!

Gracias por participar en nuestro proceso de selección. Tras mucho pensarlo, hemos optado por otro perfil para el puesto de Agente de viajes.

Te deseamos lo mejor,
Equipo Brisa Viajes""",
    ),
    dict(
        label="rejection",
        ats="lever",
        company="Copperline",
        sender="Nora Blake <no-reply@hire.lever.co>",
        subject="Copperline - Sales Engineer",
        body="""Hi Sam,

I wanted to follow up after your conversation with our VP of Sales. We've decided to keep looking for candidates with more hands-on experience in enterprise security sales, so we won't be continuing the process with you.

Thanks again for your time,
Nora""",
    ),
    dict(
        label="application_received",
        ats="ashby",
        company="Orbit Payments",
        subject="Thanks for applying to Orbit Payments!",
        body="""Hi Sam,

We got your application for Senior Engineer, Payments Core. Our team reviews every application, and if your experience lines up with what we're looking for, a recruiter will reach out about next steps such as an initial interview.

Orbit Payments Recruiting""",
    ),
    dict(
        label="application_received",
        ats="workable",
        company="Evergreen Care",
        sender="Evergreen Care <noreply@candidates.workablemail.com>",
        subject="Application for Registered Nurse received",
        body="""Hi Sam,

This is a confirmation that your application for Registered Nurse has been successfully submitted. We'll be reviewing applications over the coming weeks.

Evergreen Care""",
        html_only=True,
    ),
    dict(
        label="assessment",
        ats="smartrecruiters",
        company="Copperline",
        subject="Copperline - a short exercise before we talk",
        body="""Hi Sam,

Before the next interview we'd like you to prepare a 15-minute demo presentation of a product of your choice (a short written brief is attached). Please submit your slides by Friday.

Copperline Recruiting""",
    ),
    dict(
        label="job_alert",
        sender="Indeed <jobalerts-noreply@indeed.com>",
        headers=_UNSUB,
        subject="Nurse jobs near Oakwood - new this week",
        body="""Sam, here are new jobs for Registered Nurse near Oakwood:

Registered Nurse - Evergreen Care - urgently hiring, interviews this week
Staff Nurse - Oakwood Hospital

See more jobs

You received this alert because you searched for "Registered Nurse". Unsubscribe.""",
    ),
    dict(
        label="newsletter",
        sender="Hired Monthly <news@hired-monthly.example>",
        headers=_UNSUB,
        subject="How to ace your next interview (and bounce back from a rejection)",
        body="""This month: three candidates share what they learned from rejection emails, plus a free webinar on salary negotiation on March 20.

Read the stories""",
        html_only=True,
    ),
    dict(
        label="interview_rescheduled",
        sender="Rita Singh <rita.singh@evergreen-care.example>",
        subject="Change to your interview time",
        body="""Dear Sam,

Due to a staffing issue on the ward, we have had to move your interview from Friday 10:30am to Monday 16 March at 2pm. Please let me know if the new time works for you.

Kind regards,
Rita""",
    ),
    dict(
        label="interview_cancelled",
        ats="greenhouse",
        company="Orbit Payments",
        subject="Orbit Payments: your interview has been canceled",
        body="""Hi Sam,

Your interview with Ana scheduled for Thursday, March 12 has been canceled. A member of our recruiting team will be in touch shortly with more information.

Orbit Payments Recruiting""",
    ),
    dict(
        label="recruiter_outreach",
        sender="Dana Fox <dana@northstar-search.example>",
        subject="Head of Platform - confidential search",
        body="""Hi Sam,

I'm running a confidential search for a Head of Platform at a Series C company and your name came up. Your background looks like a strong match. Would you have 15 minutes for a call this week to hear more?

Dana Fox
Partner, Northstar Search""",
    ),
    dict(
        label="personal_reply",
        sender="Nora Blake <nora@copperline.example>",
        subject="Re: Copperline // Sales Engineer - next steps",
        headers={"In-Reply-To": "<sam-nora@example.org>"},
        body="""Hi Sam,

No problem at all - I've moved you to 3:30pm. Same Google Meet link. Talk soon!

Nora""",
    ),
    dict(
        label="auto_reply",
        sender="Claire Dubois <c.dubois@lyon-energies.example>",
        headers={"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
        lang="fr",
        subject="Absence du bureau",
        body="""Je suis actuellement en congés et serai de retour le 23 mars. Pour toute question relative aux recrutements, merci de contacter rh@lyon-energies.example.""",
    ),
    dict(
        label="offer",
        sender="Ana Ribeiro <ana@orbitpayments.example>",
        subject="Welcome to Orbit Payments - your offer",
        body="""Hi Sam,

On behalf of the whole team, I'm delighted to formally offer you the position of Senior Engineer, Payments Core. Your offer documents are ready to review and sign in DocuSign.

Ana""",
    ),
]
