"""Universalization against the database: model validation through the one write path,
the reference data (paras 6, 8, 9, 16, 18, 19), and the review's section II figures for
2015-09-11..2020-09-28 against CCM/CONF/2020/13 paras 3-11."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.themes.document import Period
from treaty_tracker.universalization import review, selectors
from treaty_tracker.universalization.models import (
    Allegation,
    Participation,
    Policy,
    StateVote,
    Vote,
)

REVIEW = date(2020, 9, 28)
PERIOD = Period(date(2015, 9, 11), REVIEW)
pytestmark = pytest.mark.django_db


def _state(iso3: str) -> State:
    return State.objects.get(iso3=iso3)


# -- model validation, through save_fact -------------------------------------------------


def test_it_saves_a_state_vote_with_history(isla: User) -> None:
    vote = save_fact(StateVote(state=_state("ISL"), year=2019, vote="yes"), user=isla)
    assert vote.entered_by == isla and vote.history.count() == 1


def test_it_refuses_a_vote_before_the_first_resolution(isla: User) -> None:
    with pytest.raises(ValidationError) as error:
        save_fact(StateVote(state=_state("ISL"), year=2010, vote="yes"), user=isla)
    assert "year" in error.value.message_dict
    assert not StateVote.objects.filter(year=2010).exists()


def test_it_refuses_more_no_votes_than_the_sourced_total(isla: User) -> None:
    # 2019: 1 "no" vote in the sourced totals (para 8).
    save_fact(StateVote(state=_state("RUS"), year=2019, vote="no"), user=isla)
    with pytest.raises(ValidationError) as error:
        save_fact(StateVote(state=_state("SYR"), year=2019, vote="no"), user=isla)
    assert list(error.value.message_dict) == ["vote"]


def test_it_refuses_vote_totals_above_the_membership_every_field_at_once(isla: User) -> None:
    with pytest.raises(ValidationError) as error:
        save_fact(Vote(year=2012, yes=150, no=30, abstain=40), user=isla)
    assert set(error.value.message_dict) == {"year", "yes"}


def test_it_refuses_an_allegation_without_place_and_a_denial_without_a_user(isla: User) -> None:
    with pytest.raises(ValidationError) as error:
        save_fact(Allegation(period=FuzzyDate.parse("2019"), status="denied"), user=isla)
    assert set(error.value.message_dict) == {"territory", "user_state"}
    saved = save_fact(
        Allegation(period=FuzzyDate.parse("2019"), status="alleged", territory=_state("YEM")),
        user=isla,
    )
    assert saved.pk


def test_it_refuses_state_party_role_for_a_state_not_yet_party(isla: User) -> None:
    meeting = Meeting.objects.get(code="6MSP")
    with pytest.raises(ValidationError) as error:
        save_fact(
            Participation(state=_state("CHN"), meeting=meeting, role="state_party"), user=isla
        )
    assert list(error.value.message_dict) == ["role"]
    ok = save_fact(Participation(state=_state("CHN"), meeting=meeting, role="observer"), user=isla)
    assert ok.pk


def test_a_fact_needs_a_source_or_a_user() -> None:
    with pytest.raises(ValidationError) as error:
        Policy(
            state=_state("FIN"), kind="no_use", adopted=FuzzyDate.parse("2019"), text="x"
        ).full_clean()
    assert "source" in error.value.message_dict


# -- reference data and selectors ----------------------------------------------------------


def test_the_review_lists_are_read_as_facts_without_copies() -> None:
    view = selectors.overview(REVIEW)
    affected = {r.iso3 for r in view.affected}
    assert {"AGO", "COD", "SYR", "GEO"} <= affected
    assert {r.iso3 for r in view.producers} >= {"USA", "RUS", "CHN"}
    kinds = {(r.iso3, r.kind) for r in view.policies}
    assert ("FIN", "restricted_use") in kinds and ("THA", "removed_from_stocks") in kinds
    assert ("USA", "use_policy") in kinds
    assert all(r.sources for r in view.policies)


def test_votes_show_the_sourced_totals_while_the_per_state_record_is_incomplete() -> None:
    years = {y.year: y for y in selectors.votes(REVIEW)}
    assert (years[2019].yes, years[2019].no, years[2019].abstain) == (144, 1, 38)
    assert years[2019].basis == "sourced"
    assert years[2019].per_state["abstain"] == 1  # Cyprus, para 9
    assert years[2019].per_state["yes"] == 31  # the list of para 8
    assert years[2015].basis == "sourced"


def test_the_allegation_of_para_16_is_on_the_record() -> None:
    rows = selectors.allegations(REVIEW, "SYR")
    assert [r.status for r in rows] == ["reported"]


# -- the review's figures for 2015-09-11..2020-09-28 --------------------------------------


def _figures() -> dict[str, object]:
    content = review.build(PERIOD)
    found: dict[str, object] = {}
    from treaty_tracker.themes.document import _block_figures

    for block in content.status:
        for f in _block_figures(block):
            found.setdefault(f.key, f.value)
    return found


def test_section_ii_agrees_with_paras_3_4_and_5() -> None:
    figures = _figures()
    assert figures["universalization.committed_states"] == 123
    assert figures["universalization.states_parties"] == 110
    assert figures["universalization.signatories"] == 13
    assert figures["universalization.joined"] == 14
    assert "universalization.joined.sourced" not in figures
    assert figures["universalization.joined.2018"] == 3
    assert figures["universalization.joined.2020"] == 3
    assert figures["universalization.ratifications.2020"] == 1
    assert figures["universalization.accessions.2020"] == 2
    assert set(figures["universalization.joined.2020.states"]) == {"STP", "NIU", "LCA"}  # type: ignore[arg-type]
    assert figures["universalization.signatories.africa"] == 9
    assert figures["universalization.signatories.americas"] == 2
    # Para 5 counts Cyprus in Europe; the record's regions are the UN M49 ones, where
    # Cyprus is in (Western) Asia: the computation keeps M49 (docs/universalization.md).
    assert figures["universalization.signatories.asia.states"] == ("CYP", "IDN")
    assert "universalization.signatories.europe" not in figures


def test_section_ii_agrees_with_paras_6_8_and_11() -> None:
    figures = _figures()
    assert figures["universalization.affected_signatories.states"] == ("AGO", "COD")
    assert figures["universalization.unga_last_year"] == 2019
    assert (
        figures["universalization.unga_yes"],
        figures["universalization.unga_no"],
        figures["universalization.unga_abstain"],
    ) == (144, 1, 38)
    assert len(figures["universalization.msp_nonparties.states"]) == 30  # type: ignore[arg-type]
    # No per-meeting participation on the record: the average is not known, the sourced
    # figure (around 18) is shown beside it.
    assert figures["universalization.msp_nonparty_average"] is None
    assert figures["universalization.msp_nonparty_average.sourced"] == 18
    assert figures["universalization.allegations.territories"] == ("SYR",)
