"""The Article 7 short form in a real browser: a focal point signs in, starts the annual
report, leaves every form unchanged and submits; the ISU publishes it; the State's public
profile shows it. Another State's focal point is refused the draft.

The set-up (Chromium, ``live_server`` with a transactional database, the reference data
loaded again around each test) is in tests/browser/conftest.py.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.factories import minimal_annual_report
from treaty_tracker.rules import ReportKind
from treaty_tracker.rules.compliance import default_years
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import Slot, report_enter_on_behalf, report_publish

PASSWORD = "correct horse battery"
YEAR = 2025
DUE = date(2026, 4, 30)


def _sign_in(page: Page, base: str, user: User) -> None:
    user.set_password(PASSWORD)
    user.save()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


@pytest.mark.django_db(transaction=True)
def test_it_submits_the_short_form_and_the_isu_publishes_it(
    page: Page, live_server: Any, fiona: User, felix: User, isla: User
) -> None:
    base = live_server.url
    # Last year's report, received by e-mail and published: what the short form carries.
    previous = report_enter_on_behalf(
        user=isla,
        slot=Slot("ISL", ReportKind.ANNUAL, YEAR - 1),
        content=minimal_annual_report("ISL", YEAR - 1),
        received=datetime(YEAR, 3, 2, tzinfo=UTC),
    )
    report_publish(user=isla, submission=previous)

    _sign_in(page, base, fiona)
    page.wait_for_url("**/reports/mine/")
    if date.today().year - 1 == YEAR:
        # My reports offers the last completed calendar year.
        page.get_by_role("button", name=f"Start the {YEAR} annual report").click()
    else:  # another year: open the 2025 draft page and start it there
        page.goto(f"{base}/reports/ISL/annual/{YEAR}/draft/")
        page.get_by_role("button", name="Start the draft").click()
    page.wait_for_url(f"**/reports/ISL/annual/{YEAR}/draft/")
    for code in "ABCDEFGHIJ":
        page.locator(f"#form-{code}").get_by_label(f"Unchanged since {YEAR - 1}").check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/reports/submission/*/")
    expect(page.get_by_role("status")).to_contain_text("Submitted as version 1")
    _sign_out(page)

    _sign_in(page, base, isla)
    page.wait_for_url("**/reports/mine/")
    page.get_by_role("link", name="Iceland").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("Published")
    assert Submission.objects.get(state__iso3="ISL", year=YEAR).status == "published"
    _sign_out(page)

    submitted = Submission.objects.get(state__iso3="ISL", year=YEAR).submitted_at.date()
    page.goto(f"{base}/states/ISL/")
    row = page.locator("tr", has=page.get_by_role("rowheader", name=str(YEAR), exact=True))
    expect(row).to_contain_text("Submitted")
    timeliness = "On time" if submitted <= DUE else "Late"
    expect(row).to_contain_text(timeliness)
    # The compliance matrix marks the same cell, and the API lists the published report.
    # (the live server's "today" decides the matrix's years: check it while 2025 is shown)
    shown = default_years(date.today())
    if YEAR in shown:
        page.goto(f"{base}/reporting/")
        row = page.locator("tr", has=page.get_by_role("rowheader", name="Iceland", exact=True))
        expect(row.locator("td").nth(shown.index(YEAR))).to_contain_text(timeliness)
    api = page.goto(f"{base}/api/v1/reports?state=ISL")
    assert api is not None and api.status == 200
    assert YEAR in [r["year"] for r in json.loads(api.text())["reports"]]

    _sign_in(page, base, felix)
    page.wait_for_url("**/reports/mine/")
    response = page.goto(f"{base}/reports/ISL/annual/{YEAR}/draft/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")


def test_it_saves_the_draft_by_itself_a_moment_after_a_change(
    page: Page, live_server: Any, fiona: User
) -> None:
    from treaty_tracker.transparency.models import Draft

    _sign_in(page, live_server.url, fiona)
    page.wait_for_url("**/reports/mine/")
    page.goto(f"{live_server.url}/reports/ISL/annual/{YEAR}/draft/")
    page.get_by_role("button", name="Start the draft").click()
    page.wait_for_url(f"**/reports/ISL/annual/{YEAR}/draft/")
    page.get_by_label("Organization").fill("Ministry for Foreign Affairs of Iceland")
    expect(page.locator("[data-autosave-status]")).to_contain_text("Saved automatically")
    draft = Draft.objects.get(state__iso3="ISL", year=YEAR)
    assert draft.content["contact"]["organization"] == "Ministry for Foreign Affairs of Iceland"
