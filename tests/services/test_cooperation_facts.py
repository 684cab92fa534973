"""Article 6 facts at the model and service level: staff entry through the one write path
(``save_fact``) refused field by field, the reference data (article6.yaml) as loaded, and
Form I of published reports read as facts (published versions only)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from tests.factories import minimal_annual_report
from treaty_tracker.cooperation import selectors
from treaty_tracker.cooperation.charts import cooperation_chart
from treaty_tracker.cooperation.models import (
    AssistanceRecord,
    Coalition,
    CoalitionMeeting,
    CoalitionPartner,
)
from treaty_tracker.reference.loader import parse
from treaty_tracker.reference.validation import validate
from treaty_tracker.rules import FuzzyDate, ReportKind
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.themes.charts import StackedBarChart, render_svg
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish


def _state(iso3: str) -> State:
    return State.objects.get(iso3=iso3)


def _record(**changes: Any) -> AssistanceRecord:
    values: dict[str, Any] = {
        "state": _state("NOR"),
        "year": 2019,
        "direction": "provided",
        "theme": "clearance",
        "kind": "financial",
        "counterpart": _state("LAO"),
        "amount": Decimal("250000"),
        "currency": "NOK",
    }
    return AssistanceRecord(**(values | changes))


# -- staff entry -----------------------------------------------------------------------------


def test_it_saves_a_fact_entered_by_staff_with_its_history(isla: User) -> None:
    record = save_fact(_record(currency="nok"), user=isla, reason="from the 2019 report")
    record.refresh_from_db()
    assert record.entered_by == isla
    assert record.currency == "NOK"  # upper-cased before it is checked
    assert record.citation == "entered by isla"
    (history,) = record.history.all()
    assert (history.history_user, history.history_change_reason) == (
        isla,
        "from the 2019 report",
    )


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"amount": Decimal("-1")}, {"amount"}),
        ({"currency": ""}, {"currency"}),
        ({"amount": None}, {"amount"}),
        ({"currency": "EURO"}, {"currency"}),
        ({"currency": "ABC"}, {"currency"}),
        ({"counterpart": "NOR"}, {"counterpart"}),
        ({"counterpart_name": "UNMAS"}, {"counterpart_name"}),
        ({"year": 2007}, {"year"}),
        ({"year": 2101}, {"year"}),
        ({"year_to": 2018}, {"year_to"}),
        ({"year": None}, {"year"}),
        ({"direction": "lent"}, {"direction"}),
        ({"theme": "demining"}, {"theme"}),
        # Every problem at once, each by its field.
        (
            {"amount": Decimal("-3"), "currency": "ZZZ", "counterpart": "NOR", "year": 1999},
            {"amount", "currency", "counterpart", "year"},
        ),
    ],
)
def test_it_refuses_bad_input_by_field_and_writes_nothing(
    isla: User, changes: dict[str, Any], fields: set[str]
) -> None:
    if changes.get("counterpart") == "NOR":
        changes["counterpart"] = _state("NOR")
    before = AssistanceRecord.objects.count()
    with pytest.raises(ValidationError) as raised:
        save_fact(_record(**changes), user=isla)
    assert fields <= set(raised.value.message_dict)
    assert AssistanceRecord.objects.count() == before


def test_a_fact_needs_a_source_or_a_user(db: None) -> None:
    with pytest.raises(ValidationError) as raised:
        _record(amount=Decimal(-1)).full_clean()
    assert {"source", "amount"} <= set(raised.value.message_dict)


def test_it_refuses_a_coalition_concluded_before_it_was_launched(isla: User) -> None:
    coalition = Coalition(
        state=_state("TCD"),
        launched=FuzzyDate.parse("2019"),
        status="concluded",
        concluded=FuzzyDate.parse("2018"),
    )
    with pytest.raises(ValidationError) as raised:
        save_fact(coalition, user=isla)
    assert set(raised.value.message_dict) == {"concluded"}
    coalition.status, coalition.concluded = "concluded", None
    with pytest.raises(ValidationError) as raised:
        save_fact(coalition, user=isla)
    assert set(raised.value.message_dict) == {"concluded"}


def test_it_refuses_the_affected_state_as_its_own_partner(isla: User) -> None:
    coalition = Coalition.objects.get(state__iso3="LBN")
    with pytest.raises(ValidationError) as raised:
        save_fact(CoalitionPartner(coalition=coalition, state=_state("LBN")), user=isla)
    assert set(raised.value.message_dict) == {"state"}
    partner = save_fact(
        CoalitionPartner(coalition=coalition, state=_state("NOR"), role="lead"), user=isla
    )
    assert list(coalition.partners.all()) == [partner.state]
    with pytest.raises(ValidationError):  # once per coalition
        save_fact(CoalitionPartner(coalition=coalition, state=_state("NOR")), user=isla)


def test_it_refuses_a_meeting_outside_the_coalitions_life(isla: User) -> None:
    botswana = Coalition.objects.get(state__iso3="BWA")  # concluded in 2018
    with pytest.raises(ValidationError) as raised:
        save_fact(CoalitionMeeting(coalition=botswana, date=FuzzyDate.parse("2019-05")), user=isla)
    assert set(raised.value.message_dict) == {"date"}
    with pytest.raises(ValidationError) as raised:
        save_fact(CoalitionMeeting(coalition=botswana, date=FuzzyDate.parse("2016")), user=isla)
    assert set(raised.value.message_dict) == {"date"}
    meeting = save_fact(
        CoalitionMeeting(coalition=botswana, date=FuzzyDate.parse("2018-03"), place="Gaborone"),
        user=isla,
    )
    assert meeting.entered_by == isla


# -- reference data ----------------------------------------------------------------------------


def test_it_loads_the_three_country_coalitions_of_para_82(db: None) -> None:
    coalitions = {c.state.iso3: c for c in Coalition.objects.select_related("state", "source")}
    assert set(coalitions) == {"LBN", "MNE", "BWA"}
    botswana = coalitions["BWA"]
    assert (botswana.status, botswana.concluded) == ("concluded", FuzzyDate.parse("2018"))
    assert botswana.citation == "CCM/CONF/2020/13 para 82"
    assert coalitions["LBN"].status == "active"
    assert coalitions["LBN"].status_as_of == FuzzyDate.parse("2020-09-28")
    # The review names no partner and no meeting: none is invented.
    assert not CoalitionPartner.objects.filter(reference_key__isnull=False).exists()
    assert not CoalitionMeeting.objects.filter(reference_key__isnull=False).exists()
    # On a date before any coalition could exist, none is shown.
    assert selectors.coalitions(date(2016, 6, 1)) == []
    statuses = {
        c.state.iso3: selectors.coalition_status(c, date(2018, 6, 1))
        for c in selectors.coalitions(date(2018, 6, 1))
    }
    assert statuses == {"BWA": "not_known", "LBN": "active", "MNE": "active"}
    assert selectors.coalition_status(botswana, date(2019, 1, 1)) == "concluded"


def test_it_loads_para_71s_ten_requests_for_victim_assistance(db: None) -> None:
    requests = AssistanceRecord.objects.filter(
        direction="requested", theme="victim_assistance", reference_key__isnull=False
    )
    assert sorted(r.state.iso3 for r in requests) == sorted(
        ["AFG", "ALB", "BIH", "TCD", "GNB", "IRQ", "LAO", "LBN", "MNE", "SOM"]
    )
    assert {(r.year, r.year_to, r.paragraph) for r in requests} == {(2016, 2020, "71")}
    # No amount is invented anywhere in the reference data.
    assert not AssistanceRecord.objects.filter(
        reference_key__isnull=False, amount__isnull=False
    ).exists()


@pytest.mark.parametrize(
    ("fact", "field"),
    [
        ({"amount": -5, "currency": "EUR"}, "amount"),
        ({"amount": 5}, "currency"),
        ({"currency": "EUR"}, "amount"),
        ({"amount": 5, "currency": "EURO"}, "currency"),
        ({"counterpart": "NOR"}, "counterpart"),
        ({"year": 2007}, "year"),
        ({"theme": "demining"}, "theme"),
        ({"state": "XXX"}, "state"),
    ],
)
def test_the_loader_refuses_a_bad_assistance_fact_by_field(
    db: None, fact: dict[str, Any], field: str
) -> None:
    batch = parse()
    base = {
        "type": "cooperation_assistance",
        "state": "NOR",
        "year": 2019,
        "direction": "provided",
        "theme": "clearance",
        "source": {"ref": "review2020", "paragraph": "78"},
    }
    batch.facts.append(("test.yaml", 0, base | fact))
    problems = [p for p in validate(batch) if p.file == "test.yaml"]
    assert [p.field for p in problems] == [field]


def test_the_loader_refuses_a_partner_of_a_coalition_not_in_the_data(db: None) -> None:
    batch = parse()
    batch.facts.append(
        (
            "test.yaml",
            0,
            {
                "type": "cooperation_coalition_partner",
                "state": "TCD",
                "partner": "NOR",
                "source": {"ref": "review2020", "paragraph": "82"},
            },
        )
    )
    problems = [p for p in validate(batch) if p.file == "test.yaml"]
    assert [p.field for p in problems] == ["state"]


# -- Form I of published reports ------------------------------------------------------------------


def _content(iso3: str, year: int, **tables: list[dict[str, Any]]) -> dict[str, Any]:
    content = minimal_annual_report(iso3, year)
    content["forms"]["I"] = {"status": "changed", "data": tables}
    return content


@pytest.fixture
def reports(isla: User) -> dict[str, int]:
    """Reports covering 2023: Iceland provides to Lao PDR (published); Norway requests
    (published); Ireland's provision is entered but never published."""
    received = datetime(2024, 4, 10, tzinfo=UTC)
    ids = {}
    for iso3, tables, publish in (
        (
            "ISL",
            {
                "assistance_provided": [
                    {"state": "LAO", "purpose": "clearance", "amount": 50000, "currency": "EUR"}
                ],
                "national_resources": [{"article": "5", "amount": 1000, "currency": "ISK"}],
            },
            True,
        ),
        ("NOR", {"assistance_requested": [{"purpose": "clearance"}]}, True),
        ("IRL", {"assistance_provided": [{"state": "LAO", "purpose": "clearance"}]}, False),
    ):
        submission = report_enter_on_behalf(
            user=isla,
            slot=Slot(iso3, ReportKind.ANNUAL, 2023),
            content=_content(iso3, 2023, **tables),
            received=received,
        )
        if publish:
            submission = report_publish(user=isla, submission=submission)
        ids[iso3] = submission.pk
    return ids


def test_it_reads_form_i_of_published_reports_only(reports: dict[str, int]) -> None:
    facts, resources = selectors.report_facts(date(2025, 1, 1))
    assert sorted((f.state, f.direction) for f in facts) == [
        ("ISL", "provided"),
        ("NOR", "requested"),
    ]
    provided = next(f for f in facts if f.state == "ISL")
    assert provided.citations == ("report ISL 2023, Form I",)
    assert provided.url == f"/reports/published/{reports['ISL']}/"
    assert [(r.state, r.theme, r.amount) for r in resources] == [
        ("ISL", "victim_assistance", Decimal(1000))
    ]
    # As of a day before the reports were received, there is nothing to read.
    assert selectors.report_facts(date(2024, 4, 1)) == ([], [])


def test_the_needs_view_matches_a_request_in_a_report_with_a_provider_in_another(
    reports: dict[str, int],
) -> None:
    matches = selectors.needs(date(2025, 1, 1), 2023, 2023, 2)
    norway = next(m for m in matches if m.need.state == "NOR")
    assert [s.state for s in norway.supporters] == ["ISL"]
    assert norway.need.citations == ("report NOR 2023, Form I",)


# -- others' reports naming a State (the profile's query) -----------------------------------------


def _stored(
    user: User,
    iso3: str,
    tables: dict[str, list[dict[str, Any]]],
    *,
    kind: str = "annual",
    number: int = 1,
    status: str = "changed",
    published: bool = True,
) -> Submission:
    """A version stored as it is, without the submission checks (so that the tolerant
    reading of a report, lower case and spaces included, can be exercised)."""
    content = minimal_annual_report(iso3, 2023)
    content["kind"] = kind
    content["forms"]["I"] = {"status": status, "data": tables}
    return Submission.objects.create(
        state=_state(iso3),
        kind=kind,
        year=2023,
        number=number,
        form_version="ccm-2010",
        content=content,
        submitted_at=datetime(2024, 4, 10, tzinfo=UTC),
        submitted_by=user,
        status=Submission.Status.PUBLISHED if published else Submission.Status.SUBMITTED,
    )


@pytest.fixture
def naming(isla: User) -> None:
    """Reports covering 2023 around Lao PDR (LAO); only DEU's and SWE's name it."""
    lao = {"purpose": "clearance", "state": "LAO"}
    _stored(isla, "DEU", {"assistance_provided": [lao]})
    _stored(isla, "SWE", {"assistance_received": [{"purpose": "clearance", "state": " lao "}]})
    # "Laos" in a description: fetched (the filter is a superset), not a mention.
    _stored(
        isla,
        "BEL",
        {"assistance_provided": [{"purpose": "clearance", "state": "KHM", "in_kind": "Laos"}]},
    )
    _stored(isla, "NOR", {"assistance_requested": [{"purpose": "clearance"}]})  # unrelated
    _stored(isla, "FRA", {"assistance_provided": [lao]}, status="not_applicable")
    _stored(isla, "ESP", {"assistance_provided": [lao]}, published=False)
    # A later version no longer names it; a voluntary report does, but the annual is read.
    _stored(isla, "AUT", {"assistance_provided": [lao]})
    _stored(isla, "AUT", {"assistance_provided": [{"purpose": "other"}]}, number=2)
    _stored(isla, "CHE", {"assistance_provided": [lao]}, kind="voluntary")
    _stored(isla, "CHE", {"assistance_provided": [{"purpose": "other"}]})
    # Its own report naming itself is not a mention by another State.
    _stored(isla, "LAO", {"assistance_received": [{"purpose": "clearance", "state": "LAO"}]})


def test_others_reports_naming_a_state_are_found_and_no_unrelated_report_is_loaded(
    naming: None,
) -> None:
    as_of = date(2025, 1, 1)
    fetched = {
        state for state, _year, _pk, _content in selectors.report_contents(as_of, naming="LAO")
    }
    assert fetched == {"DEU", "SWE", "BEL"}  # the rows the query sends, nothing else
    mentions = selectors.report_facts_naming(as_of, "LAO")
    assert [(f.state, f.direction, f.counterpart) for f in mentions] == [
        ("DEU", "provided", "LAO"),
        ("SWE", "received", "LAO"),
    ]
    assert mentions[0].citations == ("report DEU 2023, Form I",)
    # The same facts as reading every published report and keeping those naming it.
    everything, _resources = selectors.report_facts(as_of)
    assert mentions == [f for f in everything if f.state != "LAO" and f.counterpart == "LAO"]
    assert len({f.state for f in everything}) > len(fetched)
    # Before the reports were received, nothing; a State no report names, nothing.
    assert selectors.report_facts_naming(date(2024, 4, 1), "LAO") == []
    assert selectors.report_contents(as_of, naming="PER") == []


def test_the_profile_section_lists_others_reports_naming_the_state(naming: None) -> None:
    from treaty_tracker.cooperation.profile import section

    result = section("LAO", date(2025, 1, 1))
    assert result is not None
    cited = {c for row in result["mentions"] for c in row["fact"].citations}
    assert {"report DEU 2023, Form I", "report SWE 2023, Form I"} <= cited
    assert not {c for c in cited if c.startswith("report ") and c[7:10] not in ("DEU", "SWE")}


# -- the chart ---------------------------------------------------------------------------------


def _bars(chart: StackedBarChart) -> dict[str, tuple[tuple[int, ...], str, str]]:
    return {bar.label: (bar.counts, bar.note, bar.empty) for bar in chart.bars}


def test_the_chart_keeps_reports_review_and_record_apart_per_year(db: None) -> None:
    view = selectors.overview(date(2020, 9, 28), 2018, 2019)
    chart = cooperation_chart(view)
    bars = _bars(chart)
    assert list(bars) == [
        "2015-2020 · record",  # periods overlapping the years, in the table's order
        "2016-2020 · record",
        "2018 · reports (Form I)",
        "2018 · review (para 78)",
        "2018 · record",
        "2019 · reports (Form I)",
        "2019 · review (para 78)",
        "2019 · record",
    ]
    assert bars["2019 · review (para 78)"][0] == (15, 21, 10)  # para 78, as stated
    assert bars["2018 · review (para 78)"][0] == (9, 22, 12)
    # No report in the system: said in words, never drawn as zero States.
    assert bars["2019 · reports (Form I)"][:1] == ((0, 0, 0),)
    assert bars["2019 · reports (Form I)"][2] == "No published report covers the year"
    assert bars["2019 · record"][0] == (1, 0, 0)  # South Sudan's request (para 78)
    assert "2019, as the review states (CCM/CONF/2020/13 para 78): 15 requesting" in (
        chart.description
    )
    assert "not a number of States" in chart.description
    # Each segment has its own pattern as well as its colour.
    assert len({c.pattern for c in chart.categories}) == len(chart.categories) == 3


def test_the_chart_shows_a_period_of_the_record_on_its_own_bar(db: None) -> None:
    bars = _bars(cooperation_chart(selectors.overview(date(2020, 9, 28), 2016, 2016)))
    assert bars["2016-2020 · record"][0] == (10, 0, 0)  # para 71's ten requests
    assert bars["2016 · review (para 78)"][0] == (11, 16, 10)


def test_the_chart_counts_published_reports(reports: dict[str, int]) -> None:
    chart = cooperation_chart(selectors.overview(date(2025, 1, 1), 2023, 2023))
    bars = _bars(chart)
    # ISL provides, NOR requests, out of the two published reports (IRL's is not).
    assert bars["2023 · reports (Form I)"][:2] == ((1, 1, 0), "States Parties, of 2 reports")
    assert "2023 · review (para 78)" not in bars  # the review states nothing for 2023
    assert bars["2023 · record"][0] == (0, 0, 0)
    svg = render_svg(chart)
    assert svg.count('class="chart__segment') == 2
    assert "<desc" in svg and "counted from 2 published reports" in svg
