"""Read the demo's e-mail: the files Django's file backend writes to ``var/mail/``.

Those files are raw MIME (multipart, encoded subjects, quoted-printable bodies), one or
more messages per file. ``show_mail`` lists them (number, date, recipient, subject);
``show_mail N`` prints message N decoded: its headers, its text part and its links.
"""

import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

#: Django's file backend writes this line after every message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"
LINK = re.compile(r"""https?://[^\s"'<>)\]]+""")


def header(message, name: str) -> str:
    """A decoded header on one line (encoded words of a folded header leave spaces)."""
    return " ".join(str(message.get(name, "")).split())


@dataclass(frozen=True)
class StoredMessage:
    """One message read from a file in the mail folder."""

    path: Path
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        """The decoded subject."""
        return header(self.message, "Subject")

    @property
    def text(self) -> str:
        """The plain-text body (or the HTML part when there is no text part)."""
        part = self.message.get_body(preferencelist=("plain", "html"))
        return part.get_content() if part is not None else ""

    @property
    def links(self) -> list[str]:
        """Every distinct link in the message's parts, in order."""
        found: list[str] = []
        for part in self.message.walk():
            if part.get_content_maintype() == "text":
                found += LINK.findall(part.get_content())
        return list(dict.fromkeys(link.rstrip(".,;") for link in found))


def read_messages(folder: Path) -> list[StoredMessage]:
    """Every message in ``folder``, oldest file first, in the order written."""
    messages = []
    files = sorted(folder.glob("*.log"), key=lambda path: (path.stat().st_mtime, path.name))
    for path in files:
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                parsed = email.message_from_bytes(chunk.lstrip(), policy=email.policy.default)
                messages.append(StoredMessage(path, parsed))
    return messages


class Command(BaseCommand):
    help = (
        "Listar demo-e-posten i var/mail/ eller visar ett meddelande avkodat. "
        "/ Lists the demo e-mail in var/mail/, or shows one message decoded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "number", nargs="?", type=int, help="Meddelandets nummer i listan. / Message number."
        )
        parser.add_argument(
            "--to", default="", help="Bara till adresser som innehåller detta. / Filter by To."
        )

    def handle(self, *args, number=None, to="", **options):
        folder = Path(getattr(settings, "EMAIL_FILE_PATH", "") or "var/mail")
        messages = read_messages(folder) if folder.is_dir() else []
        numbered = [
            (index, stored)
            for index, stored in enumerate(messages, start=1)
            if to.lower() in header(stored.message, "To").lower()
        ]
        if number is None:
            self.list(folder, numbered)
            return
        if not 1 <= number <= len(messages):
            raise CommandError(f"Inget meddelande nr {number} i {folder} ({len(messages)} st).")
        self.show(messages[number - 1])

    def list(self, folder, numbered):
        """One line per message: number, date, recipient, subject."""
        if not numbered:
            self.stdout.write(f"Ingen e-post i {folder}.")
            return
        for index, stored in numbered:
            message = stored.message
            date = message.get("Date")
            # The Date header is in UTC; the list speaks the municipality's time.
            when = (
                timezone.localtime(date.datetime).strftime("%Y-%m-%d %H:%M")
                if date is not None and date.datetime.tzinfo is not None
                else "?"
            )
            self.stdout.write(f"{index:>4}  {when}  {header(message, 'To')}  {stored.subject}")
        self.stdout.write("\nVisa ett / show one: python manage.py show_mail NUMMER")

    def show(self, stored):
        """Headers, the text part and the links of one message."""
        for name in ("Date", "From", "To", "Subject"):
            self.stdout.write(f"{name}: {header(stored.message, name)}")
        self.stdout.write(f"Fil / file: {stored.path}\n")
        self.stdout.write(stored.text.strip())
        if stored.links:
            self.stdout.write("\nLänkar / links:")
            for link in stored.links:
                self.stdout.write(f"  {link}")
