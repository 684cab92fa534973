"""Universalization and the norm (CCM/CONF/2020/13 paras 3-27): pure computations over the
register (statuses, joiners) and over the universalization facts (UNGA votes, meeting
participation, policies, allegations of use). No Django here.

Finding codes (stable, documented in ``docs/universalization.md``):

``universalization.vote_year``             a UNGA vote year before the first resolution
``universalization.vote_exceeds_total``    more per-State votes of one kind than the total
``universalization.vote_total_too_large``  yes + no + abstentions above the UN membership
``universalization.participation_role``    role "State Party" for a State that was not one
``universalization.allegation_place``      an allegation with neither territory nor place
``universalization.allegation_denied``     "denied" without the State alleged to have used
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.engine import Register
from treaty_tracker.rules.findings import Finding, error
from treaty_tracker.rules.results import Status, Summary

# Para 8: the resolution "has been introduced annually since 2014" (the review's words).
FIRST_RESOLUTION_YEAR = 2014
# Members of the United Nations since South Sudan's admission (2011): a year's per-State
# record of votes is complete when it holds one vote (or absence) for each of them.
UN_MEMBERS = 193


class VoteChoice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"
    ABSENT = "absent"  # did not vote


class Role(StrEnum):
    """How a State took part in a meeting of the Convention."""

    STATE_PARTY = "state_party"
    SIGNATORY = "signatory"
    OBSERVER = "observer"  # a State neither party nor signatory
    NOT_KNOWN = "not_known"


class AllegationStatus(StrEnum):
    ALLEGED = "alleged"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DENIED = "denied"


# -- validation --------------------------------------------------------------------------


def check_vote_totals(
    year: int | None, yes: int | None, no: int | None, abstain: int | None
) -> list[Finding]:
    """The sourced totals of one year's vote."""
    findings: list[Finding] = []
    if year is not None and year < FIRST_RESOLUTION_YEAR:
        findings.append(
            error(
                "universalization.vote_year",
                "year",
                f"The first resolution on the Convention was in {FIRST_RESOLUTION_YEAR}.",
                year=year,
            )
        )
    if None not in (yes, no, abstain) and (yes or 0) + (no or 0) + (abstain or 0) > UN_MEMBERS:
        findings.append(
            error(
                "universalization.vote_total_too_large",
                "yes",
                f"Yes, no and abstentions add up to more than the {UN_MEMBERS} UN members.",
            )
        )
    return findings


def check_state_vote(
    year: int | None,
    vote: str,
    others: Mapping[str, int],
    totals: Mapping[str, int] | None,
) -> list[Finding]:
    """One State's vote in a year, against the other per-State votes of that year
    (``others``: vote -> count, without this State) and the sourced totals (if any)."""
    findings: list[Finding] = []
    if year is not None and year < FIRST_RESOLUTION_YEAR:
        findings.append(
            error(
                "universalization.vote_year",
                "year",
                f"The first resolution on the Convention was in {FIRST_RESOLUTION_YEAR}.",
                year=year,
            )
        )
    if totals is not None and vote in totals and others.get(vote, 0) + 1 > totals[vote]:
        findings.append(
            error(
                "universalization.vote_exceeds_total",
                "vote",
                f"The record already holds {others.get(vote, 0)} '{vote}' votes for {year}, "
                f"and the sourced total is {totals[vote]}.",
                year=year,
                vote=vote,
            )
        )
    return findings


def check_participation(role: str, status_at_meeting: Status | None) -> list[Finding]:
    """A role of "State Party" must agree with the register on the meeting's date."""
    if (
        role == Role.STATE_PARTY
        and status_at_meeting is not None
        and status_at_meeting not in (Status.STATE_PARTY, Status.NOT_KNOWN)
    ):
        return [
            error(
                "universalization.participation_role",
                "role",
                "The record does not show this State as a State Party on the meeting's date.",
                status=str(status_at_meeting),
            )
        ]
    return []


def check_allegation(
    status: str, territory: str | None, place: str, user_state: str | None
) -> list[Finding]:
    findings: list[Finding] = []
    if not territory and not place.strip():
        findings.append(
            error(
                "universalization.allegation_place",
                "territory",
                "Say where: the State on whose territory, or the place.",
            )
        )
    if status == AllegationStatus.DENIED and not user_state:
        findings.append(
            error(
                "universalization.allegation_denied",
                "user_state",
                "Only the State alleged to have used cluster munitions can deny it: name it.",
            )
        )
    return findings


def by_field(findings: Iterable[Finding], default: str = "__all__") -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        errors[finding.field or default].append(finding.message)
    return dict(errors)


# -- statuses and joiners ----------------------------------------------------------------


@dataclass(frozen=True)
class StatusCount:
    day: date
    states_parties: int
    signatories: int

    @property
    def committed(self) -> int:
        """Para 3: States "committed themselves to the goals" = parties + signatories."""
        return self.states_parties + self.signatories


def status_count(summary: Summary) -> StatusCount:
    return StatusCount(summary.as_of, len(summary.states_parties), len(summary.signatories))


def year_ends(first: int, as_of: date) -> list[date]:
    """31 December of each year from ``first``, and ``as_of`` for its own (partial) year."""
    days = [date(y, 12, 31) for y in range(first, as_of.year)]
    return [*days, as_of]


def status_over_time(register: Register, days: Sequence[date]) -> list[StatusCount]:
    return [status_count(register.summary(day)) for day in days]


@dataclass(frozen=True)
class Joiner:
    iso3: str
    name: str
    region: str
    kind: str  # ratification, accession, acceptance, approval
    consent: FuzzyDate
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Joiners:
    start: date
    end: date
    states: tuple[Joiner, ...]
    uncertain: tuple[Joiner, ...]  # consent dates the record cannot place in or out

    def by_year(self) -> dict[int, list[Joiner]]:
        years: dict[int, list[Joiner]] = defaultdict(list)
        for joiner in self.states:
            assert joiner.consent.earliest is not None
            years[joiner.consent.earliest.year].append(joiner)
        return dict(sorted(years.items()))

    def kinds(self) -> Counter[str]:
        return Counter(j.kind for j in self.states)


def joiners(summary: Summary, start: date, end: date) -> Joiners:
    """The States whose consent to be bound (ratification, accession…) falls within
    ``start``..``end`` (both included), from the register as of ``end``; a State whose
    consent date the record cannot place on either side is ``uncertain``. A State that
    has since withdrawn still joined in the period."""
    found: list[Joiner] = []
    uncertain: list[Joiner] = []
    for state in summary.states:
        record = state.record
        if record.consent is None or record.consent_kind is None:
            continue
        joiner = Joiner(
            state.iso3,
            state.name,
            state.region,
            str(record.consent_kind),
            record.consent,
            tuple(record.sources.get("consent", ())),
        )
        lo, hi = record.consent.earliest, record.consent.latest
        if lo is not None and hi is not None and start <= lo and hi <= end:
            found.append(joiner)
        elif (hi is not None and hi < start) or (lo is not None and lo > end):
            continue
        else:
            uncertain.append(joiner)
    key = _consent_order
    return Joiners(start, end, tuple(sorted(found, key=key)), tuple(sorted(uncertain, key=key)))


def _consent_order(joiner: Joiner) -> tuple[date, str]:
    return (joiner.consent.earliest or date.min, joiner.name)


def by_region(summary: Summary, status: Status) -> dict[str, list[str]]:
    """Region -> ISO codes of the States with ``status`` (para 5: signatories by region)."""
    regions: dict[str, list[str]] = defaultdict(list)
    for state in summary.states:
        if state.status is status:
            regions[state.region or "not known"].append(state.iso3)
    return dict(sorted(regions.items()))


# -- UNGA votes --------------------------------------------------------------------------


@dataclass(frozen=True)
class StateVoteRecord:
    iso3: str
    year: int
    vote: VoteChoice
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class VoteTotals:
    year: int
    yes: int
    no: int
    abstain: int
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearVotes:
    """One year: the totals shown (``basis`` "per_state" when computed from a complete
    per-State record, "sourced" when taken from the sourced totals, "not_known" when
    neither), the per-State counts known, and whether both disagree."""

    year: int
    basis: str
    yes: int | None
    no: int | None
    abstain: int | None
    absent: int | None
    per_state: Mapping[str, int]
    per_state_complete: bool
    sourced: VoteTotals | None
    mismatch: bool
    sources: tuple[str, ...] = field(default=())

    @property
    def total(self) -> int | None:
        if self.yes is None or self.no is None or self.abstain is None:
            return None
        return self.yes + self.no + self.abstain


def votes_by_year(
    votes: Iterable[StateVoteRecord], totals: Iterable[VoteTotals], members: int = UN_MEMBERS
) -> list[YearVotes]:
    per_year: dict[int, list[StateVoteRecord]] = defaultdict(list)
    for vote in votes:
        per_year[vote.year].append(vote)
    sourced = {t.year: t for t in totals}
    result = []
    for year in sorted(set(per_year) | set(sourced)):
        rows = per_year.get(year, [])
        counts = Counter(str(v.vote) for v in rows)
        counted = {c.value: counts.get(c.value, 0) for c in VoteChoice}
        complete = len({v.iso3 for v in rows}) >= members
        given = sourced.get(year)
        row_sources = tuple(dict.fromkeys(s for v in rows for s in v.sources))
        if complete:
            mismatch = given is not None and (given.yes, given.no, given.abstain) != (
                counted["yes"],
                counted["no"],
                counted["abstain"],
            )
            result.append(
                YearVotes(
                    year,
                    "per_state",
                    counted["yes"],
                    counted["no"],
                    counted["abstain"],
                    counted["absent"],
                    counted,
                    True,
                    given,
                    mismatch,
                    row_sources + (given.sources if given else ()),
                )
            )
        elif given is not None:
            result.append(
                YearVotes(
                    year,
                    "sourced",
                    given.yes,
                    given.no,
                    given.abstain,
                    None,
                    counted,
                    False,
                    given,
                    False,
                    given.sources + row_sources,
                )
            )
        else:
            result.append(
                YearVotes(
                    year,
                    "not_known",
                    None,
                    None,
                    None,
                    None,
                    counted,
                    False,
                    None,
                    False,
                    row_sources,
                )
            )
    return result


def last_year_in(years: Sequence[YearVotes], start: date, end: date) -> YearVotes | None:
    """The latest year within the period with known totals (para 8 quotes 2019's vote)."""
    within = [y for y in years if start.year <= y.year <= end.year and y.basis != "not_known"]
    return within[-1] if within else None


# -- participation -----------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipationRecord:
    iso3: str
    meeting: str  # code, e.g. 9MSP
    opens: FuzzyDate
    role: Role
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingParticipation:
    meeting: str
    opens: FuzzyDate
    by_role: Mapping[str, tuple[str, ...]]

    @property
    def non_parties(self) -> tuple[str, ...]:
        """States taking part that were not States Parties (signatories and observers)."""
        return self.by_role.get(Role.SIGNATORY, ()) + self.by_role.get(Role.OBSERVER, ())


def participation_by_meeting(records: Iterable[ParticipationRecord]) -> list[MeetingParticipation]:
    meetings: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    opens: dict[str, FuzzyDate] = {}
    for r in records:
        meetings[r.meeting][str(r.role)].append(r.iso3)
        opens[r.meeting] = r.opens
    return [
        MeetingParticipation(
            code, opens[code], {role: tuple(sorted(states)) for role, states in roles.items()}
        )
        for code, roles in sorted(meetings.items(), key=lambda m: (opens[m[0]], m[0]))
    ]


def average_non_parties(meetings: Sequence[MeetingParticipation]) -> float | None:
    """Para 11's "on average, around 18": the mean number of non-parties per meeting for
    which participation is on the record (None without any such meeting)."""
    if not meetings:
        return None
    return sum(len(m.non_parties) for m in meetings) / len(meetings)


def within(day: FuzzyDate, start: date, end: date) -> bool | None:
    """True if ``day`` certainly lies in start..end, False if certainly not, None if the
    record cannot tell."""
    lo, hi = day.earliest, day.latest
    if lo is not None and hi is not None and start <= lo and hi <= end:
        return True
    if (hi is not None and hi < start) or (lo is not None and lo > end):
        return False
    return None
