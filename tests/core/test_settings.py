"""Settings: production fails fast without its environment and passes ``check --deploy``;
dev and test run on SQLite by default; content languages become Wagtail locales."""

import functools
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.models import Locale

from cms.api.oidc import generate_private_key_pem
from cms.core.locales import sync_locales

BASE_DIR = Path(__file__).resolve().parents[2]

#: Every variable production insists on.
REQUIRED = (
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "WAGTAILADMIN_BASE_URL",
    "ENKANAL_PUBLIC_SITE_URL",
    "ENKANAL_INTRANET_URL",
    "EMAIL_BACKEND",
    "DEFAULT_FROM_EMAIL",
    "ENKANAL_OIDC_RSA_PRIVATE_KEY",
)
#: What the municipality's IdP (``ENKANAL_OIDC_MODE=external``) needs besides.
REQUIRED_EXTERNAL = ("ENKANAL_OIDC_ISSUER", "ENKANAL_OIDC_AUDIENCE", "ENKANAL_OIDC_JWKS_URL")


@functools.cache
def signing_key_pem() -> str:
    """One RSA key for the embedded OIDC provider, as production is given it."""
    return generate_private_key_pem()


def production_env(tmp_path, **overrides):
    """A complete production environment, and nothing else from this machine."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "PYTHONIOENCODING": "utf-8",
        "ENKANAL_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "cms.ekby.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "WAGTAILADMIN_BASE_URL": "https://cms.ekby.example",
        "ENKANAL_PUBLIC_SITE_URL": "https://www.ekby.example",
        "ENKANAL_INTRANET_URL": "https://intranat.ekby.example",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DEFAULT_FROM_EMAIL": "Ekby kommun <noreply@ekby.example>",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
        "ENKANAL_TRUSTED_PROXIES": "10.0.1.0/24,2001:db8::/64",
        "ENKANAL_OIDC_RSA_PRIVATE_KEY": signing_key_pem(),
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_python(env, *args):
    """Run this project's Python with ``args`` in a clean process."""
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def import_settings(env, module, expression="None"):
    """Import settings ``module`` in a clean process and print ``expression`` from it."""
    return run_python(env, "-c", f"import {module} as s; print({expression})")


class TestProductionRefusesToStart:
    @pytest.mark.parametrize("name", REQUIRED)
    def test_without_a_required_variable(self, tmp_path, name):
        for value in (None, ""):
            result = import_settings(
                production_env(tmp_path, **{name: value}), "cms.settings.production"
            )
            assert result.returncode != 0
            assert "ImproperlyConfigured" in result.stderr
            assert f"The environment variable {name} is required." in result.stderr

    def test_never_generates_a_signing_key_per_container(self, tmp_path):
        env = production_env(tmp_path, ENKANAL_OIDC_RSA_PRIVATE_KEY=None)
        result = import_settings(env, "cms.settings.production")
        assert result.returncode != 0
        assert not (tmp_path / "var" / "oidc-rsa.pem").exists()

    def test_uses_the_given_signing_key(self, tmp_path):
        result = import_settings(
            production_env(tmp_path),
            "cms.settings.production",
            "str(s.OAUTH2_PROVIDER['OIDC_RSA_PRIVATE_KEY']) == __import__('os').environ["
            "'ENKANAL_OIDC_RSA_PRIVATE_KEY'].strip()",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "True"

    @pytest.mark.parametrize("module", ["cms.settings.production", "cms.settings.dev"])
    @pytest.mark.parametrize("name", REQUIRED_EXTERNAL)
    def test_external_idp_without_issuer_audience_or_keys(self, tmp_path, module, name):
        external = {
            "ENKANAL_OIDC_MODE": "external",
            "ENKANAL_OIDC_ISSUER": "https://login.ekby.example",
            "ENKANAL_OIDC_AUDIENCE": "api://enkanal",
            "ENKANAL_OIDC_JWKS_URL": "https://login.ekby.example/keys",
        }
        result = import_settings(production_env(tmp_path, **{**external, name: None}), module)
        assert result.returncode != 0
        assert f"The environment variable {name} is required." in result.stderr
        complete = import_settings(production_env(tmp_path, **external), module)
        assert complete.returncode == 0, complete.stderr

    def test_with_a_wildcard_host(self, tmp_path):
        result = import_settings(
            production_env(tmp_path, ALLOWED_HOSTS="cms.ekby.example,*"),
            "cms.settings.production",
        )
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "ALLOWED_HOSTS" in result.stderr

    def test_starts_with_everything_set(self, tmp_path):
        result = import_settings(
            production_env(tmp_path), "cms.settings.production", "s.DEBUG, s.ALLOWED_HOSTS"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "False ['cms.ekby.example']"


class TestDeployCheck:
    def test_check_deploy_passes_without_warnings(self, tmp_path):
        env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="cms.settings.production")
        result = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout
        assert "WARNING" not in result.stdout + result.stderr

    def test_a_cache_per_process_is_warned_about(self, tmp_path):
        env = production_env(
            tmp_path, DJANGO_SETTINGS_MODULE="cms.settings.production", CACHE_URL=None
        )
        result = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode != 0
        assert "enkanal.W001" in result.stdout + result.stderr

    @pytest.mark.parametrize(
        ("proxies", "code"),
        [
            (None, "enkanal.W002"),
            ("10.0.1.0/24,frontend", "enkanal.E002"),
            ("0.0.0.0/0", "enkanal.E003"),
        ],
    )
    def test_trusted_proxies_unset_unreadable_or_everyone(self, tmp_path, proxies, code):
        env = production_env(
            tmp_path,
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            ENKANAL_TRUSTED_PROXIES=proxies,
        )
        result = run_python(env, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
        assert result.returncode != 0
        assert code in result.stdout + result.stderr


class TestDatabaseDefaults:
    @pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.test"])
    def test_sqlite_unless_database_url_is_set(self, tmp_path, module):
        env = production_env(tmp_path, DATABASE_URL=None, SECRET_KEY=None)
        result = import_settings(env, module, "s.DATABASES['default']['ENGINE']")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "django.db.backends.sqlite3"

    @pytest.mark.parametrize("module", ["cms.settings.dev", "cms.settings.test"])
    def test_database_url_wins(self, tmp_path, module):
        env = production_env(
            tmp_path, DATABASE_URL="postgres://enkanal@db.ekby.example:5432/enkanal"
        )
        result = import_settings(
            env, module, "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "django.db.backends.postgresql enkanal"

    def test_dev_starts_without_a_secret_key(self, tmp_path):
        env = production_env(tmp_path, SECRET_KEY=None)
        result = import_settings(env, "cms.settings.dev", "bool(s.SECRET_KEY)")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "True"


class TestContentLanguages:
    def test_extra_languages_from_the_environment(self, tmp_path):
        env = production_env(tmp_path, ENKANAL_EXTRA_CONTENT_LANGUAGES="fi, uk,")
        result = import_settings(env, "cms.settings.dev", "s.WAGTAIL_CONTENT_LANGUAGES")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == (
            "[('sv', 'Svenska'), ('en', 'English'), ('fi', 'Suomi'), ('uk', 'Українська')]"
        )

    @pytest.mark.django_db
    def test_swedish_and_english_exist_after_migrate(self):
        assert set(Locale.objects.values_list("language_code", flat=True)) == {"sv", "en"}

    @pytest.mark.django_db
    def test_sync_adds_configured_languages(self):
        languages = [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi"), ("so", "Soomaali")]
        with override_settings(WAGTAIL_CONTENT_LANGUAGES=languages, LANGUAGES=languages):
            sync_locales()
            sync_locales()
        assert sorted(Locale.objects.values_list("language_code", flat=True)) == [
            "en",
            "fi",
            "so",
            "sv",
        ]

    @pytest.mark.django_db
    def test_sync_never_deletes_a_locale(self):
        languages = [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi")]
        with override_settings(WAGTAIL_CONTENT_LANGUAGES=languages, LANGUAGES=languages):
            sync_locales()
        sync_locales()
        assert Locale.objects.filter(language_code="fi").exists()

    @pytest.mark.django_db
    def test_sync_runs_only_once_per_migrate(self):
        # post_migrate fires once per app; only the core's signal does the work.
        class OtherApp:
            label = "snippets"

        languages = [("sv", "Svenska"), ("en", "English"), ("fi", "Suomi")]
        with override_settings(WAGTAIL_CONTENT_LANGUAGES=languages, LANGUAGES=languages):
            sync_locales(sender=OtherApp())
        assert not Locale.objects.filter(language_code="fi").exists()


class TestCacheUrl:
    def test_backends(self):
        from cms.settings.env import cache_from_url

        locmem = "django.core.cache.backends.locmem.LocMemCache"
        assert cache_from_url(None)["BACKEND"] == locmem
        assert cache_from_url("locmem://")["BACKEND"] == locmem
        assert cache_from_url("redis://cache:6379/2") == {
            "BACKEND": "cms.core.cache.RedisCache",
            "LOCATION": "redis://cache:6379/2",
        }
        assert cache_from_url("rediss://u:p@cache:6380/0")["LOCATION"].startswith("rediss://")

    def test_unknown_scheme_is_refused(self):
        from django.core.exceptions import ImproperlyConfigured

        from cms.settings.env import cache_from_url

        with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
            cache_from_url("memcached://cache:11211")

    def test_redis_is_shared_between_processes(self):
        """Two cache clients, as two worker processes would have, see one counter."""
        import redis
        from django.utils.module_loading import import_string

        from cms.settings.env import cache_from_url

        config = cache_from_url("redis://127.0.0.1:6379/15")
        RedisCache = import_string(config["BACKEND"])
        # Redis runs wherever the tests run (make test, CI): its absence is a failure.
        redis.Redis.from_url(config["LOCATION"], socket_connect_timeout=1).ping()
        key = f"enkanal-test-{secrets.token_hex(4)}"
        first = RedisCache(config["LOCATION"], {"KEY_PREFIX": "t"})
        second = RedisCache(config["LOCATION"], {"KEY_PREFIX": "t"})
        first.set(key, 1, timeout=30)
        second.incr(key)
        assert first.get(key) == 2
        first.delete(key)


class TestSmtpRelay:
    def test_the_relay_is_read_from_the_environment(self, tmp_path):
        env = production_env(
            tmp_path,
            EMAIL_HOST="smtp.ekby.example",
            EMAIL_PORT="587",
            EMAIL_HOST_USER="enkanal",
            EMAIL_HOST_PASSWORD="hemligt",
            EMAIL_USE_TLS="true",
            EMAIL_TIMEOUT="12",
        )
        expression = (
            "s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
            "s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT"
        )
        result = import_settings(env, "cms.settings.production", expression)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == ("smtp.ekby.example 587 enkanal hemligt True False 12")

    def test_a_hanging_relay_times_out_by_default(self, tmp_path):
        result = import_settings(
            production_env(tmp_path), "cms.settings.production", "s.EMAIL_TIMEOUT"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "30"
