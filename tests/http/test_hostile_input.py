"""Hostile input over HTTP: periods that would hold a worker or overflow the calendar are
refused by field (400) before anything is generated; text with control characters is
cleaned on every form and dropped on every XML output (never a 500, on SQLite or
PostgreSQL); a JSON upload with a value that cannot be stored is refused by its path, and
every file received is logged as received."""

from __future__ import annotations

import hashlib
import io
import json
from typing import Any

import docx
import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import minimal_annual_report
from treaty_tracker.meetings.models import Meeting
from treaty_tracker.review.models import Edition, Narrative
from treaty_tracker.rules import FuzzyDate, ReportKind
from treaty_tracker.transparency.models import Draft, DraftUpload
from treaty_tracker.transparency.services import Slot, report_draft_save, report_draft_start

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        ("2015-09-11", "9999-12-31", "end", "years from today"),
        ("0001-01-01", "2020-09-28", "start", "Convention on Cluster Munitions was adopted"),
        ("2008-06-01", "2028-06-01", "end", "at most 20 years"),
        ("2020-09-28", "2015-09-11", "end", "before it starts"),
    ],
)
def test_it_refuses_a_review_period_out_of_bounds_by_field(
    isla: User, start: str, end: str, field: str, words: str
) -> None:
    response = _client(isla).get(
        "/review/document/", {"start": start, "end": end, "format": "md", "language": "en"}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert words in errors[field][0]
    assert words in response.content.decode()


def test_it_refuses_an_edition_whose_period_is_out_of_bounds(isla: User) -> None:
    response = _client(isla).post(
        "/review/editions/new/",
        {"title": "x", "symbol": "", "period_start": "0001-01-01", "period_end": "9999-12-31"},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"period_start", "period_end"}
    assert not Edition.objects.exists()


# -- Text with control characters: cleaned on input, dropped on output ---------------------

BASE = "/reports/ISL/annual/2025/"
SLOT = Slot("ISL", ReportKind.ANNUAL, 2025)
WORD_BREAK = "First line\x0bsecond line"  # Word's Shift+Enter, pasted


def _report(text: str) -> dict[str, Any]:
    return minimal_annual_report("ISL", 2025, text=text)


def test_it_saves_a_draft_with_control_characters_cleaned(fiona: User) -> None:
    client = _client(fiona)
    assert client.post(BASE + "draft/", {"action": "start"}).status_code == 302
    response = client.post(
        BASE + "draft/",
        {"action": "save", "A-text": "One\x0btwo\x00 three", "contact-person": "J\x00ón"},
    )
    assert response.status_code == 200
    content = Draft.objects.get(state__iso3="ISL", year=2025).content
    assert content["forms"]["A"]["text"] == "One\ntwo three"
    assert content["contact"]["person"] == "Jón"


def test_it_downloads_the_draft_template_when_stored_text_holds_a_control_character(
    fiona: User,
) -> None:
    # Stored before input was cleaned (the service keeps what it is given); PostgreSQL
    # never held a NUL, but any other control character may be there.
    report_draft_start(user=fiona, slot=SLOT)
    report_draft_save(user=fiona, slot=SLOT, content=_report(WORD_BREAK + "\x01"))
    response = _client(fiona).get(BASE + "draft.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    texts = [c.value for row in workbook["A"].iter_rows() for c in row if c.value]
    assert "First linesecond line" in texts


def test_it_saves_the_review_narrative_cleaned(isla: User) -> None:
    edition = Edition.objects.create(period_start="2015-09-11", period_end="2020-09-28")
    response = _client(isla).post(
        f"/review/editions/{edition.pk}/", {"stockpiles-C": "A\x0bchallenge\x00."}
    )
    assert response.status_code == 302
    assert Narrative.objects.get(edition=edition).text == "A\nchallenge."


def test_it_renders_the_review_as_docx_when_stored_text_holds_control_characters(
    isla: User,
) -> None:
    # Stored before input was cleaned: a narrative with control characters, a meeting
    # (which the introduction lists) named with Word's line break.
    edition = Edition.objects.create(period_start="2015-09-11", period_end="2020-09-28")
    Narrative.objects.create(
        edition=edition, section="stockpiles", part="C", text="First\x01 line\x02."
    )
    Meeting.objects.create(
        code="9MSPbis",
        kind="msp",
        number=99,
        name="Special\x0bMeeting",
        opens=FuzzyDate.parse("2020-01"),
        closes=FuzzyDate.parse("2020-01"),
    )
    response = _client(isla).get(
        "/review/document/",
        {
            "start": "2015-09-11",
            "end": "2020-09-28",
            "format": "docx",
            "language": "en",
            "edition": edition.pk,
        },
    )
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "First line." in text and "SpecialMeeting" in text


def test_it_saves_a_fact_with_control_characters_cleaned(isla: User) -> None:
    meeting = {
        "code": "14MSP",
        "kind": "msp",
        "number": "14",
        "name": "Fourteenth\x0bMeeting\x00",
        "opens": "2026-09",
        "closes": "not known",
        "place": "Gen\x00eva",
        "president": "",
        "source": "",
        "paragraph": "",
        "quote": "",
        "note": "",
        "reason": "announced\x00",
    }
    assert _client(isla).post("/record/meetings/new/", meeting).status_code == 302
    saved = Meeting.objects.get(code="14MSP")
    assert (saved.name, saved.place) == ("Fourteenth\nMeeting", "Geneva")


# -- JSON uploads: hostile values refused by path, every file logged as received ----------


def _upload(client: Client, body: bytes) -> Any:
    return client.post(BASE + "upload/", {"file": SimpleUploadedFile("report.json", body)})


def _json_with_text(raw_text: str) -> bytes:
    """A valid report whose Form A text is ``raw_text`` as written in the JSON file."""
    body = json.dumps(_report("PLACEHOLDER"))
    return body.replace('"PLACEHOLDER"', raw_text).encode()


@pytest.mark.parametrize(
    ("raw", "path", "words"),
    [
        ('"x\\u0000y"', "forms.A.text", "NUL"),
        ('"x\\ud800y"', "forms.A.text", "lone surrogate"),
        ("NaN", "forms.A.text", "NaN"),
        ("Infinity", "forms.A.text", "Infinity"),
        ("-Infinity", "forms.A.text", "-Infinity"),
        ("1e999", "forms.A.text", "too large"),
        ("9" * 5001, "forms.A.text", "5,001 digits"),
        ('{"k\\u0000": 1}', "forms.A.text.k\\u0000", "NUL"),
    ],
)
def test_it_refuses_a_json_upload_with_a_value_it_cannot_store_and_logs_it(
    fiona: User, raw: str, path: str, words: str
) -> None:
    body = _json_with_text(raw)
    response = _upload(_client(fiona), body)
    assert response.status_code == 400
    assert words in response.content.decode()
    upload = DraftUpload.objects.get()
    assert upload.outcome == DraftUpload.Outcome.REFUSED
    assert [(p["cell"], p["code"][:7]) for p in upload.problems] == [(path, "upload.")]
    assert words in upload.problems[0]["message"]
    assert upload.file.read() == body  # kept as received
    assert upload.sha256 == hashlib.sha256(body).hexdigest()
    draft = Draft.objects.filter(state__iso3="ISL", year=2025).first()
    assert draft is None or "text" not in draft.content.get("forms", {}).get("A", {})


def test_it_cleans_a_json_upload_with_a_control_character_and_keeps_the_file(
    fiona: User,
) -> None:
    body = _json_with_text('"First line\\u000bsecond\\u0001 line"')
    response = _upload(_client(fiona), body)
    assert response.status_code == 200
    draft = Draft.objects.get(state__iso3="ISL", year=2025)
    assert draft.content["forms"]["A"]["text"] == "First line\nsecond line"
    upload = DraftUpload.objects.get()
    assert upload.outcome == DraftUpload.Outcome.ACCEPTED
    assert upload.file.read() == body
