"""Parsing hostile mail, and drafts that stay safe and threaded whatever the mail said."""

from __future__ import annotations

import base64
import contextlib
import email
import email.policy
import email.utils
from datetime import UTC, datetime
from pathlib import Path

import pytest
from followup.act.extract import extract
from followup.act.render_draft import render_draft
from followup.classify.decide import classify
from followup.config import parse_config
from followup.imap.mailbox import Fetched
from followup.mail import parse as message
from followup.mail.compose import build_message, reply_subject, safe_header
from followup.mail.parse import clean_header, parse_addresses, parse_date, parse_mail
from followup.model import Address, among
from followup.pipeline import INTERVIEW_CATEGORIES, Pipeline
from followup.resources import load_rule_set, load_templates
from followup.state.ledger import Ledger
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


def draft_for(raw: bytes, template: str = "rejection_thanks") -> email.message.EmailMessage:
    mail = parse_mail(raw)
    draft = render_draft(mail, extract(mail, platforms=SHIPPED_PLATFORMS), ACCOUNT, load_templates(None), template, NOW)
    parsed = email.message_from_bytes(draft.raw, policy=email.policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


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


CRASHERS = {
    "bare name* parameter": b"From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; name*\r\n\r\nbody\r\n",
    "To: (c):": b"From: a@b.example\r\nTo: (c):\r\nSubject: x\r\n\r\nbody\r\n",
    "bracketed Message-ID": b"From: a@b.example\r\nMessage-ID: <[abc]@x>\r\nSubject: x\r\n\r\nbody\r\n",
    "unknown charset": b"From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; charset=x-unknown-42\r\n\r\nbody\r\n",
    "NUL in header": b"From: a@b.example\r\nSubject: a\x00b\r\n\r\nbody\r\n",
    "8-bit header": "From: Jürgen <j@b.example>\r\nSubject: Grüße\r\n\r\nbody\r\n".encode("latin-1"),
    "no headers at all": b"\r\n",
    "empty": b"",
    "deep nesting": b"From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
    + b"--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" * 2000,
}


@pytest.mark.parametrize("raw", CRASHERS.values(), ids=CRASHERS.keys())
def test_known_crashers_parse_or_fail_cleanly(raw: bytes) -> None:
    from followup.errors import MailParseError

    try:
        mail = parse_mail(raw)
    except MailParseError:
        return  # quarantined by the caller, with this reason
    assert "\x00" not in mail.subject


def test_html_only_mail_becomes_text() -> None:
    raw = b"From: a@b.example\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello&nbsp;<b>there</b></p><style>p{}</style><blockquote>old quoted</blockquote>"
    mail = parse_mail(raw)
    assert mail.html_only and "Hello" in mail.text and "there" in mail.text
    assert "old quoted" not in mail.text and "p{}" not in mail.text


def test_encoded_newline_in_subject_never_becomes_a_header() -> None:
    """CVE-2024-6923 class: an encoded newline in a Subject must not add a Bcc to the draft."""
    raw = (
        b"From: Recruiter <r@corp.example>\r\nSubject: =?UTF-8?Q?Hello=0ABcc:_attacker@evil.example?=\r\n"
        b"Message-ID: <m1@corp.example>\r\nReferences: <a@x>\r\n =?UTF-8?Q?=0D=0ABcc:_x@evil.example?=\r\n\r\n"
        b"We have decided not to move forward.\r\n"
    )
    assert_only_our_headers(draft_for(raw))


def test_the_exact_cve_2024_6923_subject_adds_no_bcc() -> None:
    """The issue's case word for word: an encoded newline, then a Bcc, in the Subject."""
    raw = (
        b"From: Recruiter <r@corp.example>\r\nSubject: =?UTF-8?Q?=0A?=Bcc: attacker@evil.example\r\n"
        b"Message-ID: <m3@corp.example>\r\n\r\nWe have decided not to move forward.\r\n"
    )
    draft = draft_for(raw)
    assert_only_our_headers(draft)
    assert draft["Bcc"] is None and "attacker@evil.example" in draft["Subject"]


def test_hostile_display_name_stays_in_one_header() -> None:
    raw = (
        b"From: =?UTF-8?Q?Eve=0D=0ABcc:_evil@evil.example?= <eve@corp.example>\r\nSubject: Your application\r\n"
        b"Message-ID: <m2@corp.example>\r\n\r\nWe have decided not to move forward.\r\n"
    )
    draft = draft_for(raw)
    assert_only_our_headers(draft)
    assert len(draft.get_all("To") or []) == 1


def test_reply_subject_does_not_pile_up() -> None:
    assert reply_subject("Re: RE: Aw: Your interview") == "Re: Your interview"
    assert reply_subject("") == "Re: (no subject)"


def test_no_reply_sender_leaves_to_empty_with_a_note() -> None:
    raw = (
        b"From: Acme Careers <no-reply@acme.example>\r\nSubject: Your application\r\nMessage-ID: <m3@acme.example>\r\n\r\n"
        b"We have decided not to move forward.\r\n"
    )
    draft = draft_for(raw)
    assert draft["To"] is None
    body = draft.get_body(("plain",)).get_content()
    assert body.startswith("[Note to self:") and "Dear Hiring Team" in body
    assert "followup" not in draft.as_string().lower()


def test_reply_to_human_is_used_and_message_id_is_deterministic() -> None:
    raw = (
        b"From: Acme via ATS <no-reply@us.greenhouse-mail.io>\r\nReply-To: Kim Park <kim@acme.example>\r\n"
        b"Subject: Interview invitation\r\nMessage-ID: <m4@acme.example>\r\n\r\nWe would like to invite you to an interview.\r\n"
    )
    first, second = draft_for(raw, "invitation_reply"), draft_for(raw, "invitation_reply")
    assert first["To"] == "Kim Park <kim@acme.example>"
    assert first["Message-ID"] == second["Message-ID"]
    assert "Dear Kim," in first.get_body(("plain",)).get_content()
    assert first["X-Followup"] is None  # nothing in a draft names the tool
    assert "followup" not in first["Message-ID"].lower()


def _encoded(name: str) -> str:
    return "=?UTF-8?B?" + base64.b64encode(name.encode()).decode() + "?="


# Display names an attacker or a broken mailer can send: each tries to choose or mangle To.
HOSTILE_NAMES = [
    "HR\r\nBcc: evil3@evil.example",
    "HR\nTo: evil@evil.example",
    "evil@evil.example",
    "Kim Park <evil@evil.example>",
    'Kim "Park" <evil@evil.example>, other@evil.example',
    "Doe, Jane; evil@evil.example",
    "\u202eelpmaxe.live@live\u202c",
    "\u202bكريم بارك\u202c",
    "\u05d3\u05e0\u05d4 \u05db\u05d4\u05df",
    "Kim\x00Park",
    "=?UTF-8?Q?evil=40evil.example?=",
    "Recruiting (evil@evil.example)",
    "a" * 2000,
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("field", ["From", "Reply-To"])
def test_a_display_name_never_chooses_or_mangles_the_recipient(name: str, field: str) -> None:
    other = "From: Acme <no-reply@acme.example>\r\n" if field == "Reply-To" else ""
    raw = (
        f"{other}{field}: {_encoded(name)} <hr@corp.example>\r\nSubject: Interview\r\n"
        "Message-ID: <h1@corp.example>\r\nDate: Mon, 02 Mar 2026 09:00:00 +0100\r\n\r\n"
        "We would like to invite you to an interview.\r\n"
    ).encode()
    draft = draft_for(raw, "invitation_reply")
    addresses = email.utils.getaddresses(draft.get_all("To", []))
    assert [addr for _, addr in addresses] == ["hr@corp.example"]
    assert draft["Bcc"] is None and draft["Cc"] is None
    raw_to = draft.as_bytes().split(b"\r\n\r\n")[0]
    assert b"evil" not in raw_to and "\u202e" not in str(draft["To"])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_safe_header_has_no_line_breaks(value: str) -> None:
    cleaned = safe_header(value)
    assert "\r" not in cleaned and "\n" not in cleaned and len(cleaned) <= 998


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


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(SUBJECT_WORDS, min_size=1, max_size=16).map(" ".join), st.text(max_size=300)))
@example("Re: Your application to Software Engineer at Acme (Berlin) [ref: 2026-SE-0042]")
@example("[ref:1] application Acme Software a=b at Acme at to Engineer Acme (paren)")
def test_no_header_value_starts_on_the_line_after_its_name(subject: str) -> None:
    """Python folded 'Subject:' CRLF ' Re: …' when the value held a special and fitted on the
    next line: some clients then show a leading space. The first word stays beside the name,
    in every language and whatever the incoming mail put there."""
    msg = build_message(
        sender="Alex Example <alex@example.org>",
        to="Kim Park <kim@acme.example>",
        subject=reply_subject(subject),
        body="x",
        message_id="<a@example.org>",
        date=NOW,
        references="<" + "r" * 70 + "@acme.example> <" + "s" * 70 + "@acme.example>",
        kind="draft test",
    )
    raw = msg.as_bytes()
    for line in _header_lines(raw):
        if not line[:1].isspace():  # a header's first line: its value starts right there
            _, colon, value = line.partition(":")
            assert colon and value[:1] == " " and value[1:2].strip(), f"{line!r} in {raw[:400]!r}"
        assert len(line) <= 998
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["Subject"] == msg["Subject"]


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_parser(raw: bytes) -> None:
    from followup.errors import MailParseError

    with contextlib.suppress(MailParseError):
        parse_mail(raw)


def test_legal_footer_is_cut_from_the_body_and_kept_apart() -> None:
    raw = (
        b"From: Priya <priya@lumenlabs.example>\r\nSubject: Next steps\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hi Sam,\r\n\r\nWe would like to invite you to an interview with the platform team next week. "
        b"Please share your availability.\r\n\r\nPriya\r\n\r\n"
        b"CONFIDENTIALITY NOTICE: This email is confidential. If you are not the intended recipient, we regret to "
        b"inform you that you must delete it.\r\nUnsubscribe: https://lumenlabs.example/unsubscribe\r\n"
    )
    mail = parse_mail(raw)
    assert "regret to inform" not in mail.text and mail.footer.startswith("CONFIDENTIALITY NOTICE")
    assert "https://lumenlabs.example/unsubscribe" in mail.links
    decision = classify(mail, load_rule_set(None))
    assert decision.category == "interview_invitation", decision.explain()


def test_a_mail_that_opens_with_unsubscribe_words_is_not_all_footer() -> None:
    mail = parse_mail(
        b"From: a@b.example\r\nSubject: x\r\n\r\nUnsubscribe me from nothing: we regret to inform you.\r\n"
    )
    assert mail.text.startswith("Unsubscribe me") and mail.footer == ""


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


_NAME_CHARS = st.sampled_from(list("Jane Doé-O'Brien.,\"()<>@;:\\ \t=?"))
_LOCAL = st.text(alphabet=st.sampled_from(list("abcXYZ019._+-")), min_size=1, max_size=8)
_ADDRESS = st.builds(lambda local, host: f"{local}@{host}", _LOCAL, st.sampled_from(["x.com", "Mail.Example.org", "b"]))
_ONE = st.one_of(
    _ADDRESS,
    st.builds(lambda n, a: f"{n} <{a}>", st.text(alphabet=_NAME_CHARS, max_size=12), _ADDRESS),
    st.builds(lambda n, a: f'"{n}" <{a}>', st.text(alphabet=_NAME_CHARS, max_size=12), _ADDRESS),
)


@given(st.lists(_ONE, min_size=1, max_size=3).map(", ".join))
def test_the_quick_address_reading_agrees_with_the_stdlib(value: str) -> None:
    # parse_addresses reads the common forms with one regex; whatever it accepts must read as
    # the stdlib's RFC 5322 parser reads it.
    expected = tuple(
        Address(clean_header(name), addr.strip().lower())
        for name, addr in email.utils.getaddresses([value])
        if "@" in addr
    )
    assert parse_addresses(value) == expected


_CORPUS_MAILS = sorted((Path(__file__).parent / "corpus").glob("*.eml"))


def _with_parts(raw: bytes, pdf: bytes, calendar: bool) -> bytes:
    """*raw* (a corpus mail) inside multipart/mixed > alternative, with a PDF and maybe an invite."""
    head, _, body = raw.replace(b"\r\n", b"\n").partition(b"\n\n")
    lines = head.split(b"\n")
    content = b"\n".join(x for x in lines if x.lower().startswith(b"content-")) or b"Content-Type: text/plain"
    kept = b"\n".join(x for x in lines if not x.lower().startswith((b"content-", b"mime-version")))
    ics = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260302T150000Z\nSUMMARY:Interview\nEND:VEVENT\nEND:VCALENDAR\n"
    return (
        kept
        + b'\nMIME-Version: 1.0\nContent-Type: multipart/mixed;\n boundary="=_outer"\n\npreamble\n--=_outer\n'
        + b"Content-Type: multipart/alternative; boundary=inner\n\n--inner\n"
        + content
        + b"\n\n"
        + body
        + b"\n--inner--\n--=_outer\nContent-Type: application/pdf; name=cv.pdf\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(pdf)
        + (b"--=_outer\nContent-Type: text/calendar; method=REQUEST\n\n" + ics if calendar else b"")
        + b"--=_outer--\nepilogue\n"
    )


@given(
    index=st.integers(0, len(_CORPUS_MAILS) - 1),
    pdf=st.binary(min_size=0, max_size=40_000),
    calendar=st.booleans(),
    cut=st.one_of(st.none(), st.integers(0, 60_000)),
)
def test_pruning_attachment_bodies_changes_nothing_rules_read(
    index: int, pdf: bytes, calendar: bool, cut: int | None
) -> None:
    raw = _with_parts(_CORPUS_MAILS[index].read_bytes(), pdf + bytes(9000), calendar)  # past PRUNE_FROM
    raw = raw if cut is None else raw[:cut]  # a partial FETCH ends anywhere
    pruned = message._stdlib_mail(raw, False)  # (the fast path, tested in test_mime, never prunes)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(message, "PRUNE_FROM", 1 << 40)
        whole = message._stdlib_mail(raw, False)
    assert pruned == whole
    assert pruned.headers == whole.headers


@settings(max_examples=500, deadline=None)
@given(
    weekday=st.sampled_from(["Tue, ", "Mon, ", "", "tue, "]),
    day=st.integers(0, 40),
    month=st.sampled_from(["Jan", "Mar", "Dec", "mar", "Foo"]),
    year=st.sampled_from(["2026", "1999", "0099", "26", "2999", "3000"]),
    time=st.tuples(st.integers(0, 61), st.integers(0, 61), st.integers(0, 61)),
    zone=st.sampled_from(["+0100", "-0530", "+0000", "-0000", "-0030", "+2359", "+9999", "GMT", "EST", ""]),
    padding=st.sampled_from(["", " ", "  "]),
)
def test_a_date_header_reads_as_the_stdlib_reads_it(
    weekday: str, day: int, month: str, year: str, time: tuple[int, int, int], zone: str, padding: str
) -> None:
    value = f"{padding}{weekday}{day:02d} {month} {year} {time[0]:02d}:{time[1]:02d}:{time[2]:02d} {zone}{padding}"
    try:
        expected = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        expected = None
    found = parse_date(value)
    assert found == (expected if expected and expected.tzinfo else None)
    assert found is None or found.utcoffset() == expected.utcoffset()


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "é", " ", "\t", "\r\n ", "\x00", "\x1f", "\x7f", "\xa0", "\u2028", "\x85"])).map(
        "".join
    )
)
def test_a_header_without_encoded_words_is_folded_to_one_line_without_controls(value: str) -> None:
    assert clean_header(value) == " ".join(message._CONTROL.sub(" ", value).split())


@pytest.mark.parametrize(
    ("raw_subject", "subject"),
    [
        ("Ihre Bewerbung für Müller & Söhne".encode(), "Ihre Bewerbung für Müller & Söhne"),  # RFC 6532 UTF-8
        ("Candidature chez Société Générale".encode("latin-1"), "Candidature chez Société Générale"),
    ],
)
def test_raw_8bit_headers_are_decoded_not_replaced(raw_subject: bytes, subject: str) -> None:
    """Headers in raw UTF-8 (or an undeclared legacy charset) came out as U+FFFD per byte:
    'f\ufffd\ufffdr M\ufffd\ufffdller' in the reply draft's Subject."""
    raw = (
        b"From: Jos\xc3\xa9 Garc\xc3\xada <jose@corp.example>\r\nTo: me@example.org\r\nSubject: "
        + raw_subject
        + b"\r\nMessage-ID: <x@corp.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo\r\n"
    )
    mail = parse_mail(raw)
    assert mail.subject == subject
    assert "\ufffd" not in mail.subject


def _mail(body: str, subject: str = "Your application") -> bytes:
    return (
        f"From: Kim Park <kim.park@corp.example>\r\nSubject: {subject}\r\nMessage-ID: <s1@corp.example>\r\n"
        f"Date: Mon, 02 Mar 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def test_a_rejection_before_any_interview_thanks_for_the_consideration() -> None:
    body = draft_for(_mail("Thank you for applying. We have decided not to move forward.")).get_content()
    assert "considering my application" in body
    assert "interview" not in body and "time you and the team spent" not in body


def test_a_rejection_after_an_interview_thanks_for_it() -> None:
    raw = _mail("Thank you for interviewing with us last week. We have decided not to move forward.")
    body = draft_for(raw).get_content()
    assert "time you and the team spent with me" in body and "application or interviews" in body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please choose a time for your interview here: https://calendly.com/kim/30min", "scheduling link you shared"),
        ("Please complete your one-way video interview on HireVue within five days.", "complete the interview"),
        (
            "Would one of these suit you?\n- Thursday, 5 March, 10:00\n- Friday, 6 March, 14:30\n",
            "Thursday, 5 March, 10:00",
        ),
    ],
)
def test_an_invitation_reply_fits_the_situation(text: str, expected: str) -> None:
    body = draft_for(
        _mail(f"We would like to invite you to an interview.\n{text}\n\nBest,\nKim Park"), "invitation_reply"
    )
    content = body.get_content()
    assert expected in content
    assert "which times suit you best" not in content


def test_a_thank_you_note_thanks_the_interviewer_the_invitation_named() -> None:
    raw = _mail(
        "We would like to invite you to an interview. You will meet with Renee Tallis, Store Manager.\n\nBest,\nKim Park"
    )
    content = draft_for(raw, "thank_you_note").get_content()
    assert "Dear Kim," in content and "pass on my thanks to Renee Tallis" in content


def _from_acme(uid: int, body: str, subject: str) -> Fetched:
    raw = (
        f"From: Kim Park <kim.park@acme-analytics.example>\r\nTo: Alex Example <alex@example.org>\r\n"
        f"Subject: {subject}\r\nMessage-ID: <{uid}@acme-analytics.example>\r\n"
        f"Date: Sat, 21 Nov 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
        "\r\nBest regards,\r\nKim Park\r\nAcme Analytics\r\n"
    ).encode()
    return Fetched(uid, raw, len(raw), None, False)


INVITATION = "We would like to invite you to an interview for the Data Analyst position at Acme Analytics."
REJECTION = "Thank you for your interest in the Data Analyst position. We have decided not to move forward."


def _rejection_body(pipeline: Pipeline, fetched: list[Fetched], interviewed: frozenset[tuple[str, str]]) -> str:
    items = pipeline.process_batch(ACCOUNT, "INBOX", 1, fetched, NOW, lambda _ids: {}, {}, interviewed)
    rejection = items[-1]
    assert rejection.decision is not None and rejection.decision.category == "rejection", rejection.decision
    draft = next(d for d in rejection.drafts if d.template == "rejection_thanks")
    return email.message_from_bytes(draft.raw, policy=email.policy.default).get_payload(decode=True).decode()


def test_a_rejection_thanks_for_the_interview_the_ledger_recorded_for_the_application(tmp_path: Path) -> None:
    """No thread links the rejection to the invitation (a new mail, no References): the ledger's
    application for the same company and role had the interview."""
    pipeline = Pipeline(CONFIG, load_rule_set(None), load_templates(None))
    ledger = Ledger(tmp_path / "ledger.sqlite")
    invited = pipeline.process_batch(
        ACCOUNT, "INBOX", 1, [_from_acme(1, INVITATION, "Interview")], NOW, lambda _: {}, {}
    )
    assert invited[0].decision is not None and invited[0].decision.category == "interview_invitation"
    ledger.record(ACCOUNT.key, "INBOX", 1, 1, invited, NOW)
    interviewed = ledger.interviewed(ACCOUNT.key, INTERVIEW_CATEGORIES)
    assert interviewed == {("acmeanalytics", "dataanalyst")}

    after = _rejection_body(pipeline, [_from_acme(2, REJECTION, "Your application")], interviewed)
    assert "time you and the team spent with me" in after
    # The same rejection for an application without an interview thanks for the consideration.
    before = _rejection_body(pipeline, [_from_acme(2, REJECTION, "Your application")], frozenset())
    assert "considering my application" in before and "spent with me" not in before
    # An invitation earlier in the same batch counts before the ledger has it.
    both = [_from_acme(1, INVITATION, "Interview"), _from_acme(2, REJECTION, "Your application")]
    assert "time you and the team spent with me" in _rejection_body(pipeline, both, frozenset())
    ledger.close()


@given(st.sampled_from(["Acme", "ACME GmbH", ""]), st.sampled_from(["Data Analyst", "data-analyst", ""]))
def test_an_application_is_among_those_of_its_company_and_role(company: str, role: str) -> None:
    keys = {("acme", "dataanalyst"), ("globex", "")}
    assert among(keys, company, role) == (company == "Acme" and role in ("Data Analyst", "data-analyst", ""))
    assert among(keys, "Globex", role) and not among(keys, "", "Data Analyst")


def test_message_ids_longer_than_a_line_are_folded_one_a_line_never_encoded() -> None:
    """Python's folder RFC 2047-encodes a Message-ID longer than a line: a client can then no
    longer thread the reply by References. And a Subject with a word too long for a line keeps
    its single spaces."""
    long_ids = "<" + "r" * 70 + "@acme.example> <" + "s" * 70 + "@acme.example> <" + "h" * 2000 + "@x>"
    subject = "Software Engineer " + "x" * 86
    msg = build_message(
        sender="Alex Example <alex@example.org>",
        to="Kim Park <kim@acme.example>",
        subject=reply_subject(subject),
        body="x",
        message_id="<a@example.org>",
        date=NOW,
        references=long_ids,
        kind="draft test",
    )
    raw = msg.as_bytes()
    assert b"=?" not in raw.split(b"\r\nReferences: ", 1)[1].split(b"\r\nX-", 1)[0]
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed["References"].split() == long_ids.split()[:2]  # the 2000-character one is dropped
    assert parsed["Subject"] == "Re: " + subject
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
