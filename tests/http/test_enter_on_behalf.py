"""A report received by e-mail, entered by ISU staff (``/reports/enter/``): the data file
gives the content, the original file is kept as the evidence and offered for download to
those who may read the version; a bad file, a file for another State or a missing original
is refused (400) and nothing is written; anyone but ISU staff is refused."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import minimal_annual_report
from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.reporting import load_form_definition
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish
from treaty_tracker.transparency.spreadsheet import build_workbook
from treaty_tracker.web.reporting_views import received_at

ENTER = "/reports/enter/"
SAMPLES = Path(__file__).parent.parent / "samples" / "reports"
PDF = b"%PDF-1.4\n% the report as the State sent it\n%%EOF\n"


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _json(content: dict[str, Any]) -> SimpleUploadedFile:
    return SimpleUploadedFile("report.json", json.dumps(content).encode(), "application/json")


def _post(
    client: Client,
    *,
    data_file: SimpleUploadedFile | None = None,
    original: SimpleUploadedFile | None = None,
    **fields: str,
) -> Any:
    form: dict[str, Any] = {
        "state": "ISL",
        "kind": "annual",
        "year": "2024",
        "received": "2025-03-02",
    } | fields
    form["data_file"] = data_file or _json(minimal_annual_report("ISL", 2024))
    if original is not None:
        form["original"] = original
    return client.post(ENTER, form)


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("Iceland Art 7 report 2024.pdf", PDF, "application/pdf")


def _nothing_written(media: Path) -> bool:
    originals = media / "reports" / "originals"
    return not Submission.objects.exists() and not (originals.exists() and any(originals.iterdir()))


@pytest.fixture
def media(settings: Any) -> Path:
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def entered(isla: User) -> Submission:
    response = _post(_as(isla), original=_pdf())
    assert response.status_code == 302, response.content.decode()
    return Submission.objects.get()


def test_it_enters_a_good_json_report_with_its_original(isla: User) -> None:
    client = _as(isla)
    response = _post(client, original=_pdf())
    assert response.status_code == 302, response.content.decode()
    version = Submission.objects.get(state__iso3="ISL", kind="annual", year=2024)
    assert response["Location"] == f"/reports/submission/{version.pk}/"
    assert version.on_behalf
    assert version.submitted_by == isla
    assert version.number == 1
    assert version.status == Submission.Status.SUBMITTED
    assert version.content == minimal_annual_report("ISL", 2024)
    # Dated the day received, at noon UTC (docs/reporting.md).
    assert version.submitted_at == datetime(2025, 3, 2, 12, tzinfo=UTC)
    with version.original_file.open("rb") as handle:
        assert handle.read() == PDF
    page = client.get(response["Location"]).content.decode()
    assert "Entered as version 1" in page
    assert "entered by the ISU on the State" in page
    assert f"/reports/submission/{version.pk}/original" in page


def test_it_enters_a_filled_in_template(isla: User) -> None:
    content = minimal_annual_report("ISL", 2024)
    data = build_workbook(content, load_form_definition("ccm-2010"))
    workbook = SimpleUploadedFile("ISL-annual-2024.xlsx", data)
    response = _post(_as(isla), data_file=workbook, original=_pdf())
    assert response.status_code == 302, response.content.decode()
    assert Submission.objects.get().content["forms"]["A"] == content["forms"]["A"]


def test_it_dates_a_report_at_noon_utc_on_the_day_received() -> None:
    assert received_at(date(2020, 4, 30)) == datetime(2020, 4, 30, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("isla", 200),
        ("fiona", 200),  # Iceland's focal point
        ("carla", 200),  # the transparency coordinator
        ("felix", 404),  # Peru's focal point
        ("bob", 404),
        ("alice", 404),  # is_staff without the ISU role
        ("anonymous", 404),
    ],
)
def test_it_offers_the_original_to_those_who_may_read_the_version(
    request: pytest.FixtureRequest, entered: Submission, who: str, status: int
) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = _as(user).get(f"/reports/submission/{entered.pk}/original")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="ISL-annual-2024-v1-original.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF


def test_it_offers_the_original_to_the_public_once_published(
    isla: User, entered: Submission
) -> None:
    url = f"/reports/submission/{entered.pk}/original"
    assert Client().get(url).status_code == 404
    report_publish(user=isla, submission=entered)
    response = Client().get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_it_answers_404_for_a_version_without_an_original(isla: User) -> None:
    version = report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, 2024),
        content=minimal_annual_report("ISL", 2024),
        received=datetime(2025, 3, 2, tzinfo=UTC),
    )
    response = _as(isla).get(f"/reports/submission/{version.pk}/original")
    assert response.status_code == 404
    page = _as(isla).get(f"/reports/submission/{version.pk}/").content.decode()
    assert "/original" not in page


def test_it_refuses_a_data_file_that_cannot_be_read_and_writes_nothing(
    isla: User, media: Path
) -> None:
    broken = SimpleUploadedFile("report.json", b'{"state": "ISL",,}')
    response = _post(_as(isla), data_file=broken, original=_pdf())
    assert response.status_code == 400
    page = response.content.decode()
    assert "The data file was not imported" in page
    assert 'data-code="upload.not_json"' in page
    assert "line 1, column 17" in page
    assert _nothing_written(media)


def test_it_refuses_a_workbook_that_is_not_the_template(isla: User, media: Path) -> None:
    response = _post(
        _as(isla), data_file=SimpleUploadedFile("report.xlsx", b"not a zip"), original=_pdf()
    )
    assert response.status_code == 400
    assert 'data-code="upload.' in response.content.decode()
    assert _nothing_written(media)


def test_it_lists_every_error_of_a_broken_report_and_writes_nothing(
    isla: User, media: Path
) -> None:
    content = json.loads((SAMPLES / "broken-annual.json").read_text(encoding="utf-8"))
    content["state"] = "ISL"
    response = _post(_as(isla), data_file=_json(content), original=_pdf())
    assert response.status_code == 400
    page = response.content.decode()
    assert "The report has errors; nothing was entered" in page
    assert 'data-code="period.not_previous_year"' in page
    assert page.count("<td>Error</td>") > 1  # every error, not the first one
    assert _nothing_written(media)


def test_it_refuses_a_data_file_of_another_state(isla: User, media: Path) -> None:
    response = _post(_as(isla), original=_pdf(), state="PER")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-code="upload.wrong_report"' in page
    assert "annual report of ISL, but the form says the annual report of PER" in page
    assert _nothing_written(media)


def test_it_refuses_a_data_file_of_another_kind(isla: User, media: Path) -> None:
    response = _post(_as(isla), original=_pdf(), kind="voluntary")
    assert response.status_code == 400
    assert 'data-code="upload.wrong_report"' in response.content.decode()
    assert _nothing_written(media)


def test_it_requires_the_original_file_by_the_field(isla: User, media: Path) -> None:
    response = _post(_as(isla))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_original_error"' in page
    assert "Attach the original file as received" in page
    assert _nothing_written(media)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "initial"}, "year", "An initial report covers no calendar year"),
        ({"year": ""}, "year", "Give the calendar year the report covers"),
        ({"received": "2999-01-01"}, "received", "cannot be in the future"),
        ({"received": "2007-12-31"}, "received", "cannot be before 2008"),
        ({"received": "2 March 2025"}, "received", "Give the date as YYYY-MM-DD"),
        ({"state": "XXX"}, "state", "is not a State in the record"),
        ({"kind": "biennial"}, "kind", "is not a kind of report"),
    ],
)
def test_it_shows_bad_fields_by_the_field(
    isla: User, media: Path, fields: dict[str, str], field: str, message: str
) -> None:
    response = _post(_as(isla), original=_pdf(), **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert message in page
    assert _nothing_written(media)


def test_it_refuses_a_data_file_that_is_neither_xlsx_nor_json(isla: User, media: Path) -> None:
    response = _post(_as(isla), data_file=SimpleUploadedFile("report.pdf", PDF), original=_pdf())
    assert response.status_code == 400
    assert 'id="id_data_file_error"' in response.content.decode()
    assert _nothing_written(media)


@pytest.mark.parametrize("who", ["fiona", "felix", "carla", "bob", "alice"])
def test_it_refuses_everyone_but_isu_staff(
    request: pytest.FixtureRequest, media: Path, who: str
) -> None:
    client = _as(request.getfixturevalue(who))
    assert client.get(ENTER).status_code == 403
    assert _post(client, original=_pdf()).status_code == 403
    assert _nothing_written(media)


def test_it_sends_anonymous_visitors_to_sign_in(db: None, media: Path) -> None:
    for response in (Client().get(ENTER), _post(Client(), original=_pdf())):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/reports/enter/")
    assert _nothing_written(media)


def test_it_links_the_page_from_the_review_list_for_isu_staff_only(isla: User, fiona: User) -> None:
    assert "Enter a report received by e-mail" in _as(isla).get("/reports/mine/").content.decode()
    assert ENTER not in _as(fiona).get("/reports/mine/").content.decode()


def test_it_shows_the_form_to_isu_staff(isla: User) -> None:
    response = _as(isla).get(ENTER)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<option value="ISL">Iceland (ISL)</option>' in page
    assert 'enctype="multipart/form-data"' in page


def test_it_refuses_an_original_over_the_limit(
    isla: User, media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("treaty_tracker.web.reporting_forms.MAX_ORIGINAL_BYTES", len(PDF) - 1)
    response = _post(_as(isla), original=_pdf())
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_original_error"' in page
    assert "the limit is" in page
    assert _nothing_written(media)
