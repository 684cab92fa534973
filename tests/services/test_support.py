"""Implementation support facts: validation in ``clean()`` through the one write path
(``save_fact``), the reference data of section IX, the computed overview and the review's
section IX figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.reference.loader import DATA_DIR
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.support import CODES
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.support import review, selectors
from treaty_tracker.support.models import (
    AssessedContribution,
    CoordinatorRole,
    IsuBudget,
    IsuContribution,
    MeetingDocument,
    ReserveBalance,
    ReserveTarget,
    SponsoredParticipation,
    SponsorshipContribution,
)
from treaty_tracker.themes.document import Period

pytestmark = pytest.mark.django_db
PERIOD = Period(date(2015, 9, 11), date(2020, 9, 28))
DOCS = Path(__file__).resolve().parents[2] / "docs" / "support.md"


def _state(iso3: str) -> State:
    return State.objects.get(iso3=iso3)


def _meeting(code: str) -> Meeting:
    return Meeting.objects.get(code=code)


def _refused(fact: object, user: User) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        save_fact(fact, user=user)  # type: ignore[type-var]
    return caught.value.message_dict


# -- validation, every problem with its field -------------------------------------------


def test_it_refuses_a_bad_contribution_with_every_problem(isla: User) -> None:
    fact = IsuContribution(year=1990, amount=D(-5), currency="FRF")
    errors = _refused(fact, isla)
    assert set(errors) >= {"year", "amount", "currency", "state"}
    assert not IsuContribution.objects.exists()


def test_it_refuses_a_reversed_coordinator_period_and_a_missing_theme(isla: User) -> None:
    fact = CoordinatorRole(
        state=_state("NOR"),
        role="coordinator",
        theme="",
        starts=FuzzyDate.parse("2018-09"),
        ends=FuzzyDate.parse("2017-09"),
    )
    errors = _refused(fact, isla)
    assert set(errors) == {"theme", "ends"}


def test_it_refuses_more_sponsored_states_than_delegates(isla: User) -> None:
    fact = SponsoredParticipation(meeting=_meeting("9MSP"), delegates=3, states_count=5)
    assert set(_refused(fact, isla)) == {"states_count"}


def test_it_keeps_an_overpayment(isla: User) -> None:
    # Paid more than assessed is possible (a credit): kept, shown as a credit.
    fact = save_fact(
        AssessedContribution(
            meeting=_meeting("9MSP"),
            state=_state("NOR"),
            assessed=D(1000),
            paid=D(1200),
            currency="USD",
            as_of=FuzzyDate.parse("2019-12-31"),
        ),
        user=isla,
    )
    assert fact.entered_by == isla
    (row,) = selectors.overview(date(2020, 1, 1)).arrears
    assert (row.outstanding, row.credit) == (D(0), D(200))


def test_it_refuses_a_negative_budget_and_reserve(isla: User) -> None:
    assert set(_refused(IsuBudget(year=2018, amount=D(-1), currency="CHF"), isla)) == {"amount"}
    balance = ReserveBalance(amount=D(5), currency="", as_of=FuzzyDate.parse("2019"))
    assert "currency" in _refused(balance, isla)


# -- the reference data ---------------------------------------------------------------------


def test_the_reference_data_holds_the_reserve_target_of_para_119() -> None:
    target = ReserveTarget.objects.get()
    assert (target.amount, target.currency, target.decided_at.code) == (
        D(400000),
        "CHF",
        "7MSP",
    )
    assert target.citation == "CCM/CONF/2020/13 para 119"


def test_the_reference_data_invents_no_amounts() -> None:
    facts = yaml.safe_load((DATA_DIR / "support.yaml").read_text(encoding="utf-8"))["facts"]
    assert not IsuBudget.objects.exists()
    assert not IsuContribution.objects.exists()
    assert not AssessedContribution.objects.exists()
    assert not SponsorshipContribution.objects.exists()
    assert all(f["source"]["ref"] == "review2020" for f in facts)
    assert MeetingDocument.objects.filter(meeting__code="9MSP").count() == 2


# -- the overview and the review ----------------------------------------------------------


def test_the_overview_compares_budget_and_contributions(isla: User) -> None:
    save_fact(IsuBudget(year=2018, amount=D(500000), currency="CHF"), user=isla)
    for iso3, amount in (("NOR", D(300000)), ("CHE", D(250000))):
        save_fact(
            IsuContribution(state=_state(iso3), year=2018, amount=amount, currency="CHF"),
            user=isla,
        )
    save_fact(IsuContribution(state=_state("AUS"), year=2018, amount=None), user=isla)
    (year,) = selectors.overview(date(2019, 1, 1)).budgets
    assert (year.budget, year.contributions.amount, year.covered) == (
        D(500000),
        D(550000),
        True,
    )
    assert year.contributors == ("AUS", "CHE", "NOR")
    assert not year.contributions.complete  # Australia's amount is not known


def test_the_review_section_gives_the_figures_of_section_ix() -> None:
    figures = review.figures(PERIOD)
    assert figures["meetings_held"].value == 4  # para 123: an MSP annually since the 1RC
    assert figures["meeting_places"].value == ("Geneva",)  # para 127
    assert figures["reserve_target"].value == 400000  # para 119
    assert figures["reserve_target"].text == "CHF 400,000"
    assert figures["sponsorship_average_chf"].value == 52800  # para 134
    assert figures["sponsored_delegates_average"].value == 17
    assert figures["sponsored_states_average"].value == 16
    assert figures["sponsorship_donors_average"].value == 4  # para 135
    for name in ("reserve_balance", "isu_contributors", "arrears_outstanding", "coordinators"):
        assert figures[name].value is None
        assert figures[name].text == "not known"
    assert all(f.key == f"support.{name}" for name, f in figures.items())


def test_the_review_section_is_declared_without_evaluation_parts() -> None:
    assert (review.SECTION.number, review.SECTION.key, review.SECTION.thematic) == (
        "IX",
        "support",
        False,
    )
    content = review.SECTION.build(PERIOD)
    assert content.theme == "support" and len(content.status) == 4


def test_the_review_computes_sponsorship_from_the_record_when_it_has_every_meeting(
    isla: User,
) -> None:
    for code, delegates, states in (
        ("6MSP", 10, 8),
        ("7MSP", 20, 18),
        ("8MSP", 15, 15),
        ("9MSP", 21, 19),
    ):
        save_fact(
            SponsoredParticipation(
                meeting=_meeting(code), delegates=delegates, states_count=states
            ),
            user=isla,
        )
    figures = review.figures(PERIOD)
    assert figures["sponsored_delegates_average"].value == 16.5
    assert figures["sponsored_delegates_average"].method.startswith("computed")
    assert figures["sponsored_states_average"].value == 15


def test_every_finding_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [code for code in CODES if f"`{code}`" not in text] == []
