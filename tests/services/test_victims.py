"""Article 5 and Article 9 against the database: model validation through the one write
path, the reference data of paras 66-71 and 106-107, and Form H / Form A of published
reports."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from tests.factories import minimal_annual_report
from treaty_tracker.obligations import measures_selectors
from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish
from treaty_tracker.victims import selectors
from treaty_tracker.victims.models import Casualties, CrpdStatus, FocalPoint, NationalPlan

REVIEW = date(2020, 9, 28)
ELEVEN = ["AFG", "ALB", "BIH", "TCD", "HRV", "GNB", "IRQ", "LAO", "LBN", "MNE", "SOM"]


# -- model validation, through save_fact -------------------------------------------------


def _casualties(iso3: str = "ISL", **values: object) -> Casualties:
    return Casualties(state=State.objects.get(iso3=iso3), year=2019, outcome="injured", **values)


def test_it_saves_a_casualty_count_with_its_parts(isla: User) -> None:
    fact = save_fact(_casualties(total=10, female=4, male=5, sex_unknown=1, child=3), user=isla)
    assert fact.entered_by == isla and fact.history.count() == 1


def test_it_refuses_parts_above_the_total_naming_every_field(isla: User) -> None:
    with pytest.raises(ValidationError) as raised:
        save_fact(_casualties(total=5, female=4, male=4, child=6, civilian=1), user=isla)
    errors = raised.value.message_dict
    assert set(errors) == {"female", "child"}
    assert "more than the total of 5" in errors["female"][0]
    assert not Casualties.objects.filter(state__iso3="ISL", year=2019).exists()


def test_it_refuses_complete_parts_that_do_not_add_up(isla: User) -> None:
    with pytest.raises(ValidationError) as raised:
        save_fact(_casualties(total=5, civilian=1, military=1, status_unknown=1), user=isla)
    assert list(raised.value.message_dict) == ["civilian"]


def test_it_refuses_a_second_count_for_the_same_year_and_outcome(isla: User) -> None:
    save_fact(_casualties(total=1), user=isla)
    with pytest.raises(ValidationError) as raised:
        save_fact(_casualties(total=2), user=isla)
    assert "__all__" in raised.value.message_dict


def test_it_refuses_a_year_before_cluster_munitions_and_a_missing_source(db: None) -> None:
    fact = _casualties(total=1)
    fact.year = 1900
    with pytest.raises(ValidationError) as raised:
        fact.full_clean()
    assert {"year", "source"} <= set(raised.value.message_dict)


def test_it_refuses_a_plan_ending_before_it_starts(isla: User) -> None:
    plan = NationalPlan(
        state=State.objects.get(iso3="ALB"),
        kind="disability_plan",
        adopted=FuzzyDate.parse("2019"),
        period_start=FuzzyDate.parse("2021"),
        period_end=FuzzyDate.parse("2019"),
    )
    with pytest.raises(ValidationError) as raised:
        save_fact(plan, user=isla)
    assert list(raised.value.message_dict) == ["period_end"]


# -- the reference data: paras 66-71 ----------------------------------------------------


def test_it_loads_the_focal_points_plans_and_crpd_status_of_paras_68_and_69(db: None) -> None:
    assert sorted(FocalPoint.objects.values_list("state__iso3", flat=True)) == sorted(ELEVEN)
    assert NationalPlan.objects.count() == 8
    assert not NationalPlan.objects.filter(state__iso3__in=["GNB", "MNE", "SOM"]).exists()
    crpd = dict(CrpdStatus.objects.values_list("state__iso3", "status"))
    assert crpd.pop("LBN") == "signatory"
    assert set(crpd.values()) == {"party"} and len(crpd) == 7


def test_it_computes_the_status_of_paras_66_to_71(db: None) -> None:
    view = selectors.overview(REVIEW)
    assert [s.iso3 for s in view.states] == ELEVEN  # from the register, by name
    figures = {f.key: f for f in view.figures}
    assert figures["states_with_obligations"].value == 11
    assert not figures["states_with_obligations"].differs
    assert figures["national_focal_points"].value == 11
    plans = figures["national_plans_or_authority"]
    assert plans.value == 8 and int(plans.figure.value) == 11 and plans.differs  # para 68
    assert figures["dedicated_action_plans"].value == 8
    assert not figures["dedicated_action_plans"].differs
    assert figures["crpd_parties"].value == 7
    data = figures["reported_data_collection"]
    assert data.basis == "sourced_list" and data.states == (
        "AFG",
        "ALB",
        "HRV",
        "IRQ",
        "LAO",
        "LBN",
    )
    assert figures["requested_assistance_2016_2020"].value == 10


def test_it_does_not_count_what_is_not_known_at_the_first_review_conference(db: None) -> None:
    view = selectors.overview(date(2015, 9, 11))
    figures = {f.key: f for f in view.figures}
    assert int(figures["states_with_obligations"].figure.value) == 13
    focal = figures["national_focal_points"]
    # Designated "by 2020-09-28": not known in 2015, neither counted nor left out.
    assert focal.value == 0 and set(focal.uncertain) == set(ELEVEN) - {"SOM"}
    assert {"COL", "SLE"} <= {s.iso3 for s in view.states}  # still on the list then
    # Para 68's "eight in 2015" is dated only to the year: stated by the end of 2015.
    assert figures["national_plans_or_authority"].figure is None
    later = {f.key: f for f in selectors.overview(date(2016, 1, 1)).figures}
    assert int(later["national_plans_or_authority"].figure.value) == 8


def test_staff_entry_feeds_the_status_and_the_casualties(isla: User) -> None:
    lbn = State.objects.get(iso3="LBN")
    save_fact(CrpdStatus(state=lbn, status="party", since=FuzzyDate.parse("2022-03")), user=isla)
    save_fact(_casualties(total=4, male=3, female=1), user=isla)
    view = selectors.overview(date(2023, 1, 1))
    figures = {f.key: f for f in view.figures}
    assert "LBN" in figures["crpd_parties"].states
    (year,) = view.years
    assert (year.year, year.injured, year.breakdowns["sex"].parts["male"]) == (2019, 4, 3)
    assert year.sources == ("entered by isla",)


# -- Form H and Form A of published reports ---------------------------------------------


def _publish(isla: User, iso3: str, year: int, forms: dict) -> None:
    content = minimal_annual_report(iso3, year)
    content["forms"].update(forms)
    submission = report_enter_on_behalf(
        user=isla,
        slot=Slot(iso3, ReportKind.ANNUAL, year),
        content=content,
        received=datetime(year + 1, 3, 2, tzinfo=UTC),
    )
    report_publish(user=isla, submission=submission)


FORM_H = {
    "H": {
        "status": "changed",
        "data": {
            "focal_point": "Ministry of Social Affairs",
            "national_plan": "adopted",
            "victims_involved": True,
            "killed": {"total": 1, "by": {"male": {"child": {"civilian": 1}}}},
            "injured": {"total": 3, "by": {"female": {"adult": {"civilian": 2}}}},
        },
    }
}


def test_it_reads_casualties_from_published_form_h(isla: User) -> None:
    # Iceland: a State whose report passes with Form H alone filled in.
    _publish(isla, "ISL", 2022, FORM_H)
    assert selectors.overview(date(2023, 3, 1)).years == []  # not yet submitted then
    (year,) = selectors.overview(date(2023, 6, 1)).years
    assert (year.year, year.killed, year.injured) == (2022, 1, 3)
    assert year.breakdowns["sex"].parts["female"] == 2
    assert year.breakdowns["sex"].not_disaggregated == 1
    assert year.sources == ("report ISL 2022, Form H",)


def test_the_record_wins_over_a_report_for_the_same_year(isla: User) -> None:
    _publish(isla, "ISL", 2019, FORM_H)
    save_fact(_casualties(total=9), user=isla)  # ISL 2019 injured
    (year,) = selectors.overview(date(2021, 1, 1)).years
    assert (year.killed, year.injured) == (1, 9)
    assert set(year.sources) == {"report ISL 2019, Form H", "entered by isla"}


def test_it_shows_form_a_beside_the_categories(isla: User) -> None:
    _publish(isla, "ISL", 2023, {})
    reported = measures_selectors.form_a(date(2024, 6, 1))
    assert reported["ISL"]["citation"] == "report ISL 2023, Form A"
    assert reported["ISL"]["measures"][0]["title"] == "Act No. 83/2015"
    assert measures_selectors.form_a(date(2024, 1, 1)) == {}


# -- Article 9: paras 106-107 ------------------------------------------------------------


def _counts(as_of: date) -> dict[str, tuple[int, int | None]]:
    view = measures_selectors.overview(as_of)
    return {c.category: (c.count, int(c.stated.value) if c.stated else None) for c in view.counts}


def test_it_computes_the_categories_of_para_106(db: None) -> None:
    assert _counts(date(2015, 9, 11)) == {
        "investment_prohibition": (9, 9),
        "specific_law": (24, 24),
        "existing_law_sufficient": (17, 17),
        "legislation_in_progress": (21, 21),
    }


def test_it_computes_para_107_keeping_its_23_beside_the_22_listed(db: None) -> None:
    assert _counts(REVIEW) == {
        "investment_prohibition": (12, 12),
        "specific_law": (31, 31),
        # Mauritania is in no 2020 list: it keeps its 2015 category, labelled as carried.
        "existing_law_sufficient": (31, 30),
        "legislation_in_progress": (22, 23),
    }
    view = measures_selectors.overview(REVIEW)
    existing = next(c for c in view.counts if c.category == "existing_law_sufficient")
    assert existing.carried == ("MRT",)
    assert [s.categories for s in view.histories["GNB"]] == [
        ("existing_law_sufficient",),
        ("legislation_in_progress",),
    ]
    assert view.legal_stated is not None and int(view.legal_stated.value) == 61


def test_a_staff_entry_changes_a_state_s_category(isla: User) -> None:
    save_fact(
        NationalMeasure(
            state=State.objects.get(iso3="LAO"),
            category="specific_law",
            as_of=FuzzyDate.parse("2022-05"),
            kind="legal",
            title="Law on cluster munitions",
        ),
        user=isla,
    )
    view = measures_selectors.overview(date(2023, 1, 1))
    assert view.latest["LAO"].categories == ("specific_law",)
    assert view.kinds == {"legal": ("LAO",)}
