"""Article 7 reporting figures: how many States Parties reported, and on time, per year.

Pure Python (no Django), computed from a :class:`~treaty_tracker.rules.engine.Register` and
a date, never from ``today()``. Every figure counts the engine's own per-State results, so
a page, the API and the CLI cannot disagree with a State's profile.

Definitions (docs/reporting.md, "Public reports and compliance figures"):

- An annual figure is keyed by the calendar **year the report covers** (Art. 7(2)); that
  report is due on 30 April of the next year (the treaty definition holds the day).
- ``due``: States Parties on ``as_of`` whose report's due date has passed (is before
  ``as_of``), as the engine counts a report "not yet due" on its due date itself.
- Among the States due: ``submitted`` (``on_time``, ``late`` and ``timeliness_not_known``
  split it), ``overdue`` (no report, and the record is known to be complete for the date)
  and ``not_known`` (the record cannot tell). They add up to ``due``.
- ``submitted_rate`` = submitted / due and ``on_time_rate`` = on time / due, or ``None``
  when they cannot be computed honestly: nothing is due, or the record cannot tell for a
  due State (``complete`` is then false). ``on_time_rate`` is also ``None`` when a due
  report's date is known too loosely to say whether it was on time. A gap in the record is
  not a finding, and never a guessed rate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from treaty_tracker.rules.engine import Register
from treaty_tracker.rules.results import (
    ReportResult,
    ReportStatus,
    StateResult,
    Status,
    Timeliness,
)
from treaty_tracker.rules.treaty import Treaty
from treaty_tracker.rules.treaty_dates import annual_report_due, first_annual_report_year

#: How many covered years the matrix and the figures show by default.
DEFAULT_YEARS = 6


STATE_GROUPS = (
    "due",
    "submitted",
    "on_time",
    "late",
    "timeliness_not_known",
    "overdue",
    "not_known",
)


@dataclass(frozen=True)
class Figures:
    """Counts of States Parties for one report due (initial reports, or one covered year)."""

    due: int
    submitted: int
    on_time: int
    late: int
    timeliness_not_known: int
    overdue: int
    not_known: int
    # The States behind each count (ISO3, sorted): due, submitted, on_time, late,
    # timeliness_not_known, overdue, not_known.
    states: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @property
    def complete(self) -> bool:
        """The record tells, for every State due, whether it has reported."""
        return self.not_known == 0

    @property
    def submitted_rate(self) -> float | None:
        if self.due == 0 or not self.complete:
            return None
        return self.submitted / self.due

    @property
    def on_time_rate(self) -> float | None:
        if self.due == 0 or not self.complete or self.timeliness_not_known:
            return None
        return self.on_time / self.due


@dataclass(frozen=True)
class YearFigures:
    """The annual reports covering calendar year ``year``, due ``due_date`` (30 April of
    ``year + 1``)."""

    year: int
    due_date: date
    figures: Figures
    # States (party or not) with a voluntary report on the record covering ``year``,
    # submitted by the as-of date (CCM/CONF/2020/13 para 95: DRC, Palau, South Sudan).
    voluntary: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportingFigures:
    treaty: str
    as_of: date
    initial: Figures
    annual: tuple[YearFigures, ...]


class Cell(StrEnum):
    """One State's annual report for one covered year, as the matrix shows it."""

    ON_TIME = "on_time"
    LATE = "late"
    SUBMITTED = "submitted"  # submitted, but its date is too loose to say whether on time
    OVERDUE = "overdue"
    NOT_YET_DUE = "not_yet_due"
    NOT_KNOWN = "not_known"
    NOT_REQUIRED = "not_required"  # before the State's first annual report (or not in force)


def _count(results: Iterable[tuple[str, ReportResult | None]], as_of: date) -> Figures:
    groups: dict[str, list[str]] = {key: [] for key in STATE_GROUPS}
    for iso3, report in results:
        if report is None or report.due.on_or_before(as_of - timedelta(days=1)) is not True:
            continue
        groups["due"].append(iso3)
        match report.status:
            case ReportStatus.SUBMITTED:
                groups["submitted"].append(iso3)
                if report.timeliness is Timeliness.ON_TIME:
                    groups["on_time"].append(iso3)
                elif report.timeliness is Timeliness.LATE:
                    groups["late"].append(iso3)
                else:
                    groups["timeliness_not_known"].append(iso3)
            case ReportStatus.OVERDUE:
                groups["overdue"].append(iso3)
            case _:
                # NOT_KNOWN; a passed due date is never "not yet due" or "not in force".
                groups["not_known"].append(iso3)
    return Figures(
        due=len(groups["due"]),
        submitted=len(groups["submitted"]),
        on_time=len(groups["on_time"]),
        late=len(groups["late"]),
        timeliness_not_known=len(groups["timeliness_not_known"]),
        overdue=len(groups["overdue"]),
        not_known=len(groups["not_known"]),
        states={key: tuple(sorted(codes)) for key, codes in groups.items()},
    )


def annual_report(state: StateResult, year: int) -> ReportResult | None:
    """The State's annual report covering ``year``, or ``None`` if none is asked of it."""
    return next((r for r in state.annual_reports if r.year == year), None)


def cell(state: StateResult, year: int, treaty: Treaty) -> Cell:
    """What the matrix shows for the State's report covering ``year``."""
    report = annual_report(state, year)
    if report is None:
        # The engine lists the reports due up to ``as_of``'s year; a later one is not yet
        # due if it will be asked of the State at all (from its first annual report on).
        initial = state.initial_report
        if state.status is Status.STATE_PARTY and initial is not None and initial.due.earliest:
            first = first_annual_report_year(initial.due.earliest, treaty) - 1
            if year >= max(first, state.as_of.year):
                return Cell.NOT_YET_DUE
        return Cell.NOT_REQUIRED
    match report.status:
        case ReportStatus.SUBMITTED:
            if report.timeliness is Timeliness.ON_TIME:
                return Cell.ON_TIME
            if report.timeliness is Timeliness.LATE:
                return Cell.LATE
            return Cell.SUBMITTED
        case ReportStatus.OVERDUE:
            return Cell.OVERDUE
        case ReportStatus.NOT_YET_DUE:
            return Cell.NOT_YET_DUE
        case ReportStatus.NOT_IN_FORCE:
            return Cell.NOT_REQUIRED
        case _:
            return Cell.NOT_KNOWN


def default_years(as_of: date, count: int = DEFAULT_YEARS) -> list[int]:
    """The ``count`` most recent covered years as of ``as_of``, oldest first: the last one
    is the year before ``as_of``'s (its report due on 30 April of ``as_of``'s year)."""
    last = as_of.year - 1
    return list(range(last - count + 1, last + 1))


def states_parties(register: Register, as_of: date) -> list[StateResult]:
    return [s for s in register.summary(as_of).states if s.status is Status.STATE_PARTY]


def reporting_figures(register: Register, as_of: date, years: Iterable[int]) -> list[YearFigures]:
    """Per covered year (Art. 7(2)), the annual-report figures on ``as_of``."""
    parties = states_parties(register, as_of)
    everyone = register.summary(as_of).states
    return [
        YearFigures(
            year=year,
            due_date=annual_report_due(year + 1, register.treaty),
            figures=_count(((s.iso3, annual_report(s, year)) for s in parties), as_of),
            voluntary=tuple(
                sorted(s.iso3 for s in everyone if any(r.year == year for r in s.voluntary_reports))
            ),
        )
        for year in years
    ]


def initial_report_figures(register: Register, as_of: date) -> Figures:
    """The Art. 7(1) initial reports of the States Parties whose due date has passed."""
    return _count(((s.iso3, s.initial_report) for s in states_parties(register, as_of)), as_of)


def compute(register: Register, as_of: date, years: Iterable[int]) -> ReportingFigures:
    return ReportingFigures(
        treaty=register.treaty.code,
        as_of=as_of,
        initial=initial_report_figures(register, as_of),
        annual=tuple(reporting_figures(register, as_of, years)),
    )


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def figures_data(figures: Figures) -> dict[str, Any]:
    return {
        "due": figures.due,
        "submitted": figures.submitted,
        "on_time": figures.on_time,
        "late": figures.late,
        "timeliness_not_known": figures.timeliness_not_known,
        "overdue": figures.overdue,
        "not_known": figures.not_known,
        "complete": figures.complete,
        "submitted_rate": _rate(figures.submitted_rate),
        "on_time_rate": _rate(figures.on_time_rate),
        "states": {key: list(figures.states.get(key, ())) for key in STATE_GROUPS},
    }


def serialize(result: ReportingFigures) -> dict[str, Any]:
    """Plain data, as ``treaty-tracker reporting --format json`` prints and the API returns."""
    return {
        "treaty": result.treaty,
        "as_of": result.as_of.isoformat(),
        "initial_reports": figures_data(result.initial),
        "annual_reports": [
            {
                "year": y.year,
                "due_date": y.due_date.isoformat(),
                **figures_data(y.figures),
                "voluntary": list(y.voluntary),
            }
            for y in result.annual
        ],
    }
