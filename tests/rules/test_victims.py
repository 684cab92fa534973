"""Article 5 rules (``rules.victims``): casualty checks and totals, dated facts, the status
figures of CCM/CONF/2020/13 paras 66-71, and Form H."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.victims import (
    CasualtyRecord,
    DatedFact,
    FigureSpec,
    Outcome,
    SourcedFigure,
    SourcedList,
    casualties_by_year,
    check_casualties,
    form_h_casualties,
    latest,
    status_figures,
)

BY_2020 = FuzzyDate.parse("by 2020-09-28")


def codes(findings: list) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in findings]


@pytest.mark.parametrize(
    ("total", "parts", "expected"),
    [
        (10, {"female": 4, "male": 6}, []),
        (10, {"female": 4}, []),  # parts not given are not zero
        (None, {"female": 4, "male": 60}, []),  # no total: nothing to exceed
        (10, {"female": 4, "male": 7}, [("casualties.parts_exceed_total", "female")]),
        (10, {"child": 11}, [("casualties.parts_exceed_total", "child")]),
        (
            10,
            {"civilian": 4, "military": 3, "status_unknown": 1},
            [("casualties.parts_do_not_add_up", "civilian")],
        ),
        (10, {"female": 2, "male": 3, "sex_unknown": 5}, []),
        (-1, {}, [("casualties.negative", "total")]),
        (5, {"adult": -2}, [("casualties.negative", "adult")]),
    ],
)
def test_it_checks_casualty_parts_against_the_total(
    total: int | None, parts: dict[str, int], expected: list[tuple[str, str]]
) -> None:
    assert codes(check_casualties(total, parts)) == expected


def test_it_reports_every_dimension_at_once() -> None:
    findings = check_casualties(3, {"female": 4, "child": 5, "civilian": 1, "military": 1})
    assert codes(findings) == [
        ("casualties.parts_exceed_total", "female"),
        ("casualties.parts_exceed_total", "child"),
    ]


def test_it_adds_up_casualties_per_year_keeping_unknown_parts_apart() -> None:
    records = [
        CasualtyRecord("LAO", 2018, Outcome.KILLED, 5, {"male": 3, "sex_unknown": 1}, ("a",)),
        CasualtyRecord("LAO", 2018, Outcome.INJURED, 10, {"female": 4, "male": 6}, ("a",)),
        CasualtyRecord("IRQ", 2018, Outcome.NOT_KNOWN, 2, {}, ("b",)),
        CasualtyRecord("IRQ", 2019, Outcome.INJURED, 7, {"child": 7}, ("b",)),
    ]
    y2018, y2019 = casualties_by_year(records)
    assert (y2018.year, y2018.killed, y2018.injured, y2018.outcome_not_known) == (2018, 5, 10, 2)
    assert y2018.total == 17
    sex = y2018.breakdowns["sex"]
    assert sex.parts == {"female": 4, "male": 9, "sex_unknown": 1}
    # 5 - 4 (LAO killed) + 10 - 10 (LAO injured) + 2 - 0 (IRQ): never split by sex.
    assert sex.not_disaggregated == 3
    assert y2018.states == ("IRQ", "LAO") and y2018.sources == ("a", "b")
    assert y2019.breakdowns["age"].parts["child"] == 7
    assert casualties_by_year(records, ["IRQ"])[0].total == 2


def test_it_says_not_known_when_a_total_is_missing() -> None:
    records = [CasualtyRecord("AFG", 2017, Outcome.KILLED, None, {"male": 4})]
    (year,) = casualties_by_year(records)
    assert year.totals_not_known == ("AFG",)
    assert year.breakdowns["sex"].parts["male"] == 4
    assert year.breakdowns["sex"].not_disaggregated is None


def test_it_takes_the_latest_fact_holding_on_the_date() -> None:
    facts = [
        DatedFact("LBN", "crpd", "signatory", FuzzyDate.parse("2007-06-14")),
        DatedFact("LBN", "crpd", "party", FuzzyDate.parse("2030-01")),
    ]
    assert latest(facts, date(2020, 9, 28))[("LBN", "crpd")].value == "signatory"
    assert latest(facts, date(2031, 1, 1))[("LBN", "crpd")].value == "party"
    # A date known only as "by 2020-09-28" does not hold certainly on an earlier day.
    assert latest([DatedFact("AFG", "plan", "x", BY_2020)], date(2019, 1, 1)) == {}


SPECS = (
    FigureSpec("states_with_obligations", "obligations"),
    FigureSpec("national_focal_points", "focal points", "focal_point"),
    FigureSpec("crpd_parties", "CRPD", "crpd", ("party",)),
    FigureSpec("reported_data_collection", "data", "data_collection", ("partial",)),
    FigureSpec("annual_reports_2018_without_va_info", "2018"),
)


def _figures(as_of: date) -> dict[str, object]:
    facts = [
        DatedFact("AFG", "focal_point", "designated", BY_2020, sources=("para 68",)),
        DatedFact("ALB", "focal_point", "designated", FuzzyDate.parse("2016")),
        DatedFact("AFG", "crpd", "party", BY_2020),
        DatedFact("LBN", "crpd", "signatory", BY_2020),
        DatedFact("SLE", "crpd", "party", BY_2020),  # not among the obligated: not counted
    ]
    figures = [
        SourcedFigure(
            "states_with_obligations", Decimal(13), FuzzyDate.parse("2015-09-11"), "", ("p66",)
        ),
        SourcedFigure(
            "states_with_obligations", Decimal(11), FuzzyDate.parse("2020-09-28"), "", ("p66",)
        ),
        SourcedFigure("national_focal_points", Decimal(3), FuzzyDate.parse("2020-09-28"), "", ()),
        SourcedFigure(
            "annual_reports_2018_without_va_info", Decimal(2), FuzzyDate.parse("2018"), "", ()
        ),
    ]
    lists = [
        SourcedList(
            "reported_data_collection",
            ("AFG", "ALB"),
            FuzzyDate.parse("2015-01-01..2020-09-28"),
            "",
            ("p69",),
        ),
    ]
    result = status_figures(
        SPECS,
        obligated=["AFG", "ALB", "LBN"],
        facts=facts,
        figures=figures,
        lists=lists,
        as_of=as_of,
    )
    return {f.key: f for f in result}


def test_it_counts_from_per_state_facts_beside_the_sourced_figure() -> None:
    figures = _figures(date(2020, 9, 28))
    obligations = figures["states_with_obligations"]
    assert obligations.basis == "computed" and obligations.value == 3
    assert int(obligations.figure.value) == 11 and obligations.differs
    focal = figures["national_focal_points"]
    assert focal.states == ("AFG", "ALB") and focal.value == 2 and focal.differs
    assert figures["crpd_parties"].states == ("AFG",)


def test_it_falls_back_to_the_sourced_list_then_the_figure() -> None:
    figures = _figures(date(2020, 9, 28))
    data = figures["reported_data_collection"]
    assert data.basis == "sourced_list" and data.value == 2 and data.states == ("AFG", "ALB")
    reports = figures["annual_reports_2018_without_va_info"]
    assert reports.basis == "sourced_figure" and reports.value == 2 and not reports.differs


def test_it_says_which_states_are_not_known_on_an_earlier_date() -> None:
    figures = _figures(date(2017, 1, 1))
    focal = figures["national_focal_points"]
    assert focal.states == ("ALB",) and focal.uncertain == ("AFG",)
    assert figures["crpd_parties"].uncertain == ("AFG",)  # LBN's fact is not "party"
    assert int(figures["states_with_obligations"].figure.value) == 13
    assert figures["reported_data_collection"].basis == "none"
    assert figures["reported_data_collection"].value is None


FORM_H = {
    "forms": {
        "H": {
            "status": "changed",
            "data": {
                "killed": {"total": 1, "by": {"male": {"child": {"civilian": 1}}}},
                "injured": {
                    "total": 3,
                    "by": {
                        "male": {"adult": {"civilian": 2}},
                        "female": {"child": {"civilian": 1}},
                    },
                },
                "survivors": {"total": 145},
            },
        }
    }
}


def test_it_reads_killed_and_injured_from_form_h() -> None:
    killed, injured = form_h_casualties("LBN", 2023, FORM_H, "report LBN 2023, Form H")
    assert (killed.outcome, killed.total, killed.year) == (Outcome.KILLED, 1, 2023)
    assert killed.parts == {"male": 1, "child": 1, "civilian": 1}
    assert injured.parts == {"male": 2, "adult": 2, "civilian": 3, "female": 1, "child": 1}
    assert injured.sources == ("report LBN 2023, Form H",)
    assert check_casualties(injured.total, injured.parts) == []


@pytest.mark.parametrize("status", ["unchanged", "not_applicable"])
def test_it_ignores_a_form_h_that_gives_no_new_figures(status: str) -> None:
    content = {"forms": {"H": {**FORM_H["forms"]["H"], "status": status}}}
    assert form_h_casualties("LBN", 2023, content, "x") == []
    assert form_h_casualties("LBN", 2023, {"forms": {}}, "x") == []
