"""Action-plan indicators (``rules.indicators``): formulas over other rules' results, the
status against a target, the trend's dates and the definition checks (table tests)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from treaty_tracker.rules import CCM, FuzzyDate, Register, ReportKind, ReportRecord, StateRecord
from treaty_tracker.rules.compliance import compute as reporting
from treaty_tracker.rules.cooperation import Counts, YearCooperation
from treaty_tracker.rules.indicators import (
    FORMULAS,
    NOT_AVAILABLE,
    NOT_DEFINED,
    Comparison,
    Inputs,
    Status,
    Value,
    check_indicator,
    compute,
    needs,
    status,
    trend_days,
)
from treaty_tracker.rules.measures import CategoryCount
from treaty_tracker.rules.victims import SourcedList, StatusFigure

D = FuzzyDate.parse
AS_OF = date(2020, 9, 28)
EARLY = [
    StateRecord(
        f"X{i:02d}",
        f"Early {i}",
        consent=D("2009-06-01"),
        reports=(ReportRecord(ReportKind.INITIAL, D("2010-05-01")),),
    )
    for i in range(30)
]
LATE = [
    StateRecord("AAA", "A", consent=D("2015-01-05")),  # initial report missing
    StateRecord("BBB", "B", signature=D("2008-12-03")),  # signatory only
]


def _register(coverage: dict[str, date] | None = None) -> Register:
    return Register(CCM, [*EARLY, *LATE], coverage or {})


def test_it_counts_the_states_parties() -> None:
    register = _register()
    value = compute("states_parties", Inputs(AS_OF, summary=register.summary(AS_OF)))
    assert value.value == 31
    assert "AAA" in value.states and "BBB" not in value.states
    assert value.method


def test_it_says_data_not_available_without_its_inputs() -> None:
    for key in FORMULAS:
        value = compute(key, Inputs(AS_OF))
        assert value.value is None
        assert value.note.startswith(NOT_AVAILABLE), key


def test_an_empty_or_unknown_formula_is_not_defined() -> None:
    assert compute("", Inputs(AS_OF)).note == NOT_DEFINED
    assert compute("bogus", Inputs(AS_OF)).value is None


@pytest.mark.parametrize(
    ("coverage", "expected"),
    [
        # The record of initial reports is complete: AAA is overdue, 30 of 31 submitted.
        ({"initial": date(2099, 1, 1)}, 96.8),
        # It is not: AAA's gap is "not known", so no rate, never a guessed one.
        (None, None),
    ],
)
def test_it_reads_the_initial_report_rate_from_the_reporting_figures(
    coverage: dict[str, date] | None, expected: float | None
) -> None:
    register = _register(coverage)
    value = compute(
        "initial_reports_submitted",
        Inputs(AS_OF, reporting=reporting(register, AS_OF, [2019])),
    )
    assert value.value == expected
    assert value.of == 31
    if expected is None:
        assert NOT_AVAILABLE in value.note


def _va(
    key: str, computed: tuple[str, ...] | None, uncertain: tuple[str, ...] = ()
) -> StatusFigure:
    return StatusFigure(key, key, computed, None, None, uncertain)


def test_it_reads_the_victim_assistance_figures() -> None:
    figures = [
        _va("states_with_obligations", ("AFG", "LAO", "LBN")),
        _va("national_focal_points", ("AFG", "LBN"), uncertain=("LAO",)),
        _va("crpd_parties", None),
        StatusFigure(
            "survivors_involved",
            "s",
            None,
            None,
            SourcedList("survivors_involved", ("AFG",), D("2020"), "l", ("para 70",)),
        ),
    ]
    inputs = Inputs(AS_OF, victims=figures)
    focal = compute("va_national_focal_points", inputs)
    assert (focal.value, focal.of, focal.states) == (2, 3, ("AFG", "LBN"))
    assert "LAO" in focal.note
    assert status(focal, Comparison.ALL) is Status.NOT_MET
    assert compute("va_crpd_parties", inputs).value is None
    listed = compute("va_survivors_involved", inputs)
    assert (listed.value, listed.sources) == (1, ("para 70",))


def test_it_counts_cooperation_over_the_reports_published() -> None:
    year = YearCooperation(2019, Counts(("AAA", "BBB"), requesting=("AAA",)), Counts())
    value = compute("cooperation_requesting", Inputs(AS_OF, cooperation=year))
    assert (value.value, value.of, value.sources) == (1, 2, ("report AAA 2019, Form I",))
    empty = compute(
        "cooperation_requesting",
        Inputs(AS_OF, cooperation=YearCooperation(2019, Counts(), Counts())),
    )
    assert empty.value is None and "no published" in empty.note


def test_it_counts_national_measures_of_states_parties_only() -> None:
    register = _register()
    counts = [
        CategoryCount("specific_law", ("X01", "BBB"), (), None),
        CategoryCount("existing_law_sufficient", ("X02",), (), None),
        CategoryCount("legislation_in_progress", ("X03",), (), None),
    ]
    value = compute(
        "measures_in_compliance",
        Inputs(AS_OF, summary=register.summary(AS_OF), measures=counts),
    )
    assert (value.value, value.of, value.states) == (2, 31, ("X01", "X02"))


@pytest.mark.parametrize(
    ("value", "comparison", "target", "baseline", "expected"),
    [
        (Value(110), Comparison.AT_LEAST, 130, None, Status.NOT_MET),
        (Value(130), Comparison.AT_LEAST, 130, None, Status.MET),
        (Value(0), Comparison.AT_MOST, 0, None, Status.MET),
        (Value(1), Comparison.AT_MOST, Decimal("0"), None, Status.NOT_MET),
        (Value(11, of=11), Comparison.ALL, None, None, Status.MET),
        (Value(10, of=11), Comparison.ALL, None, None, Status.NOT_MET),
        (Value(10), Comparison.ALL, None, None, Status.NOT_KNOWN),  # counted over nothing
        (Value(93.5), Comparison.ABOVE_BASELINE, None, Decimal("75"), Status.MET),
        (Value(68.0), Comparison.ABOVE_BASELINE, None, 82, Status.NOT_MET),
        (Value(93.5), Comparison.ABOVE_BASELINE, None, None, Status.NOT_KNOWN),
        (Value(12), Comparison.NONE, 10, None, Status.NOT_KNOWN),  # no target: not known
        (Value(None), Comparison.AT_LEAST, 130, None, Status.NOT_KNOWN),
        (Value(110), Comparison.AT_LEAST, None, None, Status.NOT_KNOWN),
    ],
)
def test_the_status_compares_the_value_with_the_target(
    value: Value, comparison: Comparison, target: object, baseline: object, expected: Status
) -> None:
    assert status(value, comparison, target, baseline) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("start", "end", "as_of", "expected"),
    [
        # The DAP as evaluated by the review: each year end, then the review's date.
        (
            date(2015, 9, 11),
            date(2020, 12, 31),
            date(2020, 9, 28),
            ["2015-12-31", "2016-12-31", "2017-12-31", "2018-12-31", "2019-12-31", "2020-09-28"],
        ),
        # The whole period is past: its year ends only.
        (date(2021, 1, 1), date(2022, 12, 31), date(2030, 1, 1), ["2021-12-31", "2022-12-31"]),
        # Not started yet: no trend.
        (date(2021, 1, 1), date(2026, 12, 31), date(2020, 9, 28), []),
        # Started this year: the date itself.
        (date(2021, 1, 1), date(2026, 12, 31), date(2021, 3, 1), ["2021-03-01"]),
    ],
)
def test_the_trend_is_taken_at_each_year_end_of_the_period(
    start: date, end: date, as_of: date, expected: list[str]
) -> None:
    assert [d.isoformat() for d in trend_days(start, end, as_of)] == expected


def test_needs_lists_only_what_the_formulas_read() -> None:
    assert needs(["states_parties", "", "bogus"]) == {"summary"}
    assert needs(["initial_reports_submitted", "measures_in_compliance"]) == {
        "reporting",
        "summary",
        "measures",
    }


def _check(**changes: object) -> list[tuple[str, str]]:
    values: dict[str, object] = {
        "formula": "states_parties",
        "comparison": "at_least",
        "unit": "states",
        "baseline_value": Decimal(96),
        "target_value": Decimal(130),
        "baseline_date": D("2015-09-11"),
        "target_date": D("2020-11-25"),
    } | changes
    return [(f.code, f.field) for f in check_indicator(**values)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"formula": ""}, []),  # not defined: allowed, and said so
        ({"formula": "bogus"}, [("indicator.formula_unknown", "formula")]),
        ({"target_value": None}, [("indicator.target_missing", "target_value")]),
        (
            {"comparison": "above_baseline", "baseline_value": None},
            [("indicator.baseline_missing", "baseline_value")],
        ),
        (
            {"unit": "per_cent", "target_value": Decimal(130), "baseline_value": Decimal(-1)},
            [
                ("indicator.percent_range", "baseline_value"),
                ("indicator.percent_range", "target_value"),
            ],
        ),
        ({"target_date": D("2014")}, [("indicator.target_before_baseline", "target_date")]),
        # Every problem at once.
        (
            {"formula": "x", "target_value": None, "target_date": D("2010")},
            [
                ("indicator.formula_unknown", "formula"),
                ("indicator.target_missing", "target_value"),
                ("indicator.target_before_baseline", "target_date"),
            ],
        ),
    ],
)
def test_it_checks_an_indicator_definition(
    changes: dict[str, object], expected: list[tuple[str, str]]
) -> None:
    assert _check(**changes) == expected
