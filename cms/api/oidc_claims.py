"""The standard OIDC claims the embedded provider gives, as far as the granted scopes allow.

django-oauth-toolkit filters the claims by scope (``profile``: the names;
``email``: the address) for both the userinfo endpoint and the ID token; this module
only says where each claim comes from. Kept apart from ``cms.api.oidc``, which the
settings import before the apps are ready.
"""

from oauth2_provider.oauth2_validators import OAuth2Validator


def _name(request) -> str:
    return request.user.get_full_name() or request.user.get_username()


class EnkanalOAuth2Validator(OAuth2Validator):
    """The CMS's accounts as OIDC claims (``sub`` stays Django's primary key)."""

    def get_additional_claims(self):
        """Claims as functions of the request (request-agnostic, so discovery lists them)."""
        return {
            "name": _name,
            "given_name": lambda request: request.user.first_name,
            "family_name": lambda request: request.user.last_name,
            "preferred_username": lambda request: request.user.get_username(),
            "email": lambda request: request.user.email,
            # Accounts and their addresses are administered by the municipality, not
            # entered by the users themselves.
            "email_verified": lambda request: bool(request.user.email),
        }
