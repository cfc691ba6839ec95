"""Write the labelled corpus (tests/corpus/*.eml and labels.csv) from the mails in mails_*.py.

The mails were written by the team in the styles of real recruiting mail: applicant-tracking
systems (Greenhouse, Lever, Workday, Ashby, SmartRecruiters, iCIMS, Taleo, Workable, BambooHR,
Teamtailor, Personio, LinkedIn, Indeed), people writing from their own mailboxes, plain and
HTML-only, English, German, French and Spanish, and every look-alike the rules must not act on.

    python tests/corpus/make_corpus.py        # rewrites the .eml files and labels.csv

Deterministic: the same input writes the same bytes.
"""

from __future__ import annotations

import csv
import html
import sys
import unicodedata
import zlib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mails_blind import MAILS as BLIND  # noqa: E402
from mails_en import MAILS as EN  # noqa: E402
from mails_holdout import MAILS as HOLDOUT  # noqa: E402
from mails_intl import MAILS as INTL  # noqa: E402
from mails_lookalikes import MAILS as LOOKALIKES  # noqa: E402

ATS_SENDERS = {
    "greenhouse": "no-reply@us.greenhouse-mail.io",
    "lever": "no-reply@hire.lever.co",
    "workday": "{slug}@myworkday.com",
    "ashby": "no-reply@ashbyhq.com",
    "smartrecruiters": "noreply@smartrecruiters.com",
    "icims": "{slug}@talent.icims.com",
    "taleo": "{slug}@taleo.net",
    "workable": "noreply@candidates.workablemail.com",
    "bamboohr": "notifications@app.bamboohr.com",
    "teamtailor": "no-reply@teamtailor-mail.com",
    "personio": "noreply@{slug}.jobs.personio.de",
    "linkedin": "jobs-noreply@linkedin.com",
    "indeed": "indeedapply@indeed.com",
}
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _html(body: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in body.split("\n\n"))
    return (
        "<!DOCTYPE html><html><head><style>p{font-family:Arial}</style></head>"
        f'<body><table width="600"><tr><td>{paragraphs}</td></tr></table></body></html>'
    )


def _ics(start: str, summary: str, method: str = "REQUEST") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//followup corpus//EN\r\n"
        f"METHOD:{method}\r\nBEGIN:VEVENT\r\nUID:{zlib.crc32(summary.encode())}@corpus.example\r\n"
        f"DTSTART;TZID=Europe/Berlin:{start}\r\nDTEND;TZID=Europe/Berlin:{start[:9]}{int(start[9:11]) + 1:02d}{start[11:]}\r\n"
        f"SUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def render(index: int, mail: dict) -> bytes:
    msg = EmailMessage(policy=SMTP)
    company = mail.get("company", "Example Corp")
    ascii_name = unicodedata.normalize("NFKD", company).encode("ascii", "ignore").decode()
    slug = "".join(c for c in ascii_name.lower() if c.isalnum())[:12]
    ats = mail.get("ats")
    if ats:
        address = ATS_SENDERS[ats].format(slug=slug)
        sender = mail.get("sender", f"{company} <{address}>")
        if "<" not in sender:
            sender = f"{sender} <{address}>"
    else:
        sender = mail["sender"]
    msg["From"] = sender
    msg["To"] = mail.get("to", "Sam Taylor <sam.taylor@example.org>")
    msg["Subject"] = mail["subject"]
    msg["Date"] = format_datetime(START + timedelta(hours=7 * index))
    msg["Message-ID"] = mail.get("message_id", f"<corpus-{index:03d}@{slug or 'mail'}.example>")
    for name, value in mail.get("headers", {}).items():
        msg[name] = value
    if mail.get("reply_to"):
        msg["Reply-To"] = mail["reply_to"]
    body = mail["body"].strip() + "\n"
    if mail.get("html_only"):
        msg.set_content(_html(body), subtype="html", charset="utf-8")
    elif mail.get("html"):
        msg.set_content(body, charset="utf-8")
        msg.add_alternative(_html(body), subtype="html", charset="utf-8")
    else:
        msg.set_content(body, charset="utf-8")
    if mail.get("ics"):
        start, summary, *method = mail["ics"]
        msg.add_attachment(
            _ics(start, summary, *method).encode(), maintype="text", subtype="calendar", filename="invite.ics"
        )
    return msg.as_bytes()


def main() -> None:
    rows = []
    for old in HERE.glob("*.eml"):
        old.unlink()
    for index, mail in enumerate([*EN, *INTL, *LOOKALIKES, *HOLDOUT, *BLIND], start=1):
        name = f"{index:03d}-{mail['label']}-{mail.get('lang', 'en')}.eml"
        (HERE / name).write_bytes(render(index, mail))
        rows.append((name, mail["label"]))
    with open(HERE / "labels.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("file", "label"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} mails to {HERE}")


if __name__ == "__main__":
    main()
