"""Issue a Bearer token for the intranet API from the command line (demo, scripts).

manage.py issue_api_token medarbetare                 # OIDC access token, 1 hour
manage.py issue_api_token skarm --service "Skärm A"   # service token (revocable in admin)
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.api.models import ServiceToken
from cms.api.oidc import INTRANET_SCOPE

CLI_CLIENT_ID = "enkanal-cli"


class Command(BaseCommand):
    help = "Skapar en Bearer-token för intranätets API åt en användare."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--service", metavar="NAMN", help="Skapa en tjänstetoken med det här namnet."
        )
        parser.add_argument("--minutes", type=int, default=60)

    def handle(self, *args, username, service=None, minutes=60, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Ingen aktiv användare heter {username}.")
        if service:
            _token, raw = ServiceToken.issue(service, user)
            self.stdout.write(raw)
            return
        if getattr(settings, "ENKANAL_OIDC_MODE", "embedded") != "embedded":
            raise CommandError("Tokens kommer från IdP:n när ENKANAL_OIDC_MODE=external.")
        from oauth2_provider.models import (
            get_access_token_model,
            get_application_model,
            set_token_value,
        )

        application, _created = get_application_model().objects.get_or_create(
            client_id=CLI_CLIENT_ID,
            defaults={
                "name": "Kommandoraden",
                "client_type": "confidential",
                "authorization_grant_type": "client-credentials",
                "algorithm": "RS256",
            },
        )
        raw = secrets.token_urlsafe(32)
        access_token = get_access_token_model()(
            user=user,
            application=application,
            expires=timezone.now() + datetime.timedelta(minutes=minutes),
            scope=f"openid {INTRANET_SCOPE}",
        )
        set_token_value(access_token, raw)  # stored as a checksum only (RFC 9700)
        access_token.save()
        self.stdout.write(raw)
