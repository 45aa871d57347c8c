# The two commands a new user needs (see README):
#   make demo   build a dataset from the bundled example narrative and serve the explorer (Ctrl-C stops it)
#   make test   run the test suite (plus ruff and mypy with `make check`)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: setup demo test lint check bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/annals demo

test: setup
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/mypy

check: test lint

bench: setup
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) annals-demo .pytest_cache .mypy_cache .ruff_cache
