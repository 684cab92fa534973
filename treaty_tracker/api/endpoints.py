"""Version 1 of the JSON API: read-only, anonymous, over the same selector and rules engine
as the CLI, returning the same shapes (:mod:`treaty_tracker.rules.serialize`).

Each endpoint parses its query, calls :func:`~treaty_tracker.states.selectors.register`
once (a fixed number of queries, whatever the number of States) and serializes the result.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Path

from treaty_tracker.api import errors
from treaty_tracker.api.errors import ApiError, ErrorCode
from treaty_tracker.api.params import (
    AS_OF,
    OBLIGATION,
    REGION,
    STATUS,
    WITHIN,
    AsOf,
    Within,
    only,
)
from treaty_tracker.api.schemas import (
    FUZZY_DATE,
    DeadlineList,
    Error,
    StateList,
    StateProfile,
    TreatySummary,
)
from treaty_tracker.rules import Status, serialize
from treaty_tracker.states.selectors import register

DESCRIPTION = f"""\
The record of the Convention on Cluster Munitions: States, treaty actions, obligations
(Articles 3, 4 and 5) with deadlines and extensions, and Article 7 reports, each fact with
its source. Every figure is computed from the record as it stood on `as_of` (default:
today), exactly as the `treaty-tracker` command line computes it: `summary`, `state` and
`deadlines` return what `treaty-tracker summary|state|deadlines --format json` print.

The API is read-only and anonymous.

## Dates

Dates in responses are text. {FUZZY_DATE} `null` means there is no such event (e.g. no
signature). `as_of` is always an exact day, `YYYY-MM-DD`.

## Errors

{errors.describe()}
"""

api = NinjaAPI(
    title="treaty-tracker API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
)
errors.install(api)

TAGS = ["record"]
ISO3 = Path(..., description="ISO 3166-1 alpha-3 code, e.g. ISL (any case).", examples=["ISL"])


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


@api.get(
    "/states",
    response={200: StateList, 400: Error},
    operation_id="listStates",
    summary="Every State in the record, with its status",
    description=(
        "All States in the record (party or not), alphabetical by name, with their status, "
        "entry into force and obligations as of `as_of`. Filters combine."
    ),
    tags=TAGS,
)
def list_states(
    request: HttpRequest,
    as_of: AsOf | None = AS_OF,
    status: Status | None = STATUS,
    region: str | None = REGION,
    obligation: str | None = OBLIGATION,
) -> dict[str, Any]:
    only(request, "as_of", "status", "region", "obligation")
    day = as_of or _today()
    everything = register()
    if region is not None:
        regions = sorted({record.region for record in everything.records})
        match = next((r for r in regions if r.casefold() == region.casefold()), None)
        if match is None:
            raise ApiError.for_field(
                ErrorCode.INVALID_PARAMETER,
                "region",
                f"region {region!r} is not a region of any State in the record "
                f"(one of: {', '.join(regions)}).",
            )
        region = match
    if obligation is not None:
        treaty = everything.treaty
        articles = (
            treaty.stockpile.article,
            treaty.clearance.article,
            treaty.victim_assistance_article,
        )
        if obligation not in articles:
            raise ApiError.for_field(
                ErrorCode.INVALID_PARAMETER,
                "obligation",
                f"obligation {obligation!r} is not an article with State obligations "
                f"(one of: {', '.join(articles)}).",
            )
    selected = everything.summary(day).select(
        statuses=None if status is None else {status}, region=region, article=obligation
    )
    states = [
        {
            "iso3": result.iso3,
            "name": result.name,
            "region": result.region,
            "status": result.status.value,
            "entry_into_force": serialize.fuzzy(result.entry_into_force),
            "in_force": result.in_force,
            "obligations": list(result.articles),
        }
        for result in selected
    ]
    return {"as_of": day.isoformat(), "count": len(states), "states": states}


@api.get(
    "/states/{iso3}",
    response={200: StateProfile, 400: Error, 404: Error},
    operation_id="getState",
    summary="One State's whole computed profile",
    description=(
        "Status, treaty actions, entry into force, reports due and submitted, obligations "
        "and deadlines with extensions, each with its sources, as of `as_of`. The code is "
        "case-insensitive (`isl` = `ISL`)."
    ),
    tags=TAGS,
)
def get_state(
    request: HttpRequest,
    iso3: str = ISO3,
    as_of: AsOf | None = AS_OF,
) -> dict[str, Any]:
    only(request, "as_of")
    day = as_of or _today()
    everything = register()
    code = iso3.upper()
    if code not in everything:
        raise ApiError(
            ErrorCode.NOT_FOUND,
            f"No State {iso3!r} in the record (use an ISO 3166-1 alpha-3 code, e.g. ISL).",
        )
    return serialize.state(everything.state(code, day))


@api.get(
    "/summary",
    response={200: TreatySummary, 400: Error},
    operation_id="getSummary",
    summary="The treaty's status on a date",
    description=(
        "States Parties, signatories, entry into force, initial reports (due / submitted / "
        "overdue / not yet due), Article 3 and 4 obligations with deadlines and extensions, "
        "and Article 5 States."
    ),
    tags=TAGS,
)
def get_summary(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    return serialize.summary(register().summary(as_of or _today()))


@api.get(
    "/deadlines",
    response={200: DeadlineList, 400: Error},
    operation_id="listDeadlines",
    summary="Dates the treaty sets from a date on",
    description=(
        "Initial and annual reports, Article 3 and 4 deadlines and withdrawals taking "
        "effect, soonest first, from `as_of` on; overdue items are included."
    ),
    tags=TAGS,
)
def list_deadlines(
    request: HttpRequest, as_of: AsOf | None = AS_OF, within: Within | None = WITHIN
) -> dict[str, Any]:
    only(request, "as_of", "within")
    day = as_of or _today()
    items = [serialize.deadline(i) for i in register().deadlines(day, within)]
    return {"as_of": day.isoformat(), "within_days": within, "deadlines": items}
