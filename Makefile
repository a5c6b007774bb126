# lexamend — the two commands the README opens with:
#   make demo   run the main job on the shipped corpus, writing out/
#   make test   run the whole test suite
# Each creates the virtual environment .venv inside the repository when needed.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test venv venv-dev system-deps golden bench clean help

help:
	@echo "make demo   - parse the corpus, apply the shipped proposals, write out/"
	@echo "make test   - run the whole test suite"
	@echo "make golden - refresh golden files under tests/data/golden (review the diff!)"
	@echo "make bench  - run the benchmarks under bench/ against peer tools"

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python -m venv failed; installing python3-venv"; \
	  if command -v apt-get >/dev/null; then \
	    SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv; \
	  fi; \
	  rm -rf $(VENV); $(PYTHON) -m venv $(VENV); }
	@$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

venv: $(VENV)/.installed
venv-dev: $(VENV)/.installed-dev

# Debian packages the document tests need (LibreOffice, poppler); installed only when missing.
system-deps:
	@bash tools/system-deps.sh

demo: venv
	@bash tools/demo.sh "$(BIN)" "$(OUT)"

test: venv-dev system-deps
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

golden: venv-dev
	LEXAMEND_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests -k golden

bench: venv-dev
	@bash bench/run.sh "$(BIN)"

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info src/*.egg-info
