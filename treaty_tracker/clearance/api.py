"""The clearance endpoints of API v1 (added to the API in ``api.endpoints``): Article 4 on
a date, for all States and for one, over the same selectors as the page."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router

from treaty_tracker.clearance import reports, selectors
from treaty_tracker.clearance.schemas import ClearanceOverview, StateClearance
from treaty_tracker.rules import ObligationResult, serialize
from treaty_tracker.rules import clearance as rules
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.api_params import AS_OF, AsOf, known_state, only
from treaty_tracker.themes.api_schemas import Error

router = Router(tags=["clearance"])
ISO3 = Path(..., description="ISO 3166-1 alpha-3 code, e.g. LAO (any case).", examples=["LAO"])


def _today() -> date:
    return date.today()


def _fz(value: Any) -> str | None:
    return None if value is None else value.iso()


def _obligation(o: ObligationResult) -> dict[str, Any]:
    return {
        "status": o.status,
        "original_deadline": o.original_deadline.iso(),
        "current_deadline": o.current_deadline.iso(),
        "completed": serialize.fuzzy(o.completed),
        "extensions": [
            {
                "meeting": e.meeting,
                "months_requested": e.months_requested,
                "decision": e.decision,
                "months_granted": e.months_granted,
                "decided": e.decided.iso(),
                "applied": e.applied,
            }
            for e in o.extensions
        ],
        "pending_request": o.pending_request,
        "sources": list(o.sources),
    }


def _remaining(r: rules.Remaining | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {
        "area_m2": r.area_m2,
        "bound": r.bound.value,
        "as_of": r.as_of.iso() if r.dated else None,
        "basis": r.basis,
        "areas_unsized": r.areas_unsized,
        "sources": list(r.sources),
    }


def _year(y: rules.YearRelease) -> dict[str, Any]:
    return {
        "year": y.year,
        "by_method": {m.value: y.by_method[m] for m in rules.Method},
        "total_m2": y.total_m2,
        "submunitions_destroyed": y.submunitions,
        "states": list(y.states),
        "sources": list(y.sources),
    }


def _beneficiaries(b: rules.Beneficiaries) -> dict[str, Any]:
    return {
        **{p: getattr(b, p) for p in rules.BENEFICIARY_PARTS},
        "total": b.total,
        "reached": b.reached,
    }


def _education(e: rules.Education) -> dict[str, Any]:
    return {
        "state": e.state,
        "year": e.year,
        "delivery": e.delivery,
        **_beneficiaries(e.beneficiaries),
        "sources": list(e.sources),
    }


def _number(value: Any) -> Any:
    return None if value is None else float(value)


def _reported(r: reports.ReportedYear) -> dict[str, Any]:
    return {
        "state": r.state,
        "year": r.year,
        "areas": r.areas,
        "areas_new": r.areas_new,
        "area_m2": _number(r.area_m2),
        "released": {m.value: int(r.released[m]) for m in rules.Method},
        "submunitions_destroyed": r.submunitions,
        "beneficiaries": _beneficiaries(r.education) if r.education else None,
        "sources": [r.citation_f, r.citation_g],
    }


@router.get(
    "/clearance",
    response={200: ClearanceOverview, 400: Error},
    operation_id="clearanceOverview",
    summary="Article 4 on a date: obligations, land release, remaining contamination",
    description=(
        "States Parties with Article 4 obligations (deadlines, extensions, completion, from "
        "the register), para 38's account since the First Review Conference, land released "
        "per year (m², by method), remaining contamination (latest estimate, with its date "
        "and whether it is a lower bound), risk reduction education totals by sex and age, "
        "the sourced totals (para 53) and the figures of published Article 7 reports "
        "(Forms F and G)."
    ),
)
def clearance_overview(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    o = selectors.overview(as_of or _today())
    released = {iso: sum(y.total_m2 for y in years) for iso, years in o.by_state.items()}
    totals = o.education_totals
    m = o.movement
    return {
        "as_of": o.as_of.isoformat(),
        "movement": {
            "start": m.start.isoformat(),
            "end": m.end.isoformat(),
            **{
                name: list(getattr(m, name))
                for name in (
                    "at_start",
                    "completed",
                    "new",
                    "rediscovered",
                    "at_end",
                    "not_known_at_start",
                )
            },
        }
        if m
        else None,
        "states": [
            {
                "state": ob.state,
                "name": o.names.get(ob.state, ob.state),
                "obligation": _obligation(ob),
                "remaining": _remaining(o.remaining.get(ob.state)),
                "released_m2": released.get(ob.state),
            }
            for ob in o.obligations
        ],
        "release_by_year": [_year(y) for y in o.by_year],
        "remaining": [_remaining(r) for r in o.remaining.values()],
        "education": {
            "parts": dict(totals.parts),
            "rows_with": dict(totals.rows_with),
            "reached": totals.reached,
            "states": list(totals.states),
            "sources": list(totals.sources),
        },
        "figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": float(f.value),
                "unit": f.unit,
                "as_of": f.as_of.iso(),
                "sources": [f.citation],
            }
            for f in o.figures
        ],
        "reported": [_reported(r) for r in o.reported.rows],
    }


@router.get(
    "/clearance/{iso3}",
    response={200: StateClearance, 400: Error, 404: Error},
    operation_id="clearanceState",
    summary="One State's Article 4 record on a date",
    description=(
        "The State's Article 4 obligation (deadlines, extensions, completion), contaminated "
        "areas, land released per year by method, surveys, national plans with milestones, "
        "risk reduction education by sex and age, and its published Forms F and G, each "
        "with its sources. The code is case-insensitive."
    ),
)
def clearance_state(
    request: HttpRequest, iso3: str = ISO3, as_of: AsOf | None = AS_OF
) -> dict[str, Any]:
    only(request, "as_of")
    everything = register()
    code = known_state(everything, iso3)
    c = selectors.state_overview(code, as_of or _today())
    f = c.facts
    return {
        "state": code,
        "name": everything.state(code, c.as_of).name,
        "as_of": c.as_of.isoformat(),
        "obligation": _obligation(c.obligation) if c.obligation else None,
        "remaining": _remaining(c.remaining),
        "areas": [
            {
                "name": a.name,
                "location": a.location,
                "size_m2": a.size_m2,
                "remnant_types": a.remnant_types,
                "used": _fz(a.used),
                "status": a.status,
                "discovered": _fz(a.discovered),
                "previous_completion": _fz(a.previous_completion),
                "released": _fz(a.released),
                "geometry": json.loads(a.geometry) if a.geometry else None,
                "sources": [a.citation],
            }
            for a in f.areas
        ],
        "release_by_year": [_year(y) for y in c.by_year],
        "surveys": [
            {
                "kind": s.kind,
                "carried_out": s.carried_out.iso(),
                "area_m2": s.area_m2,
                "sources": [s.citation],
            }
            for s in f.surveys
        ],
        "plans": [
            {
                "kind": p.kind,
                "title": p.title,
                "period_start": _fz(p.period_start),
                "period_end": _fz(p.period_end),
                "adopted": _fz(p.adopted),
                "link": p.link,
                "milestones": [
                    {
                        "description": m.description,
                        "due": m.due.iso(),
                        "achieved": _fz(m.achieved),
                        "sources": [m.citation],
                    }
                    for m in p.milestone_list
                ],
                "sources": [p.citation],
            }
            for p in f.plans
        ],
        "education": [_education(e) for e in c.education],
        "reported": [_reported(r) for r in c.reported.rows],
    }
