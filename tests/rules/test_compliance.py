"""Article 7 reporting figures from a hand-built register (table tests), and the matrix
cells; "not known" never becomes a rate."""

from __future__ import annotations

from datetime import date

import pytest

from treaty_tracker.rules import (
    CCM,
    FuzzyDate,
    Register,
    ReportKind,
    ReportRecord,
    StateRecord,
)
from treaty_tracker.rules.compliance import (
    Cell,
    Figures,
    cell,
    compute,
    default_years,
    initial_report_figures,
    reporting_figures,
    serialize,
)

D = FuzzyDate.parse


def _annual(year: int, submitted: str) -> ReportRecord:
    return ReportRecord(ReportKind.ANNUAL, D(submitted), year=year)


# Thirty early States make the treaty enter into force on 1 December 2009; each of them has
# its initial report (due 2010-05-30) on time, and its annual reports for 2018 and 2019 on
# time, so the hand-built States below are the only ones that differ.
EARLY = [
    StateRecord(
        f"X{i:02d}",
        f"Early {i}",
        consent=D("2009-06-01"),
        reports=(
            ReportRecord(ReportKind.INITIAL, D("2010-05-01")),
            _annual(2018, "2019-04-01"),
            _annual(2019, "2020-04-01"),
        ),
    )
    for i in range(30)
]

STATES = [
    # On time in 2018, late in 2019 (1 May 2020, the day after the due date).
    StateRecord(
        "AAA",
        "A",
        consent=D("2015-01-05"),
        reports=(
            ReportRecord(ReportKind.INITIAL, D("2015-12-01")),
            _annual(2018, "2019-04-30"),
            _annual(2019, "2020-05-01"),
        ),
    ),
    # Nothing on the record for either year.
    StateRecord(
        "BBB",
        "B",
        consent=D("2015-01-05"),
        reports=(ReportRecord(ReportKind.INITIAL, D("2016-03-01")),),  # late (due 2015-12-28)
    ),
    # 2019 known only as "by 2020-09-28": submitted, timeliness not known.
    StateRecord(
        "CCC",
        "C",
        consent=D("2015-01-05"),
        reports=(_annual(2018, "2019-01-10"), _annual(2019, "by 2020-09-28")),
    ),
    # In force for it on 1 Feb 2020: nothing due for 2018 or 2019, initial due 2020-07-30.
    StateRecord("DDD", "D", consent=D("2019-08-06")),
]


def _register(coverage: dict[str, date] | None = None) -> Register:
    return Register(CCM, [*EARLY, *STATES], coverage or {})


AS_OF = date(2020, 9, 28)


@pytest.mark.parametrize(
    ("coverage", "year", "expected"),
    [
        # No complete record of annual reports: BBB's gap is "not known", so no rate.
        (None, 2018, Figures(33, 32, 32, 0, 0, 0, 1)),
        (None, 2019, Figures(33, 32, 30, 1, 1, 0, 1)),
        # The record of annual reports is complete: BBB is overdue, and rates exist.
        ({"annual": date(2099, 1, 1)}, 2018, Figures(33, 32, 32, 0, 0, 1, 0)),
        ({"annual": date(2099, 1, 1)}, 2019, Figures(33, 32, 30, 1, 1, 1, 0)),
        # The report covering 2020 is due on 30 April 2021: nothing is due yet.
        ({"annual": date(2099, 1, 1)}, 2020, Figures(0, 0, 0, 0, 0, 0, 0)),
    ],
)
def test_it_counts_annual_reports_per_covered_year(
    coverage: dict[str, date] | None, year: int, expected: Figures
) -> None:
    (figures,) = reporting_figures(_register(coverage), AS_OF, [year])
    assert figures.year == year
    assert figures.due_date == date(year + 1, 4, 30)
    assert figures.figures == expected
    f = figures.figures
    assert f.submitted + f.overdue + f.not_known == f.due
    assert f.on_time + f.late + f.timeliness_not_known == f.submitted


def test_it_gives_no_rate_when_the_record_cannot_tell() -> None:
    (figures,) = reporting_figures(_register(), AS_OF, [2018])
    assert figures.figures.not_known == 1
    assert figures.figures.complete is False
    assert figures.figures.submitted_rate is None
    assert figures.figures.on_time_rate is None


def test_it_gives_rates_when_the_record_is_complete() -> None:
    year_2018, year_2019, year_2020 = reporting_figures(
        _register({"annual": date(2099, 1, 1)}), AS_OF, [2018, 2019, 2020]
    )
    assert year_2018.figures.complete
    assert year_2018.figures.submitted_rate == pytest.approx(32 / 33)
    assert year_2018.figures.on_time_rate == pytest.approx(32 / 33)
    # CCC's 2019 report is dated too loosely to say whether it was on time.
    assert year_2019.figures.submitted_rate == pytest.approx(32 / 33)
    assert year_2019.figures.on_time_rate is None
    # Nothing due: no rate, not 0 %.
    assert year_2020.figures.submitted_rate is None and year_2020.figures.on_time_rate is None


def test_it_counts_initial_reports_of_states_parties_whose_due_date_has_passed() -> None:
    figures = initial_report_figures(_register({"initial": AS_OF}), AS_OF)
    # CCC has none on the record; DDD's fell due on 30 July 2020: both overdue while the
    # record of initial reports is complete, "not known" after it.
    assert figures == Figures(
        due=34, submitted=32, on_time=31, late=1, timeliness_not_known=0, overdue=2, not_known=0
    )
    after = initial_report_figures(_register({"initial": AS_OF}), date(2021, 1, 1))
    assert after.overdue == 0 and after.not_known == 2 and after.submitted_rate is None


@pytest.mark.parametrize(
    ("iso3", "year", "expected"),
    [
        ("AAA", 2018, Cell.ON_TIME),
        ("AAA", 2019, Cell.LATE),
        ("BBB", 2019, Cell.NOT_KNOWN),
        ("CCC", 2019, Cell.SUBMITTED),
        ("DDD", 2019, Cell.NOT_REQUIRED),
        ("AAA", 2020, Cell.NOT_YET_DUE),  # due 30 April 2021
        ("DDD", 2020, Cell.NOT_YET_DUE),  # its first annual report
        ("DDD", 2018, Cell.NOT_REQUIRED),
    ],
)
def test_it_marks_each_cell_of_the_matrix(iso3: str, year: int, expected: Cell) -> None:
    assert cell(_register().state(iso3, AS_OF), year, CCM) is expected


def test_it_marks_a_missing_report_overdue_only_with_a_complete_record() -> None:
    complete = _register({"annual": date(2099, 1, 1)})
    assert cell(complete.state("BBB", AS_OF), 2019, CCM) is Cell.OVERDUE


def test_it_defaults_to_the_six_most_recent_covered_years() -> None:
    assert default_years(date(2020, 9, 28)) == [2014, 2015, 2016, 2017, 2018, 2019]


def test_it_serializes_rates_as_null_when_not_known() -> None:
    data = serialize(compute(_register(), AS_OF, [2018]))
    assert data["as_of"] == "2020-09-28"
    assert data["annual_reports"][0]["year"] == 2018
    assert data["annual_reports"][0]["due_date"] == "2019-04-30"
    assert data["annual_reports"][0]["submitted_rate"] is None
    assert data["annual_reports"][0]["complete"] is False
