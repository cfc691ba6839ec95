"""Drafts: templates in four languages with natural fallbacks, the message as clients see it,
and never a second draft (nor a recreated one) against the user's wishes. The mailbox parts
run against the real Dovecot."""

from __future__ import annotations

import email
import email.policy
import itertools
import re
import sqlite3
import subprocess
import sys
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import pytest
from followup.act.plan import DEFAULT_PLAN
from followup.act.templates import SAMPLE_CONTEXT
from followup.clock import FakeClock
from followup.resources import load_templates
from followup.service.service import Service
from followup.state.ledger import Ledger

from tests.conftest import TEST_START, SmtpSink, imap_client, make_config
from tests.dovecot import Dovecot, User

DRAFT_TEMPLATES = (
    "invitation_reply",
    "thank_you_note",
    "rejection_thanks",
    "thanks_after_rejection",
    "feedback_request",
    "feedback_thanks",
    "check_in",
)
LANGUAGES = ("en", "de", "fr", "es")

INVITATION_DE = """From: Stefan Wagner <s.wagner@nordlicht-energie.example>
To: {user}
Subject: =?utf-8?q?Ihre_Bewerbung_als_Projektingenieur?=
Date: Sat, 21 Nov 2026 09:00:00 +0100
Message-ID: <inv-de-1@nordlicht-energie.example>
References: <bewerbung-1@example.org>
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Sehr geehrter Herr Taylor,

herzlichen Dank für Ihre Bewerbung. Gerne würden wir Sie persönlich kennenlernen und laden Sie zu einem
Vorstellungsgespräch an unserem Standort in Hamburg ein.

Als Termin schlagen wir Dienstag, den 1. Dezember 2026, um 14:00 Uhr vor.

Mit freundlichen Grüßen
Stefan Wagner
"""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", DRAFT_TEMPLATES)
def test_every_draft_template_exists_in_four_languages_and_words_around_missing_values(
    name: str, language: str
) -> None:
    templates = load_templates(None)
    path = Path(__file__).resolve().parent.parent.parent / "templates" / f"{name}.{language}.txt"
    assert path.is_file(), path
    empty = {key: "" for key in SAMPLE_CONTEXT} | {"signature": "Alex"}
    for context in (SAMPLE_CONTEXT, empty):
        body = templates.render(name, context, language).body
        assert "{{" not in body and "{%" not in body and "None" not in body
        assert "[" not in body, "no literal placeholder for the user to fill in"
        assert not re.search(r" [,.]|  |\( *\)", body), body  # no hole where a value was missing
        assert body.rstrip().endswith("Alex" if context is empty else "Alex Example")
    greeting = templates.render(name, empty, language).body.splitlines()[0]
    assert greeting in ("Dear Hiring Team,", "Sehr geehrte Damen und Herren,", "Madame, Monsieur,",
                        "Estimado equipo de selección:")  # fmt: skip


def _contexts() -> list[dict[str, object]]:
    """Every optional fact present, every one missing, and each one alone toggled from both."""
    full = dict(SAMPLE_CONTEXT) | {"to_note": "[Note to self: put the address in To.]"}
    empty = {key: False if isinstance(value, bool) else "" for key, value in full.items()} | {"signature": "Alex"}
    optional = [key for key in full if key not in ("signature", "user_name", "user_email")]
    contexts = [full, empty]
    for key in optional:
        contexts += [full | {key: empty[key]}, empty | {key: full[key]}]
    return contexts


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", DRAFT_TEMPLATES)
def test_every_rendered_draft_separates_its_paragraphs_by_one_blank_line(name: str, language: str) -> None:
    """Each paragraph of a draft is one line; a paragraph run into the next (trim_blocks eating
    the newline after a block tag) or a double blank line looks careless in a mail client. Only
    the closing and the signature stand on consecutive lines."""
    templates = load_templates(None)
    for context in _contexts():
        body = templates.render(name, context, language).body
        lines = body.rstrip("\n").split("\n")
        assert lines[0].strip(), body
        for above, below in itertools.pairwise(lines):
            assert above.strip() or below.strip(), f"two blank lines in a row:\n{body}"
            if above.strip() and below.strip():
                assert below == context["signature"], f"paragraphs run together at {below!r}:\n{body}"


def test_the_default_plan_uses_only_templates_that_exist() -> None:
    templates = load_templates(None)
    for plan in DEFAULT_PLAN.values():
        for name in plan.drafts:
            assert all(templates.exists(name, language) for language in LANGUAGES), name
    assert not templates.check_all()


def _drafts(client) -> dict[int, dict[bytes, object]]:
    client.select_folder("Drafts", readonly=True)
    uids = client.search(["ALL"])
    return client.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}


def test_a_german_invitation_gets_a_german_draft_that_every_client_threads(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(
        dovecot,
        mail_user,
        smtp_sink,
        tmp_path / "state",
        extra='act_on_mail_newer_than = "3650d"',
        account_extra='signature = "Sam Taylor"\nquote_original = true',
    )
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", INVITATION_DE.replace("{user}", mail_user.name).replace("\n", "\r\n").encode())
    Service(config, FakeClock(TEST_START)).once()
    (data,) = _drafts(feeder).values()
    assert data[b"FLAGS"] == (b"\\Draft",) or b"\\Draft" in data[b"FLAGS"]
    raw = data[b"BODY[]"]
    draft = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(draft, EmailMessage)
    assert draft["From"] == f"Test User <{mail_user.name}>"
    assert draft["To"] == "Stefan Wagner <s.wagner@nordlicht-energie.example>"
    assert draft["Subject"] == "Re: Ihre Bewerbung als Projektingenieur"
    assert draft["In-Reply-To"] == "<inv-de-1@nordlicht-energie.example>"
    assert draft["References"] == "<bewerbung-1@example.org> <inv-de-1@nordlicht-energie.example>"
    assert draft["Date"] and draft["MIME-Version"] == "1.0"
    assert re.fullmatch(r"<[0-9a-f]{32}@test\.example>", draft["Message-ID"])
    assert draft["X-Followup"] is None and b"followup" not in raw.lower()  # nothing names the tool
    assert draft.get_content_type() == "text/plain" and draft.get_content_charset() == "utf-8"
    assert not {"Cc", "Bcc", "Reply-To"} & set(draft.keys())
    assert not raw.startswith(b" ") and b"\r\n\r\n" in raw  # well-formed: headers, blank line, body
    body = draft.get_content().replace("\r\n", "\n")
    assert body.startswith("Guten Tag Stefan Wagner,")
    # The mail wrote no zone: the draft confirms the time as written.
    assert "Den Termin am Dienstag, 1. Dezember 2026, 14:00 Uhr bestätige ich gerne" in body
    assert "Mit freundlichen Grüßen\nSam Taylor\n" in body
    assert "> herzlichen Dank für Ihre Bewerbung." in body  # quote_original, below the signature
    assert body.index("Sam Taylor") < body.index("wrote:")


def _forget_cursors(config) -> None:
    """As if INBOX were scanned from scratch (a new UIDVALIDITY, a lost cursor): the ledger of
    drafts must still say no."""
    db = sqlite3.connect(config.state_dir / "state.sqlite")
    with db:
        db.execute("DELETE FROM cursors")
    db.close()


@pytest.mark.parametrize("users_action", ["deleted", "edited", "sent"])
def test_a_draft_the_user_deleted_edited_or_sent_is_never_recreated(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path, users_action: str
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", INVITATION_DE.replace("{user}", mail_user.name).replace("\n", "\r\n").encode())
    Service(config, FakeClock(TEST_START)).once()
    ((uid, data),) = _drafts(feeder).items()

    feeder.select_folder("Drafts")
    if users_action == "edited":  # what Gmail does on every edit: a new message, a new Message-ID
        edited = data[b"BODY[]"].replace(b"Message-ID: <", b"Message-ID: <edited.")
        feeder.append("Drafts", edited.replace(b"Guten Tag", b"Hallo"), flags=[b"\\Draft"])
    elif users_action == "sent":
        feeder.append("Sent", data[b"BODY[]"], flags=[b"\\Seen"])
    feeder.delete_messages([uid])
    feeder.expunge()
    before = {u: d[b"BODY[]"] for u, d in _drafts(feeder).items()}

    for _ in range(2):
        _forget_cursors(config)
        Service(config, FakeClock(TEST_START)).once()
    after = {u: d[b"BODY[]"] for u, d in _drafts(feeder).items()}
    assert after == before  # nothing new in Drafts
    ledger = Ledger(config.state_dir / "state.sqlite")
    try:
        assert ledger.draft_count() == 1  # the reply; the thank-you note waits for the interview
        assert not ledger.pending_drafts("main", TEST_START)
    finally:
        ledger.close()


def test_preview_prints_the_draft_as_it_would_be_appended() -> None:
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "followup",
            "preview",
            "thank_you_note",
            str(corpus / "003-interview_invitation-en.eml"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "FOLLOWUP_CONFIG": "/nonexistent/config.toml"},
    )
    assert result.returncode == 0, result.stderr
    draft = email.message_from_string(result.stdout, policy=email.policy.default)
    assert draft["Subject"] == "Re: Fabrikam: your application for Data Analyst"
    assert draft["To"] == "Elena Petrova <elena.petrova@fabrikam.example>"
    assert draft["X-Followup"] is None
    # the note thanks for the conversation; it does not restate its date hours later
    assert "speak with me about the Data Analyst position" in draft.get_content()
    assert "\\Draft" in result.stderr


def test_a_configured_drafts_folder_with_a_non_ascii_name_is_created_and_used(
    dovecot: Dovecot, mail_user: User, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    config = make_config(dovecot, mail_user, smtp_sink, tmp_path / "state", extra='act_on_mail_newer_than = "3650d"')
    imap = config.accounts[0].imap
    account = replace(config.accounts[0], imap=replace(imap, drafts_folder="Entwürfe"))
    config = replace(config, accounts=(account,))
    feeder = imap_client(dovecot, mail_user)
    feeder.append("INBOX", INVITATION_DE.replace("{user}", mail_user.name).replace("\n", "\r\n").encode())
    Service(config, FakeClock(TEST_START)).once()
    assert feeder.folder_exists("Entwürfe")  # imapclient encodes modified UTF-7 both ways
    feeder.select_folder("Entwürfe", readonly=True)
    (flags,) = feeder.get_flags(feeder.search(["ALL"])).values()
    assert b"\\Draft" in flags
    assert _drafts(feeder) == {}  # nothing went to the special-use Drafts folder


def test_a_draft_writes_the_role_without_the_ads_gender_marker() -> None:
    from followup.act.render_draft import letter_role

    assert letter_role("Aktuar (m/w/d) im Bereich Lebensversicherung") == "Aktuar im Bereich Lebensversicherung"
    assert letter_role("Comptable fournisseurs (H/F/X)") == "Comptable fournisseurs"
    assert letter_role("Backend Engineer (f/m/x)") == "Backend Engineer"
    assert letter_role("Chef de projet H/F") == "Chef de projet"
    assert letter_role("Koch (w/m/div.)") == "Koch"
    for kept in ("Horloger/ère", "Cajero/a", "I/O Engineer", "Data Analyst"):
        assert letter_role(kept) == kept


def test_an_interview_zone_is_written_as_a_reader_understands_it() -> None:
    from datetime import UTC, datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    from followup.act.render_draft import format_when

    def when(zone: timezone | ZoneInfo) -> str:
        return format_when(datetime(2026, 3, 2, 10, 0, tzinfo=zone), "en")

    assert when(ZoneInfo("America/New_York")).endswith("at 10:00 AM (EST)")  # an American clock
    assert when(ZoneInfo("Asia/Singapore")).endswith("at 10:00 (UTC+8)")  # tzname "+08"
    assert when(timezone(timedelta(hours=-5), "")).endswith("at 10:00 AM (UTC-5)")  # no name at all
    assert when(timezone(timedelta(hours=5, minutes=30))).endswith("at 10:00 (UTC+5:30)")
    assert when(UTC).endswith("at 10:00 (UTC)")


def test_french_de_is_elided_before_a_vowel_or_a_mute_h() -> None:
    from followup.act.templates import fr_de

    assert (fr_de("Analyste"), fr_de("Horloger"), fr_de("Comptable")) == ("d'Analyste", "d'Horloger", "de Comptable")


def test_an_invitation_without_a_role_is_an_invitation_to_interview() -> None:
    templates = load_templates(None)
    context = dict(SAMPLE_CONTEXT) | {"role": ""}
    expected = {
        "en": "the invitation to interview at Example Corp.",
        "de": "die Einladung zum Gespräch bei Example Corp.",
        "fr": "votre invitation à un entretien chez Example Corp.",
        "es": "la invitación a la entrevista en Example Corp.",
    }
    for language, phrase in expected.items():
        assert phrase in templates.render("invitation_reply", context, language).body


def test_spanish_and_french_count_their_commonest_word() -> None:
    """'de' is the commonest word of Spanish and French: counted for Dutch alone, a Spanish mail
    full of 'de' and 'en' read as Dutch."""
    from followup.mail.language import detect

    spanish = (
        "hola laura, te escribo de parte de recursos humanos de la empresa en bogota, en relacion con tu postulacion"
    )
    assert detect(spanish).language == "es"
    assert (
        detect("wij danken je voor je sollicitatie en nodigen je uit voor een gesprek op het kantoor").language == "nl"
    )


def test_a_check_in_thanks_for_conversations_only_when_an_interview_took_place() -> None:
    templates = load_templates(None)
    thanks = {"en": "conversations", "de": "Gespräche", "fr": "ces échanges", "es": "conversaciones"}
    for language, word in thanks.items():
        after = templates.render("check_in", SAMPLE_CONTEXT, language).body
        without = templates.render("check_in", SAMPLE_CONTEXT | {"interviewed": False}, language).body
        assert word in after and word not in without, without
        assert "Example Corp" in without
