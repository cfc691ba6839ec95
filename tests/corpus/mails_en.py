"""English invitations and rejections, in the styles of ATS templates and of people writing."""

MAILS = [
    # ---------------------------------------------------------------- invitations
    dict(
        label="interview_invitation",
        ats="greenhouse",
        company="Lumen Labs",
        sender="Priya Natarajan <no-reply@us.greenhouse-mail.io>",
        reply_to="Priya Natarajan <priya@lumenlabs.example>",
        subject="Lumen Labs - Next steps for Backend Engineer",
        body="""Hi Sam,

Thanks so much for applying to the Backend Engineer role at Lumen Labs. Our team enjoyed reading through your application and we'd love to set up a 30-minute phone screen with our recruiting team.

Please use the link below to pick a time that works for you:
https://app.greenhouse.io/scheduling/abc123

Talk soon,
Priya Natarajan
Technical Recruiter, Lumen Labs""",
    ),
    dict(
        message_id="<inv-northwind@northwind.example>",
        label="interview_invitation",
        ats="lever",
        company="Northwind",
        sender="Jordan Lee <no-reply@hire.lever.co>",
        reply_to="jordan.lee@northwind.example",
        subject="Interview for Product Designer at Northwind",
        body="""Hi Sam,

I hope you're doing well! I'm reaching out because the hiring team reviewed your portfolio and would like to invite you to a video interview with Maria, our Head of Design.

Could you send me two or three times that work for you next week? Interviews are 45 minutes over Zoom.

Best,
Jordan""",
    ),
    dict(
        label="interview_invitation",
        sender="Elena Petrova <elena.petrova@fabrikam.example>",
        subject="Fabrikam: your application for Data Analyst",
        body="""Dear Sam,

Thank you for your interest in the Data Analyst position. After reviewing your CV, we are pleased to invite you for a first interview with our analytics team.

The interview will take place on Thursday, 12 March 2026 at 10:00 CET via Microsoft Teams and will last about one hour. Please confirm whether this time suits you, or suggest an alternative.

Kind regards,
Elena Petrova
Talent Acquisition, Fabrikam""",
    ),
    dict(
        label="interview_invitation",
        ats="workday",
        company="Contoso",
        subject="Contoso Careers: Interview Request - Senior Accountant (R-10442)",
        body="""Dear Sam Taylor,

Congratulations! Based on your application for Senior Accountant (R-10442), the hiring team would like to meet with you.

Please log in to your candidate home to select an interview time from the available slots. If none of the times are suitable, reply to this email and a coordinator will assist you.

Thank you,
Contoso Talent Acquisition""",
    ),
    dict(
        label="interview_invitation",
        ats="ashby",
        company="Quanta",
        sender="Quanta Recruiting <no-reply@ashbyhq.com>",
        reply_to="Ravi Kumar <ravi@quanta.example>",
        subject="Let's schedule your technical interview with Quanta",
        body="""Hi Sam,

Great news - you passed the recruiter screen! The next step in our process is a 60-minute technical interview with two engineers from the platform team.

Book a slot here: https://app.ashbyhq.com/scheduling/quanta/xyz

If you have any questions beforehand, just reply to this email.

Ravi""",
        html=True,
    ),
    dict(
        label="interview_invitation",
        ats="smartrecruiters",
        company="Bluebird Health",
        subject="Bluebird Health | Interview invitation - Clinical Data Manager",
        body="""Dear Sam,

We have reviewed your application for the position of Clinical Data Manager and we would like to invite you to an interview.

Interview type: video call (Microsoft Teams)
Duration: 45 minutes
With: Dr. Hannah Ortiz, Head of Clinical Operations

Please choose a convenient time slot using the link below.

Kind regards,
Bluebird Health Recruitment Team""",
        html_only=True,
    ),
    dict(
        label="interview_invitation",
        sender="Mark O'Donnell <mark@tinyfox.example>",
        subject="Quick chat about the frontend role?",
        body="""Hey Sam,

Thanks for sending over your application for the frontend role - really liked the side projects on your GitHub. Are you free for a quick 20 min call this week to talk about the team and what we're building? Tuesday or Wednesday afternoon would work on my end.

Cheers,
Mark
CTO, TinyFox""",
    ),
    dict(
        label="interview_invitation",
        ats="icims",
        company="Meridian Bank",
        subject="Meridian Bank - Interview Scheduling: Risk Analyst",
        body="""Dear Sam,

Thank you for applying for the Risk Analyst opportunity at Meridian Bank. We were impressed with your background and would like to schedule an interview with the hiring manager.

Please reply with your availability over the next five business days, and our recruiting coordinator will send a calendar invitation.

Sincerely,
Meridian Bank Talent Acquisition""",
    ),
    dict(
        label="interview_invitation",
        ats="workable",
        company="Harbor Logistics",
        sender="Harbor Logistics <noreply@candidates.workablemail.com>",
        subject="Invitation to interview for the Operations Coordinator position",
        body="""Hi Sam,

We're happy to let you know that you've been shortlisted for the Operations Coordinator role at Harbor Logistics!

We'd like to invite you to an in-person interview at our Rotterdam office. Please use the link below to let us know which of the proposed dates suits you best.

Looking forward to meeting you,
Anna de Vries
HR Manager""",
    ),
    dict(
        label="interview_invitation",
        sender="Calendar <calendar-notification@google.com>",
        subject="Invitation: Interview: Sam Taylor / Acme Robotics @ Wed Mar 11, 2026 2pm - 3pm (CET)",
        body="""You have been invited to the following event.

Interview: Sam Taylor / Acme Robotics
When: Wednesday Mar 11, 2026 2pm - 3pm Central European Time - Berlin
Joining info: meet.google.com/abc-defg-hij
Organizer: talent@acmerobotics.example

Going? Yes - Maybe - No""",
        ics=("20260311T140000", "Interview: Sam Taylor / Acme Robotics"),
    ),
    dict(
        label="interview_invitation",
        ats="teamtailor",
        company="Oak & Pine",
        sender="Oak & Pine <no-reply@teamtailor-mail.com>",
        reply_to="Lisa Holm <lisa.holm@oakandpine.example>",
        subject="Next step in your application at Oak & Pine",
        body="""Hi Sam!

Thank you for your patience. We've gone through all applications and we'd love to get to know you better. The next step is a 30 minute video interview with me and Erik, the team lead.

Book a time that suits you here: https://oakandpine.teamtailor.com/meetings/abc

Warm regards,
Lisa Holm, People & Culture""",
        html_only=True,
    ),
    dict(
        label="interview_invitation",
        sender="Tom Becker <tom.becker@wavelength.example>",
        subject="Re: Application - Site Reliability Engineer",
        headers={"In-Reply-To": "<sam-app-2026-02-20@example.org>", "References": "<sam-app-2026-02-20@example.org>"},
        body="""Hi Sam,

Thanks for getting in touch directly, and apologies for the slow reply. I've shared your CV with our SRE lead and we'd like to move you forward to a first-round interview.

Could you let me know what your availability looks like on Monday or Tuesday next week? It would be a 45-minute video call.

Best,
Tom

On 20 Feb 2026, Sam Taylor wrote:
> Hi Tom, I'm very interested in the SRE opening and have attached my CV.""",
    ),
    dict(
        label="interview_invitation",
        ats="bamboohr",
        company="Sunrise Media",
        subject="Sunrise Media would like to interview you!",
        body="""Hi Sam,

We reviewed your application for Content Strategist and we'd like to learn more about you! Please select a day and time for a phone interview using the scheduling link below. The call will be with our Content Director and should take about 30 minutes.

Schedule here: https://calendly.com/sunrise-media/content-strategist

Thanks!
Sunrise Media Hiring Team""",
    ),
    dict(
        label="interview_invitation",
        ats="taleo",
        company="Globex",
        subject="Globex: Invitation to Final Interview - Supply Chain Manager",
        body="""Dear Sam Taylor,

Further to your recent interview, we are delighted to inform you that you have progressed to the final stage of our selection process for the role of Supply Chain Manager.

The final interview will be held at our London office on 19 March 2026 at 11:00 GMT with the panel listed below. Please confirm your attendance by replying to this message.

Yours sincerely,
Globex Recruitment""",
    ),
    dict(
        label="interview_invitation",
        sender="Nadia Rahman <nadia@brightpath.example>",
        subject="BrightPath - Customer Success Manager",
        body="""Hi Sam,

I'm Nadia, the recruiter for the Customer Success Manager role you applied to. Your experience with enterprise onboarding stood out and I'd like to set up an initial conversation to tell you more about the role and hear about your goals.

Does Thursday at 3pm or Friday at 10am (Eastern) work for you?

Best regards,
Nadia Rahman""",
        html=True,
    ),
    dict(
        label="interview_invitation",
        ats="linkedin",
        company="Vertex Analytics",
        sender="Vertex Analytics via LinkedIn <jobs-noreply@linkedin.com>",
        subject="Vertex Analytics invited you to interview for Machine Learning Engineer",
        body="""Vertex Analytics invited you to interview

Hi Sam, thank you for applying to the Machine Learning Engineer position. We'd like to invite you to a phone interview with our hiring team. Please reply with your availability.

View message
This email was intended for Sam Taylor. Unsubscribe.""",
    ),
    dict(
        label="interview_invitation",
        sender="Grace Kim <grace.kim@helios.example>",
        subject="Helios - onsite interview details",
        body="""Hi Sam,

Following your conversation with Dan last week, we would love to have you in for an onsite interview loop. It will include four 45-minute sessions: system design, coding, behavioral and a chat with the hiring manager.

Please let me know which days you could make it over the next two weeks and I will arrange everything.

Thanks,
Grace""",
    ),
    dict(
        label="interview_invitation",
        ats="personio",
        company="Kite Mobility",
        subject="Your application as Mobile Developer - invitation to a first conversation",
        body="""Hi Sam,

thank you very much for your application as Mobile Developer at Kite Mobility. We were impressed by your profile and would like to invite you to a first conversation with our CTO.

Please select an appointment via the following link.

Best regards
Your Kite Mobility Recruiting Team""",
    ),
    # ---------------------------------------------------------------- rejections
    dict(
        label="rejection",
        ats="greenhouse",
        company="Lumen Labs",
        subject="Your application to Lumen Labs",
        body="""Hi Sam,

Thank you for your interest in Lumen Labs and for the time you invested in the Backend Engineer process.

After careful consideration, we've decided to move forward with candidates whose experience more closely matches our current needs. This was a difficult decision given the strength of the applicant pool.

We'll keep your information on file and may reach out if a suitable role opens up.

Best,
The Lumen Labs Recruiting Team""",
    ),
    dict(
        label="rejection",
        ats="lever",
        company="Northwind",
        sender="Jordan Lee <no-reply@hire.lever.co>",
        subject="Following up on your Northwind application",
        body="""Hi Sam,

Thank you for taking the time to interview with us for the Product Designer role. Everyone enjoyed meeting you.

Unfortunately, we won't be moving forward with your candidacy at this time. We know this isn't the news you were hoping for, and we really appreciate the effort you put into the design exercise.

We wish you all the best in your search,
Jordan""",
    ),
    dict(
        label="rejection",
        ats="workday",
        company="Contoso",
        subject="Update on your application for Senior Accountant",
        body="""Dear Sam Taylor,

Thank you for applying for the Senior Accountant (R-10442) position at Contoso. We appreciate your interest in joining our company.

After reviewing your qualifications, we have decided to pursue other applicants whose backgrounds better align with the requirements of the role.

We encourage you to continue to visit our careers site for future opportunities.

Regards,
Contoso Talent Acquisition""",
    ),
    dict(
        message_id="<rej-quanta@quanta.example>",
        label="rejection",
        ats="ashby",
        company="Quanta",
        subject="Quanta application update",
        body="""Hi Sam,

Thanks again for interviewing with Quanta. The team really appreciated your thoughtful answers.

We've now completed our interviews for the Platform Engineer position, and I'm sorry to say we've decided not to proceed with your application. It was a very competitive process.

If you'd like, I'm happy to share some brief feedback - just reply to this email.

Ravi""",
        html_only=True,
    ),
    dict(
        label="rejection",
        ats="smartrecruiters",
        company="Bluebird Health",
        subject="Your application at Bluebird Health",
        body="""Dear Sam,

Thank you for your application for the role of Clinical Data Manager.

We regret to inform you that your application has not been successful on this occasion. We received a large number of applications and the decision was not easy.

Kind regards,
Bluebird Health Recruitment Team""",
    ),
    dict(
        label="rejection",
        sender="Mark O'Donnell <mark@tinyfox.example>",
        subject="Frontend role",
        body="""Hi Sam,

Really appreciated you taking the time to chat with us last week. I wanted to let you know personally that we've decided to go with another candidate for the frontend role - it came down to someone with a bit more React Native experience, which we need right now.

I genuinely enjoyed our conversation and would be happy to stay in touch.

Mark""",
    ),
    dict(
        label="rejection",
        ats="icims",
        company="Meridian Bank",
        subject="Meridian Bank - Risk Analyst - Application Status",
        body="""Dear Sam,

Thank you for your interest in the Risk Analyst position with Meridian Bank.

We have carefully reviewed your background and qualifications, and while your experience is impressive, we have selected other candidates whose qualifications more closely fit the needs of this position.

We appreciate your interest in Meridian Bank and wish you success in your job search.

Sincerely,
Meridian Bank Talent Acquisition""",
    ),
    dict(
        label="rejection",
        ats="workable",
        company="Harbor Logistics",
        sender="Harbor Logistics <noreply@candidates.workablemail.com>",
        subject="Operations Coordinator at Harbor Logistics",
        body="""Hi Sam,

Thank you for interviewing for the Operations Coordinator role. Unfortunately the position has now been filled.

We really enjoyed getting to know you and hope our paths cross again.

All the best,
Anna de Vries""",
    ),
    dict(
        label="rejection",
        ats="taleo",
        company="Globex",
        subject="Globex - Supply Chain Manager",
        body="""Dear Sam Taylor,

Thank you for attending the final interview for the Supply Chain Manager role. We were impressed with your experience.

However, after much deliberation, the panel has decided to offer the position to another candidate whose profile is a closer match for the team's current priorities.

We would like to thank you for your time and wish you every success in the future.

Yours sincerely,
Globex Recruitment""",
    ),
    dict(
        label="rejection",
        ats="bamboohr",
        company="Sunrise Media",
        subject="Thank you from Sunrise Media",
        body="""Hi Sam,

Thank you for applying for the Content Strategist position and for taking the time to talk with us.

At this time we've chosen to move ahead with other candidates. We'll retain your resume and reach out should another suitable opening come up.

Thanks again,
Sunrise Media Hiring Team""",
    ),
    dict(
        message_id="<rej-helios@helios.example>",
        label="rejection",
        sender="Grace Kim <grace.kim@helios.example>",
        subject="Helios - update",
        body="""Hi Sam,

Thank you for spending the day with us at the onsite. I wanted to reach out and let you know that the team has decided not to extend an offer at this time.

I know that's disappointing after such a long process. If it would be helpful, I'd be glad to set up a short call to walk you through the feedback.

Best,
Grace""",
        html=True,
    ),
    dict(
        label="rejection",
        ats="teamtailor",
        company="Oak & Pine",
        subject="Your application at Oak & Pine",
        body="""Hi Sam,

Thanks for taking the time to interview with us. We truly appreciate your interest in Oak & Pine.

After careful consideration we have decided to continue with another candidate for this role. This was not an easy decision.

We'd love to keep in touch - feel free to join our Talent Community at https://oakandpine.teamtailor.com/connect to hear about new openings.

Warm regards,
Lisa Holm""",
        html_only=True,
    ),
    dict(
        label="rejection",
        ats="indeed",
        company="Riverbend Retail",
        sender="Riverbend Retail <indeedapply@indeed.com>",
        subject="Regarding your application for Store Manager",
        body="""Hi Sam,

Thank you for your interest in the Store Manager position at Riverbend Retail. Unfortunately, we will not be moving forward with your application at this time.

We wish you the best of luck in your job search.

Riverbend Retail""",
    ),
    dict(
        label="rejection",
        sender="Talent Team <careers@pinnacle.example>",
        subject="Pinnacle Consulting - Associate application",
        body="""Dear Sam,

Thank you for your interest in joining Pinnacle Consulting and for completing our first round interviews.

We regret that we are unable to offer you a place in the next round. Competition this year was exceptionally strong and we had to make some very difficult decisions.

We hope you will consider applying again in the future.

Pinnacle Consulting Recruiting""",
    ),
    dict(
        label="rejection",
        ats="personio",
        company="Kite Mobility",
        subject="Your application as Mobile Developer",
        body="""Hi Sam,

thank you again for your application and the interesting conversation with our CTO.

We have thought about it carefully, but unfortunately we cannot offer you the position. We decided in favour of a candidate whose profile fits our current requirements slightly better.

We wish you all the best for your future.

Your Kite Mobility Recruiting Team""",
    ),
    dict(
        label="rejection",
        sender="Daniel Osei <d.osei@cobalt.example>",
        subject="Cobalt Security - Security Engineer",
        body="""Hi Sam,

I hope you're well. Thanks for your patience while we wrapped up interviews for the Security Engineer position.

I'm afraid it's not good news this time: the team has decided not to move ahead with your application. We were really impressed with your CTF background, but we're looking for someone with more cloud incident response experience.

Please don't hesitate to apply for future roles with us.

Kind regards,
Daniel""",
    ),
    dict(
        label="rejection",
        ats="greenhouse",
        company="Stellar Games",
        subject="Stellar Games: Gameplay Programmer",
        body="""Hello Sam,

Thank you so much for your interest in Stellar Games and for taking our programming test.

We've reviewed your submission carefully, and we regret to let you know that we won't be progressing your application further.

Best of luck with your search,
Stellar Games Talent Team""",
    ),
]
