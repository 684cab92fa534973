"""What the engine returns: statuses and frozen results for one State or all on a date."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.records import (
    Basis,
    Decision,
    ReportKind,
    ReportRecord,
    Sources,
    StateRecord,
)


class Status(StrEnum):
    NOT_SIGNED = "not_signed"
    SIGNATORY = "signatory"
    STATE_PARTY = "state_party"
    WITHDRAWN = "withdrawn"
    NOT_KNOWN = "not_known"


class ObligationStatus(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    OVERDUE = "overdue"
    UNKNOWN = "unknown"


class ReportStatus(StrEnum):
    NOT_IN_FORCE = "not_in_force"  # the Convention is not yet in force for the State
    NOT_YET_DUE = "not_yet_due"
    SUBMITTED = "submitted"
    OVERDUE = "overdue"
    NOT_KNOWN = "not_known"


class DeadlineStatus(StrEnum):
    """Where a date of the deadlines list stands on the as-of date: an initial report's
    status (`not_in_force`, `not_yet_due`, `overdue`), an open Article 3 or 4 obligation's
    (`pending`, `overdue`, `unknown`: the record cannot settle it), or `pending` for an
    annual report or a withdrawal taking effect. Values are those of ReportStatus and
    ObligationStatus."""

    NOT_IN_FORCE = ReportStatus.NOT_IN_FORCE.value
    NOT_YET_DUE = ReportStatus.NOT_YET_DUE.value
    PENDING = ObligationStatus.PENDING.value
    OVERDUE = ObligationStatus.OVERDUE.value
    UNKNOWN = ObligationStatus.UNKNOWN.value  # an Art. 3 or 4 deadline the record can't settle


class Timeliness(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    NOT_KNOWN = "not_known"


@dataclass(frozen=True)
class ExtensionResult:
    meeting: str
    months_requested: int | None
    decision: Decision
    months_granted: int | None
    decided: FuzzyDate
    deadline_before: FuzzyDate
    deadline_after: FuzzyDate | None
    applied: bool  # granted and decided on or before as_of
    sources: Sources


@dataclass(frozen=True)
class ObligationResult:
    state: str
    article: str
    basis: Basis
    original_deadline: FuzzyDate
    current_deadline: FuzzyDate
    status: ObligationStatus
    completed: FuzzyDate | None
    extensions: tuple[ExtensionResult, ...]
    pending_request: bool
    sources: Sources


@dataclass(frozen=True)
class ReportResult:
    kind: ReportKind
    year: int | None
    due: FuzzyDate
    status: ReportStatus
    submitted: FuzzyDate | None
    timeliness: Timeliness | None
    sources: Sources


@dataclass(frozen=True)
class StateResult:
    iso3: str
    name: str
    region: str
    as_of: date
    status: Status
    entry_into_force: FuzzyDate | None
    in_force: bool | None
    withdrawal_effective: FuzzyDate | None
    initial_report: ReportResult | None
    annual_reports: tuple[ReportResult, ...]
    voluntary_reports: tuple[ReportRecord, ...]
    obligations: tuple[ObligationResult, ...]
    victim_assistance: bool
    articles: tuple[str, ...]  # articles under which the State has an obligation (incl. Art. 5)
    record: StateRecord = field(repr=False)

    def obligation(self, article: str) -> ObligationResult | None:
        return next((o for o in self.obligations if o.article == article), None)


@dataclass(frozen=True)
class DeadlineItem:
    state: str
    name: str
    kind: str  # initial_report, annual_report, article3, article4, withdrawal
    due: FuzzyDate
    status: DeadlineStatus
    article: str
    sources: Sources


@dataclass(frozen=True)
class Summary:
    treaty: str
    as_of: date
    states: tuple[StateResult, ...]

    def with_status(self, status: Status) -> list[str]:
        return [s.iso3 for s in self.states if s.status is status]

    @property
    def states_parties(self) -> list[str]:
        return self.with_status(Status.STATE_PARTY)

    @property
    def signatories(self) -> list[str]:
        return self.with_status(Status.SIGNATORY)

    @property
    def withdrawn(self) -> list[str]:
        return self.with_status(Status.WITHDRAWN)

    @property
    def in_force_for(self) -> list[str]:
        return [s.iso3 for s in self.states if s.in_force]

    def initial_reports(self) -> dict[str, list[str]]:
        """Para 94's figures: due (the due date has passed), submitted, overdue, and not
        yet due (including States for which the Convention is not yet in force)."""
        buckets: dict[str, list[str]] = {
            "due": [],
            "submitted": [],
            "overdue": [],
            "not_yet_due": [],
            "not_known": [],
        }
        for state in self.states:
            report = state.initial_report
            if report is None or state.status is not Status.STATE_PARTY:
                continue
            if report.due.on_or_before(self.as_of - timedelta(days=1)):
                buckets["due"].append(state.iso3)
            match report.status:
                case ReportStatus.SUBMITTED:
                    buckets["submitted"].append(state.iso3)
                case ReportStatus.OVERDUE:
                    buckets["overdue"].append(state.iso3)
                case ReportStatus.NOT_YET_DUE | ReportStatus.NOT_IN_FORCE:
                    buckets["not_yet_due"].append(state.iso3)
                case ReportStatus.NOT_KNOWN:
                    buckets["not_known"].append(state.iso3)
        return buckets

    def select(
        self,
        *,
        statuses: Collection[Status] | None = None,
        region: str | None = None,
        article: str | None = None,
    ) -> list[StateResult]:
        """The States with one of ``statuses``, in ``region``, with an obligation under
        ``article`` (each filter ignored when ``None``), in name order."""
        return [
            s
            for s in self.states
            if (statuses is None or s.status in statuses)
            and (region is None or s.region == region)
            and (article is None or article in s.articles)
        ]

    def obligations(self, article: str) -> list[ObligationResult]:
        return [
            o
            for s in self.states
            if s.status is Status.STATE_PARTY
            for o in s.obligations
            if o.article == article
        ]

    @property
    def victim_assistance(self) -> list[str]:
        return [
            s.iso3 for s in self.states if s.status is Status.STATE_PARTY and s.victim_assistance
        ]
