"""``treaty-tracker indicators``: action-plan indicators as JSON, CSV and text; bad input is
one line on stderr with exit code 2."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.factories import run_cli

ARGV = ["indicators", "--plan", "DAP", "--as-of", "2020-09-28"]


def test_it_prints_the_dap_as_json(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, *ARGV, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert (data["plan"], data["as_of"]) == ("DAP", "2020-09-28")
    first = data["actions"][0]
    assert first["number"] == "1.1"
    (indicator,) = first["indicators"]
    assert (indicator["value"], indicator["target"]["value"], indicator["status"]) == (
        110,
        130,
        "not_met",
    )
    assert indicator["trend"][-1] == {**indicator["trend"][-1], "date": "2020-09-28", "value": 110}


def test_it_prints_csv_and_text(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, *ARGV, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    first = rows[0]
    assert (first["action"], first["indicator"], first["value"], first["target"]) == (
        "1.1",
        "states-parties",
        "110",
        "130",
    )
    assert any(r["note"] == "indicator not defined in the retrieved sources" for r in rows)
    code, out, _ = run_cli(capsys, *ARGV)
    assert code == 0
    assert "Dubrovnik Action Plan (DAP) indicators as of 2020-09-28" in out
    assert "not known" in out and "not met" in out


def test_the_lap_says_its_indicators_are_not_defined(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(capsys, "indicators", "--plan", "lap", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"] == "LAP" and len(data["actions"]) == 26
    assert {a["note"] for a in data["actions"]} == {
        "indicator not defined in the retrieved sources"
    }


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--plan", "XAP"], "--plan: 'XAP' is not one of DAP, LAP"),
        (["--plan", "DAP", "--as-of", "2020-02-30"], "is not a date"),
        (["--plan", "DAP", "--as-of", "2001-01-01"], "--as-of"),
        (["--plan", "DAP", "--format", "xml"], "invalid choice"),
        ([], "--plan"),
    ],
)
def test_it_refuses_bad_input_with_exit_code_2(
    db: None, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run_cli(capsys, "indicators", *argv)
    assert code == 2
    assert out == ""
    assert message in err
    # Our own errors are one line; argparse's (a bad choice, a missing flag) end its usage.
    assert message in err.strip().splitlines()[-1]
