# Quick start: `make demo` (install + analyse the bundled sample) and `make test` (install + whole suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
SAMPLE ?= corpora/demo/draft.txt

.PHONY: demo test install install-all lint typecheck dist-check bench eval clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base: pyproject.toml | $(VENV)/bin/python
	$(PIP) -e .
	touch $@

$(VENV)/.all: pyproject.toml | $(VENV)/bin/python
	$(PIP) torch==2.13.0
	$(PIP) -e '.[all]'
	$(PY) -m spacy info >/dev/null 2>&1 || true
	touch $@ $(VENV)/.base

install: $(VENV)/.base
install-all: $(VENV)/.all

demo: $(VENV)/.base
	$(VENV)/bin/zongjie outline "$(SAMPLE)"
	$(VENV)/bin/zongjie check "$(SAMPLE)" || true

test: $(VENV)/.all
	$(PY) -m pytest

lint: $(VENV)/.all
	$(VENV)/bin/ruff check .

# pyright (basic mode) on the package as installed from a wheel: .ci/dist-check does it, in a fresh
# environment outside the checkout, after the distribution checks.
typecheck dist-check: $(VENV)/.all
	bash .ci/dist-check

bench: $(VENV)/.all
	$(PY) bench/run_all.py

eval: $(VENV)/.all
	$(PY) bench/evaluate.py

clean:
	rm -rf $(VENV) build *.egg-info
