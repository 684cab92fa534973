from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from treaty_tracker.rules import EARLIEST_AS_OF, LATEST_AS_OF, cooperation
from treaty_tracker.rules.compliance import DEFAULT_YEARS, compute, default_years, serialize
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
from treaty_tracker.transparency import published

COLUMNS = (
    "due",
    "submitted",
    "on_time",
    "late",
    "timeliness_not_known",
    "overdue",
    "not_known",
    "complete",
    "submitted_rate",
    "on_time_rate",
)
# Para 78 (CCM/CONF/2020/13): States Parties with a published report covering the year, and
# of them those requesting, providing and receiving assistance; then the States not party.
COOPERATION = ("reports", *cooperation.TABLES)
COOPERATION_COLUMNS = (
    *(f"cooperation_{c}" for c in COOPERATION),
    *(f"not_party_{c}" for c in COOPERATION),
)


def _cooperation_cells(year: dict[str, Any]) -> tuple[Any, ...]:
    section = year["cooperation"]
    return (*(section[c] for c in COOPERATION), *(section["not_party"][c] for c in COOPERATION))


def _year(value: str) -> int:
    text = value.strip()
    if not text.isdigit() or not EARLIEST_AS_OF.year <= int(text) <= LATEST_AS_OF.year:
        raise ValueError(
            f"{value!r} is not a year from {EARLIEST_AS_OF.year} to {LATEST_AS_OF.year}"
        )
    return int(text)


def _cell(value: Any) -> Any:
    """Tables and CSV say "not known" where JSON says null: a rate the record cannot give."""
    return "not known" if value is None else value


class Command(ReadCommand):
    help = (
        "Article 7 reporting figures on a date: initial reports, and per calendar year "
        "covered by an annual report (due 30 April of the next year) the States Parties "
        "due, submitted, on time, late, overdue and not known, with rates. A rate is "
        "'not known' (null) when nothing is due or the record cannot tell for a State. "
        "Per year also the cooperation figures (CCM/CONF/2020/13 para 78): of the States "
        "Parties with a published report covering the year (submitted on or before the "
        "date), those requesting, providing and receiving assistance in Form I; States not "
        "party apart."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_as_of(parser)
        parser.add_argument(
            "--from-year",
            metavar="YYYY",
            help=f"first calendar year covered (default: {DEFAULT_YEARS} years up to --to-year)",
        )
        parser.add_argument(
            "--to-year",
            metavar="YYYY",
            help="last calendar year covered (default: the year before --as-of)",
        )
        add_format(parser)

    def _years(self, options: dict[str, Any], last_default: int) -> list[int]:
        years: dict[str, int | None] = {}
        for name in ("from_year", "to_year"):
            value = options[name]
            try:
                years[name] = None if value is None else _year(value)
            except ValueError as error:
                flag = "--" + name.replace("_", "-")
                raise CommandError(f"{flag}: {error}", returncode=USAGE_ERROR) from None
        last = years["to_year"] if years["to_year"] is not None else last_default
        first = years["from_year"] if years["from_year"] is not None else last - DEFAULT_YEARS + 1
        if first > last:
            raise CommandError(
                f"--from-year {first} is after --to-year {last}", returncode=USAGE_ERROR
            )
        return list(range(first, last + 1))

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = parse_as_of(options["as_of"])
        years = self._years(options, default_years(as_of)[-1])
        data = cooperation.add_to(
            serialize(compute(register(), as_of, years)), published.cooperation(as_of, years)
        )
        if options["format"] == "json":
            self.stdout.write(to_json(data), ending="")
            return
        annual = data["annual_reports"]
        rows: list[tuple[Any, ...]] = [
            ("initial", "", *(_cell(data["initial_reports"][c]) for c in COLUMNS))
        ]
        rows += [("annual", y["year"], *(_cell(y[c]) for c in COLUMNS)) for y in annual]
        if options["format"] == "csv":
            blank = ("",) * len(COOPERATION_COLUMNS)
            rows = [rows[0] + blank] + [
                row + _cooperation_cells(y) for row, y in zip(rows[1:], annual, strict=True)
            ]
            header = ("report", "year_covered", *COLUMNS, *COOPERATION_COLUMNS)
            self.stdout.write(to_csv(header, rows), ending="")
            return
        self.stdout.write(f"{data['treaty']} Article 7 reports as of {data['as_of']}\n\n")
        header = ("report", "year covered", *(c.replace("_", " ") for c in COLUMNS))
        self.stdout.write(to_table(header, rows), ending="")
        self.stdout.write(
            "\nAssistance in the reports (para 78): States Parties with a published report "
            "covering the year, and of them those requesting, providing and receiving it\n\n"
        )
        header = (
            "year covered",
            *("reports published" if c == "reports" else c for c in COOPERATION),
            *(f"not party {c}" for c in COOPERATION),
        )
        self.stdout.write(
            to_table(header, [(y["year"], *_cooperation_cells(y)) for y in annual]), ending=""
        )
