"""`followup learn FILE.eml --as CATEGORY`: the user's corrections, kept in the state directory,
and the local pack retrained from them (the shipped corpus plus the user's own examples), like
SpamAssassin's sa-learn. Nothing leaves the machine.

    STATE_DIR/learn/<sha256>.eml     each corrected mail, as given
    STATE_DIR/learn/labels.csv       file,label (a later correction of the same mail replaces it)
    STATE_DIR/learned.toml           the pack the daemon loads after every other rule file
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from followup.classify.evaluate import read_labels
from followup.classify.rules import RuleSet
from followup.classify.train import Example, fit, load_examples, render_pack
from followup.errors import FollowupError

USER_WEIGHT = 5.0
"""A user's correction counts as this many corpus mails: it is about their own inbox."""


class LearnError(FollowupError):
    """A correction cannot be stored (unknown category, unreadable file)."""


def learned_pack(state_dir: Path) -> Path:
    return state_dir / "learned.toml"


def corpus_sets(root: Path) -> list[tuple[Path, dict[str, str]]]:
    """The shipped corpus: the team's (root/labels.csv) and every batch under root/wild."""
    directories = [root, *sorted(p for p in (root / "wild").glob("*") if p.is_dir())]
    return [(d, read_labels(d / "labels.csv")) for d in directories if (d / "labels.csv").is_file()]


def store(state_dir: Path, files: Iterable[Path], category: str, known: Iterable[str]) -> list[str]:
    """Copy each mail into STATE_DIR/learn under the hash of its bytes and label it. Returns the stored names."""
    if category not in set(known) or category == "needs_review":
        raise LearnError(f"unknown category {category!r} (known: {', '.join(sorted(set(known) - {'needs_review'}))})")
    directory = state_dir / "learn"
    directory.mkdir(parents=True, exist_ok=True)
    labels_path = directory / "labels.csv"
    labels = read_labels(labels_path) if labels_path.exists() else {}
    stored = []
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise LearnError(f"{path}: cannot read: {exc}") from None
        name = hashlib.sha256(raw).hexdigest()[:32] + ".eml"
        target = directory / name
        if not target.exists():
            _write_atomically(target, raw)
        labels[name] = category
        stored.append(name)
    text = "file,label\n" + "".join(f"{name},{label}\n" for name, label in sorted(labels.items()))
    _write_atomically(labels_path, text.encode())
    return stored


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def retrain(state_dir: Path, corpus: Path | None, rules: RuleSet) -> tuple[Path, int, int]:
    """Fit the local pack on the shipped corpus (if found) and the user's examples; write it.
    *rules* are the rules it weighs: every rule file but the local pack itself."""
    labels_path = state_dir / "learn" / "labels.csv"
    mine = load_examples([(state_dir / "learn", read_labels(labels_path))]) if labels_path.exists() else []
    shipped = load_examples(corpus_sets(corpus)) if corpus is not None else []
    examples = shipped + [Example(e.name, e.mail, e.label, USER_WEIGHT) for e in mine]
    fitted = fit(examples, rules)
    header = (
        f"Your local pack: trained by `followup learn` on {len(shipped)} shipped mails and {len(mine)} of yours\n"
        f"(each of yours counts {USER_WEIGHT:g} times). Loaded after every other rule file; regenerated on each\n"
        "`followup learn`. Delete it to go back to the shipped weights."
    )
    out = learned_pack(state_dir)
    _write_atomically(out, render_pack(fitted, rules, header).encode())
    return out, len(shipped), len(mine)
