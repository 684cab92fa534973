"""The spreadsheet round trip and JSON import over HTTP: who may download and upload, a
good file saved into the draft, a broken one refused with its cells and the draft kept;
every file received logged as received (``DraftUpload``), accepted or refused."""

from __future__ import annotations

import hashlib
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
from treaty_tracker.transparency.models import Draft, DraftUpload
from treaty_tracker.transparency.services import Slot, report_draft_save, report_draft_start
from treaty_tracker.transparency.spreadsheet import (
    MAX_UPLOAD_BYTES,
    build_workbook,
    parse_workbook,
)

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
    report_draft_start(user=fiona, slot=SLOT)
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
    # A 403 logs nothing: the log holds what the State's own focal point sent.
    assert not DraftUpload.objects.exists()


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
    assert not DraftUpload.objects.exists()  # nothing was sent, nothing to log


def test_it_links_the_draft_page_to_the_spreadsheet(fiona: User, seeded: Draft) -> None:
    body = _as(fiona).get(BASE + "draft/").content.decode()
    for url in ("draft.xlsx", "draft.json", "upload/"):
        assert BASE + url in body


def _without_email() -> tuple[bytes, tuple[str, str]]:
    """The sample's template with the contact's e-mail emptied (an error, not a refusal)."""
    data = build_workbook(_sample(), DEFINITION)
    sheet, cell = parse_workbook(data, DEFINITION).cells["contact.email"]
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook[sheet][cell] = None
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue(), (sheet, cell)


def test_it_records_an_accepted_upload_with_its_file_checksum_and_findings(
    fiona: User, seeded: Draft
) -> None:
    data, (sheet, cell) = _without_email()
    assert _upload(_as(fiona), "Iceland 2025.xlsx", data).status_code == 200
    upload = DraftUpload.objects.get()
    assert (upload.outcome, upload.draft, upload.uploaded_by) == ("accepted", seeded, fiona)
    assert (upload.state.iso3, upload.kind, upload.year) == ("ISL", "annual", 2025)
    assert (upload.original_name, upload.size) == ("Iceland 2025.xlsx", len(data))
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.file.name.startswith("reports/uploads/") and upload.file.name.endswith(".xlsx")
    with upload.file.open("rb") as stored:
        assert stored.read() == data
    required = [p for p in upload.problems if p["code"] == "schema.required"]
    assert [p["where"] for p in required] == [f"{sheet}!{cell}"]


def test_it_records_a_refused_upload_with_its_problems_and_keeps_the_draft(
    fiona: User, seeded: Draft
) -> None:
    data = b"Name,Munitions\nM26,700\n"
    response = _upload(_as(fiona), "stockpile.csv", data)
    assert response.status_code == 400
    assert Draft.objects.get(pk=seeded.pk).content == _sample()
    upload = DraftUpload.objects.get()
    assert (upload.outcome, upload.draft, upload.original_name) == (
        "refused",
        seeded,
        "stockpile.csv",
    )
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.file.name.endswith(".bin")  # kept as received, under its checksum
    assert [(p["code"], p["severity"]) for p in upload.problems] == [("upload.not_xlsx", "refusal")]
    assert upload.problems[0]["message"] in response.content.decode()


def test_it_records_a_file_for_another_report_as_refused(fiona: User, seeded: Draft) -> None:
    other = json.dumps(_sample() | {"state": "PER"}).encode()
    assert _upload(_as(fiona), "report.json", other).status_code == 400
    upload = DraftUpload.objects.get()
    assert (upload.outcome, upload.state.iso3) == ("refused", "ISL")
    assert [p["code"] for p in upload.problems] == ["upload.wrong_report"]
    assert Draft.objects.get(pk=seeded.pk).content == _sample()


def test_it_records_an_oversized_upload_without_keeping_it(fiona: User) -> None:
    data = b"PK" + b"\0" * MAX_UPLOAD_BYTES
    assert _upload(_as(fiona), "huge.xlsx", data).status_code == 400
    upload = DraftUpload.objects.get()
    # Refused unread: no draft started, no file kept and no checksum, the size declared.
    assert (upload.outcome, upload.draft, upload.size) == ("refused", None, len(data))
    assert (upload.file.name, upload.sha256) == ("", "")
    assert [p["code"] for p in upload.problems] == ["upload.too_large"]
    assert not Draft.objects.filter(state__iso3="ISL").exists()


def test_it_keeps_the_upload_log_when_the_draft_is_submitted(fiona: User, seeded: Draft) -> None:
    _upload(_as(fiona), "report.json", json.dumps(_sample()).encode())
    seeded.delete()  # what report_submit does with the draft
    upload = DraftUpload.objects.get()
    assert (upload.draft, upload.state.iso3, upload.year) == (None, "ISL", 2025)


def test_it_shows_uploads_in_the_admin_read_only(
    fiona: User, seeded: Draft, alice_client: Client
) -> None:
    _upload(_as(fiona), "report.xlsx", b"not a workbook")
    upload = DraftUpload.objects.get()
    base = "/admin/transparency/draftupload/"
    for page in (base, f"{base}{upload.pk}/change/", f"{base}{upload.pk}/history/"):
        assert alice_client.get(page).status_code == 200, page
    assert b"report.xlsx" in alice_client.get(base).content
    assert alice_client.get(base + "add/").status_code == 403
    assert alice_client.get(f"{base}{upload.pk}/delete/").status_code == 403
    change = alice_client.post(f"{base}{upload.pk}/change/", {"original_name": "renamed"})
    assert change.status_code == 403
    upload.refresh_from_db()
    assert upload.original_name == "report.xlsx"
