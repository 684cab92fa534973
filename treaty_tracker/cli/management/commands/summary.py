from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from treaty_tracker.rules import serialize
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.cli import (
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
        "The treaty's status on a date: States Parties, signatories, entry into force, "
        "initial reports (due / submitted / overdue / not yet due), Article 3 and 4 "
        "deadlines and Article 5 States, every figure computed from the record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        add_format(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        data = serialize.summary(register().summary(as_of))
        if options["format"] == "json":
            self.stdout.write(to_json(data), ending="")
            return
        obligations = [
            (
                f"article{o['article']}",
                o["state"],
                o["original_deadline"],
                o["current_deadline"],
                o["status"],
            )
            for o in data["article3"] + data["article4"]
        ]
        if options["format"] == "csv":
            rows: list[tuple[Any, ...]] = [
                ("list", key, len(data[key]), " ".join(data[key]))
                for key in ("states_parties", "signatories", "in_force_for", "withdrawn")
            ]
            rows += [
                ("initial_reports", k, len(v), " ".join(v))
                for k, v in data["initial_reports"].items()
            ]
            rows += [("article5", "states", len(data["article5"]), " ".join(data["article5"]))]
            rows += [
                (kind, state, "", f"{orig} {cur} {status}")
                for kind, state, orig, cur, status in obligations
            ]
            self.stdout.write(to_csv(("section", "key", "count", "states"), rows), ending="")
            return
        self.stdout.write(f"{data['treaty']} as of {data['as_of']}\n\n")
        counts = [
            (k.replace("_", " "), len(data[k]))
            for k in ("states_parties", "signatories", "in_force_for", "withdrawn")
        ]
        counts += [
            (f"initial reports {k.replace('_', ' ')}", len(v))
            for k, v in data["initial_reports"].items()
        ]
        counts += [("article 5 States", len(data["article5"]))]
        self.stdout.write(to_table(("figure", "count"), counts), ending="")
        self.stdout.write("\n")
        self.stdout.write(
            to_table(
                ("obligation", "state", "original deadline", "current deadline", "status"),
                obligations,
            ),
            ending="",
        )
