# syntax=docker/dockerfile:1.7
# Enkanal CMS image. Migrations are a separate release step, never run by the entrypoint:
#   docker run --rm --env-file prod.env enkanal python manage.py migrate --noinput

ARG PYTHON_VERSION=3.12

FROM python:${PYTHON_VERSION}-slim-bookworm AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PROJECT_ENVIRONMENT=/opt/venv
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --extra elasticsearch
COPY . .
# The translations: every .po catalogue to its .mo (pure Python, no GNU gettext needed).
RUN /opt/venv/bin/python -m cms.core.i18n compile
# collectstatic needs settings but no secrets or database: give it throwaway values.
RUN DJANGO_SETTINGS_MODULE=cms.settings.production \
    SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/x.sqlite3 \
    WAGTAILADMIN_BASE_URL=http://localhost ENKANAL_PUBLIC_SITE_URL=http://localhost \
    ENKANAL_INTRANET_URL=http://localhost EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend \
    DEFAULT_FROM_EMAIL=noreply@localhost ENKANAL_OIDC_RSA_PRIVATE_KEY=collectstatic-only \
    /opt/venv/bin/python manage.py collectstatic --noinput

FROM python:${PYTHON_VERSION}-slim-bookworm AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    PORT=8000
# Pango and a font for WeasyPrint (the print channels' PDFs).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libjpeg62-turbo zlib1g libwebp7 \
       libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 enkanal
COPY --from=build /opt/venv /opt/venv
COPY --from=build --chown=enkanal:enkanal /app /app
WORKDIR /app
USER enkanal
EXPOSE 8000
# The web process only; the worker runs the same image with `python manage.py db_worker`.
CMD ["sh", "-c", "exec gunicorn cms.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-2} --access-logfile -"]
