"""The API keeps its published contract: every GET operation of the OpenAPI document,
on dates from 2008 to 2030 and for States in every situation, answers JSON and never a
5xx, with a body valid against the schema the document gives it (jsonschema); every
schema has a component name of its own; and a bug answers the one error shape (logged),
not the site's HTML page."""

from __future__ import annotations

import enum
import functools
import json
import logging
import os
import typing
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from jsonschema import Draft202012Validator
from ninja import Router
from pydantic import BaseModel

from tests.factories import minimal_annual_report
from treaty_tracker.api import endpoints
from treaty_tracker.rules import EARLIEST_AS_OF, ReportKind
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

#: Every quarter from the earliest as-of date to 2030, and days where statuses turn:
#: the Convention's entry into force (1 Aug 2010), the 2020 review's date and the day after,
#: a 29 February, the last day of 2030.
EDGE_DATES = {
    date(2010, 7, 31),
    date(2010, 8, 1),
    date(2020, 9, 28),
    date(2020, 9, 29),
    date(2024, 2, 29),
    date(2030, 12, 31),
}
DATES = sorted(
    {date(year, month, 1) for year in range(EARLIEST_AS_OF.year, 2031) for month in (1, 4, 7, 10)}
    | EDGE_DATES
)
#: What most endpoints are asked, to keep the suite fast (an endpoint over the whole record
#: can take 0.1 s a date): the edges, and a date in each review period.
SAMPLE_DATES = sorted(
    EDGE_DATES | {EARLIEST_AS_OF, date(2015, 7, 1), date(2019, 1, 1), date(2025, 7, 1)}
)
#: The endpoints that carry the engine's statuses for every State, asked every date.
EVERY_DATE = {"/api/v1/summary", "/api/v1/states", "/api/v1/deadlines"}
#: ``API_CONTRACT_DATES=all`` asks every endpoint every date (about 2 minutes).
ALL = os.environ.get("API_CONTRACT_DATES") == "all"

#: A State Party in force (ISL), one that withdrew (LTU), one with Art. 4 and 5 obligations
#: (LAO), one with extension requests (DEU).
STATES = ("ISL", "LTU", "LAO", "DEU")

PREFIX = "/api/v1"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"


@functools.cache
def _document() -> dict[str, Any]:
    """The OpenAPI document as clients read it (JSON: status codes as text)."""
    document: dict[str, Any] = json.loads(
        json.dumps(endpoints.api.get_openapi_schema(path_prefix=PREFIX))
    )
    return document


def _operations() -> list[tuple[str, dict[str, Any]]]:
    return [(path, item["get"]) for path, item in sorted(_document()["paths"].items())]


class _Documented:
    """Validates a body against the schema the document gives an operation's status."""

    def __init__(self, document: dict[str, Any], operation: dict[str, Any]) -> None:
        self.components = document["components"]
        self.responses = operation["responses"]
        self.validators: dict[int, Draft202012Validator] = {}

    def errors(self, status: int, body: Any) -> list[str]:
        if status not in self.validators:
            response = self.responses.get(str(status))
            if response is None:
                return [f"status {status} is not documented (only {', '.join(self.responses)})"]
            schema = response["content"]["application/json"]["schema"]
            self.validators[status] = Draft202012Validator(
                {**schema, "components": self.components}
            )
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message[:200]}"
            for e in self.validators[status].iter_errors(body)
        ]


def _takes(operation: dict[str, Any], where: str) -> list[str]:
    return [p["name"] for p in operation.get("parameters", []) if p["in"] == where]


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def path_values(isla: User, client: Client) -> dict[str, list[str]]:
    """Values for each path parameter, taken from the record (with one published report)."""
    submission = report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, 2023),
        content=minimal_annual_report("ISL", 2023, text="Implemented by the Weapons Act."),
        received=datetime(2024, 4, 10, tzinfo=UTC),
    )
    report_publish(user=isla, submission=submission)
    requests = client.get(f"{PREFIX}/extensions").json()["requests"]
    assert requests, "the reference data has extension requests"
    return {
        "iso3": list(STATES),
        "report_id": [str(r["id"]) for r in client.get(f"{PREFIX}/reports").json()["reports"]],
        "request_id": [str(r["id"]) for r in requests[:3]],
    }


def _urls(path: str, operation: dict[str, Any], values: dict[str, list[str]]) -> list[str]:
    """``path`` with each path parameter filled from ``values`` (one URL per value)."""
    (name,) = _takes(operation, "path") or (None,)
    if name is None:
        return [path]
    assert name in values, f"no test values for the path parameter {name!r} of {path}"
    return [path.replace(f"{{{name}}}", value) for value in values[name]]


def _dates(path: str) -> list[date]:
    return DATES if ALL or path in EVERY_DATE else SAMPLE_DATES


def _validated(day: date | None) -> bool:
    """Whether to validate the body on this date too (jsonschema takes a while on the
    largest bodies, so not on every date of the sweep)."""
    return ALL or day is None or day in SAMPLE_DATES


@pytest.mark.parametrize(("path", "operation"), _operations(), ids=[p for p, _ in _operations()])
def test_it_answers_json_as_documented_and_no_5xx_on_every_date(
    db: None,
    client: Client,
    path_values: dict[str, list[str]],
    path: str,
    operation: dict[str, Any],
) -> None:
    dated = "as_of" in _takes(operation, "query")
    documented = _Documented(_document(), operation)
    failures = []
    for url in _urls(path, operation, path_values):
        for day in _dates(path) if dated else [None]:
            full = url if day is None else f"{url}?as_of={day.isoformat()}"
            response = client.get(full)
            if response.status_code >= 500 or not response["Content-Type"].startswith(
                "application/json"
            ):
                failures.append(f"{full}: {response.status_code} {response['Content-Type']}")
                continue
            body = response.json()  # a JSON body, whatever the status
            if _validated(day):
                failures += [f"{full}: {e}" for e in documented.errors(response.status_code, body)]
    assert not failures, "\n".join(failures[:20])


def test_it_gives_deadlines_the_record_cannot_settle_as_unknown(db: None, client: Client) -> None:
    response = client.get(f"{PREFIX}/deadlines?as_of=2019-01-01")
    assert response.status_code == 200, response.content[:200]
    statuses = {d["status"] for d in response.json()["deadlines"]}
    assert "unknown" in statuses
    documented = _document()["components"]["schemas"]["DeadlineStatus"]["enum"]
    assert statuses <= set(documented)


def test_it_documents_every_status_value_in_the_api_docs() -> None:
    schemas = _document()["components"]["schemas"]
    statuses = {
        name: schema["enum"]
        for name, schema in schemas.items()
        if "enum" in schema and (name.endswith("Status") or name == "Timeliness")
    }
    assert "DeadlineStatus" in statuses
    docs = DOCS.read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in docs.splitlines() if line.startswith("| `")
    }
    for name, values in statuses.items():
        row = next((line for key, line in rows.items() if key.startswith(f"`{name}`")), None)
        assert row is not None, f"docs/api.md has no row for {name}"
        missing = [v for v in values if f"`{v}`" not in row]
        assert not missing, f"docs/api.md does not list {name} values {missing}"


# -- one component name, one schema ----------------------------------------------------------


def _routers(router: Router) -> Iterator[Router]:
    yield router
    for _prefix, child, *_tags in router._routers:
        yield from _routers(child)


def _types(annotation: Any, seen: set[type]) -> Iterator[type]:
    """Every model and enum a response annotation documents, nested ones included."""
    for argument in typing.get_args(annotation):
        yield from _types(argument, seen)
    if not isinstance(annotation, type) or annotation in seen:
        return
    if issubclass(annotation, BaseModel):
        seen.add(annotation)
        yield annotation
        for field in annotation.model_fields.values():
            yield from _types(field.annotation, seen)
    elif issubclass(annotation, enum.Enum):
        seen.add(annotation)
        yield annotation


def _response_types() -> set[type]:
    seen: set[type] = set()
    for _prefix, router, *_tags in endpoints.api._routers:
        for child in _routers(router):
            for path_view in child.path_operations.values():
                for operation in path_view.operations:
                    for model in (operation.response_models or {}).values():
                        for _ in _types(model, seen):
                            pass
    return seen


def test_it_gives_every_schema_a_component_name_of_its_own() -> None:
    """ninja files every model and enum under its class name in ``components.schemas``;
    two classes of one name would document one endpoint with the other's shape."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for kind in _response_types():
        if kind.__module__.startswith("treaty_tracker"):
            by_name[kind.__name__].add(f"{kind.__module__}.{kind.__qualname__}")
    assert len(by_name) > 50  # the walk found the API's schemas
    clashes = {name: sorted(kinds) for name, kinds in by_name.items() if len(kinds) > 1}
    assert not clashes, f"rename so each component name has one class: {clashes}"


# -- a bug answers the error shape -----------------------------------------------------------


def test_it_answers_a_bug_with_a_json_500_in_the_error_shape_and_logs_it(
    db: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug in the engine")

    monkeypatch.setattr(endpoints, "register", broken)
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(f"{PREFIX}/summary?as_of=2020-09-28")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "fields"}
    assert body["error"]["code"] == "internal_error"
    assert body["error"]["fields"] == {}
    assert "a bug in the engine" not in body["error"]["message"]  # no internals to the public
    (record,) = [r for r in caplog.records if r.exc_info]
    assert record.exc_info is not None and isinstance(record.exc_info[1], RuntimeError)
    assert "/api/v1/summary" in record.getMessage()
    # Not hidden: Django's got_request_exception carries it, so the test client re-raises it.
    with pytest.raises(RuntimeError, match="a bug in the engine"):
        Client().get(f"{PREFIX}/summary?as_of=2020-09-28")
