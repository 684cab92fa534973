from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser

from treaty_tracker.review.generate import generate
from treaty_tracker.review.models import Edition
from treaty_tracker.review.render import FORMATS, render
from treaty_tracker.themes.cli import USAGE_ERROR, ReadCommand, parse_as_of
from treaty_tracker.themes.document import MAX_REVIEW_YEARS, Period, check_period


class Command(ReadCommand):
    help = (
        "Generate the Review of the operation and status of the Convention for a period, "
        "in the structure of CCM/CONF/2020/13: every figure computed from the record, with "
        "its sources in an annex; the staff's narrative of an edition merged in. Writes "
        "HTML, PDF, DOCX or Markdown to --output (or standard output for html and md). "
        f"The period lies within the Convention's life and covers at most {MAX_REVIEW_YEARS} "
        "years."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="start", metavar="YYYY-MM-DD", required=True, help="first day"
        )
        parser.add_argument(
            "--to", dest="end", metavar="YYYY-MM-DD", required=True, help="last day"
        )
        parser.add_argument(
            "--format", choices=tuple(FORMATS), default="html", help="output format (default: html)"
        )
        parser.add_argument("--output", metavar="FILE", help="write here (required for pdf, docx)")
        parser.add_argument(
            "--edition",
            type=int,
            metavar="ID",
            help="merge the staff narrative of this edition (its period must be the same)",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the document (default: en)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = _day("--from", options["start"])
        end = _day("--to", options["end"])
        problems = check_period(start, end, today=date.today())
        if problems:
            option = {"start": "--from", "end": "--to"}
            raise CommandError(
                "; ".join(f"{option[p.field]}: {p.message}" for p in problems),
                returncode=USAGE_ERROR,
            )
        fmt = options["format"]
        if fmt in ("pdf", "docx") and not options["output"]:
            raise CommandError(f"--output FILE is required for {fmt}", returncode=USAGE_ERROR)
        edition = None
        if options["edition"] is not None:
            edition = Edition.objects.filter(pk=options["edition"]).first()
            if edition is None:
                raise CommandError(
                    f"--edition {options['edition']}: no such edition", returncode=USAGE_ERROR
                )
            if (edition.period_start, edition.period_end) != (start, end):
                raise CommandError(
                    f"--edition {edition.pk} covers {edition.period_start} to "
                    f"{edition.period_end}, not {start} to {end}",
                    returncode=USAGE_ERROR,
                )
        document = generate(Period(start, end), edition=edition, language=options["language"])
        data = render(document, fmt)
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(data)
            except OSError as error:
                raise CommandError(f"--output: {error.strerror}: {options['output']}") from None
            return
        sys.stdout.buffer.write(data)


def _day(option: str, value: str) -> Any:
    try:
        return parse_as_of(value)
    except CommandError as error:
        raise CommandError(str(error).replace("--as-of", option), returncode=USAGE_ERROR) from None
