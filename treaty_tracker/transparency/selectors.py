"""Reads for the Article 7 workflow pages: a focal point's reports, the ISU's review list,
a version's predecessor. Writes go through :mod:`treaty_tracker.transparency.services`.

Portable ORM only, so SQLite and PostgreSQL answer alike.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet

from treaty_tracker.rules import ReportKind
from treaty_tracker.states.models import State
from treaty_tracker.transparency.models import Draft, Report, Submission
from treaty_tracker.transparency.services import Slot

# How far back "My reports" lists annual reports that have versions: the last completed
# calendar year, and the one before it (a report returned late in the year).
RECENT_YEARS = 2


@dataclass
class SlotReports:
    """One report of a State (a slot) as its focal point sees it."""

    slot: Slot
    draft: Draft | None = None
    submissions: list[Submission] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.slot.kind.value

    @property
    def year_part(self) -> str:
        """The URL part naming the year: the year, or ``initial``."""
        return "initial" if self.slot.year is None else str(self.slot.year)


@dataclass
class StateReports:
    iso3: str
    name: str
    reports: list[SlotReports]


def _initial_submitted(iso3: str) -> bool:
    """Whether the State's initial report is submitted: online, or on the record (reports
    sent before online reporting, e.g. para 94's "by 28 September 2020")."""
    kind = ReportKind.INITIAL.value
    return (
        Submission.objects.filter(state__iso3=iso3, kind=kind).exists()
        or Report.objects.filter(state__iso3=iso3, kind=kind).exists()
    )


def _add(slots: dict[Slot, SlotReports], slot: Slot) -> SlotReports:
    return slots.setdefault(slot, SlotReports(slot))


def reports_of(iso3s: set[str], *, today: date) -> list[StateReports]:
    """For each State, the reports its focal point deals with now: the initial report until
    one is submitted, the annual report on the last completed calendar year, any report
    with a draft, and recent reports with versions (newest version first)."""
    states = {s.iso3: s.name for s in State.objects.filter(iso3__in=iso3s)}
    drafts = Draft.objects.filter(state__iso3__in=iso3s).select_related("state")
    earliest = today.year - RECENT_YEARS
    submissions = (
        Submission.objects.filter(state__iso3__in=iso3s)
        .filter(Q(year__gte=earliest) | Q(year__isnull=True))
        .select_related("state")
    )
    result = []
    for iso3 in sorted(states):
        slots: dict[Slot, SlotReports] = {}
        add = functools.partial(_add, slots)
        if not _initial_submitted(iso3):
            add(Slot(iso3, ReportKind.INITIAL, None))
        add(Slot(iso3, ReportKind.ANNUAL, today.year - 1))
        for draft in drafts:
            if draft.state.iso3 == iso3:
                add(Slot(iso3, ReportKind(draft.kind), draft.year)).draft = draft
        for submission in sorted(submissions, key=lambda s: -s.number):
            if submission.state.iso3 == iso3:
                add(Slot(iso3, ReportKind(submission.kind), submission.year)).submissions.append(
                    submission
                )
        ordered = sorted(
            slots.values(),
            key=lambda r: (r.slot.kind is not ReportKind.INITIAL, -(r.slot.year or 0)),
        )
        result.append(StateReports(iso3, states[iso3], ordered))
    return result


def draft_for(slot: Slot) -> Draft | None:
    return Draft.objects.filter(**slot.filter()).select_related("updated_by").first()


def awaiting_review() -> QuerySet[Submission]:
    """Versions submitted and not yet returned or published, oldest first."""
    return (
        Submission.objects.filter(status=Submission.Status.SUBMITTED)
        .select_related("state", "submitted_by")
        .order_by("submitted_at", "pk")
    )


def previous_submission(submission: Submission, *, published: bool = False) -> Submission | None:
    """The State's version submitted before this one (of any report): what it is compared
    with. ``published``: only among published versions (what the public may see)."""
    earlier = Submission.objects.filter(
        state=submission.state, submitted_at__lte=submission.submitted_at
    ).exclude(pk=submission.pk)
    if published:
        earlier = earlier.filter(status=Submission.Status.PUBLISHED)
    return earlier.order_by("-submitted_at", "-pk").first()


def last_reported_year(slot: Slot) -> int | None:
    """The year covered by the State's last submitted report other than ``slot``: what a
    form newly marked "unchanged" is unchanged since."""
    last = (
        Submission.objects.filter(state__iso3=slot.iso3)
        .exclude(kind=slot.kind.value, year=slot.year)
        .order_by("-submitted_at")
        .first()
    )
    if last is None:
        return None
    if last.year is not None:
        return last.year
    return last.period_end.year if last.period_end else None
