"""``treaty-tracker reporting``: Article 7 figures from the reference data, as JSON, CSV and
a table; bad input is one line on stderr with exit code 2."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.factories import run_cli


def test_it_gives_the_2020_review_initial_report_figures(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "reporting", "--as-of", "2020-09-28", "--format", "json")
    assert code == 0
    data = json.loads(out)
    initial = data["initial_reports"]
    # CCM/CONF/2020/13 para 94: 107 due, 100 submitted, 7 overdue; the record of initial
    # reports is complete as at that date, so the rate is known.
    assert (initial["due"], initial["submitted"], initial["overdue"]) == (107, 100, 7)
    assert initial["not_known"] == 0 and initial["complete"] is True
    assert initial["submitted_rate"] == round(100 / 107, 4)


def test_it_says_annual_figures_are_not_known_for_lack_of_record(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "reporting", "--as-of", "2020-09-28", "--format", "json")
    assert code == 0
    data = json.loads(out)
    years = data["annual_reports"]
    assert [y["year"] for y in years] == [2014, 2015, 2016, 2017, 2018, 2019]
    # The reference data holds no complete record of annual reports: no rate is given.
    for year in years:
        assert year["due_date"] == f"{year['year'] + 1}-04-30"
        assert year["due"] > 0
        assert year["submitted"] + year["overdue"] + year["not_known"] == year["due"]
        assert year["overdue"] == 0
        assert year["not_known"] > 0 and year["complete"] is False
        assert year["submitted_rate"] is None and year["on_time_rate"] is None


def test_it_prints_the_chosen_years_as_csv_and_a_table(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["reporting", "--as-of", "2020-09-28", "--from-year", "2018", "--to-year", "2019"]
    code, out, _ = run_cli(capsys, *argv, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["report"], r["year_covered"]) for r in rows] == [
        ("initial", ""),
        ("annual", "2018"),
        ("annual", "2019"),
    ]
    assert rows[0]["due"] == "107" and rows[1]["submitted_rate"] == "not known"
    code, out, _ = run_cli(capsys, *argv)
    assert code == 0
    assert "Article 7 reports as of 2020-09-28" in out
    assert "not known" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--as-of", "2020-02-30"], "is not a date"),
        (["--from-year", "20x"], "--from-year: '20x' is not a year"),
        (["--to-year", "1999"], "--to-year: '1999' is not a year"),
        (["--from-year", "2019", "--to-year", "2018"], "--from-year 2019 is after --to-year 2018"),
        (["--format", "xml"], "invalid choice"),
    ],
)
def test_it_refuses_bad_input_with_one_line_and_exit_code_2(
    db: None, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, "reporting", *argv)
    assert code == 2
    assert message in err
    assert out == ""
