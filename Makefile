# Enkanal – the two commands at the top of the README are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PUBLIC_PORT ?= 8100
INTRANET_PORT ?= 8200
# The frontends reach the CMS over HTTP only; the CMS links to them.
FRONTEND_ENV := ENKANAL_API_URL=http://$(HOST):$(PORT)/api \
  ENKANAL_PUBLIC_SITE_URL=http://$(HOST):$(PUBLIC_PORT) ENKANAL_INTRANET_URL=http://$(HOST):$(INTRANET_PORT)
# The sites run for development (plain http, a session key per process) on this machine.
FRONTEND_DEV := DEBUG=1
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev

.PHONY: demo test install uv lint format check migrate worker serve test-postgres bulk clean \
  frontend test-frontend

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
	$(MANAGE) load_demo_subscribers
	$(MANAGE) enkanal_scheduler
	$(MANAGE) mail_sweep
	@echo ""
	@echo "Enkanal körs / is running:"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "  Webbplats / public site: http://$(HOST):$(PUBLIC_PORT)/"
	@echo "  Intranät / intranet:     http://$(HOST):$(INTRANET_PORT)/"
	@echo "  E-post:  var/mail/ (demo-e-post sparas som filer)"
	@echo ""
	@trap 'kill 0' EXIT; \
	  export $(FRONTEND_ENV); \
	  $(MANAGE) db_worker & \
	  $(FRONTEND_DEV) ENKANAL_SITE=public $(UV) run --frozen python -m frontend.manage runserver $(HOST):$(PUBLIC_PORT) --noreload & \
	  $(FRONTEND_DEV) ENKANAL_SITE=intranet $(UV) run --frozen python -m frontend.manage runserver $(HOST):$(INTRANET_PORT) --noreload & \
	  $(MANAGE) runserver $(HOST):$(PORT) --noreload

## frontend: both sites (public :8100, intranet :8200) against a CMS already running on :8000.
frontend: install
	@echo "Webbplats: http://$(HOST):$(PUBLIC_PORT)/  Intranät: http://$(HOST):$(INTRANET_PORT)/"
	@trap 'kill 0' EXIT; export $(FRONTEND_ENV); \
	  $(FRONTEND_DEV) ENKANAL_SITE=public $(UV) run --frozen python -m frontend.manage runserver $(HOST):$(PUBLIC_PORT) --noreload & \
	  $(FRONTEND_DEV) ENKANAL_SITE=intranet $(UV) run --frozen python -m frontend.manage runserver $(HOST):$(INTRANET_PORT) --noreload

## test-frontend: the frontend's tests only (needs /usr/bin/chromium for the browser tests).
test-frontend: install
	$(UV) run --frozen pytest tests/frontend

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
	$(MANAGE) enkanal_scheduler
	$(MANAGE) mail_sweep
	$(MANAGE) db_worker

bulk: install
	$(MANAGE) generate_bulk_content --items $${ITEMS:-10000}

clean:
	rm -rf var static .pytest_cache .ruff_cache
