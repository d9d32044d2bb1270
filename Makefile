# `make run` installs everything and starts the web chat; `make test` installs everything and runs the tests.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
MILVUS_STAMP := $(VENV)/.milvus-$(shell cksum < requirements-milvus.txt | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-milvus browser run test test-all test-fast lint bench

$(STAMP): requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# The optional Milvus backend (ASSISTANT_BACKEND=milvus); `make test` installs it to run its tests.
$(MILVUS_STAMP): requirements-milvus.txt $(STAMP)
	$(PY) -m pip install -r requirements-milvus.txt
	rm -f $(VENV)/.milvus-* && touch $(MILVUS_STAMP)

install-milvus: $(MILVUS_STAMP)

# Debian's Chromium for the browser tests (never `playwright install`: it downloads a browser build).
browser:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

run: install
	$(PY) app.py

test: install install-milvus browser
	$(PY) -m pytest -m "not spent_claims"

# Everything, with the six spent national claim sets (about 15 more minutes): before changing the claim rules.
test-all: install install-milvus browser
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow and not browser"

lint: install
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

bench: install
	$(PY) bench/bench_quality.py
