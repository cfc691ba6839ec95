"""bytes -> Mail: headers decoded, the first text part as text, quoted history and footer cut off.

Common messages are taken apart by followup.mail.mime's fast path; the others by the stdlib's
compat32 parser (about 0.1 ms a message); when that raises, the thorough but slower
mail-parser gets a go. A message neither can read raises MailParseError,
and the caller quarantines it: a bad message is recorded, never dropped silently.
"""

from __future__ import annotations

import email
import email.header
import email.utils
import hashlib
import html
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from email.message import Message
from html.parser import HTMLParser

from followup.errors import MailParseError
from followup.mail import mime
from followup.mail.mime import Leaf, decode_text
from followup.model import Address, Attachment, Mail

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MSGID = re.compile(r"<[^<>\s]+>")


_THREAD_FIELDS = re.compile(rb"^(?:references|in-reply-to)[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
_MSGID_BYTES = re.compile(_MSGID.pattern.encode())  # the same IDs, in the raw header


def referenced_ids(raw: bytes) -> list[str]:
    """The Message-IDs in References and In-Reply-To, found in the raw header without a parse.
    Every ID of Mail.references is among them (a parse only unfolds, decodes and drops
    control characters, which can end an ID but never make one); an ID hidden in a base64
    encoded-word is the one exception."""
    end = mime.blank_line(raw)
    ids: list[str] = []
    for field in _THREAD_FIELDS.finditer(raw, 0, end[0] if end else len(raw)):
        ids += (m.decode("ascii", "surrogateescape") for m in _MSGID_BYTES.findall(field.group(1)))
    return ids


MAX_HEADER_CHARS = 16 * 1024
"""How much of one header value is decoded. The stdlib's RFC 2047 decoder is quadratic in the
number of encoded words (it pops them from the front of a list): a Subject of 100,000 words took
65 s. A real header is a few hundred characters; the rest of a longer one is dropped."""


def clean_header(value: str) -> str:
    """Decode RFC 2047 words and fold to one line without control characters."""
    if len(value) > MAX_HEADER_CHARS:
        cut = value.rfind(" ", 0, MAX_HEADER_CHARS)  # between encoded words, not inside one
        value = value[: cut if cut > 0 else MAX_HEADER_CHARS]
    if "=?" not in value:  # nothing encoded: the common case, and cheap
        if value.isprintable():  # one line, no control characters: only blanks to fold
            return " ".join(value.split())
        return " ".join(_CONTROL.sub(" ", value).split())
    try:
        decoded = str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        decoded = value
    return " ".join(_CONTROL.sub(" ", decoded).split())


def _header_str(value: str) -> str:
    """A header field as compat32 read it (raw_items). 8-bit bytes in it, UTF-8 as RFC 6532
    allows or an undeclared legacy charset, are decoded: items() would give each U+FFFD, and
    'für' came out as 'f\ufffd\ufffdr' in the draft's Subject."""
    if value.isascii():
        return value
    data = value.encode("ascii", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


# "Name <user@host>", "user@host" and '"Name" <user@host>': nearly every From, To and Reply-To.
# They are read by one regex; anything else (comments, groups, quoted commas, routes) goes to
# the stdlib's full RFC 5322 parser, which costs about ten times as much.
_ADDR_SPEC = r"[^\s<>()\[\]\\,;:\"@]+@[^\s<>()\[\]\\,;:\"@]+"
_SIMPLE_ADDRESS = re.compile(rf"\s*(?:({_ADDR_SPEC})|(?:\"([^\"\\]*)\"|([\w'\- ]*?))\s*<({_ADDR_SPEC})>)\s*")


def parse_addresses(value: str) -> tuple[Address, ...]:
    """The addresses in an address-list header, lower-cased, with their display names."""
    named = _LEGAL_NAMED.fullmatch(value)
    if named:
        return (Address(clean_header(named[1]), named[2].lower()),)
    pairs: list[tuple[str, str]] = []
    for part in value.split(",") if '"' not in value else (value,):
        simple = _SIMPLE_ADDRESS.fullmatch(part)
        if simple is None:
            try:
                pairs = email.utils.getaddresses([value])
            except Exception:  # the stdlib has raised IndexError and more on hostile input
                return ()
            break
        bare, quoted, name, addr = simple.groups()
        pairs.append((quoted or name or "", bare or addr))
    return tuple(Address(clean_header(name), addr.strip().lower()) for name, addr in pairs if "@" in addr)


# 'Acme Systems, Inc. <jobs@acme.example>' unquoted: RFC 5322 reads two entries, the first an
# address 'Acme' and the second named 'Inc.', but senders write it so all the same: one name.
_LEGAL_NAMED = re.compile(
    r"\s*([^<>\"@,;:]+,\s*(?i:inc|llc|l\.l\.c|ltd|limited|corp|co|plc|llp|gmbh|ag|s\.?a|sarl|s\.?l|b\.?v|pty\.? ltd)\.?)"
    rf"\s*<({_ADDR_SPEC})>\s*"
)


# "Tue, 03 Mar 2026 10:00:00 +0100", as nearly every client writes a Date: read directly. Any
# other form goes to the stdlib's parser, which reads the obsolete ones too, at five times the cost.
_COMMON_DATE = re.compile(
    r"(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) ([12]\d{3}) (\d\d):(\d\d):(\d\d) ([+-]\d\d)(\d\d)"
)
_MONTHS = {name: number for number, name in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}  # fmt: skip
_ZONES: dict[str, timezone] = {}


def parse_date(value: str) -> datetime | None:
    """A Date header as an aware datetime; None when it cannot be read or has no zone ("-0000")."""
    common = _COMMON_DATE.fullmatch(value.strip())
    if common is not None and common[7] != "-00" and common[2] in _MONTHS:
        day, month, year, hour, minute, second, zone_hours, zone_minutes = common.groups()
        try:
            zone = _ZONES.get(zone_hours + zone_minutes)
            if zone is None:
                sign = -1 if zone_hours[0] == "-" else 1
                zone = timezone(timedelta(hours=int(zone_hours), minutes=sign * int(zone_minutes)))
                _ZONES[zone_hours + zone_minutes] = zone
            return datetime(int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second), tzinfo=zone)
        except ValueError:
            pass  # out of range: the stdlib decides what to make of it
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else None


class _TextExtractor(HTMLParser):
    """HTML -> plain text: block elements become line breaks; script and style are dropped."""

    _BLOCK = frozenset({"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0
        self._quote = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        if tag == "blockquote":
            self._quote += 1  # quoted history in HTML replies
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag == "a" and not self._quote:
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1
        if tag == "blockquote" and self._quote:
            self._quote -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.parts and self.parts[-1].endswith("\n"):
            # The source's own line break after a <br> or a </p> is no second line break
            # ("Mit freundlichen Grüßen<br>\nDr. Ulrike Stangl<br>\n…" is one block, not lines apart).
            data = re.sub(r"^[ \t]*\r?\n[ \t]*", "", data)
        if data and not self._skip and not self._quote:
            self.parts.append(data)


def html_to_text_and_links(markup: str) -> tuple[str, tuple[str, ...]]:
    """The text of an HTML part, and the targets of its links (which the text loses)."""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # HTMLParser is lenient, but be sure
        return html.unescape(re.sub(r"<[^>]+>", " ", markup)), ()
    text = "".join(parser.parts)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip(), tuple(parser.links)


_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def links_in(text: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    found = [url.rstrip(".,;:!?") for url in _URL.findall(text)]
    return tuple(dict.fromkeys((*found, *extra)))[:100]


# Lines that start the quoted or forwarded history of a reply, in the common clients' forms.
_HISTORY = re.compile(
    r"^(?:"
    r"on .{0,200}wrote:\s*$"
    r"|am .{0,200}schrieb .{0,200}:\s*$"
    r"|le .{0,200}a écrit\s*:\s*$"
    r"|el .{0,200}escribió\s*:\s*$"
    r"|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}"
    r"|-{2,}\s*forwarded message\s*-{2,}"
    r"|begin forwarded message:"
    # Outlook's block in the client's language ("De : …" with French spacing, "Enviado el:" in
    # Spanish; asterisks left by an HTML conversion), known by its first three lines: "De:" and
    # "Fecha:" alone could open an interview's details; or by two, when the quoted mail follows.
    r"|\*?(?:from|von|de)\s?:\*?\s.+\n\*?(?:sent|date|gesendet|datum|envoyé|enviado(?: el)?|fecha)\s?:\*?\s.*\n"
    r"(?:\*?(?:to|an|à|a|para|cc|subject|betreff|objet|asunto)\s?:\*?\s|[ \t]*>)"  # or the quote right under it
    r"|_{10,}\s*$"
    r")",
    re.IGNORECASE | re.MULTILINE,
)


def strip_history(text: str) -> str:
    """Remove quoted lines and everything from the first reply/forward separator on."""
    return split_history(text)[0]


def split_history(text: str) -> tuple[str, str]:
    """The text without its quoted history, and the history: everything from the first reply or
    forward separator on, after the lines quoted above it."""
    match = _HISTORY.search(text)
    history = text[match.start() :] if match else ""
    if match:
        text = text[: match.start()]
    lines = text.splitlines()
    quoted = [line for line in lines if line.lstrip().startswith(">")]
    own = "\n".join(line for line in lines if not line.lstrip().startswith(">")).strip()
    return own, "\n".join((*quoted, *history.splitlines())).strip()


# Lines that start a legal footer or an unsubscribe block. Everything from the first of them
# (past the opening of the mail) is kept apart as Mail.footer: rules may look at it (a job
# alert says so there), but "body" conditions do not see boilerplate.
_FOOTER = re.compile(
    # Leading punctuation on the line itself: [\W_]* would run on over blank lines, and a body of
    # them (hostile or broken mail) took minutes, a scan from every line start to the end.
    r"^[^\w\n]*_*(?:"
    r"(?:to )?unsubscribe|you (?:are receiving|received|have received) this|this (?:e-?mail|message) was sent"
    r"|manage (?:your )?(?:e-?mail |job |notification )?(?:preferences|settings|notifications|subscriptions|alerts)"
    r"|(?:privacy policy|terms of (?:use|service))\s*(?:[|•·]|$)"
    r"|confidentiality notice|disclaimer\b|if you are not the intended recipient"
    r"|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]{0,40})? (?:is|are|may be|contains?) "
    r"(?:confidential|intended|privileged)"
    r"|(?:©|\(c\)|copyright)\s*\d{4}"
    r"|diese (?:e-?mail|nachricht) (?:ist|enthält|kann) (?:vertraulich|ausschließlich)|abmelden\b|vom newsletter abmelden"
    r"|ce (?:message|courriel|e-?mail)(?: et ses pièces jointes)? (?:est|sont|peu[tv]ent) (?:confidenti|strictement|destiné)"
    r"|(?:se )?désabonner|désinscri"
    r"|este (?:mensaje|correo)(?: electrónico)?(?: y sus anexos)? (?:es|son|puede|contiene) (?:confidencial|privad)"
    r"|darse de baja|cancelar (?:la )?suscripción"
    r")",
    re.IGNORECASE | re.MULTILINE,
)
FOOTER_SEARCH_FROM = 160
"""Characters of the body before a footer may start: a mail that opens with 'unsubscribe' is not all footer."""


def split_footer(text: str) -> tuple[str, str]:
    """(body, footer): the footer is everything from the first legal/unsubscribe line on."""
    match = _FOOTER.search(text, min(FOOTER_SEARCH_FROM, len(text) // 3))
    if match is None:
        return text, ""
    start = text.rfind("\n", 0, match.start()) + 1
    return text[:start].rstrip(), text[start:].strip()


CALENDAR_MAX = 65536


class _StdPart:
    """A leaf of the stdlib's parse, seen as a mime.Leaf is: _body reads either."""

    __slots__ = ("content_type", "disposition", "part")

    def __init__(self, part: Message) -> None:
        self.part = part
        self.content_type = part.get_content_type()
        self.disposition = str(part.get("Content-Disposition", ""))

    def text(self) -> str:
        payload = self.part.get_payload(decode=True)
        return decode_text(payload, self.part.get_content_charset()) if isinstance(payload, bytes) else ""

    @property
    def filename(self) -> str:
        try:
            return self.part.get_filename() or ""
        except Exception:  # a hostile parameter; the attachment still counts, nameless
            return ""


def _body(parts: Iterable[_StdPart | Leaf]) -> tuple[str, bool, tuple[Attachment, ...], str, tuple[str, ...]]:
    """(text, html only, attachments, calendar, links) from the leaf parts in walk() order:
    the first text/plain that is not an attachment, else the first such text/html."""
    plain: str | None = None
    markup: str | None = None
    calendar = ""
    attachments = []
    for part in parts:
        ctype = part.content_type
        inline = "attachment" not in part.disposition.lower()
        if ctype == "text/plain" and plain is None and inline:
            plain = part.text()
        elif ctype == "text/html" and markup is None and inline:
            markup = part.text()
        else:
            if ctype in ("text/calendar", "application/ics") and not calendar:
                calendar = part.text()[:CALENDAR_MAX]
            attachments.append(Attachment(ctype, clean_header(part.filename)))
    if plain is not None and plain.strip():
        return plain, False, tuple(attachments), calendar, ()
    if markup is not None:
        text, links = html_to_text_and_links(markup)
        return text, True, tuple(attachments), calendar, links
    return "", False, tuple(attachments), calendar, ()


# The stdlib parser reads a message line by line, attachments included: a 64 KB PDF is 850
# lines of base64 that no rule reads. prune() finds the MIME parts with a few C-speed regex
# searches and hands the parser the message without the bodies of the parts it does not
# decode; their headers stay, so attachments are still listed by type and name.
_CONTENT_TYPE = re.compile(rb"(?:\A|\n)content-type:[ \t]*([\w.+-]+/[\w.+-]+)", re.IGNORECASE)
_BOUNDARY = re.compile(rb'boundary[ \t]*=[ \t]*(?:"([^"\r\n]+)"|([^\s;"]+))', re.IGNORECASE)
_READ_TYPES = (b"text/", b"message/", b"application/ics")
PRUNE_FROM = 8192
"""Messages smaller than this (bytes) are parsed as they are: there is nothing worth cutting."""


def _cuts(raw: bytes, start: int, end: int, depth: int, out: list[tuple[int, int]]) -> None:
    """Byte ranges of raw[start:end] (one MIME entity) that are bodies of parts not read."""
    split = mime.blank_line(raw, start, end)
    if split is None or depth > 20:
        return
    head = raw[start : split[0]]
    found = _CONTENT_TYPE.search(head)
    kind = found.group(1).lower() if found else b"text/plain"
    if not kind.startswith(b"multipart/"):
        if not kind.startswith(_READ_TYPES):
            out.append((split[1], end))
        return
    boundary = _BOUNDARY.search(head)
    if boundary is None:
        return
    marker = re.escape(boundary.group(1) or boundary.group(2))
    # A literal first ("\n--"), so the search runs at memchr speed, not position by position.
    delimiters = re.compile(rb"\n--" + marker + rb"(--)?[ \t]*(?:\r?\n|\Z)")
    part_start = None
    for delimiter in delimiters.finditer(raw, split[1] - 1, end):
        if part_start is not None:
            before = delimiter.start() - (raw[delimiter.start() - 1 : delimiter.start()] == b"\r")
            _cuts(raw, part_start, before, depth + 1, out)
        if delimiter.group(1):  # the closing delimiter: the epilogue follows
            return
        part_start = delimiter.end()
    if part_start is not None:  # cut off by the partial FETCH: the last part runs to the end
        _cuts(raw, part_start, end, depth + 1, out)


def prune(raw: bytes) -> bytes:
    """*raw* without the bodies of attachments, images and other parts never decoded."""
    if len(raw) < PRUNE_FROM:
        return raw
    cuts: list[tuple[int, int]] = []
    _cuts(raw, 0, len(raw), 0, cuts)
    if not cuts:
        return raw
    kept, position = [], 0
    for cut_start, cut_end in cuts:
        kept.append(raw[position:cut_start])
        position = cut_end
    kept.append(raw[position:])
    return b"".join(kept)


_ADDRESS_FIELDS = frozenset(("from", "reply-to", "to", "cc", "sender"))


def address_header(value: str) -> str:
    """An address-list header decoded name by name: the addresses are read from the field as
    sent, then each display name is decoded and quoted. Decoding first would let an encoded
    display name ('HR\\r\\nBcc: evil@evil.example', '<evil@evil.example>') become an address."""
    if "=?" not in value:
        return clean_header(value)
    value = " ".join(value.split())
    # One mailbox, "phrase <addr>": the address is the last angle-addr, whatever the phrase holds
    # (an encoded word with ':' or '@' in it is malformed, and would otherwise read as a group).
    single = re.fullmatch(r"(?P<name>[^<>]*)<(?P<addr>[^<>\s\\\"(),;:]+@[^<>\s\\\"(),;:@]+)>", value)
    try:
        pairs = [(single["name"], single["addr"])] if single else email.utils.getaddresses([value])
    except Exception:  # the stdlib has raised IndexError and more on hostile input
        return clean_header(value)
    out = []
    for name, addr in pairs:
        if "@" not in addr or "=?" in addr:
            continue
        decoded = clean_header(name).replace("\\", "").replace('"', "'")
        out.append(f'"{decoded}" <{addr}>' if decoded else addr)
    return ", ".join(out)


def _header_dict(fields: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Header fields by lower-cased name, decoded and on one line; a repeated field's values
    joined by newlines."""
    headers: dict[str, str] = {}
    for name, value in fields:
        key = name.lower().strip()
        text = address_header(value) if key in _ADDRESS_FIELDS else clean_header(value)
        headers[key] = f"{headers[key]}\n{text}" if key in headers else text
    return headers


def _quick_mail(raw: bytes, truncated: bool) -> Mail | None:
    """The common message, read by followup.mail.mime; None for any other (the stdlib reads it)."""
    parsed = mime.read(raw)
    if parsed is None:
        return None
    try:
        body = _body(parsed.leaves)
    except mime.NotCommon:
        return None
    return _mail_from(_header_dict(parsed.fields), *body[:3], truncated, tuple(parsed.defects), *body[3:])


def _stdlib_mail(raw: bytes, truncated: bool) -> Mail:
    msg = email.message_from_bytes(prune(raw))  # compat32: fast, and tolerant of broken headers
    headers = _header_dict((name, _header_str(value)) for name, value in msg.raw_items())
    text, html_only, attachments, calendar, links = _body(_StdPart(p) for p in msg.walk() if not p.is_multipart())
    return _mail_from(
        headers,
        text,
        html_only,
        attachments,
        truncated,
        tuple(str(d.__class__.__name__) for d in msg.defects),
        calendar,
        links,
    )


def _mailparser_mail(raw: bytes, truncated: bool) -> Mail:
    import mailparser  # imported lazily: only hostile or broken mail comes this way

    parsed = mailparser.parse_from_bytes(raw)
    headers = {str(k).lower(): clean_header(str(v)) for k, v in parsed.headers.items()}
    text = "\n".join(parsed.text_plain)
    html_only = False
    links: tuple[str, ...] = ()
    if not text.strip() and parsed.text_html:
        (text, links), html_only = html_to_text_and_links("\n".join(parsed.text_html)), True
    attachments = tuple(
        Attachment(str(a.get("mail_content_type", "")), str(a.get("filename", ""))) for a in parsed.attachments
    )
    return _mail_from(headers, text, html_only, attachments, truncated, ("mailparser",), html_links=links)


MAX_HISTORY_CHARS = 20_000
"""The quoted history kept: the mail answered is at its start; a long thread's tail is not needed."""


def _mail_from(
    headers: dict[str, str],
    text: str,
    html_only: bool,
    attachments: tuple[Attachment, ...],
    truncated: bool,
    defects: tuple[str, ...],
    calendar: str = "",
    html_links: tuple[str, ...] = (),
) -> Mail:
    stripped, history = split_history(text)
    text, footer = split_footer(stripped)
    links = links_in(stripped, html_links)
    senders = parse_addresses(headers.get("from", ""))
    message_ids = _MSGID.findall(headers.get("message-id", ""))
    references = tuple(
        dict.fromkeys(_MSGID.findall(headers.get("references", "")) + _MSGID.findall(headers.get("in-reply-to", "")))
    )
    return Mail(
        message_id=message_ids[0] if message_ids else "",
        subject=headers.get("subject", ""),
        sender=senders[0] if senders else None,
        reply_to=parse_addresses(headers.get("reply-to", "")),
        date=parse_date(headers.get("date", "")),
        references=references,
        headers=headers,
        text=text,
        history=history[:MAX_HISTORY_CHARS],
        footer=footer,
        calendar=calendar,
        links=links,
        html_only=html_only,
        attachments=attachments,
        truncated=truncated,
        defects=defects,
    )


def parse_mail(raw: bytes, truncated: bool = False) -> Mail:
    """Parse raw RFC 5322 bytes into a Mail. *truncated*: only the first part was fetched."""
    try:
        quick = _quick_mail(raw, truncated)
    except Exception:  # a fast path must never make hostile mail worse: the stdlib gets it
        quick = None
    if quick is not None:
        return quick
    errors = []
    for parse in (_stdlib_mail, _mailparser_mail):
        try:
            return parse(raw, truncated)
        except (RecursionError, MemoryError) as exc:
            errors.append(f"{parse.__name__}: {type(exc).__name__}")
        except Exception as exc:  # parsers raise anything on hostile input; we record it
            errors.append(f"{parse.__name__}: {type(exc).__name__}: {exc}"[:300])
    raise MailParseError("; ".join(errors))


def source_key(mail: Mail) -> str:
    """What identifies a message across UIDVALIDITY changes and re-deliveries."""
    if mail.message_id:
        return mail.message_id
    fallback = "\x1f".join((mail.headers.get("from", ""), mail.headers.get("date", ""), mail.subject))
    return "sha256:" + hashlib.sha256(fallback.encode()).hexdigest()[:32]
