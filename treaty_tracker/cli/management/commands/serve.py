from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve the web app. With DEBUG on (the default) this is Django's development "
        "server; with DEBUG=false it runs gunicorn, the production server."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to listen on")
        parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (production)")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            call_command("runserver", options["bind"], use_reloader=False)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        os.execv(
            gunicorn,
            [
                gunicorn,
                "treaty_tracker.wsgi",
                "--bind",
                options["bind"],
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
            ],
        )
