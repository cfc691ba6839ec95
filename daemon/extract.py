"""What templates and reminders need from a mail: who to thank, which company, which role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup.model import Address, Mail

_NO_REPLY = re.compile(
    r"(?:^|[._+-])(?:no[._-]?reply|do[._-]?not[._-]?reply|donotreply|notifications?|mailer-daemon|bounce[s]?)(?:[._+-]|@)",
    re.I,
)
_ATS_DOMAINS = (
    "greenhouse.io",
    "greenhouse-mail.io",
    "lever.co",
    "hire.lever.co",
    "myworkday.com",
    "workday.com",
    "ashbyhq.com",
    "smartrecruiters.com",
    "icims.com",
    "taleo.net",
    "workablemail.com",
    "workable.com",
    "bamboohr.com",
    "teamtailor.com",
    "teamtailor-mail.com",
    "personio.de",
    "personio.com",
    "linkedin.com",
    "indeed.com",
    "indeedemail.com",
    "jobvite.com",
    "recruitee.com",
)
_NOT_A_PERSON = re.compile(
    r"\b(?:team|recruiting|recruitment|talent|careers?|jobs?|hiring|hr|people|notifications?|no.?reply|support)\b", re.I
)
_ROLE = re.compile(
    r"(?:for (?:the|our) |position of |role of |application for (?:the )?)(?P<role>[A-Z][\w/&+,.() -]{2,60}?)"
    r"(?: (?:position|role|opening|at|with)\b|[.,;:!\n]|$)"
)
_COMPANY_NAME = re.compile(r"(?:\bat|@|\bfrom)\s+(?P<company>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})")

# "... Backend Engineer at Lumen Labs", "Your application to Northwind: ...", "... – Fabrikam"
_COMPANY_IN_SUBJECT = re.compile(
    r"(?:\bat|\bwith|\bapplication to|\bfrom)\s+(?P<company>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})(?=\s*(?:[:!,.(|–-]|$))"
    r"|[–|-]\s+(?P<tail>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})\s*$"
)


@dataclass(frozen=True)
class Facts:
    contact: Address | None
    """A human to address, never a no-reply or ATS system address."""
    company: str
    role: str


def is_no_reply(address: str) -> bool:
    return bool(_NO_REPLY.search(address))


def is_system_address(address: str) -> bool:
    domain = address.rpartition("@")[2].lower()
    return is_no_reply(address) or any(domain == d or domain.endswith("." + d) for d in _ATS_DOMAINS)


def _person_name(address: Address | None) -> str:
    if address is None or not address.name or _NOT_A_PERSON.search(address.name):
        return ""
    name = re.split(r"\s+(?:at|from|@|\||-|–)\s+", address.name)[0].strip(" \"'")
    return name if 1 <= len(name.split()) <= 4 else ""


def extract(mail: Mail) -> Facts:
    candidates = [*mail.reply_to, *([mail.sender] if mail.sender else [])]
    contact = next((a for a in candidates if not is_system_address(a.addr)), None)
    if contact is not None and not _person_name(contact):
        contact = Address("", contact.addr)
    elif contact is not None:
        contact = Address(_person_name(contact), contact.addr)
    role_match = _ROLE.search(mail.subject) or _ROLE.search(mail.text[:2000])
    company = ""
    in_subject = _COMPANY_IN_SUBJECT.search(mail.subject)
    if in_subject:
        company = in_subject.group("company") or in_subject.group("tail")
    elif mail.sender and mail.sender.name:
        match = _COMPANY_NAME.search(mail.sender.name)
        if match:
            company = match.group("company")
        elif _NOT_A_PERSON.search(mail.sender.name):
            company = _NOT_A_PERSON.split(mail.sender.name)[0].strip(" -|,")
    if not company and mail.sender and not is_system_address(mail.sender.addr):
        labels = mail.sender.addr.rpartition("@")[2].split(".")
        if len(labels) >= 2:
            company = labels[-2].capitalize()
    return Facts(contact, company, role_match.group("role").strip() if role_match else "")
