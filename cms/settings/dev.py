"""Development settings: the embedded default on one machine (SQLite, files for e-mail)."""

from .base import *
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine here: dev never serves real users, and production refuses to start
# without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
# The frontends of `make demo` post forms from this machine and forward the resident.
ENKANAL_TRUSTED_PROXIES = env_list("ENKANAL_TRUSTED_PROXIES", ["127.0.0.1/32", "::1/128"])
