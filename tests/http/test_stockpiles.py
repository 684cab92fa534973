"""The Article 3 page (``/stockpiles/``), its downloads, the API, the profile section and
staff entry through the fact editor."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.factories import minimal_annual_report
from treaty_tracker.rules import ReportKind
from treaty_tracker.sources.models import Source
from treaty_tracker.states.models import State
from treaty_tracker.stockpiles.models import StockpileDestruction
from treaty_tracker.stockpiles.tables import COLUMNS
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

pytestmark = pytest.mark.django_db

REVIEW = "/stockpiles/?as_of=2020-09-28"


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_it_shows_the_figures_of_para_28_beside_the_computed_ones() -> None:
    page = _client().get(REVIEW).content.decode()
    # The sourced totals, labelled as such, with their paragraph.
    assert "Sourced total, not computed" in page
    assert "CCM/CONF/2020/13 para 28" in page
    assert "CCM/CONF/2020/13 para 31" in page  # 13 States retaining
    assert "<strong>41</strong>" in page and "<strong>36</strong>" in page
    # The computed ones name the States behind them.
    figure = page[page.index('id="figure-outstanding"') :]
    figure = figure[: figure.index("</tr>")]
    for name in ("Bulgaria", "Peru", "Slovakia", "South Africa"):
        assert name in figure
    assert 'href="#outstanding"' in figure


def test_it_lists_outstanding_obligations_with_deadlines_from_the_engine() -> None:
    page = _client().get(REVIEW).content.decode()
    section = page[page.index('id="outstanding"') : page.index('id="completed"')]
    assert "Peru" in section and "Bulgaria" in section
    assert "1 March 2021" in section  # Peru's original deadline (EIF + 8 years)
    assert "Request pending" in section  # the 37-month request before the 2RC
    completed = page[page.index('id="completed"') : page.index('id="progress"')]
    assert "Switzerland" in completed and "Peru" not in completed


def test_it_shows_destruction_and_retention_as_of_the_date() -> None:
    later = _client().get("/stockpiles/?as_of=2023-06-01").content.decode()
    destruction = later[later.index('id="destruction"') : later.index('id="retention"')]
    assert "34,824" in destruction  # Peru, 2022
    assert "about 2,800,000" in destruction  # Italy: rounded by the source, said so
    retention = later[later.index('id="retention"') :]
    assert "retains, number not given" in retention  # Italy
    earlier = _client().get(REVIEW).content.decode()
    assert "34,824" not in earlier  # 2022 was not over on 28 September 2020
    assert "3,000" not in earlier[earlier.index('id="destruction"') :]


def test_it_draws_the_progress_chart_accessibly() -> None:
    page = _client().get("/stockpiles/?as_of=2023-06-01").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in page
    # The description says every figure in words; the bars carry the exact counts.
    assert "Peru: 2,012 declared, 1,003 destroyed, 1,009 remaining (49.9%)." in page
    assert "Cluster munitions destroyed and remaining, as of 2023-06-01" in page
    # On the review's date only Peru's 2019 figures count.
    assert "Peru: 2,012 declared, 5 destroyed" in _client().get(REVIEW).content.decode()


def test_a_bad_date_is_a_400_page_with_the_error() -> None:
    response = _client().get("/stockpiles/?as_of=2020-13-45")
    assert response.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in response.content.decode()
    assert _client().get("/stockpiles/?as_of=1999-01-01").status_code == 400
    assert _client().get("/stockpiles/?table=bogus&format=csv").status_code == 400


# "reported" is empty on the reference data: tested below with a published report.
@pytest.mark.parametrize("table", sorted(set(COLUMNS) - {"reported"}))
def test_each_table_downloads_as_csv_xlsx_and_json(table: str) -> None:
    base = f"/stockpiles/?as_of=2023-06-01&table={table}&format="
    response = _client().get(base + "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and list(rows[0]) == list(COLUMNS[table])
    data = json.loads(_client().get(base + "json").content)
    assert data["count"] == len(rows) == len(data[table])
    sheet = load_workbook(io.BytesIO(_client().get(base + "xlsx").content)).active
    assert sheet is not None and sheet.max_row == len(rows) + 1


def test_the_destruction_download_keeps_the_exactness() -> None:
    response = _client().get("/stockpiles/?as_of=2023-06-01&table=destruction&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    italy = next(
        r for r in rows if r["iso3"] == "ITA" and r["category"] == "explosive_submunitions"
    )
    assert (italy["quantity"], italy["exactness"], italy["through"]) == (
        "2800000",
        "approximate",
        "2015-12",
    )
    peru = [r for r in rows if r["iso3"] == "PER"]
    assert len(peru) == 8 and {r["source"] for r in peru} == {
        "Landmine and Cluster Munition Monitor, Peru country profiles (2020, 2021, 2023)"
    }


def test_the_page_costs_the_same_queries_whatever_the_facts(isla: User) -> None:
    client = _client()
    client.get(REVIEW)  # the register is built and cached
    with CaptureQueriesContext(connection) as before:
        client.get("/stockpiles/?as_of=2023-06-01")
    source = Source.objects.get(key="monitor_2021")
    for iso3 in ("BGR", "SVK", "ZAF"):
        StockpileDestruction.objects.create(
            state=State.objects.get(iso3=iso3),
            category="cluster_munitions",
            year=2020,
            quantity=1,
            source=source,
        )
    client.get(REVIEW)
    with CaptureQueriesContext(connection) as after:
        client.get("/stockpiles/?as_of=2023-06-01")
    assert len(after) == len(before)


# -- the API -------------------------------------------------------------------------------


def test_the_api_gives_the_figures_and_each_states_progress() -> None:
    data = _client().get("/api/v1/stockpiles?as_of=2020-09-28").json()
    figures = {f["measure"]: f for f in data["figures"]}
    assert figures["outstanding"]["computed_states"] == ["BGR", "PER", "SVK", "ZAF"]
    assert figures["completed"]["sourced"]["value"] == 36
    assert figures["completed"]["sourced"]["source"] == "CCM/CONF/2020/13 para 28"
    assert figures["unconfirmed"]["sourced"] is None
    peru = next(s for s in data["states"] if s["iso3"] == "PER")
    munitions = peru["categories"][0]
    assert munitions["declared"] == {"value": 2012, "exactness": "exact"}
    assert munitions["destroyed"] == {"value": 5, "exactness": "exact"}
    assert {o["state"] for o in data["obligations"]} >= {"PER", "BGR", "GNB"}


def test_the_api_gives_one_states_facts_with_sources() -> None:
    data = _client().get("/api/v1/stockpiles/per?as_of=2023-06-01").json()
    assert data["iso3"] == "PER" and data["obligation"]["current_deadline"] == "2024-04-01"
    assert len(data["destruction"]) == 8
    assert data["declarations"][0]["source"].startswith("Landmine and Cluster Munition Monitor")
    uk = _client().get("/api/v1/stockpiles/GBR?as_of=2023-06-01").json()
    assert uk["retention"][0] | {"source": "", "note": ""} == {
        "year": 2013,
        "munitions": 0,
        "munitions_change": None,
        "submunitions": 0,
        "submunitions_change": None,
        "exactness": "exact",
        "munitions_consumed": None,
        "submunitions_consumed": None,
        "retains": False,
        "planned_use": "",
        "actual_use": "",
        "source": "",
        "note": "",
    }
    submunitions = next(d for d in uk["destruction"] if d["category"] == "explosive_submunitions")
    assert submunitions["quantity"] == {"value": 38_700_000, "exactness": "approximate"}


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/stockpiles?as_of=2020-02-30", 400, "invalid_as_of"),
        ("/api/v1/stockpiles?asof=2020-01-01", 400, "invalid_parameter"),
        ("/api/v1/stockpiles/PER?as_of=2007-12-31", 400, "invalid_as_of"),
        ("/api/v1/stockpiles/XYZ", 404, "not_found"),
    ],
)
def test_the_api_refuses_bad_requests_in_the_error_shape(path: str, status: int, code: str) -> None:
    response = _client().get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_a_state_without_article_3_facts_has_empty_lists() -> None:
    data = _client().get("/api/v1/stockpiles/ISL").json()
    assert data["obligation"] is None
    assert data["declarations"] == data["destruction"] == data["retention"] == []


# -- the profile -----------------------------------------------------------------------------


def test_perus_profile_shows_its_stockpile_with_the_source() -> None:
    page = _client().get("/states/PER/?as_of=2023-06-01").content.decode()
    section = page[page.index('id="stockpiles-title"') :]
    section = section[: section.index("</section>")]
    assert "2,012" in section and "162,417" in section
    assert "34,824" in section
    assert "1,009" in section  # remaining cluster munitions
    assert "Landmine and Cluster Munition Monitor, Peru country profiles" in section


def test_a_profile_without_article_3_shows_no_section() -> None:
    page = _client().get("/states/ISL/").content.decode()
    assert "stockpiles-title" not in page


def test_the_uk_profile_says_the_rounded_total_is_approximate() -> None:
    page = _client().get("/states/GBR/?as_of=2020-01-01").content.decode()
    section = page[page.index('id="stockpiles-title"') :]
    assert "about 38,700,000" in section[: section.index("</section>")]


# -- staff entry -------------------------------------------------------------------------------

GOOD = {
    "state": "",
    "category": "cluster_munitions",
    "year": "2023",
    "through": "",
    "quantity": "400",
    "qualifier": "exact",
    "method": "open detonation",
    "site": "",
    "source": "",
    "paragraph": "",
    "quote": "",
    "note": "",
    "reason": "Peru's 2023 report",
}


def _good() -> dict[str, str]:
    return GOOD | {"state": str(State.objects.get(iso3="PER").pk)}


def test_isu_staff_enter_destruction_through_the_fact_editor(isla: User) -> None:
    response = _client(isla).post("/record/stockpile-destruction/new/", _good())
    assert response.status_code == 302
    fact = StockpileDestruction.objects.get(state__iso3="PER", year=2023)
    assert (fact.quantity, fact.entered_by) == (400, isla)
    page = _client().get("/stockpiles/?as_of=2024-01-01").content.decode()
    assert "open detonation" in page


def test_a_focal_point_cannot_enter_facts(fiona: User, felix: User) -> None:
    for user in (fiona, felix):
        response = _client(user).post("/record/stockpile-destruction/new/", _good())
        assert response.status_code == 403
    assert not StockpileDestruction.objects.filter(year=2023).exists()


def test_the_editor_refuses_more_destroyed_than_declared_next_to_the_field(isla: User) -> None:
    response = _client(isla).post(
        "/record/stockpile-destruction/new/", _good() | {"quantity": "1010"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["quantity"]
    assert "more than the 2,012 declared" in errors["quantity"][0]
    assert not StockpileDestruction.objects.filter(year=2023).exists()


def test_the_editor_names_every_bad_field(isla: User) -> None:
    response = _client(isla).post(
        "/record/stockpile-destruction/new/",
        _good() | {"year": "1999", "quantity": "-4", "category": "rockets"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"year", "quantity", "category"}


# -- figures from published Article 7 reports (Forms B and D) --------------------------------

AFTER = "?as_of=2024-06-01"


def _report(user: User, iso3: str, year: int, submunitions: int, *, publish: bool) -> Submission:
    content = minimal_annual_report(iso3, year)
    content["forms"]["B"] = {
        "status": "changed",
        "data": {
            "programme_status": "in_progress",
            "stockpile": [{"type": "CB-250K", "munitions": 600, "submunitions": 30_000}],
            "destroyed": [{"type": "CB-250K", "munitions": 77, "submunitions": submunitions}],
        },
    }
    content["forms"]["D"] = {
        "status": "changed",
        "data": {"retained": [{"type": "CB-250K", "munitions": 6, "submunitions": 300}]},
    }
    version = report_enter_on_behalf(
        user=user,
        slot=Slot(iso3, ReportKind.ANNUAL, year),
        content=content,
        received=datetime(year + 1, 3, 2, tzinfo=UTC),
    )
    return report_publish(user=user, submission=version) if publish else version


@pytest.fixture
def reports(isla: User) -> None:
    _report(isla, "PER", 2023, 4_321, publish=True)
    _report(isla, "PER", 2022, 29_917, publish=False)  # awaiting review: never shown
    _report(isla, "ISL", 2023, 25_555, publish=True)


def _section(page: str, anchor: str) -> str:
    part = page[page.index(anchor) :]
    return part[: part.index("</section>")]


@pytest.mark.usefixtures("reports")
def test_the_page_shows_published_reports_apart_with_their_citation() -> None:
    page = _client().get("/stockpiles/" + AFTER).content.decode()
    reported = _section(page, 'id="reported-title"')
    assert "report PER 2023, Form B" in reported and "report PER 2023, Form D" in reported
    assert "4,321" in reported and "In progress" in reported
    assert "report ISL 2023, Form B" in reported and "25,555" in reported
    assert "29,917" not in page  # the unpublished version
    # The staff-entered destruction table keeps to the facts entered by the ISU.
    assert "report PER 2023" not in _section(page, 'id="destruction-title"').split("<caption>")[2]


@pytest.mark.usefixtures("reports")
def test_the_reported_table_downloads() -> None:
    response = _client().get(f"/stockpiles/{AFTER}&table=reported&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == list(COLUMNS["reported"])
    peru = [r for r in rows if r["iso3"] == "PER"]
    assert [(r["category"], r["destroyed"], r["destroyed_in_totals"]) for r in peru] == [
        ("cluster_munitions", "77", "True"),
        ("explosive_submunitions", "4321", "True"),
    ]


@pytest.mark.usefixtures("reports")
def test_the_profile_shows_only_the_states_own_reports() -> None:
    peru = _section(_client().get("/states/PER/" + AFTER).content.decode(), 'id="stockpiles-title"')
    assert "report PER 2023, Form B" in peru and "report ISL" not in peru
    assert "29,917" not in peru
    before = _client().get("/states/PER/?as_of=2024-03-01").content.decode()
    assert "report PER 2023" not in before  # submitted on 2 March 2024
    iceland = _client().get("/states/ISL/" + AFTER).content.decode()
    assert "report ISL 2023, Form D" in _section(iceland, 'id="stockpiles-title"')


@pytest.mark.usefixtures("reports")
def test_the_api_gives_the_reported_figures_apart() -> None:
    data = _client().get("/api/v1/stockpiles/per" + AFTER).json()
    assert data["reported"] == [
        {
            "year": 2023,
            "category": "cluster_munitions",
            "stockpile": 600,
            "destroyed": 77,
            "discovered": None,
            "retained": 6,
            "transferred": None,
            "programme_status": "in_progress",
            "destroyed_in_totals": True,
            "retained_in_totals": True,
            "sources": ["report PER 2023, Form B", "report PER 2023, Form D"],
        },
        {
            "year": 2023,
            "category": "explosive_submunitions",
            "stockpile": 30_000,
            "destroyed": 4_321,
            "discovered": None,
            "retained": 300,
            "transferred": None,
            "programme_status": "in_progress",
            "destroyed_in_totals": True,
            "retained_in_totals": True,
            "sources": ["report PER 2023, Form B", "report PER 2023, Form D"],
        },
    ]
    munitions = data["progress"][0]
    assert munitions["destroyed"] == {"value": 5 + 160 + 296 + 542 + 77, "exactness": "exact"}
    assert len(data["destruction"]) == 8  # the staff-entered facts only
    before = _client().get("/api/v1/stockpiles/PER?as_of=2024-03-01").json()
    assert before["reported"] == []


def test_the_page_and_profile_cost_the_same_queries_with_reports(isla: User) -> None:
    client = _client()
    paths = ("/stockpiles/" + AFTER, "/states/PER/" + AFTER, "/api/v1/stockpiles/PER" + AFTER)
    _report(isla, "PER", 2021, 1, publish=True)  # other profile sections list reports too
    client.get(REVIEW)  # the register is built and cached
    counts = []
    for path in paths:
        with CaptureQueriesContext(connection) as before:
            client.get(path)
        counts.append(len(before))
    for iso3, year in (("PER", 2023), ("PER", 2022), ("BGR", 2023), ("ISL", 2023)):
        _report(isla, iso3, year, 1, publish=True)
    client.get(REVIEW)
    for path, count in zip(paths, counts, strict=True):
        with CaptureQueriesContext(connection) as after:
            client.get(path)
        assert len(after) == count, path


def test_staff_enter_a_rounded_retention_figure_and_pages_say_about(isla: User) -> None:
    form = {
        "state": str(State.objects.get(iso3="PER").pk),
        "year": "2022",
        "munitions": "400",
        "submunitions": "",
        "qualifier": "approximate",
        "munitions_consumed": "",
        "submunitions_consumed": "",
        "planned_use": "",
        "actual_use": "",
        "source": "",
        "paragraph": "",
        "quote": "",
        "note": "",
        "reason": "Peru's 2022 report",
    }
    response = _client(isla).post("/record/stockpile-retention/new/", form)
    assert response.status_code == 302
    profile = _client().get("/states/PER/?as_of=2023-06-01").content.decode()
    assert "about 400" in _section(profile, 'id="stockpiles-title"')
    data = _client().get("/api/v1/stockpiles/PER?as_of=2023-06-01").json()
    assert data["retention"][0]["exactness"] == "approximate"
    bad = _client(isla).post("/record/stockpile-retention/new/", form | {"qualifier": "roughly"})
    assert bad.status_code == 400 and "qualifier" in bad.content.decode()
