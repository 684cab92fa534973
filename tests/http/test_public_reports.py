"""The public Article 7 pages and API: published versions only (unpublished is a 404),
filters with per-field 400s, downloads with every row, the compliance matrix's on time and
late, and a bounded number of queries."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import minimal_annual_report
from treaty_tracker.rules import ReportKind
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish


def _content(year: int) -> dict[str, Any]:
    return minimal_annual_report("ISL", year, text="Implemented by the Weapons Act.")


def _enter(isla: User, year: int, received: datetime) -> Submission:
    return report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, year),
        content=_content(year),
        received=received,
    )


@pytest.fixture
def on_time(isla: User) -> Submission:
    """Iceland's report covering 2023, received on 10 April 2024 (due 30 April): published."""
    return report_publish(
        user=isla, submission=_enter(isla, 2023, datetime(2024, 4, 10, tzinfo=UTC))
    )


@pytest.fixture
def late(isla: User) -> Submission:
    """Iceland's report covering 2024, received on 15 May 2025 (due 30 April): published."""
    return report_publish(
        user=isla, submission=_enter(isla, 2024, datetime(2025, 5, 15, tzinfo=UTC))
    )


@pytest.fixture
def unpublished(isla: User) -> Submission:
    """Iceland's report covering 2022, awaiting review."""
    return _enter(isla, 2022, datetime(2023, 4, 1, tzinfo=UTC))


# -- the list ----------------------------------------------------------------------------


def test_it_lists_published_reports_with_on_time_or_late(
    client: Client, on_time: Submission, late: Submission, unpublished: Submission
) -> None:
    page = client.get("/reports/")
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [(r["year"], r["timeliness"]) for r in rows] == [(2023, "on_time"), (2024, "late")]
    assert f"/reports/published/{on_time.pk}/" in page.content.decode()
    assert f"/reports/published/{unpublished.pk}/" not in page.content.decode()


def test_it_shows_only_the_latest_published_version(
    client: Client, isla: User, on_time: Submission
) -> None:
    amended = report_publish(
        user=isla, submission=_enter(isla, 2023, datetime(2024, 6, 1, tzinfo=UTC))
    )
    rows = client.get("/reports/").context["rows"]
    assert [(r["id"], r["version"]) for r in rows] == [(amended.pk, 2)]
    # On time still: the record dates the report by its first version.
    assert rows[0]["timeliness"] == "on_time"
    older = client.get(f"/reports/published/{on_time.pk}/")
    assert older.status_code == 200 and older.context["later"] == amended


def test_it_filters_by_state_kind_and_year(
    client: Client, on_time: Submission, late: Submission
) -> None:
    rows = client.get("/reports/", {"state": "isl", "kind": "annual", "year": "2024"}).context[
        "rows"
    ]
    assert [r["id"] for r in rows] == [late.pk]
    assert client.get("/reports/", {"state": "PER"}).context["rows"] == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"state": "XYZ"}, "state"),
        ({"state": "IS"}, "state"),
        ({"kind": "bogus"}, "kind"),
        ({"year": "twenty"}, "year"),
        ({"year": "1999"}, "year"),
        ({"format": "xml"}, "format"),
    ],
)
def test_it_refuses_bad_filters_with_400_and_the_fields_error(
    db: None, client: Client, query: dict[str, str], field: str
) -> None:
    page = client.get("/reports/", query)
    assert page.status_code == 400
    assert list(page.context["form"].errors) == [field]
    assert 'aria-invalid="true"' in page.content.decode()


def test_it_downloads_every_row_as_csv_and_json(
    client: Client, on_time: Submission, late: Submission
) -> None:
    response = client.get("/reports/", {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["state"], r["year"], r["timeliness"]) for r in rows] == [
        ("ISL", "2023", "on_time"),
        ("ISL", "2024", "late"),
    ]
    data = json.loads(client.get("/reports/", {"format": "json"}).content)
    assert data["count"] == 2 and data["reports"][1]["submitted"] == "2025-05-15"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get("/reports/", {"format": "xlsx"}).content))
    assert book.active is not None and book.active.max_row == 3  # a header and two reports


# -- one report --------------------------------------------------------------------------


def test_it_renders_a_published_report_form_by_form(client: Client, on_time: Submission) -> None:
    page = client.get(f"/reports/published/{on_time.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Form A: National implementation measures" in html
    assert "Act No. 83/2015" in html and "Legislation" in html.title()
    assert "Implemented by the Weapons Act." in html
    assert "Not applicable" in html and "On time" in html


def test_it_downloads_a_published_reports_content_as_json(
    client: Client, on_time: Submission
) -> None:
    response = client.get(f"/reports/published/{on_time.pk}/", {"format": "json"})
    assert response.status_code == 200
    assert json.loads(response.content) == on_time.content


def test_it_never_shows_an_unpublished_or_unknown_report(
    client: Client, unpublished: Submission
) -> None:
    for pk in (unpublished.pk, 999999):
        assert client.get(f"/reports/published/{pk}/").status_code == 404
        assert client.get(f"/reports/published/{pk}/", {"format": "json"}).status_code == 404
        assert client.get(f"/api/v1/reports/{pk}").status_code == 404


# -- the matrix --------------------------------------------------------------------------


def test_it_marks_on_time_and_late_in_the_matrix(
    client: Client, on_time: Submission, late: Submission
) -> None:
    page = client.get("/reporting/", {"as_of": "2025-09-01"})
    assert page.status_code == 200
    assert page.context["years"] == [2019, 2020, 2021, 2022, 2023, 2024]
    iceland = next(cells for state, cells in page.context["rows"] if state.iso3 == "ISL")
    by_year = dict(zip(page.context["years"], (c["code"] for c in iceland), strict=True))
    assert by_year[2023] == "on_time" and by_year[2024] == "late"
    assert by_year[2022] == "not_known"  # nothing on the record, and no complete record
    assert iceland[4]["url"] == f"/reports/published/{on_time.pk}/"


def test_it_shows_rates_as_not_known_without_a_complete_record(db: None, client: Client) -> None:
    page = client.get("/reporting/", {"as_of": "2020-09-28"})
    assert page.context["initial"]["submitted_rate"] == f"{100 / 107 * 100:.1f}"
    assert all(row["submitted_rate"] is None for _, _, row in page.context["annual"])
    assert "not known" in page.content.decode()


def test_it_refuses_a_bad_date_in_the_matrix_with_400(db: None, client: Client) -> None:
    page = client.get("/reporting/", {"as_of": "2020-02-30"})
    assert page.status_code == 400
    assert list(page.context["form"].errors) == ["as_of"]


# -- the API -----------------------------------------------------------------------------


def test_it_lists_published_reports_in_the_api(
    client: Client, on_time: Submission, late: Submission, unpublished: Submission
) -> None:
    data = client.get("/api/v1/reports", {"state": "isl"}).json()
    assert [(r["year"], r["timeliness"]) for r in data["reports"]] == [
        (2023, "on_time"),
        (2024, "late"),
    ]
    assert data["count"] == 2


def test_it_returns_a_published_reports_content_in_the_api(
    client: Client, on_time: Submission
) -> None:
    data = client.get(f"/api/v1/reports/{on_time.pk}").json()
    assert data["content"] == on_time.content
    assert data["state"] == "ISL" and data["version"] == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [({"state": "XYZ"}, "state"), ({"kind": "bogus"}, "kind"), ({"year": "x"}, "year")],
)
def test_it_refuses_bad_api_filters_in_the_error_shape(
    db: None, client: Client, query: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/reports", query)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and field in error["fields"]


def test_it_returns_the_same_figures_as_the_cli(
    db: None, client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    from treaty_tracker.cli import main

    main(["reporting", "--as-of", "2020-09-28", "--format", "json"])
    cli = json.loads(capsys.readouterr().out)
    assert client.get("/api/v1/reporting", {"as_of": "2020-09-28"}).json() == cli
    bad = client.get("/api/v1/reporting", {"as_of": "2020-02-30"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_as_of"


# -- queries -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/reports/", "/reports/?format=csv", "/reporting/?as_of=2025-09-01", "/api/v1/reports"]
)
def test_it_runs_a_bounded_number_of_queries(
    client: Client,
    on_time: Submission,
    late: Submission,
    isla: User,
    url: str,
    django_assert_max_num_queries: Any,
) -> None:
    client.get(url)  # the register is built once per record version
    for year in (2019, 2020, 2021):
        report_publish(
            user=isla, submission=_enter(isla, year, datetime(year + 1, 3, 1, tzinfo=UTC))
        )
    client.get(url)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200


def test_it_runs_a_bounded_number_of_queries_for_one_report(
    client: Client, on_time: Submission, django_assert_max_num_queries: Any
) -> None:
    client.get(f"/reports/published/{on_time.pk}/")
    with django_assert_max_num_queries(6):
        assert client.get(f"/reports/published/{on_time.pk}/").status_code == 200


# -- cooperation and assistance (para 78) ----------------------------------------------


def _with_form_i(iso3: str, year: int, **tables: list[dict[str, Any]]) -> dict[str, Any]:
    content = minimal_annual_report(iso3, year)
    content["forms"]["I"] = {"status": "changed", "data": tables}
    return content


@pytest.fixture
def assistance(isla: User) -> None:
    """Reports covering 2023: Iceland provides assistance, Norway requests and receives it."""
    provide = {"state": "LAO", "purpose": "clearance", "amount": 50000, "currency": "EUR"}
    request = {"purpose": "victim_assistance", "description": "Rehabilitation centre"}
    receive = {"state": "ISL", "purpose": "clearance"}
    received = datetime(2024, 4, 10, tzinfo=UTC)
    for iso3, tables in (
        ("ISL", {"assistance_provided": [provide]}),
        ("NOR", {"assistance_requested": [request], "assistance_received": [receive]}),
    ):
        submission = report_enter_on_behalf(
            user=isla,
            slot=Slot(iso3, ReportKind.ANNUAL, 2023),
            content=_with_form_i(iso3, 2023, **tables),
            received=received,
        )
        report_publish(user=isla, submission=submission)


def test_it_shows_assistance_in_the_annual_reports_on_the_matrix(
    client: Client, assistance: None
) -> None:
    page = client.get("/reporting/", {"as_of": "2025-09-01"})
    assert page.status_code == 200
    by_year = {y.year: y.parties for y in page.context["cooperation"]}
    assert list(by_year) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert by_year[2023].reports == ("ISL", "NOR")
    assert (by_year[2023].requesting, by_year[2023].providing) == (("NOR",), ("ISL",))
    assert by_year[2023].receiving == ("NOR",)
    assert by_year[2022].reports == ()
    html = page.content.decode()
    assert "Assistance in the annual reports" in html
    row = html.split('<tr data-year="2023">')[1].split("</tr>")[0]
    assert [cell.split("</td>")[0] for cell in row.split('<td class="num">')[1:]] == [
        "2",
        "1",
        "1",
        "1",
    ]


def test_it_returns_the_cooperation_figures_in_the_api_as_the_cli(
    client: Client, assistance: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from treaty_tracker.cli import main

    data = client.get("/api/v1/reporting", {"as_of": "2025-09-01"}).json()
    y2023 = next(y for y in data["annual_reports"] if y["year"] == 2023)
    assert y2023["cooperation"]["reports"] == 2
    assert y2023["cooperation"]["states"] == {
        "requesting": ["NOR"],
        "providing": ["ISL"],
        "receiving": ["NOR"],
    }
    assert y2023["cooperation"]["not_party"]["reports"] == 0
    main(["reporting", "--as-of", "2025-09-01", "--format", "json"])
    assert json.loads(capsys.readouterr().out) == data


def test_it_shows_the_public_the_changes_since_the_previous_published_report(
    client: Client, on_time: Submission, late: Submission
) -> None:
    html = client.get(f"/reports/published/{late.pk}/").content.decode()
    assert "Changes since the previous version" in html
    assert "2023-01-01" in html and "2024-01-01" in html  # the period, before and after
    first = client.get(f"/reports/published/{on_time.pk}/").content.decode()
    assert "nothing to compare it with" in first


def test_it_lists_voluntary_reports_on_the_matrix_page(client: Client, isla: User) -> None:
    content = minimal_annual_report("COD", 2024) | {"kind": "voluntary"}
    report_publish(
        user=isla,
        submission=report_enter_on_behalf(
            user=isla,
            slot=Slot("COD", ReportKind.VOLUNTARY, 2024),
            content=content,
            received=datetime(2025, 3, 2, tzinfo=UTC),
        ),
    )
    html = client.get("/reporting/", {"as_of": "2025-09-01"}).content.decode()
    assert "Voluntary reports" in html and "Covering 2024:" in html and ">COD</a>" in html


def test_it_downloads_the_matrix_with_a_column_per_year(
    client: Client, on_time: Submission, late: Submission
) -> None:
    data = json.loads(client.get("/reporting/", {"as_of": "2025-09-01", "format": "json"}).content)
    iceland = next(s for s in data["states"] if s["iso3"] == "ISL")
    assert (iceland["2023"], iceland["2024"]) == ("on_time", "late")
    assert data["count"] == len(data["states"]) > 100
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/reporting/", {"as_of": "2025-09-01", "format": "csv"}).content.decode()
            )
        )
    )
    assert len(rows) == data["count"] and rows[0].keys() >= {"iso3", "name", "2024"}
