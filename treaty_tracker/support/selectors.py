"""Reads of the implementation support record, as plain data for the pages, the API and
the review. A fixed number of queries whatever the number of rows; the arithmetic is
``rules.support``."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules import support as rules
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.sources.models import Figure
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.support.models import (
    AssessedContribution,
    CoordinatorRole,
    IsuBudget,
    IsuContribution,
    MeetingDocument,
    OtherActor,
    ReserveBalance,
    ReserveTarget,
    SponsoredParticipation,
    SponsorshipContribution,
)

#: The review's sponsorship figures (paras 134-135), shown labelled as sourced totals.
SOURCED_FIGURES = (
    "support.sponsorship_average_chf",
    "support.sponsored_delegates_average",
    "support.sponsored_states_average",
    "support.sponsorship_donors_average",
)


def _held(day: FuzzyDate | None, as_of: date) -> bool:
    """On the record on ``as_of``: dated on or before it, or possibly so (a date the
    record cannot place after it)."""
    return day is None or day.on_or_before(as_of) is not False


def _who(fact: Any) -> str:
    return fact.state.iso3 if fact.state_id is not None else fact.contributor


@dataclass(frozen=True)
class MeetingRow:
    code: str
    name: str
    kind: str
    opens: FuzzyDate
    closes: FuzzyDate
    place: str
    president: str  # ISO3 or ""
    president_name: str
    documents: tuple[MeetingDocument, ...]
    citation: str


@dataclass(frozen=True)
class Seat:
    state: str
    name: str
    role: str
    theme: str
    starts: FuzzyDate
    ends: FuzzyDate | None
    citation: str
    role_label: str = ""
    theme_label: str = ""


@dataclass
class Overview:
    as_of: date
    budgets: list[rules.YearBalance]
    contributions: list[IsuContribution]
    reserve: rules.ReserveStatus
    meetings: list[MeetingRow]
    arrears: list[rules.Arrear]  # per State: staff only
    meeting_arrears: list[rules.MeetingArrears]  # totals: public
    sponsorship: list[rules.MeetingSponsorship]
    donations: list[SponsorshipContribution]
    seats: list[Seat]
    seats_by_year: dict[int, list[Seat]]
    actors: list[OtherActor]
    figures: list[Figure]
    names: dict[str, str] = field(default_factory=dict)


@per_record_version
def overview(as_of: date) -> Overview:
    meetings = [
        m for m in Meeting.objects.select_related("president", "source") if _held(m.opens, as_of)
    ]
    codes = [m.code for m in meetings]
    documents: dict[str, list[MeetingDocument]] = defaultdict(list)
    for doc in MeetingDocument.objects.select_related("meeting", "source", "entered_by"):
        if _held(doc.date, as_of):
            documents[doc.meeting.code].append(doc)

    budgets = list(IsuBudget.objects.select_related("source", "entered_by", "approved_at"))
    contributions = [
        c
        for c in IsuContribution.objects.select_related("state", "source", "entered_by")
        if c.year <= as_of.year and _held(c.received, as_of)
    ]
    balance = rules.budget_balance(
        [
            rules.Budget(b.year, b.amount, b.currency, (b.citation,))
            for b in budgets
            if b.year <= as_of.year
        ],
        [
            rules.Contribution(_who(c), c.year, c.amount, c.currency, c.kind, (c.citation,))
            for c in contributions
        ],
    )
    reserve = rules.reserve_status(
        [
            rules.Dated(t.amount, t.currency, t.since, (t.citation,))
            for t in ReserveTarget.objects.select_related("source", "entered_by")
        ],
        [
            rules.Dated(b.amount, b.currency, b.as_of, (b.citation,))
            for b in ReserveBalance.objects.select_related("source", "entered_by")
        ],
        as_of,
    )
    assessments = [
        a
        for a in AssessedContribution.objects.select_related(
            "meeting", "state", "source", "entered_by"
        )
        if a.meeting.code in codes
    ]
    arrears = rules.arrears(
        rules.Assessment(
            a.meeting.code, a.state.iso3, a.assessed, a.paid, a.currency, (a.citation,)
        )
        for a in assessments
    )
    donations = [
        d
        for d in SponsorshipContribution.objects.select_related(
            "meeting", "state", "source", "entered_by"
        )
        if d.year <= as_of.year and (d.meeting is None or d.meeting.code in codes)
    ]
    participation = [
        p
        for p in SponsoredParticipation.objects.select_related(
            "meeting", "source", "entered_by"
        ).prefetch_related("states")
        if p.meeting.code in codes
    ]
    sponsorship = rules.sponsorship_totals(
        [
            rules.Donation(
                d.meeting.code if d.meeting else "",
                d.year,
                _who(d),
                d.amount,
                d.currency,
                (d.citation,),
            )
            for d in donations
        ],
        [
            rules.Participation(
                p.meeting.code,
                p.delegates,
                tuple(sorted(s.iso3 for s in p.states.all())),
                p.states_count,
                (p.citation,),
            )
            for p in participation
        ],
        codes,
    )
    seats = [
        Seat(
            r.state.iso3,
            r.state.name,
            r.role,
            r.theme,
            r.starts,
            r.ends,
            r.citation,
            str(r.get_role_display()),
            str(r.get_theme_display()) if r.theme else "",
        )
        for r in CoordinatorRole.objects.select_related("state", "source", "entered_by")
        if _held(r.starts, as_of)
    ]
    names = {m.president.iso3: m.president.name for m in meetings if m.president}
    names.update({s.state: s.name for s in seats})
    names.update({c.state.iso3: c.state.name for c in contributions if c.state_id})
    names.update({a.state.iso3: a.state.name for a in assessments})
    names.update({d.state.iso3: d.state.name for d in donations if d.state_id})
    return Overview(
        as_of=as_of,
        budgets=balance,
        contributions=contributions,
        reserve=reserve,
        meetings=[
            MeetingRow(
                code=m.code,
                name=m.name,
                kind=m.kind,
                opens=m.opens,
                closes=m.closes,
                place=m.place,
                president=m.president.iso3 if m.president else "",
                president_name=m.president.name if m.president else "",
                documents=tuple(documents.get(m.code, ())),
                citation=m.citation,
            )
            for m in meetings
        ],
        arrears=arrears,
        meeting_arrears=rules.arrears_by_meeting(arrears, codes),
        sponsorship=sponsorship,
        donations=donations,
        seats=seats,
        seats_by_year=seats_by_year(seats, as_of),
        actors=list(OtherActor.objects.select_related("source", "entered_by")),
        figures=sourced_figures(),
        names=names,
    )


def seats_by_year(seats: list[Seat], as_of: date) -> dict[int, list[Seat]]:
    """Each calendar year a seat certainly covers part of, up to ``as_of``; a seat whose
    start is not known to the year is left out of this view (it stays in the list)."""
    years: dict[int, list[Seat]] = defaultdict(list)
    for seat in seats:
        if seat.starts.earliest is None:
            continue
        last = as_of
        if seat.ends is not None and seat.ends.latest is not None:
            last = min(last, seat.ends.latest)
        for year in range(seat.starts.earliest.year, last.year + 1):
            years[year].append(seat)
    return dict(sorted(years.items()))


def sourced_figures() -> list[Figure]:
    found = {
        f.key: f for f in Figure.objects.filter(key__in=SOURCED_FIGURES).select_related("source")
    }
    return [found[k] for k in SOURCED_FIGURES if k in found]


def amount(value: Decimal | None) -> str:
    """An amount as printed: ``400,000`` or ``52,800.50``; "" when not known."""
    if value is None:
        return ""
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
