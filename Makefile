# coopsite tasks. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run otp test test-quick coverage check types complexity bench bench-load \
	bench-inprocess lint format lock messages messages-check clean \
	drills drill-redis drill-postgres drill-worker backup-drill multi-drill

install: $(INSTALLED)

$(INSTALLED): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coopsite needs Python 3.11 or newer; set PYTHON=python3.x")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Web, worker and scheduler from the Procfile, through honcho; Ctrl-C stops all three. The
# demo has a vote that closes a few minutes after a fresh start: its result email shows in
# the worker's console output.
run: install
	@$(BIN)/python manage.py migrate --noinput --verbosity 0
	@echo "Starting http://$(HOST):$(PORT)/ (admin at /admin/) with its worker and scheduler. Stop with Ctrl-C."
	@$(BIN)/python manage.py load_demo
	@DJANGO_SETTINGS_MODULE=coopsite.settings.dev HOST=$(HOST) WORKER_VERBOSITY=0 \
		WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT) \
		GUNICORN_CMD_ARGS="--log-level warning" PATH="$(CURDIR)/$(BIN):$$PATH" \
		$(BIN)/honcho start --procfile Procfile --port $(PORT)

# The demo admin's current two-factor code (the demo's key is published with its password).
otp: install
	@$(BIN)/python manage.py demo_otp_code

# Two workers: the machines have two cores. PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= 2
test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# A focused run that starts in seconds: one process, a test database kept between runs
# (a file for SQLite, test-db.sqlite3; on PostgreSQL test_<name>), and the demo loaded only
# when that database does not have it yet. `make test-quick T=tests/billing/test_cycles.py`.
# After changing demo content or migrations, add PYTEST_ARGS=--create-db once.
T ?= tests
test-quick: install
	COOPSITE_TEST_DB_FILE=test-db.sqlite3 $(BIN)/pytest -p no:xdist --reuse-db -q $(PYTEST_ARGS) $(T)

# Line coverage of the product code over the whole suite: a summary here, HTML in htmlcov/.
coverage: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --cov --cov-report=term:skip-covered \
		--cov-report=html $(PYTEST_ARGS)

# What .ci/run checks before the tests, without installing system packages (the messages
# check needs GNU gettext: `apt-get install gettext`, as .ci/run does).
check: lint types
	$(BIN)/python manage.py check --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	.ci/check-messages
	.ci/check-deploy

# mypy over what [tool.mypy] in pyproject.toml lists (billing and the voting engine).
types: install
	$(BIN)/mypy

# Functions above cyclomatic complexity 15 and modules over 400 lines (product code only).
complexity: install
	$(BIN)/python .ci/complexity.py

# Speed measurements, recorded in docs/performance.md (never timed unit tests).
bench: bench-load bench-inprocess

# gunicorn + PostgreSQL + Redis on loopback, wrk and 50 members (bench/load.py). Needs wrk,
# installed from Debian when missing, as .ci/run installs Chromium.
bench-load: install
	@command -v wrk >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python bench/load.py --providers 2000
	$(BIN)/python bench/webhook_ack.py --events 200
	$(BIN)/python bench/outbox.py --emails 500 --rounds 20

# In-process (Django test client): directory and search latency, closing a billing cycle.
bench-inprocess: install
	$(BIN)/python bench/directory.py --providers 2000
	$(BIN)/python bench/close_cycle.py --members 500

# Fault drills F2-F5 (docs/faults.md): gunicorn on a scratch PostgreSQL database
# (coopsite_drill_*), real HTTP on loopback. drill-redis stops the machine's Redis and
# drill-postgres restarts PostgreSQL for a few seconds (both are always started again), which
# briefly disturbs anything else using them. `drills` runs all four on one prepared database.
drills: install
	$(BIN)/python bench/drills.py all

drill-redis: install
	$(BIN)/python bench/drills.py redis

drill-postgres: install
	$(BIN)/python bench/drills.py postgres

drill-worker: install
	$(BIN)/python bench/drills.py worker

backup-drill: install
	$(BIN)/python bench/drills.py backup

# Two gunicorn instances (ports 8021, 8022) sharing PostgreSQL (coopsite_multi), Redis db 7
# (flushed) and a private S3 bucket (moto's server on 127.0.0.1:8023): README, deployment.
multi-drill: install
	$(BIN)/python bench/two_instances.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

# Regenerate requirements.lock after changing dependencies in pyproject.toml.
lock: install
	PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile --quiet --extra dev --generate-hashes --strip-extras \
		--allow-unsafe --no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

# Interface translations (see docs/translation.md). Needs GNU gettext. The compiled .mo is
# committed, so `make run`, `make test` and a deploy need no gettext.
messages: install
	cd $(CURDIR) && $(BIN)/python manage.py makemessages --locale es --ignore '.venv/*' --no-location
	$(BIN)/python manage.py compilemessages --locale es --ignore '.venv/*'

# Fails if `make messages` would add, remove or change a msgid (CI runs it).
messages-check: install
	.ci/check-messages

clean:
	rm -rf $(VENV) db.sqlite3 test-db.sqlite3* htmlcov .coverage media static_collected test-artifacts
