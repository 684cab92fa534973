"""The universalization page, its downloads, the API, the profile section and staff entry."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from treaty_tracker.states.models import State
from treaty_tracker.universalization.models import Allegation, StateVote

PAGE = "/universalization/"
REVIEW = "?as_of=2020-09-28"


@pytest.fixture
def client(db: None) -> Client:
    return Client()


def _pk(iso3: str) -> int:
    return State.objects.get(iso3=iso3).pk


def test_the_page_shows_status_joiners_votes_and_non_parties(client: Client) -> None:
    response = client.get(PAGE + REVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert "123 States have committed themselves" in html
    for name in ("Sao Tome and Principe", "Niue", "Maldives", "Cuba"):  # para 4
        assert name in html
    assert "<svg" in html and html.count("<svg") >= 2  # votes and parties charts
    assert "Azerbaijan" in html and "Thailand" in html  # para 6, para 19
    assert "CCM/CONF/2020/13 para 16" in html  # the allegation's source
    assert 'scope="col"' in html


def test_a_bad_date_or_period_is_a_400_with_the_field(client: Client) -> None:
    response = client.get(PAGE + "?as_of=2020-13-01")
    assert response.status_code == 400
    assert "as_of" in response.context["form"].errors
    response = client.get(PAGE + "?as_of=2019-01-01&since=2020-01-01")
    assert response.status_code == 400
    assert "since" in response.context["form"].errors
    assert client.get(PAGE + REVIEW + "&table=nope&format=csv").status_code == 400


def test_the_joiners_download_as_csv(client: Client) -> None:
    response = client.get(PAGE + REVIEW + "&since=2015-09-11&table=joiners&format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 14
    assert {r["iso3"] for r in rows} >= {"MUS", "SOM", "LCA"}


def test_the_votes_download_as_xlsx_and_json(client: Client) -> None:
    response = client.get(PAGE + REVIEW + "&table=votes&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:5] == ["year", "basis", "yes", "no", "abstain"]
    data = json.loads(client.get(PAGE + REVIEW + "&table=policies&format=json").content)
    assert {r["iso3"] for r in data["policies"]} >= {"EST", "FIN", "POL", "ROU", "THA", "USA"}


def test_the_api_gives_status_and_votes(client: Client) -> None:
    data = client.get("/api/v1/universalization?as_of=2020-09-28&since=2015-09-11").json()
    assert data["counts"] == {"states_parties": 110, "signatories": 13, "committed": 123}
    assert len(data["joined"]) == 14
    votes = client.get("/api/v1/universalization/votes?as_of=2020-09-28").json()
    year = next(y for y in votes["years"] if y["year"] == 2019)
    assert (year["yes"], year["no"], year["abstain"], year["basis"]) == (144, 1, 38, "sourced")
    assert {"year": 2019, "iso3": "CYP", "vote": "abstain"}.items() <= next(
        v for v in votes["states"] if v["iso3"] == "CYP"
    ).items()


def test_the_api_refuses_bad_parameters(client: Client) -> None:
    response = client.get("/api/v1/universalization?asof=2020-09-28")
    assert response.status_code == 400 and "error" in response.json()
    response = client.get("/api/v1/universalization?as_of=2019-01-01&since=2020-01-01")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"since": ["since must be on or before as_of"]}
    assert client.get("/api/v1/universalization/votes?as_of=nope").status_code == 400


def test_the_profile_section_of_a_non_party(client: Client) -> None:
    from treaty_tracker.universalization import profile

    section = profile.section("CYP", __import__("datetime").date(2020, 9, 28))
    assert section is not None
    assert [(v.year, str(v.vote)) for v in section["votes"]] == [(2019, "abstain")]
    assert profile.section("ISL", __import__("datetime").date(2020, 9, 28)) is None


# -- staff entry (the fact editor) ----------------------------------------------------------


def _post(user: User | None, key: str, data: dict[str, str]) -> object:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.post(f"/record/{key}/new/", data)


def test_isu_staff_enter_a_state_vote(isla: User) -> None:
    data = {"state": str(_pk("KAZ")), "year": "2018", "vote": "yes"}
    assert _post(isla, "universalization-state-votes", data).status_code == 302
    assert StateVote.objects.get(state__iso3="KAZ", year=2018).entered_by == isla


def test_others_may_not_enter_facts(fiona: User, bob: User) -> None:
    data = {"state": str(_pk("KAZ")), "year": "2018", "vote": "yes"}
    assert _post(fiona, "universalization-state-votes", data).status_code == 403
    assert _post(bob, "universalization-state-votes", data).status_code == 403
    assert not StateVote.objects.filter(year=2018).exists()


def test_a_bad_allegation_is_refused_by_field(isla: User) -> None:
    response = _post(isla, "universalization-allegations", {"period": "2019", "status": "denied"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {"territory", "user_state"}
    assert not Allegation.objects.filter(status="denied").exists()
