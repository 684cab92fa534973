"""The shared theme page view (``themes.pages.ThemePage``) on a page of its own: a table
only some readers may download, what the template reads even on a 400, a page without
tables, and how a download is named. No database: the overview is a plain value."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from treaty_tracker.themes import downloads, pages
from treaty_tracker.themes.forms import AsOfField, AsOfForm, QueryForm

ALICE = SimpleNamespace(is_staff_reader=True)  # may read every table
CHARLIE = SimpleNamespace(is_staff_reader=False)  # may read the open table only


class DemoForm(QueryForm):
    as_of = AsOfField()
    table = downloads.table_field([("open", "Open"), ("secret", "Secret")])
    format = downloads.format_field()


class DemoPage(pages.ThemePage):
    template = "demo.html"
    form_class = DemoForm
    nav = "demo"
    tables = {
        "open": pages.Table(("n",), lambda view: [{"n": view}]),
        "secret": pages.Table(
            ("n",), lambda view: [{"n": -view}], readers=lambda u: u.is_staff_reader
        ),
    }
    extra_context = {"legend": "shown on every answer"}
    overviews = 0

    def overview(self, data: dict[str, Any]) -> int:
        DemoPage.overviews += 1
        return 7

    def page(self, view: int, data: dict[str, Any]) -> dict[str, Any]:
        return {"links": pages.links_by_table(self.request, self.readable_tables())}


class PlainPage(pages.ThemePage):
    template = "plain.html"
    form_class = AsOfForm
    nav = "plain"

    def overview(self, data: dict[str, Any]) -> str:
        return data["as_of"].isoformat()

    def page(self, view: str, data: dict[str, Any]) -> dict[str, Any]:
        return {"day": view}


@pytest.fixture(autouse=True)
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The contexts the pages render, instead of rendering a template."""
    seen: list[dict[str, Any]] = []

    def render(request: Any, template: str, context: dict[str, Any], status: int = 200) -> Any:
        seen.append(context)
        return HttpResponse(template, status=status)

    monkeypatch.setattr(pages, "render", render)
    DemoPage.overviews = 0
    return seen


def _get(page: type[pages.ThemePage], query: str, user: Any = CHARLIE) -> HttpResponse:
    request = RequestFactory().get("/demo/" + query)
    request.user = user
    response: HttpResponse = page.as_view()(request)
    return response


def test_it_refuses_a_table_the_reader_may_not_read_before_reading_the_overview() -> None:
    for query in ("?table=secret&format=csv", "?table=secret"):
        with pytest.raises(PermissionDenied):
            _get(DemoPage, query, CHARLIE)
    assert DemoPage.overviews == 0


def test_it_lets_a_reader_download_a_table_named_for_them() -> None:
    response = _get(DemoPage, "?as_of=2020-09-28&table=secret&format=json", ALICE)
    assert json.loads(response.content) == {"count": 1, "secret": [{"n": -7}]}
    assert 'filename="demo-secret-2020-09-28.json"' in response["Content-Disposition"]


def test_it_offers_links_only_to_the_tables_the_reader_may_read(
    rendered: list[dict[str, Any]],
) -> None:
    _get(DemoPage, "?as_of=2020-09-28", CHARLIE)
    _get(DemoPage, "?as_of=2020-09-28", ALICE)
    assert list(rendered[0]["links"]) == ["open"]
    assert list(rendered[1]["links"]) == ["open", "secret"]
    assert rendered[0]["links"]["open"]["csv"] == "?as_of=2020-09-28&table=open&format=csv"


def test_it_gives_the_template_its_extra_context_on_a_400_too(
    rendered: list[dict[str, Any]],
) -> None:
    response = _get(DemoPage, "?as_of=1999-13-01")
    assert response.status_code == pages.BAD_REQUEST
    assert rendered[0]["legend"] == "shown on every answer"
    assert "as_of" in rendered[0]["form"].errors
    assert DemoPage.overviews == 0


def test_it_renders_a_page_without_tables(rendered: list[dict[str, Any]]) -> None:
    response = _get(PlainPage, "?as_of=2020-09-28")
    assert response.status_code == 200
    assert rendered[0]["day"] == "2020-09-28"
    assert rendered[0]["keep"] == "?as_of=2020-09-28"
