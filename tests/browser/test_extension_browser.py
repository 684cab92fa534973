"""An extension request taken through its whole lifecycle in a real browser by ISU staff:
draft, submission, analysis, a refused then a valid decision, a benchmark; the State's
current deadline then changes on its profile, the deadlines page, the API and in
``treaty-tracker summary``. A focal point is refused the workflow.

Germany's Art. 4 deadline on the record is 1 August 2025 (para 39); the request here is
the interim request facts-beyond-the-review.md describes (to 1 August 2030, considered at
the 13MSP), with a decision the test makes up: the outcome was not retrieved, so the
reference data holds none.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from tests.factories import run_cli

PASSWORD = "correct horse battery"


def _sign_in(page: Page, base: str, user: User) -> None:
    user.set_password(PASSWORD)
    user.save()
    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.django_db(transaction=True)
def test_isu_staff_take_a_request_from_draft_to_a_new_deadline(
    page: Page,
    live_server: Any,
    isla: User,
    fiona: User,
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = live_server.url
    page.goto(f"{base}/states/DEU/")
    expect(page.locator("#obligation-4 ~ dl")).to_contain_text("1 August 2025")

    _sign_in(page, base, isla)
    page.wait_for_url("**/reports/mine/")
    page.goto(f"{base}/extensions/")
    page.get_by_role("link", name="Record a new request").click()
    page.get_by_label("Obligation").select_option(
        label="Germany — Article 4: clearance and risk reduction education"
    )
    page.get_by_label("Months requested").fill("60")
    page.get_by_label("Meeting that will consider it").select_option(label="13MSP")
    page.get_by_label("Summary of the request").fill("Interim request to 1 August 2030.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator("#stage")).to_have_text("Draft")

    page.get_by_label("Submitted on").fill("2024-10-01")
    page.get_by_role("button", name="Record as submitted").click()
    expect(page.locator("#stage")).to_have_text("Submitted")
    expect(page.locator("#checks-passed")).to_be_visible()

    page.get_by_role("link", name="Record the analysis").click()
    page.locator("[data-code=art4_6_a]").get_by_role("combobox").select_option("met")
    page.locator("[data-code=art4_6_f]").get_by_role("combobox").select_option("partly")
    page.get_by_label("Comment on Art. 4(6)(f)").fill("Remaining area given for the range only")
    page.get_by_role("button", name="Save the analysis").click()
    expect(page.locator("#stage")).to_have_text("Under analysis")
    expect(page.locator("tr[data-code=art4_6_f]")).to_contain_text("Partly met")

    # A period beyond Art. 4(5) is refused, next to the field; nothing changes.
    page.get_by_role("radio", name="Granted").check()
    page.get_by_label("Months granted").fill("61")
    page.get_by_label("Decided on").fill("2025-09-15")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".error-summary")).to_contain_text("at most 60 months")
    expect(page.locator("#stage")).to_have_text("Under analysis")

    page.get_by_label("Months granted").fill("60")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator("#stage")).to_have_text("Decided")
    expect(page.locator("#current-deadline")).to_have_text("1 August 2030")

    page.get_by_role("radio", name="Benchmark set by the decision").check()
    page.get_by_label("Due (required)").fill("2027-12-31")
    page.get_by_label("Milestone (required)").fill(
        "Technical survey of the remaining range completed"
    )
    page.get_by_role("button", name="Add the milestone").click()
    expect(page.locator("#milestones")).to_contain_text("Technical survey of the remaining range")

    # Every page and the command line now compute the new deadline.
    page.goto(f"{base}/states/DEU/")
    expect(page.locator("#obligation-4 ~ dl")).to_contain_text("1 August 2030")
    page.goto(f"{base}/deadlines/?within=3650&kind=article4")
    expect(page.locator("tr", has_text="Germany").first).to_contain_text("1 August 2030")
    api = page.goto(f"{base}/api/v1/states/DEU")
    assert api is not None and "2030-08-01" in api.text()
    code, out, _err = run_cli(capsys, "summary", "--format", "json")
    assert code == 0
    germany = [o for o in json.loads(out)["article4"] if o["state"] == "DEU"]
    assert germany[0]["current_deadline"] == "2030-08-01"

    page.goto(f"{base}/extensions/")
    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, base, fiona)
    page.wait_for_url("**/reports/mine/")
    response = page.goto(f"{base}/extensions/new/")
    assert response is not None and response.status == 403
