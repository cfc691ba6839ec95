"""Mail x rules -> Decision. Pure: no I/O, no clock."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from followup.model import Decision, Evidence, Mail
from followup.rules import RuleSet, normalize

MARKER_HEADER = "x-followup"
"""Every draft and reminder followup writes carries this header, so it never acts on its own mail."""


class MailView:
    """The fields rules look at, normalized once and only when a rule asks for them."""

    def __init__(self, mail: Mail) -> None:
        self.mail = mail

    @cached_property
    def _fields(self) -> dict[str, str]:
        mail = self.mail
        sender = mail.sender
        subject = normalize(mail.subject)
        body = normalize(mail.text)
        return {
            "subject": subject,
            "body": body,
            "text": f"{subject}\n{body}",
            "from": sender.addr if sender else "",
            "from_name": normalize(sender.name) if sender else "",
            "from_domain": sender.addr.rpartition("@")[2] if sender else "",
            "reply_to": " ".join(a.addr for a in mail.reply_to),
        }

    def field(self, name: str) -> str:
        return self._fields[name]

    def header(self, name: str) -> str | None:
        return self.mail.headers.get(name)

    def attachment_types(self) -> Iterable[str]:
        return (a.content_type for a in self.mail.attachments)


def classify(mail: Mail, rules: RuleSet, own_addresses: frozenset[str] = frozenset()) -> Decision:
    """The first rule (by priority) whose conditions hold decides; otherwise 'other'."""
    if MARKER_HEADER in mail.headers:
        return Decision(
            "own_message",
            "builtin:marker-header",
            (Evidence("header x-followup", "present", mail.headers[MARKER_HEADER]),),
        )
    if mail.sender and mail.sender.addr in own_addresses:
        return Decision("own_message", "builtin:own-address", (Evidence("from", "own address", mail.sender.addr),))
    view = MailView(mail)
    for rule in rules.rules:
        evidence = rule.check(view)
        if evidence is not None:
            return Decision(rule.category, rule.name, evidence)
    return Decision("other", None)
