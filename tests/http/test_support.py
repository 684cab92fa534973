"""The implementation support page, its downloads (and the staff-only one), the API and
staff entry through the fact editor."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from tests.http.permissions.support import EXTRA
from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.states.models import State
from treaty_tracker.support.models import AssessedContribution, IsuContribution

PAGE = "/support/"
REVIEW = "?as_of=2020-09-28"


@pytest.fixture
def client(db: None) -> Client:
    return Client()


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def arrears(isla: User) -> None:
    for iso3, paid in (("NOR", D(1000)), ("AUT", D(0)), ("BEL", None)):
        AssessedContribution.objects.create(
            meeting=Meeting.objects.get(code="9MSP"),
            state=State.objects.get(iso3=iso3),
            assessed=D(1000),
            paid=paid,
            currency="USD",
            as_of=FuzzyDate.parse("2019-12-31"),
            entered_by=isla,
        )


def test_it_shows_the_reserve_meetings_documents_and_sponsorship(client: Client) -> None:
    response = client.get(PAGE + REVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert "CHF 400,000" in html
    assert "CCM/CONF/2020/13 para 119" in html
    assert "Ninth Meeting of States Parties (9MSP)" in html
    assert "Expressing deep concern about the financial situation" in html
    assert 'id="sponsorship-sourced"' in html and "52,800" in html
    assert 'href="/cooperation/coalitions/' in html
    assert "Geneva International Centre for Humanitarian Demining (GICHD)" in html


def test_it_refuses_a_bad_date_by_its_field(client: Client) -> None:
    response = client.get(PAGE + "?as_of=2020-13-01")
    assert response.status_code == 400
    assert 'id="id_as_of_error"' in response.content.decode()


def test_it_refuses_an_unknown_table_and_format(client: Client) -> None:
    assert client.get(PAGE + REVIEW + "&format=csv&table=nope").status_code == 400
    assert client.get(PAGE + REVIEW + "&format=pdf").status_code == 400


def test_arrears_per_state_are_staff_only(arrears: None, isla: User, fiona: User) -> None:
    public = _as(None).get(PAGE + REVIEW).content.decode()
    assert "1 of 3" in public  # 9MSP: one State in arrears of three assessed (totals)
    assert 'id="arrears-by-state"' not in public
    assert "Austria" not in public
    staff = _as(isla).get(PAGE + REVIEW).content.decode()
    assert 'id="arrears-by-state"' in staff and "Austria" in staff
    path, statuses = EXTRA["web:support (per-State arrears)"]
    assert _as(None).get(path).status_code == statuses["anonymous"] == 403
    assert _as(fiona).get(path).status_code == 403
    response = _as(isla).get(path)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(r["state"], r["outstanding"]) for r in rows} == {
        ("NOR", "0.00"),
        ("AUT", "1000.00"),
        ("BEL", ""),
    }


def test_the_public_arrears_download_has_totals_only(client: Client, arrears: None) -> None:
    response = client.get(PAGE + REVIEW + "&format=json&table=arrears")
    data = json.loads(response.content)
    (ninth,) = data["arrears"]
    assert (ninth["meeting"], ninth["outstanding"], ninth["outstanding_complete"]) == (
        "9MSP",
        "1000.00",
        False,
    )
    assert "state" not in ninth


@pytest.mark.parametrize(
    "table", ["budgets", "contributions", "meetings", "arrears", "sponsorship", "committee"]
)
def test_it_downloads_each_public_table_as_csv(client: Client, table: str) -> None:
    response = client.get(PAGE + REVIEW + f"&format=csv&table={table}")
    assert response.status_code == 200
    assert f"support-{table}-2020-09-28.csv" in response["Content-Disposition"]


def test_it_downloads_xlsx(client: Client) -> None:
    response = client.get(PAGE + REVIEW + "&format=xlsx&table=meetings")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:3] == ["meeting", "name", "opens"]


def test_it_draws_the_budget_chart(client: Client, isla: User) -> None:
    from treaty_tracker.support.models import IsuBudget

    IsuBudget.objects.create(year=2019, amount=D(600000), currency="CHF", entered_by=isla)
    IsuContribution.objects.create(
        state=State.objects.get(iso3="NOR"), year=2019, amount=D(400000), entered_by=isla
    )
    html = client.get(PAGE + "?as_of=2020-01-01").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert "2019: budget CHF 600,000; contributions received CHF 400,000; not covered." in html


# -- API -------------------------------------------------------------------------------


def test_the_api_gives_the_public_parts(client: Client, arrears: None) -> None:
    response = client.get("/api/v1/support?as_of=2020-09-28")
    assert response.status_code == 200
    data = response.json()
    assert data["reserve"]["target"]["amount"] == "400000.00"
    assert data["reserve"]["balance"] is None  # not known, never 0
    assert data["arrears"][0]["states_in_arrears"] == 1
    assert not {"NOR", "AUT", "BEL"} & set(json.dumps(data["arrears"]).replace('"', " ").split())
    assert {f["key"] for f in data["sourced_figures"]} >= {"support.sponsorship_average_chf"}
    assert any(m["code"] == "9MSP" and m["documents"] for m in data["meetings"])


def test_the_api_refuses_bad_requests_in_the_one_shape(client: Client) -> None:
    for query in ("?asof=2020-09-28", "?as_of=2020-13-01"):
        response = client.get("/api/v1/support" + query)
        assert response.status_code == 400
        assert set(response.json()["error"]) == {"code", "message", "fields"}


def test_the_api_operation_ids_start_with_support(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    ids = [
        op["operationId"]
        for path, item in spec["paths"].items()
        if path.startswith("/api/v1/support")
        for op in item.values()
    ]
    assert ids and all(i.startswith("support") for i in ids)


# -- staff entry (the fact editor) ----------------------------------------------------------


def _contribution(**values: str) -> dict[str, str]:
    return {
        "state": str(State.objects.get(iso3="NOR").pk),
        "year": "2019",
        "kind": "regular",
        "amount": "250000",
        "currency": "CHF",
    } | values


def test_isu_staff_enter_contributions(isla: User) -> None:
    response = _as(isla).post("/record/isu-contributions/new/", _contribution())
    assert response.status_code == 302
    fact = IsuContribution.objects.get()
    assert (fact.amount, fact.entered_by) == (D(250000), isla)


def test_others_may_not_enter_contributions(fiona: User, bob: User) -> None:
    assert _as(fiona).post("/record/isu-contributions/new/", _contribution()).status_code == 403
    assert _as(bob).post("/record/isu-contributions/new/", _contribution()).status_code == 403
    assert _as(None).post("/record/isu-contributions/new/", _contribution()).status_code == 302
    assert not IsuContribution.objects.exists()


def test_bad_contributions_are_refused_by_field(isla: User) -> None:
    response = _as(isla).post(
        "/record/isu-contributions/new/",
        _contribution(amount="-3", currency="ZZZ", contributor="Someone"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"amount", "currency", "contributor"}
    assert not IsuContribution.objects.exists()
