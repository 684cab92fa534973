"""Article 6 rules (treaty_tracker.rules.assistance): the checks behind every model's
``clean()``, Form I read as facts, the summaries, and the needs-and-offers matching."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from treaty_tracker.rules import FuzzyDate
from treaty_tracker.rules.assistance import (
    AssistanceFact,
    AssistanceInput,
    by_field,
    check_assistance,
    check_coalition,
    check_meeting,
    check_partner,
    check_years,
    default_years,
    facts_from_report,
    match_needs,
    needs,
    resources_from_report,
    summarize_states,
    summarize_years,
)


def _input(**changes: Any) -> AssistanceInput:
    base: dict[str, Any] = {
        "state": "NOR",
        "year": 2019,
        "direction": "provided",
        "theme": "clearance",
        "kind": "financial",
        "counterpart": "LAO",
        "amount": Decimal("250000"),
        "currency": "NOK",
    }
    return AssistanceInput(**(base | changes))


def _codes(findings: list[Any]) -> list[tuple[str, str]]:
    return sorted((f.code, f.field) for f in findings)


# -- checks ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"amount": None, "currency": ""}, []),  # amount not known: fine
        ({"amount": Decimal(0)}, []),  # in-kind valued at nothing, still an amount
        ({"amount": Decimal("-1")}, [("assistance.amount_negative", "amount")]),
        ({"currency": ""}, [("assistance.currency_missing", "currency")]),
        ({"amount": None}, [("assistance.amount_missing", "amount")]),
        ({"currency": "EURO"}, [("assistance.currency_unknown", "currency")]),
        ({"currency": "XYZ"}, [("assistance.currency_unknown", "currency")]),
        ({"currency": "eur"}, [("assistance.currency_unknown", "currency")]),  # codes upper
        ({"counterpart": "NOR"}, [("assistance.own_counterpart", "counterpart")]),
        (
            {"counterpart_name": "UNMAS"},
            [("assistance.two_counterparts", "counterpart_name")],
        ),
        ({"counterpart": None, "counterpart_name": "UNMAS"}, []),
        ({"year": 2007}, [("year.out_of_range", "year")]),
        ({"year": 2101}, [("year.out_of_range", "year")]),
        ({"year": 2008}, []),
        ({"year": 2100}, []),
        ({"year": None}, [("assistance.year_missing", "year")]),
        ({"year_to": 2018}, [("assistance.period_reversed", "year_to")]),
        ({"year_to": 2019}, []),
        ({"year_to": 2020}, []),
        ({"year_to": 2200}, [("year.out_of_range", "year_to")]),
        ({"direction": "lent"}, [("assistance.direction_unknown", "direction")]),
        ({"theme": "demining"}, [("assistance.theme_unknown", "theme")]),
        ({"kind": "cash"}, [("assistance.kind_unknown", "kind")]),
    ],
)
def test_it_checks_a_record_of_assistance(
    changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert _codes(check_assistance(_input(**changes))) == expected


def test_it_reports_every_problem_at_once_by_field() -> None:
    findings = check_assistance(
        _input(amount=Decimal(-5), currency="ZZZ", counterpart="NOR", year=1999)
    )
    grouped = by_field(findings)
    assert set(grouped) == {"amount", "currency", "counterpart", "year"}
    assert all(f.severity == "error" for f in findings)


YEAR = FuzzyDate.parse


@pytest.mark.parametrize(
    ("status", "launched", "concluded", "expected"),
    [
        ("active", "2017", None, []),
        ("concluded", "2017", "2018", []),
        ("concluded", "2017", "not known", []),
        ("concluded", "2017", None, [("coalition.concluded_without_date", "concluded")]),
        ("active", "2017", "2018", [("coalition.active_but_concluded", "status")]),
        ("concluded", "2019", "2018", [("coalition.concluded_before_launch", "concluded")]),
        # Partly known dates that may overlap are not refused.
        ("concluded", "2017-01-01..2018-12-31", "2018", []),
        ("not_known", None, None, []),
    ],
)
def test_it_checks_a_coalition(
    status: str, launched: str | None, concluded: str | None, expected: list[Any]
) -> None:
    findings = check_coalition(
        status=status,
        launched=None if launched is None else YEAR(launched),
        concluded=None if concluded is None else YEAR(concluded),
    )
    assert _codes(findings) == expected


def test_a_state_is_not_a_partner_of_its_own_coalition() -> None:
    assert _codes(check_partner(coalition_state="LBN", partner="LBN")) == [
        ("coalition.own_partner", "state")
    ]
    assert check_partner(coalition_state="LBN", partner="NOR") == []


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        ("2018-05", []),
        ("2016", [("coalition.meeting_before_launch", "date")]),
        ("2021", [("coalition.meeting_after_conclusion", "date")]),
        ("not known", []),
    ],
)
def test_it_checks_a_meeting_against_the_coalition(held: str, expected: list[Any]) -> None:
    findings = check_meeting(held=YEAR(held), launched=YEAR("2017"), concluded=YEAR("2020"))
    assert _codes(findings) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (2015, 2019, []),
        (2019, 2015, [("assistance.years_reversed", "from_year")]),
        (2000, 2019, [("year.out_of_range", "from_year")]),
        (2015, 3000, [("year.out_of_range", "to_year")]),
    ],
)
def test_it_checks_the_years_asked_for(first: int, last: int, expected: list[Any]) -> None:
    assert _codes(check_years(first, last)) == expected


def test_the_default_years_are_the_six_before_the_dates_year() -> None:
    from datetime import date

    assert default_years(date(2020, 9, 28)) == (2014, 2019)


# -- Form I ------------------------------------------------------------------------------


def _report(status: str = "changed", **tables: list[dict[str, Any]]) -> dict[str, Any]:
    return {"forms": {"I": {"status": status, "data": tables}}}


def test_it_reads_form_i_as_facts_cited_as_the_report() -> None:
    content = _report(
        assistance_requested=[{"purpose": "victim_assistance", "description": "Prostheses"}],
        assistance_provided=[
            {"state": "LAO", "purpose": "clearance", "amount": 250000, "currency": "eur"},
            {"state": "", "channel": "UNMAS", "purpose": "risk_education", "in_kind": "Leaflets"},
        ],
        assistance_received=[{"state": "NOR", "purpose": "bogus"}],
        national_resources=[{"article": "4", "amount": "10.5", "currency": "USD"}],
    )
    facts = facts_from_report("ISL", 2023, content, "/reports/published/7/")
    assert [(f.direction, f.theme, f.kind) for f in facts] == [
        ("requested", "victim_assistance", "not_known"),
        ("provided", "clearance", "financial"),
        ("provided", "risk_education", "in_kind"),
        ("received", "not_known", "not_known"),  # a purpose outside the vocabulary
    ]
    provided = facts[1]
    assert (provided.counterpart, provided.amount, provided.currency) == (
        "LAO",
        Decimal(250000),
        "EUR",
    )
    assert facts[2].counterpart_name == "UNMAS" and facts[2].counterpart is None
    assert all(f.citations == ("report ISL 2023, Form I",) for f in facts)
    assert all(f.origin == "report" and f.url == "/reports/published/7/" for f in facts)
    (resource,) = resources_from_report("ISL", 2023, content)
    assert (resource.theme, resource.amount, resource.currency) == (
        "clearance",
        Decimal("10.5"),
        "USD",
    )


@pytest.mark.parametrize(
    "content",
    [
        _report("not_applicable", assistance_requested=[{"purpose": "clearance"}]),
        _report(assistance_requested=[]),
        _report(assistance_requested=[{}, {"purpose": ""}]),
        {"forms": {"I": "changed"}},
        {},
    ],
)
def test_it_reads_nothing_from_a_form_i_with_nothing_to_count(content: dict[str, Any]) -> None:
    assert facts_from_report("ISL", 2023, content) == []


def test_an_amount_that_is_no_number_reads_as_not_known() -> None:
    content = _report(
        assistance_provided=[{"purpose": "clearance", "amount": "lots", "currency": "EUR"}]
    )
    (fact,) = facts_from_report("ISL", 2023, content)
    assert (fact.amount, fact.currency) == (None, "")


@pytest.mark.parametrize(
    ("cell", "counterpart"),
    [
        ("NOR", "NOR"),
        (" nor ", "NOR"),  # trimmed, upper-cased
        ("Nor", "NOR"),
        ("NO", None),
        ("NORW", None),
        ("N0R", None),
        ("ıRL", None),  # a non-ASCII letter is never the "I" of IRL ("ı".upper() == "I")
        ("ſWE", None),  # nor the "S" of SWE
        ("ISL", None),  # the reporting State itself
        (578, None),
    ],
)
def test_a_counterpart_is_three_ascii_letters(cell: object, counterpart: str | None) -> None:
    """What the profile's database filter relies on: a counterpart read from a report is
    always the code's three ASCII letters, in some case, in the report's text."""
    content = _report(assistance_provided=[{"purpose": "clearance", "state": cell}])
    (fact,) = facts_from_report("ISL", 2023, content)
    assert fact.counterpart == counterpart


# -- summaries ---------------------------------------------------------------------------


def _fact(state: str, year: int, direction: str, theme: str, **extra: Any) -> AssistanceFact:
    return AssistanceFact(state=state, year=year, direction=direction, theme=theme, **extra)


def test_it_summarizes_each_year_by_theme_without_converting_currencies() -> None:
    facts = [
        _fact("NOR", 2019, "provided", "clearance", amount=Decimal(100), currency="NOK"),
        _fact("NOR", 2019, "provided", "clearance", amount=Decimal(50), currency="NOK"),
        _fact("DEU", 2019, "provided", "clearance", amount=Decimal(10), currency="EUR"),
        _fact("IRL", 2019, "provided", "clearance"),
        _fact("LAO", 2019, "requested", "victim_assistance"),
        _fact("AFG", 2016, "requested", "victim_assistance", year_to=2020),
        _fact("LBN", 2010, "requested", "clearance"),  # outside the years
    ]
    summary = {s.period: s for s in summarize_years(facts, 2018, 2019)}
    assert list(summary) == ["2016-2020", "2018", "2019"]
    cell = summary["2019"].cell("clearance", "provided")
    assert cell.states == ("DEU", "IRL", "NOR")
    assert cell.amounts == (("EUR", Decimal(10)), ("NOK", Decimal(150)))
    assert (cell.facts, cell.unpriced) == (4, 1)
    assert summary["2019"].totals["requested"].states == ("LAO",)
    assert summary["2018"].cells == {}
    # A period stays whole: it is not split into years it may not concern.
    assert summary["2016-2020"].cell("victim_assistance", "requested").states == ("AFG",)


def test_it_summarizes_each_state() -> None:
    facts = [
        _fact("NOR", 2017, "provided", "clearance", citations=("CCM/CONF/2020/13 para 53",)),
        _fact("NOR", 2019, "offered", "victim_assistance", origin="report"),
        _fact("LAO", 2019, "requested", "clearance"),
    ]
    (lao, nor) = summarize_states(facts)
    assert (lao.state, nor.state) == ("LAO", "NOR")
    assert nor.themes["provided"] == ("clearance",)
    assert nor.themes["offered"] == ("victim_assistance",)
    assert nor.themes["requested"] == ()
    assert (nor.first, nor.last, nor.origins) == (2017, 2019, ("record", "report"))
    assert nor.citations == ("CCM/CONF/2020/13 para 53",)


# -- matching ------------------------------------------------------------------------------

REQUEST = _fact("LAO", 2019, "requested", "clearance", citations=("report LAO 2019, Form I",))


@pytest.mark.parametrize(
    ("support", "expected"),
    [
        # Same theme, in the window: matched.
        ([_fact("NOR", 2019, "provided", "clearance")], ["NOR"]),
        ([_fact("NOR", 2017, "offered", "clearance")], ["NOR"]),  # 2 years before
        ([_fact("NOR", 2021, "provided", "clearance")], ["NOR"]),  # 2 years after
        # Outside the window, another theme, the requester itself, a request: not matched.
        ([_fact("NOR", 2016, "provided", "clearance")], []),
        ([_fact("NOR", 2022, "provided", "clearance")], []),
        ([_fact("NOR", 2019, "provided", "victim_assistance")], []),
        ([_fact("LAO", 2019, "provided", "clearance")], []),
        ([_fact("NOR", 2019, "requested", "clearance")], []),
        ([_fact("NOR", 2019, "received", "clearance")], []),
        ([_fact("NOR", 2019, "provided", "not_known")], []),
        # A period overlapping the window counts.
        ([_fact("NOR", 2010, "provided", "clearance", year_to=2018)], ["NOR"]),
        # A recipient's report naming its donor shows the donor providing.
        ([_fact("KHM", 2019, "received", "clearance", counterpart="JPN")], ["JPN"]),
        # Ranked: most recent first, then most often, then ISO3.
        (
            [
                _fact("DEU", 2018, "provided", "clearance"),
                _fact("NOR", 2020, "provided", "clearance"),
                _fact("AUS", 2018, "provided", "clearance"),
                _fact("AUS", 2017, "offered", "clearance"),
                _fact("CHE", 2018, "provided", "clearance"),
            ],
            ["NOR", "AUS", "CHE", "DEU"],
        ),
    ],
)
def test_it_matches_a_request_with_who_supports_that_theme(
    support: list[AssistanceFact], expected: list[str]
) -> None:
    (match,) = [m for m in match_needs([REQUEST, *support]) if m.need.state == "LAO"]
    assert [s.state for s in match.supporters] == expected
    assert match.matched is bool(expected)
    assert match.window == (2017, 2021)


def test_a_supporter_says_how_recent_how_often_and_whether_to_this_state() -> None:
    facts = [
        REQUEST,
        _fact("NOR", 2018, "provided", "clearance", counterpart="LAO", citations=("a",)),
        _fact("NOR", 2019, "offered", "clearance", citations=("b",)),
        _fact("NOR", 2025, "provided", "clearance"),  # outside the window
    ]
    (match,) = match_needs(facts)
    (nor,) = match.supporters
    assert (nor.last_year, nor.times, nor.to_requester) == (2019, 2, True)
    assert nor.directions == ("offered", "provided")
    assert nor.citations == ("a", "b")


def test_the_window_is_chosen() -> None:
    facts = [REQUEST, _fact("NOR", 2015, "provided", "clearance")]
    assert match_needs(facts, window=2)[0].supporters == ()
    assert [s.state for s in match_needs(facts, window=4)[0].supporters] == ["NOR"]
    assert match_needs([REQUEST, _fact("NOR", 2019, "provided", "clearance")], 0)[0].matched
    with pytest.raises(ValueError, match="window"):
        match_needs(facts, window=-1)


def test_a_request_whose_theme_is_not_known_matches_nothing() -> None:
    facts = [
        _fact("SSD", 2019, "requested", "not_known"),
        _fact("NOR", 2019, "provided", "not_known"),
        _fact("DEU", 2019, "provided", "clearance"),
    ]
    (match,) = match_needs(facts)
    assert not match.matched and not match.matchable


def test_the_same_request_in_a_report_and_the_record_is_one_need() -> None:
    facts = [
        REQUEST,
        _fact("LAO", 2019, "requested", "clearance", origin="report", citations=("x",)),
        _fact("LAO", 2019, "requested", "victim_assistance"),
        _fact("AFG", 2016, "requested", "victim_assistance", year_to=2020),
    ]
    found = needs(facts)
    assert [(n.state, n.theme, n.period) for n in found] == [
        ("AFG", "victim_assistance", "2016-2020"),
        ("LAO", "clearance", "2019"),
        ("LAO", "victim_assistance", "2019"),
    ]
    assert found[1].citations == ("report LAO 2019, Form I", "x")
    assert found[1].origins == ("record", "report")


def test_a_request_no_state_supports_is_unmatched() -> None:
    (match,) = match_needs([REQUEST])
    assert match.supporters == () and not match.matched and match.matchable
