"""Production settings: every secret and address from the environment, or no start."""

from django.core.exceptions import ImproperlyConfigured

from cms.mail.conf import uses_tracking_esp

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
if uses_tracking_esp(EMAIL_BACKEND):
    # Without it the tracking webhooks are refused: bounces and complaints would be lost.
    env_str("ANYMAIL_WEBHOOK_SECRET", required=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", required=True)
# One signing key for every web node (a key generated per container would make each
# node reject the others' ID tokens): required, and never generated in production.
ENKANAL_OIDC_REQUIRE_KEY = True
env_str("ENKANAL_OIDC_RSA_PRIVATE_KEY", required=True)

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

# The embedded OIDC provider follows the OAuth 2.0 Security BCP (RFC 9700) in production:
# authorization code with S256 PKCE, https redirect URIs only, tokens never in URLs,
# refresh-token replay revokes the family. Dev keeps http for local frontends.
OAUTH2_PROVIDER = {
    **OAUTH2_PROVIDER,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    "OIDC_RP_INITIATED_LOGOUT_STRICT_REDIRECT_URIS": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "PKCE_REQUIRED": True,
    "ALLOW_URI_WILDCARDS": False,
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_SCHEME": True,
    "COMPLIANT_BCP_RFC9700_REDIRECT_URI_MATCHING": True,
}
