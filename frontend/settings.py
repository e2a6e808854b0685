"""Settings of the frontend app; everything that differs between machines comes from the env.

ENKANAL_SITE          public | intranet (which site this process serves)
ENKANAL_API_URL       the CMS API root, e.g. http://127.0.0.1:8000/api
ENKANAL_CMS_URL       the CMS itself, for OIDC login (defaults to the API's origin)
SECRET_KEY            signs the session cookie (required unless DEBUG)
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_bool(name: str, default: bool = False) -> bool:
    value = _env(name)
    return default if not value else value.lower() in {"1", "true", "yes", "on"}


DEBUG = _env_bool("DEBUG", False)
SITE = _env("ENKANAL_SITE", "public")
if SITE not in {"public", "intranet"}:
    raise ImproperlyConfigured("ENKANAL_SITE must be 'public' or 'intranet'.")

SECRET_KEY = _env("SECRET_KEY")
if not SECRET_KEY:
    if not _env_bool("ENKANAL_FRONTEND_INSECURE_DEV_KEY", True):
        raise ImproperlyConfigured("SECRET_KEY is required.")
    # Only the intranet's login cookie is signed with it; production sets SECRET_KEY.
    SECRET_KEY = "frontend-dev-only-insecure-key"  # noqa: S105

ALLOWED_HOSTS = [h for h in _env("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]

#: The CMS API root (without /public/v1).
API_URL = _env("ENKANAL_API_URL", "http://127.0.0.1:8000/api").rstrip("/")
API_SURFACE = "public" if SITE == "public" else "intranet"
#: Seconds to wait for the API: connecting, then reading a response.
API_CONNECT_TIMEOUT = float(_env("ENKANAL_API_CONNECT_TIMEOUT", "2"))
API_READ_TIMEOUT = float(_env("ENKANAL_API_READ_TIMEOUT", "8"))
#: Extra attempts for idempotent reads after a connection error or 502/503/504.
API_RETRIES = int(_env("ENKANAL_API_RETRIES", "2"))
#: Responses kept in the process's cache (least recently used are dropped).
API_CACHE_ENTRIES = int(_env("ENKANAL_API_CACHE_ENTRIES", "2000"))

_api = urlsplit(API_URL)
CMS_URL = _env("ENKANAL_CMS_URL", f"{_api.scheme}://{_api.netloc}").rstrip("/")
PUBLIC_SITE_URL = _env("ENKANAL_PUBLIC_SITE_URL", "http://127.0.0.1:8100").rstrip("/")
INTRANET_URL = _env("ENKANAL_INTRANET_URL", "http://127.0.0.1:8200").rstrip("/")
SITE_URL = PUBLIC_SITE_URL if SITE == "public" else INTRANET_URL
SITE_NAME = _env("ENKANAL_SITE_NAME", "Ekby kommun")

# OIDC login for the intranet: the CMS as provider in the embedded default, the
# municipality's IdP in production (set the issuer and the client).
OIDC_ISSUER = _env("ENKANAL_OIDC_ISSUER", f"{CMS_URL}/api/oidc").rstrip("/")
OIDC_CLIENT_ID = _env("ENKANAL_OIDC_CLIENT_ID", "enkanal-intranet")
OIDC_CLIENT_SECRET = _env("ENKANAL_OIDC_CLIENT_SECRET")
# intranet:read is the scope the CMS requires of access tokens for the intranet API.
OIDC_SCOPES = _env("ENKANAL_OIDC_SCOPES", "openid profile intranet:read")

# Accessibility: where reports go when the API's feedback form is not reachable.
ACCESSIBILITY_EMAIL = _env("ENKANAL_ACCESSIBILITY_EMAIL", "tillganglighet@ekby.example")

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "frontend",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "frontend.middleware.ApiErrorMiddleware",
    "frontend.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "frontend.urls"
WSGI_APPLICATION = "frontend.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
                "frontend.context.site",
            ],
            "builtins": ["frontend.templatetags.frontend"],
        },
    },
]

# No database of its own: sessions live in a signed cookie (only the intranet logs in).
DATABASES = {}
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
SESSION_COOKIE_NAME = f"enkanal_{SITE}"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_bool("ENKANAL_SECURE_COOKIES", False)
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_NAME = f"enkanal_{SITE}_csrf"
CSRF_USE_SESSIONS = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
USE_I18N = False  # UI text comes from frontend.text, per page language
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(
    _env("ENKANAL_FRONTEND_STATIC_ROOT", str(BASE_DIR.parent / "var" / "static-frontend"))
)
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"frontend": {"handlers": ["console"], "level": _env("LOG_LEVEL", "INFO")}},
}
