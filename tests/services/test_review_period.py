"""The review's period rule (``themes.document.check_period``): within the Convention's
life, at most twenty years, the start not after the end; asked alike by the page, the
edition form and ``treaty-tracker review``, which refuses with a message naming the option."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from tests.factories import run_cli
from treaty_tracker.rules import CCM, add_years
from treaty_tracker.themes.document import MAX_REVIEW_YEARS, check_period

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2015, 9, 11), date(2020, 9, 28)),  # CCM/CONF/2020/13
        (CCM.adopted, add_years(CCM.adopted, MAX_REVIEW_YEARS) - timedelta(days=1)),
        (date(2026, 9, 1), add_years(TODAY, 5)),  # drafted ahead of its meeting
        (date(2020, 1, 1), date(2020, 1, 1)),  # a single day
    ],
)
def test_it_accepts_a_period_within_the_conventions_life(start: date, end: date) -> None:
    assert check_period(start, end, today=TODAY) == []


@pytest.mark.parametrize(
    ("start", "end", "codes"),
    [
        (date(1, 1, 1), date(2020, 9, 28), [("review.period_before_treaty", "start")]),
        (date(2008, 5, 29), date(2020, 9, 28), [("review.period_before_treaty", "start")]),
        (date(2015, 9, 11), date(9999, 12, 31), [("review.period_too_late", "end")]),
        (
            date(1, 1, 1),
            date(9999, 12, 31),
            [("review.period_before_treaty", "start"), ("review.period_too_late", "end")],
        ),
        (date(2020, 9, 28), date(2015, 9, 11), [("review.period_reversed", "end")]),
        (date(2008, 6, 1), date(2028, 6, 1), [("review.period_too_long", "end")]),
    ],
)
def test_it_refuses_a_period_naming_the_field(
    start: date, end: date, codes: list[tuple[str, str]]
) -> None:
    findings = check_period(start, end, today=TODAY)
    assert [(f.code, f.field) for f in findings] == codes
    assert all(f.message for f in findings)


def test_it_takes_its_first_day_from_the_treaty_definition() -> None:
    earlier = replace(CCM, adopted=date(2000, 1, 1))
    assert check_period(date(2001, 1, 1), date(2005, 1, 1), today=TODAY, treaty=earlier) == []
    assert check_period(date(2001, 1, 1), date(2005, 1, 1), today=TODAY) != []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2015-09-11", "2100-12-31", "--to: 2100-12-31 is after"),
        ("2008-05-01", "2020-09-28", "--from: 2008-05-01 is before 2008-05-30"),
        ("2008-06-01", "2028-06-01", "at most 20 years"),
    ],
)
def test_the_command_refuses_a_period_out_of_bounds(
    capsys: pytest.CaptureFixture[str], start: str, end: str, message: str
) -> None:
    code, out, err = run_cli(capsys, "review", "--from", start, "--to", end, "--format", "md")
    assert code == 2 and out == ""
    assert message in err
