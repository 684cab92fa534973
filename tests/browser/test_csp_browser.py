"""The Content-Security-Policy in a real browser: the API's documentation and a page with
charts load and work with nothing refused (docs/deploy.md "Content-Security-Policy")."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import ConsoleMessage, Page, expect


def _refusals(page: Page) -> list[str]:
    """Every CSP violation the page reports, as Chromium writes it to the console."""
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", listen)
    return found


def test_it_shows_the_api_docs_offline_with_nothing_refused(page: Page, live_server: Any) -> None:
    refused = _refusals(page)
    # Any request off the site would fail here, as it does without internet access.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            or route.request.url.startswith("data:")
            else route.abort()
        ),
    )
    page.goto(live_server.url + "/api/v1/docs")
    expect(page.locator("#swagger-ui .info .title")).to_contain_text("treaty-tracker API")
    expect(page.locator("#swagger-ui .opblock").first).to_be_visible()
    assert refused == []


def test_it_draws_a_pages_charts_with_nothing_refused(page: Page, live_server: Any) -> None:
    refused = _refusals(page)
    response = page.goto(live_server.url + "/universalization/?as_of=2020-09-28")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("svg.chart").first).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert refused == []
