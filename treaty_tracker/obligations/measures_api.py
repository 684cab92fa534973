"""The Article 9 endpoint of API v1 (national implementation measures); its ``router`` is
added to the obligations router at the end of ``obligations.api``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router
from pydantic import Field

from treaty_tracker.obligations import measures_selectors
from treaty_tracker.rules import serialize
from treaty_tracker.rules.measures import Snapshot
from treaty_tracker.themes.api_params import AS_OF, AsOf, only
from treaty_tracker.themes.api_schemas import (
    FUZZY_DATE,
    ISO_DAY,
    NULLABLE_DATE,
    Error,
    Iso3,
    Out,
    Sources,
)

router = Router(tags=["national measures"])


class Measure(Out):
    category: str = Field(
        description=(
            "investment_prohibition, specific_law, existing_law_sufficient or "
            "legislation_in_progress (CCM/CONF/2020/13 paras 106-107)."
        )
    )
    kind: str = Field(description="legal, administrative, other or not_known.")
    title: str
    adopted: str | None = Field(description=NULLABLE_DATE)
    url: str
    sources: Sources


class MeasureSnapshot(Out):
    as_of: str = Field(description="The date the source classifies the State at. " + FUZZY_DATE)
    categories: list[str]
    measures: list[Measure]
    sources: Sources


class StateMeasures(Out):
    iso3: Iso3
    name: str
    latest: MeasureSnapshot = Field(description="The State's categories on `as_of`.")
    history: list[MeasureSnapshot] = Field(description="Every date recorded, oldest first.")


class StatedCount(Out):
    value: int
    as_of: str = Field(description=FUZZY_DATE)
    label: str
    sources: Sources


class CategoryCount(Out):
    category: str
    count: int = Field(description="States whose latest categories on `as_of` include it.")
    states: list[Iso3]
    carried: list[Iso3] = Field(
        description=(
            "Of `states`, those whose latest source is older than the most recent one "
            "(they keep an earlier classification)."
        )
    )
    stated: StatedCount | None = Field(
        description="The figure the source states for the date (may differ from `count`)."
    )


class NationalMeasures(Out):
    as_of: str = Field(description=ISO_DAY)
    counts: list[CategoryCount]
    states: list[StateMeasures]


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


def _snapshot(snap: Snapshot) -> dict[str, Any]:
    return {
        "as_of": serialize.fuzzy(snap.as_of),
        "categories": list(snap.categories),
        "measures": [
            {
                "category": r.category,
                "kind": r.kind,
                "title": r.title,
                "adopted": serialize.fuzzy(r.adopted) if r.adopted else None,
                "url": r.url,
                "sources": list(r.sources),
            }
            for r in snap.records
        ],
        "sources": list(snap.sources),
    }


@router.get(
    "/national-measures",
    response={200: NationalMeasures, 400: Error},
    operation_id="nationalMeasuresList",
    summary="Article 9: national implementation measures per category and per State",
    description=(
        "Per category (CCM/CONF/2020/13 paras 106-107), the States in it on `as_of`, "
        "counted from each State's most recent classification on or before that date, "
        "beside the figure the source states; and per State its latest categories and "
        "their history, each with its sources."
    ),
)
def national_measures_list(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    view = measures_selectors.overview(as_of or _today())
    return {
        "as_of": view.as_of.isoformat(),
        "counts": [
            {
                "category": c.category,
                "count": c.count,
                "states": list(c.states),
                "carried": list(c.carried),
                "stated": {
                    "value": int(c.stated.value),
                    "as_of": serialize.fuzzy(c.stated.as_of),
                    "label": c.stated.label,
                    "sources": list(c.stated.sources),
                }
                if c.stated
                else None,
            }
            for c in view.counts
        ],
        "states": [
            {
                "iso3": iso3,
                "name": view.names.get(iso3, iso3),
                "latest": _snapshot(snap),
                "history": [_snapshot(h) for h in view.histories[iso3]],
            }
            for iso3, snap in sorted(view.latest.items())
        ],
    }
