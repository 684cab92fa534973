"""The stockpiles endpoints of API v1 (added to the API in ``api.endpoints``): the figures
of paras 28-31 with each State's progress, and one State's Article 3 facts with sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Path, Router

from treaty_tracker.rules import serialize
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.states.selectors import register, treaty
from treaty_tracker.stockpiles import selectors, tables
from treaty_tracker.stockpiles.schemas import StateStockpiles, StockpilesOverview
from treaty_tracker.themes.api_params import AS_OF, AsOf, known_state, only
from treaty_tracker.themes.api_schemas import Error

router = Router(tags=["stockpiles"])
# The reported table's columns, less those the State endpoint gives once (iso3, name) or
# under another name (sources).
REPORTED_KEYS = tuple(c for c in tables.REPORTED_COLUMNS if c not in ("iso3", "name", "sources"))
ISO3 = Path(..., description="ISO 3166-1 alpha-3 code, e.g. PER (any case).", examples=["PER"])


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


def _quantity(amount: rules.Amount | None) -> dict[str, Any] | None:
    return None if amount is None else {"value": amount.value, "exactness": amount.qualifier.value}


def _progress(progress: rules.StateProgress) -> list[dict[str, Any]]:
    return [
        {
            "category": c.category.value,
            "declared": _quantity(c.declared),
            "destroyed": _quantity(c.destroyed),
            "remaining": _quantity(c.remaining),
            "share_destroyed": None if c.share_destroyed is None else round(c.share_destroyed, 4),
        }
        for c in progress.categories
    ]


def _figures(overview: selectors.Overview) -> list[dict[str, Any]]:
    rows = []
    for row, flat in zip(tables.figure_rows(overview), tables.figure_table(overview), strict=True):
        sourced = row.sourced
        rows.append(
            {
                "measure": flat["measure"],
                "label": flat["label"],
                "computed": flat["computed"],
                "computed_exactness": flat["computed_exactness"],
                "computed_states": [s.iso3 for s in row.states],
                "sourced": None
                if sourced is None
                else {
                    "value": float(sourced.value),
                    "label": sourced.label,
                    "as_of": serialize.fuzzy(sourced.as_of),
                    "source": sourced.citation,
                },
            }
        )
    return rows


@router.get(
    "/stockpiles",
    response={200: StockpilesOverview, 400: Error},
    operation_id="stockpilesOverview",
    summary="Article 3: figures, obligations and each State's progress",
    description=(
        "The figures of CCM/CONF/2020/13 paras 28-31 computed from the record for `as_of` "
        "(with the States behind each) beside the totals sources state (not computed); "
        "every Article 3 obligation with its deadlines and extensions from the rules "
        "engine; and each State's declared, destroyed and remaining stockpile by category. "
        "A quantity is `null` when not known, and says how exact the source is."
    ),
)
def stockpiles_overview(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    view = selectors.overview(as_of or _today())
    return {
        "as_of": view.as_of.isoformat(),
        "figures": _figures(view),
        "obligations": [
            serialize.obligation(o)
            for o in sorted(view.obligations, key=lambda o: view.name(o.state))
        ],
        "states": [
            {
                "iso3": iso3,
                "name": view.name(iso3),
                "categories": _progress(view.progress[iso3]),
                "discovered": view.progress[iso3].discovered,
            }
            for iso3 in sorted(view.progress, key=view.name)
        ],
    }


@router.get(
    "/stockpiles/{iso3}",
    response={200: StateStockpiles, 400: Error, 404: Error},
    operation_id="stockpilesState",
    summary="One State's Article 3 facts, with their sources",
    description=(
        "Declared stockpiles, destruction (per year, or a programme total), retention under "
        "Art. 3(6) year by year with its changes, declarations of compliance, each with its "
        "source; apart from them, the figures of its published Article 7 reports (Forms B "
        "and D, `reported`); and the State's progress (computed from both, a figure entered "
        "by the ISU winning over a reported one for the same year and category) and Art. 3 "
        "obligation on `as_of`. The code is case-insensitive; a State with no Article 3 "
        "facts answers with empty lists."
    ),
)
def stockpiles_state(
    request: HttpRequest, iso3: str = ISO3, as_of: AsOf | None = AS_OF
) -> dict[str, Any]:
    only(request, "as_of")
    day = as_of or _today()
    everything = register()
    code = known_state(everything, iso3)
    state = everything.state(code, day)
    obligation = state.obligation(treaty().stockpile.article)
    facts = selectors.facts(code, day)
    retained = {r.year: r for r in facts.retentions.get(code, [])}
    history = rules.retention_history([r.as_rule() for r in retained.values()], day)
    return {
        "as_of": day.isoformat(),
        "iso3": code,
        "name": state.name,
        "obligation": None if obligation is None else serialize.obligation(obligation),
        "progress": _progress(facts.progress(code, day)),
        "declarations": [
            {
                "category": d.category,
                "origin": d.origin,
                "type": d.munition_type,
                "quantity": _quantity(d.as_rule().amount),
                "as_of": serialize.fuzzy(d.as_of),
                "source": d.citation,
                "note": d.note,
            }
            for d in facts.declarations.get(code, [])
            if selectors.dated(d.as_of, day)
        ],
        "destruction": [
            {
                "category": d.category,
                "year": d.year,
                "through": serialize.fuzzy(d.through),
                "quantity": _quantity(d.as_rule().amount),
                "method": d.method,
                "site": d.site,
                "source": d.citation,
                "note": d.note,
            }
            for d in facts.destructions.get(code, [])
            if rules.counts_on(d.as_rule(), day)
        ],
        "retention": [
            {
                "year": item.row.year,
                "munitions": item.row.munitions,
                "munitions_change": item.munitions_change,
                "submunitions": item.row.submunitions,
                "submunitions_change": item.submunitions_change,
                "exactness": item.row.qualifier.value,
                "munitions_consumed": item.row.munitions_consumed,
                "submunitions_consumed": item.row.submunitions_consumed,
                "retains": item.row.retains,
                "planned_use": item.row.planned_use,
                "actual_use": item.row.actual_use,
                "source": retained[item.row.year].citation,
                "note": retained[item.row.year].note,
            }
            for item in history
        ],
        "compliance": [
            {
                "declared": serialize.fuzzy(c.declared),
                "uses_template": c.uses_template,
                "url": c.url,
                "source": c.citation,
            }
            for c in facts.compliance.get(code, [])
            if selectors.dated(c.declared, day)
        ],
        "reported": [
            {key: row[key] for key in REPORTED_KEYS} | {"sources": row["citations"]}
            for row in tables.reported_rows(
                code, state.name, facts.reported.get(code, []), facts.merged(code)
            )
        ],
    }
