"""The support endpoints of API v1 (added to the API in ``api.endpoints``). Public parts
only: assessed contributions per State are for ISU staff (on the page), the API gives the
totals per meeting."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router

from treaty_tracker.rules import serialize
from treaty_tracker.rules.support import Dated, Sum
from treaty_tracker.support import schemas, selectors
from treaty_tracker.themes.api_params import AS_OF, AsOf, only
from treaty_tracker.themes.api_schemas import Error

router = Router(tags=["support"])


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def total(s: Sum) -> dict[str, Any]:
    return {
        "amount": _num(s.amount),
        "currency": s.currency,
        "complete": s.complete,
        "not_known": s.unknown,
        "other_currencies": {k: str(v) for k, v in sorted(s.other.items())},
    }


def dated(d: Dated | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "amount": _num(d.amount),
        "currency": d.currency,
        "on": d.on.iso(),
        "sources": list(d.sources),
    }


def overview(view: selectors.Overview) -> dict[str, Any]:
    return {
        "as_of": view.as_of.isoformat(),
        "budgets": [
            {
                "year": y.year,
                "budget": _num(y.budget),
                "currency": y.currency,
                "contributions": total(y.contributions),
                "regular": total(y.regular),
                "earmarked": total(y.earmarked),
                "contributors": list(y.contributors),
                "difference": _num(y.difference),
                "covered": y.covered,
                "sources": list(y.sources),
            }
            for y in view.budgets
        ],
        "reserve": {
            "target": dated(view.reserve.target),
            "balance": dated(view.reserve.balance),
            "shortfall": _num(view.reserve.shortfall),
            "met": view.reserve.met,
        },
        "meetings": [
            {
                "code": m.code,
                "name": m.name,
                "opens": m.opens.iso(),
                "closes": m.closes.iso(),
                "place": m.place,
                "presidency": m.president or None,
                "documents": [
                    {
                        "kind": d.kind,
                        "symbol": d.symbol,
                        "title": d.title,
                        "date": d.date.iso(),
                        "url": d.url,
                        "sources": [d.citation],
                    }
                    for d in m.documents
                ],
                "sources": [m.citation],
            }
            for m in view.meetings
        ],
        "arrears": [
            {
                "meeting": a.meeting,
                "assessed": total(a.assessed),
                "paid": total(a.paid),
                "outstanding": total(a.outstanding),
                "states": a.states,
                "states_in_arrears": a.states_in_arrears,
                "states_not_known": a.not_known,
            }
            for a in view.meeting_arrears
        ],
        "sponsorship": [
            {
                "meeting": s.meeting,
                "donors": list(s.donors),
                "amount": total(s.amount),
                "delegates": s.delegates,
                "states": list(s.states),
                "states_count": s.states_count,
                "sources": list(s.sources),
            }
            for s in view.sponsorship
        ],
        "sourced_figures": [
            {
                "key": f.key,
                "label": f.label,
                "value": str(f.value.normalize()),
                "unit": f.unit,
                "as_of": f.as_of.iso(),
                "sources": [f.citation],
            }
            for f in view.figures
        ],
        "committee": [
            {
                "state": s.state,
                "role": s.role,
                "theme": s.theme,
                "starts": s.starts.iso(),
                "ends": serialize.fuzzy(s.ends),
                "sources": [s.citation],
            }
            for s in view.seats
        ],
        "actors": [{"name": a.name, "role": a.role, "sources": [a.citation]} for a in view.actors],
    }


@router.get(
    "/support",
    response={200: schemas.Support, 400: Error},
    operation_id="supportOverview",
    summary="Implementation support: ISU budget, reserve, meetings, arrears, sponsorship",
    description=(
        "The implementation support record on `as_of` (CCM/CONF/2020/13 section IX): the "
        "ISU's budget per year against the contributions received under the financial "
        "procedures, the capital reserve against its target (para 119), meetings with "
        "their documents and decisions, assessed contributions for meetings as totals per "
        "meeting (Art. 14; the position of each State is for ISU staff), the sponsorship "
        "programme per meeting with the review's averages (paras 134-135), the "
        "Coordination Committee and other actors. Amounts are decimal strings; `null` is "
        '"not known", never 0.'
    ),
)
def support_overview(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    return overview(selectors.overview(as_of or _today()))
