"""What the engine reads: a State's sourced facts, as frozen dataclasses.

These are built from the database by ``treaty_tracker.states.selectors`` (or by hand in
tests); the engine never sees a Django model. ``sources`` are citation labels such as
``"CCM/CONF/2020/13 para 30"``, carried through to every result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from treaty_tracker.rules.dates import FuzzyDate

Sources = tuple[str, ...]


class ConsentKind(StrEnum):
    """Art. 16: the four ways of consenting to be bound, all with the same legal effect."""

    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"


class Basis(StrEnum):
    """Why a time-bound obligation runs, which decides the date it runs from."""

    AT_ENTRY_INTO_FORCE = "at_entry_into_force"  # Art. 3(2), Art. 4(1)(a): from EIF
    AFTER_ENTRY_INTO_FORCE = "after_entry_into_force"  # Art. 4(1)(b): from end of hostilities
    NOT_KNOWN = "not_known"  # the State has not confirmed whether it has the obligation


class Decision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    NOT_KNOWN = "not_known"


class ReportKind(StrEnum):
    INITIAL = "initial"
    ANNUAL = "annual"
    VOLUNTARY = "voluntary"


@dataclass(frozen=True)
class ExtensionRecord:
    """An extension request under Art. 3(3)-(5) or Art. 4(5)-(8) and its decision."""

    months_requested: int | None
    submitted: FuzzyDate = FuzzyDate()
    meeting: str = ""
    meeting_opens: FuzzyDate = FuzzyDate()
    decision: Decision = Decision.PENDING
    months_granted: int | None = None
    decided: FuzzyDate = FuzzyDate()
    sources: Sources = ()


@dataclass(frozen=True)
class ObligationRecord:
    """A State's obligation under an article.

    For Art. 4(1)(b) ``start`` is the end of the active hostilities; for the other bases
    the obligation runs from entry into force and ``start`` is ignored. ``recorded`` is when
    the obligation is known to exist (an Art. 5 list membership), ``ended`` when the State
    was taken off the list; ``completed`` is completion or the declaration of compliance.
    """

    article: str
    basis: Basis = Basis.AT_ENTRY_INTO_FORCE
    start: FuzzyDate = FuzzyDate()
    recorded: FuzzyDate = FuzzyDate()
    ended: FuzzyDate | None = None
    completed: FuzzyDate | None = None
    extensions: tuple[ExtensionRecord, ...] = ()
    sources: Sources = ()


@dataclass(frozen=True)
class ReportRecord:
    kind: ReportKind
    submitted: FuzzyDate
    year: int | None = None  # annual: the calendar year covered
    sources: Sources = ()


@dataclass(frozen=True)
class StateRecord:
    iso3: str
    name: str
    region: str = ""
    signature: FuzzyDate | None = None
    consent: FuzzyDate | None = None
    consent_kind: ConsentKind | None = None
    provisional_application: FuzzyDate | None = None
    withdrawal_received: FuzzyDate | None = None
    withdrawal_effective: FuzzyDate | None = None
    obligations: tuple[ObligationRecord, ...] = ()
    reports: tuple[ReportRecord, ...] = ()
    sources: dict[str, Sources] = field(default_factory=dict)
