"""OIDC access tokens: the embedded provider's, or an external IdP's JWTs."""

from __future__ import annotations


def user_for_access_token(token: str):
    """The active user an OIDC access token belongs to, or ``None``."""
    return None
