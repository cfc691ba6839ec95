"""The IMAP edge: connect, read without touching (EXAMINE, BODY.PEEK), append drafts.

Nothing here ever stores a flag on, moves or deletes a message it did not write.
"""

from __future__ import annotations

import ast
import contextlib
import imaplib
import logging
import re
import socket
import ssl
import threading
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from followup.config import ImapConfig
from followup.errors import AuthenticationError, LoginUnavailable, MailboxError, ServerUnreachable, UntrustedCertificate
from followup.imap.wire import buffered, create_special_use, quicken, uid_command, untagged
from followup.secret import reveal
from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

log = logging.getLogger(__name__)

DRAFTS_NAMES = (
    "Drafts",
    "INBOX.Drafts",
    "INBOX/Drafts",
    "[Gmail]/Drafts",
    "[Google Mail]/Drafts",
    "Draft",
    "Entwürfe",
    "Brouillons",
    "Borradores",
    "Bozze",
    "Concepten",
    "Rascunhos",
    "Utkast",
)
SENT_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "Sent Mail",
    "INBOX.Sent",
    "INBOX/Sent",
    "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail",
    "Gesendet",
    "Gesendete Elemente",
    "Gesendete Objekte",
    "Envoyés",
    "Éléments envoyés",
    "Enviados",
    "Elementos enviados",
)
FETCH_BATCH = 200
IDLE_RENEW_SECONDS = 9 * 60  # RFC 2177 allows 29 min; NATs and providers cut sooner

# Errors that mean "this connection is no good": the caller reconnects.
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    IMAPClientError,
    imaplib.IMAP4.abort,
    imaplib.IMAP4.error,
    ssl.SSLError,
    EOFError,
)


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes
    size: int
    internaldate: datetime | None
    truncated: bool


_FETCH_START = re.compile(rb"^\d+ \(")
_FETCH_UID = re.compile(rb"[( ]UID (\d+)")
_FETCH_SIZE = re.compile(rb"[( ]RFC822\.SIZE (\d+)")
_FETCH_DATE = re.compile(
    rb'[( ]INTERNALDATE "( ?\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"'
)
_FETCH_BODY = re.compile(rb"[( ]BODY\[\]<0> ")
_MONTHS = {
    m: n
    for n, m in enumerate(
        (b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec"), 1
    )
}


def internaldate(match: re.Match[bytes]) -> datetime | None:
    day, month, year, hour, minute, second, sign, zone_h, zone_m = match.groups()
    offset = timedelta(hours=int(zone_h), minutes=int(zone_m)) * (-1 if sign == b"-" else 1)
    try:
        return datetime(
            int(year), _MONTHS[month.lower()], int(day), int(hour), int(minute), int(second), tzinfo=timezone(offset)
        )
    except (KeyError, ValueError):
        return None


_ESEARCH_ALL = re.compile(rb"\bALL ([0-9:,]+)")


def uid_ranges(sequence_set: bytes) -> list[tuple[int, int]]:
    """An IMAP sequence set of UIDs ("4,7:9") -> [(4, 4), (7, 9)], each range low to high."""
    ranges = []
    for part in sequence_set.split(b","):
        low, _, high = part.partition(b":")
        first, last = int(low), int(high or low)
        ranges.append((min(first, last), max(first, last)))
    return ranges


def ascending_uids(ranges: Iterable[tuple[int, int]], above: int = 0) -> array[int]:
    """Every UID in *ranges* greater than *above*, once each, ascending."""
    uids: array[int] = array("I")
    for low, high in sorted(ranges):
        low = max(low, above + 1, uids[-1] + 1 if uids else 0)
        uids.extend(range(low, high + 1))
    return uids


def parse_fetch_response(data: list[Any]) -> dict[int, Fetched]:
    """imaplib's UID FETCH data for BODY[]<0>, RFC822.SIZE and INTERNALDATE -> Fetched by UID.

    imaplib hands each message over as (text up to a literal, the literal) followed by the
    text after it, in whatever order the server put the items. Untagged FETCH responses
    without the body (a flag change the server reports on the side) are skipped."""
    found: dict[int, Fetched] = {}
    meta, body = b"", None

    def flush() -> None:
        uid = _FETCH_UID.search(meta)
        if uid is None or _FETCH_BODY.search(meta) is None:
            return
        raw = body or b""
        size = _FETCH_SIZE.search(meta)
        total = int(size.group(1)) if size else len(raw)
        date = _FETCH_DATE.search(meta)
        found[int(uid.group(1))] = Fetched(
            int(uid.group(1)), raw, total, internaldate(date) if date else None, total > len(raw)
        )

    for item in data:
        text, literal = item if isinstance(item, tuple) else (item, None)
        if not isinstance(text, bytes):
            continue  # imaplib puts None for an empty response
        if _FETCH_START.match(text):
            if meta:
                flush()
            meta, body = b"", None
        meta += text
        if literal is not None:
            body = literal
    if meta:
        flush()
    return found


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    uidnext: int


def _ssl_context(cfg: ImapConfig) -> ssl.SSLContext:
    # Verified against the system store by default; a CA file for self-hosted servers.
    return ssl.create_default_context(cafile=cfg.ca_file)


class Mailbox:
    """One authenticated IMAP connection for one account."""

    def __init__(self, client: IMAPClient, cfg: ImapConfig) -> None:
        self.client = client
        self.cfg = cfg
        self.capabilities = frozenset(c.decode().upper() for c in client.capabilities())
        self.selected: str | None = None
        """The folder EXAMINEd last, as long as the server has not said its UIDVALIDITY changed."""
        self.selected_state: FolderState | None = None

    @classmethod
    def connect(cls, cfg: ImapConfig, stop: threading.Event | None = None) -> Mailbox:
        """Connect and log in. With *stop*: give up as soon as it is set, even while the server
        keeps silent (a greeting that never comes waits up to cfg.timeout): the attempt goes
        on in a thread of its own, which closes what it gets once nobody wants it."""
        if stop is None:
            return cls._connect(cfg)
        lock, done = threading.Lock(), threading.Event()
        outcome: list[Mailbox | BaseException] = []

        def attempt() -> None:
            try:
                result: Mailbox | BaseException = cls._connect(cfg)
            except BaseException as exc:  # handed over to the waiting thread
                result = exc
            with lock:
                if not stop.is_set():
                    outcome.append(result)
                    done.set()
                    return
            if isinstance(result, Mailbox):
                result.close()

        threading.Thread(target=attempt, name=f"connect-{cfg.host}", daemon=True).start()
        while not done.wait(0.2):
            with lock:
                if stop.is_set() and not done.is_set():
                    raise MailboxError(f"{cfg.host}:{cfg.port}: stopped while connecting")
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    @classmethod
    def _connect(cls, cfg: ImapConfig) -> Mailbox:
        try:
            client = IMAPClient(
                cfg.host,
                port=cfg.port,
                ssl=cfg.security == "tls",
                ssl_context=_ssl_context(cfg) if cfg.security == "tls" else None,
                timeout=cfg.timeout,
            )
        except ssl.SSLCertVerificationError as exc:
            raise _untrusted(cfg, exc) from None
        except ssl.SSLError as exc:
            raise MailboxError(f"{cfg.host}:{cfg.port}: TLS failed: {exc}") from None
        except (OSError, IMAPClientError) as exc:
            raise ServerUnreachable(f"cannot connect to {cfg.host}:{cfg.port}: {exc}") from None
        try:
            if cfg.security == "starttls":
                if b"STARTTLS" not in client.capabilities():
                    raise MailboxError(f"{cfg.host}:{cfg.port} does not offer STARTTLS; refusing to log in without TLS")
                client.starttls(_ssl_context(cfg))
            quicken(client)
            if cfg.auth == "xoauth2":
                client.oauth2_login(cfg.username, reveal(cfg.password))
            elif cfg.auth == "oauthbearer":
                client.oauthbearer_login(cfg.username, reveal(cfg.password))
            else:
                client.login(cfg.username, reveal(cfg.password))
        except LoginError as exc:
            _close(client)
            if _cut_off(exc):  # the connection broke during LOGIN: the network's failure, not a refusal
                raise MailboxError(f"{cfg.host}:{cfg.port}: connection lost during login: {exc}") from None
            said = server_text(exc)
            if said.lstrip().upper().startswith("[UNAVAILABLE]"):  # RFC 5530: try again later
                raise LoginUnavailable(f"{cfg.host}: cannot check the login just now, will retry: {said}") from None
            raise AuthenticationError(f"{cfg.host}: login as {cfg.username!r} refused: {said}") from None
        except ssl.SSLCertVerificationError as exc:
            _close(client)
            raise _untrusted(cfg, exc) from None
        except MailboxError:
            _close(client)
            raise
        except CONNECTION_ERRORS as exc:
            _close(client)
            raise MailboxError(f"{cfg.host}:{cfg.port}: {exc}") from None
        return cls(client, cfg)

    def close(self) -> None:
        _close(self.client)

    def interrupt(self) -> None:
        """Cut the connection from another thread: a command waiting for a stalled server's
        answer fails at once (shutdown must not wait for the timeout)."""
        with contextlib.suppress(Exception):
            self.client.socket().shutdown(socket.SHUT_RDWR)

    def examine(self, folder: str) -> FolderState:
        """Select *folder* read-only: the server then refuses any change, whatever we send."""
        info = self.client.select_folder(folder, readonly=True)
        self.selected = folder
        self.selected_state = FolderState(int(info[b"UIDVALIDITY"]), int(info.get(b"UIDNEXT", 0)))
        untagged(self.client).clear()  # read: a UIDVALIDITY found there later is news
        return self.selected_state

    def status(self, folder: str) -> FolderState:
        info = self.client.folder_status(folder, [b"UIDVALIDITY", b"UIDNEXT"])
        return FolderState(int(info[b"UIDVALIDITY"]), int(info[b"UIDNEXT"]))

    def uids_after(self, last_uid: int) -> array[int]:
        """UIDs above *last_uid* in the selected folder, ascending, as 32-bit numbers (what
        UIDs are): 400 KB for a first scan of 100,000 messages, not 4 MB of int objects.
        What the server announced before this SEARCH is forgotten: grown() tells of what
        arrives after it.

        With ESEARCH (RFC 4731) the server answers with ranges ("1:100000"), not every
        number; without it, with a plain SEARCH."""
        self._take_announcements()
        wanted = f"{last_uid + 1}:*"
        if self.client.has_capability("ESEARCH"):
            status, data = uid_command(self.client, "SEARCH", "RETURN (ALL) UID", wanted)
            if status != "OK":
                raise MailboxError(f"UID SEARCH refused: {data!r:.200}")
            found = untagged(self.client).pop("ESEARCH", [])
            ranges = [r for line in found if (m := _ESEARCH_ALL.search(line)) for r in uid_ranges(m.group(1))]
            # 'last+1:*' returns the newest message even when it is older than last: above it only.
            return ascending_uids(ranges, above=last_uid)
        # Without ranges, the numbers as they come (no tuple per UID); the same filter.
        return array("I", sorted(uid for uid in self.client.search(["UID", wanted]) if uid > last_uid))

    def fetch(self, uids: Sequence[int], max_bytes: int) -> list[Fetched]:
        """Headers and the start of the body (the first text part, in practice), never whole
        attachments: BODY.PEEK[]<0.max_bytes>. PEEK leaves \\Seen alone.

        The FETCH goes through imapclient's underlying imaplib connection (wire) and is read by
        parse_fetch_response (above): imapclient's general response parser costs about 2.5× as
        much CPU per message, and during a backfill that is the larger part of the wire's cost
        (bench/RESULTS.md). Errors are imaplib's, which imapclient's exceptions are."""
        items = f"(UID BODY.PEEK[]<0.{max_bytes}> RFC822.SIZE INTERNALDATE)"
        found: list[Fetched] = []
        for start in range(0, len(uids), FETCH_BATCH):
            batch = uids[start : start + FETCH_BATCH]
            status, data = uid_command(self.client, "FETCH", ",".join(map(str, batch)), items)
            if status != "OK":
                raise MailboxError(f"UID FETCH refused: {data!r:.200}")
            by_uid = parse_fetch_response(data)
            found += (by_uid[uid] for uid in batch if uid in by_uid)  # a missing UID was expunged meanwhile
        return found

    def grown(self) -> bool:
        """Whether the selected folder may hold mail the last uids_after() did not see: the
        server announced new messages (EXISTS) since, in a NOOP or along any other reply.

        A NOOP, not a re-EXAMINE: it costs the server a check for changes, where EXAMINE
        re-reads the folder's whole index, which on a 100k mailbox takes longer than the
        rest of handling a new message (bench/RESULTS.md)."""
        self.client.noop()
        return self._take_announcements()

    def _take_announcements(self) -> bool:
        """Empty imaplib's store of untagged responses and say whether EXISTS was among them.
        Emptied here because only SELECT empties it, and a connection that stays selected
        for weeks would otherwise keep every announcement in memory. A new UIDVALIDITY
        (the folder was recreated) unselects it: the next catch-up EXAMINEs and rescans."""
        stash = untagged(self.client)
        grew = "EXISTS" in stash
        if "UIDVALIDITY" in stash:
            self.selected = self.selected_state = None
            grew = True
        stash.clear()
        return grew

    def special_folder(self, use: bytes, names: tuple[str, ...]) -> str | None:
        """The folder with special-use *use* (RFC 6154), else the first of the usual *names*."""
        folders = self.client.list_folders()
        for flags, _, name in folders:
            if use in flags:
                return str(name)
        present = {str(name).casefold(): str(name) for _, _, name in folders}
        return next((present[n.casefold()] for n in names if n.casefold() in present), None)

    def drafts_folder(self) -> str:
        """The folder with the \\Drafts special-use attribute, else a usual name, else created."""
        if self.cfg.drafts_folder:
            if not self.client.folder_exists(self.cfg.drafts_folder):
                self._create_drafts(self.cfg.drafts_folder)
            return self.cfg.drafts_folder
        found = self.special_folder(b"\\Drafts", DRAFTS_NAMES)
        if found is None:
            found = self.personal_name("Drafts")
            if not self.client.folder_exists(found):  # made by us earlier under a prefix DRAFTS_NAMES lacks
                log.info("no Drafts folder found; creating %r", found)
                self._create_drafts(found)
        return found

    def personal_name(self, name: str) -> str:
        """*name* where the user's own folders live (RFC 2342 NAMESPACE): 'INBOX.Drafts' on
        Cyrus, Courier and many hosts, which refuse a folder at the top level."""
        if not self.client.has_capability("NAMESPACE"):
            return name
        personal = self.client.namespace().personal
        if not personal:
            return name
        prefix, separator = (p.decode() if isinstance(p, bytes) else str(p or "") for p in personal[0])
        if prefix and separator and not prefix.endswith(separator):
            prefix += separator
        return prefix + name

    def _create_drafts(self, name: str) -> None:
        """CREATE *name* marked \\Drafts where the server offers CREATE-SPECIAL-USE (RFC 6154),
        then SUBSCRIBE it: clients that show only subscribed folders would hide it."""
        try:
            done = False
            if self.client.has_capability("CREATE-SPECIAL-USE"):
                # else (NO [USEATTR]) a plain CREATE below
                done = create_special_use(self.client, name, "\\Drafts")
            if not done:
                self.client.create_folder(name)
        except (imaplib.IMAP4.error, IMAPClientError) as exc:
            raise MailboxError(
                f"{self.cfg.host}: the server refused to create the Drafts folder {name!r} ({server_text(exc)}); "
                "create it in your mail client, or set drafts_folder in the account's [imap] table to a folder that exists"
            ) from None
        try:
            self.client.subscribe_folder(name)
        except (imaplib.IMAP4.error, IMAPClientError) as exc:
            log.warning("%s: created %r but could not subscribe to it: %s", self.cfg.host, name, server_text(exc))

    def replies_to(self, folder: str, message_id: str, since: datetime, max_bytes: int = 65536) -> list[bytes]:
        """The start of each message in *folder* (Sent) since *since* that answers *message_id*:
        a server-side SEARCH on In-Reply-To and References, then a PEEK at the hits."""
        self.examine(folder)
        day_before = (since - timedelta(days=1)).date()  # SENTSINCE counts whole days of the Date header
        criteria = [
            "SENTSINCE",
            day_before,
            "OR",
            "HEADER",
            "In-Reply-To",
            message_id,
            "HEADER",
            "References",
            message_id,
        ]
        uids = self.client.search(criteria)
        return [f.raw for f in self.fetch(sorted(uids), max_bytes)] if uids else []

    def append(self, folder: str, raw: bytes, flags: Iterable[bytes], when: datetime | None = None) -> int | None:
        """APPEND; the new UID when the server says it (UIDPLUS), else None."""
        response = self.client.append(folder, raw, flags=tuple(flags), msg_time=when)
        text = response.decode(errors="replace") if isinstance(response, bytes) else str(response)
        if "APPENDUID" in text.upper():
            try:
                return int(text.upper().split("APPENDUID", 1)[1].split("]")[0].split()[1])
            except (IndexError, ValueError):
                return None
        return None

    def find_message_id(self, folder: str, message_id: str, from_uid: int = 1) -> int | None:
        """UID of the message with *message_id* among UIDs >= from_uid (see message_ids)."""
        return self.message_ids(folder, from_uid).get(message_id_key(message_id))

    def message_ids(self, folder: str, from_uid: int = 1, since: date | None = None) -> dict[str, int]:
        """The Message-IDs (message_id_key) of *folder*'s messages with UIDs >= from_uid (and
        INTERNALDATE on or after *since*), with their UIDs: what followup wrote there is found
        before it writes it again. By FETCHing the headers: SEARCH HEADER is unreliable on
        several servers. The folder selected before (a catch-up's) is selected again."""
        selected, state = self.selected, self.selected_state
        self.examine(folder)
        try:
            criteria: list[object] = ["UID", f"{max(from_uid, 1)}:*"]
            if since is not None:
                criteria += ["SINCE", since]
            uids = [u for u in self.client.search(criteria) if u >= from_uid]
            found: dict[str, int] = {}
            for start in range(0, len(uids), FETCH_BATCH):
                batch = uids[start : start + FETCH_BATCH]
                for uid, data in self.client.fetch(batch, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"]).items():
                    fields = [
                        v for k, v in data.items() if isinstance(k, bytes) and k.startswith(b"BODY[HEADER.FIELDS")
                    ]
                    if fields and isinstance(fields[0], bytes):
                        found.setdefault(message_id_key(_header_value(fields[0])), int(uid))
            found.pop("", None)
            return found
        finally:
            if selected is not None and state is not None and selected != folder:
                self._select_again(selected, state)

    def _select_again(self, folder: str, state: FolderState) -> None:
        """EXAMINE *folder* again after a look elsewhere: a catch-up goes on FETCHing its UIDs.
        If they mean something else now, the catch-up must start over (a reconnect does)."""
        if self.examine(folder).uidvalidity != state.uidvalidity:
            self.selected = self.selected_state = None
            raise MailboxError(f"{folder}: UIDVALIDITY changed during a catch-up; catching up again")

    def _buffered(self) -> bool:
        """Whether a response already waits in imaplib's read buffer. Dovecot checks for news
        when IDLE starts and may send its EXISTS in the same packet as '+ idling'; imapclient
        reads that line through the buffer and then polls the socket, which has nothing more
        to say: the EXISTS would wait there until the next, unrelated, notice."""
        sock = self.client.socket()
        timeout = sock.gettimeout()
        sock.setblocking(False)  # an empty buffer is refilled by one read: it must not block
        try:
            return buffered(self.client)
        except (BlockingIOError, ssl.SSLWantReadError):
            return False
        finally:
            sock.settimeout(timeout)

    def wait_for_change(
        self,
        seconds: float,
        stop: threading.Event,
        watching: threading.Event,
        tick: Callable[[], None] = lambda: None,
    ) -> str:
        """Block until the server reports a change, *seconds* pass, or *stop* is set; set
        *watching* once the server is listening for changes (IDLE confirmed, or polling).
        Returns "idle" when the server told of a change in IDLE, else "poll".
        IDLE when the server offers it (a hint only: the caller catches up by UID anyway).
        Mail that arrives between the caller's last check and IDLE is announced when IDLE
        starts, sometimes in the same packet as the server's '+ idling' (see _buffered).
        *tick* is called about every second: the loop is alive (the service's watchdog)."""
        if not (self.cfg.idle and "IDLE" in self.capabilities):
            watching.set()
            waited = 0.0
            while waited < seconds and not stop.wait(min(1.0, seconds - waited)):
                waited += 1.0
                tick()
            self.client.noop()  # also a liveness probe
            return "poll"
        self.client.idle()
        watching.set()
        try:
            waited = 0.0
            if self._buffered():
                return "idle"  # the server's news came with its '+ idling': the caller catches up
            while waited < seconds and not stop.is_set():
                step = min(1.0, seconds - waited)
                responses = self.client.idle_check(timeout=step)
                waited += step
                tick()
                if any(r[1] in (b"EXISTS", b"RECENT") for r in responses if len(r) > 1):
                    return "idle"
                if any(r[0] == b"BYE" for r in responses):
                    break
        finally:
            self.client.idle_done()
        return "poll"


@dataclass(frozen=True)
class Probe:
    """What a login finds: `followup check` and `followup init` report it."""

    inbox_messages: int
    drafts: str | None
    """The Drafts folder found (or configured); None when one is to be created at the first draft."""

    def describe(self, cfg: ImapConfig) -> str:
        drafts = f"drafts go to {self.drafts}" if self.drafts else "no Drafts folder yet (created at the first draft)"
        return (
            f"logged in to {cfg.host}:{cfg.port} as {cfg.username}; INBOX has {self.inbox_messages} messages; {drafts}"
        )


def probe(cfg: ImapConfig) -> Probe:
    """Log in, open INBOX read-only and look for the Drafts folder; change nothing."""
    mailbox = Mailbox.connect(cfg)
    try:
        inbox = mailbox.client.select_folder("INBOX", readonly=True)
        if cfg.drafts_folder:
            drafts = cfg.drafts_folder if mailbox.client.folder_exists(cfg.drafts_folder) else None
        else:
            drafts = mailbox.special_folder(b"\\Drafts", DRAFTS_NAMES)
    except CONNECTION_ERRORS as exc:
        raise MailboxError(f"{cfg.host}:{cfg.port}: {server_text(exc)}") from None
    finally:
        mailbox.close()
    return Probe(int(inbox.get(b"EXISTS", 0)), drafts)


def message_id_key(value: str) -> str:
    """A Message-ID as message_ids() compares it: the <...> part, case folded."""
    found = _ANGLED.search(value)
    return (found.group(0) if found else value.strip()).lower()


_ANGLED = re.compile(r"<[^<>\s]*>")


def _header_value(fields: bytes) -> str:
    """The value of the one header field in a BODY[HEADER.FIELDS (...)] answer, unfolded."""
    text = fields.decode(errors="replace").replace("\r\n ", " ").replace("\r\n\t", " ")
    return text.partition(":")[2].strip()


def server_text(exc: BaseException) -> str:
    """What the server said, as text: imapclient words its errors as str(bytes), "b'[...] ...'"."""
    text = str(exc)
    if re.fullmatch(r"b'.*'|b\".*\"", text, re.DOTALL):
        with contextlib.suppress(ValueError, SyntaxError):
            return bytes(ast.literal_eval(text)).decode("utf-8", "replace")
    return text


def _cut_off(exc: LoginError) -> bool:
    """Whether a failed LOGIN/AUTHENTICATE is a lost connection, not the server's NO or BAD.
    imapclient turns both into LoginError; what imaplib raised first tells them apart: abort
    (EOF, a reset, BYE) or a socket error, where a NO or BAD is a plain IMAP4.error."""
    cause = exc.__cause__ or exc.__context__
    return isinstance(cause, imaplib.IMAP4.abort | OSError | EOFError)


def _untrusted(cfg: ImapConfig, exc: ssl.SSLCertVerificationError) -> UntrustedCertificate:
    hint = "check ca_file" if cfg.ca_file else "for a self-hosted server with its own CA, set ca_file"
    return UntrustedCertificate(f"{cfg.host}:{cfg.port}: TLS certificate not trusted ({exc.verify_message}); {hint}")


CLOSE_TIMEOUT = 3.0
"""Seconds to say goodbye: a dead or frozen server must not hold up the reconnect."""


def _close(client: IMAPClient) -> None:
    with contextlib.suppress(Exception):
        client.socket().settimeout(CLOSE_TIMEOUT)
    try:
        client.logout()
    except Exception:  # closing a broken connection may fail in many ways; it is closed either way
        with contextlib.suppress(Exception):
            client.shutdown()
    try:
        sock = client.socket()
        sock.shutdown(socket.SHUT_RDWR)
    except Exception:
        pass
