# The two Quick start commands: `make run` and `make test`. Each builds its own virtual
# environment in .venv (re-installing only when the requirements change).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck chromium postgresql iproute2

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	-$(BIN)/python -m app validate
	$(BIN)/streamlit run app/ui/streamlit_app.py

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# mypy checks app/, tests/ and bench/ as configured in pyproject.toml.
typecheck: $(VENV)/.dev
	$(BIN)/mypy

# The browser tests drive Debian's Chromium; install it when it is missing (CI runs as root).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The PostgreSQL store tests start throwaway clusters with Debian's PostgreSQL 15 programs
# (tests/pg_server.py); install them when they are missing.
PG_BIN := /usr/lib/postgresql/15/bin
postgresql:
	@test -x $(PG_BIN)/initdb || { \
		echo "Installing Debian's postgresql for the score store tests..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# The instructor-access browser test connects from a network namespace of its own (ip netns).
iproute2:
	@command -v ip >/dev/null 2>&1 || { \
		echo "Installing Debian's iproute2 for the access tests..."; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq iproute2 >/dev/null; }

test: lint typecheck chromium postgresql iproute2
	$(BIN)/pytest
