"""Development settings: the embedded default on one machine (SQLite, files for e-mail)."""

from .base import *
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine here: dev never serves real users, and production refuses to start
# without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
