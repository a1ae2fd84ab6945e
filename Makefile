# `make run` serves the app on http://127.0.0.1:8000; `make test` runs the whole suite.
# Both start from a fresh clone: they build the virtualenv, install the pinned Python and npm
# packages, compile the GOV.UK Sass, migrate, load the framework and the demo data.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: setup run test lint database assets bench clean

setup: $(VENV)/.installed node_modules/.installed assets database

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed $(VENV)/.installed
	npm run --silent build
	$(MANAGE) collectstatic --no-input -v 0

database: $(VENV)/.installed
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_framework
	$(MANAGE) seed_demo

# The task worker renders draft PDFs (docs/decisions/0012); it stops when the server does.
run: setup
	$(MANAGE) db_worker --no-reload & worker=$$!; trap 'kill $$worker' EXIT INT TERM; \
		$(MANAGE) runserver 127.0.0.1:8000

# The same checks run from pre-commit (.pre-commit-config.yaml).
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy climbie_audit standards evaluations reports demo
	$(MANAGE) makemigrations --check --dry-run

# Two workers: the machines have two cores, and the browser tests wait on Chromium.
TEST_WORKERS ?= 2

test: setup lint
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules static/build static/govuk staticfiles db.sqlite3

# --- Load test (issue 17): the deadline model, 150 councils x 3 officers, their directors and 20
# inspectors, on gunicorn with a PostgreSQL cluster and a Redis of its own, PostgreSQL restarted and
# Redis stopped mid-load; about 8 minutes. LOADTEST_ARGS=--long for 15 minutes of load.
.PHONY: loadtest
loadtest: setup
	$(PY) bench/load_test.py $(LOADTEST_ARGS)
