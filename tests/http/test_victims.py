"""The Article 5 page, its downloads, the API, the profile section and staff entry."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from treaty_tracker.victims.models import Casualties

PAGE = "/victim-assistance/"
REVIEW = "?as_of=2020-09-28"


@pytest.fixture
def client(db: None) -> Client:
    return Client()


def test_it_lists_the_states_with_obligations_and_the_status(client: Client) -> None:
    response = client.get(PAGE + REVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Afghanistan", "Guinea-Bissau", "Somalia", "Lebanon"):
        assert name in html
    assert "Colombia" not in html  # removed from the list since 2015 (para 66)
    assert "Signatory only" in html  # Lebanon's CRPD status (para 69)
    assert 'id="figure-national_plans_or_authority"' in html
    assert "differs" in html  # 8 plans named, 11 stated (para 68)
    assert "CCM/CONF/2020/13 para 68" in html
    assert "The record holds no casualty figures" in html


def test_it_refuses_a_bad_date_by_its_field(client: Client) -> None:
    response = client.get(PAGE + "?as_of=2020-13-01")
    assert response.status_code == 400
    assert 'id="id_as_of_error"' in response.content.decode()


def test_it_draws_the_casualties_chart_and_table(client: Client, isla: User) -> None:
    Casualties.objects.create(
        state_id=_pk("LAO"), year=2019, outcome="killed", total=3, male=2, entered_by=isla
    )
    Casualties.objects.create(
        state_id=_pk("IRQ"), year=2019, outcome="injured", total=None, child=4, entered_by=isla
    )
    html = client.get(PAGE + "?as_of=2021-01-01").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"' in html
    assert "2019: 3 killed, 0 injured, 0 not known whether killed or injured." in html
    assert "at least: some totals not known" in html
    assert "entered by isla" in html


def _pk(iso3: str) -> int:
    from treaty_tracker.states.models import State

    return State.objects.get(iso3=iso3).pk


@pytest.mark.parametrize("table", ["states", "figures", "casualties"])
def test_it_downloads_each_table_as_csv(client: Client, table: str) -> None:
    response = client.get(PAGE + REVIEW + f"&format=csv&table={table}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"victim-assistance-{table}-2020-09-28.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    if table == "states":
        assert len(rows) == 11 and {r["iso3"] for r in rows} >= {"AFG", "SOM"}
        assert next(r for r in rows if r["iso3"] == "LBN")["crpd"] == "signatory"
    if table == "figures":
        plans = next(r for r in rows if r["key"] == "national_plans_or_authority")
        assert (plans["value"], plans["sourced_figure"], plans["basis"]) == ("8", "11", "computed")


def test_it_downloads_xlsx_and_json(client: Client) -> None:
    xlsx = client.get(PAGE + REVIEW + "&format=xlsx&table=figures")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "key"
    data = client.get(PAGE + REVIEW + "&format=json&table=states").json()
    assert data["count"] == 11 and data["states"][0]["iso3"] == "AFG"


def test_it_refuses_an_unknown_table(client: Client) -> None:
    response = client.get(PAGE + REVIEW + "&format=csv&table=bogus")
    assert response.status_code == 400
    assert 'id="id_table_error"' in response.content.decode()


# -- API ---------------------------------------------------------------------------------


def test_the_api_gives_the_status(client: Client) -> None:
    data = client.get("/api/v1/victim-assistance" + REVIEW).json()
    assert [s["iso3"] for s in data["states"]][:2] == ["AFG", "ALB"]
    figures = {f["key"]: f for f in data["figures"]}
    assert figures["national_focal_points"]["value"] == 11
    assert figures["national_plans_or_authority"]["sourced_figure"]["value"] == 11
    assert figures["reported_data_collection"]["basis"] == "sourced_list"
    assert data["casualties"] == []


def test_the_api_gives_one_state(client: Client) -> None:
    data = client.get("/api/v1/victim-assistance/lbn" + REVIEW).json()
    assert data["iso3"] == "LBN" and data["obligation"] is True
    assert {f["kind"] for f in data["facts"]} == {"focal_point", "plan", "crpd"}
    assert client.get("/api/v1/victim-assistance/COL" + REVIEW).json()["obligation"] is False


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/victim-assistance?as_of=2020-02-30", 400, "invalid_as_of"),
        ("/api/v1/victim-assistance?asof=2020-09-28", 400, "invalid_parameter"),
        ("/api/v1/victim-assistance/XXX", 404, "not_found"),
        ("/api/v1/victim-assistance/LAO?as_of=1999-01-01", 400, "invalid_as_of"),
    ],
)
def test_the_api_refuses_bad_requests_in_the_one_shape(
    client: Client, path: str, status: int, code: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


# -- the State's profile -----------------------------------------------------------------


def test_the_profile_shows_the_state_s_victim_assistance(client: Client) -> None:
    html = client.get("/states/LBN/" + REVIEW).content.decode()
    assert 'id="va-profile-title"' in html
    assert "Signatory only" in html and "CCM/CONF/2020/13 para 69" in html


def test_the_profile_of_a_state_without_article_5_has_no_section(client: Client) -> None:
    html = client.get("/states/ISL/" + REVIEW).content.decode()
    assert 'id="va-profile-title"' not in html


# -- staff entry (the fact editor) ----------------------------------------------------------


def _post(user: User | None, data: dict[str, str]) -> object:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.post("/record/va-casualties/new/", data)


def _casualty_form(**values: str) -> dict[str, str]:
    return {"state": str(_pk("LAO")), "year": "2019", "outcome": "killed", "total": "5"} | values


def test_isu_staff_enter_casualties(isla: User) -> None:
    response = _post(isla, _casualty_form(female="2", male="3"))
    assert response.status_code == 302
    fact = Casualties.objects.get(state__iso3="LAO", year=2019)
    assert (fact.total, fact.male, fact.entered_by) == (5, 3, isla)


def test_others_may_not_enter_casualties(fiona: User, bob: User) -> None:
    assert _post(fiona, _casualty_form()).status_code == 403
    assert _post(bob, _casualty_form()).status_code == 403
    assert _post(None, _casualty_form()).status_code == 302  # to sign in
    assert not Casualties.objects.exists()


def test_bad_casualties_are_refused_by_field(isla: User) -> None:
    response = _post(isla, _casualty_form(female="4", male="4", child="9"))
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"female", "child"}
    assert "more than the total of 5" in form.errors["female"][0]
    assert not Casualties.objects.exists()
