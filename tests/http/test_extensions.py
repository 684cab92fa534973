"""Extension requests over HTTP: the public list and pages, downloads, the API, and the
ISU's workflow forms (bad input shown by field, nothing written; others refused)."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations import services
from treaty_tracker.obligations.models import ExtensionRequest, Obligation

pytestmark = pytest.mark.django_db


def _client(user: User | None = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _peru() -> ExtensionRequest:
    return ExtensionRequest.objects.get(obligation__state__iso3="PER", meeting__code="2RC")


def _draft(isla: User) -> ExtensionRequest:
    return services.extension_draft(
        user=isla,
        iso3="DEU",
        article="4",
        months_requested=60,
        meeting=Meeting.objects.get(code="12MSP"),
    )


def test_the_list_shows_the_real_requests_with_their_deadlines() -> None:
    response = _client().get("/extensions/")
    assert response.status_code == 200
    rows = {(r["state"], r["meeting"]): r for r in response.context["rows"]}
    assert rows[("BGR", "9MSP")]["months_granted"] == 12
    assert str(rows[("DEU", "9MSP")]["deadline_after"]) == "2025-08-01"
    assert rows[("PER", "2RC")]["months_requested"] == 37
    assert "CCM/CONF/2020/13 para 39" in response.content.decode()


def test_the_list_downloads_whole() -> None:
    response = _client().get("/extensions/?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["state"] for r in rows} >= {"BGR", "PER", "DEU", "LAO", "BIH", "CHL", "LBN"}
    assert _client().get("/extensions/?format=pdf").status_code == 400


def test_a_request_page_shows_checks_and_the_checklist() -> None:
    page = _client().get(f"/extensions/{_peru().pk}/").content.decode()
    assert "Art. 3(4)(f)" in page
    assert "guidelines_work_plan" in page
    assert "Not assessed" in page


def test_a_draft_is_the_isus_alone(isla: User, fiona: User) -> None:
    draft = _draft(isla)
    assert _client().get(f"/extensions/{draft.pk}/").status_code == 404
    assert _client(fiona).get(f"/extensions/{draft.pk}/").status_code == 404
    assert _client(isla).get(f"/extensions/{draft.pk}/").status_code == 200
    assert draft.pk not in [r["id"] for r in _client().get("/extensions/").context["rows"]]
    assert _client().get(f"/api/v1/extensions/{draft.pk}").status_code == 404


def test_staff_draft_submit_and_decide_through_the_forms(isla: User) -> None:
    client = _client(isla)
    obligation = Obligation.objects.get(state__iso3="DEU", article="4")
    response = client.post(
        "/extensions/new/",
        {
            "obligation": obligation.pk,
            "months_requested": "60",
            "meeting": Meeting.objects.get(code="12MSP").pk,
            "summary": "Interim request",
        },
    )
    assert response.status_code == 302
    draft = ExtensionRequest.objects.get(stage="draft")
    assert (
        client.post(f"/extensions/{draft.pk}/submit/", {"submitted": "2023-11-01"}).status_code
        == 302
    )
    bad = client.post(
        f"/extensions/{draft.pk}/decision/",
        {"outcome": "granted", "months_granted": "61", "decided": "2024-09-12"},
    )
    assert bad.status_code == 400
    assert bad.context["decision_form"].errors["months_granted"] == [
        "61 months granted; Article 4 allows at most 60 months per extension."
    ]
    good = client.post(
        f"/extensions/{draft.pk}/decision/",
        {"outcome": "granted", "months_granted": "60", "decided": "2024-09-12"},
    )
    assert good.status_code == 302
    page = client.get(f"/extensions/{draft.pk}/")
    assert str(page.context["result"].current_deadline) == "2030-08-01"


def test_a_new_request_shows_every_problem_by_field(isla: User) -> None:
    obligation = Obligation.objects.get(state__iso3="DEU", article="4")
    response = _client(isla).post(
        "/extensions/new/", {"obligation": obligation.pk, "months_requested": "72"}
    )
    assert response.status_code == 400
    assert "at most 60 months" in response.context["form"].errors["months_requested"][0]
    response = _client(isla).post("/extensions/new/", {"obligation": "", "months_requested": "x"})
    assert set(response.context["form"].errors) == {"obligation", "months_requested"}
    assert not ExtensionRequest.objects.filter(stage="draft").exists()


def test_the_analysis_form_records_every_element(isla: User) -> None:
    # Bulgaria's 24-month request, pending at the review (para 30).
    request = ExtensionRequest.objects.get(obligation__state__iso3="BGR", meeting__code="2RC")
    form = _client(isla).get(f"/extensions/{request.pk}/analysis/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"art3_4_c": "met", "art3_4_f": "not_met", "art3_4_f__comment": "no annual rate"}
    assert _client(isla).post(f"/extensions/{request.pk}/analysis/", data).status_code == 302
    analysis = services.analysis(request)
    assert [r.code for r in analysis.gaps] == ["art3_4_f"]
    request.refresh_from_db()
    assert request.stage == "analysis"


def test_others_cannot_move_a_request(fiona: User, isla: User) -> None:
    draft = _draft(isla)
    response = _client(fiona).post(f"/extensions/{draft.pk}/submit/", {"submitted": "2023-11-01"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.stage == "draft"


def test_the_api_lists_and_shows_requests() -> None:
    body = _client().get("/api/v1/extensions?article=4").json()
    assert {r["state"] for r in body["requests"]} >= {"DEU", "LAO", "BIH", "CHL", "LBN"}
    assert {r["article"] for r in body["requests"]} == {"4"}
    detail = _client().get(f"/api/v1/extensions/{_peru().pk}").json()
    assert detail["request"]["months_requested"] == 37
    assert [c["provision"] for c in detail["checklist"]][:2] == ["Art. 3(4)(a)", "Art. 3(4)(b)"]
    bad = _client().get("/api/v1/extensions?article=5")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"] == {
        "article": ["article '5' has no extensions (one of: 3, 4)."]
    }
    assert _client().get("/api/v1/extensions/999999").status_code == 404


def test_the_decision_moves_the_deadline_on_the_profile(isla: User) -> None:
    draft = _draft(isla)
    services.extension_submit(user=isla, request=draft, submitted=date(2023, 11, 1))
    services.extension_decide(
        user=isla, request=draft, outcome="granted", months_granted=60, decided=date(2024, 9, 12)
    )
    profile = _client().get("/states/DEU/?as_of=2024-10-01")
    germany = profile.context["state"].obligation("4")
    assert str(germany.current_deadline) == "2030-08-01"


def test_the_profile_links_each_request_to_its_page() -> None:
    page = _client().get("/states/PER/?as_of=2021-06-01").content.decode()
    assert f'href="/extensions/{_peru().pk}/"' in page
