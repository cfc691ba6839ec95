"""The `followup` command: subcommands, and errors mapped to exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
from datetime import UTC
from pathlib import Path

from followup import __version__
from followup.clock import clock_from_environment
from followup.config import DEFAULT_CONFIG_DIR, AccountConfig, Config, load_config, parse_config
from followup.errors import AlreadyRunning, FollowupError, LocatedError, MailParseError, StateError
from followup.model import DraftToWrite, ReminderToSchedule

log = logging.getLogger("followup")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_CONFIG = 0, 1, 2, 78
EXIT_STATE = 74
"""The state directory cannot be used: not a directory, not writable, damaged, disk full (EX_IOERR)."""
EXIT_ALREADY_RUNNING = 75
"""Another followup holds the state directory; this run did nothing (EX_TEMPFAIL: try later).
What `followup once` from cron exits with beside `followup run`: safe to ignore."""


def default_config_path() -> Path:
    env = os.environ.get("FOLLOWUP_CONFIG")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CONFIG_HOME")
    return (Path(base) / "followup" if base else Path(DEFAULT_CONFIG_DIR).expanduser()) / "config.toml"


def stderr_is_journal() -> bool:
    """Whether stderr goes to the journal, which stamps each line itself: systemd sets
    JOURNAL_STREAM to the device and inode of the stream it connected (systemd.exec(5))."""
    device, _, inode = os.environ.get("JOURNAL_STREAM", "").partition(":")
    try:
        stat = os.fstat(sys.stderr.fileno())
        return (stat.st_dev, stat.st_ino) == (int(device), int(inode))
    except (ValueError, OSError):
        return False


def _setup_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format=("" if stderr_is_journal() else "%(asctime)s ") + "%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # imapclient's debug log would show the LOGIN line: keep it quiet whatever the level.
    logging.getLogger("imapclient").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd, in the demo


def _config(args: argparse.Namespace) -> Config:
    return load_config(args.config or default_config_path())


def cmd_run(args: argparse.Namespace) -> int:
    from followup.service.service import Service

    service = Service(_config(args), clock_from_environment())
    signal.signal(signal.SIGTERM, lambda *_: service.request_stop())
    signal.signal(signal.SIGINT, lambda *_: service.request_stop())
    signal.signal(signal.SIGHUP, lambda *_: service.request_reload())
    service.run()
    return EXIT_OK


def cmd_once(args: argparse.Namespace) -> int:
    from followup.errors import AccountsFailed
    from followup.service.service import Service

    try:
        print(Service(_config(args), clock_from_environment()).once())
    except AccountsFailed as exc:
        print(exc.summary)  # what the accounts that worked found; the failures follow on stderr
        raise
    return EXIT_OK


def _classify_files(args: argparse.Namespace, explain: bool) -> int:
    from followup.act.extract import extract
    from followup.act.platforms import platforms
    from followup.classify.decide import classify, trace
    from followup.cli.explain import explain as explain_text
    from followup.mail.parse import parse_mail
    from followup.resources import load_rule_set

    config = _config(args) if args.config else None
    rules = load_rule_set(config)
    own = frozenset().union(*(a.own_addresses for a in config.accounts)) if config else frozenset()
    zone = config.timezone if config else None
    status = EXIT_OK
    for name in args.files:
        try:
            mail = parse_mail(Path(name).read_bytes())
        except (OSError, MailParseError) as exc:
            if explain:
                print(f"{name}\n  error: {exc}")
            else:
                print(json.dumps({"file": name, "category": None, "rule": None, "evidence": [], "error": str(exc)}))
            status = EXIT_FAILED
            continue
        if explain:
            facts = extract(mail, zone or UTC, platforms=platforms(rules.lists))
            print(explain_text(name, mail, trace(mail, rules, own), facts))
            continue
        decision = classify(mail, rules, own)
        evidence = [
            {"field": e.field, "pattern": e.pattern, "matched": e.matched, "at": e.at} for e in decision.evidence
        ]
        row = {"file": name, "category": decision.category, "rule": decision.rule, "evidence": evidence}
        if decision.margin is not None:  # decided by weighed evidence
            row |= {"score": decision.score, "margin": decision.margin}
        print(json.dumps(row, ensure_ascii=False))
    return status


def cmd_facts(args: argparse.Namespace) -> int:
    """`facts FILE...`: one JSON line per mail; `facts test DIR --truth F.csv`: the score."""
    from collections import Counter

    from followup.act.facts_eval import facts_of_file, read_truth, report, score
    from followup.resources import load_rule_set

    config = _config(args) if args.config else None
    rules = load_rule_set(config)
    own = frozenset().union(*(a.own_addresses for a in config.accounts)) if config else frozenset()
    zone = config.timezone if config else None
    if args.files[0] != "test":
        rows = [facts_of_file(Path(name), rules, own, zone) for name in args.files]
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_FAILED if any("error" in row for row in rows) else EXIT_OK
    if len(args.files) != 2:
        print("usage: followup facts test DIR --truth F.csv", file=sys.stderr)
        return EXIT_USAGE
    directory = Path(args.files[1])
    truth = read_truth(Path(args.truth) if args.truth else directory / "truth.csv")
    wanted = set(args.only.split(",")) if args.only else None
    names = [
        n for n, t in truth.items() if (directory / n).is_file() and (wanted is None or t.get("category") in wanted)
    ]
    rows = [facts_of_file(directory / name, rules, own, zone) for name in names]
    print(report(score(rows, truth), len(rows), Counter(truth[n].get("category", "") for n in names)))
    return EXIT_OK


def cmd_classify(args: argparse.Namespace) -> int:
    return _classify_files(args, explain=False)


def cmd_explain(args: argparse.Namespace) -> int:
    return _classify_files(args, explain=True)


PREVIEW_IDENTITY = """
[accounts.preview]
name = "You"
email = "you@example.invalid"
[accounts.preview.imap]
host = "imap.example.invalid"   # never contacted: preview only renders
username = "you"
password_env = "FOLLOWUP_PREVIEW_UNUSED"
"""


def _preview_account(args: argparse.Namespace) -> tuple[Config, AccountConfig]:
    """The user's config and first account, or a stand-in identity with the default plan."""
    from dataclasses import replace

    if args.config or default_config_path().exists():
        config = _config(args)
    else:
        print("no config: drafting as 'You <you@example.invalid>'; pass --config to use your identity", file=sys.stderr)
        # Shipped rules and templates only: no rules/ or templates/ beside the working directory,
        # no pack learned in a state directory.
        config = replace(parse_config(PREVIEW_IDENTITY), rules_dir=None, templates_dir=None, state_dir=Path(os.devnull))
    return config, config.accounts[0]


def _draft_row(name: str, category: str | None, language: str, draft: DraftToWrite) -> dict[str, str | None]:
    """What `preview --json` prints for one draft: the body decoded, as a mail client shows it."""
    import email
    import email.message
    import email.policy

    message = email.message_from_bytes(draft.raw, policy=email.policy.default)
    part = message.get_body(("plain",))
    body = part.get_content().replace("\r\n", "\n") if isinstance(part, email.message.EmailMessage) else ""
    return {
        "file": name,
        "category": category,  # None: a template was given, the mail was not classified
        "template": draft.template,
        "language": language,
        "to": draft.to,
        "subject": draft.subject,
        "body": body,
        "not_before": draft.not_before.isoformat() if draft.not_before else None,
    }


def _as_appended(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace").replace("\r\n", "\n")


def cmd_preview(args: argparse.Namespace) -> int:
    """Print drafts exactly as they would be appended: for each file, those the plan writes for
    its category (`preview FILE...`), or the one a given template makes (`preview TEMPLATE FILE`)."""
    from followup.act.extract import extract
    from followup.mail.parse import parse_mail

    config, account = _preview_account(args)
    files, template = list(args.files), args.template
    first = Path(files[0])
    if template is None and len(files) > 1 and not first.exists() and first.suffix != ".eml" and "/" not in files[0]:
        template, files = files[0], files[1:]  # the older form: preview TEMPLATE FILE
    if template is None:
        return _preview_plan(args, config, account, files)

    from followup.act.platforms import platforms
    from followup.act.render_draft import render_draft
    from followup.resources import load_rule_set, load_templates

    templates, now, status = load_templates(config), clock_from_environment().now(), EXIT_OK
    known = platforms(load_rule_set(config).lists)
    for name in files:
        try:
            mail = parse_mail(Path(name).read_bytes())
        except (OSError, MailParseError) as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        facts = extract(mail, config.timezone, platforms=known)
        draft = render_draft(mail, facts, account, templates, template, now)
        if args.json:
            print(json.dumps(_draft_row(name, None, facts.language, draft), ensure_ascii=False))
            continue
        folder = account.imap.drafts_folder or "the Drafts folder (\\Drafts special-use, or found by name)"
        print(f"would APPEND to {folder} with flags \\Draft, language {facts.language}:", file=sys.stderr)
        if len(files) > 1:
            print(f"==> {name}: {template} <==")
        sys.stdout.write(_as_appended(draft.raw))
    return status


def _preview_plan(args: argparse.Namespace, config: Config, account: AccountConfig, files: list[str]) -> int:
    """What the daemon's pipeline writes for each file, as if it had just arrived (whatever its
    age: act_on_mail_newer_than is set aside). Files given together form one batch, so a reply
    in a thread among them is read in that thread, as the daemon would."""
    from dataclasses import replace
    from datetime import timedelta

    from followup.act.extract import extract
    from followup.act.platforms import platforms
    from followup.imap.mailbox import Fetched
    from followup.mail.parse import parse_mail
    from followup.pipeline import Pipeline

    status, readable = EXIT_OK, []
    for name in files:
        try:
            readable.append((name, Path(name).read_bytes()))
        except OSError as exc:
            print(f"error: {name}: {exc.strerror or exc} (not a file, nor a template name)", file=sys.stderr)
            status = EXIT_FAILED
    if args.reminder_hours is not None:
        from followup.config import parse_reminder_hours

        try:
            config = replace(config, reminder_hours=parse_reminder_hours(args.reminder_hours))
        except ValueError as exc:
            raise FollowupError(f"--reminder-hours {exc}") from None
    pipeline = Pipeline.load(replace(config, act_on_mail_newer_than=timedelta.max))
    fetched = [Fetched(uid, raw, len(raw), None, False) for uid, (_, raw) in enumerate(readable, 1)]
    scheduled: list[tuple[str, str, ReminderToSchedule]] = []
    batch = pipeline.process_batch(account, "preview", 1, fetched, clock_from_environment().now(), lambda _ids: {}, {})
    for (name, raw), item in zip(readable, batch, strict=True):
        if item.error or item.decision is None:
            print(f"error: {name}: {item.error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        category = item.decision.category
        if args.reminders:
            scheduled.extend((name, category, r) for r in item.reminders)
        if not item.drafts:
            if not args.json:
                print(f"==> {name}: {category}: no draft (the plan writes none for it) <==\n")
            continue
        language = extract(parse_mail(raw), config.timezone, platforms=platforms(pipeline.rules.lists)).language
        for number, draft in enumerate(item.drafts, 1):
            if args.json:
                print(json.dumps(_draft_row(name, category, language, draft), ensure_ascii=False))
                continue
            when = f", written to Drafts at {draft.not_before:%Y-%m-%d %H:%M %Z}" if draft.not_before else ""
            print(f"==> {name}: {category}, draft {number} of {len(item.drafts)}: {draft.template}{when} <==")
            sys.stdout.write(_as_appended(draft.raw) + "\n")
    if args.reminders:
        _preview_reminders(args, config, account, scheduled)
    return status


def _preview_reminders(
    args: argparse.Namespace,
    config: Config,
    account: AccountConfig,
    scheduled: list[tuple[str, str, ReminderToSchedule]],
) -> None:
    """Every reminder the plan schedules for the files, with its due time in the config's zone,
    then the mails the user would get: those due within the same hour as one, none outside
    reminder_hours (`preview --reminders`)."""
    from followup.act.render_reminder import combined_reminder, deliveries

    zone = config.timezone
    files = {id(r): name for name, _, r in scheduled}
    for name, category, reminder in scheduled:
        due = reminder.due_at.astimezone(zone)
        if args.json:
            draft = reminder.draft_key.rpartition("\x1f")[2] if reminder.draft_key else None
            row: dict[str, object] = {"kind": "reminder", "file": name, "category": category, "step": reminder.kind}
            row |= {"due": due.isoformat(), "draft": draft, "subject": reminder.subject, "body": reminder.body}
            print(json.dumps(row, ensure_ascii=False))
            continue
        print(f"==> {name}: {category}, reminder {reminder.kind}, due {due:%a %Y-%m-%d %H:%M %Z} <==")
        print(f"Subject: {reminder.subject}\n\n{reminder.body}")
    for when, members in deliveries([r for _, _, r in scheduled], zone, config.reminder_hours):
        if len(members) < 2:
            continue
        together = combined_reminder(account, members)
        names = sorted({files[id(m)] for m in members})
        if args.json:
            mail: dict[str, object] = {"kind": "combined", "files": names, "steps": [m.kind for m in members]}
            mail |= {"due": when.astimezone(zone).isoformat(), "subject": together.subject, "body": together.body}
            print(json.dumps(mail, ensure_ascii=False))
            continue
        at = when.astimezone(zone)
        print(f"==> one mail at {at:%a %Y-%m-%d %H:%M %Z}: {len(members)} reminders ({', '.join(names)}) <==")
        print(f"Subject: {together.subject}\n\n{together.body}")


def cmd_rules_test(args: argparse.Namespace) -> int:
    from followup.classify.categories import ACTIONABLE
    from followup.classify.evaluate import classify_directory, read_labels, report, scores
    from followup.resources import load_rule_set

    config = _config(args) if args.config else None
    rules = load_rule_set(config)
    directory = Path(args.directory)
    labels_path = Path(args.labels) if args.labels else directory / "labels.csv"
    results = classify_directory(directory, read_labels(labels_path), rules)
    print(report(results, rules))
    table = scores(results)
    below = [
        c
        for c in ACTIONABLE
        if c in table and (table[c].precision < args.min_precision or table[c].recall < args.min_recall)
    ]
    return EXIT_FAILED if below else EXIT_OK


def cmd_rules_train(args: argparse.Namespace) -> int:
    from followup.classify.evaluate import LabelsError, read_labels
    from followup.classify.rules import load_rules
    from followup.classify.train import (
        cross_validate,
        fit,
        load_examples,
        predict,
        render_pack,
        summary,
        trained_rules,
    )
    from followup.resources import written_rule_files

    config = _config(args) if args.config else None
    directories = [Path(d) for d in args.directories]
    if args.labels and len(directories) > 1:
        raise LabelsError("--labels goes with one directory; give each directory its own labels.csv")
    sets = [(d, read_labels(Path(args.labels) if args.labels else d / "labels.csv")) for d in directories]
    out = Path(args.out)
    # Start from the written rules: an earlier trained pack (this one, the shipped one, a learned
    # one) neither weighs nor chooses phrases for this one.
    files = written_rule_files(config)
    categories = config.categories if config else ()
    rules = load_rules(files, categories)
    examples = load_examples(sets)
    given = {
        "phrases": args.phrases,
        "strength": args.strength,
        "margin": args.margin,
        "trust": args.trust,
        "word": args.word,
    }
    options = {key: value for key, value in given.items() if value is not None}  # else train's defaults
    lines = [
        f"Trained by `followup rules train` on {len(examples)} labelled mails ({', '.join(str(d) for d in directories)}).",
        "Regenerate rather than edit; to change one rule's weights, override them in a later file",
        "(a [weights] table) or redefine the rule by name.",
    ]
    if args.folds:
        lines.append(f"{args.folds}-fold cross-validation (each fold decided by weights trained without it):")
        lines += summary(cross_validate(examples, files, rules, args.folds, **options))
    fitted = fit(examples, rules, **options)
    pack = render_pack(fitted, rules, "\n".join(lines))
    out.write_text(pack, encoding="utf-8")
    print("\n".join(lines))
    print(
        f"wrote {out}: weights for {len(fitted.weights) - len(fitted.phrases)} rules, {len(fitted.phrases)} learned phrases"
    )
    if args.score:
        weighed = trained_rules(files, pack, categories)
        for directory in map(Path, args.score):
            held_out = load_examples([(directory, read_labels(directory / "labels.csv"))])
            print(f"{directory} (held out: not trained on), {len(held_out)} mails:")
            print("\n".join(summary(predict(held_out, weighed))))
    return EXIT_OK


def cmd_learn(args: argparse.Namespace) -> int:
    """Store the user's correction and retrain the local pack on the shipped corpus plus theirs."""
    from followup.classify.learn import retrain, store
    from followup.classify.rules import load_rules
    from followup.resources import load_rule_set, shipped_corpus, written_rule_files

    config = _config(args)
    files: list[Path] = []
    for given in map(Path, args.files):
        files += sorted(given.glob("*.eml")) if given.is_dir() else [given]
    if not files:
        print("error: no .eml files given", file=sys.stderr)
        return EXIT_FAILED
    stored = store(config.state_dir, files, args.category, load_rule_set(config).categories)
    print(f"stored {len(stored)} correction(s) as {args.category} in {config.state_dir / 'learn'}")
    corpus = shipped_corpus()
    rules = load_rules(written_rule_files(config), config.categories)
    out, shipped, mine = retrain(config.state_dir, corpus, rules)
    if corpus is None:
        print("note: the shipped corpus is not installed here: trained on your examples alone", file=sys.stderr)
    print(f"retrained {out} on {shipped} shipped mails and {mine} of yours: the next decision uses it")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from followup.resources import load_rule_set, load_templates

    problems: list[str] = []
    config = None
    path = Path(args.config) if args.config else default_config_path()
    if args.config or path.exists():
        try:
            config = load_config(path)
            print(f"config ok: {path} ({len(config.accounts)} account(s))")
        except LocatedError as exc:
            problems.append(str(exc))
    else:
        print(f"no config at {path}; checking the shipped rules and templates only")
    try:
        rules = load_rule_set(config)
        print(f"rules ok: {len(rules.rules)} rules")
    except LocatedError as exc:
        problems.append(str(exc))
    templates = load_templates(config)
    errors = templates.check_all()
    problems += [str(e) for e in errors]
    if not errors:
        print(f"templates ok: {len(templates.names())} templates")
    if config is not None:
        for category, plan in config.plan.items():
            for name in (*plan.drafts, *(f"reminder_{s.kind}" for s in plan.reminders)):
                if not templates.exists(name):
                    problems.append(f"{config.path}: plan.{category}: no template named {name!r}")
    if config is not None and not args.offline:
        from followup.imap.mailbox import probe

        for account in config.accounts:
            try:
                print(f"{account.key}: {probe(account.imap).describe(account.imap)}")
            except FollowupError as exc:
                problems.append(f"{account.key}: {exc}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return EXIT_FAILED if problems else EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from followup.model import DraftStatus, ReminderStatus
    from followup.state.ledger import Ledger
    from followup.state.report import Watched, status

    config = _config(args)
    ledger = Ledger(config.state_dir / "state.sqlite")
    try:
        print(
            status(
                [Watched(account.key, account.imap.idle, account.imap.poll_interval) for account in config.accounts],
                ledger.account_states(),
                ledger.messages(),
                ledger.applications(),
                ledger.drafts_appended(clock_from_environment().now() - timedelta(days=14)),
                ledger.draft_count(status=DraftStatus.PENDING) + ledger.draft_count(status=DraftStatus.APPENDING),
                ledger.reminders(),
                ledger.reminders((ReminderStatus.FAILED,)),
                config.timezone,
            )
        )
    finally:
        ledger.close()
    return EXIT_OK


def cmd_reminders(args: argparse.Namespace) -> int:

    from followup.act.plan import later
    from followup.config import parse_duration
    from followup.model import UNSENT, ReminderStatus
    from followup.state.ledger import Ledger

    config = _config(args)
    ledger = Ledger(config.state_dir / "state.sqlite")
    try:
        if args.reminders_command == "list":
            statuses = tuple(ReminderStatus) if args.all else (*UNSENT, ReminderStatus.FAILED)
            rows = ledger.reminders(statuses)
            if not rows:
                print("no reminders" + ("" if args.all else " coming up (--all shows sent and cancelled ones)"))
            for row in rows:
                due = row.due_at.astimezone(config.timezone)
                extra = f"  ({row.note})" if row.note else ""
                print(f"#{row.id:<5} {due:%a %Y-%m-%d %H:%M}  {row.status:9} {row.kind:20} {row.subject}{extra}")
            return EXIT_OK
        if args.reminders_command == "cancel":
            if not ledger.cancel_reminder("cancelled by you", rowid=args.id):
                print(f"error: no pending reminder #{args.id} (see `followup reminders list`)", file=sys.stderr)
                return EXIT_FAILED
            print(f"reminder #{args.id} cancelled (and the draft it would have brought, if any)")
            return EXIT_OK
        try:
            delay = parse_duration(args.duration)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        due = later(clock_from_environment().now(), delay, config.timezone)
        if not ledger.snooze_reminder(args.id, due, f"snoozed {args.duration}"):
            print(f"error: no pending reminder #{args.id} (see `followup reminders list`)", file=sys.stderr)
            return EXIT_FAILED
        print(f"reminder #{args.id} snoozed until {due.astimezone(config.timezone):%a %Y-%m-%d %H:%M}")
        return EXIT_OK
    finally:
        ledger.close()


def cmd_init(args: argparse.Namespace) -> int:
    """Write a commented config for a provider preset, after checking that the server takes it."""
    from followup.cli.setup_wizard import Interview, write_private

    path = Path(args.config) if args.config else default_config_path()
    if path.exists() and not args.force:
        print(f"error: {path} exists; pass --force to replace it", file=sys.stderr)
        return EXIT_FAILED
    interactive = sys.stdin.isatty()
    if interactive:
        print("A few questions, then a check against your server: nothing is saved before it passes.")
    try:
        text = Interview(args, interactive).checked_text(path)
    except FollowupError as exc:
        if isinstance(exc, LocatedError):
            raise
        print(f"error: {exc}\nnothing saved; fix the settings (or pass --no-check) and run init again", file=sys.stderr)
        return EXIT_FAILED
    write_private(path, text)
    print(f"wrote {path} (readable by you only). Next: followup check, then `systemctl --user enable --now followup`")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from followup.cli.demo import run_demo

    return run_demo(verbose=args.verbose)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followup", description="Follow up well after interviews, from your own mailbox."
    )
    parser.add_argument("--version", action="version", version=f"followup {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: object, help_text: str, config: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if config:
            p.add_argument(
                "--config", "-c", help=f"config file (default: $FOLLOWUP_CONFIG or {DEFAULT_CONFIG_DIR}/config.toml)"
            )
        p.set_defaults(func=func)
        return p

    add("run", cmd_run, "watch the mailboxes and act (the daemon)")
    add(
        "once",
        cmd_once,
        "process what is new, deliver due reminders, and exit (for cron); exits 75 at once, doing nothing,"
        " while another followup (the daemon) acts on the same state directory",
    )
    add("classify", cmd_classify, "classify .eml files; one JSON object per line").add_argument("files", nargs="+")
    add("explain", cmd_explain, "show how .eml files are classified and why").add_argument("files", nargs="+")
    facts = add(
        "facts",
        cmd_facts,
        "print the facts a draft would use from .eml files (one JSON object per line), "
        "or with `facts test DIR --truth F.csv` score them per field",
    )
    facts.add_argument("files", nargs="+", metavar="FILE", help="mails (.eml), or: test DIR")
    facts.add_argument("--truth", "-t", help="truth CSV for `facts test` (default: DIR/truth.csv)")
    facts.add_argument("--only", help="score only these truth categories, comma-separated")
    reminders = sub.add_parser(
        "reminders", help="list, cancel or snooze reminders", description="list, cancel or snooze reminders"
    )
    reminders_sub = reminders.add_subparsers(dest="reminders_command", required=True, metavar="COMMAND")
    for name, help_text in (
        ("list", "the reminders coming up"),
        ("cancel", "never send this one"),
        ("snooze", "send it later"),
    ):
        one = reminders_sub.add_parser(name, help=help_text, description=help_text)
        one.add_argument("--config", "-c", help="config file")
        if name == "list":
            one.add_argument("--all", action="store_true", help="sent and cancelled ones too")
        else:
            one.add_argument("id", type=int, help="the #number `followup reminders list` shows")
        if name == "snooze":
            one.add_argument("duration", help="how long from now: 30m, 3h, 3d, 1w")
        one.set_defaults(func=cmd_reminders)
    rules = sub.add_parser("rules", help="tools for rule writers", description="tools for rule writers")
    rules_sub = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    test = rules_sub.add_parser(
        "test",
        help="score the rules on labelled .eml files",
        description="Classify every file listed in a labels CSV (columns file,label) and print a confusion "
        "matrix, precision and recall per category, and the misclassified files with the rule that fired. "
        "Exits 1 when an actionable category is below the given precision or recall.",
    )
    test.add_argument("directory", help="a directory of .eml files")
    test.add_argument("--labels", "-l", help="the labels CSV (default: DIRECTORY/labels.csv)")
    test.add_argument("--config", "-c", help="use this config's rules directory and categories too")
    test.add_argument("--min-precision", type=float, default=0.0, metavar="P")
    test.add_argument("--min-recall", type=float, default=0.0, metavar="R")
    test.set_defaults(func=cmd_rules_test)
    train = rules_sub.add_parser(
        "train",
        help="fit the rules' weights on labelled .eml files",
        description="Fit a weight per rule and category on labelled mail (regularised logistic regression; "
        "needs the training extra: pip install 'followup[train]'), choose phrases that tell categories apart, "
        "and write both as a rule pack. Load it after the rules it weighs (your rules_dir).",
    )
    train.add_argument("directories", nargs="+", metavar="DIR", help="directories of .eml files with labels.csv")
    train.add_argument("--labels", "-l", help="the labels CSV (one DIR only; default: DIR/labels.csv)")
    train.add_argument(
        "--out", "-o", required=True, help="the pack to write, e.g. ~/.config/followup/rules/trained.toml"
    )
    train.add_argument("--config", "-c", help="weigh this config's rules directory and categories too")
    train.add_argument("--folds", type=int, default=0, metavar="K", help="also report K-fold cross-validation")
    train.add_argument(
        "--score",
        action="append",
        metavar="DIR",
        help="then score this labelled directory (held out) with the new pack",
    )
    train.add_argument("--phrases", type=int, help="how many learned phrases to consider (0: none; default 600)")
    train.add_argument("--strength", type=float, help="inverse regularisation (C; default 10)")
    train.add_argument("--trust", type=float, help="how much less a hand-written rule is penalised (default 2)")
    train.add_argument("--margin", type=float, help="the lead needed, else needs_review (default 0.6)")
    train.add_argument(
        "--word",
        type=float,
        help="what a learned single word enters the fit as, against 1 for a phrase (under 1: penalised more; default 1)",
    )
    train.set_defaults(func=cmd_rules_train)
    preview = add(
        "preview",
        cmd_preview,
        "print the drafts the plan writes for .eml files, exactly as appended (or, with a template name"
        " first or --template, the draft that template makes)",
    )
    preview.add_argument(
        "files", nargs="+", metavar="FILE", help="incoming mails (.eml); the older form TEMPLATE FILE works too"
    )
    preview.add_argument("--template", "-t", help="render this template, e.g. invitation_reply, not the plan's")
    preview.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per draft: file, category, template, language, to, subject, body",
    )
    preview.add_argument(
        "--reminders",
        action="store_true",
        help="also every reminder the plan schedules, with its due time, and the mails that list those due"
        " within one hour (JSON: objects with kind 'reminder' or 'combined')",
    )
    preview.add_argument(
        "--reminder-hours", metavar="SPAN", help='as reminder_hours in the config, e.g. "08:00-21:00", or "always"'
    )
    init = add("init", cmd_init, "write a config for your mail provider, after checking the connection")
    init.add_argument(
        "--preset",
        choices=["gmail", "outlook", "fastmail", "icloud", "generic"],
        default="generic",
        help="your provider's servers, port, security and login method (default: generic, any IMAP server)",
    )
    init.add_argument("--email", help="your email address (reminders go there; drafts are from it)")
    init.add_argument("--name", help="your name, for the drafts' From and signature")
    init.add_argument("--username", help="IMAP username (default: the email address)")
    init.add_argument("--host", help="IMAP server (preset's by default)")
    init.add_argument("--port", type=int)
    init.add_argument("--security", choices=["tls", "starttls", "none"])
    init.add_argument("--auth", choices=["password", "xoauth2", "oauthbearer"])
    init.add_argument("--ca-file", help="the CA certificate (PEM) of a self-hosted server's certificate")
    init.add_argument("--password-command")
    init.add_argument("--password-env")
    init.add_argument("--token-command")
    init.add_argument("--timezone", default="UTC", help="IANA name, e.g. Europe/Berlin")
    init.add_argument("--no-check", action="store_true", help="save without connecting first")
    init.add_argument("--force", action="store_true", help="replace an existing config")
    learn = add("learn", cmd_learn, "teach followup what a mail is: store it and retrain your local pack")
    learn.add_argument("files", nargs="+", metavar="FILE", help=".eml files, or directories of them")
    learn.add_argument("--as", dest="category", required=True, metavar="CATEGORY", help="what they are")
    check = add("check", cmd_check, "validate config, rules and templates, and log in to each account")
    check.add_argument("--offline", action="store_true", help="do not connect: check the files only")
    add("status", cmd_status, "what has been processed, written and scheduled")
    add("demo", cmd_demo, "run the whole path on an embedded demo mailbox (no account needed)", config=False)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging(args.verbose)
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # here, where a closed pipe (`followup status | head`) is caught
        return status
    except BrokenPipeError:
        # The reader went away: nothing more to say. stdout goes to devnull so that Python's
        # own flush at exit does not fail again (the recipe in the signal module's docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except AlreadyRunning as exc:
        print(exc, file=sys.stderr)
        return EXIT_ALREADY_RUNNING
    except StateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STATE
    except LocatedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except FollowupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
