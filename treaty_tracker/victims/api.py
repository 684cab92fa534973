"""The victims endpoints of API v1 (added to the API in ``api.endpoints``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router

from treaty_tracker.rules import serialize
from treaty_tracker.rules.victims import DatedFact, StatusFigure, YearCasualties, casualties_by_year
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.api_params import AS_OF, AsOf, known_state, only
from treaty_tracker.themes.api_schemas import Error
from treaty_tracker.victims import schemas, selectors

router = Router(tags=["victims"])
ISO3 = Path(..., description="ISO 3166-1 alpha-3 code, e.g. LAO (any case).", examples=["LAO"])


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


def fact(f: DatedFact) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "value": f.value,
        "since": serialize.fuzzy(f.since),
        "detail": f.detail,
        "sources": list(f.sources),
    }


def figure(f: StatusFigure) -> dict[str, Any]:
    return {
        "key": f.key,
        "label": f.label,
        "basis": f.basis,
        "value": f.value,
        "states": list(f.states),
        "not_known": list(f.uncertain),
        "sourced_figure": {
            "value": int(f.figure.value),
            "as_of": serialize.fuzzy(f.figure.as_of),
            "label": f.figure.label,
            "sources": list(f.figure.sources),
        }
        if f.figure
        else None,
        "list_sources": list(f.listed.sources) if f.listed else [],
    }


def year(y: YearCasualties) -> dict[str, Any]:
    return {
        "year": y.year,
        "killed": y.killed,
        "injured": y.injured,
        "outcome_not_known": y.outcome_not_known,
        "total": y.total,
        "parts": {k: v for b in y.breakdowns.values() for k, v in b.parts.items()},
        "not_disaggregated": {d: b.not_disaggregated for d, b in y.breakdowns.items()},
        "states": list(y.states),
        "totals_not_known": list(y.totals_not_known),
        "sources": list(y.sources),
    }


@router.get(
    "/victim-assistance",
    response={200: schemas.VictimAssistance, 400: Error},
    operation_id="victimAssistanceStatus",
    summary="Article 5: States with victim assistance obligations, status and casualties",
    description=(
        "The States Parties with Article 5 obligations on `as_of` (from the record of "
        "obligations) with their latest focal point, plan, CRPD status, data collection "
        "and survivors' involvement; the status figures of CCM/CONF/2020/13 paras 66-71, "
        "each counted from the per-State facts where loaded, otherwise from the sourced "
        "list, with the figure the source states beside it; and casualties per calendar "
        "year (staff entry and Form H of published reports submitted by `as_of`)."
    ),
)
def victim_assistance_status(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    view = selectors.overview(as_of or _today())
    return {
        "as_of": view.as_of.isoformat(),
        "states": [
            {
                "iso3": r.iso3,
                "name": r.name,
                "facts": [fact(f) for _k, f in sorted(r.facts.items())],
                "sources": list(r.sources),
            }
            for r in view.states
        ],
        "figures": [figure(f) for f in view.figures],
        "casualties": [year(y) for y in view.years],
    }


@router.get(
    "/victim-assistance/{iso3}",
    response={200: schemas.VictimAssistanceProfile, 400: Error, 404: Error},
    operation_id="victimAssistanceState",
    summary="Article 5: one State's victim assistance facts and casualties",
    description=(
        "Whether the State has Article 5 obligations on `as_of`, every victim assistance "
        "fact on the record about it (its history, oldest first), and its casualties per "
        "calendar year (staff entry and Form H of published reports submitted by `as_of`)."
    ),
)
def victim_assistance_state(
    request: HttpRequest, iso3: str = ISO3, as_of: AsOf | None = AS_OF
) -> dict[str, Any]:
    only(request, "as_of")
    everything = register()
    code = known_state(everything, iso3)
    day = as_of or _today()
    result = everything.state(code, day)
    return {
        "as_of": day.isoformat(),
        "iso3": code,
        "name": result.name,
        "obligation": result.victim_assistance,
        "facts": [fact(f) for f in selectors.state_facts(code)],
        "casualties": [
            year(y) for y in casualties_by_year(selectors.casualty_records(day), [code])
        ],
    }
