"""Decision x Mail x template -> the draft message, ready to APPEND. Pure."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from typing import Any

from followup.act.extract import Facts, us_order
from followup.act.people import salutation, spells
from followup.act.situation import Situation
from followup.act.templates import Templates
from followup.act.when import american, interview_time_in_text, weekday_and_time, written_name
from followup.classify.phrases import normalize
from followup.config import AccountConfig
from followup.mail.compose import build_message, deterministic_id, recipient, reply_subject, safe_header
from followup.mail.parse import source_key
from followup.model import DraftToWrite, Mail

_WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")  # fmt: skip
_MONTHS = {
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
           "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
           "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}  # fmt: skip


_ZONE_ABBREVIATION = re.compile(r"[A-Z]{2,5}")


def zone_label(when: datetime) -> str:
    """The zone of *when* as a reader understands it: its abbreviation ("CET", "AWST"), else its
    offset from UTC ("UTC+8", "UTC-5", "UTC+5:30"), never a bare "+08" nor an empty name."""
    offset = when.utcoffset()
    if offset is None:
        return ""
    name = when.tzname() or ""
    if _ZONE_ABBREVIATION.fullmatch(name):
        return name
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


_GENDER_CODE = r"(?:[mwdfhx]|div\.?|divers|inter)"
_GENDER_MARKER = re.compile(
    rf"\s*[(\[]\s*(?:all genders|alle geschlechter|gn\*?|{_GENDER_CODE}(?:\s*[/|,*]\s*{_GENDER_CODE}){{1,3}})\s*[)\]]"
    r"|\s+[-–]?\s*(?<![\w/])(?:m/w/d|w/m/d|m/f/d|f/m/x|m/f/x|h/f/x|h/f|f/h|m/f)(?![\w/])",
    re.I,
)


def letter_role(role: str) -> str:
    """A role as a letter writes it: without the ad's gender marker ("Aktuar (m/w/d)",
    "Comptable (H/F/X)", "Engineer (f/m/x)"), which belongs to a job ad, not to a reply."""
    return " ".join(_GENDER_MARKER.sub("", role).split())


def format_when(when: datetime, language: str) -> str:
    """An interview time as the template's language writes it, with its zone as the mail named
    it ("14:00 Uhr (MEZ)", "14h00 (heure de Paris)", "2:00 PM (ET)"), none when the mail wrote
    none, a calendar's by its abbreviation or offset; a 12-hour clock in American English."""
    name = written_name(when)
    zone = zone_label(when) if name is None else name
    zone = f" ({zone})" if zone else ""
    weekday, month = when.weekday(), when.month - 1
    if language == "de":
        return f"{_WEEKDAYS['de'][weekday]}, {when.day}. {_MONTHS['de'][month]} {when.year}, {when:%H:%M} Uhr{zone}"
    if language == "fr":
        day = "1er" if when.day == 1 else str(when.day)  # French writes the first of the month so
        return f"{_WEEKDAYS['fr'][weekday]} {day} {_MONTHS['fr'][month]} {when.year} à {when.hour}h{when:%M}{zone}"
    if language == "es":
        return (
            f"{_WEEKDAYS['es'][weekday]} {when.day} de {_MONTHS['es'][month]} de {when.year} a las {when:%H:%M}{zone}"
        )
    clock = f"{when.hour % 12 or 12}:{when:%M %p}" if american(when) else f"{when:%H:%M}"
    return f"{when:%A}, {when.day} {when:%B %Y} at {clock}{zone}"


def template_context(mail: Mail, facts: Facts, account: AccountConfig) -> dict[str, Any]:
    """Values a template sees. Missing ones are empty strings; templates word around them."""
    contact = facts.contact
    name = contact.name if contact else ""
    first_name = salutation(name, facts.contact_title, facts.language) if facts.language in ("en", "es") else ""
    first_name = first_name or (name.split()[0] if name else "")
    context = {
        "user_name": account.name,
        "user_email": account.email,
        "signature": account.signature or account.name,
        "contact_name": contact.name if contact else "",
        "contact_first_name": first_name,
        "contact_greeting": salutation(name, facts.contact_title, facts.language),
        "company": facts.company,
        "role": letter_role(facts.role),
        "interview_date": format_when(facts.interview_at, facts.language) if facts.interview_at else "",
        "original_subject": mail.subject,
        "original_date": mail.date.strftime("%a, %d %b %Y") if mail.date else "",
        "careers_link": facts.careers_links[0] if facts.careers_links else "",
        "scheduling_link": facts.scheduling_links[0] if facts.scheduling_links else "",
        "to_note": "",
        # The situation: which wording fits (a rejection after an interview thanks for it).
        "interviewed": facts.situation.interviewed,
        "one_way": facts.situation.one_way,
        "asked_to_prepare": facts.situation.asked_to_prepare,
        "self_schedule": facts.situation.self_schedule,
        "offered_slot": slot_phrase(facts.situation.slots[0], mail.date, facts.language)
        if facts.situation.slots
        else "",
        "interviewer": facts.situation.interviewer,
        "booked": facts.situation.booked,
        "fixed": facts.situation.fixed,
        "written_time": facts.situation.written_time,
        # times offered that read as no single date and time: the reply fits in with them, unnamed
        "choice": facts.situation.choice or bool(facts.situation.slots),
        "agency": facts.situation.agency,
        "no_feedback": facts.situation.no_feedback or facts.situation.cancelled,
        "feedback": facts.situation.feedback,
        **_decision_context(facts.situation, facts.language),
    }
    # The reply goes to a named person's own mailbox (margaret.chu@, the interviewer's): greet that
    # person, never "Dear Hiring Team", and never ask them to pass the thanks on to themselves.
    interviewer = facts.situation.interviewer
    owner = facts.to_owner or (interviewer if interviewer and spells(interviewer, facts.to.partition("@")[0]) else "")
    if owner and facts.to and not (name and _same_person(owner, name)):
        context |= _greeting_of(owner, facts)
    greeted = str(context["contact_name"])
    if greeted and interviewer and _same_person(greeted, interviewer):
        context["interviewer"] = greeted  # 'Margaret' signed, 'Margaret Chu' interviews: one person, thanked once
    return context


_EXERCISE_WORDS = {
    # kind: (the exercise, the feedback on it) in en, de, fr, es; German after "für" and "zu"
    "trial_shift": (
        ("the trial shift", "on the trial shift"),
        ("das Probearbeiten", "zum Probearbeiten"),
        ("la journée d'essai", "sur la journée d'essai"),
        ("el turno de prueba", "sobre el turno de prueba"),
    ),
    "trial_day": (
        ("the trial day", "on the trial day"),
        ("das Probearbeiten", "zum Probearbeiten"),
        ("la journée d'essai", "sur la journée d'essai"),
        ("la jornada de prueba", "sobre la jornada de prueba"),
    ),
    "trial_night": (
        ("the trial night", "on the trial night"),
        ("das Probearbeiten", "zum Probearbeiten"),
        ("la nuit d'essai", "sur la nuit d'essai"),
        ("la noche de prueba", "sobre la noche de prueba"),
    ),
    "shadowing": (
        ("the shadowing day", "on the shadowing day"),
        ("die Hospitation", "zur Hospitation"),
        ("la journée d'immersion", "sur la journée d'immersion"),
        ("la jornada de observación", "sobre la jornada de observación"),
    ),
    "assessment_centre": (
        ("the assessment centre", "on the assessment centre"),
        ("das Assessment-Center", "zum Assessment-Center"),
        ("la journée d'évaluation", "sur la journée d'évaluation"),
        ("la jornada de evaluación", "sobre la jornada de evaluación"),
    ),
    "assessment_day": (
        ("the assessment day", "on the assessment day"),
        ("den Auswahltag", "zum Auswahltag"),
        ("la journée d'évaluation", "sur la journée d'évaluation"),
        ("la jornada de selección", "sobre la jornada de selección"),
    ),
    "case": (
        ("the case study", "on the case study"),
        ("die Fallstudie", "zur Fallstudie"),
        ("le cas pratique", "sur le cas pratique"),
        ("el caso práctico", "sobre el caso práctico"),
    ),
    "task": (
        ("the exercise", "on the exercise"),
        ("die Aufgabe", "zur Aufgabe"),
        ("l'exercice", "sur l'exercice"),
        ("el ejercicio", "sobre el ejercicio"),
    ),
    "test": (
        ("the test", "on the test"),
        ("den Test", "zum Test"),
        ("le test", "sur le test"),
        ("la prueba", "sobre la prueba"),
    ),
}
"""An exercise as a reply names it (followup.act.verdict.exercise's kinds)."""
_DAY_WITH_THE_TEAM = frozenset(
    ("trial_shift", "trial_day", "trial_night", "shadowing", "assessment_centre", "assessment_day")
)
"""Exercises that are a day with the team: a rejection after one thanks for it, and asks for feedback
on it, never on "interviews" (the day may be all the 'interview' there was)."""


def _decision_context(situation: Situation, language: str) -> dict[str, Any]:
    """What a rejection said about its decision, as the templates use it: the exercise named in the
    draft's language, whether interviews may be named beside it, a post closed before anyone weighed
    the application (never after an interview, whatever the ledger says)."""
    words = _EXERCISE_WORDS.get(situation.exercise)
    exercise, about = (
        words[("en", "de", "fr", "es").index(language) if language in ("de", "fr", "es") else 0] if words else ("", "")
    )
    return {
        "reason": situation.reason,
        "closed": situation.closed and not situation.interviewed,
        "no_opening": situation.no_opening and not situation.interviewed,
        "resend": situation.resend,
        "feedback_offered": situation.feedback_offered and not situation.no_feedback,
        "exercise": exercise,
        "exercise_about": about,
        "interviews": situation.interviewed and situation.exercise not in _DAY_WITH_THE_TEAM,
    }


def _same_person(a: str, b: str) -> bool:
    """'Margaret' and 'Margaret Chu', 'Dr. Chu' aside: the same given name, and the same family
    name where both give one."""
    x, y = a.split(), b.split()
    return bool(x and y) and x[0] == y[0] and (len(x) == 1 or len(y) == 1 or x[-1] == y[-1])


_ALTERNATIVE_TIME = re.compile(r"\s+(?:or|ou|oder|o)\s+\d.*$", re.I)


def one_slot(slot: str) -> str:
    """A slot as a reply names it: one time, not the mail's alternatives ("Tuesday 19 May, 9:30
    or 11:00" gives "Tuesday 19 May, 9:30")."""
    return _ALTERNATIVE_TIME.sub("", slot).rstrip(" ,;:")


_MERIDIEM = re.compile(r"\d\s*[ap]\.?m\b", re.I)


def slot_phrase(slot: str, sent: datetime | None, language: str) -> str:
    """The first time *slot* offers, read as a date (or a weekday) and a time and written as the
    reply's language writes one in a sentence ("Monday 16 November at 9:30 AM", "Dienstag, der 9.
    Juni, um 10:00 Uhr", "le mardi 9 juin à 10h00", "el martes 9 de junio a las 10:00", "Tuesday at
    10:00"), with the zone only when the slot writes one; never the mail's list text ("Monday, Nov 16:
    9:30 AM"). '' when it reads as no single time. *sent*: the mail's date, for the year (the one
    whose weekday agrees) and the order of 6/9."""
    if sent is None:
        return ""
    first = one_slot(slot)
    meridiem = bool(_MERIDIEM.search(first))
    # "Monday, Nov 16: 9:30 AM": a list's colon between the day and its time
    text = normalize(re.sub(r":\s+", ", ", first))
    # 6/9 read both ways: the one that is a date whose weekday agrees, else the sender's order
    readings = {us: interview_time_in_text(text, sent, sent.tzinfo or UTC, us) for us in (False, True)}
    found = readings[us_order(sent)] or readings[not us_order(sent)]
    if found is None:
        weekday_time = weekday_and_time(text)
        return _slot_words(language, *weekday_time, meridiem) if weekday_time else ""
    when = found.start
    zone = f" ({written_name(when)})" if found.explicit and written_name(when) else ""
    return _slot_words(language, when.weekday(), when.time(), meridiem, (when.day, when.month - 1)) + zone


def _clock(moment: time, meridiem: bool) -> str:
    return f"{moment.hour % 12 or 12}:{moment:%M %p}" if meridiem else f"{moment.hour}:{moment:%M}"


_SLOT_WORDS = {
    # (with a date, a weekday alone): "Dienstag, der 9. Juni, um 10:00 Uhr", "Dienstag um 10:00 Uhr"
    "de": ("{weekday}, der {day}. {month}, um {hour}:{minute} Uhr", "{weekday} um {hour}:{minute} Uhr"),
    "fr": ("le {weekday} {day} {month} à {hour}h{minute}", "{weekday} à {hour}h{minute}"),
    "es": ("el {weekday} {day} de {month} a las {hour}:{minute}", "el {weekday} a las {hour}:{minute}"),
    "en": ("{weekday} {day} {month} at {clock}", "{weekday} at {clock}"),
}


def _slot_words(
    language: str, weekday: int, moment: time, meridiem: bool, day_month: tuple[int, int] | None = None
) -> str:
    """A weekday, its day and month when known, and a time, as *language* writes them in a sentence."""
    words = language if language in _WEEKDAYS else "en"
    dated, undated = _SLOT_WORDS[words]
    day, month = day_month or (0, 0)
    return (dated if day_month else undated).format(
        weekday=(_WEEKDAYS.get(words) or _EN_WEEKDAYS)[weekday],
        day=day,
        month=(_MONTHS.get(words) or _EN_MONTHS)[month],
        hour=moment.hour,
        minute=f"{moment:%M}",
        clock=_clock(moment, meridiem),
    )


def misfit(template: str, facts: Facts) -> str | None:
    """Why a draft the plan puts in Drafts later would misread what happened, or None when it
    fits. The reminder of its step still comes; only the draft is not written.

    A check-in six weeks after a rejection keeps in touch with someone: after an interview, or
    when a person wrote the rejection from an address that takes replies (its wording then
    thanks for no conversation). A form rejection with no interview ("not shortlisted", an ATS
    mail) leaves nobody to stay in touch with: the stay_in_touch reminder alone comes.

    A thank-you note thanks someone "for taking the time to speak with me": after a one-way
    video or an automated screen nobody did; and when the mail does not say when the interview
    is (times still to agree, a booking link), the note's usual moment, a day after the mail,
    most often comes before it. When an agency recruiter wrote for a client, the note would
    thank someone who was not at the interview. A later mail that fixes the time (interview_rescheduled, a
    confirmation) plans the note again, after the interview.
    """
    situation = facts.situation
    person = bool(facts.contact and facts.contact.name and facts.to and facts.contact.addr == facts.to)
    if template == "check_in" and not situation.interviewed and not person:
        return "no interview took place and no person wrote: nobody to stay in touch with"
    if template == "thank_you_note" and situation.one_way:
        return "a one-way video or automated screen: nobody spoke with the user"
    if template == "thank_you_note" and situation.agency:
        return "an agency recruiter wrote for a client and was not at the interview: thank the interviewer directly"
    if template == "thank_you_note" and facts.interview_at is None:
        return "the interview's time is unknown: a note written now would come before it"
    return None


_INFORMAL = {"es": "tu", "de": "du"}
"""The informal register's template suffix per language (rejection_thanks.es.tu.txt)."""


def _to_note(facts: Facts, template: str) -> str:
    """One line at the top of a draft that has no recipient: whom to address."""
    interviewer = facts.situation.interviewer
    thanks = template == "thank_you_note" and interviewer and not (facts.contact and facts.contact.name)
    if facts.to_assistant or thanks:
        who = f"{interviewer}'s address" if interviewer else "the interviewer's address"
    else:
        who = f"{facts.contact.name}'s address" if facts.contact and facts.contact.name else "the recruiter's address"
    if facts.to_assistant:
        why = "the mail came from a scheduling assistant, not from a person"
    else:
        why = "the mail came from an address that does not take replies"
    return f"[Note to self: {why}; put {who} in To before sending, and delete this line.]"


def _greeting_of(name: str, facts: Facts) -> dict[str, Any]:
    """The greeting's values for *name* instead of the contact's ('' greets nobody by name)."""
    greeting = salutation(name, facts.title(name), facts.language)
    return {"contact_name": name, "contact_first_name": greeting, "contact_greeting": greeting}


def quoted(mail: Mail) -> str:
    """The incoming mail's text, quoted the way mail clients quote it."""
    sender = str(mail.sender) if mail.sender else "the sender"
    when = mail.date.strftime("%a, %d %b %Y at %H:%M") if mail.date else ""
    lines = [f"On {when}, {sender} wrote:" if when else f"{sender} wrote:"]
    lines += [f"> {line}".rstrip() for line in mail.text.splitlines()]
    return "\n".join(lines)


def render_draft(
    mail: Mail,
    facts: Facts,
    account: AccountConfig,
    templates: Templates,
    template: str,
    now: datetime,
    not_before: datetime | None = None,
) -> DraftToWrite:
    """The draft *template* makes in reply to *mail*. *not_before*: written to Drafts only then."""
    key = "\x1f".join((account.key, source_key(mail), template))
    message_id = deterministic_id(account.email.rpartition("@")[2], "draft", key)
    # Only ever an addr-spec extraction took from an address field, the ORGANIZER or the text;
    # a display name can neither choose it nor change it (issue 23, point 8).
    name = facts.contact.name if facts.contact and facts.contact.addr == facts.to else facts.to_owner
    to = recipient(name, facts.to) if facts.to else ""
    context = template_context(mail, facts, account)
    if template == "thank_you_note" and facts.to_assistant:
        # A scheduling bot takes "RESCHEDULE", not thanks: the interviewer's own address, else nobody.
        interviewer = facts.situation.interviewer
        to = recipient(interviewer, facts.interviewer_address) if facts.interviewer_address else ""
        context |= _greeting_of(interviewer, facts)
    elif template == "thank_you_note" and not to and not context["contact_first_name"] and facts.situation.interviewer:
        # No one to greet and no address: the note is the interviewer's, whom the mail names.
        context |= _greeting_of(facts.situation.interviewer, facts)
    if not to:
        context["to_note"] = _to_note(facts, template)
    # The candidate wrote tú or du in this thread to the person greeted: the reply keeps to it.
    register = _INFORMAL.get(facts.language, "") if facts.situation.familiar and context["contact_first_name"] else ""
    body = templates.render(template, context, facts.language, register).body
    if account.quote_original and mail.text:
        body = f"{body}\n{quoted(mail)}\n"
    references = " ".join((*mail.references, mail.message_id)).strip()
    subject = reply_subject(mail.subject)
    msg = build_message(
        sender=f"{account.name} <{account.email}>" if account.name else account.email,
        to=to,
        subject=subject,
        body=body,
        message_id=message_id,
        date=not_before or now,
        in_reply_to=mail.message_id,
        references=references,
        kind=f"draft {template}",
        marker=False,
    )
    return DraftToWrite(key, template, message_id, safe_header(to), subject, msg.as_bytes(), not_before)
