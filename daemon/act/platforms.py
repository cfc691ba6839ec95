"""The platforms that send mail on an employer's behalf (applicant-tracking systems, job boards,
interview and scheduling services), the mail providers anyone can have an address at, and the
local parts no person reads, as extraction uses them. Neither a platform nor a mail provider is
ever the hiring company. Pure: the lists themselves live in the rule files' ``[lists]``
(rules/00-lists.toml), loaded at the edge and passed in here as data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache

LISTS = (
    "ats",
    "job_boards",
    "interview_services",
    "mail_providers",
    "no_reply",
    "reply_relays",
    "inbox_relays",
    "one_way_services",
)
"""The [lists] extraction reads: domain = "platform name" tables for the first three, arrays for the others."""


@dataclass(frozen=True)
class Platforms:
    domains: Mapping[str, str] = field(default_factory=dict)
    """Domain (and every subdomain of it) -> the platform's name."""
    job_boards: frozenset[str] = frozenset()
    """Names of the platforms whose pages list everyone's jobs: a link there is no employer's careers page."""
    mail_providers: frozenset[str] = frozenset()
    """Domains where an address belongs to a person, not to a company the domain could name."""
    no_reply: re.Pattern[str] = re.compile(r"(?!)")
    names: frozenset[str] = frozenset()
    """Every platform's name, casefolded."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """A platform domain's own label (smartrecruiters for smartrecruiters.com) -> the platform's name."""
    reply_relays: frozenset[str] = frozenset()
    """Platform domains (and every subdomain of them) whose addresses relay a reply to the recruiter."""
    inbox_relays: frozenset[str] = frozenset()
    """Reply relays whose every address reaches the employer's inbox, a team's as well as a recruiter's."""
    one_way_services: frozenset[str] = frozenset()
    """Services (and every subdomain of them) whose interviews are recorded answers: a one-way video."""

    def platform_of(self, address_or_host: str) -> str:
        """The platform whose domain (or a subdomain of it) *address_or_host* is at, or ''."""
        labels = address_or_host.rpartition("@")[2].lower().split(".")
        for start in range(len(labels) - 1):  # a lookup per parent domain, not a pass over every platform
            name = self.domains.get(".".join(labels[start:]))
            if name is not None:
                return name
        for label in labels[:-1]:  # the platform's mail domain: smartrecruiters-mail.com, mail-personio.de
            if label in self.labels and label not in _WORD_LABELS:
                return self.labels[label]  # its name under another suffix: acme.phenompeople.example
            for affix in _MAIL_AFFIXES:
                core = affix.sub("", label)
                if core != label and core in self.labels:
                    return self.labels[core]
        return ""

    def relays_replies(self, address_or_host: str) -> bool:
        """Whether *address_or_host* is at a platform's reply relay (acme@teamtailor-mail.com,
        job.k2p9x4@inbound.recruitee.com): a reply there reaches the recruiter's inbox."""
        labels = address_or_host.rpartition("@")[2].lower().split(".")
        return any(".".join(labels[start:]) in self.reply_relays for start in range(len(labels) - 1))

    def relays_to_inbox(self, address_or_host: str) -> bool:
        """Whether *address_or_host* is at a reply relay whose every address reaches the employer's
        inbox, whoever signs (acme@recruitee.com): a team's mail from there takes replies too."""
        labels = address_or_host.rpartition("@")[2].lower().split(".")
        return any(".".join(labels[start:]) in self.inbox_relays for start in range(len(labels) - 1))

    def records_answers(self, address_or_host: str) -> bool:
        """Whether *address_or_host* is at a one-way video service (app.willo.video, hirevue.com)."""
        labels = address_or_host.rpartition("@")[2].lower().split(".")
        return any(".".join(labels[start:]) in self.one_way_services for start in range(len(labels) - 1))

    def is_no_reply(self, address: str) -> bool:
        """Whether the local part of *address* holds a word of the no_reply list (between dots,
        dashes, underscores, plus signs or the @): no-reply@, jobs.notifications@, mailer-daemon@."""
        return bool(self.no_reply.search(address))


NO_PLATFORMS = Platforms()
"""No lists loaded: nothing is a platform."""


_MAIL_AFFIX = re.compile(
    r"^(?:e?mails?|notifications?|messaging)[-_]?|[-_]?(?:e?mails?|notifications?|messaging|outbound|sender|bounces?)$"
)
"""What a platform adds to its own name for the domain it sends from (indeedemail, greenhouse-mail)."""
_MAIL_AFFIXES = (_MAIL_AFFIX, re.compile(r"[-_]?mails?$"))
"""The affix read both ways where it is ambiguous: workablemail is workable + mail, not workabl + email."""
_COMMON_WORDS = frozenset(("talent", "karriere", "angel", "dover", "oracle", "monster", "homerun", "handshake"))
"""Platform labels an employer's own mail domain may hold too (karriere-mail.example.de); short ones
('join', 'gem') are left out by length."""
_WORD_LABELS = frozenset(
    ("greenhouse", "lever", "indeed", "paradox", "breezy", "rippling", "eightfold", "goodtime", "willo")
)
"""Platform labels that are words an employer's own domain may be named for (a garden centre at greenhouse.example)."""


def platforms(lists: Mapping[str, Mapping[str, str]]) -> Platforms:
    """The Platforms of loaded [lists] (rules.RuleSet.lists, rules.load_lists): built once per content."""
    return _build(tuple((name, tuple(lists.get(name, {}).items())) for name in LISTS))


@lru_cache(maxsize=8)
def _build(lists: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> Platforms:
    by_name = {name: dict(entries) for name, entries in lists}
    domains: dict[str, str] = {}
    for name in ("ats", "interview_services", "job_boards"):
        domains.update((d.lower(), label or d) for d, label in by_name[name].items())
    words = sorted(
        {
            "[._-]?".join(re.escape(chunk) for chunk in re.split(r"[._\s-]+", word.lower()) if chunk)
            for word in by_name["no_reply"]
            if word.strip()
        },
        key=len,
        reverse=True,
    )
    no_reply = re.compile(rf"(?:^|[._+-])(?:{'|'.join(words)})(?:[._+-]|@)", re.I) if words else re.compile(r"(?!)")
    labels: dict[str, str] = {}
    for domain, name in domains.items():
        label = max(domain.split(".")[:-1] or [""], key=len)  # myworkday of myworkday.com, reed of reed.co.uk
        if len(label) >= 5 and not _MAIL_AFFIX.search(label) and label not in _COMMON_WORDS:
            labels.setdefault(label, name)
    return Platforms(
        domains,
        frozenset(label or d for d, label in by_name["job_boards"].items()),
        frozenset(d.lower() for d in by_name["mail_providers"]),
        no_reply,
        frozenset(n.casefold() for n in domains.values()),
        labels,
        frozenset(d.lower() for d in by_name["reply_relays"]),
        frozenset(d.lower() for d in by_name["inbox_relays"]),
        frozenset(d.lower() for d in by_name["one_way_services"]),
    )


@cache
def _extractor() -> object:
    import tldextract

    # The suffix list bundled with the package: never fetched, nothing cached on disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable(host: str) -> tuple[str, str]:
    """(the registrable label, the labels in front of it) of a host: ('mueller-soehne', 'mail')
    for mail.mueller-soehne.co.uk. A host under no public suffix (example, test, internal
    names) counts its last label as the suffix."""
    host = host.lower().strip(".")
    parts = _extractor()(host)  # type: ignore[operator]
    if parts.suffix:
        return parts.domain, parts.subdomain
    labels = host.split(".")
    if len(labels) < 2:
        return "", ""
    return labels[-2], ".".join(labels[:-2])
