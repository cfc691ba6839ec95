"""followup.mail.compose: the messages followup writes keep every header on its line, whatever the mail said."""

from __future__ import annotations

import email
import email.policy
import email.utils
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest
from followup.act.extract import extract
from followup.config import parse_config
from followup.mail.compose import build_message, reply_subject, safe_header
from followup.mail.parse import parse_mail
from followup.resources import load_templates
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import SHIPPED_PLATFORMS

CONFIG = parse_config("""
[accounts.me]
name = "Alex Example"
email = "alex@example.org"
[accounts.me.imap]
host = "imap.example.org"
username = "alex"
password_env = "UNUSED"
""")


ACCOUNT = CONFIG.accounts[0]


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


OUR_HEADERS = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "x-followup",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
}


def assert_only_our_headers(draft: email.message.EmailMessage) -> None:
    """No header the incoming mail smuggled in (Bcc, Cc...), each one a single line."""
    names = [name.lower() for name in draft]  # iterating a message yields its header names
    assert set(names) <= OUR_HEADERS, names
    assert len(names) == len(set(names)), names
    for name, value in draft.items():
        assert "\n" not in value and "\r" not in value, name


SUBJECT_WORDS = st.sampled_from(
    [
        "Re:",
        "Your",
        "application",
        "Software Engineer",
        "at",
        "[ref:1]",
        "(Berlin)",
        '"Acme"',
        "<tag>",
        "a=b",
        "=?utf-8?q?x?=",
        "Müller Größenwahn",
        "d’ingénieur",
        "株式会社サンプル",
        "ソフトウェアエンジニア",
        "Заявка",
        "طلب",
        "x" * 90,
        "–",
        "…",
    ]
)


def _header_lines(raw: bytes) -> list[str]:
    return raw.split(b"\r\n\r\n", 1)[0].decode("ascii").split("\r\n")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_safe_header_has_no_line_breaks(value: str) -> None:
    cleaned = safe_header(value)
    assert "\r" not in cleaned and "\n" not in cleaned and len(cleaned) <= 998


def _reply(subject: str, references: str) -> EmailMessage:
    """A draft replying to *subject* in the thread of *references*, as followup builds one."""
    return build_message(
        sender="Alex Example <alex@example.org>",
        to="Kim Park <kim@acme.example>",
        subject=reply_subject(subject),
        body="x",
        message_id="<a@example.org>",
        date=NOW,
        references=references,
        kind="draft test",
    )


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(SUBJECT_WORDS, min_size=1, max_size=16).map(" ".join), st.text(max_size=300)))
@example("Re: Your application to Software Engineer at Acme (Berlin) [ref: 2026-SE-0042]")
@example("[ref:1] application Acme Software a=b at Acme at to Engineer Acme (paren)")
def test_no_header_value_starts_on_the_line_after_its_name(subject: str) -> None:
    """Python folded 'Subject:' CRLF ' Re: …' when the value held a special and fitted on the
    next line: some clients then show a leading space. The first word stays beside the name,
    in every language and whatever the incoming mail put there."""
    msg = _reply(subject, "<" + "r" * 70 + "@acme.example> <" + "s" * 70 + "@acme.example>")
    raw = msg.as_bytes()
    for line in _header_lines(raw):
        if not line[:1].isspace():  # a header's first line: its value starts right there
            _, colon, value = line.partition(":")
            assert colon and value[:1] == " " and value[1:2].strip(), f"{line!r} in {raw[:400]!r}"
        assert len(line) <= 998
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == msg["Subject"]


@pytest.mark.parametrize(
    "raw",
    [
        b"From: Recruiter <r@corp.example>\r\nSubject: =?UTF-8?Q?=0A?=Bcc: attacker@evil.example\r\n"
        b"Message-ID: <m4@corp.example>\r\n\r\nWe have decided not to move forward.\r\n",
        b"From: =?UTF-8?Q?Eve=0D=0ABcc:_evil@evil.example?= <eve@corp.example>\r\nSubject: Update from =?UTF-8?Q?Acme=0D=0ACc:_x@evil.example?=\r\n"
        b"Message-ID: <m5@corp.example>\r\nReferences: <a@x>\r\n =?UTF-8?Q?=0D=0ABcc:_y@evil.example?=\r\n\r\nWe have decided not to move forward.\r\n",
    ],
)
def test_injected_newlines_never_add_a_header_to_a_reminder(raw: bytes) -> None:
    from datetime import timedelta

    from followup.act.plan import DEFAULT_PLAN, plan_for
    from followup.act.render_reminder import reminder_message, render_reminder

    mail = parse_mail(raw)
    facts = extract(mail, platforms=SHIPPED_PLATFORMS)
    for planned in plan_for(DEFAULT_PLAN["rejection"], NOW, UTC).reminders:
        reminder = render_reminder(mail, facts, ACCOUNT, load_templates(None), planned)
        message = email.message_from_bytes(
            reminder_message(ACCOUNT, reminder, NOW + timedelta(days=1)), policy=email.policy.default
        )
        assert isinstance(message, email.message.EmailMessage)
        assert_only_our_headers(message)
        assert message["To"] == ACCOUNT.email or ACCOUNT.email in message["To"]


def test_reply_subject_does_not_pile_up() -> None:
    assert reply_subject("Re: RE: Aw: Your interview") == "Re: Your interview"
    assert reply_subject("") == "Re: (no subject)"


def test_message_ids_longer_than_a_line_are_folded_one_a_line_never_encoded() -> None:
    """Python's folder RFC 2047-encodes a Message-ID longer than a line: a client can then no
    longer thread the reply by References. And a Subject with a word too long for a line keeps
    its single spaces."""
    long_ids = "<" + "r" * 70 + "@acme.example> <" + "s" * 70 + "@acme.example> <" + "h" * 2000 + "@x>"
    subject = "Software Engineer " + "x" * 86
    msg = _reply(subject, long_ids)
    raw = msg.as_bytes()
    assert b"=?" not in raw.split(b"\r\nReferences: ", 1)[1].split(b"\r\nX-", 1)[0]
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["References"].split() == long_ids.split()[:2]  # the 2000-character one is dropped
    assert parsed["Subject"] == "Re: " + subject
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
