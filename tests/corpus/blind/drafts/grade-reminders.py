"""grade-reminders.py BATCH_DIR REMINDERS_DIR OUT.csv: a scripted first pass over the reminders that
render-reminders.sh wrote, with RUBRIC.md's grades and causes read for a mail to the user (not to a
recruiter): every fact right or left out, advice that fits what happened, a sensible time.

Facts are checked against BATCH_DIR/truth.csv; whether an interview took place before a rejection
comes from the draft grades' notes (BATCH-grades.csv beside this script: "though an interview took
place" and the like) and otherwise from followup's own reading of the mail, which this script cannot
check: read the ready ones too. Run with the followup venv's python (it reads the mails' facts).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from followup.act.extract import extract
from followup.act.platforms import platforms
from followup.cli.main import PREVIEW_IDENTITY
from followup.config import parse_config
from followup.mail.parse import parse_mail
from followup.resources import load_rule_set

HERE = Path(__file__).resolve().parent
INTERVIEW_NOTE = re.compile(
    r"interview(?:s|ed)? took place|interviewed|after (?:a|two|the|an)\b|finalist|thanks for the time spent interviewing",
    re.I,
)
NIGHT = range(7, 22)  # a reminder at 07:00-21:59 in the user's zone is fine

ASSERTS_INTERVIEW = re.compile(
    r"reflect on your interview|made it to interviews|candidates they have interviewed|people you met|your interviewers"
    r"|mock interview|questions you found hardest|Every interview you reflect on"
)


APPLICATION_ONLY = re.compile(
    r"CV and cover letter match what the ad asked|read your CV and a cover letter as a recruiter would"
    r"|Which of the requirements could you show"
)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum())


def main() -> None:
    batch, rendered, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    truth = {r["file"]: r for r in csv.DictReader((batch / "truth.csv").open(encoding="utf-8"))}
    notes = {}
    grades = HERE / f"{batch.name}-grades.csv"
    for row in csv.DictReader(grades.open(encoding="utf-8")) if grades.exists() else []:
        if row["template"] == "rejection_thanks" and "situation" in row["causes"]:
            notes[row["file"]] = row["note"]
    rows = [json.loads(line) for line in (rendered / "reminders.jsonl").read_text(encoding="utf-8").splitlines()]
    from dataclasses import replace

    config = replace(parse_config(PREVIEW_IDENTITY), rules_dir=None, templates_dir=None)
    known = platforms(load_rule_set(config).lists)
    facts = {}
    graded = []
    for row in rows:
        if row["kind"] == "combined":
            causes, note = [], []
            if row["body"].count("-- followup") > 1:
                causes.append("wording"), note.append("signature repeated in each section")
            name = "combined:" + "+".join(Path(f).name for f in row["files"])
            graded.append((name, "combined", "edit" if causes else "ready", causes, "; ".join(note)))
            continue
        name = Path(row["file"]).name
        if name not in facts:
            mail = parse_mail((batch / name).read_bytes())
            facts[name] = (mail, extract(mail, UTC, platforms=known))
        mail, f = facts[name]
        t = truth.get(name, {})
        text = f"{row['subject']}\n{row['body']}"
        found: list[tuple[str, str, bool]] = []  # cause, note, embarrassing
        add = lambda cause, note, embarrass, found=found: found.append((cause, note, embarrass))  # noqa: E731

        if (
            f.company
            and f.company in text
            and t.get("company")
            and fold(f.company) not in fold(t["company"])
            and fold(t["company"]) not in fold(f.company)
        ):
            add("company", f"names {f.company!r}, the company is {t['company']!r}", True)
        person = f.contact.name if f.contact and f.contact.name else ""
        if person and person in text:
            want = t.get("contact_name", "")
            if not want or fold(person) != fold(want):
                add("greeting", f"names {person!r} as the contact (truth: {want or 'nobody'})", True)
        shown = bool(f.interview_at and t.get("interview_start") and f.interview_at.strftime("%H:%M") in text)
        if shown and f.interview_at != datetime.fromisoformat(t["interview_start"]):
            add("time", f"interview {f.interview_at.isoformat()} (truth {t['interview_start']})", True)
        if t.get("category") and t["category"] != row["category"]:
            add("situation", f"planned for a {row['category']}, the mail is a {t['category']}", True)
        if row["step"] == "thank_you" and not f.interview_at and t.get("interview_start"):
            add(
                "time", f"the mail fixed the interview ({t['interview_start']}); the reminder does not know when", False
            )
        due = datetime.fromisoformat(row["due"])
        if mail.date and due < mail.date:
            add("time", f"due {row['due']} before the mail arrived", True)
        if due.hour not in NIGHT:
            add("time", f"due at {due:%H:%M} at night", False)
        if row["category"] == "rejection":
            said = notes.get(name, "")
            interviewed = bool(INTERVIEW_NOTE.search(said)) if said else f.situation.interviewed
            if not interviewed and ASSERTS_INTERVIEW.search(text):
                add("situation", f"{row['step']}: speaks of an interview, none took place", True)
            if interviewed and APPLICATION_ONLY.search(text):
                add("situation", f"{row['step']}: about the application, an interview took place", False)
            if row["step"] == "stay_in_touch" and not row["draft"] and "check-in keeps the door open" in text:
                add("situation", "advises a check-in with nobody to check in with (no draft, no person)", False)
        if row["step"] in ("thank_you", "thank_you_last_call"):
            if f.situation.one_way:
                add("situation", "thank-you after a one-way video: nobody to thank", True)
            if not f.interview_at and re.search(r"should be behind you|today", text):
                add("situation", "says the interview is behind the user though its time is unknown", True)
        if "((" in text or "))" in text or re.search(r"\n\n\n", row["body"]):
            add("wording", "nested parentheses or blank lines", False)
        unquoted = re.sub(r'\("[^"]*"', "(", text)  # the subject of a draft is the mail's, in its language
        if re.search(
            r"Montag|Dienstag|Mittwoch|Donnerstag|Freitag|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes| Uhr",
            unquoted,
        ):
            add("language", "interview date not in English", False)
        grade = "embarrass" if any(e for _, _, e in found) else "edit" if found else "ready"
        graded.append((name, row["step"], grade, [c for c, _, _ in found], "; ".join(n for _, n, _ in found)))
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "kind", "grade", "causes", "note"])
        for name, kind, grade, causes, note in graded:
            w.writerow([name, kind, grade, ";".join(dict.fromkeys(causes)), note])
    counts = {g: sum(1 for r in graded if r[2] == g) for g in ("ready", "edit", "embarrass")}
    print(out.name, len(graded), counts)


if __name__ == "__main__":
    main()
