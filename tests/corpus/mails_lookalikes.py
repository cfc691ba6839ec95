"""Mail that talks about applications and interviews but must not trigger a draft, plus the
categories that follow a decision (feedback received)."""

_UNSUB = {"List-Unsubscribe": "<mailto:unsubscribe@lists.example>", "Precedence": "bulk"}

MAILS = [
    # ---------------------------------------------------------------- application received / under review
    dict(
        label="application_received",
        ats="greenhouse",
        company="Lumen Labs",
        subject="Thank you for applying to Lumen Labs",
        body="""Hi Sam,

Thanks for applying to the Backend Engineer role at Lumen Labs! Your application has been received and our team will review it shortly.

If there's a good fit, someone from our recruiting team will reach out to schedule a first conversation. In the meantime, feel free to check out our engineering blog.

Lumen Labs Recruiting""",
    ),
    dict(
        label="application_received",
        ats="workday",
        company="Contoso",
        subject="Contoso: Application Received - Senior Accountant",
        body="""Dear Sam Taylor,

Thank you for your interest in Contoso! We have received your application for Senior Accountant (R-10442).

Our recruiting team will carefully review your qualifications. If your skills and experience are a match, a recruiter will contact you to discuss next steps, which may include an interview.

You can check the status of your application at any time in your Candidate Home account.

Contoso Talent Acquisition""",
    ),
    dict(
        label="application_received",
        ats="lever",
        company="Northwind",
        subject="Thanks for your application to Northwind",
        body="""Hi Sam,

Thanks for your interest in Northwind and the Product Designer position. We're excited to review your application!

Due to the high volume of applications we receive, it may take a couple of weeks for us to get back to you. We appreciate your patience.

Northwind Talent Team""",
        html_only=True,
    ),
    dict(
        label="application_received",
        ats="linkedin",
        company="Vertex Analytics",
        sender="LinkedIn <jobs-noreply@linkedin.com>",
        subject="Sam, your application was sent to Vertex Analytics",
        body="""Your application was sent to Vertex Analytics

Machine Learning Engineer
Vertex Analytics - Berlin (Hybrid)
Applied on March 3, 2026

Prepare for your interview: practice common questions with AI-powered interview prep.

This email was intended for Sam Taylor. You are receiving LinkedIn notification emails. Unsubscribe""",
    ),
    dict(
        label="application_received",
        ats="indeed",
        company="Riverbend Retail",
        sender="Indeed <indeedapply@indeed.com>",
        subject="Indeed Application: Store Manager",
        body="""Application submitted

Store Manager
Riverbend Retail - Springfield

The following items were sent to Riverbend Retail. Good luck!
- Resume
- Answers to screener questions

Next steps: the employer may contact you to set up an interview. Track your applications on Indeed.""",
    ),
    dict(
        label="application_received",
        ats="icims",
        company="Meridian Bank",
        subject="Meridian Bank - Application Status Update",
        body="""Dear Sam,

This is to let you know that your application for the Risk Analyst position is currently under review by the hiring team. We will be in touch if we would like to invite you for an interview.

Sincerely,
Meridian Bank Talent Acquisition""",
    ),
    dict(
        label="application_received",
        sender="Careers <careers@pinnacle.example>",
        subject="Pinnacle Consulting - we've got your application",
        body="""Dear Sam,

Thank you for submitting your application for the Associate position. Please note that only shortlisted candidates will be contacted for an interview. If you do not hear from us within four weeks, please assume that your application has not been successful on this occasion.

Pinnacle Consulting Recruiting""",
    ),
    dict(
        label="application_received",
        ats="taleo",
        company="Globex",
        subject="Globex - Confirmation of your application",
        body="""Dear Sam Taylor,

This message confirms that we have received your application for the position of Supply Chain Manager. Our recruiters are currently reviewing applications and will contact candidates selected for interview.

Thank you for your interest in Globex.

Globex Recruitment""",
    ),
    # ---------------------------------------------------------------- assessments
    dict(
        label="assessment",
        ats="greenhouse",
        company="Stellar Games",
        subject="Stellar Games - Programming Test",
        body="""Hello Sam,

Thanks for applying to Stellar Games! As the next step in our process, we'd like you to complete a short programming test on HackerRank. You'll have 90 minutes once you start, and the link stays valid for 7 days.

Good luck!
Stellar Games Talent Team""",
    ),
    dict(
        label="assessment",
        sender="Quanta Recruiting <recruiting@quanta.example>",
        subject="Take-home exercise for the Platform Engineer role",
        body="""Hi Sam,

Thanks for the great conversation! Before the technical interview, we ask every candidate to complete a small take-home exercise (about 3 hours). Instructions and the repository link are below - please send your solution within a week.

Ravi""",
    ),
    dict(
        label="assessment",
        sender="Pinnacle Consulting <noreply@pinnacle-assess.example>",
        subject="Complete your online assessment - Pinnacle Consulting",
        body="""Dear Sam,

You are invited to complete the Pinnacle online assessment, which includes numerical reasoning and a situational judgement test. Please complete it within 5 days of receiving this email.

Start assessment

Pinnacle Consulting""",
        html_only=True,
    ),
    dict(
        label="assessment",
        sender="HireVue <noreply@hirevue.com>",
        subject="Bluebird Health: your video interview is ready",
        body="""Hi Sam,

Bluebird Health has invited you to complete an on-demand video interview. You'll record your answers to 5 questions at a time that suits you, and can practise first.

Start your interview

Powered by HireVue""",
    ),
    # ---------------------------------------------------------------- offers
    dict(
        label="offer",
        sender="Priya Natarajan <priya@lumenlabs.example>",
        subject="Offer letter - Backend Engineer at Lumen Labs",
        body="""Hi Sam,

Congratulations! We're thrilled to offer you the position of Backend Engineer at Lumen Labs. Attached you'll find your offer letter with details about compensation, equity and benefits.

Please let us know if you have any questions; we'd love to have your answer by Friday.

Priya""",
    ),
    dict(
        label="offer",
        sender="Grace Kim <grace.kim@helios.example>",
        subject="Helios - great news!",
        body="""Hi Sam,

I'm so happy to share that the team would like to extend you an offer for the Senior Software Engineer role! I'd love to walk you through the details on a quick call - when would suit you today or tomorrow?

Best,
Grace""",
    ),
    dict(
        label="offer",
        lang="de",
        sender="Julia Hoffmann <j.hoffmann@brueckner.example>",
        subject="Ihr Vertragsangebot",
        body="""Hallo Herr Taylor,

wir freuen uns sehr, Ihnen die Stelle als Softwareentwickler anbieten zu können! Anbei erhalten Sie Ihren Arbeitsvertrag zur Durchsicht.

Mit freundlichen Grüßen
Julia Hoffmann""",
    ),
    dict(
        label="offer",
        lang="es",
        sender="Lucía Gómez <lucia.gomez@solmar.example>",
        subject="Carta oferta - Desarrollador Full Stack",
        body="""Hola Sam,

¡Enhorabuena! Nos complace ofrecerte el puesto de Desarrollador Full Stack. Adjuntamos la carta oferta con las condiciones.

Un saludo,
Lucía""",
    ),
    # ---------------------------------------------------------------- job alerts
    dict(
        label="job_alert",
        sender="LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>",
        headers=_UNSUB,
        subject='"backend engineer": Lumen Labs and 9 more new jobs',
        body="""Your job alert for backend engineer in Berlin

Backend Engineer - Lumen Labs - Berlin - Actively recruiting
Senior Backend Developer - Quanta - Remote - Be an early applicant
See all jobs

You are receiving Job Alert emails. Manage job alerts. Unsubscribe.""",
    ),
    dict(
        label="job_alert",
        sender="Indeed <alert@indeed.com>",
        headers=_UNSUB,
        subject="20+ new Data Analyst jobs in Springfield",
        body="""Jobs matching your interview preferences and search

Data Analyst - Fabrikam - Interviewing now
Junior Analyst - Contoso - Hiring multiple candidates

View all jobs""",
    ),
    dict(
        label="job_alert",
        sender="Glassdoor Jobs <noreply@glassdoor.com>",
        headers=_UNSUB,
        subject="Product Designer jobs you may be interested in",
        body="""Sam, new jobs for you!

Based on your recent searches, here are jobs you might like. Several employers are inviting candidates to interview this week.

Product Designer - Northwind - 4.2 stars
UX Designer - Pixel Norte - 4.5 stars""",
    ),
    dict(
        label="job_alert",
        sender="Otta <hello@otta.example>",
        headers=_UNSUB,
        subject="5 roles picked for you this week",
        body="""Hi Sam,

We found 5 new roles that match your preferences. Companies like Quanta are hiring and interviewing fast.

1. Platform Engineer at Quanta
2. Backend Engineer at Lumen Labs

Update your preferences any time.""",
        html_only=True,
    ),
    dict(
        label="job_alert",
        sender="ZipRecruiter <alerts@ziprecruiter.com>",
        headers=_UNSUB,
        subject="Sam, a new job match for Store Manager",
        body="""We found a new job that matches your search: Store Manager at Riverbend Retail. Employers are contacting candidates for interviews - apply with one click!

Apply now""",
    ),
    dict(
        label="job_alert",
        sender="Welcome to the Jungle <alertes@welcometothejungle.com>",
        lang="fr",
        headers=_UNSUB,
        subject="Nouvelles offres qui correspondent à votre alerte",
        body="""Bonjour Sam,

Voici les nouvelles offres d'emploi correspondant à votre profil : Chef de projet digital chez Maison Lumière, Product Owner chez Éclat Cosmétiques.

Gérer mes alertes""",
    ),
    # ---------------------------------------------------------------- newsletters and webinars
    dict(
        label="newsletter",
        sender="The Muse <newsletter@themuse.example>",
        headers=_UNSUB,
        subject="7 interview questions you should be ready for",
        body="""This week on The Muse: how to answer "tell me about yourself", what to do when a recruiter says "we'll be in touch", and the thank-you note that gets you hired.

Read more

You're receiving this newsletter because you subscribed at themuse.example.""",
        html_only=True,
    ),
    dict(
        label="newsletter",
        sender="Lumen Labs Events <events@lumenlabs.example>",
        headers=_UNSUB,
        subject="Webinar: Inside our engineering interview process",
        body="""Join our live webinar on March 18 where our engineers explain how we interview, what we look for, and how to prepare for the technical interview.

Save your seat: https://lumenlabs.example/webinar

You are receiving this email because you joined the Lumen Labs talent community.""",
    ),
    dict(
        label="newsletter",
        sender="Career Weekly <digest@careerweekly.example>",
        headers=_UNSUB,
        subject="Career Weekly digest: offers, rejections and resilience",
        body="""In this issue:
- What to do after a rejection email
- Negotiating your job offer
- We'd love to invite you to our next community meetup

Unsubscribe | Privacy policy""",
    ),
    dict(
        label="newsletter",
        sender="University Careers Service <careers@uni.example>",
        headers={"List-Id": "<careers-news.uni.example>"},
        subject="Mock interview workshop and career fair this month",
        body="""Dear students and alumni,

Register now for our mock interview workshop on 10 March, and don't miss the spring career fair where 60 employers will be interviewing on the spot.

Careers Service""",
    ),
    dict(
        label="newsletter",
        lang="de",
        sender="karriere.example <newsletter@karriere.example>",
        headers=_UNSUB,
        subject="Newsletter: So meistern Sie das Vorstellungsgespräch",
        body="""Liebe Leserinnen und Leser,

in dieser Ausgabe: die zehn häufigsten Fragen im Vorstellungsgespräch und wie Sie nach einer Absage motiviert bleiben.

Zum Artikel

Vom Newsletter abmelden""",
    ),
    # ---------------------------------------------------------------- rescheduled / cancelled
    dict(
        label="interview_rescheduled",
        sender="Jordan Lee <jordan.lee@northwind.example>",
        subject="Need to reschedule our interview",
        body="""Hi Sam,

I'm really sorry, but Maria has a conflict on Thursday and we need to move your interview. Would Friday at the same time work instead? If not, feel free to grab another slot from the link.

Apologies for the hassle,
Jordan""",
    ),
    dict(
        label="interview_rescheduled",
        sender="Calendar <calendar-notification@google.com>",
        subject="Updated invitation: Interview: Sam Taylor / Acme Robotics @ Thu Mar 12, 2026 2pm - 3pm (CET)",
        body="""This event has been changed.

Interview: Sam Taylor / Acme Robotics
When: CHANGED Thursday Mar 12, 2026 2pm - 3pm Central European Time - Berlin""",
        ics=("20260312T140000", "Interview: Sam Taylor / Acme Robotics"),
    ),
    dict(
        label="interview_rescheduled",
        ats="greenhouse",
        company="Lumen Labs",
        subject="Your interview with Lumen Labs has been rescheduled",
        body="""Hi Sam,

Your interview for Backend Engineer has been rescheduled to Monday, March 16 at 11:00 AM CET. The video link remains the same.

Lumen Labs Recruiting""",
    ),
    dict(
        label="interview_cancelled",
        sender="Elena Petrova <elena.petrova@fabrikam.example>",
        subject="Cancelled: Data Analyst interview on 12 March",
        body="""Dear Sam,

Unfortunately we have to cancel Thursday's interview, as the Data Analyst position has been put on hold due to a budget freeze. We will let you know if it reopens.

Kind regards,
Elena""",
    ),
    dict(
        label="interview_cancelled",
        sender="Microsoft Outlook <noreply@outlook.example>",
        subject="Canceled: Phone screen - Sam Taylor",
        body="""The meeting organizer has canceled this meeting.

Phone screen - Sam Taylor
Tuesday, March 10, 2026 4:00 PM-4:30 PM""",
        ics=("20260310T160000", "Phone screen - Sam Taylor", "CANCEL"),
    ),
    dict(
        label="interview_cancelled",
        sender="Mark O'Donnell <mark@tinyfox.example>",
        subject="Tomorrow's call",
        body="""Hey Sam,

Really sorry for the short notice but I need to cancel our call tomorrow - we've just had to pause hiring for the frontend role while we close our funding round. I'll reach out as soon as it's back on.

Mark""",
    ),
    # ---------------------------------------------------------------- recruiter outreach
    dict(
        label="recruiter_outreach",
        sender="Chris Walker <chris@talentbridge.example>",
        subject="Senior Backend opportunity - fully remote",
        body="""Hi Sam,

I came across your profile on LinkedIn and was impressed by your Python and distributed systems background. I'm working with a fast-growing fintech client who is looking for a Senior Backend Engineer (fully remote, EUR 85-95k).

Would you be open to a quick chat this week to hear more?

Best,
Chris Walker
Senior Recruiter, TalentBridge""",
    ),
    dict(
        label="recruiter_outreach",
        sender="Amelia Stone <amelia.stone@quanta.example>",
        subject="Platform engineering at Quanta",
        body="""Hi Sam,

I lead talent for Quanta's infrastructure group. Your work on open-source observability tooling caught my eye, and I think you'd be a great fit for a Staff Platform Engineer role we're hiring for.

Are you open to exploring new opportunities? Happy to share more over a 20-minute call.

Amelia""",
    ),
    dict(
        label="recruiter_outreach",
        sender="Sophie Laurent via LinkedIn <inmail-hit-reply@linkedin.com>",
        subject="Sophie wants to connect about a Product Design role",
        body="""Hi Sam, I'm a recruiter at Éclat Cosmétiques. We're building a new digital team and your portfolio stood out. Would you be interested in a conversation?

Reply""",
    ),
    dict(
        label="recruiter_outreach",
        lang="de",
        sender="Markus Brandt <m.brandt@personalberatung-nord.example>",
        subject="Spannende Position als Teamlead Backend",
        body="""Hallo Sam,

ich bin auf Ihr Profil gestoßen und möchte Ihnen im Auftrag meines Kunden, eines Hamburger Scale-ups, eine spannende Position als Teamlead Backend vorstellen. Hätten Sie Interesse an einem kurzen Telefonat?

Beste Grüße
Markus Brandt""",
    ),
    dict(
        label="recruiter_outreach",
        lang="es",
        sender="Carla Ruiz <carla@seleccion-talento.example>",
        subject="Oportunidad Data Engineer en Madrid",
        body="""Hola Sam,

He visto tu perfil y creo que encajarías muy bien en una posición de Data Engineer para uno de nuestros clientes en Madrid. ¿Te interesaría que lo comentemos en una breve llamada?

Saludos,
Carla""",
    ),
    # ---------------------------------------------------------------- replies from people in ongoing threads
    dict(
        label="personal_reply",
        sender="Jordan Lee <jordan.lee@northwind.example>",
        subject="Re: Interview for Product Designer at Northwind",
        headers={
            "In-Reply-To": "<sam-reply-1@example.org>",
            "References": "<inv-northwind@northwind.example> <sam-reply-1@example.org>",
        },
        body="""Perfect, Tuesday at 2pm it is! I've sent a calendar invite with the Zoom link. Looking forward to it.

Jordan

On Mon, 2 Mar 2026 at 10:14, Sam Taylor <sam.taylor@example.org> wrote:
> Hi Jordan, thank you for the invitation - Tuesday at 2pm works well for me.""",
    ),
    dict(
        label="personal_reply",
        sender="Priya Natarajan <priya@lumenlabs.example>",
        subject="RE: Thank you",
        headers={"In-Reply-To": "<sam-thanks-1@example.org>"},
        body="""Hi Sam,

Thanks so much for the kind note - it was great speaking with you too. I've passed your thoughts on to the team. We'll be in touch soon about next steps.

Priya

-----Original Message-----
From: Sam Taylor
Sent: Tuesday, March 3, 2026 6:12 PM
Subject: Thank you
Thank you for taking the time to interview me today.""",
    ),
    dict(
        label="personal_reply",
        sender="Alex Morgan <alex.morgan@gmail.example>",
        subject="Re: coffee?",
        headers={"In-Reply-To": "<sam-coffee@example.org>"},
        body="""Ha, good luck with the interview on Thursday! Unfortunately I can't do Friday either - how about next Monday for coffee?

Alex""",
    ),
    dict(
        label="personal_reply",
        sender="Tom Becker <tom.becker@wavelength.example>",
        subject="Re: Re: Application - Site Reliability Engineer",
        headers={"In-Reply-To": "<sam-app-2026-03-01@example.org>"},
        body="""Hi Sam,

Got it, thanks - I'll pass the updated CV to the team. Speak Tuesday.

Tom""",
    ),
    dict(
        label="personal_reply",
        lang="de",
        sender="Lena Fischer <lena@kaffeekollektiv.example>",
        subject="AW: Kennenlernen?",
        headers={"In-Reply-To": "<sam-lena@example.org>"},
        body="""Super, dann bis Donnerstag um 15 Uhr! Klingel einfach hinten am Lieferanteneingang.

Lena

Am 04.03.2026 um 09:12 schrieb Sam Taylor:
> Hallo Lena, Donnerstag passt mir sehr gut!""",
    ),
    dict(
        label="personal_reply",
        sender="Jamie Chen <jamie.chen@outlook.example>",
        subject="Re: referral at Helios",
        headers={"In-Reply-To": "<sam-jamie@example.org>"},
        body="""Hey Sam! Happy to refer you - I just submitted it through our internal portal. Fingers crossed they move you forward quickly; the recruiters there usually reach out within a week.

Jamie""",
    ),
    # ---------------------------------------------------------------- out of office
    dict(
        label="auto_reply",
        sender="Priya Natarajan <priya@lumenlabs.example>",
        headers={"Auto-Submitted": "auto-replied"},
        subject="Automatic reply: Thank you for the interview",
        body="""Thank you for your email. I am out of the office until March 9 with limited access to email. For urgent recruiting matters, please contact recruiting@lumenlabs.example.""",
    ),
    dict(
        label="auto_reply",
        sender="Jordan Lee <jordan.lee@northwind.example>",
        subject="Out of Office: Re: Interview for Product Designer",
        body="""Hi, I'm on vacation until Monday and will respond to your message about the interview when I'm back.""",
    ),
    dict(
        label="auto_reply",
        lang="de",
        sender="Stefan Wagner <s.wagner@nordlicht-energie.example>",
        headers={"Auto-Submitted": "auto-replied"},
        subject="Abwesenheitsnotiz: Ihre Bewerbung als Projektingenieur",
        body="""Vielen Dank für Ihre Nachricht. Ich bin bis zum 20.03. nicht im Büro. In dringenden Fällen wenden Sie sich bitte an personal@nordlicht-energie.example.""",
    ),
    dict(
        label="auto_reply",
        lang="fr",
        sender="Camille Martin <camille.martin@maison-lumiere.example>",
        subject="Réponse automatique : Votre candidature",
        body="""Bonjour, je suis absente du bureau jusqu'au 15 mars. Je traiterai votre message concernant l'entretien à mon retour.""",
    ),
    # ---------------------------------------------------------------- followup's own drafts and reminders
    dict(
        label="own_message",
        sender="Sam Taylor <sam.taylor@example.org>",
        to="Priya Natarajan <priya@lumenlabs.example>",
        headers={"X-Followup": "draft rejection_thanks"},
        subject="Re: Your application to Lumen Labs",
        body="""Dear Priya,

Thank you for letting me know. While I'm disappointed we won't be moving forward, I appreciated the interview process. Would you be open to sharing any feedback?

Best regards,
Sam""",
    ),
    dict(
        label="own_message",
        sender="followup <sam.taylor@example.org>",
        to="sam.taylor@example.org",
        headers={"X-Followup": "reminder thank_you"},
        subject="Reminder: send your thank-you note to Northwind",
        body="""You interviewed with Northwind for Product Designer. A thank-you draft is waiting in Drafts - send it within 24 hours of the interview.""",
    ),
    dict(
        label="own_message",
        sender="followup <followup@example.org>",
        to="sam.taylor@example.org",
        headers={"X-Followup": "digest"},
        subject="followup: your week - 2 interviews, 1 rejection",
        body="""Invitation from Lumen Labs: the reply draft is in Drafts.
Rejection from Globex: we regret to inform you... a thank-you and feedback request is in Drafts.""",
    ),
    # ---------------------------------------------------------------- feedback received (replies in a rejection thread)
    dict(
        label="feedback_received",
        sender="Ravi Kumar <ravi@quanta.example>",
        subject="Re: Quanta application update",
        headers={
            "In-Reply-To": "<sam-fb-1@example.org>",
            "References": "<rej-quanta@quanta.example> <sam-fb-1@example.org>",
        },
        body="""Hi Sam,

Of course! The panel liked your system design answer a lot. Where you could improve is the coding round: the team felt the solution needed more testing of edge cases. I hope that helps.

Ravi""",
    ),
    dict(
        label="feedback_received",
        sender="Grace Kim <grace.kim@helios.example>",
        subject="Re: Helios - update",
        headers={
            "In-Reply-To": "<sam-fb-2@example.org>",
            "References": "<rej-helios@helios.example> <sam-fb-2@example.org>",
        },
        body="""Hi Sam,

Thanks for asking. Here is some feedback from the interviewers: strong communication and product sense, but the system design session stayed at a high level and the team wanted to see more depth on data modelling.

Best of luck,
Grace""",
    ),
    dict(
        label="feedback_received",
        sender="Daniel Osei <d.osei@cobalt.example>",
        subject="Re: Cobalt Security - Security Engineer",
        headers={"In-Reply-To": "<sam-fb-3@example.org>"},
        body="""Hi Sam,

Happy to share some feedback. The team felt you were very strong on offensive security, and the main gap was hands-on experience with cloud incident response (AWS in particular). A certification or a home lab there would make a big difference.

Daniel""",
    ),
    dict(
        label="feedback_received",
        lang="de",
        sender="Lena Fischer <lena@kaffeekollektiv.example>",
        subject="AW: Rückmeldung zu deiner Bewerbung",
        headers={
            "In-Reply-To": "<sam-fb-4@example.org>",
            "References": "<rej-kaffee@kaffeekollektiv.example> <sam-fb-4@example.org>",
        },
        body="""Hi Sam,

klar, gerne! Dein Latte Art war top, uns hat nur etwas Erfahrung im Anleiten von Gruppen gefehlt. Vielleicht magst du mal einen Workshop geben?

Liebe Grüße
Lena""",
    ),
    # ---------------------------------------------------------------- everything else
    dict(
        label="other",
        sender="Springfield Energy <billing@springfield-energy.example>",
        subject="Your March invoice is ready",
        body="""Hello Sam, your invoice for March is ready. The amount of EUR 64.20 will be debited on 15 March.""",
    ),
    dict(
        label="other",
        sender="Mum <mum@family.example>",
        subject="Sunday lunch",
        body="""Hi love, are you coming on Sunday? Dad is making his lasagne. Also, how did the interview go? Call me!""",
    ),
    dict(
        label="other",
        sender="GitHub <noreply@github.com>",
        subject="[sam/portfolio] Dependabot alert",
        body="""A new security advisory affects a dependency of sam/portfolio. Review the alert and update jinja2.""",
    ),
    dict(
        label="other",
        sender="Parcel Service <tracking@parcel.example>",
        subject="Your parcel is on its way",
        body="""Good news: your parcel will arrive tomorrow between 10:00 and 14:00. Unfortunately we cannot deliver to a PO box.""",
    ),
]
