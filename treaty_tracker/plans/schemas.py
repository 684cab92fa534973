"""Response schemas of the indicators endpoint (``plans.api``)."""

from __future__ import annotations

from pydantic import Field

from treaty_tracker.themes.api_schemas import FUZZY_DATE, ISO_DAY, Iso3, Out, Sources

VALUE = (
    "The value (a count of States, or a percentage for unit `per_cent`); `null` when the "
    "record cannot compute it (`note` says why)."
)


class Dated(Out):
    value: float | None = Field(description="As the source states it; `null`: none stated.")
    date: str | None = Field(description=FUZZY_DATE + " `null`: not stated.")


class Point(Out):
    date: str = Field(description=ISO_DAY)
    value: float | None = Field(description=VALUE)
    of: int | None = Field(description="The number the value is counted over, if any.")
    states: list[Iso3]
    sources: Sources
    method: str
    note: str


class Indicator(Out):
    key: str = Field(description="Stable key `plans.<plan>.<action>.<code>`.")
    code: str
    description: str
    formula: str | None = Field(
        description="The computation (docs/indicators.md); `null`: not defined."
    )
    comparison: str = Field(
        description="How the value meets the target: at_least, at_most, all (every State "
        "it is counted over), above_baseline, none (no target in the retrieved sources)."
    )
    unit: str = Field(description="`states` or `per_cent`.")
    baseline: Dated
    target: Dated
    value: float | None = Field(description=VALUE)
    of: int | None = Field(description="The number the value is counted over, if any.")
    states: list[Iso3] = Field(description="The States behind the value.")
    sources: Sources
    method: str
    note: str = Field(description="Why the value is not known, or what to know about it.")
    status: str = Field(description="`met`, `not_met` or `not_known`.")
    trend: list[Point] = Field(
        description="The value at the end of each year of the plan's period up to `as_of`."
    )
    definition_source: str = Field(description="Where the indicator is defined.")
    definition_note: str


class Action(Out):
    number: str = Field(examples=["1.1", "12"])
    theme: str = Field(
        description="universalization, stockpiles, clearance, victim_assistance, "
        "cooperation, transparency, national_measures or support."
    )
    title: str = Field(description="The action's words as the source gives them; may be empty.")
    text: str
    text_retrieved: bool = Field(description="False: the action's text was not retrieved.")
    source: str
    indicators: list[Indicator]
    note: str = Field(description="Says so when no indicator is defined for the action.")


class Plan(Out):
    plan: str = Field(examples=["DAP"])
    name: str
    adopted_at: str | None = Field(description="The meeting's code, e.g. `1RC`.")
    period_start: str | None = Field(description=FUZZY_DATE)
    period_end: str | None = Field(description=FUZZY_DATE)
    as_of: str = Field(description=ISO_DAY)
    source: str
    note: str
    actions: list[Action]


class Indicators(Out):
    as_of: str = Field(description=ISO_DAY)
    plans: list[Plan]
