from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from treaty_tracker.plans.models import ActionPlan
from treaty_tracker.plans.selectors import ROW_COLUMNS, evaluate, rows, serialize
from treaty_tracker.themes.cli import (
    USAGE_ERROR,
    ReadCommand,
    add_as_of,
    parse_as_of,
    to_csv,
    to_json,
    to_table,
)

PLANS = ("DAP", "LAP")
# "text" as the issue names it; "table" as the other commands do (the same output).
FORMATS = ("text", "table", "json", "csv")
TEXT_COLUMNS = ("action", "indicator", "baseline", "target", "value", "of", "status", "note")


def _cell(value: Any) -> Any:
    """Tables and CSV say "not known" where JSON says null."""
    return "not known" if value is None else value


class Command(ReadCommand):
    help = (
        "Action-plan indicators on a date: every action of the Dubrovnik (DAP) or Lausanne "
        "(LAP) Action Plan with its indicators, each computed from the record (value, the "
        "number it is counted over, the States behind it, sources), its baseline and target, "
        "its status (met, not met, not known) and its trend (the value at the end of each "
        "year of the plan's period). An action without an indicator, or an indicator the "
        "record cannot compute, says so."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--plan", required=True, metavar="DAP|LAP", help="the action plan: DAP or LAP"
        )
        add_as_of(parser)
        parser.add_argument(
            "--format", choices=FORMATS, default="text", help="output format (default: text)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = str(options["plan"]).strip().upper()
        if code not in PLANS:
            raise CommandError(
                f"--plan: {options['plan']!r} is not one of {', '.join(PLANS)}",
                returncode=USAGE_ERROR,
            )
        as_of = parse_as_of(options["as_of"])
        plan = ActionPlan.objects.filter(code=code).first()
        if plan is None:
            raise CommandError(f"--plan: no {code} on the record (run setup)", returncode=1)
        result = evaluate(plan, as_of)
        if options["format"] == "json":
            self.stdout.write(to_json(serialize(result)), ending="")
            return
        table = rows(result)
        if options["format"] == "csv":
            self.stdout.write(
                to_csv(ROW_COLUMNS, ([r.get(c) for c in ROW_COLUMNS] for r in table)), ending=""
            )
            return
        self.stdout.write(f"{plan.name} ({plan.code}) indicators as of {as_of.isoformat()}\n\n")
        self.stdout.write(
            to_table(
                TEXT_COLUMNS,
                (
                    [
                        r["action"],
                        r["indicator"],
                        r["baseline"],
                        r["target"],
                        _cell(r["value"]) if r["indicator"] else "",
                        r["of"],
                        r["status"].replace("_", " "),
                        r["note"],
                    ]
                    for r in table
                ),
            ),
            ending="",
        )
