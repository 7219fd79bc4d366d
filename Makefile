# Two entry points for a fresh clone (Python 3.11+): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Install the toolkit (a regular, non-editable install) and publish the four sample pages.
demo: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/toolkit publish seeds --out out

# Install the toolkit with its test dependencies and run the whole test suite.
test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pytest -n 2

# Benchmarks against the peers (trafilatura, check-jsonschema, naive langdetect); see benchmarks/README.md.
bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/langid.py
	$(BIN)/python benchmarks/validation.py
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf $(VENV) out build *.egg-info .pytest_cache .hypothesis
