"""Settings of the real worker process the kill-the-worker test starts.

The test settings, but with the database task backend, Django's SMTP backend pointed
at the test's SMTP sink, the test database, and short timeouts so a killed worker's
claims come back within seconds.
"""

import os

from cms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("ENKANAL_TEST_SMTP_PORT", "1025"))
DATABASES["default"]["NAME"] = os.environ.get(  # noqa: F405
    "ENKANAL_TEST_DATABASE_NAME",
    DATABASES["default"]["NAME"],  # noqa: F405
)
ENKANAL_MAIL_BATCH_SIZE = 10
ENKANAL_MAIL_CLAIM_TIMEOUT = 2
ENKANAL_MAIL_CLAIM_LEASE = 3
ENKANAL_MAIL_OUTAGE_BASE_DELAY = 1
ENKANAL_MAIL_OUTAGE_MAX_DELAY = 2
ENKANAL_MAIL_SWEEP_INTERVAL = int(os.environ.get("ENKANAL_MAIL_SWEEP_INTERVAL", "1"))
ENKANAL_MAIL_RATE_LIMIT = int(os.environ.get("ENKANAL_MAIL_RATE_LIMIT", "150"))
LOGGING = {"version": 1, "disable_existing_loggers": False}
