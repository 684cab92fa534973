"""The public pages in a real browser: Debian's Chromium driven by Playwright.

Run with ``pytest tests/browser`` (marked ``browser``; skipped when Chromium is missing).
``TT_UPDATE_SCREENSHOT=1 pytest tests/browser -k screenshot`` also refreshes
docs/screenshot.png, the dashboard as of 28 September 2020, 1280 pixels wide.

``live_server`` needs a transactional database, which Django empties after each test; the
reference data is therefore loaded again before each test and after the module, so the
tests that follow still find the data the session loaded.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"
REVIEW = "2020-09-28"


def save_screenshot(page: Page, base_url: str, path: Path) -> None:
    """The dashboard as of the 2020 review: the first screen, 1280 by 1000 pixels."""
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(f"{base_url}/?as_of={REVIEW}")
    page.screenshot(path=str(path), full_page=False)


def test_it_walks_from_the_dashboard_to_a_state_and_the_deadlines(
    page: Page, live_server: Any
) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()

    page.get_by_label("As of").fill(REVIEW)
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(f"**/?as_of={REVIEW}")
    expect(page.locator(".count--states_parties dd")).to_have_text("110")
    expect(page.locator(".count--signatories dd")).to_have_text("13")
    expect(page.get_by_text("As of 28 September 2020", exact=True)).to_be_visible()

    page.get_by_role("link", name="Iceland", exact=True).first.click()
    page.wait_for_url(f"**/states/ISL/?as_of={REVIEW}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Iceland")
    expect(page.get_by_text("1 February 2016")).to_be_visible()
    expect(page.get_by_text("computed: Art. 17")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Deadlines").click()
    page.wait_for_url(f"**/deadlines/?as_of={REVIEW}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Upcoming deadlines")
    expect(page.locator("tr.row--overdue")).to_have_count(7)


def test_it_shows_a_form_error_for_a_bad_date(page: Page, live_server: Any) -> None:
    response = page.goto(live_server.url + "/deadlines/?within=-1")
    assert response is not None and response.status == 400
    expect(page.get_by_role("alert")).to_contain_text("Enter zero or more days")
    expect(page.get_by_label("Within (days)")).to_have_attribute("aria-invalid", "true")


def test_it_takes_the_dashboard_screenshot(page: Page, live_server: Any, tmp_path: Path) -> None:
    path = tmp_path / "screenshot.png"
    save_screenshot(page, live_server.url, path)
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") == 1280
    if os.environ.get("TT_UPDATE_SCREENSHOT"):
        shutil.copyfile(path, SCREENSHOT)
