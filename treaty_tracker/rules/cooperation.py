"""Cooperation and assistance figures from the published Article 7 reports (Art. 6, Art. 7(1)(n)).

Pure Python (no Django). The review of the Convention counts, per year, the States Parties
that in their annual reports a) requested assistance, b) reported providing it and c)
reported receiving it, and counts a State not party that did so apart (CCM/CONF/2020/13
para 78: "In 2019, as reported by 28 September 2020, 15 State Parties and one State not
Party (South Sudan) had requested assistance").

Definitions (docs/reporting.md, "Cooperation figures"):

- A figure is keyed by the calendar **year the report covers** (Art. 7(2)).
- A State **requests** / **provides** / **receives** assistance in a year when its report
  covering that year has, in Form I marked ``changed`` or ``unchanged``, at least one row in
  the table ``assistance_requested`` / ``assistance_provided`` / ``assistance_received``.
  A form marked ``not_applicable``, or an empty table, counts as not doing so.
- States Parties are those on the ``as_of`` date; any other State with a report is counted
  apart (``not_party``).
- ``reports`` is the base: how many States Parties (or others) have a published report
  covering the year. A State with no report for the year is simply not counted, so "9
  requesting" reads as "9 of ``reports``", never "9 of all States Parties".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from treaty_tracker.rules.reporting.content import (  # the selectors' query reads it here
    COUNTED_STATUSES as COUNTED_STATUSES,
)
from treaty_tracker.rules.reporting.content import ReportView

#: The form that holds cooperation and assistance (Art. 7(1)(m), 7(1)(n), Art. 6).
FORM = "I"
#: Each figure and the Form I table it counts.
TABLES: dict[str, str] = {
    "requesting": "assistance_requested",
    "providing": "assistance_provided",
    "receiving": "assistance_received",
}
EMPTY: tuple[object, ...] = (None, "", [], {})


@dataclass(frozen=True)
class Counts:
    """States with a report covering the year, and those among them doing each; the
    ISO3 codes say who (sorted), so every count can be traced to its reports."""

    reports: tuple[str, ...] = ()
    requesting: tuple[str, ...] = ()
    providing: tuple[str, ...] = ()
    receiving: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearCooperation:
    """Para 78's figures for the reports covering calendar year ``year``."""

    year: int
    parties: Counts  # States Parties on the as-of date
    not_party: Counts  # every other State with a report covering the year


def _filled(rows: list[Mapping[str, Any]]) -> bool:
    """Whether a table holds at least one row with something in it."""
    return any(any(v not in EMPTY for v in row.values()) for row in rows)


def assistance(content: Mapping[str, Any]) -> frozenset[str]:
    """Which of ``requesting``, ``providing``, ``receiving`` one report's Form I shows,
    read under FormView's status rule (the assistance tables still stand in an unchanged
    form)."""
    form = ReportView(content).form(FORM)
    return frozenset(name for name, table in TABLES.items() if _filled(form.figure_rows(table)))


def _counts(contents: Mapping[str, Mapping[str, Any]]) -> Counts:
    shown = {iso3: assistance(content) for iso3, content in contents.items()}
    return Counts(
        reports=tuple(sorted(shown)),
        **{
            name: tuple(sorted(iso3 for iso3, kinds in shown.items() if name in kinds))
            for name in TABLES
        },
    )


def cooperation_figures(
    reports: Mapping[tuple[str, int], Mapping[str, Any]],
    parties: Collection[str],
    years: Iterable[int],
) -> list[YearCooperation]:
    """Per covered year, the States Parties (and apart, the others) requesting, providing
    and receiving assistance, out of those with a report covering the year.

    ``reports``: each State's published report content keyed by (ISO3, year covered);
    ``parties``: the ISO3 codes of the States Parties on the as-of date."""
    by_year: dict[int, dict[str, Mapping[str, Any]]] = {}
    for (iso3, year), content in reports.items():
        by_year.setdefault(year, {})[iso3] = content
    result = []
    for year in years:
        contents = by_year.get(year, {})
        result.append(
            YearCooperation(
                year=year,
                parties=_counts({k: v for k, v in contents.items() if k in parties}),
                not_party=_counts({k: v for k, v in contents.items() if k not in parties}),
            )
        )
    return result


def counts_data(counts: Counts) -> dict[str, Any]:
    return {
        "reports": len(counts.reports),
        **{name: len(getattr(counts, name)) for name in TABLES},
        "states": {name: list(getattr(counts, name)) for name in TABLES},
    }


def serialize(figure: YearCooperation) -> dict[str, Any]:
    """Plain data: the States Parties' counts, and the others' under ``not_party``."""
    return {**counts_data(figure.parties), "not_party": counts_data(figure.not_party)}


def add_to(data: dict[str, Any], figures: Iterable[YearCooperation]) -> dict[str, Any]:
    """``compliance.serialize``'s data with a ``cooperation`` section in each covered year
    (as ``treaty-tracker reporting --format json`` prints and the API returns)."""
    by_year = {figure.year: figure for figure in figures}
    for year in data["annual_reports"]:
        figure = by_year.get(year["year"], YearCooperation(year["year"], Counts(), Counts()))
        year["cooperation"] = serialize(figure)
    return data
