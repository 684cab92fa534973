"""Response schemas of the Article 3 endpoints (``/api/v1/stockpiles...``).

A quantity is a count of items with its ``exactness``: ``exact``, ``approximate`` (the
source rounds it, e.g. "2.8 million") or ``at_least`` (a lower bound); ``null`` is "not
known", never zero.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from treaty_tracker.themes.api_schemas import (
    FUZZY_DATE,
    ISO_DAY,
    NULLABLE_DATE,
    Iso3,
    Obligation,
    Out,
)

Exactness = Literal["exact", "approximate", "at_least"]
Category = Literal["cluster_munitions", "explosive_submunitions", "explosive_bomblets"]
QUANTITY = "A count of items; `null`: not known."


class Quantity(Out):
    value: int = Field(description="A count of items.")
    exactness: Exactness


class CategoryProgress(Out):
    """Art. 3(4)(d)-(f): declared (at entry into force plus discovered), destroyed to date
    and remaining, for one category."""

    category: Category
    declared: Quantity | None
    destroyed: Quantity | None
    remaining: Quantity | None
    share_destroyed: float | None = Field(description="0..1 of the declared; `null`: not known.")


class StateProgress(Out):
    iso3: Iso3
    name: str
    categories: list[CategoryProgress]
    discovered: bool = Field(description="Declared stockpiles discovered after entry into force.")


class FigureValue(Out):
    """A total as a source states it (not computed)."""

    value: float
    label: str
    as_of: str = Field(description=FUZZY_DATE)
    source: str


class FigureRow(Out):
    """A figure of CCM/CONF/2020/13 paras 28-31: computed from the record (with the States
    behind it) and, where a source states one, the sourced total (not computed)."""

    measure: str = Field(examples=["completed"])
    label: str
    computed: float | None = Field(
        description="Computed from the record (a count, or a percentage for shares)."
    )
    computed_exactness: Exactness | None
    computed_states: list[Iso3]
    sourced: FigureValue | None


class StockpilesOverview(Out):
    as_of: str = Field(description=ISO_DAY)
    figures: list[FigureRow]
    obligations: list[Obligation] = Field(description="Art. 3 obligations from the rules engine.")
    states: list[StateProgress]


class Declaration(Out):
    category: Category
    origin: Literal["at_entry_into_force", "discovered"]
    type: str = Field(description="The munition's designation (empty if not given).")
    quantity: Quantity | None
    as_of: str = Field(description="The date the quantity refers to. " + FUZZY_DATE)
    source: str
    note: str


class Destruction(Out):
    category: Category
    year: int | None = Field(description="The calendar year; `null` for a programme total.")
    through: str | None = Field(description="A programme total runs to this date. " + NULLABLE_DATE)
    quantity: Quantity | None
    method: str
    site: str
    source: str
    note: str


class Retention(Out):
    year: int
    munitions: int | None = Field(description=QUANTITY)
    munitions_change: int | None = Field(
        description="Since the previous year on the record; `null` when either is not known "
        "or not exact."
    )
    submunitions: int | None = Field(description=QUANTITY)
    submunitions_change: int | None
    exactness: Exactness = Field(
        description="How exact `munitions` and `submunitions` are, as the source gives them."
    )
    munitions_consumed: int | None = Field(description=QUANTITY)
    submunitions_consumed: int | None = Field(description=QUANTITY)
    retains: bool = Field(description="Holds some (a positive holding, or a number not given).")
    planned_use: str
    actual_use: str
    source: str
    note: str


class Compliance(Out):
    declared: str = Field(description=FUZZY_DATE)
    uses_template: bool | None = Field(
        description="Made with the 8MSP template; `null`: not known."
    )
    url: str
    source: str


class StockpileReported(Out):
    """One year and category of a published Article 7 report's Forms B and D, as the State
    reports it (kept apart from the facts entered by the ISU). A figure is `null` when the
    report gives none."""

    year: int = Field(description="The calendar year the report covers.")
    category: Category | None = Field(
        description="`null` only on a row giving the programme's status without figures."
    )
    stockpile: int | None = Field(description="Form B: held at the end of the year.")
    destroyed: int | None = Field(description="Form B: destroyed during the year.")
    discovered: int | None = Field(description="Form B: discovered during the year.")
    retained: int | None = Field(description="Form D: retained under Art. 3(6) at year end.")
    transferred: int | None = Field(description="Form D: transferred during the year.")
    programme_status: Literal["not_started", "in_progress", "completed"] | None
    destroyed_in_totals: bool | None = Field(
        description=(
            "Whether `destroyed` counts in `progress`: `false` when the record's own figure "
            "for this year and category is used instead; `null` when there is no figure."
        )
    )
    retained_in_totals: bool | None = Field(
        description="Likewise for `retained` (the record's own retention for the year wins)."
    )
    sources: list[str] = Field(examples=[["report PER 2022, Form B"]])


class StateStockpiles(Out):
    """One State's Article 3 facts, each with its source, and its progress on `as_of`."""

    as_of: str = Field(description=ISO_DAY)
    iso3: Iso3
    name: str
    obligation: Obligation | None
    progress: list[CategoryProgress]
    declarations: list[Declaration]
    destruction: list[Destruction]
    retention: list[Retention]
    compliance: list[Compliance]
    reported: list[StockpileReported] = Field(
        description="Forms B and D of the State's published Article 7 reports submitted by "
        "`as_of` (the latest published version of each)."
    )
