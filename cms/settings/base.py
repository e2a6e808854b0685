"""Settings shared by every environment.

Anything that differs between machines comes from the environment through
``cms.settings.env``; ``dev``/``test`` give safe defaults and ``production``
insists on the real values.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from search.config import backends_from_env

from .env import cache_from_url, env_bool, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("ENKANAL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Enkanal
    "cms.core",
    "cms.snippets",
    "cms.pages",
    "cms.mail",
    "cms.api",
    "cms.workflows",
    "cms.dialogue",
    "cms.editorial",
    "cms.channels",
    "search",
    "cms.imports",
    "cms.demo",
    # Wagtail and wagtail-localize
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Delivery API: the embedded OIDC provider, CORS
    "oauth2_provider",
    "corsheaders",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # E-mail
    "anymail",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.core.middleware.SwedishAdminMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the embedded default, anything dj-database-url understands otherwise.
# Redis in production (CACHE_URL=redis://…): the API's response cache and the rate limits
# are then shared by every worker process; without it each process has its own.
CACHES = {"default": cache_from_url(env_str("CACHE_URL"))}

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'enkanal.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE avoids
    # "database is locked" upgrades from read to write transactions.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Swedish first for the admin and content, English second, more from settings.
LANGUAGE_CODE = "sv"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
_BASE_LANGUAGES = [("sv", "Svenska"), ("en", "English")]
_EXTRA_LANGUAGE_NAMES = {
    "fi": "Suomi",
    "se": "Davvisámegiella",
    "ar": "العربية",
    "so": "Soomaali",
    "uk": "Українська",
    "de": "Deutsch",
}
ENKANAL_EXTRA_CONTENT_LANGUAGES = env_list("ENKANAL_EXTRA_CONTENT_LANGUAGES")
WAGTAIL_CONTENT_LANGUAGES = _BASE_LANGUAGES + [
    (code, _EXTRA_LANGUAGE_NAMES.get(code, code)) for code in ENKANAL_EXTRA_CONTENT_LANGUAGES
]
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = _BASE_LANGUAGES
# Where the browser's language is ignored: Swedish unless the user chose English.
ENKANAL_ADMIN_LANGUAGE_PATHS = ["/admin/", "/arbetsflode/"]
LOCALE_PATHS = [PROJECT_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: files in the embedded default, django-anymail in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Ekby kommun <noreply@ekby.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Django's SMTP backend (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend).
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Django waits forever by default: a relay that accepts the connection and then hangs
# would hold a worker and its batch's claim (the lease keeper renews it) for good. Past
# the timeout the batch is released and the dispatch pauses like any outage.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in (
        ("ANYMAIL_API_KEY", env_str("ANYMAIL_API_KEY")),
        ("ANYMAIL_WEBHOOK_SECRET", env_str("ANYMAIL_WEBHOOK_SECRET")),
    )
    if value
}
ANYMAIL_API_KEY_SETTING = env_str("ANYMAIL_API_KEY_SETTING")
if ANYMAIL_API_KEY_SETTING and "API_KEY" in ANYMAIL:
    # Providers name their key differently (MAILGUN_API_KEY, POSTMARK_SERVER_TOKEN, ...).
    ANYMAIL[ANYMAIL_API_KEY_SETTING] = ANYMAIL.pop("API_KEY")

# Background work: django-tasks with its database backend; `manage.py db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": env_str("ENKANAL_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Search: Wagtail's database backend by default (SQLite FTS5 / PostgreSQL full text);
# ENKANAL_SEARCH_BACKEND=elasticsearch switches to Elasticsearch 9 (see search.config).
WAGTAILSEARCH_BACKENDS = backends_from_env()
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
# The words of the public items (typo correction, compound splitting): rebuilt by the
# worker when older than the TTL; each process looks for a newer one this often.
ENKANAL_SEARCH_VOCABULARY_TTL = env_int("ENKANAL_SEARCH_VOCABULARY_TTL", 900)
ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL = env_int("ENKANAL_SEARCH_VOCABULARY_CHECK_INTERVAL", 60)

# Wagtail
WAGTAIL_SITE_NAME = env_str("ENKANAL_SITE_NAME", "Ekby kommun")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.EnkanalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.EnkanalDocument"
# Documents are always served through Django, so that access to documents of
# staff-only items can be checked before a byte is sent.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# SVG for the municipality's logo (site settings); Wagtail serves SVG renditions as SVG.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_PASSWORD_RESET_ENABLED = env_bool("WAGTAIL_PASSWORD_RESET_ENABLED", True)
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
    }
}

# Enkanal's own settings (prefixed with the app name, as Wagtail does).
ENKANAL_PUBLIC_SITE_URL = env_str("ENKANAL_PUBLIC_SITE_URL", "http://127.0.0.1:8100")
ENKANAL_INTRANET_URL = env_str("ENKANAL_INTRANET_URL", "http://127.0.0.1:8200")
ENKANAL_SUMMARY_MAX_LENGTH = env_int("ENKANAL_SUMMARY_MAX_LENGTH", 300)
ENKANAL_REVIEW_INTERVAL_DAYS = env_int("ENKANAL_REVIEW_INTERVAL_DAYS", 730)
# Kommunallagen 8 kap. 12 §: adjusted minutes stay posted for at least three weeks.
ENKANAL_MINUTES_MIN_POSTING_DAYS = 21
ENKANAL_DEMO_PASSWORD = env_str("ENKANAL_DEMO_PASSWORD")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint logs each step of a PDF at INFO; its warnings (an image it could
        # not read) stay.
        "weasyprint": {"level": "WARNING"},
    },
}

SITE_LABEL = _("Enkanal")

# Editorial quality: readability and review dates (cms.editorial).
ENKANAL_LIX_WARNING_THRESHOLD = env_int("ENKANAL_LIX_WARNING_THRESHOLD", 50)
ENKANAL_LIX_LONG_SENTENCE_WORDS = env_int("ENKANAL_LIX_LONG_SENTENCE_WORDS", 25)
ENKANAL_REVIEW_SOON_DAYS = env_int("ENKANAL_REVIEW_SOON_DAYS", 30)
# How often the worker sends the review reminders that are due (each unit once a week).
ENKANAL_REVIEW_REMINDER_INTERVAL = env_int("ENKANAL_REVIEW_REMINDER_INTERVAL", 3600)

# Dialogue: feedback and news tips (cms.dialogue).
ENKANAL_FEEDBACK_RETENTION_DAYS = env_int("ENKANAL_FEEDBACK_RETENTION_DAYS", 730)
# How often the worker erases feedback past retention.
ENKANAL_DIALOGUE_HOUSEKEEPING_INTERVAL = env_int("ENKANAL_DIALOGUE_HOUSEKEEPING_INTERVAL", 3600)
ENKANAL_FEEDBACK_MAX_LENGTH = env_int("ENKANAL_FEEDBACK_MAX_LENGTH", 5000)
ENKANAL_FEEDBACK_MIN_FILL_SECONDS = env_int("ENKANAL_FEEDBACK_MIN_FILL_SECONDS", 3)
ENKANAL_FEEDBACK_TOKEN_MAX_AGE = env_int("ENKANAL_FEEDBACK_TOKEN_MAX_AGE", 2 * 60 * 60)
ENKANAL_FEEDBACK_RATE_LIMIT = env_int("ENKANAL_FEEDBACK_RATE_LIMIT", 5)
ENKANAL_FEEDBACK_RATE_WINDOW = env_int("ENKANAL_FEEDBACK_RATE_WINDOW", 60 * 60)
ENKANAL_FEEDBACK_INBOX_EMAIL = env_str("ENKANAL_FEEDBACK_INBOX_EMAIL")

# Workflow
# Minutes between the internal (staff) and the external (public) release of an item.
ENKANAL_INTERNAL_LEAD = env_int("ENKANAL_INTERNAL_LEAD", 60)
# Days a signed approval link in a manager's e-mail stays valid.
ENKANAL_APPROVAL_LINK_MAX_AGE_DAYS = env_int("ENKANAL_APPROVAL_LINK_MAX_AGE_DAYS", 7)
# True lets an approval link act without signing in (a forwarded e-mail can approve).
ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN = env_bool("ENKANAL_APPROVAL_LINKS_WITHOUT_SIGN_IN", False)
# Seconds between two runs of the scheduler's safety-net sweep in the worker.
ENKANAL_SCHEDULER_INTERVAL = env_int("ENKANAL_SCHEDULER_INTERVAL", 30)
# Approving the last task publishes without giving approvers Wagtail publish rights.
WAGTAIL_FINISH_WORKFLOW_ACTION = "cms.workflows.finish.publish_workflow_state"

# Delivery API (cms.api); defaults of ENKANAL_API_* are in cms/api/conf.py.
from django.utils.functional import lazy  # noqa: E402

from cms.api.oidc import private_key_pem  # noqa: E402

# Intranet identity: "embedded" (the CMS is the OIDC provider) or "external" (the IdP).
ENKANAL_OIDC_MODE = env_str("ENKANAL_OIDC_MODE", "embedded")
if ENKANAL_OIDC_MODE not in {"embedded", "external"}:
    raise ImproperlyConfigured("ENKANAL_OIDC_MODE must be 'embedded' or 'external'.")
# With the IdP, tokens are only as trustworthy as the issuer, audience and keys they
# are checked against: none of them may be missing, in any settings module.
_external_idp = ENKANAL_OIDC_MODE == "external"
ENKANAL_OIDC_ISSUER = env_str("ENKANAL_OIDC_ISSUER", required=_external_idp)
ENKANAL_OIDC_JWKS_URL = env_str("ENKANAL_OIDC_JWKS_URL", required=_external_idp)
ENKANAL_OIDC_AUDIENCE = env_str("ENKANAL_OIDC_AUDIENCE", required=_external_idp)
ENKANAL_OIDC_USERNAME_CLAIM = env_str("ENKANAL_OIDC_USERNAME_CLAIM", "preferred_username")
ENKANAL_OIDC_USER_FIELD = env_str("ENKANAL_OIDC_USER_FIELD", "username")
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    # From ENKANAL_OIDC_RSA_PRIVATE_KEY, or generated into var/ for development.
    "OIDC_RSA_PRIVATE_KEY": lazy(private_key_pem, str)(),
    "PKCE_REQUIRED": True,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"],
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("ENKANAL_OIDC_ACCESS_TOKEN_SECONDS", 3600),
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Namn",
        "email": "E-postadress",
        "intranet:read": "Läsa intranätet",
    },
    "DEFAULT_SCOPES": ["openid", "intranet:read"],
    # name, preferred_username, email… by scope, in userinfo and the ID token.
    "OAUTH2_VALIDATOR_CLASS": "cms.api.oidc_claims.EnkanalOAuth2Validator",
    # The intranet's "Logga ut" ends the CMS session too (RP-initiated logout), and
    # returns only to an address registered for the client (post_logout_redirect_uris).
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
}
# CORS only on the two APIs, for the frontends' origins.
CORS_URLS_REGEX = r"^/api/(public|intranet)/"
CORS_ALLOWED_ORIGINS = env_list(
    "ENKANAL_API_CORS_ORIGINS", [ENKANAL_PUBLIC_SITE_URL, ENKANAL_INTRANET_URL]
)
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
CORS_PREFLIGHT_MAX_AGE = 3600
ENKANAL_API_PUBLIC_RATE = env_str("ENKANAL_API_PUBLIC_RATE", "600/m")
ENKANAL_API_INTRANET_RATE = env_str("ENKANAL_API_INTRANET_RATE", "600/m")
# CIDRs of the frontends and proxies in front of the API, whose X-Forwarded-For names
# the resident the rate limits count (cms/core/throttling.py); none: REMOTE_ADDR.
ENKANAL_TRUSTED_PROXIES = env_list("ENKANAL_TRUSTED_PROXIES")

# E-mail channel (cms.mail): batches, retries, rate limit and signed links; see cms/mail/conf.py.
ENKANAL_MAIL_BATCH_SIZE = env_int("ENKANAL_MAIL_BATCH_SIZE", 100)
ENKANAL_MAIL_RATE_LIMIT = env_int("ENKANAL_MAIL_RATE_LIMIT", 0)
ENKANAL_MAIL_MAX_ATTEMPTS = env_int("ENKANAL_MAIL_MAX_ATTEMPTS", 6)
ENKANAL_MAIL_CLAIM_TIMEOUT = env_int("ENKANAL_MAIL_CLAIM_TIMEOUT", 5 * 60)
ENKANAL_MAIL_SWEEP_INTERVAL = env_int("ENKANAL_MAIL_SWEEP_INTERVAL", 60)
ENKANAL_MAIL_BATCH_SEND = env_str("ENKANAL_MAIL_BATCH_SEND", "auto")
ENKANAL_MAIL_MERGE_FIELD_FORMAT = env_str("ENKANAL_MAIL_MERGE_FIELD_FORMAT", "{{{{{name}}}}}")
ENKANAL_MAIL_LINK_BASE_URL = env_str("ENKANAL_MAIL_LINK_BASE_URL", WAGTAILADMIN_BASE_URL)
ENKANAL_MAIL_LOGO_URL = env_str("ENKANAL_MAIL_LOGO_URL", "")
