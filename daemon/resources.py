"""Where the shipped rules and templates are, and loading them with the user's: the rule packs
(shipped, the user's rules_dir, the pack `followup learn` trained) and the template directories.
Read from disk once at start; the pipeline and the commands that classify or render get the result.
"""

from __future__ import annotations

from pathlib import Path

from followup.act.templates import Templates
from followup.classify.rules import RuleSet, generated, load_rules, rule_files
from followup.config import Config

PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Shipped rules/ or templates/: inside the installed package, or beside daemon/ in a checkout."""
    installed = PACKAGE_DIR / "data" / name
    return installed if installed.is_dir() else PACKAGE_DIR.parent / name


def load_rule_set(config: Config | None) -> RuleSet:
    """The shipped packs, the user's rules_dir, and last the pack `followup learn` trained from
    the user's corrections. Of the trained packs (shipped, the user's own `rules train`, learned)
    only the last is loaded: each weighs every written rule, and phrases learned for one would
    otherwise add their weights to another's."""
    user_dir = config.rules_dir if config else None
    files = rule_files(data_dir("rules"), user_dir)
    if config is not None and (config.state_dir / "learned.toml").is_file():
        files.append(config.state_dir / "learned.toml")
    trained = [f for f in files if generated(f)]
    return load_rules([f for f in files if f not in trained[:-1]], config.categories if config else ())


def written_rule_files(config: Config | None) -> list[Path]:
    """The rule files a training starts from: every one but the trained packs."""
    return [f for f in rule_files(data_dir("rules"), config.rules_dir if config else None) if not generated(f)]


def shipped_corpus() -> Path | None:
    """The labelled corpus the shipped weights were trained on, when installed or in a checkout."""
    for candidate in (PACKAGE_DIR / "data" / "corpus", PACKAGE_DIR.parent / "tests" / "corpus"):
        if (candidate / "labels.csv").is_file():
            return candidate
    return None


def load_templates(config: Config | None) -> Templates:
    user_dir = config.templates_dir if config else None
    return Templates([d for d in (user_dir, data_dir("templates")) if d is not None])
