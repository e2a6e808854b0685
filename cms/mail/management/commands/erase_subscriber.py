"""Erase a subscriber on request (GDPR art. 17): no personal data is left behind."""

from django.core.management.base import BaseCommand, CommandError

from cms.mail.subscriptions import InvalidInput, clean_email, erase


class Command(BaseCommand):
    help = "Raderar en prenumerant och allt som knyter en e-postadress till en person."

    def add_arguments(self, parser):
        parser.add_argument("email", help="E-postadressen som ska raderas.")

    def handle(self, *args, email, **options):
        try:
            address = clean_email(email)
        except InvalidInput as error:
            raise CommandError(str(error)) from None
        counts = erase(address)
        self.stdout.write(
            "Raderat: {subscribers} prenumerant, {consent_records} samtyckeshändelser, "
            "{suppressions} spärrar; {deliveries} leveranser avidentifierade, "
            "{cancelled} väntande leveranser avbrutna.".format(**counts)
        )
