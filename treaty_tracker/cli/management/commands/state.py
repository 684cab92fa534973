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
        "One State's whole computed profile on a date: status, treaty actions, entry into "
        "force, reports due and submitted, obligations and deadlines with extensions, each "
        "with its sources."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("iso3", help="ISO 3166-1 alpha-3 code, e.g. ISL")
        add_as_of(parser)
        add_format(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        iso3 = options["iso3"].upper()
        everything = register()
        if iso3 not in everything:
            raise CommandError(
                f"unknown State {options['iso3']!r} (use an ISO 3166-1 alpha-3 code, e.g. ISL)",
                returncode=USAGE_ERROR,
            )
        data = serialize.state(everything.state(iso3, as_of))
        if options["format"] == "json":
            self.stdout.write(to_json(data), ending="")
            return
        rows: list[tuple[str, Any]] = [
            (key.replace("_", " "), data[key] if data[key] is not None else "")
            for key in (
                "name",
                "region",
                "status",
                "signature",
                "provisional_application",
                "entry_into_force",
                "in_force",
                "withdrawal_effective",
            )
        ]
        consent = data["consent"]
        rows.insert(
            4, ("consent to be bound", f"{consent['kind']} {consent['date']}" if consent else "")
        )
        initial = data["initial_report"]
        if initial:
            rows.append(("initial report", f"due {initial['due']}: {initial['status']}"))
        for o in data["obligations"]:
            rows.append(
                (
                    f"article {o['article']}",
                    f"original {o['original_deadline']}, "
                    f"current {o['current_deadline']}: {o['status']}",
                )
            )
        rows.append(("article 5", "yes" if data["article5"] else "no"))
        render = to_csv if options["format"] == "csv" else to_table
        self.stdout.write(render(("field", "value"), rows), ending="")
