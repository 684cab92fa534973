"""Para 78's cooperation figures (treaty_tracker.rules.cooperation): who requested, provided
and received assistance in Form I, per covered year, out of the reports published."""

from __future__ import annotations

from typing import Any

import pytest

from treaty_tracker.rules.cooperation import (
    Counts,
    YearCooperation,
    add_to,
    assistance,
    cooperation_figures,
    serialize,
)
from treaty_tracker.rules.reporting import load_form_definition

REQUEST = {"purpose": "clearance", "description": "Survey of the northern provinces"}
PROVIDE = {"state": "LAO", "purpose": "clearance", "amount": 250000, "currency": "EUR"}
RECEIVE = {"state": "NOR", "purpose": "victim_assistance"}


def _report(status: str = "changed", **tables: list[dict[str, Any]]) -> dict[str, Any]:
    form: dict[str, Any] = {"status": status}
    if tables:
        form["data"] = tables
    return {"forms": {"A": {"status": "changed"}, "I": form}}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (_report(assistance_requested=[REQUEST]), {"requesting"}),
        (_report(assistance_provided=[PROVIDE]), {"providing"}),
        (_report(assistance_received=[RECEIVE]), {"receiving"}),
        (
            _report(
                assistance_requested=[REQUEST],
                assistance_provided=[PROVIDE, PROVIDE],
                assistance_received=[RECEIVE],
            ),
            {"requesting", "providing", "receiving"},
        ),
        # "unchanged" keeps the previous report's data: it still counts.
        (_report("unchanged", assistance_provided=[PROVIDE]), {"providing"}),
        # Not applicable counts as nothing, even with data left in it.
        (_report("not_applicable", assistance_provided=[PROVIDE]), set()),
        # An empty table, rows with nothing in them, and national resources alone: nothing.
        (_report(assistance_requested=[]), set()),
        (_report(assistance_requested=[{}, {"purpose": ""}]), set()),
        (_report(national_resources=[{"article": "4", "amount": 10, "currency": "EUR"}]), set()),
        # The paper short form: unchanged with no data at all.
        (_report("unchanged"), set()),
        # Shapes a stored content should not have are read as nothing, never an error.
        ({"forms": {"A": {"status": "changed"}}}, set()),
        ({}, set()),
        ({"forms": {"I": "changed"}}, set()),
        ({"forms": {"I": {"status": "changed", "data": ["x"]}}}, set()),
        (_report(assistance_requested="yes"), set()),  # type: ignore[arg-type]
    ],
    ids=[
        "requested",
        "provided",
        "received",
        "all-three",
        "unchanged",
        "not-applicable",
        "empty-table",
        "empty-rows",
        "national-resources-only",
        "short-form",
        "no-form-i",
        "no-forms",
        "form-not-a-dict",
        "data-not-a-dict",
        "table-not-a-list",
    ],
)
def test_it_reads_which_assistance_a_report_shows(
    content: dict[str, Any], expected: set[str]
) -> None:
    assert assistance(content) == expected


def test_it_counts_states_parties_and_the_others_apart_per_year() -> None:
    reports = {
        ("AFG", 2019): _report(assistance_requested=[REQUEST], assistance_received=[RECEIVE]),
        ("LAO", 2019): _report(assistance_requested=[REQUEST], assistance_received=[RECEIVE]),
        ("NOR", 2019): _report(assistance_provided=[PROVIDE]),
        ("ISL", 2019): _report("not_applicable"),
        ("SSD", 2019): _report(assistance_requested=[REQUEST]),  # not party (para 78)
        ("NOR", 2018): _report(assistance_provided=[PROVIDE]),
        ("NOR", 2017): _report(assistance_provided=[PROVIDE]),  # a year not asked for
    }
    parties = {"AFG", "LAO", "NOR", "ISL", "DEU"}
    figures = cooperation_figures(reports, parties, [2018, 2019, 2020])
    assert [f.year for f in figures] == [2018, 2019, 2020]
    y2018, y2019, y2020 = figures
    assert y2019.parties == Counts(
        reports=("AFG", "ISL", "LAO", "NOR"),
        requesting=("AFG", "LAO"),
        providing=("NOR",),
        receiving=("AFG", "LAO"),
    )
    # DEU is a State Party with no report for 2019: not counted, not in the base.
    assert y2019.not_party == Counts(reports=("SSD",), requesting=("SSD",))
    assert y2018.parties == Counts(reports=("NOR",), providing=("NOR",))
    assert y2018.not_party == Counts()
    # No report at all: zero of zero, not "zero of all".
    assert y2020 == YearCooperation(2020, Counts(), Counts())


def test_it_serializes_counts_with_their_base_and_who() -> None:
    reports = {
        ("AFG", 2019): _report(assistance_requested=[REQUEST]),
        ("NOR", 2019): _report(assistance_provided=[PROVIDE]),
        ("SSD", 2019): _report(assistance_requested=[REQUEST]),
    }
    (figure,) = cooperation_figures(reports, {"AFG", "NOR"}, [2019])
    assert serialize(figure) == {
        "reports": 2,
        "requesting": 1,
        "providing": 1,
        "receiving": 0,
        "states": {"requesting": ["AFG"], "providing": ["NOR"], "receiving": []},
        "not_party": {
            "reports": 1,
            "requesting": 1,
            "providing": 0,
            "receiving": 0,
            "states": {"requesting": ["SSD"], "providing": [], "receiving": []},
        },
    }


def test_it_adds_a_cooperation_section_to_each_covered_year() -> None:
    data = {"annual_reports": [{"year": 2018}, {"year": 2019}]}
    reports = {("NOR", 2019): _report(assistance_provided=[PROVIDE])}
    added = add_to(data, cooperation_figures(reports, {"NOR"}, [2019]))
    assert [y["cooperation"]["reports"] for y in added["annual_reports"]] == [0, 1]
    assert added["annual_reports"][1]["cooperation"]["providing"] == 1


def test_it_counts_tables_that_the_form_definition_has() -> None:
    form_i = load_form_definition("ccm-2010").form("I")
    assert form_i is not None
    requested = form_i.table("assistance_requested")
    assert requested is not None and requested.voluntary
    assert [f.key for f in requested.fields] == ["purpose", "description", "amount", "currency"]
    provided = form_i.table("assistance_provided")
    assert provided is not None
    assert requested.field("purpose") == provided.field("purpose")
