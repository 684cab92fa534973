"""The cooperation endpoints of API v1 (added to the API in ``api.endpoints``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from treaty_tracker.cooperation import selectors
from treaty_tracker.cooperation.schemas import CoalitionList, CooperationOverview, NeedList
from treaty_tracker.cooperation.tables import fact_row
from treaty_tracker.rules import assistance as rules
from treaty_tracker.themes.api_errors import ApiError, ErrorCode
from treaty_tracker.themes.api_params import AS_OF, AsOf, only
from treaty_tracker.themes.api_schemas import Error

router = Router(tags=["cooperation"])

YEARS = f"{rules.FIRST_YEAR}-{rules.LAST_YEAR}"
FROM_YEAR = Query(
    None, description=f"First calendar year ({YEARS}); default: six years before `as_of`'s."
)
TO_YEAR = Query(None, description="Last calendar year; default: the year before `as_of`'s.")
RESPONSES = {400: Error}


def _today() -> date:
    return date.today()


def _int(name: str, value: str | None, low: int, high: int) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not low <= int(text) <= high:
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER,
            name,
            f"{name} must be a whole number from {low} to {high} (got {value!r}).",
        )
    return int(text)


def _years(day: date, from_year: str | None, to_year: str | None) -> tuple[int, int]:
    first = _int("from_year", from_year, rules.FIRST_YEAR, rules.LAST_YEAR)
    last = _int("to_year", to_year, rules.FIRST_YEAR, rules.LAST_YEAR)
    default_first, default_last = rules.default_years(day)
    first = default_first if first is None else first
    last = max(default_last, first) if last is None else last
    problems = rules.check_years(first, last)
    if problems:
        raise ApiError(
            ErrorCode.INVALID_PARAMETER,
            problems[0].message,
            {p.field: [p.message] for p in problems},
        )
    return first, last


def _cell(cell: rules.Cell) -> dict[str, Any]:
    return {
        "states": list(cell.states),
        "amounts": {currency: str(value) for currency, value in cell.amounts},
        "facts": cell.facts,
        "unpriced": cell.unpriced,
    }


@router.get(
    "/cooperation",
    response={200: CooperationOverview, **RESPONSES},
    operation_id="cooperationOverview",
    summary="Cooperation and assistance (Art. 6): summary and facts",
    description=(
        "Per year (and per period for facts stated over several years), the States "
        "requesting, offering, providing and receiving assistance by theme, with amounts "
        "per currency; para 78's figures counted from the published reports (Form I) and "
        "as the review (CCM/CONF/2020/13) states them; per State; and every fact, from the "
        "record or a published report, with its origin and sources."
    ),
)
def cooperation_overview(
    request: HttpRequest,
    as_of: AsOf | None = AS_OF,
    from_year: str | None = FROM_YEAR,
    to_year: str | None = TO_YEAR,
) -> dict[str, Any]:
    only(request, "as_of", "from_year", "to_year")
    day = as_of or _today()
    first, last = _years(day, from_year, to_year)
    view = selectors.overview(day, first, last)
    return {
        "as_of": day.isoformat(),
        "from_year": first,
        "to_year": last,
        "years": [
            {
                "period": p.period,
                "first": p.first,
                "last": p.last,
                "totals": {d: _cell(c) for d, c in sorted(p.totals.items())},
                "cells": [
                    {"theme": t, "direction": d, **_cell(c)}
                    for (t, d), c in sorted(p.cells.items())
                ],
            }
            for p in view.years
        ],
        "report_figures": [
            {
                "year": year,
                "reports": len(figure.parties.reports),
                "requesting": len(figure.parties.requesting),
                "providing": len(figure.parties.providing),
                "receiving": len(figure.parties.receiving),
                "states": {
                    "requesting": list(figure.parties.requesting),
                    "providing": list(figure.parties.providing),
                    "receiving": list(figure.parties.receiving),
                },
            }
            for year, figure in sorted(view.report_figures.items())
        ],
        "review_figures": [
            {"year": year, "what": what, "value": int(figure.value), "sources": [figure.citation]}
            for year, figures in sorted(view.review_figures.items())
            for what, figure in sorted(figures.items())
        ],
        "states": [
            {
                "state": s.state,
                "name": view.names.get(s.state, s.state),
                "party": s.state in view.parties,
                "themes": {d: list(t) for d, t in s.themes.items()},
                "facts": s.facts,
                "first": s.first,
                "last": s.last,
                "origins": list(s.origins),
                "sources": list(s.citations),
            }
            for s in view.states
        ],
        "count": len(view.facts),
        "records": [fact_row(f, view.names) for f in view.facts],
    }


@router.get(
    "/cooperation/needs",
    response={200: NeedList, **RESPONSES},
    operation_id="cooperationNeeds",
    summary="Needs and offers: requests matched with States supporting the same theme",
    description=(
        "Each request for assistance (State, theme, year or period) overlapping the years, "
        "with the States that provided or offered support of the same theme from `window` "
        "years before the request to `window` years after it, ranked by the most recent "
        "year, then by how often. `matched: false`: no such State on the record."
    ),
)
def cooperation_needs(
    request: HttpRequest,
    as_of: AsOf | None = AS_OF,
    from_year: str | None = FROM_YEAR,
    to_year: str | None = TO_YEAR,
    window: str | None = Query(
        None,
        description=f"Years either side (0-{rules.MAX_WINDOW}; default {rules.DEFAULT_WINDOW}).",
    ),
    theme: str | None = Query(None, description="Only requests of this theme."),
) -> dict[str, Any]:
    only(request, "as_of", "from_year", "to_year", "window", "theme")
    day = as_of or _today()
    first, last = _years(day, from_year, to_year)
    years = _int("window", window, 0, rules.MAX_WINDOW)
    years = rules.DEFAULT_WINDOW if years is None else years
    if theme is not None and theme not in rules.THEMES:
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER,
            "theme",
            f"theme {theme!r} is not one of {', '.join(rules.THEMES)}.",
        )
    matches = selectors.needs(day, first, last, years)
    if theme is not None:
        matches = [m for m in matches if m.need.theme == theme]
    names, _parties = selectors.names_and_parties(day)
    return {
        "as_of": day.isoformat(),
        "from_year": first,
        "to_year": last,
        "window": years,
        "count": len(matches),
        "unmatched": sum(1 for m in matches if not m.matched),
        "needs": [
            {
                "state": m.need.state,
                "name": names.get(m.need.state, m.need.state),
                "theme": m.need.theme,
                "year": m.need.year,
                "year_to": m.need.year_to,
                "matched": m.matched,
                "matchable": m.matchable,
                "window": list(m.window),
                "origins": list(m.need.origins),
                "sources": list(m.need.citations),
                "supporters": [
                    {
                        "state": s.state,
                        "name": names.get(s.state, s.state),
                        "last_year": s.last_year,
                        "times": s.times,
                        "directions": list(s.directions),
                        "to_requester": s.to_requester,
                        "sources": list(s.citations),
                    }
                    for s in m.supporters
                ],
            }
            for m in matches
        ],
    }


def _fz(value: Any) -> str | None:
    return None if value is None else value.iso()


@router.get(
    "/cooperation/coalitions",
    response={200: CoalitionList, **RESPONSES},
    operation_id="cooperationCoalitions",
    summary="Country Coalitions with their partners and meetings",
    description=(
        "The Country Coalitions (CCM/CONF/2020/13 paras 52, 55, 82) launched by `as_of` "
        "(or possibly so), their status on that day, partner States with roles and the "
        "meetings held by then, each with its sources."
    ),
)
def cooperation_coalitions(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    day = as_of or _today()
    rows = selectors.coalitions(day)
    return {
        "as_of": day.isoformat(),
        "count": len(rows),
        "coalitions": [
            {
                "state": c.state.iso3,
                "name": c.state.name,
                "theme": c.theme,
                "launched": _fz(c.launched),
                "status": selectors.coalition_status(c, day),
                "status_as_of": _fz(c.status_as_of),
                "concluded": _fz(c.concluded),
                "description": c.description,
                "note": c.note,
                "sources": [c.citation],
                "partners": [
                    {
                        "state": m.state.iso3,
                        "name": m.state.name,
                        "role": m.role,
                        "sources": [m.citation],
                    }
                    for m in c.members.all()
                ],
                "meetings": [
                    {
                        "date": m.date.iso(),
                        "place": m.place,
                        "description": m.description,
                        "sources": [m.citation],
                    }
                    for m in selectors.meetings_by(c, day)
                ],
            }
            for c in rows
        ],
    }
