"""Reads for the universalization page, API, profile and review section: the record as of a
date, in a fixed number of queries.

The review's own lists of States (``sources.StateList``: para 6 affected non-parties, para 8
the 2019 "yes" votes of non-parties, para 18 past producers, para 19 policies) are read
here as rows beside the per-State facts of this app, not copied into them: a list row
carries the list's source, and a per-State fact on the same State and subject wins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from treaty_tracker.rules import universalization as rules
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.results import Status, Summary
from treaty_tracker.sources.models import Figure, StateList
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.models import State
from treaty_tracker.states.selectors import register
from treaty_tracker.universalization.models import (
    Allegation,
    NonPartyFact,
    Outreach,
    OutreachTarget,
    Participation,
    Policy,
    StateVote,
    Vote,
)

# StateList key -> (NonPartyFact kind) for the review's lists read as facts.
LIST_FACTS = {
    "affected_signatories": NonPartyFact.Kind.AFFECTED,
    "affected_non_parties": NonPartyFact.Kind.AFFECTED,
    "affected_non_parties_potential": NonPartyFact.Kind.AFFECTED_POTENTIALLY,
    "nonparties_past_producers": NonPartyFact.Kind.PRODUCER_PAST,
}
# StateList key -> Policy kind.
LIST_POLICIES = {
    "nonparties_no_use_outside_own_territory": Policy.Kind.RESTRICTED_USE,
    "nonparties_removed_from_operational_stocks": Policy.Kind.REMOVED_FROM_STOCKS,
}
# StateList key -> (year, vote).
LIST_VOTES = {"unga_2019_nonparty_yes": (2019, rules.VoteChoice.YES)}
# StateList keys of States that took part in meetings, without the meetings named.
LIST_PARTICIPATION = ("nonparties_attended_msp",)
FIGURE_PREFIXES = ("universalization.", "unga.", "msp.avg_nonparty", "nonparties.")


def _shows(day: FuzzyDate | None, as_of: date) -> bool:
    """A fact dated on or before ``as_of``, or whose date the record cannot place after it."""
    return day is None or day.on_or_before(as_of) is not False


def _fz(value: Any) -> FuzzyDate:
    return value if isinstance(value, FuzzyDate) else FuzzyDate.parse(value)


@dataclass(frozen=True)
class Row:
    """One fact about one State, from a per-State record or a sourced list."""

    iso3: str
    name: str
    kind: str
    label: str
    when: FuzzyDate
    detail: str
    sources: tuple[str, ...]
    from_list: bool = False
    url: str = ""


@dataclass(frozen=True)
class OutreachRow:
    date: FuzzyDate
    kind: str
    label: str
    actor: str
    region: str
    description: str
    states: tuple[tuple[str, str], ...]  # (iso3, name)
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AllegationRow:
    period: FuzzyDate
    territory: tuple[str, str] | None
    place: str
    user: tuple[str, str] | None
    user_description: str
    status: str
    status_label: str
    description: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ListRow:
    key: str
    label: str
    as_of: FuzzyDate
    states: tuple[tuple[str, str], ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SourcedFigure:
    key: str
    label: str
    value: float
    as_of: FuzzyDate
    sources: tuple[str, ...]


@dataclass
class Overview:
    as_of: date
    summary: Summary
    counts: rules.StatusCount
    signatories_by_region: dict[str, list[str]]
    votes: list[rules.YearVotes]
    state_votes: list[rules.StateVoteRecord]
    meetings: list[rules.MeetingParticipation]
    participation_lists: list[ListRow]
    outreach: list[OutreachRow]
    affected: list[Row]
    producers: list[Row]
    policies: list[Row]
    allegations: list[AllegationRow]
    figures: list[SourcedFigure]
    names: dict[str, str] = field(default_factory=dict)

    def figure(self, key: str) -> SourcedFigure | None:
        """The latest sourced figure with ``key`` dated on or before the date."""
        found = [f for f in self.figures if f.key == key]
        return found[-1] if found else None


def _lists(keys: Iterable[str], as_of: date) -> list[StateList]:
    lists = StateList.objects.filter(key__in=list(keys)).select_related("source", "entered_by")
    return [sl for sl in lists.prefetch_related("states") if _shows(sl.as_of, as_of)]


def norm_facts(as_of: date, iso3: str | None = None) -> tuple[list[Row], list[Row]]:
    """(affected, producers and stockpilers) on the date, per-State facts first."""
    facts = NonPartyFact.objects.select_related("state", "source", "entered_by")
    if iso3:
        facts = facts.filter(state__iso3=iso3)
    labels = dict(NonPartyFact.Kind.choices)
    rows = [
        Row(
            f.state.iso3,
            f.state.name,
            f.kind,
            str(labels[f.kind]),
            f.as_of,
            "",
            (f.citation,),
        )
        for f in facts
        if _shows(f.as_of, as_of)
    ]
    seen = {(r.iso3, r.kind) for r in rows}
    for sl in _lists(LIST_FACTS, as_of):
        kind = LIST_FACTS[sl.key]
        for state in sl.states.all():
            if (iso3 and state.iso3 != iso3) or (state.iso3, kind) in seen:
                continue
            seen.add((state.iso3, kind))
            rows.append(
                Row(
                    state.iso3,
                    state.name,
                    kind,
                    str(labels[kind]),
                    sl.as_of,
                    sl.label,
                    (sl.citation,),
                    from_list=True,
                )
            )
    rows.sort(key=lambda r: (r.name, r.kind))
    affected = [r for r in rows if r.kind.startswith("affected")]
    producers = [r for r in rows if not r.kind.startswith("affected")]
    return affected, producers


def policies(as_of: date, iso3: str | None = None) -> list[Row]:
    found = Policy.objects.select_related("state", "source", "entered_by")
    if iso3:
        found = found.filter(state__iso3=iso3)
    labels = dict(Policy.Kind.choices)
    rows = [
        Row(
            p.state.iso3,
            p.state.name,
            p.kind,
            str(labels[p.kind]),
            p.adopted,
            p.text,
            (p.citation,),
            url=p.url,
        )
        for p in found
        if _shows(p.adopted, as_of)
    ]
    seen = {(r.iso3, r.kind) for r in rows}
    for sl in _lists(LIST_POLICIES, as_of):
        kind = LIST_POLICIES[sl.key]
        for state in sl.states.all():
            if (iso3 and state.iso3 != iso3) or (state.iso3, kind) in seen:
                continue
            rows.append(
                Row(
                    state.iso3,
                    state.name,
                    kind,
                    str(labels[kind]),
                    sl.as_of,
                    sl.quote or sl.label,
                    (sl.citation,),
                    from_list=True,
                )
            )
    rows.sort(key=lambda r: (r.name, r.when))
    return rows


def state_votes(iso3: str | None = None) -> list[rules.StateVoteRecord]:
    """Every per-State vote: the records, then the review's lists (a record wins)."""
    found = StateVote.objects.select_related("state", "source", "entered_by")
    if iso3:
        found = found.filter(state__iso3=iso3)
    votes = [
        rules.StateVoteRecord(v.state.iso3, v.year, rules.VoteChoice(v.vote), (v.citation,))
        for v in found
    ]
    seen = {(v.iso3, v.year) for v in votes}
    lists = StateList.objects.filter(key__in=list(LIST_VOTES)).select_related(
        "source", "entered_by"
    )
    for sl in lists.prefetch_related("states"):
        year, choice = LIST_VOTES[sl.key]
        for state in sl.states.all():
            if (iso3 and state.iso3 != iso3) or (state.iso3, year) in seen:
                continue
            seen.add((state.iso3, year))
            votes.append(rules.StateVoteRecord(state.iso3, year, choice, (sl.citation,)))
    return sorted(votes, key=lambda v: (v.year, v.iso3))


def vote_totals() -> list[rules.VoteTotals]:
    return [
        rules.VoteTotals(v.year, v.yes, v.no, v.abstain, (v.citation,))
        for v in Vote.objects.select_related("source", "entered_by")
    ]


def votes(as_of: date) -> list[rules.YearVotes]:
    """Votes per year up to the year of ``as_of`` (the resolution is voted in December)."""
    years = rules.votes_by_year(state_votes(), vote_totals())
    return [y for y in years if y.year <= as_of.year]


def participations(as_of: date, iso3: str | None = None) -> list[rules.ParticipationRecord]:
    found = Participation.objects.select_related("state", "meeting", "source", "entered_by")
    if iso3:
        found = found.filter(state__iso3=iso3)
    return [
        rules.ParticipationRecord(
            p.state.iso3, p.meeting.code, p.meeting.opens, rules.Role(p.role), (p.citation,)
        )
        for p in found
        if _shows(p.meeting.opens, as_of)
    ]


def participation_lists(as_of: date) -> list[ListRow]:
    return [
        ListRow(
            sl.key,
            sl.label,
            sl.as_of,
            tuple(sorted(((s.iso3, s.name) for s in sl.states.all()), key=lambda s: s[1])),
            (sl.citation,),
        )
        for sl in _lists(LIST_PARTICIPATION, as_of)
    ]


def outreach(as_of: date, iso3: str | None = None) -> list[OutreachRow]:
    activities = Outreach.objects.select_related("source", "entered_by")
    if iso3:
        activities = activities.filter(targets__state__iso3=iso3).distinct()
    targets: dict[int, list[OutreachTarget]] = {}
    for target in OutreachTarget.objects.select_related("state", "source", "entered_by"):
        targets.setdefault(target.outreach_id, []).append(target)
    labels = dict(Outreach.Kind.choices)
    rows = []
    for a in activities:
        if not _shows(a.date, as_of):
            continue
        mine = targets.get(a.pk, [])
        rows.append(
            OutreachRow(
                a.date,
                a.kind,
                str(labels[a.kind]),
                a.actor,
                a.region,
                a.description,
                tuple((t.state.iso3, t.state.name) for t in mine),
                tuple(dict.fromkeys([a.citation, *(t.citation for t in mine)])),
            )
        )
    return rows


def allegations(as_of: date, iso3: str | None = None) -> list[AllegationRow]:
    found = Allegation.objects.select_related("territory", "user_state", "source", "entered_by")
    if iso3:
        from django.db.models import Q

        found = found.filter(Q(territory__iso3=iso3) | Q(user_state__iso3=iso3))
    labels = dict(Allegation.StatusChoice.choices)
    return [
        AllegationRow(
            a.period,
            (a.territory.iso3, a.territory.name) if a.territory else None,
            a.place,
            (a.user_state.iso3, a.user_state.name) if a.user_state else None,
            a.user_description,
            a.status,
            str(labels[a.status]),
            a.description,
            (a.citation,),
        )
        for a in found
        if _shows(a.period, as_of)
    ]


def sourced_figures(as_of: date) -> list[SourcedFigure]:
    from django.db.models import Q

    query = Q()
    for prefix in FIGURE_PREFIXES:
        query |= Q(key__startswith=prefix)
    found = Figure.objects.filter(query).select_related("source", "entered_by")
    rows = [
        SourcedFigure(f.key, f.label, float(f.value), f.as_of, (f.citation,))
        for f in found
        if _shows(f.as_of, as_of)
    ]
    return sorted(rows, key=lambda f: (f.key, f.as_of))


def names() -> dict[str, str]:
    return dict(State.objects.values_list("iso3", "name"))


@per_record_version
def overview(as_of: date) -> Overview:
    summary = register().summary(as_of)
    affected, producers = norm_facts(as_of)
    return Overview(
        as_of=as_of,
        summary=summary,
        counts=rules.status_count(summary),
        signatories_by_region=rules.by_region(summary, Status.SIGNATORY),
        votes=votes(as_of),
        state_votes=[v for v in state_votes() if v.year <= as_of.year],
        meetings=rules.participation_by_meeting(participations(as_of)),
        participation_lists=participation_lists(as_of),
        outreach=outreach(as_of),
        affected=affected,
        producers=producers,
        policies=policies(as_of),
        allegations=allegations(as_of),
        figures=sourced_figures(as_of),
        names={s.iso3: s.name for s in summary.states},
    )


def parties_over_time(as_of: date) -> list[rules.StatusCount]:
    """States Parties and signatories at each year end since the Convention opened for
    signature (2008), and on ``as_of``."""
    return rules.status_over_time(register(), rules.year_ends(2008, as_of))
