"""Decision x Mail x template -> the draft message, ready to APPEND. Pure."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from followup.compose import build_message, deterministic_id, reply_subject, safe_header
from followup.config import AccountConfig
from followup.extract import Facts
from followup.model import DraftToWrite, Mail
from followup.templates import Templates


def source_key(mail: Mail) -> str:
    """What identifies a message across UIDVALIDITY changes and re-deliveries."""
    if mail.message_id:
        return mail.message_id
    fallback = "\x1f".join((mail.headers.get("from", ""), mail.headers.get("date", ""), mail.subject))
    return "sha256:" + hashlib.sha256(fallback.encode()).hexdigest()[:32]


def template_context(mail: Mail, facts: Facts, account: AccountConfig) -> dict[str, Any]:
    """Values a template sees. Missing ones are empty strings; templates word around them."""
    first_name = facts.contact.name.split()[0] if facts.contact and facts.contact.name else ""
    return {
        "user_name": account.name,
        "user_email": account.email,
        "signature": account.signature or account.name,
        "contact_name": facts.contact.name if facts.contact else "",
        "contact_first_name": first_name,
        "company": facts.company,
        "role": facts.role,
        "interview_date": facts.interview_at.strftime("%A, %d %B %Y, %H:%M %Z").strip() if facts.interview_at else "",
        "original_subject": mail.subject,
        "original_date": mail.date.strftime("%a, %d %b %Y") if mail.date else "",
        "careers_link": facts.careers_links[0] if facts.careers_links else "",
        "scheduling_link": facts.scheduling_links[0] if facts.scheduling_links else "",
        "to_note": "",
    }


def render_draft(
    mail: Mail, facts: Facts, account: AccountConfig, templates: Templates, template: str, now: datetime
) -> DraftToWrite:
    key = "\x1f".join((account.key, source_key(mail), template))
    message_id = deterministic_id(account.email.rpartition("@")[2], "draft", key)
    to = str(facts.contact) if facts.contact else ""
    context = template_context(mail, facts, account)
    if not to:
        context["to_note"] = (
            "[followup: this mail came from an address that does not take replies; "
            "add the recruiter's address in To before sending, and delete this line.]"
        )
    rendered = templates.render(template, context)
    references = " ".join((*mail.references, mail.message_id)).strip()
    subject = reply_subject(mail.subject)
    msg = build_message(
        sender=f"{account.name} <{account.email}>" if account.name else account.email,
        to=to,
        subject=subject,
        body=rendered.body,
        message_id=message_id,
        date=now,
        in_reply_to=mail.message_id,
        references=references,
        kind=f"draft {template}",
    )
    return DraftToWrite(key, template, message_id, safe_header(to), subject, msg.as_bytes())
