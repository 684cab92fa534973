"""The ``treaty-tracker`` command: Django's management commands under a shorter name.

``treaty-tracker summary --as-of 2020-09-28`` is ``django-admin summary ...`` with the
settings module set. Each command is a thin shell over the services and selectors.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "treaty_tracker.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    execute_from_command_line(["treaty-tracker", *args])
    return 0
