"""Query parameter types: validated by pydantic (so the OpenAPI document describes them),
failing with the API's error codes and sentences (``PydanticCustomError`` types are
:class:`~treaty_tracker.themes.api_errors.ErrorCode` values)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query
from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from treaty_tracker.rules import EARLIEST_AS_OF, AsOfError, Register, parse_as_of
from treaty_tracker.themes.api_errors import ApiError, ErrorCode


def _as_of(value: Any) -> Any:
    """The CLI's ``--as-of`` rule (``rules.parse_as_of``), with the API's error code."""
    if isinstance(value, date):
        value = value.isoformat()
    try:
        return parse_as_of(str(value))
    except AsOfError as error:
        raise PydanticCustomError(
            ErrorCode.INVALID_AS_OF.value, "as_of {reason}", {"reason": str(error)}
        ) from None


def _within(value: Any) -> Any:
    text = str(value).strip()
    if not text.isdigit():
        raise PydanticCustomError(
            ErrorCode.INVALID_PARAMETER.value,
            "within must be a whole number of days, zero or more (got '{value}')",
            {"value": str(value)},
        )
    return int(text)


AsOf = Annotated[date, BeforeValidator(_as_of)]
# The constraint first: it documents (`minimum: 0`); `_within` runs before it, with its sentence.
Within = Annotated[int, Field(ge=0), BeforeValidator(_within)]

AS_OF = Query(
    None,
    description=(
        "Compute the record as it stood on this day (`YYYY-MM-DD`, on or after "
        f"{EARLIEST_AS_OF.isoformat()}); default: today."
    ),
    examples=["2020-09-28"],
)
STATUS = Query(None, description="Only States with this status.")
REGION = Query(None, description="Only States of this region (any case).", examples=["Africa"])
OBLIGATION = Query(
    None,
    description=(
        "Only States with an obligation under this article: 3 (stockpiles), 4 (clearance) "
        "or 5 (victim assistance)."
    ),
    examples=["4"],
)
WITHIN = Query(
    None,
    description=(
        "Only deadlines falling within this many days of `as_of` (overdue ones included); "
        "default: no limit."
    ),
    examples=[90],
)


def only(request: HttpRequest, *names: str) -> None:
    """Refuse query parameters the endpoint does not take: a mistyped ``asof`` would
    otherwise silently give today's record."""
    unknown = sorted(set(request.GET) - set(names))
    if unknown:
        takes = ", ".join(names) if names else "no parameters"
        raise ApiError(
            ErrorCode.INVALID_PARAMETER,
            f"Unknown query parameter {', '.join(unknown)}; this endpoint takes {takes}.",
            {
                name: [f"{name} is not a parameter of this endpoint (it takes {takes})."]
                for name in unknown
            },
        )


def known_state(everything: Register, iso3: str) -> str:
    """The upper-case code of a State in the record (``iso3`` in any case), or a 404 in
    the API's error shape."""
    code = iso3.upper()
    if code not in everything:
        raise ApiError(
            ErrorCode.NOT_FOUND,
            f"No State {iso3!r} in the record (use an ISO 3166-1 alpha-3 code, e.g. ISL).",
        )
    return code
