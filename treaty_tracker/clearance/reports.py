"""Article 4 figures the States give in their published Article 7 reports: Form F
(contaminated areas, Art. 7(1)(h); land released, Art. 7(1)(i)) and Form G (risk
education, Art. 7(1)(j)). Only published versions are read (``transparency.published``):
the latest published version of each report submitted on or before the date asked.
Each row is cited as "report <State> <year>, Form F" (or G).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from treaty_tracker.rules import clearance as rules
from treaty_tracker.rules.reporting.content import ReportView, as_decimal
from treaty_tracker.transparency.published import published_cooperation_contents

# Form G's sex x age cells -> the risk education parts (docs/article-4-clearance.md).
_CELLS = {
    ("female", "child"): "girls",
    ("male", "child"): "boys",
    ("female", "adult"): "women",
    ("male", "adult"): "men",
}


@dataclass(frozen=True)
class ReportedYear:
    """What one State's report for one year says in Forms F and G."""

    state: str
    year: int
    areas: int  # rows in Form F's table of areas
    areas_new: int  # of which new contamination identified during the period
    area_m2: Decimal | None  # their total size (None if no size is given)
    released: Mapping[rules.Method, Decimal]
    submunitions: int | None
    education: rules.Beneficiaries | None
    citation_f: str
    citation_g: str

    @property
    def released_m2(self) -> Decimal:
        return sum(self.released.values(), Decimal(0))


@dataclass
class Reported:
    rows: list[ReportedYear] = field(default_factory=list)


def _int(value: Any) -> int | None:
    number = as_decimal(value)
    return int(number) if number is not None else None


def beneficiaries(value: Any) -> rules.Beneficiaries | None:
    """Form G's ``beneficiaries`` (a number, or ``{"total": n, "by": {sex: {age: n}}}``)
    as girls / boys / women / men / not disaggregated."""
    if not isinstance(value, Mapping):
        total = _int(value)
        return rules.Beneficiaries(total=total) if total is not None else None
    parts: dict[str, int] = {}
    by = value.get("by")
    if isinstance(by, Mapping):
        for sex, ages in by.items():
            if not isinstance(ages, Mapping):
                continue
            for age, count in ages.items():
                number = _int(count)
                if number is None:
                    continue
                part = _CELLS.get((sex, age), "not_disaggregated")
                parts[part] = parts.get(part, 0) + number
    return rules.Beneficiaries(total=_int(value.get("total")), **parts)


def _sum(values: list[rules.Beneficiaries]) -> rules.Beneficiaries | None:
    if not values:
        return None

    def add(name: str) -> int | None:
        given = [getattr(v, name) for v in values if getattr(v, name) is not None]
        return sum(given) if given else None

    return rules.Beneficiaries(
        **{p: add(p) for p in rules.BENEFICIARY_PARTS},
        total=sum(v.reached or 0 for v in values),
    )


def read(iso3: str, year: int, content: Mapping[str, Any]) -> ReportedYear | None:
    """One report's Forms F and G, or None when neither holds a row."""
    # FormView's status rule: areas (at the end of the period) and risk education still
    # stand in an unchanged form; land released during the period does not.
    report = ReportView(content)
    areas = report.form("F").figure_rows("areas")
    released = report.form("F").figure_rows("released", during_period=True)
    activities = report.form("G").figure_rows("activities")
    if not (areas or released or activities):
        return None
    sizes = [d for a in areas if (d := as_decimal(a.get("size"))) is not None]
    submunitions = [n for r in released if (n := _int(r.get("submunitions_destroyed"))) is not None]
    reached = [b for a in activities if (b := beneficiaries(a.get("beneficiaries"))) is not None]
    return ReportedYear(
        state=iso3,
        year=year,
        areas=len(areas),
        areas_new=sum(1 for a in areas if a.get("new") is True),
        area_m2=sum(sizes, Decimal(0)) if sizes else None,
        released={
            m: sum(
                (d for r in released if (d := as_decimal(r.get(m.value))) is not None),
                Decimal(0),
            )
            for m in rules.Method
        },
        submunitions=sum(submunitions) if submunitions else None,
        education=_sum(reached),
        citation_f=f"report {iso3} {year}, Form F",
        citation_g=f"report {iso3} {year}, Form G",
    )


def reported(as_of: date, iso3: str | None = None) -> Reported:
    """Forms F and G of the latest published reports submitted by ``as_of`` (one query)."""
    rows = []
    for (state, year), content in sorted(published_cooperation_contents(as_of).items()):
        if iso3 is not None and state != iso3:
            continue
        row = read(state, year, content)
        if row is not None:
            rows.append(row)
    return Reported(rows=rows)
