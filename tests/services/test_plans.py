"""Action plans and indicators from the reference data: the DAP as the review cites it, the
LAP's confirmed structure, indicators computed from the record, part B of the review
(``plans.evaluation``), and the models' validation through the one write path."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from treaty_tracker.plans.evaluation import blocks
from treaty_tracker.plans.models import Action, ActionPlan, Indicator
from treaty_tracker.plans.selectors import evaluate, plan_in_force, rows, serialize
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.indicators import NOT_DEFINED
from treaty_tracker.sources.services import save_fact
from treaty_tracker.themes.document import Figure, Period, Table

REVIEW = Period(date(2015, 9, 11), date(2020, 9, 28))


def _indicator(data: dict, key: str) -> dict:
    return next(i for a in data["actions"] for i in a["indicators"] if i["key"] == key)


def test_it_loads_the_dap_actions_as_the_review_cites_them(db: None) -> None:
    dap = ActionPlan.objects.get(code="DAP")
    assert dap.adopted_at is not None and dap.adopted_at.code == "1RC"
    numbers = [a.number for a in Action.objects.filter(plan=dap)]
    assert {"1.1", "1.3", "2.1", "2.4", "3.1", "3.8", "4.1", "6.1", "7.3"} <= set(numbers)
    first = Action.objects.get(plan=dap, number="1.1")
    assert first.title == "Increase adherence with the convention"
    assert first.theme == "universalization" and first.citation == "CCM/CONF/2020/13 para 7"


def test_the_lap_has_only_its_confirmed_actions_without_text(db: None) -> None:
    lap = ActionPlan.objects.get(code="LAP")
    actions = Action.objects.filter(plan=lap)
    themes = {a.number: a.theme for a in actions}
    assert sorted(map(int, themes)) == list(range(12, 38))
    assert (themes["12"], themes["18"], themes["37"]) == (
        "stockpiles",
        "clearance",
        "victim_assistance",
    )
    assert all(a.title == "" and a.text == "" for a in actions)
    assert not Indicator.objects.filter(action__plan=lap).exists()


def test_dap_1_1_counts_the_states_parties_against_130(db: None) -> None:
    data = serialize(evaluate(ActionPlan.objects.get(code="DAP"), REVIEW.end))
    indicator = _indicator(data, "plans.DAP.1.1.states-parties")
    assert indicator["value"] == 110  # para 3: "110 of them have become full States Parties"
    assert indicator["target"] == {"value": 130, "date": "2020-11-25"}
    assert indicator["baseline"] == {"value": 96, "date": "2015-09-11"}
    assert indicator["status"] == "not_met"
    assert len(indicator["states"]) == 110 and "ISL" in indicator["states"]
    trend = [(p["date"], p["value"]) for p in indicator["trend"]]
    assert trend[0][0] == "2015-12-31" and trend[-1] == ("2020-09-28", 110)
    values = [v for _d, v in trend]
    assert values == sorted(values)  # no State Party withdrew in the period
    assert "CCM/CONF/2020/13 para 7" == indicator["definition_source"]


def test_initial_reports_match_para_97(db: None) -> None:
    data = serialize(evaluate(ActionPlan.objects.get(code="DAP"), REVIEW.end))
    initial = _indicator(data, "plans.DAP.6.1.initial-submitted")
    # Para 94/97: 100 of 107 due, "93 per cent", above the 75 per cent of 2015.
    assert (initial["value"], initial["of"]) == (93.5, 107)
    assert initial["status"] == "met"
    annual = _indicator(data, "plans.DAP.6.1.annual-submitted")
    assert annual["value"] is None and annual["status"] == "not_known"
    assert annual["note"].startswith("data not available")


def test_victim_assistance_focal_points_are_all_designated(db: None) -> None:
    data = serialize(evaluate(ActionPlan.objects.get(code="DAP"), REVIEW.end))
    focal = _indicator(data, "plans.DAP.4.1.a-focal-points")
    assert (focal["value"], focal["of"], focal["status"]) == (11, 11, "met")


def test_actions_without_indicators_say_so(db: None) -> None:
    data = serialize(evaluate(ActionPlan.objects.get(code="LAP"), date(2024, 6, 1)))
    assert data["actions"] and all(a["note"] == NOT_DEFINED for a in data["actions"])
    assert all(not a["text_retrieved"] for a in data["actions"])
    assert {r["note"] for r in rows(evaluate(ActionPlan.objects.get(code="LAP"), REVIEW.end))} == {
        NOT_DEFINED
    }


def test_the_plan_in_force_follows_the_period(db: None) -> None:
    assert plan_in_force(REVIEW.start, REVIEW.end).code == "DAP"  # type: ignore[union-attr]
    assert plan_in_force(date(2021, 1, 1), date(2024, 9, 1)).code == "LAP"  # type: ignore[union-attr]
    assert plan_in_force(date(2009, 1, 1), date(2010, 1, 1)) is None


def test_part_b_shows_dap_1_1_110_against_130(db: None) -> None:
    (table,) = blocks("universalization", REVIEW)
    assert isinstance(table, Table)
    figures = {c.key: c for row in table.rows for c in row if isinstance(c, Figure)}
    states_parties = figures["plans.DAP.1.1.states-parties"]
    assert states_parties.value == 110
    assert states_parties.sources[0] == "CCM/CONF/2020/13 para 7"
    row = next(r for r in table.rows if states_parties in r)
    assert row[3] == "≥ 130 (2020-11-25)" and row[5] == "not met"
    # Actions 1.2 and 1.3 have no indicator: their rows say so.
    assert [r[1] for r in table.rows if r[0] in ("Action 1.2", "Action 1.3")] == [NOT_DEFINED] * 2


def test_part_b_for_other_themes_and_periods(db: None) -> None:
    (transparency,) = blocks("transparency", REVIEW)
    keys = {c.key for row in transparency.rows for c in row if isinstance(c, Figure)}
    assert "plans.DAP.6.1.initial-submitted" in keys
    assert blocks("support", REVIEW) == ()  # the DAP has no action on the ISU
    assert blocks("universalization", Period(date(2009, 1, 1), date(2010, 1, 1))) == ()


# -- validation (the one write path) ------------------------------------------------------


def test_a_bad_indicator_is_refused_with_every_problem(db: None, alice: User) -> None:
    action = Action.objects.get(plan__code="DAP", number="1.2")
    indicator = Indicator(
        action=action,
        code="x",
        description="x",
        formula="bogus",
        comparison="at_least",
        unit="per_cent",
        baseline_value=120,
    )
    with pytest.raises(ValidationError) as error:
        save_fact(indicator, user=alice)
    assert set(error.value.message_dict) >= {"formula", "target_value", "baseline_value"}
    assert not Indicator.objects.filter(action=action).exists()


def test_staff_define_an_indicator_and_it_is_computed(db: None, alice: User) -> None:
    action = Action.objects.get(plan__code="DAP", number="1.2")
    save_fact(
        Indicator(
            action=action,
            code="parties",
            description="States Parties",
            formula="states_parties",
            comparison="at_least",
            unit="states",
            target_value=130,
        ),
        user=alice,
    )
    data = serialize(evaluate(ActionPlan.objects.get(code="DAP"), REVIEW.end))
    assert _indicator(data, "plans.DAP.1.2.parties")["value"] == 110


def test_a_plan_ending_before_it_starts_is_refused(db: None, alice: User) -> None:
    plan = ActionPlan(
        code="VAP",
        name="Vientiane Action Plan",
        period_start=FuzzyDate.parse("2015"),
        period_end=FuzzyDate.parse("2010"),
    )
    with pytest.raises(ValidationError) as error:
        save_fact(plan, user=alice)
    assert "period_end" in error.value.message_dict


def test_an_action_number_must_be_a_number(db: None, alice: User) -> None:
    action = Action(plan=ActionPlan.objects.get(code="LAP"), number="twelve", theme="stockpiles")
    with pytest.raises(ValidationError) as error:
        save_fact(action, user=alice)
    assert "number" in error.value.message_dict
