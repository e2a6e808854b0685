"""Production settings: every secret and address from the environment, or no start."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
if "*" in ALLOWED_HOSTS:
    # A wildcard accepts forged Host headers (password reset links, cache poisoning).
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts; '*' is not allowed.")
env_str("DATABASE_URL", required=True)  # base.py parsed it; fail fast when it is missing
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", required=True)
ENKANAL_PUBLIC_SITE_URL = env_str("ENKANAL_PUBLIC_SITE_URL", required=True)
ENKANAL_INTRANET_URL = env_str("ENKANAL_INTRANET_URL", required=True)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", required=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", required=True)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
