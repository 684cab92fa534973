"""Hostile input over HTTP: periods that would hold a worker or overflow the calendar are
refused by field (400) before anything is generated."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from treaty_tracker.review.models import Edition

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
