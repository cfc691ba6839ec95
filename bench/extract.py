"""What extracting a draft's facts costs, and how well interview times are read (issue 20).

    python bench/extract.py [--rounds N]      (or: make bench-extract)

Extraction runs only for mail that gets drafts or reminders (invitations, rejections, ...), after
classification; it is timed here on the invitations and rejections of the team corpus and of the
wild batches (already parsed), with the one-off loading of the given-name lexicon and the public
suffix list reported apart. When dateparser is installed (it is not a dependency), interview
times read by followup.act.when are compared with dateparser.search.search_dates on the same mails
and truth: the measurement behind reading dates with followup's own reader. Likewise, when
probablepeople is installed, telling persons from organisations by followup.act.people's given-name
lexicon is compared with probablepeople's tagger.
Prints the figures and writes them into bench/RESULTS.md between the extract markers.
"""

from __future__ import annotations

import argparse
import csv
import platform
import statistics
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

from followup.act.extract import extract as extract_with
from followup.act.extract import identify as identify_with
from followup.act.platforms import platforms
from followup.act.when import sender_zone
from followup.mail.parse import parse_mail
from followup.model import Mail
from followup.resources import load_rule_set
from results import write_section  # bench/results.py (this script's directory is on the path)

PLATFORMS = platforms(load_rule_set(None).lists)


def extract(mail: Mail):  # type: ignore[no-untyped-def]
    return extract_with(mail, platforms=PLATFORMS)


def identify(mail: Mail) -> tuple[str, str]:
    return identify_with(mail, platforms=PLATFORMS)


ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "tests" / "corpus",
    ROOT / "tests" / "corpus" / "wild" / "A",
    ROOT / "tests" / "corpus" / "wild" / "B",
]
ACTIONABLE = ("interview_invitation", "rejection")


def labelled() -> list[tuple[Mail, dict[str, str]]]:
    found = []
    for directory in CORPORA:
        truth = directory / "truth.csv"
        if not truth.is_file():
            continue
        for row in csv.DictReader(truth.open(encoding="utf-8")):
            path = directory / row["file"]
            if row["category"] in ACTIONABLE and path.is_file():
                found.append((parse_mail(path.read_bytes()), row))
    return found


def summary(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered) * 1e6, ordered[int(len(ordered) * 0.95)] * 1e6


def dateparser_time(mail: Mail, language: str) -> datetime | None:
    import dateparser.search

    assert mail.date is not None
    zone = sender_zone(mail.date, UTC, language)
    settings = {"RELATIVE_BASE": mail.date.astimezone(zone).replace(tzinfo=None), "PREFER_DATES_FROM": "future",
                "REQUIRE_PARTS": ["day", "month"]}  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = dateparser.search.search_dates(mail.text, languages=[language], settings=settings) or []
    timed = {moment for _, moment in found if moment.hour or moment.minute}
    return timed.pop().replace(tzinfo=zone) if len(timed) == 1 else None


def compare_times(mails: list[tuple[Mail, dict[str, str]]]) -> list[str]:
    try:
        import dateparser  # noqa: F401
    except ImportError:
        return ["dateparser is not installed: `pip install dateparser` to compare interview times with it."]
    scores = {"followup.act.when": [0, 0, 0, 0.0], "dateparser.search_dates": [0, 0, 0, 0.0]}
    for mail, row in mails:
        if mail.date is None or mail.calendar:
            continue  # a calendar's DTSTART is read by icalendar either way
        want = datetime.fromisoformat(row["interview_start"]) if row["interview_start"] else None
        for who in scores:
            start = time.perf_counter()
            got = extract(mail).interview_at if who == "followup.act.when" else dateparser_time(mail, row["language"])
            scores[who][3] += time.perf_counter() - start
            index = 2 if got is None and want is not None else 0 if got is not None and got == want else 1
            if got is None and want is None:
                continue
            scores[who][index] += 1
    lines = ["| reader | right | wrong | missing | time for all |", "|---|---:|---:|---:|---:|"]
    lines += [f"| {who} | {r} | {w} | {m} | {t:.2f} s |" for who, (r, w, m, t) in scores.items()]
    return lines


def compare_people(mails: list[tuple[Mail, dict[str, str]]]) -> list[str]:
    """Display names of senders: a person (the truth greets exactly that name) or not (the truth
    greets nobody). followup.act.people's given-name lexicon against probablepeople's CRF tagger."""
    from followup.act.people import clean_name, person_confidence

    try:
        import probablepeople
    except ImportError:
        return ["probablepeople is not installed: `pip install probablepeople` to compare with it."]
    labelled_names = []
    for mail, row in mails:
        name = clean_name(mail.sender.name) if mail.sender and mail.sender.name else ""
        if name and row["contact_name"] and name.casefold() == row["contact_name"].casefold():
            labelled_names.append((name, True))
        elif name and not row["contact_name"]:
            labelled_names.append((name, False))

    def tagged_person(name: str) -> bool:
        try:
            return bool(probablepeople.tag(name)[1] == "Person")
        except Exception:  # probablepeople raises on names it cannot tag
            return False

    lines = ["| person or not | persons found | organisations taken for persons |", "|---|---:|---:|"]
    for who, is_person in (
        ("followup.act.people (given-name lexicon)", lambda n: person_confidence(n) >= 0.9),
        ("probablepeople.tag", tagged_person),
    ):
        found = sum(1 for n, person in labelled_names if person and is_person(n))
        wrong = sum(1 for n, person in labelled_names if not person and is_person(n))
        persons = sum(1 for _, person in labelled_names if person)
        lines.append(f"| {who} | {found} / {persons} | {wrong} / {len(labelled_names) - persons} |")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    mails = labelled()
    extract(mails[0][0])  # loads the given-name lexicon and the suffix list once
    warm_up = time.perf_counter() - start
    timings, identifying = [], []
    for _ in range(args.rounds):
        for mail, _row in mails:
            begin = time.perf_counter()
            extract(mail)
            timings.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            identify(mail)
            identifying.append(time.perf_counter() - begin)
    (median, p95), (id_median, id_p95) = summary(timings), summary(identifying)
    text = "\n".join(
        [
            "## Extraction of a draft's facts (issue 20)",
            "",
            f"Command: `make bench-extract` (`python bench/extract.py --rounds {args.rounds}`). "
            f"{len(mails)} invitations and rejections (team corpus and wild batches) × {args.rounds} rounds.",
            f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.platform()}.",
            "",
            "| what | median µs | p95 µs |",
            "|---|---:|---:|",
            f"| extract (every fact, for drafts and reminders) | {median:.0f} | {p95:.0f} |",
            f"| identify (company and role, for the application ledger) | {id_median:.0f} | {id_p95:.0f} |",
            "",
            f"Once per process: loading the given-name lexicon and the bundled suffix list, with parsing the "
            f"corpus, {warm_up:.2f} s. Extraction runs only for mail that gets drafts or reminders; "
            "classification does not call it.",
            "",
            "Interview times from the text (mails with a calendar attachment left out), against the truth:",
            "",
            *compare_times(mails),
            "",
            "Senders' display names, person or organisation (without the mail's context):",
            "",
            *compare_people(mails),
        ]
    )
    print(text)
    write_section("extract", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
