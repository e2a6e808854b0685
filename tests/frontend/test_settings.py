"""The frontend in production: no start without its secret, HTTPS on, sessions on the server."""

import os
import secrets

import pytest

from tests.core.test_settings import run_python


def frontend_env(tmp_path, **overrides):
    """Every documented variable of one production site, and nothing from this machine."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
        "ENKANAL_SITE": "intranet",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "intranat.ekby.example",
        "ENKANAL_API_URL": "https://cms.ekby.example/api",
        "ENKANAL_PUBLIC_SITE_URL": "https://www.ekby.example",
        "ENKANAL_INTRANET_URL": "https://intranat.ekby.example",
        "ENKANAL_OIDC_ISSUER": "https://cms.ekby.example/api/oidc",
        "ENKANAL_OIDC_CLIENT_ID": "enkanal-intranet",
        "CACHE_URL": "redis://127.0.0.1:6379/2",
        "ENKANAL_FRONTEND_STATIC_ROOT": str(tmp_path / "static"),
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_frontend(env, *args):
    """``python -m frontend.manage args`` in a clean process."""
    return run_python(env, "-m", "frontend.manage", *args)


def setting(env, expression):
    """Evaluate ``expression`` on ``frontend.settings`` imported with ``env``."""
    return run_python(env, "-c", f"import frontend.settings as s; print({expression})")


class TestFrontendProduction:
    @pytest.mark.parametrize("site", ["public", "intranet"])
    def test_check_deploy_passes_without_warnings(self, tmp_path, site):
        result = run_frontend(
            frontend_env(tmp_path, ENKANAL_SITE=site),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout

    @pytest.mark.parametrize("value", [None, ""])
    def test_refuses_to_start_without_a_secret_key(self, tmp_path, value):
        result = setting(frontend_env(tmp_path, SECRET_KEY=value), "s.SECRET_KEY")
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "SECRET_KEY is required" in result.stderr

    def test_https_is_on_without_debug(self, tmp_path):
        result = setting(
            frontend_env(tmp_path),
            "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, "
            "s.CSRF_COOKIE_SECURE",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["True", "True", "True", "True"]

    def test_the_session_is_kept_on_the_server(self, tmp_path):
        result = setting(frontend_env(tmp_path), "s.SESSION_ENGINE, s.CACHES['default']['BACKEND']")
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [
            "django.contrib.sessions.backends.cache",
            "django.core.cache.backends.redis.RedisCache",
        ]

    def test_development_starts_without_a_key_of_its_own(self, tmp_path):
        env = frontend_env(tmp_path, SECRET_KEY=None, DEBUG="1", CACHE_URL=None)
        result = setting(env, "len(s.SECRET_KEY) > 40, s.SECURE_SSL_REDIRECT, s.SESSION_ENGINE")
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["True", "False", "django.contrib.sessions.backends.cache"]
