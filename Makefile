# Enkanal – the two commands at the top of the README are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev

.PHONY: demo test install uv lint format check migrate worker serve test-postgres bulk clean

## uv: install uv for this user when it is missing (needs only Python ≥ 3.11 and pip).
uv:
	@command -v $(UV) >/dev/null 2>&1 || $(PYTHON) -m pip install --user --quiet uv

## install: the locked dependencies, dev and test groups included.
install: uv
	$(UV) sync --frozen --all-extras

## demo: install, migrate SQLite, load demo content, serve the admin and run the worker.
demo: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content --reset-passwords
	@echo ""
	@echo "Enkanal körs / is running:"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "  E-post:  var/mail/ (demo-e-post sparas som filer)"
	@echo ""
	@trap 'kill 0' EXIT; \
	  $(MANAGE) db_worker & \
	  $(MANAGE) runserver $(HOST):$(PORT) --noreload

## test: the whole test suite (SQLite unless DATABASE_URL is set).
test: install
	$(UV) run --frozen pytest

## test-postgres: the suite on a fresh PostgreSQL database, dropped afterwards.
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(UV) run --frozen pytest

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

format: install
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

migrate: install
	$(MANAGE) migrate --noinput

worker: install
	$(MANAGE) db_worker

bulk: install
	$(MANAGE) generate_bulk_content --items $${ITEMS:-10000}

clean:
	rm -rf var static .pytest_cache .ruff_cache
