"""followup.mail.parse: bytes to Mail for hostile, broken and odd mail, and its fast readers against the stdlib's."""

from __future__ import annotations

import base64
import contextlib
import email
import email.header
import email.policy
import email.utils
import time
from pathlib import Path

import pytest
from followup.classify.decide import classify
from followup.mail import parse as message
from followup.mail.parse import MAX_HEADER_CHARS, clean_header, parse_addresses, parse_date, parse_mail, strip_history
from followup.model import Address
from followup.resources import load_rule_set
from hypothesis import given, settings
from hypothesis import strategies as st

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


_NAME_CHARS = st.sampled_from(list("Jane Doé-O'Brien.,\"()<>@;:\\ \t=?"))


_LOCAL = st.text(alphabet=st.sampled_from(list("abcXYZ019._+-")), min_size=1, max_size=8)


_ADDRESS = st.builds(lambda local, host: f"{local}@{host}", _LOCAL, st.sampled_from(["x.com", "Mail.Example.org", "b"]))


_ONE = st.one_of(
    _ADDRESS,
    st.builds(lambda n, a: f"{n} <{a}>", st.text(alphabet=_NAME_CHARS, max_size=12), _ADDRESS),
    st.builds(lambda n, a: f'"{n}" <{a}>', st.text(alphabet=_NAME_CHARS, max_size=12), _ADDRESS),
)


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


def test_an_unquoted_name_with_its_legal_form_after_a_comma_is_one_name() -> None:
    # RFC 5322 reads two entries, an address 'Quillfield' and one named 'Inc.'; senders mean one name.
    assert parse_addresses("Quillfield Systems, Inc. <jobs@quillfield.example>") == (
        Address("Quillfield Systems, Inc.", "jobs@quillfield.example"),
    )
    # a person's "Last, First" is left to the stdlib, as before
    assert parse_addresses("Doe, Jan <jan@x.example>") == (Address("Jan", "jan@x.example"),)


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


def test_a_header_of_100_000_encoded_words_is_decoded_only_up_to_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    # The stdlib decoder is quadratic in the number of encoded words (65 s for this Subject).
    lengths: list[int] = []
    decode = email.header.decode_header

    def measured(value: str):  # type: ignore[no-untyped-def]
        lengths.append(len(value))
        return decode(value)

    monkeypatch.setattr(email.header, "decode_header", measured)
    subject = " ".join(["=?UTF-8?Q?a=C3=A9?="] * 100_000)
    mail = parse_mail(f"From: hr@corp.example\r\nSubject: {subject}\r\n\r\nHello\r\n".encode())
    assert lengths and max(lengths) <= MAX_HEADER_CHARS
    assert mail.subject.startswith("aéaé") and "=?" not in mail.subject


@pytest.mark.parametrize("line", [b" \r\n", b"\r\n", b"-- \r\n", b"> \r\n", b"_ \r\n"])
def test_a_body_of_empty_lines_parses_in_linear_time(line: bytes) -> None:
    # A 64 KB body of near-empty lines once took minutes: the footer's pattern ran from every line
    # start over all the blank lines after it. 5 s is far above linear and far below quadratic.
    raw = b"From: a@b.example\r\nTo: c@d.example\r\nSubject: x\r\n\r\nHello\r\n" + line * (65536 // len(line))
    started = time.perf_counter()
    parse_mail(raw)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "history",
    [
        "De : Léa Fontaine <lea@example.org>\nEnvoyé : mardi 16 septembre 2025 19:02\nÀ : rh@example.com\nObjet : Candidature",
        "Von: Lea Fontaine <lea@example.org>\nGesendet: Dienstag, 16. September 2025 19:02\nAn: hr@example.com\nBetreff: Bewerbung",
        "De: Lea Fontaine <lea@example.org>\nEnviado el: martes, 16 de septiembre de 2025 19:02\nPara: rrhh@example.com\nAsunto: CV",
        "*From:* Lea Fontaine <lea@example.org>\n*Sent:* Tuesday, September 16, 2025 7:02 PM\n*To:* hr@example.com",
        # two lines, with the quoted mail right under them
        "De : Lea Fontaine\nEnvoyé : mardi 7 avril 2026 18:40\n> Bonjour, je confirme mardi à 10h.",
    ],
)
def test_outlook_history_in_the_clients_languages_is_cut(history: str) -> None:
    # The candidate's own earlier mail, below Outlook's block, is not the employer's words: its
    # "19:02" once became an interview time.
    assert (
        strip_history(f"Merci pour votre message.\n\n{history}\n\nBonjour, des nouvelles ?")
        == "Merci pour votre message."
    )


def test_the_history_cut_from_a_reply_is_kept_apart() -> None:
    raw = (
        b"From: a@x.example\r\nSubject: Re: CV\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Gracias por escribir.\r\n> una linea citada\r\n\r\nEl mar, 4 may 2027, Nerea escribi\xc3\xb3:\r\n> Hola, \xc2\xbfsabes algo?\r\n"
    )
    mail = parse_mail(raw)
    assert mail.text == "Gracias por escribir."
    assert mail.history == "> una linea citada\nEl mar, 4 may 2027, Nerea escribió:\n> Hola, ¿sabes algo?"


def test_an_interviews_details_that_open_with_de_and_fecha_are_kept() -> None:
    details = "Detalles de la entrevista:\nDe: 10:00 a 11:00\nFecha: lunes 3 de marzo\nLugar: oficina central"
    assert strip_history(details) == details


def test_html_line_breaks_are_the_markup_s_not_the_source_s() -> None:
    """'<br>' then the source's own newline is one line break; '</p>\\n<p>' still a blank line."""
    from followup.mail.parse import html_to_text_and_links

    markup = (
        "<p>Wir wünschen Ihnen viel Erfolg.</p>\n<p>Mit freundlichen Grüßen<br>\nDr. Ulrike Brandl<br>\n"
        "  Geschäftsführerin<br>\nBrandl GmbH</p>\n"
    )
    text, _ = html_to_text_and_links(markup)
    assert (
        text
        == "Wir wünschen Ihnen viel Erfolg.\n\nMit freundlichen Grüßen\nDr. Ulrike Brandl\nGeschäftsführerin\nBrandl GmbH"
    )
