"""Fixtures for the frontend: a stub API, the two sites as processes, a headless browser.

The frontend is a separate Django project (``frontend.settings``), so it never runs
inside pytest's process, where the CMS's test settings are configured: each site is
started as a subprocess on a free port and driven over HTTP or through Chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from .stub_api import StubApi

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "var" / "test-artifacts" / "frontend"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """A frontend process serving one site at ``url``."""

    def __init__(self, site: str, api_url: str, *, port: int | None = None, env=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.site = site
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "ENKANAL_"))
        }
        environment.update(
            {
                "ENKANAL_SITE": site,
                "ENKANAL_API_URL": api_url,
                "ENKANAL_API_RETRIES": "1",
                "ENKANAL_API_CONNECT_TIMEOUT": "1",
                "ENKANAL_PUBLIC_SITE_URL": self.url if site == "public" else "http://127.0.0.1:1",
                "ENKANAL_INTRANET_URL": self.url if site == "intranet" else "http://127.0.0.1:1",
                "PYTHONUNBUFFERED": "1",
                # Production settings (DEBUG off) over plain http on the test machine.
                "SECRET_KEY": "frontend-test-only-key",
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_HSTS_SECONDS": "0",
                "ENKANAL_SECURE_COOKIES": "0",
                "ENKANAL_FRONTEND_CACHE_DIR": str(ARTIFACTS / f"sessions-{site}-{self.port}"),
                **(env or {}),
            }
        )
        self.log = open(  # noqa: SIM115 (closed in stop)
            ARTIFACTS / f"server-{site}-{self.port}.log", "w", encoding="utf-8"
        )
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "frontend.manage", "runserver", f"127.0.0.1:{self.port}",
             "--noreload", "--skip-checks"],
            cwd=REPO,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.wait()

    def wait(self, timeout: float = 60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the {self.site} site exited; see {self.log.name}")
            try:
                requests.get(f"{self.url}/static/frontend/site.css", timeout=1)
                return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"the {self.site} site did not start; see {self.log.name}")

    def get(self, path: str, *, timeout: float = 20, **kwargs) -> requests.Response:
        kwargs.setdefault("allow_redirects", False)
        return requests.get(f"{self.url}{path}", timeout=timeout, **kwargs)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


@pytest.fixture(autouse=True)
def frontend_catalogues(settings):
    """The sites' catalogues first, for frontend code tested in this (the CMS's) process."""
    settings.LOCALE_PATHS = [REPO / "frontend" / "locale", *settings.LOCALE_PATHS]


@pytest.fixture(scope="session")
def stub_api():
    """The recorded API, shared by the whole run; reset between tests."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stub = StubApi().start()
    yield stub
    stub.stop()


@pytest.fixture
def api(stub_api):
    stub_api.reset()
    yield stub_api
    stub_api.reset()


@pytest.fixture(scope="session")
def public_site(stub_api):
    site = Site("public", stub_api.api_url)
    yield site
    site.stop()


@pytest.fixture(scope="session")
def intranet_site(stub_api):
    site = Site("intranet", stub_api.api_url, env={"ENKANAL_OIDC_ISSUER": f"{stub_api.url}/o"})
    yield site
    site.stop()


@pytest.fixture(scope="session")
def orphan_site():
    """The public site with its API gone (nothing listens on the API's port)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    site = Site("public", f"http://127.0.0.1:{free_port()}/api")
    yield site
    site.stop()


@pytest.fixture(scope="module")
def browser(chromium):
    """Headless Chromium from the system: the suite's one Playwright instance.

    Playwright's sync API allows one running instance per thread, so the sites' tests
    share the admin tests' browser (``tests/browser.py``) instead of starting their own.
    """
    return chromium


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
