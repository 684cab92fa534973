"""The Article 9 page, its downloads, the API, the profile section and staff entry."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.states.models import State

PAGE = "/national-measures/"
REVIEW = "?as_of=2020-09-28"


@pytest.fixture
def client(db: None) -> Client:
    return Client()


def test_it_shows_the_counts_beside_the_stated_figures(client: Client) -> None:
    response = client.get(PAGE + REVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="category-legislation_in_progress"' in html
    assert "differs" in html  # 22 listed, 23 stated (para 107)
    assert "Guinea-Bissau" in html and "Mauritania" in html
    assert "CCM/CONF/2020/13 para 107" in html


def test_it_refuses_a_bad_date_by_its_field(client: Client) -> None:
    response = client.get(PAGE + "?as_of=tomorrow")
    assert response.status_code == 400
    assert 'id="id_as_of_error"' in response.content.decode()


def test_it_downloads_the_counts_and_the_states(client: Client) -> None:
    counts = client.get(PAGE + REVIEW + "&format=csv&table=counts")
    rows = {r["category"]: r for r in csv.DictReader(io.StringIO(counts.content.decode()))}
    assert (
        rows["legislation_in_progress"]["count"],
        rows["legislation_in_progress"]["stated_count"],
    ) == ("22", "23")
    assert rows["existing_law_sufficient"]["carried_from_earlier_date"] == "MRT"
    states = client.get(PAGE + REVIEW + "&format=json&table=states").json()
    gnb = next(s for s in states["states"] if s["iso3"] == "GNB")
    assert gnb["categories"] == "legislation_in_progress"
    assert gnb["history"] == (
        "2015-09-11: existing_law_sufficient; 2020-09-28: legislation_in_progress"
    )
    xlsx = client.get(PAGE + REVIEW + "&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_the_api_gives_counts_and_histories(client: Client) -> None:
    data = client.get("/api/v1/national-measures" + REVIEW).json()
    counts = {c["category"]: c for c in data["counts"]}
    assert counts["legislation_in_progress"]["count"] == 22
    assert counts["legislation_in_progress"]["stated"]["value"] == 23
    bel = next(s for s in data["states"] if s["iso3"] == "BEL")
    assert bel["latest"]["categories"] == ["investment_prohibition", "specific_law"]
    assert len(bel["history"]) == 2


@pytest.mark.parametrize(
    ("query", "code"),
    [("?as_of=2020-09-31", "invalid_as_of"), ("?state=BEL", "invalid_parameter")],
)
def test_the_api_refuses_bad_queries(client: Client, query: str, code: str) -> None:
    response = client.get("/api/v1/national-measures" + query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_the_profile_shows_the_history_with_sources(client: Client) -> None:
    html = client.get("/states/GNB/" + REVIEW).content.decode()
    assert 'id="nm-profile-title"' in html
    assert "CCM/CONF/2020/13 para 106" in html and "CCM/CONF/2020/13 para 107" in html
    assert "Legislation under consideration" in html


def test_the_profile_of_a_state_without_measures_has_no_section(client: Client) -> None:
    assert 'id="nm-profile-title"' not in client.get("/states/USA/").content.decode()


def _form(**values: str) -> dict[str, str]:
    lao = State.objects.get(iso3="LAO")
    return {
        "state": str(lao.pk),
        "category": "specific_law",
        "as_of": "2022-05",
        "kind": "legal",
        "title": "Law on the prohibition of cluster munitions",
    } | values


def test_isu_staff_record_a_new_category(isla: User) -> None:
    client = Client()
    client.force_login(isla)
    assert client.post("/record/national-measures/new/", _form()).status_code == 302
    html = Client().get("/states/LAO/?as_of=2023-01-01").content.decode()
    assert "Law on the prohibition of cluster munitions" in html
    assert "entered by isla" in html


def test_others_may_not_record_measures(fiona: User) -> None:
    client = Client()
    client.force_login(fiona)
    assert client.post("/record/national-measures/new/", _form()).status_code == 403
    assert not NationalMeasure.objects.filter(state__iso3="LAO", kind="legal").exists()


def test_bad_measures_are_refused_by_field(isla: User) -> None:
    client = Client()
    client.force_login(isla)
    response = client.post("/record/national-measures/new/", _form(as_of="soon", category="bogus"))
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"as_of", "category"}
