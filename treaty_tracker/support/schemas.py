"""Response schemas of the implementation support endpoint (``support.api``). Amounts are
decimal strings (``"400000.00"``); ``null`` is "not known", never 0."""

from __future__ import annotations

from pydantic import Field

from treaty_tracker.themes.api_schemas import FUZZY_DATE, ISO_DAY, Iso3, Out, Sources

AMOUNT = "A decimal amount as text, e.g. `400000.00`; `null`: not known."


class Total(Out):
    amount: str | None = Field(description="The sum of the known parts. " + AMOUNT)
    currency: str = Field(description="ISO 4217 code.")
    complete: bool = Field(
        description="Every part known and in `currency`; otherwise `amount` is a lower bound."
    )
    not_known: int = Field(description="Parts whose amount is not known.")
    other_currencies: dict[str, str] = Field(
        description="Parts in other currencies (never converted)."
    )


class BudgetYear(Out):
    year: int
    budget: str | None = Field(description=AMOUNT)
    currency: str
    contributions: Total
    regular: Total
    earmarked: Total
    contributors: list[str] = Field(description="ISO3 codes, or names of other contributors.")
    difference: str | None = Field(description="Contributions minus budget. " + AMOUNT)
    covered: bool | None = Field(description="Whether the budget was covered; null: not known.")
    sources: Sources


class DatedAmount(Out):
    amount: str | None = Field(description=AMOUNT)
    currency: str
    on: str = Field(description=FUZZY_DATE)
    sources: Sources


class Reserve(Out):
    target: DatedAmount | None
    balance: DatedAmount | None
    shortfall: str | None = Field(description="Target minus balance (0 when met). " + AMOUNT)
    met: bool | None


class Document(Out):
    kind: str = Field(description="report, decision, working_paper or other.")
    symbol: str = Field(description="Document symbol; empty when not known.")
    title: str
    date: str = Field(description=FUZZY_DATE)
    url: str
    sources: Sources


class SupportMeeting(Out):
    code: str = Field(examples=["9MSP"])
    name: str
    opens: str = Field(description=FUZZY_DATE)
    closes: str = Field(description=FUZZY_DATE)
    place: str
    presidency: Iso3 | None
    documents: list[Document]
    sources: Sources


class MeetingArrears(Out):
    meeting: str
    assessed: Total
    paid: Total
    outstanding: Total
    states: int = Field(description="States assessed for the meeting.")
    states_in_arrears: int
    states_not_known: int = Field(description="States whose payment position is not known.")


class Sponsorship(Out):
    meeting: str
    donors: list[str] = Field(description="ISO3 codes, or names of other donors.")
    amount: Total
    delegates: int | None
    states: list[Iso3]
    states_count: int | None
    sources: Sources


class Seat(Out):
    state: Iso3
    role: str = Field(description="president, president_designate, past_president or coordinator.")
    theme: str = Field(description="The coordinator's theme; empty for the Presidency.")
    starts: str = Field(description=FUZZY_DATE)
    ends: str | None = Field(description=FUZZY_DATE + " `null`: not ended.")
    sources: Sources


class Actor(Out):
    name: str
    role: str
    sources: Sources


class SupportSourcedFigure(Out):
    key: str
    label: str
    value: str
    unit: str
    as_of: str = Field(description=FUZZY_DATE)
    sources: Sources


class Support(Out):
    as_of: str = Field(description=ISO_DAY)
    budgets: list[BudgetYear]
    reserve: Reserve
    meetings: list[SupportMeeting]
    arrears: list[MeetingArrears] = Field(
        description="Totals per meeting (per State: ISU staff, on the page)."
    )
    sponsorship: list[Sponsorship]
    sourced_figures: list[SupportSourcedFigure] = Field(
        description="Totals the review states (paras 134-135)."
    )
    committee: list[Seat]
    actors: list[Actor]
