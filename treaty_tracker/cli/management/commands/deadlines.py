from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from treaty_tracker.rules import serialize
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.cli import (
    USAGE_ERROR,
    ReadCommand,
    add_as_of,
    add_format,
    parse_as_of,
    to_csv,
    to_json,
    to_table,
)


class Command(ReadCommand):
    help = (
        "Dates the treaty sets from a date on, soonest first: initial and annual reports, "
        "Article 3 and 4 deadlines, withdrawals taking effect; overdue items are included."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        parser.add_argument(
            "--within", type=int, metavar="DAYS", help="only deadlines within this many days"
        )
        add_format(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        within = options["within"]
        if within is not None and within < 0:
            raise CommandError("--within must be zero or more days", returncode=USAGE_ERROR)
        items = [serialize.deadline(i) for i in register().deadlines(as_of, within)]
        if options["format"] == "json":
            self.stdout.write(
                to_json({"as_of": as_of.isoformat(), "within_days": within, "deadlines": items}),
                ending="",
            )
            return
        header = ("due", "state", "kind", "status", "article")
        rows = [(i["due"], i["state"], i["kind"], i["status"], i["article"]) for i in items]
        render = to_csv if options["format"] == "csv" else to_table
        self.stdout.write(render(header, rows), ending="")
