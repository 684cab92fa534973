"""The universalization rules, table-tested (no Django)."""

from __future__ import annotations

from datetime import date

import pytest

from treaty_tracker.rules import universalization as u
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.results import Status


@pytest.mark.parametrize(
    ("year", "yes", "no", "abstain", "fields"),
    [
        (2019, 144, 1, 38, set()),
        (2013, 1, 1, 1, {"year"}),
        (2019, 150, 30, 40, {"yes"}),
        (2010, 150, 30, 40, {"year", "yes"}),
        (2019, None, None, None, set()),
    ],
)
def test_vote_totals(
    year: int, yes: int | None, no: int | None, abstain: int | None, fields: set[str]
) -> None:
    assert {f.field for f in u.check_vote_totals(year, yes, no, abstain)} == fields


@pytest.mark.parametrize(
    ("vote", "others", "totals", "codes"),
    [
        ("no", {}, {"yes": 144, "no": 1, "abstain": 38}, []),
        (
            "no",
            {"no": 1},
            {"yes": 144, "no": 1, "abstain": 38},
            ["universalization.vote_exceeds_total"],
        ),
        ("no", {"no": 5}, None, []),
        ("absent", {"absent": 50}, {"yes": 144, "no": 1, "abstain": 38}, []),
    ],
)
def test_state_vote_against_totals(
    vote: str, others: dict[str, int], totals: dict[str, int] | None, codes: list[str]
) -> None:
    assert [f.code for f in u.check_state_vote(2019, vote, others, totals)] == codes


@pytest.mark.parametrize(
    ("role", "status", "refused"),
    [
        ("state_party", Status.STATE_PARTY, False),
        ("state_party", Status.SIGNATORY, True),
        ("state_party", Status.NOT_KNOWN, False),
        ("state_party", None, False),
        ("observer", Status.NOT_SIGNED, False),
    ],
)
def test_participation_role(role: str, status: Status | None, refused: bool) -> None:
    assert bool(u.check_participation(role, status)) is refused


@pytest.mark.parametrize(
    ("status", "territory", "place", "user", "fields"),
    [
        ("alleged", "SYR", "", None, set()),
        ("alleged", None, "Idlib", None, set()),
        ("alleged", None, " ", None, {"territory"}),
        ("denied", "YEM", "", None, {"user_state"}),
        ("denied", None, "", None, {"territory", "user_state"}),
        ("denied", "UKR", "", "RUS", set()),
    ],
)
def test_allegation(
    status: str, territory: str | None, place: str, user: str | None, fields: set[str]
) -> None:
    assert {f.field for f in u.check_allegation(status, territory, place, user)} == fields


def _vote(iso3: str, vote: str, year: int = 2019) -> u.StateVoteRecord:
    return u.StateVoteRecord(iso3, year, u.VoteChoice(vote), ("src",))


def test_votes_use_sourced_totals_until_every_member_has_voted() -> None:
    totals = [u.VoteTotals(2019, 144, 1, 38, ("para 8",))]
    partial = [_vote("CYP", "abstain")]
    (year,) = u.votes_by_year(partial, totals)
    assert (year.basis, year.yes, year.abstain, year.per_state["abstain"]) == (
        "sourced",
        144,
        38,
        1,
    )
    complete = [_vote("A", "yes"), _vote("B", "no"), _vote("C", "abstain"), _vote("D", "absent")]
    (year,) = u.votes_by_year(complete, totals, members=4)
    assert (year.basis, year.yes, year.no, year.abstain, year.absent) == ("per_state", 1, 1, 1, 1)
    assert year.mismatch  # 1-1-1 is not 144-1-38
    (year,) = u.votes_by_year(partial, [])
    assert (year.basis, year.yes, year.total) == ("not_known", None, None)


def test_last_year_in_a_period() -> None:
    years = u.votes_by_year(
        [],
        [
            u.VoteTotals(2015, 139, 2, 40),
            u.VoteTotals(2019, 144, 1, 38),
            u.VoteTotals(2021, 1, 1, 1),
        ],
    )
    last = u.last_year_in(years, date(2015, 9, 11), date(2020, 9, 28))
    assert last is not None and last.year == 2019
    assert u.last_year_in(years, date(2016, 1, 1), date(2018, 1, 1)) is None


def test_participation_by_meeting_and_average() -> None:
    records = [
        u.ParticipationRecord("CHN", "7MSP", FuzzyDate.parse("2017-09"), u.Role.OBSERVER),
        u.ParticipationRecord("AGO", "7MSP", FuzzyDate.parse("2017-09"), u.Role.SIGNATORY),
        u.ParticipationRecord("ISL", "7MSP", FuzzyDate.parse("2017-09"), u.Role.STATE_PARTY),
        u.ParticipationRecord("CHN", "6MSP", FuzzyDate.parse("2016-09"), u.Role.OBSERVER),
    ]
    meetings = u.participation_by_meeting(records)
    assert [m.meeting for m in meetings] == ["6MSP", "7MSP"]
    assert meetings[1].non_parties == ("AGO", "CHN")
    assert u.average_non_parties(meetings) == 1.5
    assert u.average_non_parties([]) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2016", True),
        ("2015", None),
        ("2014", False),
        ("not known", None),
        ("by 2015-01-01", False),
    ],
)
def test_within(day: str, expected: bool | None) -> None:
    assert u.within(FuzzyDate.parse(day), date(2015, 9, 11), date(2020, 9, 28)) is expected


def test_year_ends() -> None:
    assert u.year_ends(2018, date(2020, 9, 28)) == [
        date(2018, 12, 31),
        date(2019, 12, 31),
        date(2020, 9, 28),
    ]
