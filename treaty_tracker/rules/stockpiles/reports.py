"""Art. 3 figures read from Article 7 reports (Forms B and D, through FormView's status
rule) and merged with the staff-entered facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from treaty_tracker.rules.reporting.content import FormView, ReportView
from treaty_tracker.rules.stockpiles.facts import (
    Amount,
    Category,
    Destruction,
    Retention,
    total,
)


class ReportTable(StrEnum):
    """The tables of the ccm-2010 Forms B and D (rules/reporting/forms/ccm-2010.yaml)."""

    STOCKPILE = "stockpile"  # Form B: held at the end of the period, Art. 7(1)(b)
    DESTROYED = "destroyed"  # Form B: destroyed during the period, Art. 7(1)(e)-(f)
    DISCOVERED = "discovered"  # Form B: discovered during the period, Art. 7(1)(g)
    RETAINED = "retained"  # Form D: held under Art. 3(6) at the end of the period
    TRANSFERRED = "transferred"  # Form D: transferred during the period, Art. 3(7)


FORM_OF = {
    ReportTable.STOCKPILE: "B",
    ReportTable.DESTROYED: "B",
    ReportTable.DISCOVERED: "B",
    ReportTable.RETAINED: "D",
    ReportTable.TRANSFERRED: "D",
}
# Holdings at the end of the period: an "unchanged" form that repeats its data still says
# what is held. The other tables count events of the period: an unchanged form's copy of
# them belongs to an earlier period and is not read again.
HOLDINGS = frozenset({ReportTable.STOCKPILE, ReportTable.RETAINED})
# Each row's columns -> the category they count (Form B and D rows: munitions of a type,
# and their explosive submunitions).
REPORT_COLUMNS = {
    "munitions": Category.CLUSTER_MUNITIONS,
    "submunitions": Category.EXPLOSIVE_SUBMUNITIONS,
}
PROGRAMME_STATUSES = ("not_started", "in_progress", "completed")
FORM_STATUSES = ("changed", "unchanged", "not_applicable")


@dataclass(frozen=True)
class ReportedFigure:
    """One quantity a report gives: a table's row, one of its columns (a category)."""

    table: ReportTable
    category: Category
    quantity: int
    type: str = ""
    method: str = ""
    site: str = ""
    planned_use: str = ""
    actual_use: str = ""


@dataclass(frozen=True)
class ReportedYear:
    """What one State's report for one calendar year says in Forms B and D.

    ``form_b`` / ``form_d``: the form's status as ticked (``changed``, ``unchanged``,
    ``not_applicable``), None when the form is missing or its status is not one of them.
    A not-applicable form gives no figures (never zeros)."""

    state: str
    year: int
    form_b: str | None
    form_d: str | None
    programme_status: str | None
    figures: tuple[ReportedFigure, ...]

    def citation(self, form: str) -> str:
        return f"report {self.state} {self.year}, Form {form}"

    def amount(self, table: ReportTable, category: Category) -> Amount | None:
        """The table's quantities of ``category`` added up; None when the report gives
        none (a missing or malformed cell is not a zero)."""
        return total(
            Amount(f.quantity) for f in self.figures if f.table is table and f.category is category
        )

    def rows(self, table: ReportTable) -> list[ReportedFigure]:
        return [f for f in self.figures if f.table is table]

    @property
    def categories(self) -> list[Category]:
        used = {f.category for f in self.figures}
        return [c for c in Category if c in used]


def _count(value: object) -> int | None:
    """A cell as a count of items: a whole number, zero or more (never a boolean, a text or
    a fraction); anything else is not a figure."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not (value == value and value.is_integer()):
        return None
    number = int(value)
    return number if number >= 0 else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _status(form: FormView) -> str | None:
    return form.status if form.status in FORM_STATUSES else None


def _figures(table: ReportTable, form: FormView) -> list[ReportedFigure]:
    # Holdings at the end of the period still stand in an unchanged form; the other
    # tables count events of the period (FormView's status rule).
    figures = []
    for row in form.figure_rows(table.value, during_period=table not in HOLDINGS):
        for column, category in REPORT_COLUMNS.items():
            quantity = _count(row.get(column))
            if quantity is None:
                continue
            figures.append(
                ReportedFigure(
                    table=table,
                    category=category,
                    quantity=quantity,
                    type=_text(row.get("type")),
                    method=_text(row.get("method")),
                    site=_text(row.get("site")),
                    planned_use=_text(row.get("planned_use")),
                    actual_use=_text(row.get("actual_use")),
                )
            )
    return figures


def read_report(state: str, year: int, content: object) -> ReportedYear | None:
    """Forms B and D of one report's content as plain records; None when neither gives a
    figure or a programme status. Never raises: what is malformed is left out, and nothing
    is filled in for it. A form with an unknown status is not read."""
    report = ReportView(content)
    form_b, form_d = report.form("B"), report.form("D")
    figures = [
        *(
            f
            for t in (ReportTable.STOCKPILE, ReportTable.DESTROYED, ReportTable.DISCOVERED)
            for f in _figures(t, form_b)
        ),
        *(f for t in (ReportTable.RETAINED, ReportTable.TRANSFERRED) for f in _figures(t, form_d)),
    ]
    programme = form_b.figures().get("programme_status")
    programme = programme if programme in PROGRAMME_STATUSES else None
    if not figures and programme is None:
        return None
    return ReportedYear(
        state=state,
        year=year,
        form_b=_status(form_b),
        form_d=_status(form_d),
        programme_status=programme,
        figures=tuple(figures),
    )


def reported_destruction(report: ReportedYear) -> list[Destruction]:
    """Form B's destruction of the year as rules input, one per category (its rows added
    up, methods and sites kept), cited "report <State> <year>, Form B"."""
    result = []
    for category in Category:
        rows = [f for f in report.rows(ReportTable.DESTROYED) if f.category is category]
        if not rows:
            continue
        result.append(
            Destruction(
                category=category,
                quantity=sum(f.quantity for f in rows),
                year=report.year,
                method="; ".join(dict.fromkeys(f.method for f in rows if f.method)),
                site="; ".join(dict.fromkeys(f.site for f in rows if f.site)),
                sources=(report.citation("B"),),
            )
        )
    return result


def reported_retention(report: ReportedYear) -> Retention | None:
    """Form D's holdings under Art. 3(6) at the end of the year as rules input, or None
    when the report gives none."""
    rows = report.rows(ReportTable.RETAINED)
    if not rows:
        return None
    munitions = report.amount(ReportTable.RETAINED, Category.CLUSTER_MUNITIONS)
    submunitions = report.amount(ReportTable.RETAINED, Category.EXPLOSIVE_SUBMUNITIONS)
    return Retention(
        year=report.year,
        munitions=None if munitions is None else munitions.value,
        submunitions=None if submunitions is None else submunitions.value,
        planned_use="; ".join(dict.fromkeys(f.planned_use for f in rows if f.planned_use)),
        actual_use="; ".join(dict.fromkeys(f.actual_use for f in rows if f.actual_use)),
        sources=(report.citation("D"),),
    )


@dataclass(frozen=True)
class Merged:
    """Staff-entered facts with the reported figures that fill their gaps.

    ``destruction_used`` / ``retention_used``: the (year, category) and years whose reported
    figure counts; the others are shown, not counted, because the record's own figure for
    the same State, year and category is the one used (docs/article-3-stockpiles.md)."""

    destructions: tuple[Destruction, ...]
    retention: tuple[Retention, ...]
    destruction_used: frozenset[tuple[int, Category]]
    retention_used: frozenset[int]


def merge_reported(
    destructions: Sequence[Destruction],
    retention: Sequence[Retention],
    reports: Sequence[ReportedYear],
) -> Merged:
    """One State's facts plus its reported figures, never both for one year and category:
    a staff-entered figure for a calendar year (destruction of a category, or retention)
    wins over the report's; a reported year of destruction that a programme total already
    covers is left out by :func:`destroyed` as a staff yearly figure would be."""
    staff_years = {(d.year, d.category) for d in destructions if d.year is not None}
    staff_retention = {r.year for r in retention}
    added_destruction: list[Destruction] = []
    added_retention: list[Retention] = []
    for report in sorted(reports, key=lambda r: r.year):
        for row in reported_destruction(report):
            if (row.year, row.category) not in staff_years:
                added_destruction.append(row)
        held = reported_retention(report)
        if held is not None and held.year not in staff_retention:
            added_retention.append(held)
    return Merged(
        destructions=(*destructions, *added_destruction),
        retention=(*retention, *added_retention),
        destruction_used=frozenset(
            (d.year, d.category) for d in added_destruction if d.year is not None
        ),
        retention_used=frozenset(r.year for r in added_retention),
    )
