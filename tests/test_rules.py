"""The rule language: matching, compilation errors with locations, overrides. Pure, fast."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import followup.classify.phrases as phrases_module
import pytest
from followup.classify.decide import MailView, classify, trace
from followup.classify.phrases import SET_FROM, PhraseMatcher
from followup.classify.rules import MAX_PHRASE_CHARS, MAX_REGEXES_PER_FIELD, MAX_RULES, load_rules, normalize
from followup.clock import FakeClock
from followup.config import parse_config
from followup.errors import RuleError
from followup.mail.parse import parse_mail
from followup.model import Address, Decision, Mail
from followup.resources import load_rule_set
from followup.service.service import Service
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TEST_START

DEMO = Path(__file__).resolve().parent.parent / "daemon" / "demo_mail"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def mail(subject: str = "", body: str = "", headers: str = "") -> bytes:
    return f"From: Someone <someone@corp.example>\r\nSubject: {subject}\r\n{headers}\r\n{body}\r\n".encode()


def test_phrases_ignore_case_accents_and_whitespace(tmp_path: Path) -> None:
    rules = load_rules(
        [
            write(
                tmp_path,
                "r.toml",
                '[[rule]]\nname = "r"\ncategory = "rejection"\nbody = ["nous regrettons de vous informer"]\n',
            )
        ]
    )
    decision = classify(parse_mail(mail(body="NOUS  régrettons\nde vous INFORMER que...")), rules)
    assert decision.category == "rejection" and decision.rule == "r"
    assert decision.evidence[0].field == "body"


def test_phrases_match_on_word_boundaries(tmp_path: Path) -> None:
    rules = load_rules([write(tmp_path, "r.toml", '[[rule]]\nname = "r"\ncategory = "offer"\nsubject = ["offer"]\n')])
    assert classify(parse_mail(mail(subject="Your offer")), rules).category == "offer"
    assert classify(parse_mail(mail(subject="We are offering webinars")), rules).category == "other"


def test_priority_orders_rules_and_none_excludes(tmp_path: Path) -> None:
    text = """
[[rule]]
name = "low"
category = "interview_invitation"
priority = 1
body = ["interview"]

[[rule]]
name = "high"
category = "job_alert"
priority = 10
all = [ { body = ["interview"] }, { subject = ["alert"] } ]
none = [ { header = { name = "X-Keep", present = true } } ]
"""
    rules = load_rules([write(tmp_path, "r.toml", text)])
    assert classify(parse_mail(mail("Job alert", "interview tips")), rules).rule == "high"
    assert classify(parse_mail(mail("Job alert", "interview tips", "X-Keep: 1\r\n")), rules).rule == "low"
    assert classify(parse_mail(mail("Hello", "interview")), rules).rule == "low"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nsubjet = ["x"]\n', 4, "unknown key 'subjet'"),
        ('[[rule]]\nname = "a"\ncategory = "nope"\nsubject = ["x"]\n', 3, "unknown category 'nope'"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nsubject = { regex = "(" }\n', 4, "invalid regular expression"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nbody = { regex = "(?=x)y" }\n', 4, "RE2 syntax"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\npriority = "high"\nbody = ["x"]\n', 4, "expected an integer"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nlanguage = 3\n', 4, "'language' takes"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nthread = ["nope"]\n', 4, "unknown categories"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nheader = { present = true }\n', 4, "'header' takes"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nany = [ { all = [ { body = [] } ] } ]\n', 4, "non-empty list"),
        (
            '[[rule]]\nname = "a"\ncategory = "rejection"\nsubject = ["x"]\n\n[[rule]]\nname = "a"\ncategory = "offer"\nsubject = ["y"]\n',
            7,
            "duplicate rule name",
        ),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\n', 1, "no conditions"),
        ('[[rule]]\nname = "a"\ncategory = "rejection"\nsubject = [\n', 4, "invalid TOML"),
    ],
)
def test_broken_rule_files_fail_with_file_line_and_rule(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = write(tmp_path, "broken.toml", text)
    with pytest.raises(RuleError) as caught:
        load_rules([path])
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert fragment in message
    if "TOML" not in fragment:
        assert "rule 'a'" in message


def test_a_users_rule_replaces_the_shipped_rule_of_the_same_name(tmp_path: Path) -> None:
    shipped = write(tmp_path, "shipped.toml", '[[rule]]\nname = "r"\ncategory = "rejection"\nbody = ["sorry"]\n')
    user_dir = tmp_path / "user"
    user_dir.mkdir()
    user = write(user_dir, "mine.toml", '[[rule]]\nname = "r"\ncategory = "other"\nbody = ["never matches this"]\n')
    rules = load_rules([shipped, user])
    assert len(rules.rules) == 1 and rules.rules[0].category == "other"


def test_user_categories_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "r.toml", '[[rule]]\nname = "r"\ncategory = "referral"\nbody = ["referred you"]\n')
    with pytest.raises(RuleError):
        load_rules([path])
    assert load_rules([path], ["referral"]).rules[0].category == "referral"


EXPECTED = {
    "01-rejection-greenhouse.eml": "rejection",
    "02-invitation-person.eml": "interview_invitation",
    "03-received.eml": "application_received",
    "04-job-alert.eml": "job_alert",
    "05-out-of-office.eml": "auto_reply",
    "06-assessment.eml": "assessment",
    "07-rejection-html.eml": "rejection",
    "08-personal.eml": "other",
}


@pytest.mark.parametrize(("name", "category"), EXPECTED.items())
def test_shipped_rules_on_the_demo_mail(name: str, category: str) -> None:
    rules = load_rule_set(None)
    assert classify(parse_mail((DEMO / name).read_bytes()), rules).category == category


def test_quoted_history_does_not_decide(tmp_path: Path) -> None:
    rules = load_rule_set(None)
    body = "Thanks, talk soon!\r\n\r\nOn Mon, 2 Mar 2026, HR wrote:\r\n> Unfortunately we have decided not to move forward.\r\n"
    assert classify(parse_mail(mail("Re: catching up", body)), rules).category == "personal_reply"


def test_own_mail_is_never_acted_on() -> None:
    rules = load_rule_set(None)
    marked = mail(
        "Re: Your application", "we have decided not to move forward", "X-Followup: draft rejection_thanks\r\n"
    )
    assert classify(parse_mail(marked), rules).category == "own_message"
    assert (
        classify(
            parse_mail(mail("x", "decided not to move forward")), rules, frozenset({"someone@corp.example"})
        ).category
        == "own_message"
    )


@given(st.text())
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


_COMBINING_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_FOLDED = str.maketrans({"ß": "ss", "ı": "i", "’": "'", "‘": "'", "´": "'", "`": "'", "\u00a0": " "})


@given(st.text(alphabet=st.sampled_from("aAéÉßıİ’‘´`\u00a0 \tçÇñøØ\u0301ﬁ")) | st.text())
def test_normalize_folds_case_accents_quotes_and_blanks(text: str) -> None:
    """As its plain statement: a non-ASCII text through one translation table, NFKD and without
    combining marks; then casefold and blanks folded."""
    plain = text
    if not text.isascii():
        plain = re.sub(_COMBINING_MARKS, "", unicodedata.normalize("NFKD", text.translate(_FOLDED)))
    assert normalize(text) == " ".join(plain.casefold().split())


@given(
    st.text(alphabet=st.characters(categories=["L"]), min_size=1, max_size=20).filter(
        lambda w: normalize(w) == w.casefold() == normalize(w.upper()) and w.strip()
    ),
    st.text(alphabet=" .,;\n", max_size=5),
    st.text(alphabet=" .,;\n", max_size=5),
)
def test_a_phrase_matches_itself_between_separators_but_not_inside_a_word(word: str, before: str, after: str) -> None:
    matcher = PhraseMatcher([(word, "key")])
    hit = matcher.find(normalize(f"x{before or ' '}{word.upper()}{after or ' '}y"))["key"]
    assert hit.phrase == normalize(word)
    assert matcher.find(normalize(f"x{word}y")) == {}


@given(
    st.lists(st.text(alphabet="ab ", min_size=1, max_size=6).filter(lambda p: normalize(p)), min_size=1, max_size=8),
    st.text(alphabet="ab ", max_size=40),
)
def test_the_automaton_finds_exactly_what_one_regex_per_phrase_finds(phrases: list[str], text: str) -> None:
    """The combined matcher is an optimisation: it must agree with the obvious implementation."""
    text = normalize(text)
    matcher = PhraseMatcher([(p, i) for i, p in enumerate(phrases)])
    found = matcher.find(text)
    for i, phrase in enumerate(phrases):
        obvious = re.search(rf"(?<!\w){re.escape(normalize(phrase))}(?!\w)", text)
        assert (i in found) == (obvious is not None), (phrase, text)
        if obvious is not None:
            assert found[i].start <= obvious.start()


@given(
    st.lists(
        st.text(alphabet="ab -'éø_", min_size=1, max_size=6).filter(lambda p: normalize(p)), min_size=1, max_size=8
    ),
    st.text(alphabet="ab -'éøжß_1.", min_size=SET_FROM, max_size=80),
)
def test_the_phrase_set_finds_what_the_automaton_finds(phrases: list[str], text: str) -> None:
    """PhraseMatcher.present (an RE2 set with ASCII word boundaries, the text's other characters
    written as 'A' or NUL for it) finds the phrases scan() finds, and start_of where."""
    text = normalize(text)
    shipped, phrases_module.SET_CHARACTERS = phrases_module.SET_CHARACTERS, 200_000  # the sets are off by default
    try:
        matcher = PhraseMatcher([(p, i) for i, p in enumerate(phrases)])
    finally:
        phrases_module.SET_CHARACTERS = shipped
    found = matcher.scan(text)
    assert sorted(matcher.phrases[number] for number in matcher.present(text)) == sorted(found)
    for phrase, start in found.items():
        assert matcher.start_of(text, phrase) == start


def test_language_thread_footer_and_nested_conditions(tmp_path: Path) -> None:
    text = """
[[rule]]
name = "german-no"
category = "rejection"
priority = 30
language = "de"
any = [ { body = ["leider"] }, { all = [ { subject = ["absage"] }, { none = [ { body = ["termin"] } ] } ] } ]

[[rule]]
name = "reply-to-rejection"
category = "feedback_received"
priority = 20
thread = "rejection"

[[rule]]
name = "alert-footer"
category = "job_alert"
priority = 10
footer = ["job alert"]
"""
    rules = load_rules([write(tmp_path, "r.toml", text)])
    german = (
        "Hallo Sam, vielen Dank für Ihre Bewerbung. Leider haben wir uns anders entschieden. Mit freundlichen Grüßen"
    )
    assert classify(parse_mail(mail("Ihre Bewerbung", german)), rules).rule == "german-no"
    english = "Hello Sam, thank you for your application. Leider is a German word we are not using here today."
    assert classify(parse_mail(mail("Your application", english)), rules).rule is None
    nested = "Hallo Sam, die Stelle ist vergeben, wir danken Ihnen für die Zeit und wünschen Ihnen alles Gute."
    assert classify(parse_mail(mail("Absage", nested)), rules).rule == "german-no"
    assert classify(parse_mail(mail("Absage", nested + " Ihr Termin")), rules).rule is None

    reply = parse_mail(mail("Re: x", "thanks", "In-Reply-To: <r1@corp.example>\r\nReferences: <r1@corp.example>\r\n"))
    assert classify(reply, rules, threads={"<r1@corp.example>": "rejection"}).rule == "reply-to-rejection"
    assert classify(reply, rules, threads={"<r1@corp.example>": "offer"}).rule is None

    footer = "Here are your new matches for today: Backend Engineer at Lumen Labs, and two more roles.\n\n" * 2
    decided = classify(
        parse_mail(mail("New roles", footer + "You are receiving this job alert because you asked.")), rules
    )
    assert decided.rule == "alert-footer" and decided.evidence[0].field == "footer"


def test_a_catastrophic_regex_cannot_hang_classification(tmp_path: Path) -> None:
    """RE2 runs in linear time: the textbook exponential pattern on a long hostile body returns."""
    rules = load_rules(
        [write(tmp_path, "r.toml", '[[rule]]\nname = "evil"\ncategory = "rejection"\nbody = { regex = "^(a+)+$" }\n')]
    )
    hostile = parse_mail(mail("x", "a" * 100_000 + "!"))
    assert classify(hostile, rules).category == "other"  # would take longer than the universe with backtracking


def test_header_phrases_and_evidence_positions(tmp_path: Path) -> None:
    text = '[[rule]]\nname = "h"\ncategory = "newsletter"\nheader = { name = "X-Mailer", phrases = ["Mass Mailer"] }\n'
    rules = load_rules([write(tmp_path, "r.toml", text)])
    decision = classify(parse_mail(mail("x", "y", "X-Mailer: The MASS  mailer 3.1\r\n")), rules)
    assert decision.rule == "h"
    (evidence,) = decision.evidence
    assert evidence.field == "header x-mailer" and evidence.matched == "mass mailer" and evidence.at == 4


def test_every_shipped_rule_compiles_once_into_one_matcher_per_field() -> None:
    rules = load_rule_set(None)
    names = [r.name for r in rules.rules]
    assert len(names) == len(set(names)) >= 30
    for pack in ("rejection-en", "rejection-de", "rejection-fr", "rejection-es", "ats-acknowledgement-floor"):
        assert pack in names
    assert rules.matchers["body"].size > 500 and rules.matchers["subject"].size > 300


CORPUS = Path(__file__).resolve().parent / "corpus"
_SHIPPED = load_rule_set(None)
_PHRASES = sorted(
    {phrase for rule in _SHIPPED.rules for c in rule.condition.walk() for phrase in getattr(c, "phrases", ())}
)


def _never_skips_a_rule_that_holds(mail: Mail) -> None:
    view = MailView(mail, _SHIPPED)
    possible = view.possible_rules(_SHIPPED.anchor_index)
    for position, rule in enumerate(_SHIPPED.rules):
        holds = rule.check(view) is not None
        # holds() is what the sum asks (no evidence looked up): it must say the same as check(),
        # and so must the rule's bit test on what the scans found (what classify asks).
        assert rule.holds(view) == holds, rule.name
        assert _SHIPPED.tests[position].holds(view.leaves(), view) == holds, rule.name
        if holds:
            assert possible >> position & 1, rule.name
        elif _SHIPPED.sure_mask >> position & 1:  # let through by the scans means it holds
            assert not possible >> position & 1, rule.name


def test_the_anchor_prefilter_never_skips_a_rule_that_holds_on_the_corpus() -> None:
    for path in sorted(CORPUS.glob("*.eml")):
        _never_skips_a_rule_that_holds(parse_mail(path.read_bytes()))


@given(
    subject=st.lists(st.sampled_from(_PHRASES), max_size=3).map(" ".join),
    body=st.lists(st.one_of(st.sampled_from(_PHRASES), st.text(max_size=20)), max_size=8).map(" ".join),
)
def test_the_anchor_prefilter_never_skips_a_rule_that_holds(subject: str, body: str) -> None:
    mail = Mail("", subject, Address("Pat", "pat@example.com"), (), None, (), {}, text=body)
    _never_skips_a_rule_that_holds(mail)


_RULE_PHRASES = [
    phrases
    for rule in _SHIPPED.rules
    if (phrases := tuple(p for c in rule.condition.walk() for p in getattr(c, "phrases", ())))
]


@st.composite
def _words_of_a_few_rules(draw: st.DrawFn, most: int) -> str:
    """Phrases of one to three rules (those that must hold and those that must not), mixed with
    any others and random text: the mails where rules hold, compete and are vetoed."""
    rules = draw(st.lists(st.sampled_from(_RULE_PHRASES), min_size=1, max_size=3))
    own = st.sampled_from([phrase for phrases in rules for phrase in phrases])
    return " ".join(draw(st.lists(st.one_of(own, own, st.sampled_from(_PHRASES), st.text(max_size=12)), max_size=most)))


@given(subject=_words_of_a_few_rules(3), body=_words_of_a_few_rules(10), automated=st.booleans())
def test_classify_decides_what_explain_shows(subject: str, body: str, automated: bool) -> None:
    # classify() takes the fast path (bit tests on what the scans found, evidence only for the
    # rule shown); trace() (followup explain) checks every rule's conditions and keeps their
    # evidence. Both must reach the same decision, score, margin and evidence.
    headers = {"auto-submitted": "auto-generated"} if automated else {}
    mail = Mail("", subject, Address("Pat", "jobs@talent.example"), (), None, (), headers, text=body)
    assert classify(mail, _SHIPPED) == trace(mail, _SHIPPED).decision


def test_a_weighed_decision_looks_up_its_evidence_when_read_and_pickles_as_a_decision() -> None:
    # classify() leaves the evidence of a weighed decision to its first reading (decide._Weighed).
    for path in sorted((Path(__file__).resolve().parent / "corpus").glob("*.eml"))[:40]:
        mail = parse_mail(path.read_bytes())
        decision = classify(mail, _SHIPPED)
        expected = trace(mail, _SHIPPED).decision
        copy = pickle.loads(pickle.dumps(decision))
        assert type(copy) is Decision
        assert copy == decision == expected and expected == decision
        assert hash(decision) == hash(expected)
        assert decision.evidence == expected.evidence


_SHAPES = load_rules([Path(__file__).resolve().parent / "data" / "rule-shapes.toml"])
_WORDS = ("alpha", "beta", "gamma", "delta", "re: x")


@given(
    subject=st.lists(st.sampled_from(_WORDS), max_size=3).map(" ".join),
    body=st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join),
    header=st.booleans(),
)
def test_each_rules_bit_test_says_what_its_conditions_say(subject: str, body: str, header: bool) -> None:
    # RuleSet.tests are compiled from the conditions (rules.Test.of), for rules of every shape.
    mail = Mail("", subject, Address("", "a@b.example"), (), None, (), {"x-a": "1"} if header else {}, text=body)
    view = MailView(mail, _SHAPES)
    possible = view.possible_rules(_SHAPES.anchor_index)
    for position, rule in enumerate(_SHAPES.rules):
        holds = rule.check(view) is not None
        assert _SHAPES.tests[position].holds(view.leaves(), view) == holds, rule.name
        if holds:
            assert possible >> position & 1, rule.name


def test_each_fields_regex_set_finds_what_each_regex_alone_finds_on_the_corpus() -> None:
    # RE2 answers "no match" when a set outgrows its memory budget, without an error: the
    # shipped sets must fit (rules.SET_MEMORY), on every mail of the corpus.
    for path in sorted(CORPUS.rglob("*.eml")):
        view = MailView(parse_mail(path.read_bytes()), _SHIPPED)
        for field, regex_set in _SHIPPED.regex_sets.items():
            text = view.field(field)
            alone = {index for regex, index in regex_set.index.items() if regex.search(text) is not None}
            assert regex_set.matching(text.encode()) == alone, (path.name, field)


MAIL = b"From: hr@corp.example\r\nSubject: Your application\r\n\r\nWe regret to inform you.\r\n"


def _config(tmp_path: Path, rules_dir: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'state_dir = "{tmp_path / "state"}"\nrules_dir = "{rules_dir}"\n'
        '[accounts.main]\nname = "T"\nemail = "t@example.org"\n'
        '[accounts.main.imap]\nhost = "127.0.0.1"\nusername = "t"\npassword_command = "echo x"\n'
    )
    return path


def _classify(config: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    mail = tmp_path / "m.eml"
    mail.write_bytes(MAIL)
    command = [sys.executable, "-m", "followup", "classify", "--config", str(config), str(mail)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_a_700_kb_phrase_is_refused_with_its_place_not_a_segfault(tmp_path: Path) -> None:
    # pyahocorasick frees its trie recursively: a phrase this long overflowed the C stack when the
    # automaton was dropped (exit 139 at the end of `classify`, and on the reload after it).
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "big.toml").write_text(
        '[[rule]]\nname = "big"\ncategory = "rejection"\nbody = ["' + "a" * 700_000 + '"]\n'
    )
    result = _classify(_config(tmp_path, rules), tmp_path)
    assert result.returncode == 78, (result.returncode, result.stderr[-500:])
    assert "big.toml:4: rule 'big': body: a phrase of 700,000 characters" in result.stderr
    assert f"at most {MAX_PHRASE_CHARS}" in result.stderr


def test_ten_thousand_regex_rules_are_refused_with_the_file_and_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "many.toml").write_text(
        "".join(
            f'[[rule]]\nname = "r{n}"\ncategory = "rejection"\nbody = {{ regex = "\\\\bword{n}\\\\b" }}\n'
            for n in range(10_000)
        )
    )
    result = _classify(_config(tmp_path, rules), tmp_path)
    assert result.returncode == 78, (result.returncode, result.stderr[-500:])
    assert f"more than {MAX_RULES} rules" in result.stderr and "many.toml:" in result.stderr
    assert "re2" not in result.stderr and "Traceback" not in result.stderr


def test_too_many_or_too_large_regexes_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.toml"
    regexes = ", ".join(f'{{ body = {{ regex = "w{n}x" }} }}' for n in range(MAX_REGEXES_PER_FIELD + 1))
    many.write_text(f'[[rule]]\nname = "many"\ncategory = "rejection"\nany = [{regexes}]\n')
    with pytest.raises(RuleError, match=f"many.toml: .*in all rule files, {MAX_REGEXES_PER_FIELD + 1} in this one"):
        load_rules([many])
    large = tmp_path / "large.toml"
    large.write_text('[[rule]]\nname = "large"\ncategory = "rejection"\nbody = { regex = "(a|b|c){1,1000}" }\n')
    with pytest.raises(RuleError, match=r"large.toml:4: rule 'large': body: .*program of"):
        load_rules([large])


def test_regexes_too_large_to_compile_together_name_the_file_holding_most(tmp_path: Path) -> None:
    """RE2 compiles all regexes of a field as one set; past its memory limit the error names
    the rule file with the most of them, not just RE2's 'failed to compile Set'."""
    letters = "abcdefghijklmnop"
    few, most = tmp_path / "few.toml", tmp_path / "most.toml"
    for path, numbers in ((few, range(20)), (most, range(20, 900))):
        path.write_text(
            "".join(
                f'[[rule]]\nname = "r{n}"\ncategory = "rejection"\nbody = {{ regex = "('
                + "|".join(letters[(n + k) % 16 :] + letters[: (n + k) % 16] + f"{k}" for k in range(40))
                + f')x{n}" }}\n'
                for n in numbers
            )
        )
    with pytest.raises(
        RuleError, match=r"most.toml: the 900 regexes on field 'body' in all rule files, 880 in this one"
    ):
        load_rules([few, most])


def test_a_refused_reload_keeps_the_running_rules(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text('[[rule]]\nname = "mine"\ncategory = "rejection"\nbody = ["custom phrase"]\n')
    path = _config(tmp_path, rules)
    service = Service(parse_config(path.read_text(), path), FakeClock(TEST_START))
    try:
        running = service.pipeline
        (rules / "mine.toml").write_text(
            "".join(
                f'[[rule]]\nname = "r{n}"\ncategory = "rejection"\nbody = {{ regex = "w{n}" }}\n' for n in range(3000)
            )
        )
        assert service.reload() is False
        assert service.pipeline is running
        assert "mine" in {rule.name for rule in service.pipeline.rules.rules}
    finally:
        service.ledger.close()


def test_a_phrase_tie_is_broken_by_length_not_by_set_order() -> None:
    """Two phrases of one key found at the same place: the longer is the evidence, in every process
    (a frozenset's order changes with the hash seed)."""
    matcher = PhraseMatcher([("hiring", "k"), ("hiring manager", "k"), ("manager", "k")])
    text = "our hiring manager will call"
    found = matcher.scan(text)
    assert matcher.first(found, "k") == ("hiring manager", 4)
    assert matcher.find(text)["k"] == ("hiring manager", 4)
