"""The range of years asked for on the cooperation page and API: its default and its check."""

from __future__ import annotations

from datetime import date

from treaty_tracker.rules.checks import check_year
from treaty_tracker.rules.findings import Finding, error


def default_years(as_of: date, span: int = 6) -> tuple[int, int]:
    """The ``span`` calendar years before ``as_of``'s (as the reporting figures)."""
    return as_of.year - span, as_of.year - 1


def check_years(first: int | None, last: int | None) -> list[Finding]:
    """A range of years asked for: each within the record's years, the first not after
    the last."""
    findings = check_year(first, "from_year") + check_year(last, "to_year")
    if first is not None and last is not None and first > last and not findings:
        findings.append(
            error(
                "assistance.years_reversed",
                "from_year",
                f"from_year {first} is after to_year {last}.",
            )
        )
    return findings
