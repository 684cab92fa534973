"""The JSON API (/api/v1/): the CLI's figures and shapes, one error shape, read-only,
a published OpenAPI document pinned by a snapshot, and a fixed number of queries."""

from __future__ import annotations

import difflib
import io
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from treaty_tracker.api import endpoints
from treaty_tracker.obligations.models import Obligation
from treaty_tracker.sources.models import RecordVersion, Source
from treaty_tracker.states.models import State
from treaty_tracker.themes.api_errors import ERROR_CODES, ErrorCode

SNAPSHOT = Path(__file__).resolve().parents[1] / "samples" / "openapi.json"
OVERDUE_2020 = {"CPV", "COM", "COG", "GIN", "MDG", "RWA", "TGO"}


@pytest.fixture
def client() -> Client:
    # Enforce CSRF like a real client would: a refused POST must be our 405, not a 403.
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def obligations(db: None) -> None:
    """Article 3, 4 and 5 obligations, whether or not the reference data has them yet."""
    source, _ = Source.objects.get_or_create(key="test-api", defaults={"title": "API tests"})
    for iso3, article in (("BGR", "3"), ("LAO", "4"), ("LAO", "5")):
        Obligation.objects.get_or_create(
            state=State.objects.get(iso3=iso3),
            article=article,
            defaults={"source": source, "paragraph": "1"},
        )


def _get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def _cli(command: str, *args: str, **options: Any) -> Any:
    out = io.StringIO()
    call_command(command, *args, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


def _assert_error(body: Any, code: str, field: str | None = None) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"].endswith(".")
    if field is not None:
        assert field in error["fields"], error
        assert all(isinstance(m, str) and m for m in error["fields"][field])


# -- figures and shapes ----------------------------------------------------------------


def test_it_gives_the_2020_review_figures(db: None, client: Client) -> None:
    summary = _get(client, "/api/v1/summary?as_of=2020-09-28")
    assert summary["as_of"] == "2020-09-28"
    assert len(summary["states_parties"]) == summary["counts"]["states_parties"] == 110
    assert len(summary["signatories"]) == 13
    assert len(summary["in_force_for"]) == 108
    reports = summary["initial_reports"]
    assert (len(reports["due"]), len(reports["submitted"])) == (107, 100)
    assert set(reports["overdue"]) == OVERDUE_2020 and len(reports["overdue"]) == 7
    assert sorted(reports["not_yet_due"]) == ["LCA", "NIU", "STP"]


def test_it_returns_the_same_summary_as_the_cli(
    db: None, obligations: None, client: Client
) -> None:
    api = _get(client, "/api/v1/summary?as_of=2020-09-28")
    assert api == _cli("summary", as_of="2020-09-28")
    assert api["article3"] and api["article4"] and api["article5"]


def test_it_returns_the_same_state_profiles_as_the_cli(
    db: None, obligations: None, client: Client
) -> None:
    for iso3, as_of in (("ISL", "2020-09-28"), ("LTU", "2025-06-01"), ("LAO", "2020-09-28")):
        api = _get(client, f"/api/v1/states/{iso3}?as_of={as_of}")
        assert api == _cli("state", iso3, as_of=as_of), iso3
    assert _get(client, "/api/v1/states/LAO?as_of=2020-09-28")["obligations"]


def test_it_returns_the_same_deadlines_as_the_cli(
    db: None, obligations: None, client: Client
) -> None:
    api = _get(client, "/api/v1/deadlines?as_of=2020-09-28&within=30")
    assert api == _cli("deadlines", as_of="2020-09-28", within=30)
    assert api["within_days"] == 30 and api["deadlines"]
    everything = _get(client, "/api/v1/deadlines?as_of=2020-09-28")
    assert everything == _cli("deadlines", as_of="2020-09-28")
    assert everything["within_days"] is None
    assert len(everything["deadlines"]) > len(api["deadlines"])


def test_it_shows_a_states_entry_into_force(db: None, client: Client) -> None:
    profile = _get(client, "/api/v1/states/ISL?as_of=2020-09-28")
    assert (profile["iso3"], profile["entry_into_force"]) == ("ISL", "2016-02-01")
    assert profile["status"] == "state_party" and profile["in_force"] is True
    assert profile["sources"]["consent"]


def test_it_shows_lithuania_withdrawn_in_2025(db: None, client: Client) -> None:
    assert _get(client, "/api/v1/states/LTU?as_of=2025-06-01")["status"] == "withdrawn"
    assert _get(client, "/api/v1/states/LTU?as_of=2020-09-28")["status"] == "state_party"


def test_it_accepts_a_lowercase_iso3(db: None, client: Client) -> None:
    lower = _get(client, "/api/v1/states/isl?as_of=2020-09-28")
    assert lower == _get(client, "/api/v1/states/ISL?as_of=2020-09-28")
    assert lower["iso3"] == "ISL"


def test_it_defaults_as_of_to_today(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(endpoints, "_today", lambda: date(2020, 9, 28))
    assert _get(client, "/api/v1/summary") == _get(client, "/api/v1/summary?as_of=2020-09-28")
    assert _get(client, "/api/v1/states")["as_of"] == "2020-09-28"
    assert _get(client, "/api/v1/deadlines")["as_of"] == "2020-09-28"


# -- the list of States ------------------------------------------------------------------


def test_it_lists_every_state_with_its_status(db: None, client: Client) -> None:
    listing = _get(client, "/api/v1/states?as_of=2020-09-28")
    states = {s["iso3"]: s for s in listing["states"]}
    assert listing["count"] == len(states) == State.objects.count()
    assert states["ISL"] == {
        "iso3": "ISL",
        "name": states["ISL"]["name"],
        "region": "Europe",
        "status": "state_party",
        "entry_into_force": "2016-02-01",
        "in_force": True,
        "obligations": states["ISL"]["obligations"],
    }
    assert [s["name"] for s in listing["states"]] == sorted(s["name"] for s in listing["states"])


def test_it_filters_states_like_the_summary_counts(
    db: None, obligations: None, client: Client
) -> None:
    summary = _get(client, "/api/v1/summary?as_of=2020-09-28")

    def iso3s(query: str) -> set[str]:
        listing = _get(client, f"/api/v1/states?as_of=2020-09-28&{query}")
        return {s["iso3"] for s in listing["states"]}

    assert iso3s("status=state_party") == set(summary["states_parties"])
    assert iso3s("status=signatory") == set(summary["signatories"])
    assert iso3s("obligation=3") == {o["state"] for o in summary["article3"]}
    assert iso3s("obligation=4") == {o["state"] for o in summary["article4"]}
    assert iso3s("obligation=5") == set(summary["article5"])
    assert "BGR" in iso3s("obligation=3")
    assert "LAO" in iso3s("obligation=4") & iso3s("obligation=5")
    africa = _get(client, "/api/v1/states?as_of=2020-09-28&region=africa")["states"]
    assert africa and {s["region"] for s in africa} == {"Africa"}
    parties_in_africa = iso3s("region=Africa&status=state_party")
    assert parties_in_africa == {s["iso3"] for s in africa} & set(summary["states_parties"])


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "code", "field"),
    [
        ("/api/v1/summary?as_of=2020-13-01", "invalid_as_of", "as_of"),
        ("/api/v1/summary?as_of=2007-12-31", "invalid_as_of", "as_of"),
        ("/api/v1/summary?as_of=20200928", "invalid_as_of", "as_of"),
        ("/api/v1/states/ISL?as_of=yesterday", "invalid_as_of", "as_of"),
        ("/api/v1/states?as_of=", "invalid_as_of", "as_of"),
        ("/api/v1/deadlines?within=-1", "invalid_parameter", "within"),
        ("/api/v1/deadlines?within=abc", "invalid_parameter", "within"),
        ("/api/v1/states?status=bogus", "invalid_parameter", "status"),
        ("/api/v1/states?region=Atlantis", "invalid_parameter", "region"),
        ("/api/v1/states?obligation=7", "invalid_parameter", "obligation"),
        ("/api/v1/summary?asof=2020-09-28", "invalid_parameter", "asof"),
    ],
)
def test_it_refuses_bad_input_with_400_in_the_error_shape(
    db: None, client: Client, url: str, code: str, field: str
) -> None:
    _assert_error(_get(client, url, status=400), code, field)


def test_it_names_every_offending_parameter(db: None, client: Client) -> None:
    body = _get(client, "/api/v1/deadlines?as_of=2007-12-31&within=abc", status=400)
    _assert_error(body, "invalid_as_of", "as_of")
    assert "within" in body["error"]["fields"]


def test_it_answers_404_in_the_error_shape_for_an_unknown_state(db: None, client: Client) -> None:
    body = _get(client, "/api/v1/states/XYZ?as_of=2020-09-28", status=404)
    _assert_error(body, "not_found")
    assert "XYZ" in body["error"]["message"]


@pytest.mark.parametrize(
    "url", ["/api/v1/", "/api/v1/nothing-here", "/api/v1/states/ISL/reports", "/api/v1/states/"]
)
def test_it_answers_404_in_the_error_shape_for_any_other_path(
    db: None, client: Client, url: str
) -> None:
    _assert_error(_get(client, url, status=404), "not_found")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
@pytest.mark.parametrize(
    "url", ["/api/v1/summary", "/api/v1/states", "/api/v1/states/ISL", "/api/v1/openapi.json"]
)
def test_it_refuses_mutations_with_405(db: None, client: Client, method: str, url: str) -> None:
    response = getattr(client, method)(url, data={}, content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    _assert_error(response.json(), "method_not_allowed")


def test_it_answers_head_like_get(db: None, client: Client) -> None:
    response = client.head("/api/v1/summary?as_of=2020-09-28")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"


# -- OpenAPI -----------------------------------------------------------------------------


def _dump(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_it_publishes_the_openapi_document_as_snapshotted(db: None, client: Client) -> None:
    document = _get(client, "/api/v1/openapi.json")
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(_dump(document), encoding="utf-8")
    assert SNAPSHOT.exists(), f"No snapshot at {SNAPSHOT}: run with UPDATE_SNAPSHOTS=1."
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    if document != snapshot:
        diff = difflib.unified_diff(
            _dump(snapshot).splitlines(),
            _dump(document).splitlines(),
            "snapshot",
            "now",
            lineterm="",
        )
        pytest.fail(
            "The OpenAPI document differs from tests/samples/openapi.json. If the change is "
            "intended, rerun with UPDATE_SNAPSHOTS=1 and commit the snapshot with it.\n"
            + "\n".join(list(diff)[:80])
        )


def test_it_documents_every_error_code(db: None, client: Client) -> None:
    document = _get(client, "/api/v1/openapi.json")
    description = document["info"]["description"]
    assert set(ERROR_CODES) == set(ErrorCode)
    for code in ErrorCode:
        assert f"`{code.value}`" in description
    schemas = document["components"]["schemas"]
    assert set(schemas["ErrorCode"]["enum"]) == {c.value for c in ErrorCode}


def test_it_describes_real_fields_in_every_response(db: None, client: Client) -> None:
    document = _get(client, "/api/v1/openapi.json")
    schemas = document["components"]["schemas"]
    assert set(document["paths"]) == {
        "/api/v1/states",
        "/api/v1/states/{iso3}",
        "/api/v1/summary",
        "/api/v1/deadlines",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/reporting",
        "/api/v1/extensions",
        "/api/v1/extensions/{request_id}",
        "/api/v1/stockpiles",
        "/api/v1/stockpiles/{iso3}",
        "/api/v1/clearance",
        "/api/v1/clearance/{iso3}",
        "/api/v1/victim-assistance",
        "/api/v1/victim-assistance/{iso3}",
        "/api/v1/cooperation",
        "/api/v1/cooperation/needs",
        "/api/v1/cooperation/coalitions",
        "/api/v1/national-measures",
        "/api/v1/universalization",
        "/api/v1/universalization/votes",
        "/api/v1/support",
        "/api/v1/indicators",
    }
    for path, operations in document["paths"].items():
        assert set(operations) == {"get"}, path
        for status, response in operations["get"]["responses"].items():
            ref = response["content"]["application/json"]["schema"]["$ref"]
            schema = schemas[ref.rsplit("/", 1)[-1]]
            assert schema["properties"] and schema["additionalProperties"] is False, path
            if status != "200":
                assert ref.endswith("/Error"), (path, status)
    summary = schemas["TreatySummary"]["properties"]
    assert set(summary) == set(_cli("summary", as_of="2020-09-28"))
    assert "not known" in schemas["StateProfile"]["properties"]["entry_into_force"]["description"]


def test_it_serves_the_docs_page(db: None, client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


# -- queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/summary?as_of=2020-09-28",
        "/api/v1/states?as_of=2020-09-28",
        "/api/v1/states/ISL?as_of=2020-09-28",
        "/api/v1/deadlines?as_of=2020-09-28",
    ],
)
def test_it_runs_a_fixed_number_of_queries(
    db: None, obligations: None, client: Client, django_assert_max_num_queries: Any, url: str
) -> None:
    # A changed record makes register() rebuild from the database: measure that path.
    RecordVersion.bump()
    with django_assert_max_num_queries(10):
        _get(client, url)
    RecordVersion.bump()
    with CaptureQueriesContext(connection) as before:
        _get(client, url)
    State.objects.bulk_create(
        State(iso3=f"Q{i:02d}", name=f"Test State {i}", region="Europe") for i in range(20)
    )
    RecordVersion.bump()
    with CaptureQueriesContext(connection) as after:
        _get(client, url)
    assert len(after) == len(before) > 1  # > 1: the record was read, not reused
    with django_assert_max_num_queries(2):  # unchanged record: the cached register
        _get(client, url)
