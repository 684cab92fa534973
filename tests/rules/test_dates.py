"""Date arithmetic and partly-known dates: table tests and properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treaty_tracker.rules import FuzzyDate, FuzzyDateError, add_months, add_years

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2010, 8, 1), 96, date(2018, 8, 1)),
        (date(2021, 3, 1), 37, date(2024, 4, 1)),  # Peru's 37-month extension
        (date(2021, 3, 1), 18, date(2022, 9, 1)),  # Bosnia and Herzegovina's 18 months
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2019, 1, 31), 1, date(2019, 2, 28)),
        (date(2015, 8, 31), 6, date(2016, 2, 29)),
        (date(2011, 3, 1), -9, date(2010, 6, 1)),
    ],
)
def test_it_adds_calendar_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_it_clips_29_february_to_28_in_a_common_year() -> None:
    assert add_years(date(2016, 2, 29), 1) == date(2017, 2, 28)


@given(days, st.integers(min_value=-600, max_value=600))
def test_it_keeps_the_day_unless_the_month_is_shorter(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(days=1)).day == 1)


@given(days, st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=300))
def test_it_never_goes_backwards(day: date, a: int, b: int) -> None:
    assert add_months(day, a) <= add_months(day, a + b)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision"),
    [
        ("2019-03-01", date(2019, 3, 1), date(2019, 3, 1), "day"),
        ("2019-03", date(2019, 3, 1), date(2019, 3, 31), "month"),
        ("2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
        ("by 2020-09-28", None, date(2020, 9, 28), "by"),
        ("after 2020-09-28", date(2020, 9, 29), None, "after"),
        ("2015-09-11..2020-09-28", date(2015, 9, 11), date(2020, 9, 28), "range"),
        ("not known", None, None, "unknown"),
    ],
)
def test_it_reads_every_form_of_date(
    text: str, earliest: date | None, latest: date | None, precision: str
) -> None:
    value = FuzzyDate.parse(text)
    assert (value.earliest, value.latest, value.precision) == (earliest, latest, precision)


@pytest.mark.parametrize("text", ["2019-13", "2019-02-30", "soon", "2020-09-28..2019-01-01"])
def test_it_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(FuzzyDateError):
        FuzzyDate.parse(text)


fuzzy_dates = st.one_of(
    days.map(FuzzyDate.exact),
    days.map(lambda d: FuzzyDate.month(d.year, d.month)),
    days.map(lambda d: FuzzyDate.year(d.year)),
    days.map(FuzzyDate.by),
    st.tuples(days, days).map(lambda p: FuzzyDate(min(p), max(p))),
    st.just(FuzzyDate.unknown()),
)


@given(fuzzy_dates)
def test_it_round_trips_through_text(value: FuzzyDate) -> None:
    assert FuzzyDate.parse(value.iso()) == value


@given(fuzzy_dates, days)
def test_it_answers_before_only_when_the_interval_decides(value: FuzzyDate, day: date) -> None:
    answer = value.on_or_before(day)
    if answer is True:
        assert value.latest is not None and value.latest <= day
    elif answer is False:
        assert value.earliest is not None and value.earliest > day
    else:
        assert (value.earliest is None or value.earliest <= day) and (
            value.latest is None or value.latest > day
        )
