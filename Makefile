# Relief: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_VERSION ?= 15

.PHONY: run test unit install chromium poppler postgres pgbouncer axe lint format bench bench-national bench-import bench-phone bench-logins bench-offline clean

# Keep compiled bytecode between runs even where the shell asks Python not to write it: without
# it every test process, and every `relief` process a test starts, compiles the project and
# pytest's rewritten test modules and plugins again (about 5 s of CPU per pytest process).
unexport PYTHONDONTWRITEBYTECODE

# The packages are installed with uv (from PyPI, into the venv): on a clean clone it takes a
# third of the CPU pip took (17 s against 40 s), which counts in `make test`'s 5 minutes.
# Compiled to bytecode as they are installed (uv, unlike pip, does not by default): otherwise
# the suite's three workers and the API tests, started together on a clean clone, each compiled
# the same packages on first import (about 11 s of CPU per process, against 23 s once here).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: $(BIN)/python
	$(BIN)/pip install --quiet uv

$(VENV)/.installed: $(BIN)/uv pyproject.toml
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/relief serve --demo

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

# axe-core, which the browser tests run in each page (package.json, pinned in package-lock.json).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

axe: node_modules/.installed

# pdftotext and pdftoppm, with which the print tests read the PDFs Chromium makes.
poppler:
	@command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils)

# The local PostgreSQL the suite runs against; started when it is down.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $(PG_VERSION) main start
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; \
	  echo "PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1

# PgBouncer in transaction mode on port 6439, in front of that PostgreSQL (tests/pgbouncer.ini),
# for the tests of several app servers on one database; installed and started when missing.
PGBOUNCER_DIR := /tmp/relief-pgbouncer
pgbouncer: postgres
	@test -x /usr/sbin/pgbouncer || (apt-get update -qq && apt-get install -y -qq pgbouncer)
	@pg_isready -q -h 127.0.0.1 -p 6439 -d pgbouncer || { \
	  mkdir -p $(PGBOUNCER_DIR) && cp tests/pgbouncer.ini $(PGBOUNCER_DIR)/ && \
	  if [ "$$(id -u)" = 0 ]; then chown -R postgres $(PGBOUNCER_DIR); \
	    /usr/sbin/pgbouncer -q -d -u postgres $(PGBOUNCER_DIR)/pgbouncer.ini; \
	  else /usr/sbin/pgbouncer -q -d $(PGBOUNCER_DIR)/pgbouncer.ini; fi; }
	@for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 6439 -d pgbouncer && exit 0; sleep 1; done; \
	  echo "PgBouncer did not start on 127.0.0.1:6439 (see $(PGBOUNCER_DIR)/pgbouncer.log)" >&2; exit 1

lint: install
	$(BIN)/ruff check relief tests
	$(BIN)/ruff format --check relief tests
	$(BIN)/mypy relief

format: install
	$(BIN)/ruff check --fix relief tests
	$(BIN)/ruff format relief tests

# The suite on three workers (two cores: the tests wait on servers, Chromium and PostgreSQL a
# third of their time; a third worker took a warm run from 5 min 54 s to 5 min 31 s) and, beside
# it, tests/api (the schema fuzzing) in a pytest process of
# its own, because schemathesis gives every operation the same test id, which pytest-xdist
# would run only once. Run alongside, the fuzzing uses the time the suite's workers leave idle
# (waiting on servers and Chromium, the last long files); its report is shown after the
# suite's, and `make test` fails when either fails. See docs/performance.md.
#
# The files are handed to the workers in the order tests/conftest.py gives them
# (`--no-loadscope-reorder`): the browser tests' files first, so that each worker starts Chromium
# once, instead of again after every other file that came between its browser files.
#
# Before them, the project is compiled to bytecode and the kept migrated databases are made
# (tests/databases.py: on a new schema, SQLite's and PostgreSQL's side by side, and the demo's
# SQLite file, which the demo servers and tests copy; nothing to do on a warm run), while `make lint` runs beside: the linters no longer hold up the suite, and their
# report is shown with the others at the end (`make test` fails when they fail).
API_LOG := $(VENV)/api-tests.log
LINT_LOG := $(VENV)/lint.log
# Only tests/api fuzzes with schemathesis, and no test uses Faker: the suite's three pytest
# processes skip loading those plugins (about a second of CPU each).
SUITE_PLUGINS_OFF := -p no:schemathesis -p no:faker
test: install chromium poppler postgres pgbouncer axe
	@$(MAKE) --no-print-directory lint >$(LINT_LOG) 2>&1 & lint=$$!; api=; \
	trap 'kill $$lint $$api 2>/dev/null; exit 130' INT TERM; \
	$(BIN)/python -m compileall -q -j 0 relief >/dev/null; \
	$(BIN)/python -m tests.databases; kept=$$?; \
	if [ $$kept -eq 0 ]; then \
	  $(BIN)/pytest tests/api -p no:cacheprovider >$(API_LOG) 2>&1 & api=$$!; \
	  $(BIN)/pytest -n 3 --dist loadfile --no-loadscope-reorder --ignore=tests/api $(SUITE_PLUGINS_OFF); suite=$$?; \
	  wait $$api; fuzzed=$$?; \
	fi; \
	wait $$lint; linted=$$?; \
	echo "--- make lint (ruff and mypy), run beside the suite:"; cat $(LINT_LOG); \
	test $$kept -eq 0 || { echo "The kept test databases could not be made" >&2; exit 1; }; \
	echo "--- tests/api (API contract and schema fuzzing), run beside the suite:"; \
	cat $(API_LOG); test $$suite -eq 0 && test $$fuzzed -eq 0 && test $$linted -eq 0

# The fast tier, optional: the tests marked `unit` in tests/conftest.py (no database, browser or
# server of their own), in one process, without the linters, Chromium or PostgreSQL; seconds.
unit: install
	$(BIN)/pytest -m unit -p no:xdist $(SUITE_PLUGINS_OFF)

# The province-scale benchmark of issue 29 (bench/run.py): at 1/10, full and 3× scale, SQLite then
# PostgreSQL at each, the server's CPU per request from /proc beside each page's own SQL and the
# framework's trivial pages, then the 100,000-row import (bench-import); BENCH_SCALES=0.05,0.15
# for a quicker try. See docs/performance.md.
bench: install postgres
	$(BIN)/python bench/run.py
	$(BIN)/python bench/import_bench.py --results bench/results.json
	$(BIN)/python bench/national.py

# The country of issue 31 on PostgreSQL (bench/national.py): 34 provinces, 3,321 communes, 8
# hamlets in each, 1,000,000 households (and 100,000, to judge growth) with damage, aid, house
# cases and their kept figures, built with set-based SQL; the national dashboard, a province's
# dashboard, a commune's summary and the national province page measured as `bench` measures
# the province's reads. Into bench/results.json ("national"); the database is dropped after.
bench-national: install postgres
	$(BIN)/python bench/national.py

# A 100,000-row list previewed and confirmed (bench/import_bench.py), beside python-calamine's
# own read of the file: wall and processor seconds and the load average, into bench/results.json.
bench-import: install
	$(BIN)/python bench/import_bench.py --results bench/results.json

# On a cheap phone and a weak network (bench/phone_bench.py): first paint of three pages under
# 400 kbps / 400 ms / CPU 4x in Chromium, and four 40-megapixel photos uploaded at once.
bench-phone: install chromium
	$(BIN)/python bench/phone_bench.py

# 20 logins at the same moment with the default argon2 profile: the peak memory of a server that
# only serves (the demo loaded by separate `relief demo` processes).
bench-logins: install
	$(BIN)/python bench/login_memory.py

# A commune of 5,000 households kept on a phone (bench/offline_bench.py): the list's size and the
# time to keep it under the same phone profile, then one change synced by its cursor.
bench-offline: install chromium
	$(BIN)/python bench/offline_bench.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .mypy_cache
