"""Checks every theme's records share: a calendar year within the years the record can
speak of. One finding code (``year.out_of_range``) and one named place for the bounds."""

from __future__ import annotations

from dataclasses import dataclass

from treaty_tracker.rules.dates import EARLIEST_AS_OF, LATEST_AS_OF
from treaty_tracker.rules.findings import Finding, error


@dataclass(frozen=True)
class Years:
    """Calendar years from ``first`` to ``last``, both included."""

    first: int
    last: int

    def __contains__(self, year: object) -> bool:
        return isinstance(year, int) and self.first <= year <= self.last


#: The years a fact of the record may be given for: from the Convention's adoption (2008)
#: to the end of the engine's calendar (2100).
RECORD_YEARS = Years(EARLIEST_AS_OF.year, LATEST_AS_OF.year)
#: Art. 4 facts go back before the Convention: remnants cleared since the end of the
#: Second World War (land release in the 1960s-70s) may be recorded.
CLEARANCE_YEARS = Years(1945, LATEST_AS_OF.year)

YEAR_OUT_OF_RANGE = "year.out_of_range"


def check_year(year: int | None, field: str = "year", years: Years = RECORD_YEARS) -> list[Finding]:
    """A year, when given, lies in ``years`` (a year not given is the caller's concern)."""
    if year is None or year in years:
        return []
    return [
        error(
            YEAR_OUT_OF_RANGE,
            field,
            f"Enter a year from {years.first} to {years.last}.",
            year=year,
        )
    ]
