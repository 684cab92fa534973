"""The universalization endpoints of API v1 (added to the API in ``api.endpoints``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from treaty_tracker.rules import universalization as rules
from treaty_tracker.themes.api_errors import ApiError, ErrorCode
from treaty_tracker.themes.api_params import AS_OF, AsOf, only
from treaty_tracker.themes.api_schemas import Error
from treaty_tracker.universalization import schemas, selectors

router = Router(tags=["universalization"])
SINCE = Query(
    None,
    description="Start of the period for `joined` (`YYYY-MM-DD`); default 2015-09-11.",
    examples=["2015-09-11"],
)
DEFAULT_SINCE = date(2015, 9, 11)


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


def _joiner(j: rules.Joiner) -> dict[str, Any]:
    return {
        "iso3": j.iso3,
        "name": j.name,
        "region": j.region,
        "kind": j.kind,
        "consent": j.consent.iso(),
        "sources": list(j.sources),
    }


def _year(y: rules.YearVotes) -> dict[str, Any]:
    return {
        "year": y.year,
        "basis": y.basis,
        "yes": y.yes,
        "no": y.no,
        "abstain": y.abstain,
        "absent": y.absent,
        "per_state": dict(y.per_state),
        "per_state_complete": y.per_state_complete,
        "mismatch": y.mismatch,
        "sources": list(y.sources),
    }


def _fact(r: selectors.Row) -> dict[str, Any]:
    return {
        "iso3": r.iso3,
        "name": r.name,
        "kind": r.kind,
        "when": r.when.iso(),
        "detail": r.detail,
        "url": r.url,
        "from_list": r.from_list,
        "sources": list(r.sources),
    }


@router.get(
    "/universalization",
    response={200: schemas.Universalization, 400: Error},
    operation_id="universalizationStatus",
    summary="Universalization and the norm: status, joiners, votes, participation, non-parties",
    description=(
        "On `as_of`: States Parties and signatories (computed from the depositary record), "
        "signatories by region, the States whose consent to be bound is dated between "
        "`since` and `as_of`, UNGA votes per year (computed from each State's vote where "
        "the record holds all of them, otherwise the sourced totals), participation in "
        "meetings, outreach, and the facts on States not parties: affected, producers and "
        "stockpilers, policies and moratoria, allegations of use (CCM/CONF/2020/13 "
        "section II). Every fact with its sources."
    ),
)
def universalization_status(
    request: HttpRequest, as_of: AsOf | None = AS_OF, since: AsOf | None = SINCE
) -> dict[str, Any]:
    only(request, "as_of", "since")
    day = as_of or _today()
    start = since or min(DEFAULT_SINCE, day)
    if start > day:
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER, "since", "since must be on or before as_of"
        )
    view = selectors.overview(day)
    joined = rules.joiners(view.summary, start, day)
    return {
        "as_of": day.isoformat(),
        "since": start.isoformat(),
        "counts": {
            "states_parties": view.counts.states_parties,
            "signatories": view.counts.signatories,
            "committed": view.counts.committed,
        },
        "signatories_by_region": view.signatories_by_region,
        "joined": [_joiner(j) for j in joined.states],
        "joined_uncertain": [_joiner(j) for j in joined.uncertain],
        "votes": [_year(y) for y in view.votes],
        "meetings": [
            {
                "meeting": m.meeting,
                "opens": m.opens.iso(),
                "by_role": {k: list(v) for k, v in m.by_role.items()},
                "non_parties": list(m.non_parties),
            }
            for m in view.meetings
        ],
        "participation_lists": [
            {
                "key": sl.key,
                "label": sl.label,
                "as_of": sl.as_of.iso(),
                "states": [c for c, _n in sl.states],
                "sources": list(sl.sources),
            }
            for sl in view.participation_lists
        ],
        "outreach": [
            {
                "date": o.date.iso(),
                "kind": o.kind,
                "actor": o.actor,
                "region": o.region,
                "description": o.description,
                "states": [c for c, _n in o.states],
                "sources": list(o.sources),
            }
            for o in view.outreach
        ],
        "affected": [_fact(r) for r in view.affected],
        "producers": [_fact(r) for r in view.producers],
        "policies": [_fact(r) for r in view.policies],
        "allegations": [
            {
                "period": a.period.iso(),
                "territory": a.territory[0] if a.territory else None,
                "place": a.place,
                "user_state": a.user[0] if a.user else None,
                "user_description": a.user_description,
                "status": a.status,
                "description": a.description,
                "sources": list(a.sources),
            }
            for a in view.allegations
        ],
    }


@router.get(
    "/universalization/votes",
    response={200: schemas.Votes, 400: Error},
    operation_id="universalizationVotes",
    summary="UNGA votes on the Convention's resolution, per year and per State",
    description=(
        "Per year up to the year of `as_of`: the totals (computed from each State's vote "
        "where the record holds all UN members' votes, otherwise as the source states "
        "them, with `basis` saying which), and every State's vote on the record."
    ),
)
def universalization_votes(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    day = as_of or _today()
    return {
        "as_of": day.isoformat(),
        "years": [_year(y) for y in selectors.votes(day)],
        "states": [
            {"year": v.year, "iso3": v.iso3, "vote": str(v.vote), "sources": list(v.sources)}
            for v in selectors.state_votes()
            if v.year <= day.year
        ],
    }
