from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from treaty_tracker.reminders.services import Planned, reminders_send
from treaty_tracker.themes.cli import (
    add_as_of,
    add_format,
    parse_as_of,
    to_csv,
    to_json,
    to_table,
)

HEADER = ("due", "state", "report", "year", "stage", "outcome", "to", "cc")


def _row(item: Planned) -> tuple[Any, ...]:
    due = item.due
    return (
        due.due.isoformat(),
        due.iso3,
        due.kind.value,
        due.year,
        due.stage.code,
        item.outcome,
        " ".join(item.to),
        " ".join(item.cc),
    )


class Command(BaseCommand):
    help = (
        "Article 7 report reminders to the States' focal points: before a report is due, "
        "and escalating when it is overdue (docs/reminders.md). Without --send it previews "
        "what would be sent and writes nothing; with --send it sends and logs each one. Run "
        "it daily from cron: a reminder is never sent twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        parser.add_argument(
            "--send",
            action="store_true",
            help="send the reminders and log them (default: preview only, a dry run)",
        )
        add_format(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        send = options["send"]
        items = reminders_send(as_of=as_of, dry_run=not send)
        if options["format"] == "json":
            data = {
                "as_of": as_of.isoformat(),
                "sent": send,
                "reminders": [
                    dict(zip(HEADER, _row(i), strict=True))
                    | {"to": list(i.to), "cc": list(i.cc), "subject": i.subject}
                    for i in items
                ],
            }
            self.stdout.write(to_json(data), ending="")
            return
        render = to_csv if options["format"] == "csv" else to_table
        self.stdout.write(render(HEADER, [_row(i) for i in items]), ending="")
