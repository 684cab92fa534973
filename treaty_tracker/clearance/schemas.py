"""Response schemas of the clearance endpoints (``/api/v1/clearance``): the dicts built by
``clearance.api``, field for field, extra keys forbidden."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from treaty_tracker.rules import Decision, ObligationStatus
from treaty_tracker.themes.api_schemas import FUZZY_DATE, NULLABLE_DATE, Iso3, Out, Sources

M2 = "Square metres (m²)."
Bound = Literal["exact", "at_least", "approximately"]


class ClearanceExtension(Out):
    meeting: str
    months_requested: int | None
    decision: Decision
    months_granted: int | None
    decided: str = Field(description=FUZZY_DATE)
    applied: bool = Field(description="Granted and decided on or before `as_of`.")


class ClearanceObligation(Out):
    status: ObligationStatus
    original_deadline: str = Field(description=FUZZY_DATE + " Art. 4(1).")
    current_deadline: str = Field(description=FUZZY_DATE + " With extensions granted by `as_of`.")
    completed: str | None = Field(description=NULLABLE_DATE + " Declaration of completion.")
    extensions: list[ClearanceExtension]
    pending_request: bool
    sources: Sources


class Remaining(Out):
    area_m2: int | None = Field(description=M2 + " `null`: no size is known.")
    bound: Bound = Field(description="`at_least`: a lower bound (e.g. “more than 800 million m²”).")
    as_of: str | None = Field(description=FUZZY_DATE + " `null`: the estimate's date is not known.")
    basis: Literal["estimate", "areas"] = Field(
        description="The State's latest estimate, or the sum of its open areas on the record."
    )
    areas_unsized: int
    sources: Sources


class ByMethod(Out):
    cancelled: int = Field(description=M2 + " Cancelled by non-technical survey.")
    reduced: int = Field(description=M2 + " Reduced by technical survey.")
    cleared: int = Field(description=M2)


class YearRelease(Out):
    year: int
    by_method: ByMethod
    total_m2: int
    submunitions_destroyed: int | None
    states: list[Iso3] = Field(description="The States whose rows make this figure.")
    sources: Sources


class Beneficiaries(Out):
    girls: int | None
    boys: int | None
    women: int | None
    men: int | None
    not_disaggregated: int | None
    total: int | None
    reached: int | None = Field(description="The total, or the sum of the parts given.")


class Education(Beneficiaries):
    state: Iso3
    year: int
    delivery: str
    sources: Sources


class Movement(Out):
    start: str = Field(description="The end of the First Review Conference, `YYYY-MM-DD`.")
    end: str = Field(description="`as_of`.")
    at_start: list[Iso3]
    completed: list[Iso3]
    new: list[Iso3]
    rediscovered: list[Iso3] = Field(description="Contamination found after completion.")
    at_end: list[Iso3]
    not_known_at_start: list[Iso3]


class ClearanceSourcedFigure(Out):
    key: str
    label: str
    value: float
    unit: str
    as_of: str = Field(description=FUZZY_DATE)
    sources: Sources


class ClearanceReported(Out):
    state: Iso3
    year: int
    areas: int
    areas_new: int
    area_m2: float | None
    released: ByMethod
    submunitions_destroyed: int | None
    beneficiaries: Beneficiaries | None
    sources: Sources


class ClearanceStateRow(Out):
    state: Iso3
    name: str
    obligation: ClearanceObligation
    remaining: Remaining | None
    released_m2: int | None = Field(description=M2 + " All land release on the record.")


class ClearanceOverview(Out):
    as_of: str
    movement: Movement | None = Field(
        description="Para 38's account since the end of the First Review Conference."
    )
    states: list[ClearanceStateRow]
    release_by_year: list[YearRelease] = Field(
        description="Totals of the States on the record per year (`states` says whose)."
    )
    remaining: list[Remaining]
    education: BeneficiariesTotal
    figures: list[ClearanceSourcedFigure] = Field(
        description="Sourced totals (e.g. para 53's global clearance), never split into rows."
    )
    reported: list[ClearanceReported] = Field(
        description="Forms F and G of published Article 7 reports."
    )


class BeneficiariesTotal(Out):
    parts: dict[str, int]
    rows_with: dict[str, int] = Field(description="How many rows give each part.")
    reached: int
    states: list[Iso3]
    sources: Sources


class StateClearance(Out):
    state: Iso3
    name: str
    as_of: str
    obligation: ClearanceObligation | None
    remaining: Remaining | None
    areas: list[Area]
    release_by_year: list[YearRelease]
    surveys: list[SurveyOut]
    plans: list[ClearancePlan]
    education: list[Education]
    reported: list[ClearanceReported]


class Area(Out):
    name: str
    location: str
    size_m2: int | None
    remnant_types: str
    used: str | None = Field(description=NULLABLE_DATE)
    status: str
    discovered: str | None = Field(description=NULLABLE_DATE)
    previous_completion: str | None = Field(
        description=NULLABLE_DATE + " Set when found after a declared completion."
    )
    released: str | None = Field(description=NULLABLE_DATE)
    geometry: dict[str, object] | None = Field(description="GeoJSON geometry.")
    sources: Sources


class SurveyOut(Out):
    kind: str
    carried_out: str = Field(description=FUZZY_DATE)
    area_m2: int | None
    sources: Sources


class ClearanceMilestone(Out):
    description: str
    due: str = Field(description=FUZZY_DATE)
    achieved: str | None = Field(description=NULLABLE_DATE)
    sources: Sources


class ClearancePlan(Out):
    kind: str
    title: str
    period_start: str | None
    period_end: str | None
    adopted: str | None
    link: str
    milestones: list[ClearanceMilestone]
    sources: Sources


ClearanceOverview.model_rebuild()
StateClearance.model_rebuild()
