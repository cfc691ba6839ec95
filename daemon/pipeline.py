"""One fetched message -> everything to record and do about it. No network, no clock of its own.

parse -> classify -> plan -> render drafts and reminders. Any failure on the way quarantines
the message with the reason; it never stops the rest of the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

from followup.act.extract import extract, identify
from followup.act.plan import Plan, plan_for
from followup.act.platforms import platforms
from followup.act.render_draft import misfit, render_draft
from followup.act.render_reminder import reminder_misfit, render_reminder
from followup.act.templates import Templates
from followup.classify.decide import classify
from followup.classify.rules import RuleSet
from followup.config import AccountConfig, Config
from followup.errors import MailParseError
from followup.mail.parse import parse_mail, source_key
from followup.model import ApplicationEvent, DraftToWrite, Processed, ReminderToSchedule, Source, among, keys_of
from followup.resources import load_rule_set, load_templates

log = logging.getLogger(__name__)

INTERVIEW_CATEGORIES = frozenset({"interview_invitation", "interview_rescheduled"})
"""A thread with one of these had an interview (or one was fixed) before what follows in it."""


class Fetched(Protocol):
    """What the pipeline reads of a fetched message (followup.imap.mailbox.Fetched gives it)."""

    @property
    def uid(self) -> int: ...
    @property
    def raw(self) -> bytes: ...
    @property
    def internaldate(self) -> datetime | None: ...
    @property
    def truncated(self) -> bool: ...


ThreadLookup = Callable[[list[str]], Mapping[str, str]]
"""Message-IDs -> the categories of the messages they name (Ledger.thread_categories)."""


def note_threads(seen: dict[str, str], processed: Iterable[Processed]) -> None:
    """Remember what each message was decided to be, under its Message-ID and under those of
    the drafts written about it (a reply to a draft belongs to the draft's thread), as the
    ledger will once they are recorded."""
    for item in processed:
        if item.decision and item.source_key:
            seen[item.source_key] = item.decision.category
            for draft in item.drafts:
                seen[draft.message_id] = item.decision.category


@dataclass(frozen=True)
class Pipeline:
    config: Config
    rules: RuleSet
    templates: Templates

    @classmethod
    def load(cls, config: Config) -> Pipeline:
        return cls(config, load_rule_set(config), load_templates(config))

    def process_batch(
        self,
        account: AccountConfig,
        folder: str,
        uidvalidity: int,
        fetched: Sequence[Fetched],
        now: datetime,
        recorded: ThreadLookup,
        seen: dict[str, str],
        interviewed: Collection[tuple[str, str]] = frozenset(),
    ) -> list[Processed]:
        """Process one fetched batch in UID order. Rules with a ``thread`` condition look up
        earlier messages in *recorded* (the ledger) and then in *seen*, the categories decided
        since (see note_threads), which this batch's own decisions are added to as it goes:
        a reply may arrive in the same batch as what it answers. *interviewed*: the applications
        that had an interview (Ledger.interviewed), to which this batch's invitations are added."""
        interviewed = set(interviewed)

        def threads(message_ids: Iterable[str]) -> dict[str, str]:
            wanted = list(message_ids)
            return {**recorded(wanted), **{m: seen[m] for m in wanted if m in seen}}

        processed = []
        for f in fetched:
            source = Source(account.key, folder, uidvalidity, f.uid)
            try:
                item = self.process(account, source, f.raw, f.truncated, f.internaldate, now, threads, interviewed)
            except Exception as exc:  # the per-message boundary: whatever one mail trips, the rest go on
                log.exception("%s: cannot process message", source)
                item = Processed(source, "", None, None, (), (), (), error=f"{type(exc).__name__}: {exc}")
            note_threads(seen, (item,))
            if item.application and item.decision and item.decision.category in INTERVIEW_CATEGORIES:
                interviewed.add(keys_of(item.application.company, item.application.role))
            processed.append(item)
        return processed

    def process(
        self,
        account: AccountConfig,
        source: Source,
        raw: bytes,
        truncated: bool,
        received: datetime | None,
        now: datetime,
        threads: Callable[[Iterable[str]], Mapping[str, str]] | None = None,
        interviewed: Collection[tuple[str, str]] = frozenset(),
    ) -> Processed:
        """*threads* looks up the categories of earlier messages (and of followup's drafts)
        by Message-ID, for rules with a ``thread`` condition; *interviewed* holds the applications
        that had an interview ((company_key, role_key), Ledger.interviewed)."""
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
            unwritten: dict[int, str] = {}  # reminders whose later draft does not fit: why
            application = None
            meaning = self.config.meanings.get(decision.category)
            status, stops = (meaning.status, meaning.stops) if meaning else (None, ())
            if act and category_plan is not None:  # extraction costs more than classification: only when acting
                facts = extract(mail, self.config.timezone, platforms=platforms(self.rules.lists))
                said = facts.situation.interviewed or facts.situation.no_interview  # the mail's word wins
                if not said and INTERVIEW_CATEGORIES & set(known.values()):
                    facts = replace(facts, situation=replace(facts.situation, interviewed=True))
                # Which later drafts fit (drafts.misfit) is decided on the mail and its thread: a
                # worker running batches ahead of the ledger (worker.py) sees the same of both, not
                # the same applications.
                fits = facts
                if not said and among(interviewed, facts.company, facts.role):
                    # The thread, or the application in the ledger, had an invitation: a
                    # rejection now comes after an interview.
                    facts = replace(facts, situation=replace(facts.situation, interviewed=True))
                application = ApplicationEvent(facts.company, facts.role, facts.interview_at, status, stops)
            elif meaning is not None and meaning.application:  # the ledger needs only names
                application = ApplicationEvent(
                    *identify(mail, platforms=platforms(self.rules.lists)), status=status, stops=stops
                )
            if act and category_plan is not None:
                zone = self.config.timezone
                plan = plan_for(
                    category_plan, arrived, zone, facts.interview_at, facts.interview_end, self.config.reminder_hours
                )
                plan = replace(
                    plan, reminders=tuple(r for r in plan.reminders if not reminder_misfit(r.step.kind, facts))
                )
                drafts += (render_draft(mail, facts, account, self.templates, t, now) for t in plan.drafts)
                for index, planned in enumerate(plan.reminders):
                    later = None
                    why_not = misfit(planned.step.draft, fits) if planned.step.draft else None
                    if why_not:
                        unwritten[index] = why_not
                    elif planned.step.draft:
                        later = render_draft(mail, facts, account, self.templates, planned.step.draft, now, planned.due)
                        drafts.append(later)
                    reminders.append(render_reminder(mail, facts, account, self.templates, planned, later))
        except Exception as exc:  # any stage (an OverflowError from a date in year 9999, say): quarantined
            log.exception("%s: cannot act on message", source)
            return Processed(source, key, mail.envelope(), None, (), (), (), error=f"{type(exc).__name__}: {exc}")
        actions = plan.describe(unwritten)
        if not act and decision.category in self.config.plan:
            actions = ["none (older than act_on_mail_newer_than)"]
        return Processed(
            source,
            key,
            mail.envelope(),
            decision,
            tuple(actions),
            tuple(drafts),
            tuple(reminders),
            application=application,
        )
