"""Implementation support rules (``rules.support``): checks, budget against contributions,
the capital reserve, arrears under Art. 14 and the sponsorship programme."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Severity
from treaty_tracker.rules.support import (
    CODES,
    Assessment,
    Budget,
    Contribution,
    Dated,
    Donation,
    Participation,
    arrears,
    arrears_by_meeting,
    budget_balance,
    check_assessment,
    check_budget,
    check_contribution,
    check_money,
    check_participation,
    check_period,
    check_role,
    reserve_status,
    sponsorship_totals,
    total,
)


def codes(findings: list) -> list[tuple[str, str]]:
    return [(f.code, f.field) for f in findings]


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (D(0), "CHF", []),
        (D("52800"), "CHF", []),
        (None, "", []),  # not known
        (None, "CHF", []),
        (D(-1), "CHF", [("support.amount_negative", "amount")]),
        (D(5), "", [("support.currency_missing", "currency")]),
        (D(5), "chf", [("support.currency_unknown", "currency")]),
        (D(5), "XYZ", [("support.currency_unknown", "currency")]),
    ],
)
def test_it_checks_amounts_and_currencies(amount, currency, expected) -> None:
    assert codes(check_money(amount, currency)) == expected


def test_it_checks_budget_years() -> None:
    assert codes(check_budget(2019, D(1), "CHF")) == []
    assert codes(check_budget(1999, D(1), "CHF")) == [("year.out_of_range", "year")]


@pytest.mark.parametrize(
    ("state", "contributor", "expected"),
    [
        ("NOR", "", []),
        (None, "European Union", []),
        (None, " ", [("support.contributor_missing", "state")]),
        ("NOR", "Norway MFA", [("support.two_contributors", "contributor")]),
    ],
)
def test_it_needs_one_contributor(state, contributor, expected) -> None:
    found = check_contribution(
        state=state, contributor=contributor, year=2018, amount=D(10), currency="CHF"
    )
    assert codes(found) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2016-09", "2017-09", []),
        ("2016-09", None, []),
        ("2016", "2016-03", []),  # may overlap: the record cannot tell
        ("2017-09", "2016-09", [("support.period_reversed", "ends")]),
    ],
)
def test_it_refuses_reversed_periods(start, end, expected) -> None:
    parsed_end = FuzzyDate.parse(end) if end else None
    assert codes(check_period(FuzzyDate.parse(start), parsed_end)) == expected


@pytest.mark.parametrize(
    ("role", "theme", "expected"),
    [
        ("coordinator", "universalization", []),
        ("president", "", []),
        ("coordinator", "", [("support.theme_missing", "theme")]),
        ("president", "transparency", [("support.theme_not_allowed", "theme")]),
    ],
)
def test_it_checks_committee_roles(role, theme, expected) -> None:
    assert codes(check_role(role, theme)) == expected


def test_overpayment_is_a_warning_not_an_error() -> None:
    (finding,) = check_assessment(D(100), D(120), "USD")
    assert (finding.code, finding.field, finding.severity) == (
        "support.paid_more_than_assessed",
        "paid",
        Severity.WARNING,
    )
    assert codes(check_assessment(D(100), D(-1), "USD")) == [("support.amount_negative", "paid")]
    assert codes(check_assessment(None, None, "USD")) == []


def test_more_states_than_delegates_is_refused() -> None:
    assert codes(check_participation(17, 16)) == []
    assert codes(check_participation(None, 16)) == []
    assert codes(check_participation(3, 4)) == [("support.states_exceed_delegates", "states_count")]


def test_every_code_has_a_severity() -> None:
    assert all(code.startswith("support.") for code in CODES)


def test_a_total_with_unknown_parts_is_a_lower_bound() -> None:
    assert total([]).amount is None  # nothing on the record: not known, never 0
    s = total([(D(10), "CHF"), (None, "CHF"), (D(5), "EUR")])
    assert (s.amount, s.complete, s.unknown, s.other) == (D(10), False, 1, {"EUR": D(5)})
    assert total([(None, "CHF")]).amount is None


@pytest.mark.parametrize(
    ("budget", "given", "covered", "difference"),
    [
        (D(100), [D(60), D(40)], True, D(0)),
        (D(100), [D(60)], False, D(-40)),
        (D(100), [D(60), None], None, D(-40)),  # the unknown amount may make it up
        (D(100), [D(120), None], True, D(20)),
        (None, [D(60)], None, None),  # budget not known
        (D(100), [], None, None),  # no contribution on the record: not known
    ],
)
def test_it_compares_the_budget_with_contributions(budget, given, covered, difference) -> None:
    (year,) = budget_balance(
        [Budget(2018, budget)], [Contribution(f"S{i}", 2018, a) for i, a in enumerate(given)]
    ) or [None]
    assert (year.covered, year.difference) == (covered, difference)


def test_reserve_contributions_do_not_count_against_the_budget() -> None:
    (year,) = budget_balance(
        [Budget(2018, D(100))],
        [
            Contribution("NOR", 2018, D(100), kind="earmarked"),
            Contribution("CHE", 2018, D(50), kind="reserve"),
        ],
    )
    assert (year.contributions.amount, year.earmarked.amount, year.regular.amount) == (
        D(100),
        D(100),
        None,
    )
    assert year.contributors == ("NOR",)


def test_the_reserve_is_measured_against_the_target_in_force() -> None:
    targets = [Dated(D(400000), "CHF", FuzzyDate.parse("2017-09"))]
    balances = [
        Dated(D(250000), "CHF", FuzzyDate.parse("2018-12-31")),
        Dated(D(400000), "CHF", FuzzyDate.parse("2020-12-31")),
    ]
    status = reserve_status(targets, balances, date(2019, 6, 1))
    assert (status.shortfall, status.met) == (D(150000), False)
    assert reserve_status(targets, balances, date(2021, 1, 1)).met is True
    before = reserve_status(targets, balances, date(2017, 9, 15))  # 2017-09 not certainly past
    assert (before.target, before.met) == (None, None)
    unknown = reserve_status(targets, [], date(2020, 9, 28))
    assert (unknown.target.amount, unknown.balance, unknown.shortfall) == (D(400000), None, None)


def test_it_computes_arrears_per_state_and_meeting() -> None:
    rows = arrears(
        [
            Assessment("9MSP", "AAA", D(100), D(40), "USD"),
            Assessment("9MSP", "BBB", D(100), D(130), "USD"),
            Assessment("9MSP", "CCC", D(100), None, "USD"),  # payment not known
            Assessment("8MSP", "AAA", D(50), D(0), "USD"),
        ]
    )
    assert [(r.state, r.outstanding, r.credit) for r in rows] == [
        ("AAA", D(60), D(0)),
        ("BBB", D(0), D(30)),
        ("CCC", None, None),
        ("AAA", D(50), D(0)),
    ]
    by_meeting = arrears_by_meeting(rows, ["8MSP", "9MSP"])
    assert [m.meeting for m in by_meeting] == ["8MSP", "9MSP"]
    ninth = by_meeting[1]
    assert (ninth.assessed.amount, ninth.paid.amount, ninth.paid.complete) == (
        D(300),
        D(170),
        False,
    )
    assert (ninth.outstanding.amount, ninth.outstanding.complete) == (D(60), False)
    assert (ninth.states, ninth.states_in_arrears, ninth.not_known) == (3, 1, 1)


def test_it_totals_the_sponsorship_programme_per_meeting() -> None:
    result = sponsorship_totals(
        [
            Donation("9MSP", 2019, "NOR", D(30000)),
            Donation("9MSP", 2019, "AUS", None),
            Donation("", 2019, "IRL", D(5)),  # no meeting: not in a meeting's total
        ],
        [
            Participation("9MSP", 17, (), 16),
            Participation("8MSP", None, ("BEN", "TGO"), None),
        ],
        ["8MSP", "9MSP"],
    )
    eighth, ninth = result
    assert (eighth.meeting, eighth.delegates, eighth.states_count, eighth.amount.amount) == (
        "8MSP",
        None,
        2,
        None,
    )
    assert (ninth.donors, ninth.amount.amount, ninth.amount.complete) == (
        ("NOR", "AUS"),
        D(30000),
        False,
    )
    assert (ninth.delegates, ninth.states_count) == (17, 16)
