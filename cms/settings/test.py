"""Test settings: fast, isolated, no network."""

from cms.core.i18n import compile_catalogues
from search.config import backends_from_env

from .base import *

# The .mo files are built, not committed: compile those missing or older than their
# .po here, before any app loads, since a string translated at import time (an API
# router's tags) would otherwise keep the catalogue found then for the whole run.
compile_catalogues(force=False)

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# Tasks run in-process so that tests see their effects; tests of the worker itself
# override this with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The project's own default search backend, whatever the environment says: tests that
# need Elasticsearch opt in with ELASTICSEARCH_URL.
WAGTAILSEARCH_BACKENDS = backends_from_env({})
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Static files are not collected for tests; WhiteNoise would warn about the missing
# STATIC_ROOT on every request.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]
