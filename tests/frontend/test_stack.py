"""The whole stack: the CMS with the demo content, both sites, and headless Chromium.

The CMS runs as a subprocess on its own SQLite database in a temporary directory,
seeded by ``load_demo_content`` (tasks run in-process, e-mail goes to files), and the
two sites talk to it over HTTP exactly as in ``make demo``. Every part of the API these
tests use must be there: a missing router fails its test, it never skips.
"""

from __future__ import annotations

import os
import quopri
import re
import subprocess
import sys
import time

import pytest
import requests

from .conftest import ARTIFACTS, REPO, Site, free_port
from .test_browser import assert_accessible

# A throwaway demo database: its password may be written down.
DEMO_PASSWORD = "Demo-lösenord-för-test-42"
BULLETIN = "/inblick/valkommen-till-medarbetardagen/"
SETUP_TIMEOUT = 600


class Cms:
    """The CMS on a free port with a fresh demo database."""

    def __init__(self, var_dir, public_url: str, intranet_url: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.var_dir = var_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "ENKANAL_", "DATABASE_", "EMAIL_"))
        }
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "tests.frontend.cms_settings",
                "DEBUG": "false",
                "ENKANAL_VAR_DIR": str(var_dir),
                "ENKANAL_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                "ENKANAL_PUBLIC_SITE_URL": public_url,
                "ENKANAL_INTRANET_URL": intranet_url,
                "ENKANAL_DEMO_PASSWORD": DEMO_PASSWORD,
                "ENKANAL_MAIL_LINK_BASE_URL": public_url,
                "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{self.port}",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.log = open(ARTIFACTS / "stack-cms.log", "w", encoding="utf-8")  # noqa: SIM115
        for command in (["migrate", "--noinput"], ["load_demo_content"], ["update_index"]):
            self.manage(*command)
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/api/public/v1/topics", timeout=2)
                break
            except requests.RequestException:
                time.sleep(0.3)
        self.paths = set(
            requests.get(f"{self.url}/api/public/v1/openapi.json", timeout=10).json()["paths"]
        )

    def manage(self, *args: str, code: str | None = None) -> str:
        command = [sys.executable, "manage.py", *args]
        if code is not None:
            command += ["-c", code]
        result = subprocess.run(  # noqa: S603
            command,
            cwd=REPO,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=SETUP_TIMEOUT,
            check=False,
        )
        self.log.write(result.stdout + result.stderr)
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed: {result.stderr[-2000:]}")
        return result.stdout

    def has(self, path: str) -> bool:
        if path.startswith("mail/"):
            # Mounted by tests.frontend.cms_urls when cms.api does not (yet).
            response = requests.get(f"{self.url}/api/public/v1/mail/topics", timeout=10)
            return response.status_code == 200
        return f"/api/public/v1/{path}" in self.paths

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """The CMS and both sites; ``stack["screen_token"]`` is a real device token."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    public_port, intranet_port = free_port(), free_port()
    public_url = f"http://127.0.0.1:{public_port}"
    intranet_url = f"http://127.0.0.1:{intranet_port}"
    cms = Cms(tmp_path_factory.mktemp("cms"), public_url, intranet_url)
    screen_token = (
        cms.manage(
            "shell",
            code=(
                "from cms.api.models import ServiceToken\n"
                "from django.contrib.auth import get_user_model\n"
                "user = get_user_model().objects.get(username='medarbetare')\n"
                "print(ServiceToken.issue('Skärm i test', user)[1])"
            ),
        )
        .strip()
        .splitlines()[-1]
    )
    # The intranet as an OIDC client of the embedded provider (public client + PKCE).
    cms.manage(
        "shell",
        code=(
            "from django.apps import apps\n"
            "if apps.is_installed('oauth2_provider'):\n"
            "    from oauth2_provider.models import get_application_model\n"
            "    get_application_model().objects.update_or_create(\n"
            "        client_id='enkanal-intranet', defaults=dict(name='Intranätet',\n"
            "        client_type='public', authorization_grant_type='authorization-code',\n"
            f"        redirect_uris='{intranet_url}/oidc/callback/', skip_authorization=True,\n"
            "        algorithm='RS256'))\n"
        ),
    )
    api_url = f"{cms.url}/api"
    public = Site("public", api_url, port=public_port)
    intranet = Site("intranet", api_url, port=intranet_port, env={"ENKANAL_CMS_URL": cms.url})
    yield {"cms": cms, "public": public, "intranet": intranet, "screen_token": screen_token}
    public.stop()
    intranet.stop()
    cms.stop()


class TestPublicSiteOnTheRealApi:
    def test_browse_news_and_the_notice_board(self, stack, page):
        public = stack["public"]
        page.goto(f"{public.url}/")
        assert_accessible(page, "stack-home")
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Nyheter").click()
        page.get_by_role("link", name="Ny förskola öppnar i Norrby").first.click()
        assert page.get_by_role("heading", level=1).inner_text() == "Ny förskola öppnar i Norrby"
        assert_accessible(page, "stack-news")
        page.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Anslagstavla"
        ).click()
        assert page.get_by_text("Tas ner tidigast").first.is_visible()
        assert page.get_by_role("heading", name="Så överklagar du").is_visible()
        assert_accessible(page, "stack-notice-board")
        page.get_by_role("link", name=re.compile("^Kungörelse")).first.click()
        assert_accessible(page, "stack-notice")
        page.goto(f"{public.url}/pressrum/")
        assert page.get_by_role("heading", name="Mediekontakter").is_visible()
        assert_accessible(page, "stack-press-room")

    def test_every_main_page_is_light(self, stack):
        public = stack["public"]
        for path in ("/", "/nyheter/", "/anslagstavla/", "/pressrum/", "/en/"):
            response = public.get(path)
            assert response.status_code == 200, path
            assert len(response.content) < 60 * 1024, path

    def test_search(self, stack, page):
        assert stack["cms"].has("search"), "the public API has no /search"
        page.goto(f"{stack['public'].url}/sok/?q=skola")
        assert page.get_by_role(
            "link", name="Ekby kommun bygger ny skola i Ekbyhöjden"
        ).is_visible()
        assert page.locator("mark").count() >= 1
        assert_accessible(page, "stack-search")

    def test_subscribe_and_confirm_through_the_email_file(self, stack, page):
        cms = stack["cms"]
        assert cms.has("mail/subscriptions"), "the public API does not mount /mail"
        public = stack["public"]
        page.goto(f"{public.url}/prenumerera/")
        page.fill("#f-email", "maja.test@example.org")
        page.get_by_label("Trafik").check()
        page.get_by_label(re.compile("Jag samtycker")).check()
        page.get_by_role("button", name="Prenumerera").click()
        assert page.get_by_role("status").is_visible()
        mail_dir = cms.var_dir / "mail"
        deadline = time.monotonic() + 20
        link = None
        while link is None and time.monotonic() < deadline:
            for file in sorted(mail_dir.glob("*")):
                # The file backend writes the raw message: undo quoted-printable first.
                text = quopri.decodestring(file.read_bytes()).decode("utf-8", "replace")
                if "maja.test@example.org" in text:
                    found = re.search(r"/e-post/bekrafta/([^/\s\"<>]+)/", text)
                    link = found and found.group(1)
            time.sleep(0.5)
        assert link, "no confirmation e-mail in the mail directory"
        page.goto(f"{public.url}/e-post/bekrafta/{link}/")
        page.get_by_role("button", name="Bekräfta prenumeration").click()
        assert page.get_by_text("Din prenumeration är bekräftad.").is_visible()


def log_in_at_the_intranet(page, intranet, username: str, path: str):
    """Open ``path`` on the intranet and sign in at the CMS as the demo user ``username``."""
    page.goto(f"{intranet.url}{path}")
    page.get_by_role("button", name="Logga in").click()
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{intranet.url}{path}")


class TestIntranetOnTheRealApi:
    def test_screen_shows_a_bulletin_the_public_site_does_not(self, stack, page):
        intranet, public = stack["intranet"], stack["public"]
        page.goto(f"{intranet.url}/skarm/?token={stack['screen_token']}")
        # Rotating: one slide at a time is visible, all of them are on the page.
        assert page.locator(".slide h2", has_text="Välkommen till årets medarbetardag").count() == 1
        assert_accessible(page, "stack-screen")
        assert public.get(BULLETIN).status_code == 404

    def test_revoked_device_token_stops_the_screen(self, stack, browser):
        cms, intranet = stack["cms"], stack["intranet"]
        token = (
            cms.manage(
                "shell",
                code=(
                    "from cms.api.models import ServiceToken\n"
                    "from django.contrib.auth import get_user_model\n"
                    "user = get_user_model().objects.get(username='medarbetare')\n"
                    "token, raw = ServiceToken.issue('Skärm att återkalla', user)\n"
                    "print(raw)"
                ),
            )
            .strip()
            .splitlines()[-1]
        )
        session = requests.Session()
        assert session.get(f"{intranet.url}/skarm/?token={token}", timeout=20).status_code == 200
        cms.manage(
            "shell",
            code=(
                "from cms.api.models import ServiceToken\n"
                "ServiceToken.objects.get(name='Skärm att återkalla').revoke()"
            ),
        )
        assert session.get(f"{intranet.url}/skarm/", timeout=20).status_code == 403

    def test_log_in_with_oidc_and_read_a_staff_bulletin(self, stack, page):
        cms, intranet = stack["cms"], stack["intranet"]
        discovery = requests.get(f"{cms.url}/api/oidc/.well-known/openid-configuration", timeout=10)
        assert discovery.status_code == 200, "the CMS has no embedded OIDC provider"
        log_in_at_the_intranet(page, intranet, "medarbetare", BULLETIN)
        assert page.get_by_role("heading", level=1).inner_text() == (
            "Välkommen till årets medarbetardag"
        )
        assert_accessible(page, "stack-intranet-bulletin")

    def test_header_names_the_reader_and_logging_out_ends_both_sessions(self, stack, page):
        cms, intranet = stack["cms"], stack["intranet"]
        log_in_at_the_intranet(page, intranet, "informator", "/")
        assert page.get_by_text("Inloggad: Elin Sjöberg").is_visible()
        assert page.get_by_role("button", name="Logga ut").is_visible()
        assert_accessible(page, "stack-intranet-signed-in")
        page.goto(f"{cms.url}/admin/")
        assert "/admin/login/" not in page.url  # signed in to the CMS as well
        page.goto(f"{intranet.url}/")
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url(f"{intranet.url}/logga-in/")
        assert_accessible(page, "stack-intranet-logged-out")
        page.goto(f"{intranet.url}{BULLETIN}")
        assert "/logga-in/" in page.url
        page.goto(f"{cms.url}/admin/")
        assert "/admin/login/" in page.url
        # Logging in again asks for the password: no CMS session signs the reader in.
        page.goto(f"{intranet.url}/logga-in/")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{cms.url}/api/login/**")
        assert page.locator("#id_password").is_visible()

    def test_preview_a_draft(self, stack, page):
        cms, public = stack["cms"], stack["public"]
        assert cms.has("preview"), "the API has no /preview"
        token = (
            cms.manage(
                "shell",
                code=(
                    "from cms.pages.models import NewsPage\n"
                    "from cms.api.preview import make_token\n"
                    "page = NewsPage.objects.get(\n"
                    "    slug='ny-forskola-oppnar-i-norrby', locale__language_code='sv')\n"
                    "page.title = 'Utkast: förskolan öppnar senare'\n"
                    "print(make_token(page.save_revision()))"
                ),
            )
            .strip()
            .splitlines()[-1]
        )
        response = page.goto(f"{public.url}/forhandsgranska/?token={token}")
        assert response.status == 200
        assert (
            page.get_by_role("heading", level=1).inner_text() == "Utkast: förskolan öppnar senare"
        )
        assert "no-store" in response.headers["cache-control"]
        assert "noindex" in response.headers["x-robots-tag"]
        assert_accessible(page, "stack-preview")
        live = public.get("/nyheter/ny-forskola-oppnar-i-norrby/").text
        assert "Utkast" not in live
