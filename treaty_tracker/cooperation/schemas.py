"""Response schemas of the cooperation endpoints (``/api/v1/cooperation...``)."""

from __future__ import annotations

from pydantic import Field

from treaty_tracker.rules import assistance as rules
from treaty_tracker.themes.api_schemas import FUZZY_DATE, Iso3, Out, Sources

THEMES = ", ".join(f"`{t}`" for t in rules.THEMES)
DIRECTIONS = ", ".join(f"`{d}`" for d in rules.DIRECTIONS)


class CooperationFact(Out):
    """One fact of assistance, from the record or from a published report's Form I."""

    state: Iso3
    name: str
    year: int = Field(description="The calendar year, or the first year of a period.")
    year_to: int | None = Field(description="The last year of a period; `null` for one year.")
    direction: str = Field(description=f"One of {DIRECTIONS}.")
    theme: str = Field(description=f"One of {THEMES}.")
    kind: str = Field(description="`financial`, `technical`, `in_kind` or `not_known`.")
    counterpart: str = Field(
        description="ISO3 of the counterpart State; empty if none or not known."
    )
    counterpart_name: str = Field(description="An organisation named as counterpart.")
    amount: str | None = Field(
        description="As the source states it (decimal text); `null`: not known."
    )
    currency: str = Field(description="ISO 4217 code of the amount; empty without an amount.")
    description: str
    origin: str = Field(description="`record` (reference data, staff entry) or `report` (Form I).")
    sources: str = Field(description="Citations, separated by `; `.")


class CellOut(Out):
    states: list[Iso3] = Field(description="States with at least one such fact, sorted.")
    amounts: dict[str, str] = Field(
        description="Per ISO 4217 currency, the sum of the amounts stated (never converted)."
    )
    facts: int
    unpriced: int = Field(description="Facts with no amount: a sum is not the whole.")


class ThemeCell(CellOut):
    theme: str
    direction: str


class Period(Out):
    period: str = Field(description="`2019`, or `2016-2020` for facts stated over a period.")
    first: int
    last: int
    totals: dict[str, CellOut] = Field(description="Per direction, every theme.")
    cells: list[ThemeCell]


class ReportCounts(Out):
    """Para 78's figures computed from the published reports (States Parties on `as_of`)."""

    year: int
    reports: int
    requesting: int
    providing: int
    receiving: int
    states: dict[str, list[Iso3]]


class ReviewFigure(Out):
    year: int
    what: str = Field(description="`requesting`, `providing` or `receiving`.")
    value: int
    sources: Sources


class CooperationStateRow(Out):
    state: Iso3
    name: str
    party: bool = Field(description="A State Party on `as_of`.")
    themes: dict[str, list[str]] = Field(description="Per direction, the themes.")
    facts: dict[str, int] = Field(description="Per direction, how many facts.")
    first: int
    last: int
    origins: list[str]
    sources: Sources


class CooperationOverview(Out):
    as_of: str
    from_year: int
    to_year: int
    years: list[Period]
    report_figures: list[ReportCounts]
    review_figures: list[ReviewFigure]
    states: list[CooperationStateRow]
    count: int
    records: list[CooperationFact]


class SupporterOut(Out):
    state: Iso3
    name: str
    last_year: int = Field(description="The most recent year of support within the window.")
    times: int = Field(description="How many facts show that support.")
    directions: list[str] = Field(description="`provided` and/or `offered`.")
    to_requester: bool = Field(description="Some of it went to the requesting State.")
    sources: Sources


class NeedOut(Out):
    state: Iso3
    name: str
    theme: str
    year: int
    year_to: int | None
    matched: bool
    matchable: bool = Field(description="False when the request's theme is not known.")
    window: list[int] = Field(description="The years searched for support, first and last.")
    origins: list[str]
    sources: Sources
    supporters: list[SupporterOut] = Field(
        description="Ranked: most recent support first, then most often, then ISO3."
    )


class NeedList(Out):
    as_of: str
    from_year: int
    to_year: int
    window: int
    count: int
    unmatched: int
    needs: list[NeedOut]


class PartnerOut(Out):
    state: Iso3
    name: str
    role: str = Field(description="`lead`, `donor`, `member` or `not_known`.")
    sources: Sources


class MeetingOut(Out):
    date: str = Field(description=FUZZY_DATE)
    place: str
    description: str
    sources: Sources


class CoalitionOut(Out):
    state: Iso3
    name: str
    theme: str
    launched: str | None = Field(description=FUZZY_DATE + " `null`: not recorded.")
    status: str = Field(description="On `as_of`: `active`, `concluded` or `not_known`.")
    status_as_of: str | None = Field(description="When the source states the status.")
    concluded: str | None
    description: str
    note: str
    sources: Sources
    partners: list[PartnerOut]
    meetings: list[MeetingOut]


class CoalitionList(Out):
    as_of: str
    count: int
    coalitions: list[CoalitionOut]
