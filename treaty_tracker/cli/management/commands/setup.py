from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaty_tracker.reference.loader import ReferenceDataError, load


class Command(BaseCommand):
    help = (
        "Create or update the database and load the reference data (States, depositary "
        "data, and the sourced facts of CCM/CONF/2020/13 and later). Safe to run again: "
        "it changes only what differs from the reference files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="validate and report what would change, write nothing",
        )
        parser.add_argument("--no-migrate", action="store_true", help="skip migrations")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        try:
            outcome = load(dry_run=options["dry_run"])
        except ReferenceDataError as error:
            raise CommandError(
                f"reference data has {len(error.problems)} problem(s):\n{error}"
            ) from error
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"Reference data: {outcome.created} facts {verb} created, {outcome.updated} "
            f"updated, {outcome.unchanged} unchanged."
        )
