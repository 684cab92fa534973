"""The Article 4 page, its downloads, the API and the profile section, on the reference
data (CCM/CONF/2020/13 section IV) and on facts entered in the test."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import minimal_annual_report
from treaty_tracker.clearance.models import LandRelease, RiskEducation
from treaty_tracker.rules import ReportKind
from treaty_tracker.sources.services import save_fact
from treaty_tracker.states.models import State
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

REVIEW = "2020-09-28"
pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(isla: User) -> None:
    lao, deu = State.objects.get(iso3="LAO"), State.objects.get(iso3="DEU")
    for state, year, method, area, subs in (
        (lao, 2019, "cleared", 2_500_000, 8_000),
        (lao, 2019, "cancelled", 1_000_000, None),
        (deu, 2019, "cleared", 500_000, 120),
        (lao, 2020, "reduced", 300_000, 10),
    ):
        save_fact(
            LandRelease(
                state=state,
                year=year,
                method=method,
                area_m2=area,
                submunitions_destroyed=subs,
            ),
            user=isla,
        )
    save_fact(
        RiskEducation(state=lao, year=2019, girls=10, boys=12, women=5, men=3, total=40),
        user=isla,
    )


# Para 38: eleven at the end of the 1RC; three completed (Croatia, Montenegro, Mozambique);
# Somalia new; Mauritania found contamination after completing; ten now.
ELEVEN = {"AFG", "BIH", "CHL", "DEU", "HRV", "IRQ", "LAO", "LBN", "MNE", "MOZ", "TCD"}
TEN = ["AFG", "BIH", "CHL", "DEU", "IRQ", "LAO", "LBN", "MRT", "SOM", "TCD"]


def test_it_computes_para_38_from_the_register(client: Client) -> None:
    response = client.get(f"/clearance/?as_of={REVIEW}")
    assert response.status_code == 200
    movement = response.context["movement"]
    # Montenegro completed within the review period (para 38), so all eleven are placed.
    assert set(movement.at_start) == ELEVEN
    assert set(movement.completed) == {"HRV", "MNE", "MOZ"}
    assert movement.new == ("SOM",)
    assert movement.rediscovered == ("MRT",)
    assert list(movement.at_end) == TEN
    page = response.content.decode()
    assert "Lao People" in page
    # Para 53's global totals are shown, labelled as sourced totals.
    assert "sourced totals" in page
    assert "128.3 km²" in page


def test_it_shows_laos_estimate_as_a_lower_bound_without_a_date(client: Client) -> None:
    response = client.get(f"/clearance/?as_of={REVIEW}")
    lao = next(r for _name, r in response.context["remaining"] if r.state == "LAO")
    assert lao.area_m2 == 800_000_000 and lao.bound.value == "at_least" and not lao.dated
    assert "at least" in response.content.decode()


def test_it_answers_400_with_the_error_by_the_field_for_a_bad_date(client: Client) -> None:
    response = client.get("/clearance/?as_of=2020-13-45")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode()


def test_it_adds_up_land_release_per_state_and_year(client: Client, releases: None) -> None:
    response = client.get(f"/clearance/?as_of={REVIEW}")
    years = {y.year: y for y in response.context["by_year"]}
    assert years[2019].total_m2 == 4_000_000
    assert years[2019].submunitions == 8_120
    assert years[2019].states == ("DEU", "LAO")
    assert years[2020].total_m2 == 300_000
    assert b"<svg" in response.content


def test_it_leaves_out_years_not_yet_begun(client: Client, releases: None) -> None:
    response = client.get("/clearance/?as_of=2019-06-30")
    assert [y.year for y in response.context["by_year"]] == [2019]


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_it_downloads_every_table(client: Client, releases: None, fmt: str) -> None:
    for table in ("", "release", "education", "reported", "figures"):
        response = client.get(f"/clearance/?as_of={REVIEW}&format={fmt}&table={table}")
        assert response.status_code == 200, table
        assert f".{fmt}" in response["Content-Disposition"]


def test_it_downloads_the_release_rows_as_json(client: Client, releases: None) -> None:
    response = client.get(f"/clearance/?as_of={REVIEW}&format=json&table=release")
    data = json.loads(response.content)
    lao = next(r for r in data["release"] if r["state"] == "LAO" and r["year"] == 2019)
    assert lao["cleared_m2"] == 2_500_000 and lao["cancelled_m2"] == 1_000_000
    assert lao["total_m2"] == 3_500_000
    assert "entered by isla" in lao["sources"]


def test_it_downloads_the_states_with_deadlines_from_the_register(client: Client) -> None:
    response = client.get(f"/clearance/?as_of={REVIEW}&format=json")
    rows = {r["state"]: r for r in json.loads(response.content)["states"]}
    assert rows["DEU"]["current_deadline"] == "2025-08-01"
    assert rows["LBN"]["pending_request"] is True
    assert rows["MNE"]["status"] == "completed"


def test_it_refuses_an_unknown_table(client: Client) -> None:
    assert client.get("/clearance/?format=csv&table=bogus").status_code == 400


# -- the API -------------------------------------------------------------------------------


def test_the_api_gives_the_figures_and_the_states(client: Client, releases: None) -> None:
    response = client.get(f"/api/v1/clearance?as_of={REVIEW}")
    assert response.status_code == 200
    data = response.json()
    assert data["movement"]["at_end"] == TEN
    assert {y["year"]: y["total_m2"] for y in data["release_by_year"]} == {
        2019: 4_000_000,
        2020: 300_000,
    }
    lao = next(s for s in data["states"] if s["state"] == "LAO")
    assert lao["remaining"]["bound"] == "at_least"
    assert lao["obligation"]["current_deadline"] == "2025-08-01"
    assert any(f["key"] == "clearance.area_cleared_km2.global.2018" for f in data["figures"])


def test_the_api_gives_one_state(client: Client, releases: None) -> None:
    response = client.get(f"/api/v1/clearance/lao?as_of={REVIEW}")
    assert response.status_code == 200
    data = response.json()
    assert data["state"] == "LAO"
    assert data["obligation"]["status"] == "pending"
    assert data["release_by_year"][0]["by_method"]["cleared"] == 2_500_000
    assert data["education"][0]["girls"] == 10


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/clearance?as_of=2020-02-30", 400, "invalid_as_of"),
        ("/api/v1/clearance?bogus=1", 400, "invalid_parameter"),
        ("/api/v1/clearance/XXX", 404, "not_found"),
        ("/api/v1/clearance/LAO?as_of=1999-01-01", 400, "invalid_as_of"),
    ],
)
def test_the_api_answers_errors_in_the_one_shape(
    client: Client, path: str, status: int, code: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


# -- the profile section --------------------------------------------------------------------


def test_the_profile_shows_the_section_with_sources(client: Client) -> None:
    response = client.get(f"/states/MRT/?as_of={REVIEW}")
    page = response.content.decode()
    assert 'id="clearance-title"' in page
    assert "found after the completion declared in" in page
    assert "CCM/CONF/2020/13 para 38" in page


def test_the_profile_has_no_section_without_an_obligation_or_facts(client: Client) -> None:
    response = client.get(f"/states/ISL/?as_of={REVIEW}")
    assert 'id="clearance-title"' not in response.content.decode()


def test_the_profile_shows_release_and_education(client: Client, releases: None) -> None:
    page = client.get(f"/states/LAO/?as_of={REVIEW}").content.decode()
    assert "3,500,000 m²" in page
    assert "entered by isla" in page


# -- figures from published reports (Forms F and G) -----------------------------------------


def test_it_shows_forms_f_and_g_of_published_reports_only(client: Client, isla: User) -> None:
    content = minimal_annual_report("DEU", 2021)
    content["forms"]["F"] = {
        "status": "changed",
        "data": {
            "areas": [{"location": "Wittstock range", "size": 1_000_000, "new": True}],
            "released": [
                {"location": "Wittstock range", "cleared": 250_000, "submunitions_destroyed": 77}
            ],
        },
    }
    content["forms"]["G"] = {
        "status": "changed",
        "data": {
            "activities": [
                {
                    "activity": "School sessions",
                    "beneficiaries": {
                        "total": 100,
                        "by": {"female": {"child": 30}, "male": {"child": 40, "adult": 20}},
                    },
                }
            ]
        },
    }

    def enter(year: int) -> object:
        return report_enter_on_behalf(
            user=isla,
            slot=Slot("DEU", ReportKind.ANNUAL, year),
            content=content | {"period": {"from": f"{year}-01-01", "to": f"{year}-12-31"}},
            received=datetime(year + 1, 3, 2, tzinfo=UTC),
        )

    enter(2021)  # not published: never shown
    page = client.get("/clearance/?as_of=2023-01-01").content.decode()
    assert "report DEU 2021, Form F" not in page
    report_publish(user=isla, submission=enter(2022))
    response = client.get("/clearance/?as_of=2023-06-01&format=json&table=reported")
    rows = json.loads(response.content)["reported"]
    assert [(r["state"], r["year"]) for r in rows] == [("DEU", 2022)]
    assert rows[0]["cleared_m2"] == 250_000 and rows[0]["beneficiaries"] == 100
    assert rows[0]["areas_new"] == 1
    profile = client.get("/states/DEU/?as_of=2023-06-01").content.decode()
    assert "report DEU 2022, Form F" in profile


# -- staff entry through the fact editor ------------------------------------------------------


def _post(client: Client, user: User | None, data: dict[str, object]) -> object:
    if user is not None:
        client.force_login(user)
    return client.post("/record/clearance-releases/new/", data)


RELEASE = {"state": "", "year": "2019", "method": "cleared", "area_m2": "1000"}


def test_isu_staff_enter_a_release(client: Client, isla: User) -> None:
    state = State.objects.get(iso3="LAO")
    response = _post(client, isla, RELEASE | {"state": state.pk})
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert LandRelease.objects.get(state=state, year=2019).citation == "entered by isla"


def test_others_may_not_enter_a_release(client: Client, fiona: User) -> None:
    state = State.objects.get(iso3="LAO")
    assert _post(client, fiona, RELEASE | {"state": state.pk}).status_code == 403  # type: ignore[attr-defined]
    assert _post(Client(), None, RELEASE | {"state": state.pk}).status_code == 302  # type: ignore[attr-defined]
    assert not LandRelease.objects.exists()


def test_the_editor_shows_each_problem_by_its_field(client: Client, isla: User) -> None:
    state = State.objects.get(iso3="LAO")
    response = _post(
        client,
        isla,
        RELEASE
        | {
            "state": state.pk,
            "method": "cancelled",
            "area_m2": "-5",
            "submunitions_destroyed": "2",
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    form = response.context["form"]  # type: ignore[attr-defined]
    assert set(form.errors) == {"area_m2", "submunitions_destroyed"}
    assert not LandRelease.objects.exists()
