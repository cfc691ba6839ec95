"""Decision -> what to do: which drafts to write, which reminders to schedule, and when. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from followup.config import CategoryPlan, ReminderStep
from followup.model import Decision


@dataclass(frozen=True)
class Plan:
    drafts: tuple[str, ...]
    reminders: tuple[tuple[ReminderStep, datetime], ...]

    def describe(self) -> list[str]:
        return [f"draft:{name}" for name in self.drafts] + [
            f"remind:{step.kind}@{due.isoformat(timespec='minutes')}" for step, due in self.reminders
        ]


def plan_for(decision: Decision, plans: dict[str, CategoryPlan], received: datetime, act: bool) -> Plan:
    """*received*: when the mail arrived (reminders count from there).
    *act*: False for old mail seen on a first scan: recorded, but nothing is written for it."""
    category_plan = plans.get(decision.category)
    if category_plan is None or not act:
        return Plan((), ())
    return Plan(
        category_plan.drafts,
        tuple((step, received + step.after) for step in category_plan.reminders),
    )
