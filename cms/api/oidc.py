"""OIDC for the intranet: the embedded provider, or the municipality's IdP.

Embedded default (``ENKANAL_OIDC_MODE=embedded``): the CMS is the OIDC provider
(django-oauth-toolkit, authorization code with PKCE); an access token is looked up by
its checksum – tokens are stored hashed (RFC 9700).

Production (``ENKANAL_OIDC_MODE=external``): access tokens are JWTs from the IdP,
checked against its signing keys (``ENKANAL_OIDC_JWKS_URL``), issuer and audience;
the user is found by the claim ``ENKANAL_OIDC_USERNAME_CLAIM``. Accounts are not
created on the fly: who is staff, and in which units, is the CMS's business.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

logger = logging.getLogger(__name__)

#: The scope an access token needs for the intranet API.
INTRANET_SCOPE = "intranet:read"
JWKS_CACHE_SECONDS = 600
ALLOWED_JWT_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]


def user_for_access_token(token: str):
    """The active user an OIDC access token belongs to, or ``None``."""
    if not token or len(token) > 8192:
        return None
    if getattr(settings, "ENKANAL_OIDC_MODE", "embedded") == "external":
        return _user_for_jwt(token)
    return _user_for_embedded_token(token)


def _user_for_embedded_token(token: str):
    from oauth2_provider.models import get_access_token_model

    checksum = hashlib.sha256(token.encode()).hexdigest()
    access_token = (
        get_access_token_model()
        .objects.select_related("user")
        .filter(token_checksum=checksum, expires__gt=timezone.now())
        .first()
    )
    if access_token is None or not access_token.is_valid([INTRANET_SCOPE]):
        return None
    return access_token.user


def _user_for_jwt(token: str):
    from jwcrypto import jwk, jwt
    from jwcrypto.common import JWException

    issuer = settings.ENKANAL_OIDC_ISSUER
    audience = settings.ENKANAL_OIDC_AUDIENCE
    if not issuer or not audience:
        # jwcrypto takes a missing value as "any": fail closed instead (settings refuse
        # to start like this; this holds when they are overridden).
        logger.error("Refused an IdP token: ENKANAL_OIDC_ISSUER or _AUDIENCE is not set.")
        return None
    try:
        keys = jwk.JWKSet.from_json(json.dumps(_jwks()))
        checked = jwt.JWT(
            jwt=token,
            key=keys,
            algs=ALLOWED_JWT_ALGORITHMS,
            check_claims={"iss": issuer, "aud": audience, "exp": None},
        )
        claims = json.loads(checked.claims)
    except (JWException, ValueError, TypeError, KeyError) as error:
        logger.info("Refused an IdP token: %s", error)
        return None
    username = claims.get(getattr(settings, "ENKANAL_OIDC_USERNAME_CLAIM", "preferred_username"))
    if not isinstance(username, str) or not username:
        return None
    field = getattr(settings, "ENKANAL_OIDC_USER_FIELD", "username")
    return get_user_model().objects.filter(**{field: username}, is_active=True).first()


def _jwks() -> dict:
    """The IdP's signing keys, cached; refetched when the cache expires."""
    import requests

    url = settings.ENKANAL_OIDC_JWKS_URL
    keys = cache.get(f"enkanal-oidc-jwks:{url}")
    if keys is None:
        response = requests.get(url, timeout=5)
        response.raise_for_status()
        keys = response.json()
        cache.set(f"enkanal-oidc-jwks:{url}", keys, JWKS_CACHE_SECONDS)
    return keys


@functools.cache
def private_key_pem() -> str:
    """The embedded provider's RS256 signing key.

    From ``ENKANAL_OIDC_RSA_PRIVATE_KEY`` (PEM) when set, which production requires;
    otherwise, for development, generated once into ``var/oidc-rsa.pem``.
    """
    pem = os.environ.get("ENKANAL_OIDC_RSA_PRIVATE_KEY", "").strip()
    if pem:
        return pem
    if getattr(settings, "ENKANAL_OIDC_REQUIRE_KEY", False):
        raise ImproperlyConfigured("ENKANAL_OIDC_RSA_PRIVATE_KEY is required in production.")
    path = Path(settings.VAR_DIR) / "oidc-rsa.pem"
    if path.exists():
        return path.read_text()
    pem = generate_private_key_pem()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(pem)
        path.chmod(0o600)
    except OSError:
        logger.warning("Could not store the OIDC key in %s; using a key in memory.", path)
    return pem


def generate_private_key_pem() -> str:
    """A new 2048-bit RSA key as unencrypted PKCS#8 PEM."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
