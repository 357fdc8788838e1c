# The README's two commands are `make demo` and `make test`; everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo test test-fast bench lint format assets clean

setup: $(VENV)/.installed static/dist/.built

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed: install Python 3.11" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to build the GOV.UK Frontend assets: apt-get install nodejs npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# plotly.js comes from the plotly Python package, so charts and their library always match.
static/dist/.built: node_modules/.installed $(VENV)/.installed $(wildcard static/scss/*.scss)
	npm run --silent build
	mkdir -p static/dist/plotly
	cp "$$($(PY) -c 'import plotly, pathlib; print(pathlib.Path(plotly.__file__).parent / "package_data" / "plotly.min.js")')" static/dist/plotly/
	touch $@

assets: static/dist/.built

demo: setup
	scripts/ensure-system-packages
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) load_demo
	@echo ""
	@echo "Serving the demo on http://$(HOST):$(PORT)/ with its background worker  (Ctrl+C stops both)"
	DEBUG=1 scripts/run-demo $(PY) $(HOST):$(PORT)

# Coverage of the PostgreSQL run (the SQLite run repeats a subset). The floor (fail_under in
# pyproject.toml) is for the whole suite: a run of a selection prints its coverage only.
COVERAGE := --cov --cov-report=term-missing:skip-covered
ifneq ($(filter tests% -k -m,$(PYTEST_ARGS)),)
COVERAGE += --cov-fail-under=0
endif

# The whole suite on PostgreSQL, then the tests marked sqlite on SQLite, as make demo runs
# (pytest's exit 5, no test selected by PYTEST_ARGS, is not a failure of the second run).
test: setup
	scripts/ensure-system-packages
	SECRET_KEY=test-only-key-not-for-production scripts/with-postgres \
	  $(PY) -m pytest $(COVERAGE) --durations=20 $(PYTEST_ARGS)
	SECRET_KEY=test-only-key-not-for-production SCRUTINY_SQLITE_RUN=1 \
	  DATABASE_URL=sqlite:///$(CURDIR)/test-sqlite.sqlite3 \
	  $(PY) -m pytest -m sqlite $(PYTEST_ARGS) || [ $$? -eq 5 ]

# The inner loop: everything but the tests marked slow (Chromium, PDF packs), on PostgreSQL.
test-fast: setup
	SECRET_KEY=test-only-key-not-for-production scripts/with-postgres \
	  $(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

bench: setup
	DEBUG=0 SECRET_KEY=bench-only-key-not-for-production scripts/with-postgres scripts/run-bench $(PY)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	SECRET_KEY=lint-only-key-not-for-production $(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) node_modules static/dist staticfiles test-artifacts db.sqlite3
