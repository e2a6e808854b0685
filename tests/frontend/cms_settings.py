"""Settings of the CMS in the full-stack tests: the dev settings and ``cms_urls``."""

from cms.settings.dev import *  # noqa: F403

ROOT_URLCONF = "tests.frontend.cms_urls"
