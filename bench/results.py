"""bench/RESULTS.md holds one section per benchmark, between markers; each run replaces its own."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def write_section(name: str, text: str) -> None:
    """Replace the section *name* (its <!-- name:begin --> ... <!-- name:end --> block) with *text*."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{text}\n{end}"
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if begin in previous and end in previous:
        updated = previous[: previous.index(begin)] + block + previous[previous.index(end) + len(end) :]
    else:
        updated = previous.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(updated, encoding="utf-8")
