"""Every page and API endpoint × every role, in one table.

A view added without a line here fails ``test_it_has_a_decision_for_every_url``: whoever
adds a URL decides who may open it. Writes are refused in the per-feature tests; this
matrix pins who may read what (including "another State's focal point is refused").
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import minimal_annual_report
from tests.http import permissions
from treaty_tracker.obligations.models import ExtensionRequest, Obligation
from treaty_tracker.rules import ReportKind
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

PERSONAS = ("anonymous", "bob", "fiona", "felix", "carla", "isla")
EVERYONE = dict.fromkeys(PERSONAS, 200)
LOGIN = 302  # to the sign-in page
# The focal point of Iceland (fiona) only; Peru's (felix) and the others are refused.
ICELAND_ONLY = {
    "anonymous": LOGIN,
    "bob": 403,
    "fiona": 200,
    "felix": 403,
    "carla": 403,
    "isla": 403,
}
ISU_ONLY = {"anonymous": LOGIN, "bob": 403, "fiona": 403, "felix": 403, "carla": 403, "isla": 200}
DRAFT = "/reports/ISL/annual/2025/"

# url name -> (path, expected status per persona)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "web:dashboard": ("/?as_of=2020-09-28", EVERYONE),
    "web:states": ("/states/", EVERYONE),
    "web:state": ("/states/ISL/", EVERYONE),
    "web:deadlines": ("/deadlines/", EVERYONE),
    "web:themes": ("/themes/", EVERYONE),
    "web:published_reports": ("/reports/", EVERYONE),
    "web:published_report": ("/reports/published/{published}/", EVERYONE),
    "web:reporting_matrix": ("/reporting/", EVERYONE),
    "web:reporting_chart": ("/reporting/chart.svg", EVERYONE),
    # Signed in already: sent on to their reports.
    "web:login": ("/accounts/login/", dict.fromkeys(PERSONAS, 302) | {"anonymous": 200}),
    "web:logout": ("/accounts/logout/", dict.fromkeys(PERSONAS, 405)),  # POST only
    "web:my_reports": (
        "/reports/mine/",
        {"anonymous": LOGIN, "bob": 403, "fiona": 200, "felix": 200, "carla": 200, "isla": 200},
    ),
    "web:draft": (DRAFT + "draft/", ICELAND_ONLY),
    "web:draft_xlsx": (DRAFT + "draft.xlsx", ICELAND_ONLY),
    "web:draft_json": (DRAFT + "draft.json", ICELAND_ONLY),
    "web:draft_upload": (DRAFT + "upload/", ICELAND_ONLY),
    "web:draft_form_figures": (DRAFT + "draft/form/B/", ICELAND_ONLY),
    # An unpublished version: its State's focal point, the ISU and the transparency
    # coordinator read it; to anyone else it does not exist.
    "web:submission": (
        "/reports/submission/{unpublished}/",
        {"anonymous": 404, "bob": 404, "fiona": 200, "felix": 404, "carla": 200, "isla": 200},
    ),
    # The matrix's versions have no original file: 404 to all, readers included; who may
    # download one that has a file is pinned in test_enter_on_behalf.py.
    "web:submission_original": (
        "/reports/submission/{unpublished}/original",
        dict.fromkeys(PERSONAS, 404),
    ),
    "web:enter_on_behalf": (
        "/reports/enter/",
        {"anonymous": LOGIN, "bob": 403, "fiona": 403, "felix": 403, "carla": 403, "isla": 200},
    ),
    # Staff enter and correct facts: ISU staff only.
    "web:record_index": ("/record/", ISU_ONLY),
    "web:record_list": ("/record/obligations/", ISU_ONLY),
    "web:record_new": ("/record/obligations/new/", ISU_ONLY),
    "web:record_edit": ("/record/obligations/{obligation}/", ISU_ONLY),
    "web:record_history": ("/record/obligations/{obligation}/history/", ISU_ONLY),
    "api-v1:openapi-json": ("/api/v1/openapi.json", EVERYONE),
    "api-v1:openapi-view": ("/api/v1/docs", EVERYONE),
    "api-v1:list_states": ("/api/v1/states", EVERYONE),
    "api-v1:get_state": ("/api/v1/states/ISL", EVERYONE),
    "api-v1:get_summary": ("/api/v1/summary", EVERYONE),
    "api-v1:list_deadlines": ("/api/v1/deadlines", EVERYONE),
    "api-v1:list_published_reports": ("/api/v1/reports", EVERYONE),
    "api-v1:get_published_report": ("/api/v1/reports/{published}", EVERYONE),
    "api-v1:get_reporting_figures": ("/api/v1/reporting", EVERYONE),
    "api-v1:api-root": ("/api/v1/", dict.fromkeys(PERSONAS, 404)),
    "api-v1:unpublished_report": ("/api/v1/reports/{unpublished}", dict.fromkeys(PERSONAS, 404)),
}
# Each part's pages keep their lines in tests/http/permissions/<part>.py: every module
# there is read, so a new theme adds its file and edits nothing shared.
for info in sorted(pkgutil.iter_modules(permissions.__path__), key=lambda m: m.name):
    part = importlib.import_module(f"{permissions.__name__}.{info.name}")
    assert not set(part.MATRIX) & set(MATRIX), f"{part.__name__} repeats a url name"
    MATRIX |= part.MATRIX


def _names(patterns: list[Any], namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # the Django admin has its own permission model, tested apart
            names |= _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_it_has_a_decision_for_every_url() -> None:
    assert _names(get_resolver().url_patterns) - set(MATRIX) == set()


@pytest.fixture
def versions(isla: User) -> dict[str, int]:
    def enter(year: int) -> Submission:
        return report_enter_on_behalf(
            user=isla,
            slot=Slot("ISL", ReportKind.ANNUAL, year),
            content=minimal_annual_report("ISL", year),
            received=datetime(year + 1, 3, 2, tzinfo=UTC),
        )

    published = report_publish(user=isla, submission=enter(2023))
    return {
        "published": published.pk,
        "unpublished": enter(2024).pk,
        "obligation": Obligation.objects.get(state__iso3="PER", article="3").pk,
        "extension": ExtensionRequest.objects.get(
            obligation__state__iso3="PER", meeting__code="2RC"
        ).pk,
    }


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_it_answers_each_role_as_the_matrix_says(
    request: pytest.FixtureRequest, versions: dict[str, int], name: str
) -> None:
    path, expected = MATRIX[name]
    path = path.format(**versions)
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        status = client.get(path).status_code
        assert status == expected[persona], f"{name} {path} as {persona}: {status}"
