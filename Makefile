# Enkanal – the two commands at the top of the README are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV ?= $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PUBLIC_PORT ?= 8100
INTRANET_PORT ?= 8200
# The frontends reach the CMS over HTTP only; the CMS links to them (and its e-mails
# link to itself), so other ports work when these follow HOST and the PORT variables.
FRONTEND_ENV := ENKANAL_API_URL=http://$(HOST):$(PORT)/api \
  ENKANAL_PUBLIC_SITE_URL=http://$(HOST):$(PUBLIC_PORT) ENKANAL_INTRANET_URL=http://$(HOST):$(INTRANET_PORT) \
  WAGTAILADMIN_BASE_URL=http://$(HOST):$(PORT)
# The sites run for development (plain http, a session key per process) on this machine.
FRONTEND_DEV := DEBUG=1
export DJANGO_SETTINGS_MODULE ?= cms.settings.dev
# One password for every demo user: ENKANAL_DEMO_PASSWORD, or a new one on each `make demo`.
ifeq ($(ENKANAL_DEMO_PASSWORD),)
DEMO_PASSWORD := $(shell $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(9))")
else
DEMO_PASSWORD := $(ENKANAL_DEMO_PASSWORD)
endif

.PHONY: demo test install uv lint format check migrate worker serve test-postgres bulk clean \
  frontend test-frontend mail

## uv: install uv for this user when it is missing (needs only Python ≥ 3.11 and pip).
uv:
	@command -v $(UV) >/dev/null 2>&1 || $(PYTHON) -m pip install --user --quiet uv

## install: the locked dependencies, dev and test groups included, and the compiled
## translations (.mo files are built from the .po catalogues, never committed).
install: uv
	$(UV) sync --frozen --all-extras
	$(UV) run --frozen python -m cms.core.i18n compile

## demo: install, migrate SQLite, load demo content, serve the admin and run the worker.
demo: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	env $(FRONTEND_ENV) ENKANAL_DEMO_PASSWORD='$(DEMO_PASSWORD)' $(MANAGE) load_demo_content --reset-passwords
	$(MANAGE) load_demo_subscribers
	env $(FRONTEND_ENV) $(MANAGE) enkanal_scheduler
	env $(FRONTEND_ENV) $(MANAGE) mail_sweep
	@# The CMS first: the sites answer 503 until its API is up, so they start after it
	@# accepts connections (at most two minutes).
	@trap 'kill 0' EXIT; \
	  export $(FRONTEND_ENV); \
	  $(MANAGE) db_worker & \
	  $(MANAGE) runserver $(HOST):$(PORT) --noreload & \
	  for _ in $$(seq 240); do (exec 3<>/dev/tcp/$(HOST)/$(PORT)) 2>/dev/null && break; sleep 0.5; done; \
	  $(FRONTEND_DEV) ENKANAL_SITE=public $(UV) run --frozen python -m frontend.manage runserver $(HOST):$(PUBLIC_PORT) --noreload & \
	  $(FRONTEND_DEV) ENKANAL_SITE=intranet $(UV) run --frozen python -m frontend.manage runserver $(HOST):$(INTRANET_PORT) --noreload & \
	  for port in $(PUBLIC_PORT) $(INTRANET_PORT); do \
	    for _ in $$(seq 240); do (exec 3<>/dev/tcp/$(HOST)/$$port) 2>/dev/null && break; sleep 0.5; done; \
	  done; \
	  echo ""; \
	  echo "Enkanal körs / is running:"; \
	  echo "  Admin:   http://$(HOST):$(PORT)/admin/"; \
	  echo "  Webbplats / public site: http://$(HOST):$(PUBLIC_PORT)/"; \
	  echo "  Intranät / intranet:     http://$(HOST):$(INTRANET_PORT)/"; \
	  echo "  E-post:  make mail (var/mail/; make mail N=1 visar ett / shows one)"; \
	  echo "  Inloggning / sign in: redaktor, chef, informator, kommunchef, administrator,"; \
	  echo "    medarbetare (intranät) – lösenord / password: $(DEMO_PASSWORD)"; \
	  echo ""; \
	  wait

## mail: the demo e-mail in var/mail/, decoded (N=3 shows message 3 with its links).
mail:
	@$(MANAGE) show_mail $(N)

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
	$(UV) run --frozen lint-imports --no-cache

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
