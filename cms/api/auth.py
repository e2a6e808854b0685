"""Authentication of the intranet API: Bearer tokens, 401 without, 403 without access.

A Bearer token is tried, in order, as

1. a service token (``ServiceToken``, for machines such as workplace screens),
2. an access token of the embedded OIDC provider (django-oauth-toolkit), and
3. a JWT from the municipality's IdP, checked against its issuer and JWKS
   (``ENKANAL_OIDC_ISSUER``, ``ENKANAL_OIDC_JWKS_URL``, ``ENKANAL_OIDC_AUDIENCE``).

The reader is the token's user; ``request.reader`` carries it to the audience filter.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthorizationError
from ninja.security import HttpBearer

from cms.core import roles

from .models import ServiceToken, TokenScope


def may_read_intranet(user) -> bool:
    """Active users with a role (Medarbetare and up) read the intranet."""
    if user is None or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=roles.ROLE_NAMES).exists()


class IntranetBearer(HttpBearer):
    """Resolves a Bearer token to the reader of the intranet API."""

    def authenticate(self, request, token: str):
        user = self.user_for_token(request, token)
        if user is None:
            return None  # ninja answers 401
        if not may_read_intranet(user):
            raise AuthorizationError(message=_("The account has no access to the intranet."))
        request.reader = user
        return user

    def user_for_token(self, request, token: str):
        service_token = ServiceToken.lookup(token)
        if service_token is not None:
            if TokenScope.INTRANET_READ not in service_token.scopes:
                raise AuthorizationError(message=_("The token lacks the intranet:read permission."))
            ServiceToken.objects.filter(pk=service_token.pk).update(last_used_at=timezone.now())
            return service_token.user
        from . import oidc

        return oidc.user_for_access_token(token)


def intranet_auth():
    return [IntranetBearer()]
