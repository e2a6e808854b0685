"""``python -m frontend.manage runserver 127.0.0.1:8100`` with the frontend's settings."""

import os
import sys


def main():
    """Run a Django management command with ``frontend.settings``."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontend.settings"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
