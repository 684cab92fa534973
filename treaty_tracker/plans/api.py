"""The plans endpoints of API v1 (added to the API in ``api.endpoints``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from treaty_tracker.plans import schemas, selectors
from treaty_tracker.themes.api_errors import ApiError, ErrorCode
from treaty_tracker.themes.api_params import AS_OF, AsOf, only
from treaty_tracker.themes.api_schemas import Error

router = Router(tags=["plans"])
PLANS = ("DAP", "LAP")
PLAN = Query(
    None,
    description="Only this action plan: `DAP` (Dubrovnik) or `LAP` (Lausanne); default: both.",
    examples=["DAP"],
)


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


@router.get(
    "/indicators",
    response={200: schemas.Indicators, 400: Error},
    operation_id="plansIndicators",
    summary="Action-plan indicators computed from the record",
    description=(
        "Every action of the Dubrovnik (DAP) and Lausanne (LAP) Action Plans with its "
        "indicators on `as_of`: value computed from the record, the States and sources "
        "behind it, baseline and target as the sources state them, status (met, not met, "
        "not known) and the value at the end of each year of the plan's period. An action "
        "without an indicator says so; a value the record cannot compute is `null` with a note."
    ),
)
def plans_indicators(
    request: HttpRequest, plan: str | None = PLAN, as_of: AsOf | None = AS_OF
) -> dict[str, Any]:
    only(request, "plan", "as_of")
    codes = PLANS
    if plan is not None:
        code = plan.strip().upper()
        if code not in PLANS:
            message = f"plan must be one of {', '.join(PLANS)} (got {plan!r})."
            raise ApiError(ErrorCode.INVALID_PARAMETER, message, {"plan": [message]})
        codes = (code,)
    day = as_of or _today()
    # Computed once per record version, plan and date, for every worker (states.caching).
    return {"as_of": day.isoformat(), "plans": selectors.serialized(codes, day)}
