"""Argument types, output helpers and the base of the read-only commands, shared by the
commands."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from treaty_tracker import rules

FORMATS = ("table", "json", "csv")
USAGE_ERROR = 2  # like argparse: bad input on the command line


class ReadCommand(BaseCommand):
    """A command that only reads the record and prints it (``summary``, ``state``, …).

    It skips Django's system checks, which import every view and URL of the site (about
    half a second, half the command's time) to check a configuration that ``check``,
    ``setup`` and ``serve`` check anyway; commands that write keep them."""

    requires_system_checks: list[str] = []


def parse_as_of(value: str | None) -> date:
    """A ``YYYY-MM-DD`` date on or after 2008-01-01 (``rules.parse_as_of``); today if not
    given."""
    if value is None:
        return date.today()
    try:
        return rules.parse_as_of(value)
    except rules.AsOfError as error:
        raise CommandError(f"--as-of: {error}", returncode=USAGE_ERROR) from None


def add_as_of(parser: CommandParser) -> None:
    parser.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="compute the record as it stood on this date (default: today)",
    )


def add_format(parser: CommandParser, default: str = "table") -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default=default, help=f"output format (default: {default})"
    )


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def to_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    rows = [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"
