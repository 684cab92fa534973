"""The Article 6 pages, downloads, API and profile section, over the reference data and
published reports; staff entry through the fact editor, refused to others and on bad input."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from tests.factories import minimal_annual_report
from treaty_tracker.cooperation.models import AssistanceRecord
from treaty_tracker.rules import ReportKind
from treaty_tracker.states.models import State
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

REVIEW = {"as_of": "2020-09-28"}


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _text(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def reports(isla: User) -> None:
    """Reports covering 2023, published: Iceland provides clearance support to Norway,
    Norway requests clearance and victim assistance and gives its national resources (a
    State with no Article 3-5 obligation, so the smallest report is valid)."""
    received = datetime(2024, 4, 10, tzinfo=UTC)
    for iso3, tables in (
        (
            "ISL",
            {
                "assistance_provided": [
                    {"state": "NOR", "purpose": "clearance", "amount": 50000, "currency": "EUR"}
                ]
            },
        ),
        (
            "NOR",
            {
                "assistance_requested": [
                    {"purpose": "clearance", "description": "Survey of the border areas"},
                    {"purpose": "victim_assistance"},
                ],
                "national_resources": [{"article": "4", "amount": 120000, "currency": "USD"}],
            },
        ),
    ):
        content = minimal_annual_report(iso3, 2023)
        content["forms"]["I"] = {"status": "changed", "data": tables}
        submission = report_enter_on_behalf(
            user=isla, slot=Slot(iso3, ReportKind.ANNUAL, 2023), content=content, received=received
        )
        report_publish(user=isla, submission=submission)


# -- the overview ------------------------------------------------------------------------------


def test_it_shows_para_78_beside_the_record_each_labelled(client: Client, db: None) -> None:
    page = client.get("/cooperation/", REVIEW)
    assert page.status_code == 200
    html = _text(page)
    assert "As the review states (CCM/CONF/2020/13 para 78)" in html
    assert "Counted from published reports (Form I)" in html
    row = html.split('<tr data-year="2016">')[1].split("</tr>")[0]
    assert "11" in row and "16" in row and "CCM/CONF/2020/13 para 78" in row
    # The period of para 71 stays a period, with its ten States.
    period = html.split('<tr data-year="2016-2020">')[1].split("</tr>")[0]
    assert '<td class="num">10</td>' in period
    assert "Balkans workshop" in html  # para 53's fact, in the list of facts
    assert "Landmine Monitor" in html  # para 51's sourced totals, labelled as such


def test_it_shows_report_figures_and_report_facts(client: Client, reports: None) -> None:
    page = client.get("/cooperation/", {"as_of": "2025-01-01", "from_year": "2023"})
    html = _text(page)
    row = html.split('<tr data-year="2023">')[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in row.split('<td class="num">')[1:5]]
    assert cells == ["2", "1", "1", "0"]  # reports, requesting, providing, receiving
    assert "report ISL 2023, Form I" in html
    assert "50000.00 EUR" in html or "50000 EUR" in html


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"as_of": "2020-13-01"}, "as_of"),
        ({"from_year": "1990"}, "from_year"),
        ({"to_year": "abc"}, "to_year"),
        ({"from_year": "2019", "to_year": "2015"}, "from_year"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_it_refuses_a_bad_query_by_field(
    client: Client, db: None, query: dict[str, str], field: str
) -> None:
    page = client.get("/cooperation/", query)
    assert page.status_code == 400
    assert field in page.context["form"].errors


def test_it_downloads_the_facts_as_csv_xlsx_and_json(client: Client, reports: None) -> None:
    query = {"as_of": "2025-01-01", "from_year": "2015", "to_year": "2023"}
    data = client.get("/cooperation/", query | {"format": "json"}).json()
    origins = {(r["state"], r["origin"]) for r in data["assistance"]}
    assert ("ISL", "report") in origins and ("AFG", "record") in origins
    assert data["count"] == len(data["assistance"])
    body = client.get("/cooperation/", query | {"format": "csv"}).content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == data["count"]
    isl = next(r for r in rows if r["state"] == "ISL")
    assert (isl["currency"], isl["sources"]) == ("EUR", "report ISL 2023, Form I")
    xlsx = client.get("/cooperation/", query | {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == data["count"] + 1


# -- the chart ----------------------------------------------------------------------------------


def test_the_page_draws_the_chart_with_its_words_and_a_download(client: Client, db: None) -> None:
    html = _text(client.get("/cooperation/", REVIEW | {"from_year": "2019", "to_year": "2019"}))
    figure = html.split('<figure class="chart-figure">')[1].split("</figure>")[0]
    assert 'role="img"' in figure and "<title" in figure and "<desc" in figure
    assert "2019, as the review states (CCM/CONF/2020/13 para 78): 15 requesting" in figure
    assert "2019 · record" in figure and "2019 · reports (Form I)" in figure
    assert "not a number of States" in figure  # in the caption, and said in the description
    assert (
        'href="/cooperation/chart.svg?as_of=2020-09-28&amp;from_year=2019&amp;to_year=2019"'
        in figure
    )


def test_the_chart_downloads_as_an_svg_file_for_the_same_query(
    client: Client, reports: None
) -> None:
    response = client.get(
        "/cooperation/chart.svg", {"as_of": "2025-01-01", "from_year": "2023", "to_year": "2023"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert 'filename="cooperation-2025-01-01-2023-2023.svg"' in response["Content-Disposition"]
    svg = response.content.decode()
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')
    assert "2023, counted from 2 published reports (Form I), States Parties: 1 requesting, " in svg
    assert "<desc" in svg and svg.count('class="chart__segment') == 2


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"as_of": "2020-13-01"}, "as_of"),
        ({"from_year": "1990"}, "from_year"),
        ({"from_year": "2019", "to_year": "2015"}, "from_year"),
    ],
)
def test_the_chart_download_refuses_a_bad_query_in_words(
    client: Client, db: None, query: dict[str, str], field: str
) -> None:
    response = client.get("/cooperation/chart.svg", query)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith(f"{field}: ")


# -- needs and offers ---------------------------------------------------------------------------


def test_the_needs_view_shows_matched_and_unmatched_requests(client: Client, reports: None) -> None:
    page = client.get("/cooperation/needs/", {"as_of": "2025-01-01", "from_year": "2023"})
    assert page.status_code == 200
    rows = {(r["match"].need.state, r["match"].need.theme): r for r in page.context["matches"]}
    assert [s.state for s in rows[("NOR", "clearance")]["match"].supporters] == ["ISL"]
    assert rows[("NOR", "clearance")]["match"].supporters[0].to_requester
    assert not rows[("NOR", "victim_assistance")]["match"].matched
    html = _text(page)
    assert "Unmatched" in html and "to this State" in html
    assert "report NOR 2023, Form I" in html


def test_the_needs_view_filters_by_theme_and_downloads(client: Client, reports: None) -> None:
    query = {"as_of": "2025-01-01", "from_year": "2023", "theme": "clearance"}
    data = client.get("/cooperation/needs/", query | {"format": "json"}).json()
    assert [(n["state"], n["supporters"], n["matched"]) for n in data["needs"]] == [
        ("NOR", "ISL", True)
    ]


def test_the_needs_view_on_the_review_lists_para_71s_requests_unmatched(
    client: Client, db: None
) -> None:
    page = client.get("/cooperation/needs/", REVIEW | {"theme": "victim_assistance"})
    needs = [r["match"] for r in page.context["matches"]]
    assert len(needs) == 10 and not any(m.matched for m in needs)


@pytest.mark.parametrize("query", [{"window": "-1"}, {"window": "11"}, {"theme": "bogus"}])
def test_the_needs_view_refuses_bad_parameters(
    client: Client, db: None, query: dict[str, str]
) -> None:
    page = client.get("/cooperation/needs/", query)
    assert page.status_code == 400
    assert set(query) <= set(page.context["form"].errors)


# -- coalitions -------------------------------------------------------------------------------


def test_the_coalitions_page_lists_the_three_of_para_82(client: Client, db: None) -> None:
    page = client.get("/cooperation/coalitions/", REVIEW)
    assert page.status_code == 200
    rows = {r["coalition"].state.iso3: r for r in page.context["coalitions"]}
    assert set(rows) == {"LBN", "MNE", "BWA"}
    assert rows["BWA"]["status"] == "concluded"
    assert rows["LBN"]["status"] == "active"
    html = _text(page)
    assert "name no partner State" in html and "CCM/CONF/2020/13 para 82" in html


def test_the_coalitions_page_refuses_a_bad_date(client: Client, db: None) -> None:
    assert client.get("/cooperation/coalitions/", {"as_of": "yesterday"}).status_code == 400


# -- API ----------------------------------------------------------------------------------------


def test_the_api_returns_the_summary_and_records(client: Client, reports: None) -> None:
    data = client.get(
        "/api/v1/cooperation", {"as_of": "2025-01-01", "from_year": "2015", "to_year": "2023"}
    ).json()
    assert (data["from_year"], data["to_year"]) == (2015, 2023)
    review = {(f["year"], f["what"]): f["value"] for f in data["review_figures"]}
    assert review[(2017, "providing")] == 21
    reports_2023 = next(f for f in data["report_figures"] if f["year"] == 2023)
    assert reports_2023["states"]["providing"] == ["ISL"]
    y2023 = next(p for p in data["years"] if p["period"] == "2023")
    assert y2023["totals"]["provided"]["amounts"] == {"EUR": "50000.00"} or y2023["totals"][
        "provided"
    ]["amounts"] == {"EUR": "50000"}
    assert data["count"] == len(data["records"])


def test_the_api_returns_the_needs_and_the_coalitions(client: Client, reports: None) -> None:
    needs = client.get(
        "/api/v1/cooperation/needs", {"as_of": "2025-01-01", "from_year": "2023"}
    ).json()
    norway = next(n for n in needs["needs"] if n["theme"] == "clearance")
    assert [s["state"] for s in norway["supporters"]] == ["ISL"]
    assert needs["unmatched"] == sum(1 for n in needs["needs"] if not n["matched"])
    coalitions = client.get("/api/v1/cooperation/coalitions", REVIEW).json()
    assert {c["state"]: c["status"] for c in coalitions["coalitions"]} == {
        "BWA": "concluded",
        "LBN": "active",
        "MNE": "active",
    }


@pytest.mark.parametrize(
    ("path", "query", "field", "code"),
    [
        ("/api/v1/cooperation", {"as_of": "2020-02-30"}, "as_of", "invalid_as_of"),
        ("/api/v1/cooperation", {"from_year": "1900"}, "from_year", "invalid_parameter"),
        (
            "/api/v1/cooperation",
            {"from_year": "2019", "to_year": "2015"},
            "from_year",
            "invalid_parameter",
        ),
        ("/api/v1/cooperation", {"asof": "2020-09-28"}, "asof", "invalid_parameter"),
        ("/api/v1/cooperation/needs", {"window": "x"}, "window", "invalid_parameter"),
        ("/api/v1/cooperation/needs", {"theme": "bogus"}, "theme", "invalid_parameter"),
        ("/api/v1/cooperation/coalitions", {"year": "2019"}, "year", "invalid_parameter"),
    ],
)
def test_the_api_answers_400_in_the_error_shape(
    client: Client, db: None, path: str, query: dict[str, str], field: str, code: str
) -> None:
    response = client.get(path, query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"]


# -- profile ------------------------------------------------------------------------------------


def test_the_profile_shows_requests_reports_resources_and_coalitions(
    client: Client, reports: None
) -> None:
    html = _text(client.get("/states/NOR/", {"as_of": "2025-01-01"}))
    section = html.split('id="cooperation-title"')[1].split("</section>")[0]
    assert "Survey and clearance (Art. 4)" in section
    assert "CCM/CONF/2020/13 para 53" in section  # the Balkans workshop, from the record
    assert "report NOR 2023, Form I" in section  # its own request and national resources
    assert "120000" in section
    assert "report ISL 2023, Form I" in section  # Iceland's report names Norway


def test_the_profile_shows_coalition_membership(client: Client, db: None) -> None:
    html = _text(client.get("/states/LBN/", REVIEW))
    section = html.split('id="cooperation-title"')[1].split("</section>")[0]
    assert "Affected State of a Country Coalition" in section
    assert "CCM/CONF/2020/13 para 82" in section


def test_the_profile_shows_nothing_for_a_state_without_facts(client: Client, db: None) -> None:
    assert 'id="cooperation-title"' not in _text(client.get("/states/ISL/", REVIEW))
    assert 'id="cooperation-title"' in _text(client.get("/states/AFG/", REVIEW))


def test_the_profile_section_costs_a_fixed_number_of_queries(reports: None) -> None:
    """Its facts (1), its reports (1), others' reports (1), coalitions (1, and 2 more to
    prefetch partners and meetings when there is one): never a query per row."""
    from datetime import date

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from treaty_tracker.cooperation.profile import section

    counts = []
    for iso3 in ("NOR", "ISL", "LBN", "AFG"):
        with CaptureQueriesContext(connection) as queries:
            section(iso3, date(2025, 1, 1))
        counts.append(len(queries))
    assert max(counts) <= 6, counts


def test_the_profile_loads_only_the_reports_that_may_name_the_state(
    reports: None, isla: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Norway's section reads its own report and Iceland's (which names Norway), never
    Ireland's report about Lao PDR: the rows fetched grow with the mentions, not with all
    the published reports."""
    from datetime import date

    from treaty_tracker.cooperation import selectors
    from treaty_tracker.cooperation.profile import section

    content = minimal_annual_report("IRL", 2023)
    content["forms"]["I"] = {
        "status": "changed",
        "data": {"assistance_provided": [{"state": "LAO", "purpose": "clearance"}]},
    }
    submission = report_enter_on_behalf(
        user=isla,
        slot=Slot("IRL", ReportKind.ANNUAL, 2023),
        content=content,
        received=datetime(2024, 4, 10, tzinfo=UTC),
    )
    report_publish(user=isla, submission=submission)
    read: list[str] = []
    facts_from_report = selectors.rules.facts_from_report

    def spy(iso3: str, year: int, content: dict[str, Any], url: str = "") -> Any:
        read.append(iso3)
        return facts_from_report(iso3, year, content, url)

    monkeypatch.setattr(selectors.rules, "facts_from_report", spy)
    result = section("NOR", date(2025, 1, 1))
    assert result is not None
    assert sorted(read) == ["ISL", "NOR"]
    assert [
        row["fact"].citations for row in result["mentions"] if row["fact"].origin == "report"
    ] == [("report ISL 2023, Form I",)]
    read.clear()
    section("LAO", date(2025, 1, 1))
    assert read == ["IRL"]  # and there, Ireland's report is the one that names it


# -- staff entry ---------------------------------------------------------------------------------


def _form(**changes: str) -> dict[str, str]:
    return {
        "state": str(State.objects.get(iso3="NOR").pk),
        "year": "2019",
        "direction": "provided",
        "theme": "clearance",
        "kind": "financial",
        "counterpart": str(State.objects.get(iso3="LAO").pk),
        "amount": "250000",
        "currency": "NOK",
        "description": "",
        "counterpart_name": "",
        "year_to": "",
        "source": "",
        "paragraph": "",
        "quote": "",
        "note": "",
        "reason": "from the 2019 report",
    } | changes


def test_isu_staff_enter_a_fact(isla: User) -> None:
    response = _as(isla).post("/record/cooperation-assistance/new/", _form())
    assert response.status_code == 302
    record = AssistanceRecord.objects.get(state__iso3="NOR", year=2019, reference_key=None)
    assert record.entered_by == isla


def test_others_are_refused(fiona: User, bob: User, carla: User) -> None:
    for user in (fiona, bob, carla):
        response = _as(user).post("/record/cooperation-assistance/new/", _form())
        assert response.status_code == 403
    assert _as(None).post("/record/cooperation-assistance/new/", _form()).status_code == 302
    assert not AssistanceRecord.objects.filter(reference_key=None).exists()


def test_bad_input_is_shown_by_its_field_and_nothing_is_saved(isla: User) -> None:
    response = _as(isla).post(
        "/record/cooperation-assistance/new/",
        _form(amount="-5", currency="ZZZ", counterpart=str(State.objects.get(iso3="NOR").pk)),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"amount", "currency", "counterpart"} <= set(errors)
    assert "ISO 4217" in _text(response)
    assert not AssistanceRecord.objects.filter(reference_key=None).exists()


@pytest.mark.parametrize(
    "key",
    [
        "cooperation-assistance",
        "cooperation-coalitions",
        "cooperation-coalition-partners",
        "cooperation-coalition-meetings",
    ],
)
def test_every_cooperation_editor_opens_for_isu_staff(isla: User, key: str) -> None:
    assert _as(isla).get(f"/record/{key}/").status_code == 200
    assert _as(isla).get(f"/record/{key}/new/").status_code == 200
