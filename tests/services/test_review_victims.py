"""Section V of the generated review (Victim Assistance), for the period of
CCM/CONF/2020/13: the figures agree with paras 66-71 where the record holds the data, are
"not known" where it does not, and carry their sources."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from treaty_tracker.review.sections import sections
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.themes.document import Chart, Figure, Paragraph, Period, SectionContent
from treaty_tracker.victims.models import Casualties
from treaty_tracker.victims.review import SECTION, build

PERIOD = Period(date(2015, 9, 11), date(2020, 9, 28))
ELEVEN = ("AFG", "ALB", "BIH", "TCD", "HRV", "GNB", "IRQ", "LAO", "LBN", "MNE", "SOM")
pytestmark = pytest.mark.django_db


def figures(content: SectionContent) -> dict[str, Figure]:
    found: dict[str, Figure] = {}
    for block in content.status:
        if isinstance(block, Paragraph):
            for runs in (block.runs, *block.items):
                for run in runs:
                    if isinstance(run, Figure):
                        assert run.key not in found, f"{run.key} twice"
                        found[run.key] = run
    return found


@pytest.fixture(scope="module")
def content(django_db_blocker: pytest.FixtureRequest) -> SectionContent:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        return build(PERIOD)


def test_it_is_section_v_and_found_by_the_generator() -> None:
    assert (SECTION.number, SECTION.key, str(SECTION.title)) == (
        "V",
        "victim_assistance",
        "Victim Assistance",
    )
    assert sections()["V"] is SECTION


def test_the_eleven_states_with_article_5_obligations_agree_with_para_66(
    content: SectionContent,
) -> None:
    f = figures(content)
    assert f["victim_assistance.states_with_obligations"].value == 11
    assert set(f["victim_assistance.states_with_obligations.states"].value) == set(ELEVEN)
    assert f["victim_assistance.states_with_obligations.stated"].value == 11
    assert (
        "Lao People's Democratic Republic"
        in f["victim_assistance.states_with_obligations.states"].text
    )
    # since the First Review Conference: Colombia and Sierra Leone left, Somalia joined
    assert f["victim_assistance.left_article5"].value == ("COL", "SLE")
    assert f["victim_assistance.joined_article5"].value == ("SOM",)
    assert f["victim_assistance.clarified_no_victims"].value == ("MOZ",)


def test_the_count_at_the_start_keeps_the_source_s_13_beside_the_record_s_12(
    content: SectionContent,
) -> None:
    """Para 66: 13 at the 1RC, but the record names 12 (docs/sources.md)."""
    f = figures(content)
    assert f["victim_assistance.states_with_obligations.start"].value == 12
    assert f["victim_assistance.states_with_obligations.start.stated"].value == 13
    assert f["victim_assistance.states_with_obligations.start.stated"].sources == (
        "CCM/CONF/2020/13 para 66",
    )


def test_focal_points_and_plans_agree_with_para_68_where_the_record_holds_them(
    content: SectionContent,
) -> None:
    f = figures(content)
    assert f["victim_assistance.national_focal_points"].value == 11
    assert set(f["victim_assistance.national_focal_points.states"].value) == set(ELEVEN)
    assert f["victim_assistance.national_focal_points"].sources == ("CCM/CONF/2020/13 para 68",)
    # the designations are dated only "by 2020-09-28": at the start, not known
    assert f["victim_assistance.national_focal_points.start"].value is None
    # plans: the record names 8 States; the review states 8 in 2015 and 11 in 2020
    assert f["victim_assistance.national_plans_or_authority"].value == 8
    assert f["victim_assistance.national_plans_or_authority.stated"].value == 11
    assert f["victim_assistance.national_plans_or_authority.start"].value is None
    assert f["victim_assistance.national_plans_or_authority.start.stated"].value == 8


def test_paras_67_to_71_lists_and_reports(content: SectionContent) -> None:
    f = figures(content)
    expected = {
        "dedicated_action_plans": 8,
        "crpd_parties": 7,
        "reported_data_collection": 6,
        "reported_resource_mobilization": 8,
        "sex_age_disaggregated_data": 5,
        "requested_assistance": 10,
        "reported_new_victims": 6,
        "annual_reports_without_va_info": 2,
    }
    assert {k: f[f"victim_assistance.{k}"].value for k in expected} == expected
    assert "LBN" not in f["victim_assistance.crpd_parties.states"].value
    assert f["victim_assistance.sex_age_disaggregated_data.states"].value == (
        "ALB",
        "HRV",
        "IRQ",
        "LAO",
        "LBN",
    )
    # para 70: all the States with obligations have submitted their initial report
    assert f["victim_assistance.initial_reports_submitted"].value == 11
    # nothing on the record says whether survivors take part in coordination
    assert f["victim_assistance.survivors_involved"].value is None
    assert f["victim_assistance.survivors_involved"].text == "not known"


def test_every_known_figure_carries_its_sources_and_method(content: SectionContent) -> None:
    for key, figure in figures(content).items():
        assert figure.method, key
        if figure.value not in (None, 0, ()):
            assert figure.sources, key
            assert all("para" in s or "report" in s or "entered by" in s for s in figure.sources)


def test_casualties_are_not_known_without_data_and_charted_with_it(isla: User) -> None:
    assert figures(build(PERIOD))["victim_assistance.casualties"].value is None
    assert not any(isinstance(b, Chart) for b in build(PERIOD).status)
    lao = State.objects.get(iso3="LAO")
    save_fact(Casualties(state=lao, year=2017, outcome="killed", total=3), user=isla)
    save_fact(Casualties(state=lao, year=2018, outcome="injured", total=5), user=isla)
    save_fact(Casualties(state=lao, year=2012, outcome="injured", total=40), user=isla)
    content = build(PERIOD)
    f = figures(content)
    assert f["victim_assistance.casualties"].value == 8  # 2012 is outside the period
    assert f["victim_assistance.casualties.2018"].value == 5
    assert f["victim_assistance.casualties"].sources == ("entered by isla",)
    (chart,) = [b for b in content.status if isinstance(b, Chart)]
    assert chart.svg.startswith("<svg") and "2017" in chart.svg


def test_a_later_period_does_not_reuse_the_2020_review_s_figures(db: None) -> None:
    f = figures(build(Period(date(2021, 1, 1), date(2021, 12, 31))))
    assert f["victim_assistance.reported_data_collection"].value is None
    assert f["victim_assistance.states_with_obligations.stated"].value is None
    # computed from the record, the obligations still hold
    assert f["victim_assistance.states_with_obligations"].value is not None
