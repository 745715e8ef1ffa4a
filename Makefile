# reportlib: `make reports` renders the sample reports, `make test` runs every test.
# Each target sets up what it needs; `make help` lists them.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Exact versions of every package .venv holds (runtime and the `test` extra), resolved from
# pyproject.toml by `make lock`. It is a plain requirements file made by `uv pip compile`,
# rather than uv.lock, because one file then serves all three installers: `uv pip sync` here,
# and pip in environment.yml for conda users, who get the same pins. It is resolved for every
# platform and Python >= 3.11 (--universal) from PyPI alone.
LOCK := requirements.lock
# uv installs the lock in seconds. Its own version is pinned here and it is installed with pip
# into .venv/.uv (outside site-packages, so syncing never removes it); UV=uv uses one on PATH.
UV_VERSION := 0.13.9
UV_HOME := $(VENV)/.uv
UV_BOOT := $(UV_HOME)/bin/uv
UV ?= $(UV_BOOT)
# TLS through the system's certificates (a proxy's CA), and never a Python download.
export UV_SYSTEM_CERTS := 1
export UV_PYTHON_DOWNLOADS := never
UPGRADE ?=
DATA ?= data/sample
OUT ?= outputs
PERIOD ?=
JOBS ?=
FORCE ?=
SCHEDULER ?=
PDF ?=
YEAR ?=
GROWTH ?=
TARGET ?=
RUN_ARGS = --data $(DATA) --out $(OUT) $(if $(PERIOD),--period $(PERIOD)) $(if $(JOBS),--jobs $(JOBS)) \
	$(if $(FORCE),--force) $(if $(SCHEDULER),--scheduler $(SCHEDULER)) $(if $(PDF),--pdf)

.PHONY: help setup lock sample-data validate reports monthly plan lab test lint format bench catalogs clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(UV_BOOT):
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
		--only-binary :all: --target $(UV_HOME) 'uv==$(UV_VERSION)'

# uv writes no bytecode (pip compiled all ~10,600 installed files: ~30 s here). Python writes
# it on first import, but not where PYTHONDONTWRITEBYTECODE is set: there each process and
# kernel of every run compiled pandas, Great Expectations, SciPy... again (a run took 30 s more).
# So setup imports, once and writing bytecode, every reportlib module and the packages it imports
# inside functions (~2,900 files, ~17 s); the rest compiles on first use, where Python may write.
# Among them what each kernel and worker imports as it starts or writes a workbook: without them
# every kernel of every run compiled debugpy (ipykernel's debugger, 0.5 s), and every worker
# openpyxl. (PYDEVD_DISABLE_FILE_VALIDATION silences debugpy's warning about frozen modules as
# it is imported: it concerns debugging only.)
PRECOMPILE := 'import importlib, pkgutil, sys, reportlib; \
	names = [m.name for m in pkgutil.walk_packages(reportlib.__path__, "reportlib.")]; \
	[importlib.import_module(n) for n in names + sys.argv[1:] if not n.endswith("__main__")]'
PRECOMPILE_MODULES := great_expectations.expectations papermill nbconvert nbclient \
	ipykernel.kernelapp ipykernel.ipkernel statsmodels.tsa.exponential_smoothing.ets \
	ipykernel.debugger openpyxl pyarrow.parquet pyarrow.dataset psutil jinja2.ext \
	IPython.core.debugger IPython.core.oinspect IPython.core.completerlib \
	IPython.extensions.storemagic tornado.platform.asyncio tornado.locks tornado.queues

# .venv is created only when missing; `uv pip sync` then makes it hold exactly the lock's
# packages (reportlib editable), and `uv pip check` fails if pyproject.toml asks for more.
$(STAMP): $(LOCK) pyproject.toml | $(filter $(UV_BOOT),$(UV))
	[ -x $(PY) ] || $(UV) venv --quiet --seed --allow-existing --python $(PYTHON) $(VENV)
	$(UV) pip sync --quiet --python $(PY) $(LOCK)
	$(UV) pip check --quiet --python $(PY) \
		|| { echo "$(LOCK) does not satisfy pyproject.toml: run make lock" >&2; exit 1; }
	PYTHONDONTWRITEBYTECODE= PYDEVD_DISABLE_FILE_VALIDATION=1 \
		$(PY) -c $(PRECOMPILE) $(PRECOMPILE_MODULES) \
		|| echo "warning: precompiling failed; runs will compile what they import" >&2
	$(PY) -m ipykernel install --sys-prefix --name reportlib --display-name "Python (reportlib)" >/dev/null
	touch $(STAMP)

setup: $(STAMP) ## Create .venv from requirements.lock, reportlib editable, register its Jupyter kernel

lock: | $(filter $(UV_BOOT),$(UV)) ## Re-resolve requirements.lock from pyproject.toml (UPGRADE=1: newest of all)
	echo '-e .[test]' | $(UV) pip compile - --quiet --universal --python-version 3.11 \
		--default-index https://pypi.org/simple --custom-compile-command 'make lock' \
		$(if $(UPGRADE),--upgrade) --output-file $(LOCK)
	sed -i -E "s/^(  - distributed)[=<>].*/\1=$$(sed -n -E 's/^distributed==([^ ]+).*/\1/p' $(LOCK))/" \
		environment.yml

$(DATA)/orders.csv: | $(STAMP)
	$(PY) -m reportlib sample-data --out $(DATA)

sample-data: $(DATA)/orders.csv ## Generate the sample data set into data/sample/ if missing

validate: $(STAMP) $(DATA)/orders.csv ## Validate the data with Great Expectations (PERIOD=YYYY-MM)
	$(PY) -m reportlib validate --data $(DATA) $(if $(PERIOD),--period $(PERIOD))

reports: $(STAMP) $(DATA)/orders.csv ## Validate, render every changed report, publish outputs/site/ (FORCE=1 renders all)
	$(PY) -m reportlib run $(RUN_ARGS)

monthly: $(STAMP) ## For cron: render the previous calendar month (DATA=folder of this month's exports)
	$(PY) -m reportlib run $(RUN_ARGS) --period $$(date -d "$$(date +%Y-%m-01) -1 day" +%Y-%m)

# The plan year is the fiscal year after the data's last (YEAR may name it); the company goal is
# this year's landing grown by GROWTH, else by params/planning.yaml's growth, or TARGET.
plan: $(STAMP) $(DATA)/orders.csv ## Next year's targets into OUT/plan/YEAR/ and the plan report into OUT/site/plan/YEAR/ (GROWTH=0.08 or TARGET=amount)
	$(PY) -m reportlib plan --data $(DATA) --out $(OUT) $(if $(YEAR),--year $(YEAR)) \
		$(if $(GROWTH),--growth $(GROWTH)) $(if $(TARGET),--company-target $(TARGET)) \
		$(if $(PDF),--pdf)

lab: $(STAMP) $(DATA)/orders.csv ## Open JupyterLab on the notebooks with this project's kernel
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

# The suite runs in TEST_WORKERS processes (pytest-xdist). A notebook's cells, a test file's tests
# and the tests of one costly fixture stay together in one process (--dist loadfile; the groups
# are set in tests/conftest.py), so each fixture is built once. The suite starts some hundred
# processes (runs' workers, kernels); where PYTHONDONTWRITEBYTECODE is set, each compiled again
# what setup did not precompile (the test modules, their libraries): the suite writes bytecode
# (a fresh clone's make test: 6 min 17 s without, 5 min 39 s with).
TEST_WORKERS ?= 2
test: $(STAMP) $(DATA)/orders.csv ## Run the whole test suite: unit tests, nbval, papermill smoke runs (TEST_WORKERS=2)
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --nbval-lax --nbval-kernel-name reportlib-forked tests notebooks

# One gettext domain, reportlib: the messages of the library, the section notebooks (code and
# Markdown, read from the .ipynb: each is synced from its .py first) and the templates
# (babel.cfg) go to the template catalog; each language's catalog is updated from it (a changed
# message keeps its old translation as a fuzzy entry, with the old source beside it) and compiled
# once to check it (Babel's checkers and reportlib's placeholder checker; reportlib compiles the
# .po in memory, so no .mo file is kept). Translate the new and fuzzy entries afterwards:
# tests/test_catalogs.py lists them and fails until none is left.
LOCALES := src/reportlib/locale
catalogs: $(STAMP) ## Extract the messages, update each language's catalog and check them
	$(VENV)/bin/jupytext --sync --quiet notebooks/*.ipynb notebooks/plan/*.ipynb
	$(VENV)/bin/pybabel -q extract -F babel.cfg --project reportlib --no-location --sort-output \
		--omit-header -o $(LOCALES)/reportlib.pot .
	$(VENV)/bin/pybabel -q update -i $(LOCALES)/reportlib.pot -d $(LOCALES) -D reportlib \
		--ignore-obsolete --previous --no-wrap
	@# the update stamps the time it ran: without it, a run that changes no message changes no file
	sed -i '/^"POT-Creation-Date: /d' $(LOCALES)/*/LC_MESSAGES/reportlib.po
	$(VENV)/bin/pybabel compile -d $(LOCALES) -D reportlib --statistics; status=$$?; \
		find $(LOCALES) -name '*.mo' -delete; exit $$status

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
