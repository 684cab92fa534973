"""The shape every public page of a theme shares: bind the GET form (a bad query answers
400 with each error by its field), read the theme's overview, then either download one of
its tables whole (``?format=csv|xlsx|json&table=...``) or render the page.

A theme's page is a :class:`ThemePage` that names its template, form and tables, and says
how to read its overview and what its template needs from it::

    class StockpilesPage(ThemePage):
        template = "stockpiles/stockpiles.html"
        form_class = StockpilesForm
        nav = "stockpiles"
        tables = {"progress": Table(COLUMNS, progress_rows), ...}

        def overview(self, data):
            return selectors.overview(data["as_of"])

        def page(self, view, data):
            return {"rows": ...}

    stockpiles = StockpilesPage.as_view()

A table only some readers may download names them (``Table(..., readers=policy.is_isu)``):
asking for it, to download or not, is refused (403) before the overview is read, and
:meth:`ThemePage.readable_tables` lists the others for the links. What a page's template
reads even on a 400 goes in ``extra_context``; a download named otherwise than
``<prefix>-<table>-<as of>`` overrides :meth:`ThemePage.download_name`. A page without
tables (``tables = {}``) only renders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from treaty_tracker.themes.downloads import download, query_with, with_table
from treaty_tracker.themes.forms import QueryForm, keep_date

BAD_REQUEST = 400
FORMATS = ("csv", "xlsx", "json")


def page_context(request: HttpRequest, form: QueryForm, nav: str, **extra: Any) -> dict[str, Any]:
    """What every page's template reads: its form, the navigation item it belongs to, and
    the query that keeps a chosen date in its links."""
    return {"form": form, "nav": nav, "keep": keep_date(request, form), **extra}


def invalid(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The page again, with the form's errors by their fields: 400."""
    return render(request, template, context, status=BAD_REQUEST)


def _page_query(request: HttpRequest) -> Any:
    query = request.GET.copy()
    query.pop("format", None)
    return query


def format_links(request: HttpRequest) -> dict[str, str]:
    """``{csv, xlsx, json}``: the page's own query, asking for a download."""
    query = _page_query(request)
    return {fmt: query_with(query, fmt) for fmt in FORMATS}


def download_links(request: HttpRequest) -> dict[str, str]:
    """``{csv_query, xlsx_query, json_query}``: the page's own query, asking for a download."""
    return {fmt + "_query": link for fmt, link in format_links(request).items()}


def links_by_table(request: HttpRequest, keys: Iterable[str]) -> dict[str, dict[str, str]]:
    """table key -> {format: query} for every table, keeping the chosen date."""
    query = _page_query(request)
    return {key: {fmt: query_with(with_table(query, key), fmt) for fmt in FORMATS} for key in keys}


def table_links(
    request: HttpRequest, tables: Sequence[tuple[str, Any]]
) -> list[tuple[str, str, dict[str, str]]]:
    """(table key, label, {format: query}) for every table, keeping the chosen date."""
    links = links_by_table(request, (key for key, _label in tables))
    return [(key, str(label), links[key]) for key, label in tables]


@dataclass(frozen=True)
class Table:
    """One downloadable table of a page: its columns and how to read its rows from the
    page's overview (dicts holding at least ``columns``, values ready for JSON)."""

    columns: Sequence[str]
    rows: Callable[[Any], Sequence[Mapping[str, Any]]]
    #: Who may download it (and ask for it at all): a predicate on the user; None, everyone.
    readers: Callable[[Any], bool] | None = None

    def readable_by(self, user: Any) -> bool:
        return self.readers is None or self.readers(user)


class ThemePage(View):
    """A theme's public page (see the module's docstring)."""

    template: ClassVar[str]
    form_class: ClassVar[type[QueryForm]]
    nav: ClassVar[str]
    #: table key -> Table; the first is the default download. Empty: the page has none.
    tables: ClassVar[Mapping[str, Table]] = {}
    #: How a download is named: ``<prefix>-<table>-<as of>.<format>``.
    download_prefix: ClassVar[str] = ""
    #: What the template reads on every answer, a 400 included (labels, constants).
    extra_context: ClassVar[Mapping[str, Any]] = {}

    def overview(self, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def page(self, view: Any, data: dict[str, Any]) -> dict[str, Any]:
        """The template's context beyond the form's (read only when rendering)."""
        raise NotImplementedError

    def table_key(self, data: dict[str, Any]) -> str:
        return data.get("table") or next(iter(self.tables))

    def download_name(self, view: Any, data: dict[str, Any], table: str) -> str:
        return f"{self.download_prefix or self.nav}-{table}-{data['as_of']}"

    def readable_tables(self) -> list[str]:
        """The keys of the tables the reader may download, in the page's order."""
        return [key for key, table in self.tables.items() if table.readable_by(self.request.user)]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class.bind(request.GET)
        context = page_context(request, form, self.nav, **self.extra_context)
        if not form.is_valid():
            return invalid(request, self.template, context)
        data = form.cleaned_data
        key = self.table_key(data) if self.tables else ""
        if key and not self.tables[key].readable_by(request.user):
            # Asking for a table one may not read is refused before anything is read.
            raise PermissionDenied
        view = self.overview(data)
        if data.get("format") and self.tables:
            table = self.tables[key]
            return download(
                table.rows(view),
                table.columns,
                name=self.download_name(view, data, key),
                fmt=data["format"],
                key=key,
            )
        context.update(self.page(view, data))
        return render(request, self.template, context)
