"""Article 4 facts through the one write path (``sources.services.save_fact``): bad input
is refused with every problem by its field and nothing written; the reference data loads
and its review quotes are word for word."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from treaty_tracker.clearance.models import (
    ContaminatedArea,
    ContaminationEstimate,
    LandRelease,
    Milestone,
    NationalPlan,
    RiskEducation,
    Survey,
)
from treaty_tracker.rules import FuzzyDate
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def lao(db: None) -> State:
    return State.objects.get(iso3="LAO")


def refused(fact: object, user: User) -> dict[str, list[str]]:
    model = type(fact)
    before = model.objects.count()  # type: ignore[attr-defined]
    with pytest.raises(ValidationError) as error:
        save_fact(fact, user=user)  # type: ignore[type-var]
    assert model.objects.count() == before  # type: ignore[attr-defined]
    return error.value.message_dict


def test_it_saves_a_release_attributed_to_the_user_with_history(lao: State, isla: User) -> None:
    fact = save_fact(
        LandRelease(state=lao, year=2019, method="cleared", area_m2=10, submunitions_destroyed=1),
        user=isla,
    )
    assert fact.citation == "entered by isla"
    assert fact.history.count() == 1


def test_it_refuses_a_bad_area_naming_every_field(lao: State, isla: User) -> None:
    errors = refused(
        ContaminatedArea(
            state=lao,
            name="Sector 4",
            size_m2=-5,
            discovered=FuzzyDate.parse("2012"),
            previous_completion=FuzzyDate.parse("2013"),
            released=FuzzyDate.parse("2011"),
            geometry='{"type": "Feature"}',
        ),
        isla,
    )
    assert set(errors) == {"size_m2", "discovered", "released", "geometry"}


def test_it_refuses_a_release_too_large_for_one_year_with_the_other_methods(
    lao: State, isla: User
) -> None:
    save_fact(LandRelease(state=lao, year=2019, method="cleared", area_m2=9_000_000_000), user=isla)
    errors = refused(
        LandRelease(state=lao, year=2019, method="reduced", area_m2=2_000_000_000), isla
    )
    assert list(errors) == ["area_m2"]


def test_it_refuses_a_second_row_for_the_same_state_year_and_method(lao: State, isla: User) -> None:
    save_fact(LandRelease(state=lao, year=2019, method="cleared", area_m2=1), user=isla)
    errors = refused(LandRelease(state=lao, year=2019, method="cleared", area_m2=2), isla)
    assert "__all__" in errors


def test_it_refuses_negative_release_and_submunitions_from_cancelled_land(
    lao: State, isla: User
) -> None:
    errors = refused(
        LandRelease(state=lao, year=1900, method="cancelled", area_m2=-1, submunitions_destroyed=3),
        isla,
    )
    assert set(errors) == {"year", "area_m2", "submunitions_destroyed"}


def test_it_refuses_beneficiaries_above_the_total(lao: State, isla: User) -> None:
    errors = refused(
        RiskEducation(state=lao, year=2019, girls=30, boys=-1, women=20, total=40), isla
    )
    assert set(errors) == {"boys", "total"}


def test_it_refuses_risk_education_with_no_figure(lao: State, isla: User) -> None:
    assert set(refused(RiskEducation(state=lao, year=2019), isla)) == {"total"}


def test_it_refuses_a_milestone_achieved_before_its_plan_was_adopted(
    lao: State, isla: User
) -> None:
    plan = save_fact(
        NationalPlan(
            state=lao,
            kind="work_plan",
            title="Work plan 2021-2025",
            period_start=FuzzyDate.parse("2021"),
            period_end=FuzzyDate.parse("2025"),
            adopted=FuzzyDate.parse("2020-11"),
        ),
        user=isla,
    )
    errors = refused(
        Milestone(
            plan=plan,
            due=FuzzyDate.parse("2022"),
            description="Survey of Xieng Khouang",
            achieved=FuzzyDate.parse("2019"),
        ),
        isla,
    )
    assert list(errors) == ["achieved"]
    ok = save_fact(
        Milestone(
            plan=plan,
            due=FuzzyDate.parse("2022"),
            description="Survey",
            achieved=FuzzyDate.parse("2022-03"),
        ),
        user=isla,
    )
    assert ok.pk


def test_it_refuses_a_plan_that_ends_before_it_starts(lao: State, isla: User) -> None:
    errors = refused(
        NationalPlan(
            state=lao,
            kind="strategy",
            title="Strategy",
            period_start=FuzzyDate.parse("2025"),
            period_end=FuzzyDate.parse("2020"),
        ),
        isla,
    )
    assert list(errors) == ["period_end"]


def test_it_refuses_a_negative_estimate_and_survey(lao: State, isla: User) -> None:
    assert list(refused(ContaminationEstimate(state=lao, area_m2=-1, as_of=FuzzyDate()), isla)) == [
        "area_m2"
    ]
    assert list(
        refused(Survey(state=lao, kind="technical", carried_out=FuzzyDate(), area_m2=-1), isla)
    ) == ["area_m2"]


def test_it_loaded_the_reference_facts() -> None:
    mrt = ContaminatedArea.objects.get(state__iso3="MRT")
    assert mrt.found_after_completion and mrt.size_m2 is None
    assert mrt.citation == "CCM/CONF/2020/13 para 38"
    lao = ContaminationEstimate.objects.get(state__iso3="LAO")
    assert (lao.area_m2, lao.bound, lao.as_of) == (800_000_000, "at_least", FuzzyDate())
    assert sorted(Survey.objects.values_list("state__iso3", flat=True)) == [
        "AFG",
        "CHL",
        "DEU",
        "HRV",
        "IRQ",
        "LAO",
        "LBN",
        "MNE",
    ]
