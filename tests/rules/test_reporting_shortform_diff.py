"""The short form and the field-level diff: table tests, and properties (hypothesis) over
report-shaped contents."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from treaty_tracker.rules.reporting import (
    Change,
    ChangeKind,
    Period,
    ReportKind,
    carry_forward,
    diff_reports,
    load_form_definition,
)
from treaty_tracker.rules.reporting.content import normalise

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "reports"
DEFINITION = load_form_definition("ccm-2010")
GOOD = json.loads((SAMPLES / "good-annual.json").read_text(encoding="utf-8"))
PREVIOUS = json.loads((SAMPLES / "good-annual-previous.json").read_text(encoding="utf-8"))

# -- strategies: contents shaped like reports, with anything in the values ------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=6),
)
keys = st.sampled_from(["type", "munitions", "submunitions", "total", "by", "female", "x"])
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=3),
    max_leaves=8,
)
rows = st.lists(st.dictionaries(keys, values, max_size=4), max_size=4)
forms = st.fixed_dictionaries(
    {"status": st.sampled_from(["changed", "unchanged", "not_applicable"])},
    optional={
        "unchanged_since": st.integers(min_value=2008, max_value=2030),
        "data": st.dictionaries(
            st.sampled_from(["stockpile", "destroyed", "focal_point", "killed", "measures"]),
            rows | values,
            max_size=4,
        ),
        "text": st.text(max_size=8),
    },
)
days = st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31))
reports = st.fixed_dictionaries(
    {
        "form_version": st.just("ccm-2010"),
        "kind": st.sampled_from([kind.value for kind in ReportKind]),
        "period": st.builds(lambda a, b: {"from": a.isoformat(), "to": b.isoformat()}, days, days),
        "forms": st.dictionaries(st.sampled_from("ABCDEFGHIJ"), forms, max_size=10),
    },
    optional={
        "state": st.sampled_from(["XAR", "XBO"]),
        "submitted": days.map(date.isoformat),
        "contact": st.dictionaries(st.sampled_from(["organization", "email"]), st.text(max_size=5)),
    },
)
definitions = st.sampled_from([None, DEFINITION])


def reversed_keys(value: Any) -> Any:
    """The same content with every object's keys in reverse order (PostgreSQL's jsonb, for
    one, does not keep the order keys were written in)."""
    if isinstance(value, dict):
        return {key: reversed_keys(value[key]) for key in reversed(list(value))}
    if isinstance(value, list):
        return [reversed_keys(item) for item in value]
    return value


@given(reports, definitions)
def test_it_finds_no_change_between_a_report_and_itself(
    report: dict[str, Any], definition: Any
) -> None:
    assert diff_reports(report, report, definition=definition) == []
    assert diff_reports(report, copy.deepcopy(report), definition=definition) == []


@given(reports, reports, definitions)
def test_it_finds_a_change_exactly_when_the_contents_differ(
    before: dict[str, Any], after: dict[str, Any], definition: Any
) -> None:
    changes = diff_reports(before, after, definition=definition)
    assert (changes == []) == (normalise(before) == normalise(after))


@given(reports, reports, definitions)
def test_it_lists_changes_in_an_order_that_does_not_depend_on_key_order(
    before: dict[str, Any], after: dict[str, Any], definition: Any
) -> None:
    changes = diff_reports(before, after, definition=definition)
    assert changes == diff_reports(
        reversed_keys(before), reversed_keys(after), definition=definition
    )
    forms = [change.form for change in changes]
    assert forms == sorted(forms, key=lambda form: (form != "cover", form))


@given(reports, st.integers(min_value=2011, max_value=2031))
def test_it_shows_only_status_changes_on_forms_carried_forward(
    report: dict[str, Any], due_year: int
) -> None:
    period = Period.for_annual_report(due_year)
    draft = carry_forward(report, kind=ReportKind.ANNUAL, period=period)
    for change in diff_reports(report, draft, definition=DEFINITION):
        if change.form == "cover":
            assert change.path.split(".")[0] in ("kind", "period", "submitted")
        else:
            assert change.kind is ChangeKind.STATUS, change
    assert set(draft["forms"]) == set(report["forms"])
    assert {form["status"] for form in draft["forms"].values()} <= {"unchanged", "not_applicable"}


def test_it_does_not_share_data_between_the_previous_report_and_the_draft() -> None:
    previous = copy.deepcopy(GOOD)
    draft = carry_forward(previous, kind=ReportKind.ANNUAL, period=Period.for_annual_report(2021))
    draft["forms"]["B"]["data"]["stockpile"][0]["munitions"] = 0
    draft["contact"]["email"] = "new@example.org"
    assert previous == GOOD


def test_it_carries_forward_from_the_year_before_when_the_last_period_is_malformed() -> None:
    previous = copy.deepcopy(GOOD) | {"period": {"from": "2019", "to": "?"}}
    draft = carry_forward(previous, kind=ReportKind.VOLUNTARY, period=Period.calendar_year(2020))
    assert draft["kind"] == "voluntary"
    assert draft["forms"]["B"]["unchanged_since"] == 2019
    assert "submitted" not in draft


def test_it_computes_the_annual_period_from_the_due_year() -> None:
    assert Period.for_annual_report(2020) == Period(date(2019, 1, 1), date(2019, 12, 31))


def test_it_shows_a_row_dropped_from_a_table_as_one_removal() -> None:
    after = copy.deepcopy(GOOD)
    del after["forms"]["B"]["data"]["stockpile"][0]  # every M26 rocket destroyed
    changes = diff_reports(GOOD, after, definition=DEFINITION)
    assert changes == [
        Change(
            "B", "B.stockpile[0]", ChangeKind.REMOVED, GOOD["forms"]["B"]["data"]["stockpile"][0]
        )
    ]


def test_it_diffs_a_report_against_the_previous_one_field_by_field() -> None:
    changes = {(c.path, c.kind): (c.before, c.after) for c in diff_reports(PREVIOUS, GOOD)}
    assert changes[("A.status", ChangeKind.STATUS)] == ("changed", "unchanged")
    assert changes[("A.unchanged_since", ChangeKind.STATUS)] == (None, 2018)
    assert changes[("B.stockpile[0].munitions", ChangeKind.CHANGED)] == (1200, 700)
    assert changes[("H.injured.by.male.adult.military", ChangeKind.ADDED)] == (None, 1)
    assert changes[("H.killed.by.male.child.civilian", ChangeKind.REMOVED)] == (1, None)
    assert changes[("period.from", ChangeKind.CHANGED)] == ("2018-01-01", "2019-01-01")
    added_area = changes[("F.areas[2]", ChangeKind.ADDED)][1]
    assert added_area["location"] == "Western Border, Sector 9"
    assert ("E.status", ChangeKind.STATUS) not in changes  # not applicable both years


def test_it_orders_a_forms_changes_as_the_definition_orders_its_fields() -> None:
    after = copy.deepcopy(GOOD)
    after["forms"]["B"]["data"]["standards"] = "IMAS 11.20 (2nd edition)"
    after["forms"]["B"]["data"]["programme_status"] = "completed"
    paths = [c.path for c in diff_reports(GOOD, after, definition=DEFINITION)]
    assert paths == ["B.programme_status", "B.standards"]
    paths = [c.path for c in diff_reports(GOOD, after)]
    assert paths == ["B.programme_status", "B.standards"]  # alphabetical agrees here


def test_it_treats_blank_values_as_absent_and_equal_numbers_as_equal() -> None:
    after = copy.deepcopy(GOOD)
    after["forms"]["B"]["data"]["completed_on"] = ""
    after["forms"]["B"]["data"]["discovered"] = []
    after["forms"]["B"]["data"]["stockpile"][0]["munitions"] = 700.0
    assert diff_reports(GOOD, after) == []
