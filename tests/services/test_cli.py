"""The CLI: thin commands over the selectors, one-line errors on stderr with exit code 2."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from django.core.management import call_command

from tests.factories import run_cli


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["summary", "--as-of", "2020-13-01"], "is not a date"),
        (["summary", "--as-of", "2007-12-31"], "before 2008-01-01"),
        (["summary", "--as-of", "2101-01-01"], "after 2100-12-31"),
        (["summary", "--as-of", "20200928"], "is not a date"),
        (["state", "XYZ", "--as-of", "2020-09-28"], "unknown State 'XYZ'"),
        (["deadlines", "--within", "-5"], "--within must be zero or more"),
        (["summary", "--format", "xml"], "invalid choice"),
    ],
)
def test_it_refuses_bad_input_with_one_line_and_exit_code_2(
    db: None, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert message in err
    assert out == ""


def test_it_prints_a_states_whole_profile_as_json(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "state", "isl", "--as-of", "2020-09-28", "--format", "json")
    profile = json.loads(out)
    assert code == 0
    assert (profile["iso3"], profile["entry_into_force"]) == ("ISL", "2016-02-01")
    assert profile["consent"] == {"kind": "ratification", "date": "2015-08-31"}
    assert profile["sources"]["consent"]


def test_it_prints_the_summary_as_csv_and_table(db: None) -> None:
    out = io.StringIO()
    call_command("summary", as_of="2020-09-28", format="csv", stdout=out)
    rows = {(r["section"], r["key"]): r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[("list", "states_parties")]["count"] == "110"
    table = io.StringIO()
    call_command("summary", as_of="2020-09-28", format="table", stdout=table)
    assert "states parties               110" in table.getvalue()


def test_it_lists_deadlines_within_a_window(db: None) -> None:
    out = io.StringIO()
    call_command("deadlines", as_of="2020-09-28", within=30, format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["within_days"] == 30
    assert any(
        d["state"] == "BGR" and d["kind"] == "article3" and d["due"] == "2020-10-01"
        for d in data["deadlines"]
    )
    assert all(d["due"] <= "2020-10-28" for d in data["deadlines"])


def test_it_writes_nothing_on_a_dry_run_setup(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "setup", "--dry-run", "--no-migrate")
    assert code == 0 and "would be created" in out


def test_it_survives_a_horizon_beyond_the_calendar(db: None) -> None:
    out = io.StringIO()
    call_command("deadlines", as_of="2100-12-31", within=10**12, format="json", stdout=out)
    assert json.loads(out.getvalue())["within_days"] == 10**12


@pytest.fixture
def failing_check() -> Iterator[None]:
    """A system check that always fails, as a broken configuration would."""
    from django.core import checks

    def broken(**_kwargs: object) -> list[checks.CheckMessage]:
        return [checks.Error("a broken configuration", id="tests.E001")]

    checks.register(broken)
    yield
    checks.registry.registry.registered_checks.discard(broken)


@pytest.mark.parametrize("argv", [["summary"], ["state", "ISL"], ["deadlines"], ["reporting"]])
def test_it_answers_a_read_only_command_without_the_system_checks(
    db: None, capsys: pytest.CaptureFixture[str], failing_check: None, argv: list[str]
) -> None:
    # The checks import every view of the site: half a second a command (bench/cli.py).
    code, out, _err = run_cli(capsys, *argv, "--as-of", "2020-09-28")
    assert code == 0 and out


def test_it_runs_the_system_checks_before_a_command_that_writes(
    db: None, capsys: pytest.CaptureFixture[str], failing_check: None
) -> None:
    code, _out, err = run_cli(capsys, "uploads", "purge", "--dry-run")
    assert code != 0 and "a broken configuration" in err
