"""Writing a report's content as the XLSX template (:func:`build_workbook`).

A "Cover" sheet (period, contact, and per form its status and "unchanged since"), one
sheet per form (``A`` … ``J``), and a hidden ``_meta`` sheet; see ``layout`` for the keys
in column A. Text is always written as text, so nothing typed in a draft becomes a formula
in the file we hand out.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from treaty_tracker.rules.reporting import (
    FieldSpec,
    FieldType,
    FormDefinition,
    FormSpec,
    TableSpec,
)
from treaty_tracker.rules.reporting.content import parse_day
from treaty_tracker.sources.text import xml_safe
from treaty_tracker.transparency.spreadsheet.layout import (
    COVER_ROWS,
    COVER_SHEET,
    LAYOUT,
    META_SHEET,
    SPARE_ROWS,
    TABLE_MARKER,
    TEMPLATE_ID,
    field_cells,
)


def build_workbook(content: Mapping[str, Any], definition: FormDefinition) -> bytes:
    """The XLSX template for ``content`` (a draft), in ``definition``'s layout."""
    workbook = Workbook()
    cover = workbook.active
    assert cover is not None
    cover.title = COVER_SHEET
    _write_cover(cover, content, definition)
    forms = content.get("forms") if isinstance(content.get("forms"), Mapping) else {}
    for spec in definition.forms:
        raw = forms.get(spec.code) if isinstance(forms, Mapping) else None
        _write_form(workbook.create_sheet(spec.code), spec, raw if isinstance(raw, Mapping) else {})
    meta = workbook.create_sheet(META_SHEET)
    for row in (
        ("template", TEMPLATE_ID),
        ("form_version", definition.version),
        ("layout", LAYOUT),
    ):
        meta.append(row)
    meta.sheet_state = "hidden"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write a value safely: text is always text, so "=HYPERLINK(...)" typed in a draft
    never becomes a formula in the file we hand out."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        # A draft saved before text was cleaned on input may hold a control character
        # that XML cannot: drop it rather than fail the download.
        cell.value = xml_safe(value)
        cell.data_type = "s"
    elif isinstance(value, bool | int | float | Decimal):
        cell.value = value
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif value is not None:
        cell.value = xml_safe(json.dumps(value, ensure_ascii=False))
        cell.data_type = "s"
    return cell


def _keyed_row(sheet: Worksheet, row: int, key: str, label: str, value: object) -> None:
    _put(sheet, row, 1, key)
    _put(sheet, row, 2, label)
    _put(sheet, row, 3, value)


def _prepare(sheet: Worksheet, title: str) -> None:
    _put(sheet, 1, 1, "title")
    _put(sheet, 1, 2, title).font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].hidden = True
    sheet.column_dimensions["B"].width = 48
    sheet.column_dimensions["C"].width = 40


def _choice_list(sheet: Worksheet, values: Iterable[str], cells: str) -> None:
    """A drop-down of the allowed values (the check stays ours: Excel lets it be bypassed)."""
    listed = ",".join(values)
    if not listed or len(listed) > 250:  # Excel's limit for an inline list
        return
    validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True)
    validation.add(cells)
    sheet.add_data_validation(validation)


def _write_cover(sheet: Worksheet, content: Mapping[str, Any], definition: FormDefinition) -> None:
    _prepare(sheet, "Article 7 report: cover page")
    period = content.get("period") if isinstance(content.get("period"), Mapping) else {}
    contact = content.get("contact") if isinstance(content.get("contact"), Mapping) else {}
    values = {
        "state": content.get("state"),
        "kind": content.get("kind"),
        "period.from": period.get("from") if isinstance(period, Mapping) else None,
        "period.to": period.get("to") if isinstance(period, Mapping) else None,
    }
    row = 2
    for key, label in COVER_ROWS:
        _keyed_row(sheet, row, key, label, values[key])
        row += 1
    for spec in definition.cover.fields:
        if spec.key != "state":
            _keyed_row(sheet, row, spec.key, spec.label, _cell_value(content.get(spec.key), spec))
            row += 1
    for spec in definition.cover.contact:
        value = contact.get(spec.key) if isinstance(contact, Mapping) else None
        _keyed_row(sheet, row, f"contact.{spec.key}", spec.label, _cell_value(value, spec))
        row += 1
    row += 1
    _put(sheet, row, 1, "header")
    for column, label in enumerate(("Form", "Status", "Unchanged since (year)", "Title"), 2):
        _put(sheet, row, column, label).font = Font(bold=True)
    forms = content.get("forms") if isinstance(content.get("forms"), Mapping) else {}
    for form_spec in definition.forms:
        row += 1
        raw = forms.get(form_spec.code) if isinstance(forms, Mapping) else None
        raw = raw if isinstance(raw, Mapping) else {}
        _put(sheet, row, 1, f"forms.{form_spec.code}")
        _put(sheet, row, 2, form_spec.code)
        _put(sheet, row, 3, raw.get("status"))
        _put(sheet, row, 4, raw.get("unchanged_since"))
        _put(sheet, row, 5, form_spec.title)
        _choice_list(sheet, (s.value for s in form_spec.status_options), f"C{row}")
    sheet.column_dimensions["E"].width = 60


def _cell_value(value: object, spec: FieldSpec, breakdown: tuple[str, ...] | None = None) -> Any:
    """What a cell shows for a field's value (or one cell of its breakdown)."""
    if spec.disaggregation and isinstance(value, Mapping):
        if breakdown is None:
            return value.get("total")
        node: object = value.get("by")
        for part in breakdown:
            node = node.get(part) if isinstance(node, Mapping) else None
        return node
    if spec.disaggregation and breakdown is not None:
        return None
    if isinstance(value, bool) and spec.type is FieldType.BOOLEAN:
        return "yes" if value else "no"
    if spec.type is FieldType.DATE and isinstance(value, str) and parse_day(value):
        return parse_day(value)
    return value


def _write_form(sheet: Worksheet, spec: FormSpec, raw: Mapping[str, Any]) -> None:
    _prepare(sheet, f"Form {spec.code}: {spec.title}")
    data = raw.get("data") if isinstance(raw.get("data"), Mapping) else {}
    assert isinstance(data, Mapping)
    row = 2
    for field_spec in spec.fields:
        for key, label, breakdown in field_cells(field_spec):
            value = _cell_value(data.get(field_spec.key), field_spec, breakdown)
            _keyed_row(sheet, row, key, label, value)
            _format(sheet, row, 3, field_spec)
            row += 1
    if spec.text is not None:
        _keyed_row(sheet, row, "text", spec.text.label, raw.get("text"))
        sheet.cell(row=row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    for table in spec.tables:
        row = _write_table(sheet, row + 1, table, data.get(table.key))


def _format(sheet: Worksheet, row: int, column: int, spec: FieldSpec) -> None:
    where = f"{get_column_letter(column)}{row}"
    if spec.type is FieldType.DATE:
        sheet.cell(row=row, column=column).number_format = "yyyy-mm-dd"
    elif spec.type is FieldType.CHOICE:
        _choice_list(sheet, spec.choice_values, where)
    elif spec.type is FieldType.BOOLEAN:
        _choice_list(sheet, ("yes", "no"), where)


def _write_table(sheet: Worksheet, row: int, table: TableSpec, rows: object) -> int:
    """A table: its marker row, a hidden row of column keys, the labels, then one row per
    data row and some spare rows. Returns the next free row."""
    _put(sheet, row, 1, f"{TABLE_MARKER}{table.key}")
    _put(sheet, row, 2, table.label).font = Font(bold=True)
    columns = [(f, *c) for f in table.fields for c in field_cells(f)]
    _put(sheet, row + 1, 1, "keys")
    _put(sheet, row + 2, 1, "labels")
    for column, (_spec, key, label, _breakdown) in enumerate(columns, 2):
        _put(sheet, row + 1, column, key)
        _put(sheet, row + 2, column, label).font = Font(bold=True)
    sheet.row_dimensions[row + 1].hidden = True
    first = row + 3
    items = [r for r in rows if isinstance(r, Mapping)] if isinstance(rows, list) else []
    for offset, item in enumerate(items):
        for column, (spec, _key, _label, breakdown) in enumerate(columns, 2):
            _put(sheet, first + offset, column, _cell_value(item.get(spec.key), spec, breakdown))
    last = first + len(items) + SPARE_ROWS - 1
    for column, (spec, *_rest) in enumerate(columns, 2):
        letter = get_column_letter(column)
        if spec.type is FieldType.DATE:
            for at in range(first, last + 1):
                sheet.cell(row=at, column=column).number_format = "yyyy-mm-dd"
        if spec.type is FieldType.CHOICE:
            _choice_list(sheet, spec.choice_values, f"{letter}{first}:{letter}{last}")
        elif spec.type is FieldType.BOOLEAN:
            _choice_list(sheet, ("yes", "no"), f"{letter}{first}:{letter}{last}")
    return last + 2
