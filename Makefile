# reportlib: `make reports` renders the sample reports, `make test` runs every test.
# Each target sets up what it needs; `make help` lists them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DATA ?= data/sample
OUT ?= outputs
PERIOD ?=
JOBS ?=
FORCE ?=
SCHEDULER ?=
RUN_ARGS = --data $(DATA) --out $(OUT) $(if $(PERIOD),--period $(PERIOD)) $(if $(JOBS),--jobs $(JOBS)) \
	$(if $(FORCE),--force) $(if $(SCHEDULER),--scheduler $(SCHEDULER))

.PHONY: help setup sample-data validate reports monthly lab test lint format bench clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name reportlib --display-name "Python (reportlib)" >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## Create .venv, install reportlib (editable) and register its Jupyter kernel

$(DATA)/orders.csv: | $(STAMP)
	$(PY) -m reportlib sample-data --out $(DATA)

sample-data: $(DATA)/orders.csv ## Generate the sample data set into data/sample/ if missing

validate: $(STAMP) $(DATA)/orders.csv ## Validate the data with Great Expectations (PERIOD=YYYY-MM)
	$(PY) -m reportlib validate --data $(DATA) $(if $(PERIOD),--period $(PERIOD))

reports: $(STAMP) $(DATA)/orders.csv ## Validate, render every changed report, publish outputs/site/ (FORCE=1 renders all)
	$(PY) -m reportlib run $(RUN_ARGS)

monthly: $(STAMP) ## For cron: render the previous calendar month (DATA=folder of this month's exports)
	$(PY) -m reportlib run $(RUN_ARGS) --period $$(date -d "$$(date +%Y-%m-01) -1 day" +%Y-%m)

lab: $(STAMP) $(DATA)/orders.csv ## Open JupyterLab on the notebooks with this project's kernel
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

test: $(STAMP) $(DATA)/orders.csv ## Run the whole test suite: unit tests, nbval, papermill smoke runs
	$(PY) -m pytest --nbval-lax --nbval-current-env tests notebooks

lint: $(STAMP) ## Check style and notebook hygiene with ruff
	$(VENV)/bin/ruff check src tests notebooks
	$(VENV)/bin/ruff format --check src tests

format: $(STAMP) ## Format the code with ruff
	$(VENV)/bin/ruff format src tests
	$(VENV)/bin/ruff check --fix src tests

bench: $(STAMP) ## Benchmarks: validation, whole runs vs the plain papermill loop, forecasting
	$(PY) benchmarks/run.py
	$(PY) benchmarks/forecast.py

clean: ## Remove generated outputs and the sample data (keeps .venv and the stored forecasts)
	rm -rf $(OUT)/site $(OUT)/.sites $(OUT)/work $(OUT)/logs $(OUT)/manifest.json $(OUT)/20??-?? $(DATA)
	find . -name __pycache__ -prune -exec rm -rf {} +
