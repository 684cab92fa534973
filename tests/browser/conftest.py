"""The browser tests' set-up: Debian's Chromium driven by Playwright, against
``live_server``.

``live_server`` needs a transactional database, which Django empties after each test; the
reference data is therefore loaded again before each test and after the module, so the
tests that follow still find the data the session loaded. Every module here is marked
``browser`` and skipped, saying so, where Chromium is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from treaty_tracker.reference.loader import load

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).parent == here:
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="module")
def browser(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Browser]:
    # Playwright's sync API runs an event loop in this thread; Django's async-safety check
    # would then refuse the test's own database calls (loading the reference data). Only
    # for these tests: a leaked variable would reach other tests' subprocesses.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as p:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    # Module teardown runs after the last test's flush: put the session's data back.
    with django_db_blocker.unblock():
        load()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    load()  # idempotent; the previous transactional test flushed the tables
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()
