"""The rules engine: from sourced facts and a date to each State's computed position.

Pure Python (a test enforces that nothing here imports Django). The date is always an
argument. Everything that does not depend on ``as_of`` (entry into force, due dates,
original deadlines) is computed once when a :class:`Register` is built, so a summary for
one date is only comparisons.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from treaty_tracker.rules.dates import FuzzyDate, add_months
from treaty_tracker.rules.records import (
    Basis,
    Decision,
    ObligationRecord,
    ReportKind,
    ReportRecord,
    Sources,
    StateRecord,
)
from treaty_tracker.rules.results import (
    DeadlineItem,
    DeadlineStatus,
    ExtensionResult,
    ObligationResult,
    ObligationStatus,
    ReportResult,
    ReportStatus,
    StateResult,
    Status,
    Summary,
    Timeliness,
)
from treaty_tracker.rules.treaty import Treaty
from treaty_tracker.rules.treaty_dates import (
    annual_report_due,
    entry_into_force,
    first_annual_report_year,
    initial_report_due,
    obligation_deadline,
    treaty_entry_into_force,
    withdrawal_effective,
)


@dataclass(frozen=True)
class _Slot:
    """The recorded submissions for one report due: the earliest, and every source."""

    submitted: FuzzyDate | None
    sources: Sources

    @classmethod
    def of(cls, records: list[ReportRecord]) -> _Slot:
        submitted = min(
            (r.submitted for r in records),
            key=lambda d: (d.latest or date.max, d.earliest or date.min),
            default=None,
        )
        return cls(submitted, tuple(s for r in records for s in r.sources))


_EMPTY = _Slot(None, ())


@dataclass(frozen=True)
class _Compiled:
    record: StateRecord
    eif: FuzzyDate | None
    withdrawal: FuzzyDate | None
    initial_due: FuzzyDate | None
    first_annual_year: int | None
    initial: _Slot
    annual: dict[int, _Slot]  # by the year the report is due
    voluntary: tuple[ReportRecord, ...]


class Register:
    """All States' records under one treaty, with the as-of-independent dates computed.

    ``complete_until`` says, per subject (a report kind — ``initial``, ``annual`` — or
    ``article3`` / ``article4``), up to which date the record holds every fact of that
    kind: past it, a missing report or completion is "not known", never "overdue".
    """

    SUMMARIES_KEPT = 32

    def __init__(
        self,
        treaty: Treaty,
        states: list[StateRecord],
        complete_until: Mapping[str, date] | None = None,
    ) -> None:
        self.treaty = treaty
        self.coverage = dict(complete_until or {})
        exact_deposits = [
            s.consent.latest for s in states if s.consent is not None and s.consent.latest
        ]
        self.entry_into_force = treaty_entry_into_force(exact_deposits, treaty)
        self._states = [self._compile(s) for s in sorted(states, key=lambda s: s.name)]
        self._by_iso = {c.record.iso3: c for c in self._states}
        self._summaries: dict[date, Summary] = {}
        self._lock = threading.Lock()
        # Most report slots hold no record; their results depend only on the slot and its
        # status, so they are shared rather than rebuilt for every State and date.
        self._unrecorded: dict[
            tuple[ReportKind, int | None, FuzzyDate, ReportStatus], ReportResult
        ] = {}
        self._annual_due: dict[int, FuzzyDate] = {}

    def __contains__(self, iso3: str) -> bool:
        return iso3 in self._by_iso

    @property
    def records(self) -> list[StateRecord]:
        return [c.record for c in self._states]

    def _compile(self, record: StateRecord) -> _Compiled:
        treaty = self.treaty
        eif = None
        if record.consent is not None and self.entry_into_force is not None:
            treaty_eif = self.entry_into_force
            eif = record.consent.map(
                lambda d: entry_into_force(d, treaty, treaty_eif) or treaty_eif
            )
        withdrawal = record.withdrawal_effective
        if withdrawal is None and record.withdrawal_received is not None:
            withdrawal = record.withdrawal_received.map(lambda d: withdrawal_effective(d, treaty))
        initial_due = eif.map(lambda d: initial_report_due(d, treaty)) if eif else None
        first_year = None
        if initial_due is not None and initial_due.earliest is not None:
            first_year = first_annual_report_year(initial_due.earliest, treaty)
        annual: dict[int, list[ReportRecord]] = {}
        for report in record.reports:
            if report.kind is ReportKind.ANNUAL and report.year is not None:
                annual.setdefault(report.year + 1, []).append(report)
        return _Compiled(
            record=record,
            eif=eif,
            withdrawal=withdrawal,
            initial_due=initial_due,
            first_annual_year=first_year,
            initial=_Slot.of([r for r in record.reports if r.kind is ReportKind.INITIAL]),
            annual={year: _Slot.of(rs) for year, rs in annual.items()},
            voluntary=tuple(r for r in record.reports if r.kind is ReportKind.VOLUNTARY),
        )

    # -- per State ---------------------------------------------------------------------
    def state(self, iso3: str, as_of: date) -> StateResult:
        return self._evaluate(self._by_iso[iso3], as_of)

    def summary(self, as_of: date) -> Summary:
        """Every State on ``as_of``; the last few dates asked are kept (results are frozen)."""
        with self._lock:
            cached = self._summaries.get(as_of)
        if cached is not None:
            return cached
        result = Summary(
            treaty=self.treaty.code,
            as_of=as_of,
            states=tuple(self._evaluate(c, as_of) for c in self._states),
        )
        with self._lock:
            if len(self._summaries) >= self.SUMMARIES_KEPT:
                self._summaries.pop(next(iter(self._summaries)))
            self._summaries[as_of] = result
        return result

    def _evaluate(self, c: _Compiled, as_of: date) -> StateResult:
        record = c.record
        status = self._status(c, as_of)
        in_force: bool | None = None
        if status is Status.STATE_PARTY and c.eif is not None:
            in_force = c.eif.on_or_before(as_of)
        elif status is not Status.NOT_KNOWN:
            in_force = False
        party = status is Status.STATE_PARTY
        obligations = tuple(
            self._obligation(record.iso3, o, c.eif, as_of)
            for o in record.obligations
            if o.article != self.treaty.victim_assistance_article
        )
        victim_assistance = any(
            o.article == self.treaty.victim_assistance_article
            and o.recorded.on_or_before(as_of) is not False
            and (o.ended is None or o.ended.on_or_before(as_of) is not True)
            for o in record.obligations
        )
        return StateResult(
            iso3=record.iso3,
            name=record.name,
            region=record.region,
            as_of=as_of,
            status=status,
            entry_into_force=c.eif,
            in_force=in_force,
            withdrawal_effective=c.withdrawal,
            initial_report=self._initial_report(c, as_of) if party else None,
            annual_reports=self._annual_reports(c, as_of) if party else (),
            voluntary_reports=tuple(
                r for r in c.voluntary if r.submitted.on_or_before(as_of) is True
            ),
            obligations=obligations if party else (),
            victim_assistance=party and victim_assistance,
            articles=tuple(
                sorted(
                    {o.article for o in obligations}
                    | ({self.treaty.victim_assistance_article} if victim_assistance else set())
                )
            )
            if party
            else (),
            record=record,
        )

    def _status(self, c: _Compiled, as_of: date) -> Status:
        record = c.record
        if c.withdrawal is not None:
            withdrawn = c.withdrawal.on_or_before(as_of)
            if withdrawn is True:
                return Status.WITHDRAWN
            if withdrawn is None:
                return Status.NOT_KNOWN
        if record.consent is not None:
            consented = record.consent.on_or_before(as_of)
            if consented is True:
                return Status.STATE_PARTY
            if consented is None:
                return Status.NOT_KNOWN
        if record.signature is not None:
            signed = record.signature.on_or_before(as_of)
            if signed is True:
                return Status.SIGNATORY
            if signed is None:
                return Status.NOT_KNOWN
        return Status.NOT_SIGNED

    def _report(
        self,
        kind: ReportKind,
        year: int | None,
        due: FuzzyDate,
        slot: _Slot,
        in_force: bool | None,
        as_of: date,
    ) -> ReportResult:
        submitted = slot.submitted
        timeliness = None
        answered = submitted.on_or_before(as_of) if submitted is not None else False
        if answered is True:
            assert submitted is not None
            on_time = submitted.on_or_before(due.earliest or date.min)
            late = due.latest is not None and submitted.on_or_before(due.latest) is False
            timeliness = (
                Timeliness.ON_TIME if on_time else Timeliness.LATE if late else Timeliness.NOT_KNOWN
            )
            status = ReportStatus.SUBMITTED
        elif answered is None:
            status = ReportStatus.NOT_KNOWN
        elif in_force is False:
            status = ReportStatus.NOT_IN_FORCE
        else:
            passed = due.on_or_before(as_of - timedelta(days=1))
            if passed is False:
                status = ReportStatus.NOT_YET_DUE
            elif passed is None:
                status = ReportStatus.NOT_KNOWN
            else:
                complete_until = self.coverage.get(kind.value)
                known_absent = submitted is not None  # a record dated after as_of
                if known_absent or (complete_until is not None and as_of <= complete_until):
                    status = ReportStatus.OVERDUE
                else:
                    status = ReportStatus.NOT_KNOWN
        if slot is _EMPTY:
            key = (kind, year, due, status)
            shared = self._unrecorded.get(key)
            if shared is None:
                shared = ReportResult(kind, year, due, status, None, None, ())
                self._unrecorded[key] = shared
            return shared
        return ReportResult(
            kind=kind,
            year=year,
            due=due,
            status=status,
            submitted=submitted if status is ReportStatus.SUBMITTED else None,
            timeliness=timeliness,
            sources=slot.sources,
        )

    def _initial_report(self, c: _Compiled, as_of: date) -> ReportResult | None:
        if c.initial_due is None or c.eif is None:
            return None
        return self._report(
            ReportKind.INITIAL, None, c.initial_due, c.initial, c.eif.on_or_before(as_of), as_of
        )

    def _annual_reports(self, c: _Compiled, as_of: date) -> tuple[ReportResult, ...]:
        if c.first_annual_year is None:
            return ()
        results = []
        last_year = as_of.year
        if c.withdrawal is not None and c.withdrawal.earliest is not None:
            last_year = min(last_year, c.withdrawal.earliest.year)
        for year in range(c.first_annual_year, last_year + 1):
            due = self._annual_due.get(year)
            if due is None:
                due = self._annual_due[year] = FuzzyDate.exact(annual_report_due(year, self.treaty))
            slot = c.annual.get(year, _EMPTY)
            results.append(self._report(ReportKind.ANNUAL, year - 1, due, slot, True, as_of))
        return tuple(results)

    def _obligation(
        self, iso3: str, o: ObligationRecord, eif: FuzzyDate | None, as_of: date
    ) -> ObligationResult:
        rule = self.treaty.obligation(o.article)
        start: FuzzyDate | None
        if o.basis is Basis.AT_ENTRY_INTO_FORCE:
            start = eif
        elif o.basis is Basis.AFTER_ENTRY_INTO_FORCE:
            start = o.start
        else:
            start = None
        original = (
            start.map(lambda d: obligation_deadline(d, rule)) if start else FuzzyDate.unknown()
        )
        current = original
        extensions = []
        uncertain = False
        undecided = False
        pending_request = False
        shown = [e for e in o.extensions if e.submitted.on_or_before(as_of) is not False]
        for ext in sorted(shown, key=lambda e: e.decided.earliest or date.max):
            # A request certainly submitted after ``as_of`` did not exist yet: not shown.
            decided = ext.decided.on_or_before(as_of)
            applied = ext.decision is Decision.GRANTED and decided is True
            after = None
            if ext.decision is Decision.GRANTED and ext.months_granted is not None:
                months = ext.months_granted
                after = current.map(lambda d, m=months: add_months(d, m))  # type: ignore[misc]
            if ext.decision is Decision.GRANTED and decided is None:
                uncertain = True
            submitted = ext.submitted.on_or_before(as_of)
            if submitted is True and (ext.decision is Decision.PENDING or decided is False):
                pending_request = True
            # A request whose meeting may have decided, with no decision on the record:
            # past the deadline, the record cannot say which deadline applies.
            if submitted is True and (
                ext.decision is Decision.NOT_KNOWN
                or (
                    ext.decision is Decision.PENDING
                    and ext.meeting_opens.on_or_before(as_of) is not False
                )
            ):
                undecided = True
            extensions.append(
                ExtensionResult(
                    meeting=ext.meeting,
                    months_requested=ext.months_requested,
                    decision=ext.decision,
                    months_granted=ext.months_granted,
                    decided=ext.decided,
                    deadline_before=current,
                    deadline_after=after,
                    applied=applied,
                    sources=ext.sources,
                )
            )
            if applied and after is not None:
                current = after
        complete_until = self.coverage.get(f"article{o.article}")
        unrecorded = complete_until is None or as_of > complete_until
        status = self._obligation_status(o, current, as_of, uncertain, undecided or unrecorded)
        return ObligationResult(
            state=iso3,
            article=o.article,
            basis=o.basis,
            original_deadline=original,
            current_deadline=current,
            status=status,
            completed=o.completed,
            extensions=tuple(extensions),
            pending_request=pending_request,
            sources=o.sources + tuple(s for e in shown for s in e.sources),
        )

    @staticmethod
    def _obligation_status(
        o: ObligationRecord, current: FuzzyDate, as_of: date, uncertain: bool, undecided: bool
    ) -> ObligationStatus:
        if o.completed is not None:
            done = o.completed.on_or_before(as_of)
            if done is True:
                return ObligationStatus.COMPLETED
            if done is None:
                return ObligationStatus.UNKNOWN
        if o.basis is Basis.NOT_KNOWN or uncertain or not current.is_known:
            return ObligationStatus.UNKNOWN
        passed = current.on_or_before(as_of - timedelta(days=1))
        if passed is True:
            return ObligationStatus.UNKNOWN if undecided else ObligationStatus.OVERDUE
        if passed is False:
            return ObligationStatus.PENDING
        return ObligationStatus.UNKNOWN

    # -- deadlines ---------------------------------------------------------------------
    def deadlines(self, as_of: date, within_days: int | None = None) -> list[DeadlineItem]:
        """Dates the treaty sets from ``as_of`` on (and those already overdue), soonest first."""
        horizon = date.max
        if within_days is not None and within_days < (date.max - as_of).days:
            horizon = as_of + timedelta(days=within_days)
        items: list[DeadlineItem] = []
        for result in self.summary(as_of).states:
            for item in self._deadline_candidates(result, as_of):
                if item.due.earliest is None or item.due.earliest > horizon:
                    continue  # not dated, or beyond the window
                overdue = item.status is DeadlineStatus.OVERDUE
                if not overdue and item.due.latest and item.due.latest < as_of:
                    continue  # passed, and not a finding
                items.append(item)
        return sorted(items, key=lambda i: (i.due.earliest or date.max, i.state, i.kind))

    def _deadline_candidates(self, result: StateResult, as_of: date) -> list[DeadlineItem]:
        """Every date the treaty sets for one State Party: its initial report (until it is
        submitted), its next annual report, open obligations, a pending withdrawal."""
        if result.status is not Status.STATE_PARTY:
            return []
        articles = self.treaty.articles

        def item(
            kind: str, due: FuzzyDate, status: DeadlineStatus, key: str, sources: Sources
        ) -> DeadlineItem:
            return DeadlineItem(result.iso3, result.name, kind, due, status, articles[key], sources)

        found = []
        report = result.initial_report
        if report is not None and report.status in (
            ReportStatus.NOT_YET_DUE,
            ReportStatus.NOT_IN_FORCE,
            ReportStatus.OVERDUE,
        ):
            found.append(
                item(
                    "initial_report",
                    report.due,
                    DeadlineStatus(report.status.value),
                    "initial_report",
                    report.sources,
                )
            )
        first_year = self._by_iso[result.iso3].first_annual_year
        if result.in_force and first_year is not None:
            next_year = as_of.year + (as_of > annual_report_due(as_of.year, self.treaty))
            due = FuzzyDate.exact(annual_report_due(max(next_year, first_year), self.treaty))
            found.append(item("annual_report", due, DeadlineStatus.PENDING, "annual_report", ()))
        for o in result.obligations:
            if o.status is not ObligationStatus.COMPLETED:
                found.append(
                    item(
                        f"article{o.article}",
                        o.current_deadline,
                        DeadlineStatus(o.status.value),
                        _deadline_kind(self.treaty, o.article),
                        o.sources,
                    )
                )
        if result.withdrawal_effective is not None:
            found.append(
                item(
                    "withdrawal",
                    result.withdrawal_effective,
                    DeadlineStatus.PENDING,
                    "withdrawal",
                    result.record.sources.get("withdrawal", ()),
                )
            )
        return found


def _deadline_kind(treaty: Treaty, article: str) -> str:
    return "stockpile" if article == treaty.stockpile.article else "clearance"
