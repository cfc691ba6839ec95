"""One fetched message -> everything to record and do about it. No network, no clock of its own.

parse -> classify -> plan -> render drafts and reminders. Any failure on the way quarantines
the message with the reason; it never stops the rest of the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from followup.classify import classify
from followup.config import AccountConfig, Config
from followup.drafts import render_draft, source_key
from followup.errors import FollowupError, MailParseError
from followup.extract import extract, identify
from followup.ledger import Processed
from followup.message import parse_mail
from followup.model import ApplicationEvent, DraftToWrite, ReminderToSchedule, Source
from followup.plan import Plan, plan_for
from followup.reminders import render_reminder
from followup.rules import RuleSet, load_rules, rule_files
from followup.templates import Templates

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent

APPLICATION_CATEGORIES = frozenset(
    {
        "recruiter_outreach",
        "application_received",
        "assessment",
        "interview_invitation",
        "interview_rescheduled",
        "interview_cancelled",
        "rejection",
        "offer",
        "application_withdrawn",
        "feedback_received",
    }
)
"""Mail about an application: attached to one in the ledger (company, role, timeline)."""


def data_dir(name: str) -> Path:
    """Shipped rules/ or templates/: inside the installed package, or beside daemon/ in a checkout."""
    installed = PACKAGE_DIR / "data" / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


def load_rule_set(config: Config | None) -> RuleSet:
    user_dir = config.rules_dir if config else None
    return load_rules(rule_files(data_dir("rules"), user_dir), config.categories if config else ())


def load_templates(config: Config | None) -> Templates:
    user_dir = config.templates_dir if config else None
    return Templates([d for d in (user_dir, data_dir("templates")) if d is not None])


@dataclass(frozen=True)
class Pipeline:
    config: Config
    rules: RuleSet
    templates: Templates

    @classmethod
    def load(cls, config: Config) -> Pipeline:
        return cls(config, load_rule_set(config), load_templates(config))

    def process(
        self,
        account: AccountConfig,
        source: Source,
        raw: bytes,
        truncated: bool,
        received: datetime | None,
        now: datetime,
        threads: Callable[[Iterable[str]], Mapping[str, str]] | None = None,
    ) -> Processed:
        """*threads* looks up the categories of earlier messages (and of followup's drafts)
        by Message-ID, for rules with a ``thread`` condition."""
        try:
            mail = parse_mail(raw, truncated)
        except MailParseError as exc:
            return Processed(source, "", None, None, (), (), (), error=f"unparseable: {exc}")
        key = source_key(mail)
        try:
            known = threads(mail.references) if threads and mail.references else {}
            decision = classify(mail, self.rules, account.own_addresses, known)
            arrived = (received or mail.date or now).astimezone(UTC)
            act = now - arrived <= self.config.act_on_mail_newer_than
            drafts: list[DraftToWrite] = []
            reminders: list[ReminderToSchedule] = []
            category_plan = self.config.plan.get(decision.category)
            plan = Plan((), ())
            application = None
            if act and category_plan is not None:  # extraction costs more than classification: only when acting
                facts = extract(mail, self.config.timezone)
                application = ApplicationEvent(facts.company, facts.role, facts.interview_at)
            elif decision.category in APPLICATION_CATEGORIES:  # the ledger needs only names
                application = ApplicationEvent(*identify(mail))
            if act and category_plan is not None:
                zone = self.config.timezone
                plan = plan_for(category_plan, arrived, zone, facts.interview_at, facts.interview_end)
                drafts += (render_draft(mail, facts, account, self.templates, t, now) for t in plan.drafts)
                for planned in plan.reminders:
                    later = None
                    if planned.step.draft:
                        later = render_draft(mail, facts, account, self.templates, planned.step.draft, now, planned.due)
                        drafts.append(later)
                    reminders.append(render_reminder(mail, facts, account, self.templates, planned, later))
        except (FollowupError, ValueError, LookupError, TypeError) as exc:
            log.exception("%s: cannot act on message", source)
            return Processed(source, key, mail, None, (), (), (), error=f"{type(exc).__name__}: {exc}")
        actions = plan.describe()
        if not act and decision.category in self.config.plan:
            actions = ["none (older than act_on_mail_newer_than)"]
        return Processed(
            source, key, mail, decision, tuple(actions), tuple(drafts), tuple(reminders), application=application
        )
