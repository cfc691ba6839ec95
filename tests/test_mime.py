"""followup.mail.mime, the fast path for common messages, against the stdlib parser it stands in for:
on every message it reads, the Mail must be the one the stdlib's compat32 parse gives."""

from __future__ import annotations

import base64
import quopri
import re
from pathlib import Path

from followup.mail import mime
from followup.mail import parse as message
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

CORPUS = sorted((Path(__file__).parent / "corpus").glob("*.eml"))


def _agrees(raw: bytes) -> bool:
    """Whether the fast path read *raw* (else it left it to the stdlib), failing if it read it otherwise."""
    quick = message._quick_mail(raw, False)
    if quick is None:
        return False
    assert quick == message._stdlib_mail(raw, False)
    assert quick.headers == message._stdlib_mail(raw, False).headers
    return True


def test_the_corpus_is_read_by_the_fast_path_as_the_stdlib_reads_it() -> None:
    read = sum(_agrees(path.read_bytes()) for path in CORPUS)
    assert read >= 0.9 * len(CORPUS), f"only {read} of {len(CORPUS)} corpus mails took the fast path"


_TEXT = st.sampled_from(
    [
        "Thank you for your interest.\nUnfortunately we decided otherwise.\n",
        "Grüße aus München – wir möchten Sie einladen.\n",
        "<p>We would like to <b>invite</b> you</p><a href='https://x.example/book'>book</a>",
        "--b1 is not a delimiter here\n\n\nlast line",
        "",
        "=3D=20 soft=\nbreak\n",
        "line\r\n",
    ]
)
_CONTENT_TYPE = st.sampled_from(
    [
        None,
        "text/plain",
        "text/plain; charset=utf-8",
        'text/plain; charset="ISO-8859-1"',
        "TEXT/HTML; charset=utf-8",
        "text",
        "text/plain; charset=<utf-8>",
        "text/plain; charset*=utf-8''x",
        'text/plain; name="a;b.txt"',
        "text/calendar; method=REQUEST",
        'application/pdf; name="cv.pdf"',
        "application/ics",
        "charset=utf-8",
        "text/plain; charset=no-such-charset",
        "text/plain",
        "text/html",
        "message/rfc822",
    ]
)
_ENCODING = st.sampled_from([None, "7bit", "8bit", "quoted-printable", "base64", "BASE64", "base64 ", "x-uuencode"])
_DISPOSITION = st.sampled_from(
    [None, "inline", "attachment", 'attachment; filename="cv.pdf"', "attachment; filename=<x.pdf>", "attachment;"]
)
_CHARSET = st.sampled_from(["utf-8", "latin-1"])


@st.composite
def _leaf(draw: st.DrawFn) -> bytes:
    fields = []
    kind, encoding, disposition = draw(_CONTENT_TYPE), draw(_ENCODING), draw(_DISPOSITION)
    if kind is not None:
        fields.append(f"Content-Type: {kind}")
    if encoding is not None:
        fields.append(f"Content-Transfer-Encoding: {encoding}")
    if disposition is not None:
        fields.append(f"Content-Disposition: {disposition}")
    body = draw(_TEXT).encode(draw(_CHARSET), errors="replace")
    if encoding and encoding.strip().lower() == "base64":
        body = base64.encodebytes(body)
        if draw(st.booleans()):
            body = body[: draw(st.integers(0, len(body)))]  # broken base64 the stdlib repairs
    elif encoding == "quoted-printable" and draw(st.booleans()):
        body = quopri.encodestring(body)
    blank = draw(st.sampled_from([b"\n\n", b"\n\n", b"\n\n\n", b"\n \n"]))  # the last is no blank line
    return ("\n".join(fields)).encode() + blank + body if fields else draw(st.sampled_from([b"\n", b"\n", b""])) + body


def _multipart(children: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        boundary = draw(st.sampled_from(["b1", "=_b2", "----=_Part_3_4.5", "b 6"]))
        quoted = draw(st.booleans())
        kind = draw(st.sampled_from(["mixed", "alternative", "related", "mixed", "alternative", "digest"]))
        parts = draw(st.lists(children, min_size=draw(st.sampled_from([1, 1, 1, 0])), max_size=3))
        closing = draw(st.sampled_from(["--", "--", "-- ", ""]))
        marker = f"--{boundary}".encode()
        body = draw(st.sampled_from([b"", b"preamble\n"]))
        for part in parts:
            body += marker + draw(st.sampled_from([b"\n", b" \n", b"\n" + marker + b"\n"])) + part + b"\n"
        body += marker + closing.encode() + b"\n" + draw(st.sampled_from([b"", b"epilogue\n"]))
        param = f'"{boundary}"' if quoted or " " in boundary else boundary
        return f"Content-Type: multipart/{kind};\n boundary={param}\n\n".encode() + body

    return build()


_ENTITY = st.recursive(_leaf(), _multipart, max_leaves=6)
_HEADERS = st.lists(
    st.sampled_from(
        [
            b"From: Recruiter <jobs@acme.example>",
            b"To: you@example.org",
            b"Subject: Interview\n invitation",
            b"Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=",
            b"Subject:",
            b"Date: Tue, 03 Mar 2026 10:00:00 +0100",
            b"Message-ID: <a@acme.example>",
            b"X-Odd:   spaced   value  ",
            b"MIME-Version: 1.0",
            b"Subject: ok\n\tfolded",
        ]
    ),
    max_size=6,
)
_ODD_HEADER = st.sampled_from(
    [
        b"Bad header line",
        b" continuation first",
        b"From nobody Tue Mar  3 10:00:00 2026",
        "Subject: Grüße".encode(),
        b": no name",
        b"X-Tight:value",
        b"X-Empty:",
        b"X-Fold:\n starts on the next line",
        b"Name With Space: value",
    ]
)


@settings(max_examples=1000, deadline=None)
@example(  # found by hypothesis: a partial FETCH that ends just after a line break in the last part
    headers=[b"X-Odd:   spaced   value  "],
    odd=[],
    at=0,
    entity=b"Content-Type: multipart/alternative;\n boundary=b1\n\n--b1\nContent-Type: application/ics\n\n"
    b"=3D=20 soft=\nbreak\n\n--b1\n\nThank you.\n--b1--\n",
    crlf=True,
    lone_cr=False,
    cut=141,
)
@given(
    headers=_HEADERS,
    odd=st.lists(_ODD_HEADER, max_size=1),
    at=st.integers(0, 6),
    entity=_ENTITY,
    crlf=st.booleans(),
    lone_cr=st.integers(0, 9).map(lambda n: n == 0),
    cut=st.one_of(st.none(), st.none(), st.integers(0, 2000)),
)
def test_whatever_the_fast_path_reads_it_reads_as_the_stdlib_does(
    headers: list[bytes], odd: list[bytes], at: int, entity: bytes, crlf: bool, lone_cr: bool, cut: int | None
) -> None:
    headers[at:at] = odd  # a line the stdlib records as a defect, anywhere among the fields
    raw = b"\n".join(headers) + (b"\n" if headers else b"") + entity
    if crlf:
        raw = raw.replace(b"\n", b"\r\n")
    if lone_cr:
        raw = raw.replace(b"ok", b"o\rk")
    if cut is not None:
        raw = raw[:cut]  # a partial FETCH ends anywhere
    event("read by the fast path" if _agrees(raw) else "left to the stdlib")


def test_the_fast_path_reads_the_common_multipart_shapes() -> None:
    plain = b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nHallo Gr=C3=BC=C3=9Fe\n"
    html = b"Content-Type: text/html\n\n<p>Hi</p>\n"
    pdf = b'Content-Type: application/pdf\nContent-Disposition: attachment; filename="cv.pdf"\n'
    pdf += b"Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(b"%PDF" * 50)
    raw = (
        b"From: a@b.example\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=o\n\n--o\n"
        b"Content-Type: multipart/alternative; boundary=i\n\n--i\n" + plain + b"--i\n" + html + b"--i--\n"
        b"--o\n" + pdf + b"--o--\n"
    )
    assert _agrees(raw) and _agrees(raw.replace(b"\n", b"\r\n"))
    found = mime.read(raw)
    assert found is not None
    leaves = found.leaves
    assert [leaf.content_type for leaf in leaves] == ["text/plain", "text/html", "application/pdf"]
    assert leaves[0].text() == "Hallo Grüße" and leaves[2].filename == "cv.pdf"


@settings(max_examples=500, deadline=None)
@given(
    raw=st.lists(st.sampled_from([b"a", b"\r", b"\n", b"\r\n", b"\n\n", b" "]), max_size=12).map(b"".join),
    start=st.integers(0, 4),
    cut=st.integers(0, 4),
)
def test_blank_line_is_where_a_regex_search_finds_it(raw: bytes, start: int, cut: int) -> None:
    end = max(start, len(raw) - cut)
    found = re.compile(rb"\r?\n\r?\n").search(raw, start, end)
    assert mime.blank_line(raw, start, end) == (found.span() if found else None)
