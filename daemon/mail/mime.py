"""The common shapes of a message, read without the stdlib's line-by-line parser.

Most mail is a few ASCII headers over a text part, or a multipart of text parts and
attachments. read() takes such a message apart with a handful of C-speed regex searches,
into its headers and its leaf parts (followup.mail.mime.Parsed) in the order email.message.Message.walk() gives them,
each read exactly as the stdlib's compat32 parser would read it (tests/test_parse.py
checks this on the corpus and on generated mail). Anything else — 8-bit or encoded-word
parameters, a lone CR, a missing boundary, a message/* part, a defect the stdlib would
record — returns None, and the caller hands the message to the stdlib: this is a fast path,
never a second opinion.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# Fields are split at line breaks not followed by a blank (folding); a name is printable
# characters but ':' (the stdlib's headerRE). A header block is common when every field is
# one: one match over the block says so, before any line is looked at alone.
_UNFOLDED = re.compile(r"\r?\n(?![ \t])")
_FIELDS = re.compile(r"(?:[\x21-\x39\x3b-\x7e]+:.*(?:\r?\n[ \t].*)*(?:\r?\n|\Z))*")
_LONE_CR = re.compile(rb"\r(?!\n)")
MAX_DEPTH = 8


class NotCommon(Exception):
    """The message is not one of the shapes read here: the stdlib parser reads it."""


@dataclass(frozen=True)
class Leaf:
    """One non-multipart part, as Message.walk() yields it."""

    content_type: str
    disposition: str
    """The Content-Disposition header as it stands ('' when absent)."""
    filename: str
    charset: str | None
    transfer_encoding: str
    encoded: bytes

    def payload(self) -> bytes:
        """The body with its Content-Transfer-Encoding undone (get_payload(decode=True));
        raises NotCommon where the stdlib would repair it and record a defect."""
        if self.transfer_encoding == "quoted-printable":
            return quopri.decodestring(self.encoded)
        if self.transfer_encoding == "base64":
            joined = b"".join(self.encoded.splitlines())
            if len(joined) % 4:
                raise NotCommon("base64 the stdlib would repair")
            try:
                return base64.b64decode(joined, validate=True)
            except binascii.Error:
                raise NotCommon("base64 the stdlib would repair") from None
        if self.transfer_encoding in ("x-uuencode", "uuencode", "uue", "x-uue"):
            raise NotCommon("uuencode")
        return self.encoded

    def text(self) -> str:
        return decode_text(self.payload(), self.charset)


def decode_text(payload: bytes, charset: str | None) -> str:
    """A part's decoded bytes as text in its charset (UTF-8 when none is given or it is
    unknown), unreadable bytes replaced."""
    try:
        return payload.decode(charset or "utf-8", errors="replace")
    except LookupError:  # unknown charset: keep what is readable
        return payload.decode("utf-8", errors="replace")


def blank_line(raw: bytes, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """Where the first blank line in raw[start:end] starts and ends, as a search for
    rb"\\r?\\n\\r?\\n" would find it: the end of a header block. Two substring searches, which
    skip ahead at C speed where that regex tries every position of the header."""
    end = len(raw) if end is None else end
    crlf = raw.find(b"\n\r\n", start, end)
    lf = raw.find(b"\n\n", start, end if crlf < 0 else crlf + 2)
    first = crlf if lf < 0 else lf  # the line break that ends the last line before the blank one
    if first < 0:
        return None
    after = first + (3 if first == crlf else 2)
    return (first - 1 if first > start and raw[first - 1] == 13 else first), after


def headers_of(head: bytes) -> list[tuple[str, str]]:
    """(name, value) of each field in a header block, values as compat32 gives them."""
    text = head.decode("ascii")
    if _FIELDS.fullmatch(text) is None:
        raise NotCommon("a line that is not a header field")
    fields = (line.partition(":") for line in _UNFOLDED.split(text.rstrip("\r\n")))
    return [(name, value.lstrip(" \t")) for name, _, value in fields]


def _first_of_each(fields: list[tuple[str, str]]) -> dict[str, str]:
    """Each field's first value, by lower-cased name (what Message.get() finds)."""
    return {name.lower(): value for name, value in reversed(fields)}


def unquote(value: str) -> str:
    """email.utils.unquote, for values without backslashes."""
    if len(value) > 1 and (value[0] == value[-1] == '"' or (value[0] == "<" and value[-1] == ">")):
        return value[1:-1]
    return value


def params_of(value: str) -> dict[str, str]:
    """The parameters of a Content-Type or Content-Disposition value as get_param() reads
    them: names lower-cased, the first of each kept, values unquoted once. Anything the
    stdlib would read through RFC 2231 or escapes is not common."""
    if "\\" in value or "*" in value or "=?" in value:
        raise NotCommon("an encoded or escaped parameter")
    first, *params = value.split(";")
    if "=" in first:
        raise NotCommon("a parameter where the type should be")
    found: dict[str, str] = {}
    for param in params:
        if param.count('"') % 2:
            raise NotCommon("a quoted ';' in a parameter")
        name, equals, val = param.partition("=")
        if not equals:
            continue
        found.setdefault(name.strip().lower(), unquote(val.strip()))
    return found


def _content_type(first: dict[str, str]) -> tuple[str, dict[str, str]]:
    value = first.get("content-type")
    if value is None:
        return "text/plain", {}
    kind = value.partition(";")[0].strip().lower()
    return (kind if kind.count("/") == 1 else "text/plain"), params_of(value)


def _entity(raw: bytes, start: int, end: int, depth: int, out: Parsed) -> list[tuple[str, str]]:
    """Read the entity raw[start:end] into *out*; its header fields."""
    if depth > MAX_DEPTH:
        raise NotCommon("nested too deeply")
    if raw.startswith((b"\r\n", b"\n"), start, end):
        fields, body_start = [], start + (2 if raw[start] == 13 else 1)  # a part with no headers
    else:
        split = blank_line(raw, start, end)
        if split is None:
            raise NotCommon("no end of headers")
        head_end = split[0] + (2 if raw[split[0]] == 13 else 1)  # with the last field's line break
        fields, body_start = headers_of(raw[start:head_end]), split[1]
    first = _first_of_each(fields)
    kind, params = _content_type(first)
    if kind.startswith("message/") or kind == "multipart/digest":
        raise NotCommon("an enclosed message")
    if kind.startswith("multipart/"):
        _multipart(raw, body_start, end, depth, params, first, out)
        return fields
    disposition = first.get("content-disposition", "")
    filename = params_of(disposition).get("filename") if disposition else None
    if filename is None:
        filename = params.get("name")
    out.leaves.append(
        Leaf(
            kind,
            disposition,
            unquote(filename or "").strip(),  # get_filename() unquotes a second time
            params.get("charset"),
            first.get("content-transfer-encoding", "").lower(),
            raw[body_start:end],
        )
    )
    return fields


def _delimiters(raw: bytes, marker: bytes, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """(line start, line end, closing?) of each delimiter line in raw[start:end], which starts
    a line: the marker ('--' and the boundary), '--' if closing, blanks, the line break. Found
    with bytes.find, not a regex: compiling one per boundary costs more than the search."""
    position = start
    while (at := raw.find(marker, position, end)) >= 0:
        position = at + 1
        if at != start and raw[at - 1] != 10:  # not at the start of a line
            continue
        rest = at + len(marker)
        closing = raw.startswith(b"--", rest, end)
        rest += 2 if closing else 0
        while rest < end and raw[rest] in b" \t":
            rest += 1
        if rest == end:
            yield at, rest, closing
        elif raw.startswith(b"\r\n", rest, end):
            yield at, rest + 2, closing
        elif raw[rest] == 10:
            yield at, rest + 1, closing


def _multipart(
    raw: bytes, start: int, end: int, depth: int, params: dict[str, str], first: dict[str, str], out: Parsed
) -> None:
    boundary = unquote(params.get("boundary", "")).rstrip()  # get_boundary() unquotes a second time
    if not boundary:
        raise NotCommon("a multipart without a boundary")
    if (first.get("content-transfer-encoding") or "8bit").lower() not in ("7bit", "8bit", "binary"):
        raise NotCommon("an encoded multipart")
    part_start: int | None = None
    for line, after, closing in _delimiters(raw, b"--" + boundary.encode("ascii"), start, end):
        if part_start is not None and line > part_start:
            # The line break before a delimiter belongs to it (RFC 2046), not to the part.
            cut = line - (2 if raw[line - 2 : line] == b"\r\n" else 1)
            _entity(raw, part_start, max(cut, part_start), depth + 1, out)
        if closing:
            if part_start is None:
                raise NotCommon("a multipart with no parts")
            return
        part_start = after
    if part_start is None or end < len(raw):
        raise NotCommon("no closing delimiter")
    # Cut off by a partial FETCH: the last part runs to the end, less a final line break (the
    # stdlib drops it as if a delimiter followed), and the stdlib notes the missing delimiter on
    # the message when it is the outermost multipart's.
    cut = end - (2 if raw[end - 2 : end] == b"\r\n" else 1 if raw[end - 1 : end] == b"\n" else 0)
    _entity(raw, part_start, max(cut, part_start), depth + 1, out)
    if depth == 0:
        out.defects.append("CloseBoundaryNotFoundDefect")


@dataclass
class Parsed:
    fields: list[tuple[str, str]] = field(default_factory=list)
    """The message's header fields, (name, value) as compat32 gives them."""
    leaves: list[Leaf] = field(default_factory=list)
    """Its non-multipart parts, in walk() order."""
    defects: list[str] = field(default_factory=list)
    """The names of the defects the stdlib would note on the message."""


def read(raw: bytes) -> Parsed | None:
    """The message taken apart, or None when it is not one of the common shapes."""
    if _LONE_CR.search(raw) or raw.startswith((b"From ", b" ", b"\t", b"\r\n", b"\n")):
        return None
    parsed = Parsed()  # (8-bit headers fail headers_of's ASCII decoding: not common)
    try:
        parsed.fields = _entity(raw, 0, len(raw), 0, parsed)
    except (NotCommon, UnicodeError, ValueError):
        return None
    return parsed
