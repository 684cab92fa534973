"""Every public table downloads whole (no row limit) as CSV, XLSX or JSON: one helper.

A page adds the ``format`` field (:func:`format_field`), and if it has several tables the
``table`` field (:func:`table_field`), to its GET form and, when ``format`` is set, answers
with :func:`download` instead of HTML.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from treaty_tracker.sources.text import xml_safe
from treaty_tracker.themes.cli import to_csv

CHOICES = [
    ("", _("Web page")),
    ("csv", _("CSV download")),
    ("xlsx", _("Excel (XLSX) download")),
    ("json", _("JSON download")),
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def format_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Format"), required=False, choices=CHOICES)


def table_field(choices: Sequence[tuple[str, Any]]) -> forms.ChoiceField:
    """Which of a page's tables ``format`` downloads (``table=``): (key, label) choices."""
    return forms.ChoiceField(label=_("Table to download"), required=False, choices=choices)


def download(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    name: str,
    fmt: str,
    key: str = "rows",
) -> HttpResponse:
    """``rows`` (dicts with at least ``columns``, values JSON-ready) as ``name.csv``,
    ``name.xlsx`` (one sheet, a header row) or ``name.json`` (``{"count": n, key: [...]}``)."""
    response: HttpResponse
    if fmt == "xlsx":
        response = HttpResponse(_xlsx(rows, columns, key), content_type=XLSX_TYPE)
    elif fmt == "csv":
        body = to_csv(columns, ([row[c] for c in columns] for row in rows))
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        data = [{c: row[c] for c in columns} for row in rows]
        response = JsonResponse(
            {"count": len(data), key: data}, json_dumps_params={"ensure_ascii": False}
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _xlsx(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(columns))
    for row in rows:
        # Text that looks like a formula stays text: a download never carries formulas.
        sheet.append([_cell(row[c]) for c in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        value = str(value)
    if isinstance(value, str):
        # XML cannot hold a control character, and text stored before input was cleaned
        # may have one (a vertical tab pasted from Word): drop it rather than fail.
        value = xml_safe(value)
        if value.startswith(("=", "+", "-", "@")):
            return "'" + value
    return value


def query_with(query: Any, fmt: str) -> str:
    """The page's own query string, asking for ``fmt``."""
    query = query.copy()
    query["format"] = fmt
    return "?" + query.urlencode()


def with_table(query: Any, table: str) -> Any:
    """The page's query, asking for another of its tables (``table=``) to download."""
    query = query.copy()
    query["table"] = table
    return query
