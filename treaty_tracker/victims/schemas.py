"""Response schemas of the Article 5 endpoints (``victims.api``)."""

from __future__ import annotations

from pydantic import Field

from treaty_tracker.themes.api_schemas import FUZZY_DATE, ISO_DAY, Iso3, Out, Sources


class VictimAssistanceFact(Out):
    """One dated fact about a State's victim assistance."""

    kind: str = Field(
        description=(
            "focal_point, plan, crpd, data_collection, disaggregated, involvement or "
            "service:<kind>."
        )
    )
    value: str = Field(
        description=(
            "The fact's code: plan kind (va_action_plan, disability_plan, "
            "national_authority, not_known), CRPD status (party, signatory, not_party, "
            "not_known), data collection (comprehensive, partial, none, not_known), "
            "yes/no/not_known, the service kind, or `designated` for a focal point."
        )
    )
    since: str = Field(description="From when the fact holds. " + FUZZY_DATE)
    detail: str = Field(description="The entity, the plan's title, the description.")
    sources: Sources


class VictimAssistanceState(Out):
    iso3: Iso3
    name: str
    facts: list[VictimAssistanceFact] = Field(
        description="The latest fact of each kind holding on `as_of`."
    )
    sources: Sources


class VictimAssistanceSourcedFigure(Out):
    value: int
    as_of: str = Field(description=FUZZY_DATE)
    label: str
    sources: Sources


class StatusFigure(Out):
    key: str = Field(description="Stable key, e.g. `national_focal_points`.")
    label: str
    basis: str = Field(
        description=(
            "Where `value` comes from: `computed` (per-State facts), `sourced_list`, "
            "`sourced_figure`, or `none` (nothing for the date)."
        )
    )
    value: int | None
    states: list[Iso3]
    not_known: list[Iso3] = Field(
        description="States whose fact may or may not hold on `as_of` (not counted)."
    )
    sourced_figure: VictimAssistanceSourcedFigure | None = Field(
        description="The figure the source states for the date, shown beside the count."
    )
    list_sources: Sources


class YearCasualties(Out):
    year: int
    killed: int
    injured: int
    outcome_not_known: int
    total: int = Field(description="A lower bound when `totals_not_known` is not empty.")
    parts: dict[str, int] = Field(
        description=(
            "Per part: female, male, sex_unknown, child, adult, age_unknown, civilian, "
            "military, status_unknown (the `*_unknown` parts are people the source says it "
            "cannot place)."
        )
    )
    not_disaggregated: dict[str, int | None] = Field(
        description="Per dimension (sex, age, status): people not split at all; null if not known."
    )
    states: list[Iso3]
    totals_not_known: list[Iso3]
    sources: Sources


class VictimAssistance(Out):
    as_of: str = Field(description=ISO_DAY)
    states: list[VictimAssistanceState]
    figures: list[StatusFigure]
    casualties: list[YearCasualties]


class VictimAssistanceProfile(Out):
    as_of: str = Field(description=ISO_DAY)
    iso3: Iso3
    name: str
    obligation: bool = Field(description="Whether the State has Article 5 obligations on `as_of`.")
    facts: list[VictimAssistanceFact] = Field(
        description="Every victim assistance fact on the record (history)."
    )
    casualties: list[YearCasualties]
