"""The staff's review pages: editions (bad periods refused by field), the narrative saved
with its history, the document in each format; everyone but ISU staff refused."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.review.models import Edition, Narrative

pytestmark = pytest.mark.django_db
PERIOD = {"period_start": "2015-09-11", "period_end": "2020-09-28"}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_create_an_edition_and_write_its_narrative(isla: User) -> None:
    client = _client(isla)
    response = client.post(
        "/review/editions/new/", {"title": "Review 2020", "symbol": "CCM/CONF/2020/13", **PERIOD}
    )
    assert response.status_code == 302
    edition = Edition.objects.get(symbol="CCM/CONF/2020/13")
    page = f"/review/editions/{edition.pk}/"
    assert client.post(page, {"stockpiles-C": "A challenge.\n\nAnother."}).status_code == 302
    assert client.post(page, {"stockpiles-C": "A challenge, revised."}).status_code == 302
    narrative = Narrative.objects.get(edition=edition, section="stockpiles", part="C")
    assert narrative.paragraphs() == ["A challenge, revised."]
    assert narrative.history.count() == 2
    history = client.get(page + "history/").content.decode()
    assert "A challenge, revised." in history and "Another." in history and "isla" in history


def test_a_period_that_ends_before_it_starts_is_refused(isla: User) -> None:
    response = _client(isla).post(
        "/review/editions/new/",
        {"title": "x", "symbol": "", "period_start": "2020-09-28", "period_end": "2015-09-11"},
    )
    assert response.status_code == 400
    assert "period_end" in response.context["form"].errors
    assert not Edition.objects.exists()


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("pdf", "application/pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("md", "text/markdown; charset=utf-8"),
        ("html", "text/html; charset=utf-8"),
    ],
)
def test_staff_download_the_document(isla: User, fmt: str, content_type: str) -> None:
    response = _client(isla).get(
        "/review/document/",
        {"start": "2015-09-11", "end": "2020-09-28", "format": fmt, "language": "en"},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "review-2015-09-11-2020-09-28" in response["Content-Disposition"]


def test_bad_generator_input_is_shown_by_field(isla: User) -> None:
    edition = Edition.objects.create(period_start="2016-01-01", period_end="2016-12-31")
    response = _client(isla).get(
        "/review/document/",
        {
            "start": "2015-09-11",
            "end": "2020-09-28",
            "format": "pdf",
            "language": "xx",
            "edition": edition.pk,
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"language", "edition"}


@pytest.mark.parametrize("persona", ["bob", "fiona", "carla"])
def test_others_are_refused(request: pytest.FixtureRequest, persona: str) -> None:
    client = _client(request.getfixturevalue(persona))
    assert client.post("/review/editions/new/", {"title": "x", **PERIOD}).status_code == 403
    assert (
        client.get(
            "/review/document/",
            {"start": "2015-09-11", "end": "2020-09-28", "format": "md", "language": "en"},
        ).status_code
        == 403
    )
    assert not Edition.objects.exists()
