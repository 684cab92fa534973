"""Article 4 rules (``rules.clearance``): checks with the field at fault, land release
totals, remaining contamination, risk education totals and para 38's account."""

from __future__ import annotations

from datetime import date

import pytest

from treaty_tracker.rules import CCM, FuzzyDate, Register
from treaty_tracker.rules import clearance as rules
from treaty_tracker.rules.records import ObligationRecord, StateRecord

fz = FuzzyDate.parse


def codes(findings: list) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in findings]


# -- checks ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"size_m2": 0, "discovered": None, "previous_completion": None, "released": None}, []),
        (
            {"size_m2": -1, "discovered": None, "previous_completion": None, "released": None},
            [("clearance.negative", "size_m2")],
        ),
        (
            {
                "size_m2": None,
                "discovered": fz("2020"),
                "previous_completion": fz("2013"),
                "released": None,
            },
            [],
        ),
        (
            {
                "size_m2": None,
                "discovered": fz("2012"),
                "previous_completion": fz("2013"),
                "released": None,
            },
            [("clearance.found_before_completion", "discovered")],
        ),
        (
            {
                "size_m2": None,
                "discovered": None,
                "previous_completion": fz("2013"),
                "released": None,
            },
            [("clearance.discovery_date_missing", "discovered")],
        ),
        (
            {
                "size_m2": 5,
                "discovered": fz("2019-05"),
                "previous_completion": None,
                "released": fz("2018"),
            },
            [("clearance.released_before_found", "released")],
        ),
        (
            {
                "size_m2": -5,
                "discovered": fz("2019"),
                "previous_completion": fz("2020"),
                "released": fz("2018"),
            },
            [
                ("clearance.negative", "size_m2"),
                ("clearance.found_before_completion", "discovered"),
                ("clearance.released_before_found", "released"),
            ],
        ),
    ],
)
def test_it_checks_an_area(kwargs: dict, expected: list) -> None:
    assert codes(rules.check_area(**kwargs)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ('{"type": "Point", "coordinates": [102.6, 19.9]}', []),
        ('{"type": "GeometryCollection", "geometries": []}', []),
        ("{not json", [("clearance.geometry_not_json", "geometry")]),
        ('{"type": "Feature", "geometry": null}', [("clearance.geometry_type", "geometry")]),
        ("[1, 2]", [("clearance.geometry_type", "geometry")]),
        ('{"type": "Polygon"}', [("clearance.geometry_type", "geometry")]),
    ],
)
def test_it_checks_a_geometry(text: str, expected: list) -> None:
    assert codes(rules.check_geometry(text)) == expected


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"year": 2019, "area_m2": 1_000, "submunitions": 3, "method": "cleared"}, []),
        (
            {"year": 2019, "area_m2": -1, "submunitions": -2},
            [("clearance.negative", "area_m2"), ("clearance.negative", "submunitions_destroyed")],
        ),
        ({"year": 1900, "area_m2": 1, "submunitions": None}, [("year.out_of_range", "year")]),
        (
            {
                "year": 2019,
                "area_m2": rules.MAX_RELEASE_PER_YEAR_M2,
                "submunitions": None,
                "others_m2": 1,
            },
            [("clearance.release_implausible", "area_m2")],
        ),
        ({"year": 2019, "area_m2": rules.MAX_RELEASE_PER_YEAR_M2, "submunitions": None}, []),
        (
            {"year": 2019, "area_m2": 10, "submunitions": 4, "method": "cancelled"},
            [("clearance.cancelled_with_submunitions", "submunitions_destroyed")],
        ),
        ({"year": 2019, "area_m2": 10, "submunitions": 0, "method": "cancelled"}, []),
    ],
)
def test_it_checks_a_land_release(kwargs: dict, expected: list) -> None:
    assert codes(rules.check_release(**kwargs)) == expected


@pytest.mark.parametrize(
    ("parts", "total", "expected"),
    [
        ({"girls": 1, "boys": 2}, 3, []),
        ({"girls": 1, "boys": 2}, None, []),
        ({}, 40, []),
        ({"girls": 10, "women": 31}, 40, [("clearance.beneficiaries_exceed_total", "total")]),
        ({"men": -1}, 5, [("clearance.negative", "men")]),
        ({}, -3, [("clearance.negative", "total")]),
        ({}, None, [("clearance.beneficiaries_missing", "total")]),
    ],
)
def test_it_checks_beneficiaries(parts: dict, total: int | None, expected: list) -> None:
    assert codes(rules.check_beneficiaries(parts, total)) == expected


@pytest.mark.parametrize(
    ("achieved", "adopted", "start", "expected"),
    [
        (fz("2020-03"), fz("2019"), None, []),
        (fz("2018"), fz("2019-06-01"), None, [("clearance.milestone_before_plan", "achieved")]),
        (fz("2018"), None, fz("2019"), [("clearance.milestone_before_plan", "achieved")]),
        (fz("2019"), fz("2019-06-01"), None, []),  # the same year: cannot tell, not refused
        (None, fz("2019"), None, []),
    ],
)
def test_it_checks_a_milestone(achieved, adopted, start, expected) -> None:  # type: ignore[no-untyped-def]
    assert (
        codes(rules.check_milestone(achieved=achieved, adopted=adopted, period_start=start))
        == expected
    )


def test_it_refuses_a_plan_ending_before_it_starts() -> None:
    assert codes(rules.check_plan(start=fz("2020"), end=fz("2019"))) == [
        ("clearance.plan_ends_before_start", "period_end")
    ]
    assert rules.check_plan(start=fz("2020"), end=fz("2025")) == []


# -- land release ------------------------------------------------------------------------------

ROWS = [
    rules.Release("LAO", 2019, rules.Method.CLEARED, 2_500_000, 8_000, ("a",)),
    rules.Release("LAO", 2019, rules.Method.CANCELLED, 1_000_000, None, ("b",)),
    rules.Release("DEU", 2019, rules.Method.CLEARED, 500_000, None, ("c",)),
    rules.Release("LAO", 2018, rules.Method.REDUCED, 300_000, 10, ("d",)),
]


def test_it_totals_land_release_per_state_and_year() -> None:
    by_state = rules.release_by_state(ROWS)
    assert [y.year for y in by_state["LAO"]] == [2018, 2019]
    lao_2019 = by_state["LAO"][1]
    assert lao_2019.by_method == {
        rules.Method.CANCELLED: 1_000_000,
        rules.Method.REDUCED: 0,
        rules.Method.CLEARED: 2_500_000,
    }
    assert lao_2019.total_m2 == 3_500_000
    assert lao_2019.submunitions == 8_000
    assert by_state["DEU"][0].submunitions is None  # not known, not zero


def test_it_totals_land_release_per_year_with_the_states_behind_it() -> None:
    years = rules.release_by_year(ROWS)
    assert [(y.year, y.total_m2, y.states) for y in years] == [
        (2018, 300_000, ("LAO",)),
        (2019, 4_000_000, ("DEU", "LAO")),
    ]
    assert years[1].sources == ("a", "b", "c")


# -- remaining contamination -----------------------------------------------------------------


def test_it_takes_the_latest_dated_estimate() -> None:
    estimates = [
        rules.Estimate("LAO", 900, fz("2016")),
        rules.Estimate("LAO", 800, fz("2019-12-31"), rules.Bound.AT_LEAST),
        rules.Estimate("LAO", 700, fz("2022")),
    ]
    result = rules.remaining(estimates, [], date(2020, 9, 28))["LAO"]
    assert (result.area_m2, result.bound, result.as_of, result.dated) == (
        800,
        rules.Bound.AT_LEAST,
        fz("2019-12-31"),
        True,
    )


def test_it_uses_an_undated_estimate_only_when_no_dated_one_exists_and_says_so() -> None:
    undated = rules.Estimate("LAO", 800_000_000, FuzzyDate(), rules.Bound.AT_LEAST)
    result = rules.remaining([undated], [], date(2020, 9, 28))["LAO"]
    assert result.area_m2 == 800_000_000 and not result.dated
    dated = rules.Estimate("LAO", 5, fz("2018"))
    assert rules.remaining([undated, dated], [], date(2020, 1, 1))["LAO"].area_m2 == 5


def test_it_adds_up_open_areas_and_marks_unknown_sizes_as_a_lower_bound() -> None:
    areas = [
        rules.Area("MRT", None, fz("2020")),
        rules.Area("MRT", 1_000, fz("2019")),
        rules.Area("MRT", 500, fz("2015"), released=fz("2016")),
        rules.Area("MRT", 7, fz("2030")),
    ]
    result = rules.remaining([], areas, date(2020, 12, 31))["MRT"]
    assert (result.area_m2, result.bound, result.basis, result.areas_unsized) == (
        1_000,
        rules.Bound.AT_LEAST,
        "areas",
        1,
    )


def test_it_knows_no_remaining_contamination_without_estimates_or_areas() -> None:
    assert rules.remaining([], [], date(2020, 1, 1)) == {}


# -- risk reduction education -------------------------------------------------------------------


def test_it_totals_beneficiaries_by_sex_and_age() -> None:
    rows = [
        rules.Education(
            "LAO", 2019, rules.Beneficiaries(girls=10, boys=12, women=5, men=3, total=40)
        ),
        rules.Education("LBN", 2019, rules.Beneficiaries(girls=1, men=2)),
        rules.Education("IRQ", 2020, rules.Beneficiaries(total=100)),
    ]
    totals = rules.beneficiary_totals(rows)
    assert dict(totals.parts) == {
        "girls": 11,
        "boys": 12,
        "women": 5,
        "men": 5,
        "not_disaggregated": 0,
    }
    assert totals.rows_with["girls"] == 2 and totals.rows_with["not_disaggregated"] == 0
    assert totals.reached == 40 + 3 + 100
    assert totals.states == ("IRQ", "LAO", "LBN")
    assert list(rules.beneficiaries_by_year(rows)) == [2019, 2020]


# -- para 38 -----------------------------------------------------------------------------


def _state(iso3: str, consent: str, obligation: ObligationRecord | None) -> StateRecord:
    return StateRecord(
        iso3=iso3,
        name=iso3,
        consent=fz(consent),
        obligations=(obligation,) if obligation else (),
    )


def _ob(recorded: str = "", completed: str | None = None) -> ObligationRecord:
    return ObligationRecord(
        article="4",
        recorded=fz(recorded) if recorded else FuzzyDate(),
        completed=fz(completed) if completed else None,
    )


def test_it_gives_para_38s_account_from_the_record() -> None:
    start, end = date(2015, 9, 11), date(2020, 9, 28)
    during = "2015-09-11..2020-09-28"
    records = [
        _state("AAA", "2009-01-01", _ob("by 2015-09-11")),  # still outstanding
        _state("HRV", "2009-01-01", _ob("by 2015-09-11", during)),
        _state("MNE", "2009-01-01", _ob("by 2015-09-11", "2015-09-11..2020-07-31")),
        _state("MOZ", "2009-01-01", _ob("by 2015-09-11", during)),
        _state("SOM", "2015-09-30", _ob(during)),  # joined after the 1RC
        _state("MRT", "2009-01-01", _ob("2020-01-01..2020-09-28")),  # found again in 2020
        _state("ALB", "2009-01-01", _ob("", "by 2018-12-31")),  # cannot tell at the start
        _state("ISL", "2009-01-01", None),
    ]
    register = Register(CCM, records, {"article4": end})
    m = rules.movement(register.summary(start), register.summary(end), {"MRT"})
    assert m.at_start == ("AAA", "HRV", "MNE", "MOZ")
    assert m.completed == ("HRV", "MNE", "MOZ")
    assert m.new == ("SOM",)
    assert m.rediscovered == ("MRT",)
    assert m.at_end == ("AAA", "MRT", "SOM")
    assert m.not_known_at_start == ("ALB",)
    assert len(m.at_start) - len(m.completed) + len(m.new) + len(m.rediscovered) == len(m.at_end)


def test_a_completion_dated_only_by_an_upper_bound_is_not_placed_at_the_start() -> None:
    start, end = date(2015, 9, 11), date(2020, 9, 28)
    records = [_state("MNE", "2009-01-01", _ob("by 2015-09-11", "by 2020-07-31"))]
    register = Register(CCM, records, {"article4": end})
    m = rules.movement(register.summary(start), register.summary(end))
    assert m.at_start == () and m.not_known_at_start == ("MNE",)
