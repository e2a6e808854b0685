"""Settings of the frontend app; everything that differs between machines comes from the env.

ENKANAL_SITE          public | intranet (which site this process serves)
ENKANAL_API_URL       the CMS API root, e.g. http://127.0.0.1:8000/api
ENKANAL_CMS_URL       the CMS itself, for OIDC login (defaults to the API's origin)
SECRET_KEY            signs the session cookie and CSRF (required unless DEBUG)
CACHE_URL             redis://… holds the sessions of every node (else files in var/)
"""

from __future__ import annotations

import os
import secrets
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
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY is required (unless DEBUG is on).")
    # Development only: a key of this process; its sessions end when it restarts.
    SECRET_KEY = secrets.token_urlsafe(50)

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
OIDC_SCOPES = _env("ENKANAL_OIDC_SCOPES", "openid profile email intranet:read")

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
    "frontend.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "frontend.middleware.ApiErrorMiddleware",
    "frontend.middleware.PageHeadersMiddleware",
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
                "frontend.context_processors.site",
                "frontend.context_processors.page",
                "frontend.context_processors.chrome",
            ],
            "builtins": ["frontend.templatetags.frontend"],
        },
    },
]

# No database of its own. The session (the OIDC state and the intranet's access token)
# stays on the server, in the cache: Redis shared by every node when CACHE_URL is set,
# else files in var/ shared by the processes of one machine. The cookie holds only the
# session's key, so a stolen or replayed cookie ends with the session (logout, expiry).
DATABASES = {}
_cache_url = _env("CACHE_URL")
if _cache_url.startswith(("redis://", "rediss://")):
    _cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
elif _cache_url:
    raise ImproperlyConfigured("CACHE_URL must be a redis:// or rediss:// URL.")
else:
    _cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": _env("ENKANAL_FRONTEND_CACHE_DIR", str(BASE_DIR.parent / "var" / "frontend")),
        # Django culls a file cache at 300 entries by default: that would sign readers out.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
CACHES = {"default": {**_cache, "KEY_PREFIX": f"enkanal-frontend-{SITE}"}}
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_COOKIE_NAME = f"enkanal_{SITE}"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_NAME = f"enkanal_{SITE}_csrf"
CSRF_USE_SESSIONS = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS in production (DEBUG off), behind a proxy that sets X-Forwarded-Proto; each can
# be turned off only explicitly, for plain-http test servers.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(_env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = _env_bool("ENKANAL_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
# The sites' words are gettext catalogues in frontend/locale; LanguageMiddleware and
# render_page choose each page's language (its path or its item's locale), never the
# browser's Accept-Language, so a page reads the same for every visitor.
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
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
