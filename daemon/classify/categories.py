"""What each category means, in one table: whether it concerns an application, the status it
leaves the application in, the nudges it stops, whether it acts on its own, and the words the
report uses for it. Everything else (rules, the ledger, the report, the plan's defaults)
reads it from here."""

from __future__ import annotations

from dataclasses import dataclass

from followup.model import ApplicationStatus


@dataclass(frozen=True)
class Category:
    name: str
    application: bool = False
    """Mail about an application: attached to one in the ledger (company, role, timeline)."""
    status: str | None = None
    """The application's status after a mail of this category (None: left as it was)."""
    stops: tuple[str, ...] | None = ()
    """The nudges (by kind) planned for the application's earlier mail that this one drops;
    None drops them all, () none."""
    acts: bool = False
    """Drafts and reminders by default (plan.DEFAULT_PLAN): deciding it wrongly costs the most,
    so a close call between it and another category is left for review (needs_review)."""
    words: str = ""
    """How the report says it ("invited to interview")."""


TABLE: tuple[Category, ...] = (
    Category("interview_invitation", True, ApplicationStatus.INTERVIEWING, acts=True, words="invited to interview"),
    Category("rejection", True, ApplicationStatus.REJECTED, None, acts=True, words="a no, this time"),
    Category("feedback_received", True, words="feedback received"),
    Category("application_received", True, ApplicationStatus.APPLIED, words="application received"),
    Category("assessment", True, ApplicationStatus.ASSESSMENT, words="assessment to do"),
    Category("offer", True, ApplicationStatus.OFFER, None, words="an offer!"),
    Category("application_withdrawn", True, ApplicationStatus.WITHDRAWN, None, words="you withdrew"),
    Category("job_alert"),
    Category("newsletter"),
    # A new time for the interview: the thank-you nudges are planned again from it.
    Category(
        "interview_rescheduled",
        True,
        ApplicationStatus.INTERVIEWING,
        ("thank_you", "thank_you_last_call"),
        words="interview moved",
    ),
    Category("interview_cancelled", True, None, None, words="interview cancelled"),
    Category("recruiter_outreach", True, ApplicationStatus.CONTACTED, words="a recruiter reached out"),
    Category("personal_reply"),
    Category("auto_reply"),
    Category("own_message"),
    # The evidence was too close to call between categories of which one acts: shown to the
    # user (status, digest), and nothing is drafted or scheduled.
    Category("needs_review", words="needs your review"),
    Category("other"),
)

BY_NAME = {category.name: category for category in TABLE}
BUILTIN_CATEGORIES = tuple(BY_NAME)
ACTIONABLE = tuple(c.name for c in TABLE if c.acts)
"""The categories that act on their own by default: scored first by `followup rules test`."""
APPLICATION_CATEGORIES = frozenset(c.name for c in TABLE if c.application)
STATUS_AFTER = {c.name: c.status for c in TABLE if c.status}
STOPS_NUDGES = {c.name: c.stops for c in TABLE if c.stops != ()}
WORDS = {c.name: c.words for c in TABLE if c.words}
UNWEIGHED = frozenset({"needs_review", "own_message"})
"""Decided by the classifier itself (a close call; followup's own mail), never by summed evidence."""
