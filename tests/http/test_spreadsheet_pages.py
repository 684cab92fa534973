"""The spreadsheet round trip and JSON import over HTTP: who may download and upload, a
good file saved into the draft, a broken one refused with its cells and the draft kept."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.reporting import load_form_definition
from treaty_tracker.transparency.models import Draft
from treaty_tracker.transparency.services import Slot, report_draft_save
from treaty_tracker.transparency.spreadsheet import build_workbook, parse_workbook

BASE = "/reports/ISL/annual/2025/"
SAMPLES = Path(__file__).parent.parent / "samples" / "reports"
DEFINITION = load_form_definition("ccm-2010")
SLOT = Slot("ISL", ReportKind.ANNUAL, 2025)


def _sample() -> dict[str, Any]:
    """good-annual.json as ISL's first report for 2025 (as in test_reporting_workflow)."""
    content = json.loads((SAMPLES / "good-annual.json").read_text(encoding="utf-8"))
    content["state"] = "ISL"
    content["period"] = {"from": "2025-01-01", "to": "2025-12-31"}
    content.pop("submitted", None)
    for form in content["forms"].values():
        if form.get("status") == "unchanged":
            form["status"] = "changed"
            form.pop("unchanged_since", None)
    return content


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _upload(client: Client, name: str, data: bytes) -> Any:
    return client.post(BASE + "upload/", {"file": SimpleUploadedFile(name, data)})


@pytest.fixture
def seeded(fiona: User) -> Draft:
    draft, _findings = report_draft_save(user=fiona, slot=SLOT, content=_sample())
    return draft


def test_it_downloads_the_draft_as_a_prefilled_workbook(fiona: User, seeded: Draft) -> None:
    response = _as(fiona).get(BASE + "draft.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="ISL-annual-2025-draft.xlsx"' in response["Content-Disposition"]
    assert parse_workbook(response.content, DEFINITION).content == _sample()


def test_it_starts_the_draft_to_download_a_template(fiona: User) -> None:
    response = _as(fiona).get(BASE + "draft.xlsx")
    assert response.status_code == 200
    assert Draft.objects.filter(state__iso3="ISL", year=2025).exists()


def test_it_downloads_the_draft_as_json(fiona: User, seeded: Draft) -> None:
    response = _as(fiona).get(BASE + "draft.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == _sample()


@pytest.mark.parametrize("url", ["draft.xlsx", "draft.json", "upload/"])
def test_it_refuses_another_states_focal_point(felix: User, url: str) -> None:
    assert _as(felix).get(BASE + url).status_code == 403
    assert not Draft.objects.filter(state__iso3="ISL").exists()


@pytest.mark.parametrize("url", ["draft.xlsx", "upload/"])
def test_it_sends_anonymous_visitors_to_sign_in(db: None, url: str) -> None:
    response = Client().get(BASE + url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_an_upload_by_another_states_focal_point(felix: User, seeded: Draft) -> None:
    data = build_workbook({"forms": {}}, DEFINITION)
    assert _upload(_as(felix), "x.xlsx", data).status_code == 403
    assert Draft.objects.get(pk=seeded.pk).content == _sample()


def test_it_saves_a_good_upload_into_the_draft(fiona: User) -> None:
    response = _upload(_as(fiona), "report.xlsx", build_workbook(_sample(), DEFINITION))
    assert response.status_code == 200
    assert Draft.objects.get(state__iso3="ISL", year=2025).content == _sample()
    assert b"saved into the draft" in response.content


def test_it_saves_an_edited_upload_and_lists_its_findings_by_cell(
    fiona: User, seeded: Draft
) -> None:
    data = build_workbook(_sample(), DEFINITION)
    cells = parse_workbook(data, DEFINITION).cells
    sheet, cell = cells["contact.email"]
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook[sheet][cell] = None
    output = io.BytesIO()
    workbook.save(output)
    response = _upload(_as(fiona), "report.xlsx", output.getvalue())
    assert response.status_code == 200
    assert "email" not in Draft.objects.get(pk=seeded.pk).content["contact"]
    assert f"{sheet}!{cell}".encode() in response.content


def test_it_refuses_a_broken_upload_listing_its_cells_and_keeps_the_draft(
    fiona: User, seeded: Draft
) -> None:
    data = build_workbook(_sample(), DEFINITION)
    cells = parse_workbook(data, DEFINITION).cells
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    quantity = cells["B.stockpile[0].munitions"]
    formula = cells["B.destroyed[0].site"]
    workbook[quantity[0]][quantity[1]] = "seven hundred"
    workbook[formula[0]][formula[1]] = "=SUM(C1:C2)"
    output = io.BytesIO()
    workbook.save(output)
    response = _upload(_as(fiona), "report.xlsx", output.getvalue())
    assert response.status_code == 400
    body = response.content.decode()
    assert f"{quantity[0]}!{quantity[1]}" in body and f"{formula[0]}!{formula[1]}" in body
    assert "your draft is unchanged" in body
    assert Draft.objects.get(pk=seeded.pk).content == _sample()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.xlsx", b"not a workbook at all"),
        ("report.json", b'{"forms": '),
        ("report.json", b"[]"),
    ],
)
def test_it_refuses_a_malformed_file_and_keeps_the_draft(
    fiona: User, seeded: Draft, name: str, data: bytes
) -> None:
    response = _upload(_as(fiona), name, data)
    assert response.status_code == 400
    assert Draft.objects.get(pk=seeded.pk).content == _sample()


def test_it_refuses_a_file_for_another_report(fiona: User, seeded: Draft) -> None:
    other = _sample() | {"state": "PER"}
    response = _upload(_as(fiona), "report.json", json.dumps(other).encode())
    assert response.status_code == 400
    assert Draft.objects.get(pk=seeded.pk).content == _sample()


def test_it_imports_a_json_report(fiona: User, seeded: Draft) -> None:
    changed = _sample()
    changed["forms"]["J"]["text"] = "Imported from JSON."
    response = _upload(_as(fiona), "report.json", json.dumps(changed).encode())
    assert response.status_code == 200
    assert Draft.objects.get(pk=seeded.pk).content == changed


def test_it_refuses_an_upload_without_a_file(fiona: User) -> None:
    assert _as(fiona).post(BASE + "upload/").status_code == 400


def test_it_links_the_draft_page_to_the_spreadsheet(fiona: User, seeded: Draft) -> None:
    body = _as(fiona).get(BASE + "draft/").content.decode()
    for url in ("draft.xlsx", "draft.json", "upload/"):
        assert BASE + url in body
