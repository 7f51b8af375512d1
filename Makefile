# Every target bootstraps .venv itself, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup test test-fast mutation demo bench paper paper-quick explore lint format clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -q

# Everything but the tests marked slow (under 3 minutes on 2 cores); CI runs `make test`.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

# Sampled mutation testing of the mechanism modules (about 25 min on 2 cores); not part of test.
mutation: $(STAMP)
	$(PY) -c "import mutmut" 2>/dev/null || $(PY) -m pip install --quiet 'mutmut>=2.4,<3'
	$(PY) tests/mutation.py $(MUTATION_ARGS)

demo: $(STAMP)
	$(VENV)/bin/tightrope demo

bench: $(STAMP)
	$(PY) bench/throughput.py
	$(PY) bench/scaling.py
	$(PY) bench/sweep.py smoke

paper: $(STAMP)
	$(VENV)/bin/tightrope paper

# Same sections, few replications, a "quick build" banner; writes results/quick/paper/.
paper-quick: $(STAMP)
	$(VENV)/bin/tightrope paper --quick

# Full exploration (issue 15): plausible worlds, each seed claim across them, the
# policy frontier. About 44 CPU-minutes (25 min on 2 idle cores, measured 25 Nov 2026);
# resumable (rerun to continue).
explore: $(STAMP)
	$(VENV)/bin/tightrope worlds worlds
	for claim in s000 s001 s002 s003 s004; do \
		$(VENV)/bin/tightrope discover $$claim --config discover || exit 1; \
	done
	$(VENV)/bin/tightrope optimise policy

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache results
