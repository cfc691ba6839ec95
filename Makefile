# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test test-shifted-clock lint venv clean bench bench-classify bench-extract bench-harness

$(BIN)/followup: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[demo,test]'
	@touch $@

venv: $(BIN)/followup

demo: venv
	$(BIN)/followup demo

test: venv
	@scripts/ensure-dovecot
	$(BIN)/ruff check daemon tests bench
	$(BIN)/ruff format --check daemon tests bench
	@# mypy must see the code as `followup` (its installed name), not as `daemon`.
	@mkdir -p build/typecheck && ln -sfn ../../daemon build/typecheck/followup
	MYPYPATH=build/typecheck $(BIN)/mypy -p followup
	@# The layers: the pure core never imports an I/O edge (contracts in pyproject.toml).
	$(BIN)/lint-imports
	@scripts/check-units $(CURDIR)/$(BIN)/followup
	$(BIN)/pytest

# The suite again with the real clock ten years ahead and ten years back: no outcome may
# depend on the day it runs (tests inject their clocks; this shows they all do).
test-shifted-clock: venv
	@scripts/ensure-dovecot
	scripts/test-shifted-clock

# Benchmarks print figures and write bench/RESULTS.md; targets live there, not in timed tests.
bench: bench-classify bench-extract bench-harness

bench-classify: venv
	$(BIN)/python bench/classify.py

bench-extract: venv
	$(BIN)/python bench/extract.py

# Mailboxes of 1k/10k/100k in a throwaway Dovecot; the peers (imapautofiler, imapfilter) are
# installed for the bench only. Takes several minutes.
bench-harness: venv
	@scripts/ensure-dovecot
	$(BIN)/python bench/harness.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
