"""``manage.py show_mail`` reads the demo's raw e-mail files as a person would."""

from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import CommandError, call_command

SUBJECT = "Godkänn: ”Ny förskola öppnar i Norrby” – väntar på dig"
LINK = "http://127.0.0.1:8000/arbetsflode/godkann/abc123/"


@pytest.fixture
def mail_folder(tmp_path, settings):
    """Two e-mails written by Django's file backend, as ``make demo`` writes them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    with mail.get_connection() as connection:
        for to in ("chef@ekby.example", "informator@ekby.example"):
            message = EmailMultiAlternatives(
                SUBJECT,
                f"Hej!\n\nÖppna länken för att godkänna:\n{LINK}\n\nMed vänlig hälsning",
                "Ekby kommun <noreply@ekby.example>",
                [to],
                connection=connection,
            )
            message.attach_alternative(f'<p>Öppna <a href="{LINK}">länken</a>.</p>', "text/html")
            message.send()
    return tmp_path


def run(*args):
    out = StringIO()
    call_command("show_mail", *args, stdout=out)
    return out.getvalue()


class TestShowMail:
    def test_the_raw_file_is_unreadable_as_it_is(self, mail_folder):
        raw = "".join(path.read_text() for path in mail_folder.glob("*.log"))
        assert SUBJECT not in raw

    def test_lists_every_message_with_its_decoded_subject(self, mail_folder):
        out = run()
        lines = [line for line in out.splitlines() if SUBJECT in line]
        assert len(lines) == 2
        assert lines[0].split()[0] == "1" and "chef@ekby.example" in lines[0]
        assert lines[1].split()[0] == "2" and "informator@ekby.example" in lines[1]

    def test_filters_by_recipient(self, mail_folder):
        out = run("--to", "informator")
        assert "informator@ekby.example" in out
        assert "chef@ekby.example" not in out

    def test_shows_one_message_decoded_with_its_links(self, mail_folder):
        out = run("2")
        assert f"Subject: {SUBJECT}" in out
        assert "To: informator@ekby.example" in out
        assert "Öppna länken för att godkänna:" in out
        assert out.count(LINK) == 2  # in the text, and once in the list of links
        assert "Länkar / links:" in out

    def test_an_unknown_number_is_a_clear_error(self, mail_folder):
        with pytest.raises(CommandError, match="Inget meddelande nr 9"):
            run("9")

    def test_an_empty_folder_says_so(self, tmp_path, settings):
        settings.EMAIL_FILE_PATH = str(tmp_path / "ingen")
        assert "Ingen e-post" in run()
