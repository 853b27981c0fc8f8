# Two commands do everything on a fresh machine: `make run` and `make test`.
# With DATABASE_URL / REDIS_URL unset they start an embedded PostgreSQL and Redis under var/.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
SERVICES := $(PY) scripts/devservices.py exec --
# The suite runs as production does (DEBUG off) but over plain HTTP on localhost.
TEST_ENV := DEBUG=false SECRET_KEY=test-only-secret-key-not-for-production SECURE=false ALLOWED_HOSTS='*' \
	STATICFILES_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage
PYTEST_ARGS ?= -n 2

.PHONY: run test lint bench assets services-down clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed
	DEBUG=true $(SERVICES) $(PY) scripts/run.py

test: $(VENV)/.installed
	bash scripts/ensure_chromium.sh
	$(TEST_ENV) $(SERVICES) $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(TEST_ENV) $(SERVICES) $(VENV)/bin/mypy
	$(TEST_ENV) $(SERVICES) sh -c '$(PY) manage.py makemigrations --check --dry-run'

bench: $(VENV)/.installed
	$(SERVICES) $(PY) -m bench $(if $(SCALE),--scale $(SCALE),) $(BENCH_ARGS)

# Maintainers only: rebuild the vendored GOV.UK Frontend CSS and JS (needs Node and npm).
assets:
	bash assets/build.sh

services-down:
	$(PY) scripts/devservices.py down

clean: services-down
	rm -rf var $(VENV)
