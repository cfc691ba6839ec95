"""`followup preview`: what the daemon's plan would write for a mail, for a reader to judge before
any mail reaches a recruiter. No mailbox: the pipeline renders, nothing is appended."""

from __future__ import annotations

import email
import email.policy
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from followup.cli.main import main
from followup.clock import CLOCK_START_VARIABLE
from followup.config import DEFAULT_PLAN

from tests.conftest import TEST_START

CORPUS = Path(__file__).resolve().parent / "corpus"
INVITATION = CORPUS / "003-interview_invitation-en.eml"
REJECTION = CORPUS / "019-rejection-en.eml"
REJECTION_AFTER_INTERVIEW = CORPUS / "026-rejection-en.eml"


PAST_INTERVIEW = re.compile(
    r"your interview|people you met|your interviewers|mock interview|found hardest|have interviewed|made it to interviews"
)


def planned(category: str) -> list[str]:
    """The drafts the default plan writes for a category: at once, then those its steps bring."""
    plan = DEFAULT_PLAN[category]
    return [*plan.drafts, *(step.draft for step in plan.reminders if step.draft)]


@pytest.fixture(autouse=True)
def _no_config_fixed_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FOLLOWUP_CONFIG", str(tmp_path / "absent" / "config.toml"))
    monkeypatch.setenv(CLOCK_START_VARIABLE, TEST_START.isoformat())


def preview(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    status = main(["preview", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_without_a_template_each_file_gets_the_drafts_its_plan_writes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = preview(capsys, "--json", INVITATION, REJECTION)
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["file"], r["category"], r["template"]) for r in rows] == [
        *((str(INVITATION), "interview_invitation", t) for t in planned("interview_invitation")),
        # No interview before this rejection: no check-in thanking again for conversations.
        *((str(REJECTION), "rejection", t) for t in planned("rejection") if t != "check_in"),
    ]
    reply = rows[0]
    assert reply["language"] == "en"
    assert reply["to"] == "Elena Petrova <elena.petrova@fabrikam.example>"
    assert reply["subject"] == "Re: Fabrikam: your application for Data Analyst"
    assert reply["body"].startswith("Dear Elena,\n\n")  # decoded: no quoted-printable, no CR
    assert "=\n" not in reply["body"] and "\r" not in reply["body"]
    assert reply["not_before"] is None
    assert rows[1]["not_before"] is not None  # the thank-you note waits for the interview
    assert rows[2]["to"] == ""  # a no-reply sender: the note in the body says what to do
    assert rows[2]["body"].startswith("[Note to self:")


def test_the_text_form_names_file_category_and_template_above_each_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = preview(capsys, INVITATION, REJECTION_AFTER_INTERVIEW)
    assert status == 0
    parts = re.split(r"^==> (.*) <==\n", out, flags=re.MULTILINE)[1:]
    headings, messages = parts[0::2], parts[1::2]
    templates = planned("interview_invitation") + planned("rejection")
    assert len(headings) == len(templates)
    for heading, template in zip(headings, templates, strict=True):
        assert template in heading
    assert headings[0].startswith(f"{INVITATION}: interview_invitation, draft 1 of 2: invitation_reply")
    assert "written to Drafts at" in headings[1]
    draft = email.message_from_string(messages[0], policy=email.policy.default)
    assert draft["To"] == "Elena Petrova <elena.petrova@fabrikam.example>"
    assert draft["X-Followup"] is None


def test_files_given_together_are_read_as_one_batch_so_a_reply_knows_its_thread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """As in the daemon: a rejection that answers an invitation comes after an interview."""
    invitation_id = re.search(rb"^Message-ID: (.*)$", INVITATION.read_bytes(), re.MULTILINE)
    assert invitation_id
    reply = tmp_path / "rejection-in-thread.eml"
    reply.write_bytes(
        REJECTION.read_bytes().replace(
            b"Message-ID: <corpus-019@lumenlabs.example>",
            b"Message-ID: <reply@lumenlabs.example>\nReferences: " + invitation_id.group(1).strip(),
        )
    )

    def thanks(*files: Path) -> str:
        _, out, _ = preview(capsys, "--json", *files)
        rows = [json.loads(line) for line in out.splitlines()]
        return next(r["body"] for r in rows if r["template"] == "rejection_thanks")

    assert "for considering my application" in thanks(reply)
    assert "for the time you and the team spent with me" in thanks(INVITATION, reply)


def test_a_template_name_first_or_as_an_option_renders_that_template_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def without_date(text: str) -> str:
        return re.sub(r"^Date: .*\n", "", text, flags=re.MULTILINE)

    status, positional, err = preview(capsys, "thank_you_note", INVITATION)
    assert status == 0
    assert "\\Draft" in err
    assert not positional.startswith("==>")  # one file: the message alone, as before
    assert (
        "about the Data Analyst position"
        in email.message_from_string(positional, policy=email.policy.default).get_content()
    )
    _, option, _ = preview(capsys, "--template", "thank_you_note", INVITATION)
    assert without_date(option) == without_date(positional)
    _, out, _ = preview(capsys, "--json", "--template", "check_in", INVITATION)
    (row,) = map(json.loads, out.splitlines())
    assert (row["template"], row["category"]) == ("check_in", None)


def test_an_unreadable_file_is_named_and_the_others_still_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.eml"
    status, out, err = preview(capsys, "--json", missing, INVITATION)
    assert status == 1
    assert f"error: {missing}:" in err
    assert {json.loads(line)["file"] for line in out.splitlines()} == {str(INVITATION)}


def test_a_check_in_is_written_only_after_a_rejection_that_followed_an_interview(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = preview(capsys, "--json", REJECTION, REJECTION_AFTER_INTERVIEW)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(Path(r["file"]).name, r["template"]) for r in rows] == [
        (REJECTION.name, "rejection_thanks"),
        (REJECTION_AFTER_INTERVIEW.name, "rejection_thanks"),
        (REJECTION_AFTER_INTERVIEW.name, "check_in"),
    ]
    assert "thank you again for the conversations" in rows[2]["body"]


INVITATION_HEAD = """From: {sender}
To: sam@example.org
Subject: {subject}
Date: Mon, 30 Nov 2026 09:00:00 +0000
Message-ID: <{name}-1@lumenlabs.example>
Content-Type: text/plain; charset=utf-8

Hi Sam,

Thank you for applying for the Data Analyst role at Lumen Labs. {body}

Best regards,
{signature}
"""


def test_no_thank_you_note_after_a_one_way_video_nor_before_an_interview_whose_time_is_unknown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mails = {
        "one-way": (
            "Talent Team <talent@lumenlabs.example>",
            "Next step: your video interview for Data Analyst",
            "We would like to invite you to the next step: a one-way video interview on HireVue. You will record"
            " your answers to five questions; please complete it within the next five days.",
            "Lumen Labs Talent Team",
        ),
        "no-time": (
            "Priya Raman <priya.raman@lumenlabs.example>",
            "Interview invitation: Data Analyst",
            "We would like to invite you to an interview with our analytics team. Could you let me know your"
            " availability next week?",
            "Priya Raman\nRecruiter, Lumen Labs",
        ),
    }
    files = []
    for name, (sender, subject, body, signature) in mails.items():
        path = tmp_path / f"{name}.eml"
        text = INVITATION_HEAD.format(sender=sender, subject=subject, name=name, body=body, signature=signature)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    _, out, _ = preview(capsys, "--json", *files, INVITATION)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(Path(r["file"]).name, r["template"]) for r in rows] == [
        ("one-way.eml", "invitation_reply"),
        ("no-time.eml", "invitation_reply"),
        (INVITATION.name, "invitation_reply"),
        (INVITATION.name, "thank_you_note"),  # the time is known: the note comes after it
    ]


def test_reminders_are_listed_with_their_due_times_and_fit_the_situation(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = preview(capsys, "--json", "--reminders", REJECTION, REJECTION_AFTER_INTERVIEW)
    assert status == 0
    rows = [json.loads(line) for line in out.splitlines()]
    drafts = [r for r in rows if "template" in r]
    assert all("kind" not in r for r in drafts)  # draft rows keep their keys
    reminders = {(Path(r["file"]).name, r["step"]): r for r in rows if r.get("kind") == "reminder"}
    before, after = REJECTION.name, REJECTION_AFTER_INTERVIEW.name
    assert {step for name, step in reminders if name == before} >= {"reflect", "talent_network", "practice"}
    for (name, step), row in reminders.items():
        text = row["subject"] + row["body"]
        assert text.count("-- followup") == 1 and "\n\n\n" not in row["body"]
        if name == before:  # no interview took place: nothing speaks of one as past
            assert not PAST_INTERVIEW.search(text), (step, text)
    assert "interview" in reminders[(after, "reflect")]["subject"]
    sent = email.message_from_bytes(REJECTION.read_bytes(), policy=email.policy.default)["Date"].datetime
    assert all(datetime.fromisoformat(r["due"]) > sent for (name, _), r in reminders.items() if name == before)
