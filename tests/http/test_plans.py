"""The indicators page, its downloads, the API, and staff entry of the plans' facts."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.plans.models import Action, Indicator

pytestmark = pytest.mark.django_db

REVIEW = "?as_of=2020-09-28"


def test_it_shows_every_action_of_both_plans(client: Client) -> None:
    response = client.get("/indicators/" + REVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dubrovnik Action Plan (DAP)" in html and "Lausanne Action Plan (LAP)" in html
    assert 'id="plans.DAP.1.1.states-parties"' in html
    for number in ("1.1", "7.3"):
        assert f'id="plans.DAP.{number}' in html
    for number in range(12, 38):
        assert f'id="plans.LAP.{number}"' in html
    assert "indicator not defined in the retrieved sources" in html
    assert "text not retrieved" in html
    assert "CCM/CONF/2020/13 para 7" in html
    assert '<svg class="spark"' in html  # the trend of 1.1


def test_it_shows_one_plan(client: Client) -> None:
    html = client.get("/indicators/?plan=LAP&as_of=2024-06-01").content.decode()
    assert "Lausanne Action Plan (LAP)" in html and "Dubrovnik Action Plan (DAP)" not in html


@pytest.mark.parametrize(
    ("query", "field"),
    [("?as_of=2020-02-30", "as_of"), ("?plan=XAP", "plan"), ("?format=pdf", "format")],
)
def test_it_refuses_bad_queries_by_field(client: Client, query: str, field: str) -> None:
    response = client.get("/indicators/" + query)
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_it_downloads_every_indicator(client: Client) -> None:
    response = client.get("/indicators/?plan=DAP&as_of=2020-09-28&format=csv")
    assert response.status_code == 200
    assert 'filename="indicators-DAP-2020-09-28.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["value"] == "110"
    for fmt in ("xlsx", "json"):
        assert client.get(f"/indicators/{REVIEW}&format={fmt}").status_code == 200


def test_the_api_gives_both_plans(client: Client) -> None:
    response = client.get("/api/v1/indicators" + REVIEW)
    assert response.status_code == 200
    data = response.json()
    assert [p["plan"] for p in data["plans"]] == ["DAP", "LAP"]
    indicator = data["plans"][0]["actions"][0]["indicators"][0]
    assert (indicator["key"], indicator["value"], indicator["status"]) == (
        "plans.DAP.1.1.states-parties",
        110,
        "not_met",
    )


def test_the_api_gives_one_plan(client: Client) -> None:
    data = client.get("/api/v1/indicators?plan=lap&as_of=2024-06-01").json()
    assert [p["plan"] for p in data["plans"]] == ["LAP"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?plan=XAP", "invalid_parameter"),
        ("?as_of=2020-02-30", "invalid_as_of"),
        ("?asof=2020-09-28", "invalid_parameter"),
    ],
)
def test_the_api_refuses_bad_requests_in_the_one_shape(
    client: Client, query: str, code: str
) -> None:
    response = client.get("/api/v1/indicators" + query)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


# -- staff entry (the fact editor) ----------------------------------------------------------


def _post(user: User | None, data: dict[str, str]) -> object:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.post("/record/plan-indicators/new/", data)


def _form(**values: str) -> dict[str, str]:
    action = Action.objects.get(plan__code="DAP", number="1.2")
    return {
        "action": str(action.pk),
        "code": "parties",
        "description": "States Parties",
        "formula": "states_parties",
        "comparison": "at_least",
        "unit": "states",
        "target_value": "130",
        "reason": "test",
    } | values


def test_isu_staff_define_an_indicator(isla: User) -> None:
    response = _post(isla, _form())
    assert response.status_code == 302  # type: ignore[attr-defined]
    indicator = Indicator.objects.get(action__number="1.2", code="parties")
    assert indicator.entered_by == isla


def test_others_may_not_define_indicators(fiona: User, bob: User) -> None:
    assert _post(fiona, _form()).status_code == 403  # type: ignore[attr-defined]
    assert _post(bob, _form()).status_code == 403  # type: ignore[attr-defined]
    assert not Indicator.objects.filter(code="parties").exists()


def test_a_bad_indicator_is_refused_by_field(isla: User) -> None:
    response = _post(isla, _form(formula="bogus", target_value=""))
    assert response.status_code == 400  # type: ignore[attr-defined]
    errors = response.context["form"].errors  # type: ignore[attr-defined]
    assert set(errors) >= {"formula", "target_value"}
    assert not Indicator.objects.filter(code="parties").exists()
