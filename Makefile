# Two commands on a fresh clone: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
BIND   ?= 127.0.0.1:8000

.PHONY: run test lint setup install bench clean

run: $(VENV)/.installed  ## create the virtualenv, install, migrate, load reference data, serve
	$(PY) -m treaty_tracker setup
	$(PY) -m treaty_tracker serve --bind $(BIND)

test: $(VENV)/.installed-test  ## install test dependencies, lint, type-check, run the whole suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) -m treaty_tracker makemigrations --check --dry-run
	$(PY) -m pytest -n auto --dist loadfile

setup: $(VENV)/.installed
	$(PY) -m treaty_tracker setup

bench: $(VENV)/.installed-test  ## measure speed; writes docs/performance.md (run by hand)
	$(PY) bench/engine.py
	$(PY) bench/server.py
	$(PY) bench/cli.py
	$(PY) bench/writes.py

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e ".[test]"
	touch $@

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
