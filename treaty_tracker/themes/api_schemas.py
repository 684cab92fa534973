"""Response schemas: the dicts of :mod:`treaty_tracker.rules.serialize` (what the CLI prints
as JSON), field for field, so the OpenAPI document describes them.

Every schema forbids extra keys: if ``serialize`` grows a key these schemas do not know,
responses fail loudly (and the tests with them) instead of silently dropping it.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field

from treaty_tracker.rules import (
    Basis,
    ConsentKind,
    DeadlineStatus,
    Decision,
    ObligationStatus,
    ReportKind,
    ReportStatus,
    Status,
    Timeliness,
)
from treaty_tracker.themes.api_errors import ErrorCode

FUZZY_DATE = (
    "A date as precisely as the sources give it: `2019-03-01` (a day), `2019-03` (a month), "
    "`2019` (a year), `by 2020-09-28` (on or before), `2015-09-11..2020-09-28` or "
    "`2020-09-29..` (a range, open on one side), or `not known`."
)
NULLABLE_DATE = FUZZY_DATE + " `null`: there is no such event."
ISO_DAY = "A day, `YYYY-MM-DD`."

Iso3 = Annotated[str, Field(description="ISO 3166-1 alpha-3 code.", examples=["ISL"])]
Sources = Annotated[
    list[str],
    Field(description="Where the fact comes from: document symbol and paragraph, or report."),
]


class Out(Schema):
    model_config = ConfigDict(extra="forbid")


# -- errors ------------------------------------------------------------------------------


class ErrorDetail(Out):
    code: ErrorCode = Field(description="Stable code; see the API description.")
    message: str = Field(description="What went wrong, as a sentence for people.")
    fields: dict[str, list[str]] = Field(
        description="Per offending query parameter, what is wrong with it (may be empty)."
    )


class Error(Out):
    """The one shape of every error answer."""

    error: ErrorDetail


# -- building blocks ---------------------------------------------------------------------


class Extension(Out):
    """An extension request under Art. 3(3)-(5) or Art. 4(5)-(8), and its decision."""

    meeting: str = Field(description="Code of the deciding meeting (empty if not known).")
    months_requested: int | None
    decision: Decision
    months_granted: int | None
    decided: str = Field(description=FUZZY_DATE)
    deadline_before: str = Field(description="The deadline this request would extend.")
    deadline_after: str | None = Field(
        description="The deadline once granted (`null` unless granted with a period)."
    )
    applied: bool = Field(description="Granted and decided on or before `as_of`.")
    sources: Sources


class Obligation(Out):
    """A time-bound obligation (Art. 3 stockpile destruction, Art. 4 clearance)."""

    state: Iso3
    article: str = Field(examples=["3"])
    basis: Basis
    original_deadline: str = Field(description="The treaty's deadline. " + FUZZY_DATE)
    current_deadline: str = Field(
        description="The deadline after extensions decided by `as_of`. " + FUZZY_DATE
    )
    status: ObligationStatus
    completed: str | None = Field(description="Completion or declaration. " + NULLABLE_DATE)
    pending_extension_request: bool = Field(
        description="A request submitted by `as_of` awaits its decision."
    )
    extensions: list[Extension]
    sources: Sources


class Report(Out):
    """An Article 7 transparency report that falls due (initial or annual)."""

    kind: ReportKind
    year: int | None = Field(description="Calendar year an annual report covers.")
    due: str = Field(description=FUZZY_DATE)
    status: ReportStatus
    submitted: str | None = Field(description=NULLABLE_DATE)
    timeliness: Timeliness | None
    sources: Sources


class VoluntaryReport(Out):
    year: int | None
    submitted: str | None = Field(description=NULLABLE_DATE)
    sources: Sources


class Consent(Out):
    """Consent to be bound (Art. 16): ratification, acceptance, approval or accession."""

    kind: ConsentKind | None
    date: str | None = Field(description=NULLABLE_DATE)


class InitialReports(Out):
    """States Parties by the state of their Article 7(1) initial report."""

    due: list[str] = Field(description="The due date has passed.")
    submitted: list[str]
    overdue: list[str]
    not_yet_due: list[str] = Field(
        description="Includes States for which the Convention is not yet in force."
    )
    not_known: list[str]


class Counts(Out):
    states_parties: int
    signatories: int
    in_force_for: int
    withdrawn: int


# -- endpoint bodies ---------------------------------------------------------------------


class StateListItem(Out):
    iso3: Iso3
    name: str
    region: str
    status: Status
    entry_into_force: str | None = Field(description=NULLABLE_DATE)
    in_force: bool | None = Field(description="`null`: the record cannot tell.")
    obligations: list[str] = Field(
        description=(
            "Articles under which the State has an obligation as of `as_of` "
            "(3 stockpiles, 4 clearance, 5 victim assistance)."
        ),
        examples=[["4", "5"]],
    )


class StateList(Out):
    as_of: str = Field(description=ISO_DAY)
    count: int
    states: list[StateListItem]


class StateProfile(Out):
    """A State's whole computed position on `as_of` (as `treaty-tracker state --format json`)."""

    iso3: Iso3
    name: str
    region: str
    as_of: str = Field(description=ISO_DAY)
    status: Status
    signature: str | None = Field(description=NULLABLE_DATE)
    consent: Consent | None
    provisional_application: str | None = Field(description="Art. 18. " + NULLABLE_DATE)
    entry_into_force: str | None = Field(description="Art. 17. " + NULLABLE_DATE)
    in_force: bool | None = Field(description="`null`: the record cannot tell.")
    withdrawal_effective: str | None = Field(description="Art. 20. " + NULLABLE_DATE)
    initial_report: Report | None
    annual_reports: list[Report]
    voluntary_reports: list[VoluntaryReport]
    obligations: list[Obligation]
    article5: bool = Field(description="The State has Article 5 victim-assistance obligations.")
    sources: dict[str, list[str]] = Field(
        description=(
            "Sources of the treaty actions, by key: `signature`, `consent`, "
            "`provisional_application`, `withdrawal` (present keys only)."
        )
    )


class TreatySummary(Out):
    """The treaty's status on `as_of` (as `treaty-tracker summary --format json`)."""

    treaty: str = Field(examples=["CCM"])
    as_of: str = Field(description=ISO_DAY)
    states_parties: list[str]
    signatories: list[str]
    in_force_for: list[str] = Field(description="States for which the Convention is in force.")
    withdrawn: list[str]
    counts: Counts
    initial_reports: InitialReports
    article3: list[Obligation] = Field(description="States Parties' Article 3 obligations.")
    article4: list[Obligation] = Field(description="States Parties' Article 4 obligations.")
    article5: list[str] = Field(description="States Parties with Article 5 obligations.")


class Deadline(Out):
    state: Iso3
    name: str
    kind: str = Field(
        description=(
            "`initial_report`, `annual_report`, `article3` / `article4` (the time-bound "
            "obligation's current deadline) or `withdrawal` (taking effect)."
        ),
        examples=["article4"],
    )
    due: str = Field(description=FUZZY_DATE)
    status: DeadlineStatus
    article: str = Field(
        description="The treaty provision setting the date.", examples=["Art. 4(1)"]
    )
    sources: Sources


class DeadlineList(Out):
    """As `treaty-tracker deadlines --format json`: soonest first, overdue ones included."""

    as_of: str = Field(description=ISO_DAY)
    within_days: int | None
    deadlines: list[Deadline]


# -- Article 7: published reports and reporting figures -----------------------------------


class PublishedReport(Out):
    """The latest published version of a State's Article 7 report."""

    id: int = Field(description="The version's number in this API (`/reports/{id}`).")
    state: Iso3
    state_name: str
    kind: ReportKind
    year: int | None = Field(description="The calendar year covered; `null` for initial reports.")
    version: int = Field(description="The version number (an amendment is the next number).")
    submitted: str = Field(description="When this version was submitted. " + ISO_DAY)
    timeliness: Timeliness | None = Field(
        description=(
            "On time or late, as the rules engine judges the report on the record (dated by "
            "its first version) today; `null` for voluntary reports or when not computed."
        )
    )
    url: str = Field(description="The report's public page.")


class PublishedReportList(Out):
    """Every latest published version matching the filters (no limit)."""

    count: int
    reports: list[PublishedReport]


class PublishedReportContent(PublishedReport):
    """A published version with its content, as submitted."""

    form_version: str = Field(examples=["ccm-2010"])
    period_start: str | None = Field(description=ISO_DAY + " `null` for an initial report.")
    period_end: str | None = Field(description=ISO_DAY + " `null` for an initial report.")
    content: dict[str, Any] = Field(
        description=(
            "The report as submitted: the cover page and forms A-J in the shape "
            "docs/reporting.md describes (`forms.<code>.status`, `data`, `text`)."
        )
    )


class ReportingStates(Out):
    """The States behind each count: ISO 3166-1 alpha-3 codes, sorted."""

    due: list[Iso3]
    submitted: list[Iso3]
    on_time: list[Iso3]
    late: list[Iso3]
    timeliness_not_known: list[Iso3]
    overdue: list[Iso3]
    not_known: list[Iso3]


class ReportingFiguresBlock(Out):
    """Counts of States Parties whose report was due (its due date before `as_of`)."""

    due: int
    submitted: int = Field(description="Of the States due, those whose report is on the record.")
    on_time: int
    late: int
    timeliness_not_known: int = Field(
        description="Submitted, but dated too loosely to tell whether on time."
    )
    overdue: int = Field(description="Not on the record, and the record is known to be complete.")
    not_known: int = Field(description="The record cannot tell (not known to be complete).")
    complete: bool = Field(description="`not_known` is 0: the rates can be computed.")
    submitted_rate: float | None = Field(
        description="submitted / due (0-1, 4 decimals); `null` when nothing is due or not complete."
    )
    on_time_rate: float | None = Field(
        description=(
            "on time / due; `null` when nothing is due, not complete, or a timeliness is not known."
        )
    )
    states: ReportingStates


class CooperationStates(Out):
    """Who is counted: ISO 3166-1 alpha-3 codes, sorted."""

    requesting: list[Iso3]
    providing: list[Iso3]
    receiving: list[Iso3]


class CooperationCounts(Out):
    """Of the States with a published report covering the year, those whose Form I (changed
    or unchanged) has a row in the table of assistance requested, provided or received."""

    reports: int = Field(
        description=(
            "States with a published annual (or voluntary) report covering the year, "
            "submitted by `as_of`: the base of the three counts, not all States."
        )
    )
    requesting: int = Field(description="A row in Form I `assistance_requested` (Art. 6(1)).")
    providing: int = Field(description="A row in Form I `assistance_provided` (Art. 7(1)(n)).")
    receiving: int = Field(description="A row in Form I `assistance_received`.")
    states: CooperationStates


class Cooperation(CooperationCounts):
    """CCM/CONF/2020/13 para 78: States Parties (on `as_of`) requesting, providing and
    receiving assistance in their reports covering the year; States not party apart."""

    not_party: CooperationCounts = Field(
        description="The same counts for States that are not States Parties on `as_of`."
    )


class AnnualReportingFigures(ReportingFiguresBlock):
    year: int = Field(description="The calendar year the annual reports cover (Art. 7(2)).")
    due_date: str = Field(description="30 April of the next year. " + ISO_DAY)
    voluntary: list[Iso3] = Field(
        description=(
            "States, party or not, with a voluntary report on the record covering the year "
            "(para 95), submitted by `as_of`."
        )
    )
    cooperation: Cooperation


class ReportingFigures(Out):
    """As `treaty-tracker reporting --format json`."""

    treaty: str = Field(examples=["CCM"])
    as_of: str = Field(description=ISO_DAY)
    initial_reports: ReportingFiguresBlock
    annual_reports: list[AnnualReportingFigures]
