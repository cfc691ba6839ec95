#!/bin/sh
# render.sh [--reminders] DIR OUT: every draft followup's default plan writes for the invitations and
# rejections of a labelled batch (DIR/labels.csv: file,label), one file per draft in OUT.
#
#   OUT/drafts.jsonl          `followup preview --json` as printed (one object per draft)
#   OUT/NNNN.eml.TEMPLATE.txt one draft: file, category, template, language, to, subject, body
#   OUT/no-draft.txt          labelled invitations/rejections for which no draft was written
#
# With --reminders (render-reminders.sh): every reminder the plan schedules instead, and the mails
# that carry them:
#   OUT/reminders.jsonl              `followup preview --reminders --json`, reminder and combined rows
#   OUT/NNNN.eml.reminder.KIND.txt   one reminder: file, category, step, due (user's zone), draft, subject, body
#   OUT/combined-NN.txt              one mail listing reminders due together (from several mails)
# The user's zone is UTC, reminder_hours the default; FOLLOWUP_PREVIEW_ARGS adds options to preview
# (e.g. --reminder-hours always).
#
# Which followup: $FOLLOWUP, else .venv/bin/followup of the git checkout you are in, else the
# one on PATH. No config is read (the stand-in identity "You", default plan, shipped rules and
# templates), and the clock is fixed, so two runs on the same code give the same drafts.
set -eu
reminders=
[ "${1:-}" = --reminders ] && { reminders=1; shift; }
[ $# -eq 2 ] || { echo "usage: $0 [--reminders] DIR OUT" >&2; exit 2; }
dir=$1 out=$2
[ -f "$dir/labels.csv" ] || { echo "$0: no $dir/labels.csv" >&2; exit 2; }
if [ -z "${FOLLOWUP:-}" ]; then
    top=$(git rev-parse --show-toplevel 2>/dev/null || true)
    if [ -n "$top" ] && [ -x "$top/.venv/bin/followup" ]; then FOLLOWUP=$top/.venv/bin/followup; else FOLLOWUP=followup; fi
fi
python=$(dirname "$(command -v "$FOLLOWUP")")/python
[ -x "$python" ] || python=python3
mkdir -p "$out"
files=$(awk -F, '{ sub(/\r$/, "") } NR > 1 && ($2 == "interview_invitation" || $2 == "rejection") { print d "/" $1 }' d="$dir" "$dir/labels.csv")
if [ -n "$reminders" ]; then
    # shellcheck disable=SC2086  # file names in the corpus have no spaces; the extra options split on purpose
    FOLLOWUP_CONFIG=/nonexistent/config.toml FOLLOWUP_CLOCK_START=${FOLLOWUP_CLOCK_START:-2026-12-01T12:00:00+00:00} \
        "$FOLLOWUP" preview --reminders --json ${FOLLOWUP_PREVIEW_ARGS:-} $files > "$out/all.jsonl" 2> "$out/stderr.txt" || true
    "$python" - "$out" $files <<'PY'
import json, sys
from pathlib import Path

out, files = Path(sys.argv[1]), sys.argv[2:]
rows = [json.loads(line) for line in (out / "all.jsonl").read_text(encoding="utf-8").splitlines()]
rows = [row for row in rows if row.get("kind") in ("reminder", "combined")]
(out / "reminders.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
(out / "all.jsonl").unlink()
singles = [r for r in rows if r["kind"] == "reminder"]
combined = [r for r in rows if r["kind"] == "combined"]
for row in singles:
    head = "".join(f"{key}: {row[key]}\n" for key in ("file", "category", "step", "due", "draft", "subject"))
    (out / f"{Path(row['file']).name}.reminder.{row['step']}.txt").write_text(f"{head}\n{row['body']}", encoding="utf-8")
for n, row in enumerate(combined, 1):
    head = f"files: {' '.join(row['files'])}\nsteps: {' '.join(row['steps'])}\ndue: {row['due']}\nsubject: {row['subject']}\n"
    (out / f"combined-{n:02d}.txt").write_text(f"{head}\n{row['body']}", encoding="utf-8")
with_reminders = {r["file"] for r in singles}
print(f"{len(singles)} reminders for {len(with_reminders)} of {len(files)} mails, {len(combined)} combined mails, in {out}")
PY
    exit 0
fi
# shellcheck disable=SC2086  # file names in the corpus have no spaces
FOLLOWUP_CONFIG=/nonexistent/config.toml FOLLOWUP_CLOCK_START=${FOLLOWUP_CLOCK_START:-2026-12-01T12:00:00+00:00} \
    "$FOLLOWUP" preview --json $files > "$out/drafts.jsonl" 2> "$out/stderr.txt" || true
"$python" - "$out" $files <<'PY'
import json, sys
from pathlib import Path

out, files = Path(sys.argv[1]), sys.argv[2:]
rows = [json.loads(line) for line in (out / "drafts.jsonl").read_text(encoding="utf-8").splitlines()]
for row in rows:
    head = "".join(f"{key}: {row[key]}\n" for key in ("file", "category", "template", "language", "to", "subject", "not_before"))
    (out / f"{Path(row['file']).name}.{row['template']}.txt").write_text(f"{head}\n{row['body']}", encoding="utf-8")
drafted = {row["file"] for row in rows}
missing = [f for f in files if f not in drafted]
(out / "no-draft.txt").write_text("".join(f"{f}\n" for f in missing), encoding="utf-8")
print(f"{len(rows)} drafts for {len(drafted)} of {len(files)} mails in {out}; no draft for {len(missing)} (no-draft.txt)")
PY
