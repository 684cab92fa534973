"""The Article 7 workflow pages over HTTP: who may open what (personas × URLs), the short
form from start to publication, and bad input."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.factories import minimal_annual_report, short_form_data
from treaty_tracker.rules import ReportKind
from treaty_tracker.transparency.models import Draft, Report, Submission
from treaty_tracker.transparency.services import (
    Slot,
    report_draft_start,
    report_enter_on_behalf,
    report_publish,
)

DRAFT = "/reports/ISL/annual/2025/draft/"
MINE = "/reports/mine/"
CODES = "ABCDEFGHIJ"


def _content(year: int) -> dict[str, Any]:
    return minimal_annual_report("ISL", year)


@pytest.fixture
def published_2024(isla: User) -> Submission:
    """ISL's 2024 report, received by e-mail and published: what the short form carries."""
    submission = report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, 2024),
        content=_content(2024),
        received=datetime(2025, 3, 2, tzinfo=UTC),
    )
    return report_publish(user=isla, submission=submission)


@pytest.fixture
def submitted_2025(isla: User, published_2024: Submission) -> Submission:
    return report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, 2025),
        content=_content(2025),
        received=datetime(2026, 3, 2, tzinfo=UTC),
    )


def _as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("anonymous", MINE, 302),
        ("bob", MINE, 403),
        ("fiona", MINE, 200),
        ("felix", MINE, 200),
        ("isla", MINE, 200),
        ("carla", MINE, 200),
        ("alice", MINE, 403),
        ("anonymous", DRAFT, 302),
        ("bob", DRAFT, 403),
        ("fiona", DRAFT, 200),
        ("felix", DRAFT, 403),
        ("isla", DRAFT, 403),
        ("carla", DRAFT, 403),
        ("anonymous", "SUBMISSION", 404),
        ("bob", "SUBMISSION", 404),
        ("alice", "SUBMISSION", 404),
        ("felix", "SUBMISSION", 404),
        ("fiona", "SUBMISSION", 200),
        ("isla", "SUBMISSION", 200),
        ("carla", "SUBMISSION", 200),
        ("anonymous", "/accounts/login/", 200),
    ],
)
def test_it_lets_each_persona_open_only_its_pages(
    request: pytest.FixtureRequest, submitted_2025: Submission, who: str, url: str, status: int
) -> None:
    user = None if who == "anonymous" else request.getfixturevalue(who)
    if url == "SUBMISSION":
        url = f"/reports/submission/{submitted_2025.pk}/"
    response = _as(user).get(url)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/?next=")


def test_it_shows_a_published_version_to_everyone(
    client: Client, published_2024: Submission
) -> None:
    response = client.get(f"/reports/submission/{published_2024.pk}/")
    assert response.status_code == 200
    assert b'value="publish"' not in response.content


def test_it_refuses_review_actions_to_the_focal_point_and_felix_the_start(
    fiona: User, felix: User, submitted_2025: Submission
) -> None:
    url = f"/reports/submission/{submitted_2025.pk}/"
    assert _as(fiona).post(url, {"action": "publish"}).status_code == 403
    assert _as(felix).post(DRAFT, {"action": "start"}).status_code == 403
    submitted_2025.refresh_from_db()
    assert submitted_2025.status == Submission.Status.SUBMITTED
    assert not Draft.objects.exists()


def test_it_signs_a_focal_point_in_and_out(fiona: User) -> None:
    fiona.set_password("correct horse battery")
    fiona.save()
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "fiona", "password": "correct horse battery"}
    )
    assert (response.status_code, response["Location"]) == (302, MINE)
    assert "My reports" in client.get(MINE).content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(MINE).status_code == 302


def test_it_lists_the_reports_due_and_starts_the_annual_report(
    fiona: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    page = client.get(MINE).content.decode()
    assert "Iceland" in page
    year = datetime.now(UTC).year - 1
    assert f"Start the {year} annual report" in page
    response = client.post(f"/reports/ISL/annual/{year}/draft/", {"action": "start"})
    assert response.status_code == 302
    assert Draft.objects.filter(state__iso3="ISL", year=year).exists()
    assert "Draft saved" in client.get(MINE).content.decode()


def test_it_answers_a_second_submit_of_a_draft_with_the_version_it_became(
    fiona: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    client.post(DRAFT, {"action": "start"})
    draft = Draft.objects.get(state__iso3="ISL", year=2025)
    data = {**short_form_data(draft.content, **{f"{c}-status": "unchanged" for c in CODES})}
    first = client.post(DRAFT, {**data, "action": "submit"})
    # The same form again (a double click, a second tab): no second version, no error.
    again = client.post(DRAFT, {**data, "action": "submit"}, follow=True)
    (version,) = Submission.objects.filter(state__iso3="ISL", year=2025)
    assert first["Location"] == again.redirect_chain[0][0] == f"/reports/submission/{version.pk}/"
    assert "already submitted, as version 1" in again.content.decode()
    saved = client.post(DRAFT, {**data, "action": "save"})
    assert saved.status_code == 302 and not Draft.objects.filter(year=2025).exists()


def test_it_walks_the_short_form_from_start_to_publication(
    fiona: User, isla: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    assert client.post(DRAFT, {"action": "start"}).status_code == 302
    page = client.get(DRAFT).content.decode()
    assert "Unchanged since 2024" in page
    assert "Measures: 1 rows" in page
    draft = Draft.objects.get(state__iso3="ISL", year=2025)
    data = short_form_data(draft.content, **{f"{code}-status": "unchanged" for code in CODES})
    response = client.post(DRAFT, {**data, "action": "submit"})
    assert response.status_code == 302, response.content.decode()
    submission = Submission.objects.get(state__iso3="ISL", year=2025)
    assert response["Location"] == f"/reports/submission/{submission.pk}/"
    assert not Draft.objects.filter(year=2025).exists()
    # Carried data survives; every form is unchanged since the 2024 report.
    assert submission.content["forms"]["A"]["data"] == _content(2024)["forms"]["A"]["data"]
    assert {f["unchanged_since"] for f in submission.content["forms"].values()} == {2024}

    reviewer = _as(isla)
    assert "Iceland" in reviewer.get(MINE).content.decode()
    page = reviewer.get(response["Location"]).content.decode()
    assert "Form B" in page  # the diff names the form
    assert reviewer.post(response["Location"], {"action": "publish"}).status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    assert Report.objects.filter(state__iso3="ISL", kind="annual", year=2025).exists()


def test_it_round_trips_status_text_and_contact_exactly(
    fiona: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    client.post(DRAFT, {"action": "start"})
    before = Draft.objects.get(year=2025).content
    response = client.post(DRAFT, {**short_form_data(before), "action": "save"})
    assert response.status_code == 200
    assert Draft.objects.get(year=2025).content == before  # nothing edited, nothing changed

    data = short_form_data(
        before,
        **{"contact-person": "Jón Jónsson", "J-text": "Nothing else.", "J-status": "changed"},
    )
    client.post(DRAFT, {**data, "action": "save"})
    after = Draft.objects.get(year=2025).content
    assert after["contact"] == before["contact"] | {"person": "Jón Jónsson"}
    assert after["forms"]["J"] == {"status": "changed", "text": "Nothing else."}
    assert after["forms"]["A"] == before["forms"]["A"]


def test_it_shows_findings_naming_form_and_field_when_saving(
    fiona: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    client.post(DRAFT, {"action": "start"})
    data = short_form_data(
        Draft.objects.get(year=2025).content, **{"contact-email": "", "J-status": "changed"}
    )
    response = client.post(DRAFT, {**data, "action": "save"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "findings__list--error" in page
    assert "contact.email" in page and "J.text" in page


def test_it_keeps_the_draft_and_lists_every_finding_when_submission_is_blocked(
    fiona: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    client.post(DRAFT, {"action": "start"})
    data = short_form_data(Draft.objects.get(year=2025).content, **{"contact-organization": ""})
    response = client.post(DRAFT, {**data, "action": "submit"})
    assert response.status_code == 400
    assert "contact.organization" in response.content.decode()
    assert "not submitted" in response.content.decode()
    assert not Submission.objects.filter(year=2025).exists()
    assert "organization" not in Draft.objects.get(year=2025).content["contact"]


def test_it_refuses_a_status_the_form_does_not_offer(
    fiona: User, published_2024: Submission
) -> None:
    client = _as(fiona)
    client.post(DRAFT, {"action": "start"})
    before = Draft.objects.get(year=2025).content
    data = short_form_data(before, **{"A-status": "not_applicable"})
    response = client.post(DRAFT, {**data, "action": "save"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_A-status_error"' in page
    assert "cannot take the status" in page
    assert Draft.objects.get(year=2025).content == before


def test_it_answers_404_for_an_unknown_kind_or_an_initial_with_a_year(fiona: User) -> None:
    client = _as(fiona)
    assert client.get("/reports/ISL/biennial/2025/draft/").status_code == 404
    assert client.get("/reports/ISL/initial/2025/draft/").status_code == 404
    assert client.get("/reports/ISL/annual/initial/draft/").status_code == 404


def test_it_returns_a_version_with_comments_and_requires_them(
    isla: User, fiona: User, submitted_2025: Submission
) -> None:
    url = f"/reports/submission/{submitted_2025.pk}/"
    client = _as(isla)
    response = client.post(url, {"action": "return", "comment": "  "})
    assert response.status_code == 400
    assert "Say what the State should correct" in response.content.decode()
    assert (
        client.post(url, {"action": "return", "comment": "Form B: add figures."}).status_code == 302
    )
    submitted_2025.refresh_from_db()
    assert submitted_2025.status == Submission.Status.RETURNED
    assert "Form B: add figures." in _as(fiona).get(MINE).content.decode()


def test_it_enforces_csrf_on_the_workflow_posts(fiona: User, published_2024: Submission) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(fiona)
    assert client.post(DRAFT, {"action": "start"}).status_code == 403
    assert not Draft.objects.exists()
    report_draft_start(user=fiona, slot=Slot("ISL", ReportKind.ANNUAL, 2025))


def test_it_does_not_ask_for_an_initial_report_the_record_already_holds(
    fiona: User, felix: User
) -> None:
    # Iceland's initial report is on the record (21 Aug 2019); Peru's "by 28 Sep 2020".
    for user in (fiona, felix):
        client = Client()
        client.force_login(user)
        assert "Start the initial report" not in client.get("/reports/mine/").content.decode()


def test_it_saves_an_unfinished_draft_with_no_status_chosen(fiona: User) -> None:
    client = _as(fiona)
    client.post("/reports/ISL/annual/2025/draft/", {"action": "start"})
    response = client.post(
        "/reports/ISL/annual/2025/draft/",
        {
            "action": "save",
            "contact-organization": "Ministry for Foreign Affairs",
            "J-text": "Notes typed before choosing a status.",
        },
    )
    assert response.status_code == 200
    content = Draft.objects.get(state__iso3="ISL", year=2025).content
    assert content["contact"]["organization"] == "Ministry for Foreign Affairs"
    assert content["forms"]["J"] == {"text": "Notes typed before choosing a status."}
