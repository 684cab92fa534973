"""The checks an Art. 3 write must pass (destroyed never more than declared, a real year,
zero or more), as findings naming the field; codes in docs/article-3-stockpiles.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from treaty_tracker.rules.checks import check_year
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.stockpiles.facts import (
    Category,
    Declaration,
    Destruction,
    Retention,
)
from treaty_tracker.rules.stockpiles.progress import (
    declared,
    destroyed,
)

CODES = {
    "stockpile.negative_quantity": "A quantity below zero.",
    "stockpile.period_missing": "A destruction figure with neither a year nor a 'through' date.",
    "stockpile.period_both": "A destruction figure with both a year and a 'through' date.",
    "stockpile.total_destroyed_exceeds_declared": (
        "More destroyed, in total, than declared (at entry into force plus discovered)."
    ),
    "stockpile.destroyed_may_exceed_declared": (
        "An approximate figure puts the total destroyed above the declared stockpile."
    ),
}


def check_quantity(value: int | None, field: str) -> list[Finding]:
    if value is not None and value < 0:
        return [
            Finding(
                "stockpile.negative_quantity",
                Severity.ERROR,
                "Enter zero or more.",
                {"value": value},
                field,
            )
        ]
    return []


def check_destruction_period(year: int | None, through: FuzzyDate | None) -> list[Finding]:
    if year is None and through is None:
        return [
            Finding(
                "stockpile.period_missing",
                Severity.ERROR,
                "Give the calendar year, or the date a programme total runs to.",
                {},
                "year",
            )
        ]
    if year is not None and through is not None:
        return [
            Finding(
                "stockpile.period_both",
                Severity.ERROR,
                "Give either a calendar year or a 'through' date, not both.",
                {},
                "through",
            )
        ]
    return []


def check_within_declared(
    declarations: Sequence[Declaration],
    destructions: Sequence[Destruction],
    field: str = "quantity",
) -> list[Finding]:
    """Art. 3(2), 3(4)(d)-(e): per category, everything destroyed (every year and
    programme total) never more than declared (at entry into force plus discovered). An
    error when both are exact; a warning when a rounded figure makes it uncertain. Nothing
    when the declared stockpile is not on the record."""
    findings = []
    for category in Category:
        held = declared(declarations, category)
        gone = destroyed(destructions, category)
        if held is None or gone is None or gone.value <= held.value:
            continue
        params = {"category": category.value, "declared": held.value, "destroyed": gone.value}
        if held.exact and gone.exact:
            findings.append(
                Finding(
                    "stockpile.total_destroyed_exceeds_declared",
                    Severity.ERROR,
                    f"{gone.value:,} destroyed in total is more than the {held.value:,} "
                    "declared (at entry into force plus discovered).",
                    params,
                    field,
                )
            )
        else:
            findings.append(
                Finding(
                    "stockpile.destroyed_may_exceed_declared",
                    Severity.WARNING,
                    f"About {gone.value:,} destroyed against about {held.value:,} declared.",
                    params,
                    field,
                )
            )
    return findings


def check_retention(row: Retention) -> list[Finding]:
    """Art. 3(6)-(8): a real year, and every figure a count (zero or more)."""
    findings = check_year(row.year)
    for name in ("munitions", "submunitions", "munitions_consumed", "submunitions_consumed"):
        findings += check_quantity(getattr(row, name), name)
    return findings


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]
