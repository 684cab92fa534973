"""Reading a filled-in template back into content (:func:`parse_workbook`).

Stages 2–4 of the ingestion (stage 1 is ``safety``): the template's ``_meta`` must name
this template and form version; every cell is converted to its field's type with each
problem kept by sheet and cell (``_Reader``); then :func:`validate_report` runs on the whole
content and its findings are located through the path-to-cell map.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openpyxl.utils import get_column_letter

from treaty_tracker.rules.reporting import (
    FieldSpec,
    FieldType,
    FormDefinition,
    FormSpec,
    ReportContext,
    TableSpec,
    validate_report,
)
from treaty_tracker.transparency.spreadsheet.layout import (
    COVER_ROWS,
    COVER_SHEET,
    LAYOUT,
    META_SHEET,
    NON_DATA_KEYS,
    TABLE_MARKER,
    TEMPLATE_ID,
    field_cells,
)
from treaty_tracker.transparency.spreadsheet.problems import (
    Location,
    ParseResult,
    Problem,
    Refused,
    refuse,
)
from treaty_tracker.transparency.spreadsheet.safety import Grid, check_container, read_sheets
from treaty_tracker.transparency.spreadsheet.values import convert_value, put_value, text_of


def _check_template(grids: Mapping[str, Grid], definition: FormDefinition) -> None:
    meta = grids.get(META_SHEET)
    if meta is None:
        raise refuse(
            "This workbook is not the Article 7 template (it has no _meta sheet). Download "
            "the template from the draft page and copy your figures into it.",
            "upload.wrong_template",
        )
    values = {str(meta.get((row, 1))): meta.get((row, 2)) for row in range(1, 10)}
    if values.get("template") != TEMPLATE_ID:
        raise refuse(
            "This workbook is not the Article 7 template of this site.",
            "upload.wrong_template",
            META_SHEET,
            "B1",
        )
    if values.get("form_version") != definition.version or str(values.get("layout")) != LAYOUT:
        raise refuse(
            f"This template is for form version {values.get('form_version')!r} (layout "
            f"{values.get('layout')!r}); this site reads {definition.version!r} (layout "
            f"{LAYOUT}). Download a new template from the draft page.",
            "upload.wrong_template",
            META_SHEET,
            "B2",
        )
    missing = [name for name in (COVER_SHEET, *definition.codes) if name not in grids]
    if missing:
        raise refuse(
            f"The workbook lacks sheet(s) {', '.join(missing)}; do not delete or rename "
            "sheets of the template.",
            "upload.wrong_template",
        )


class _Reader:
    """Converts a template's cells to content, keeping every cell's path and every problem."""

    def __init__(self, definition: FormDefinition) -> None:
        self.definition = definition
        self.cells: dict[str, Location] = {}
        self.problems: list[Problem] = []

    def where(self, path: str, sheet: str, row: int, column: int) -> None:
        self.cells.setdefault(path, (sheet, f"{get_column_letter(column)}{row}"))

    def problem(self, sheet: str, row: int, column: int, message: str) -> None:
        cell = f"{get_column_letter(column)}{row}"
        self.problems.append(Problem(sheet, cell, message, "upload.value"))

    def convert(
        self, value: object, spec: FieldSpec, sheet: str, row: int, column: int, count: bool
    ) -> Any:
        converted, error = convert_value(value, FieldType.INTEGER if count else spec.type)
        if error:
            self.problem(sheet, row, column, f"{spec.label}: {error}")
        return converted

    def cover(self, grid: Grid) -> dict[str, Any]:
        content: dict[str, Any] = {"form_version": self.definition.version}
        cover_specs = {f.key: f for f in self.definition.cover.fields}
        contact_specs = {f"contact.{f.key}": f for f in self.definition.cover.contact}
        fixed = dict(COVER_ROWS)
        forms: dict[str, Any] = {}
        for row in _rows(grid):
            key = str(grid.get((row, 1)) or "")
            value = grid.get((row, 3))
            if key in fixed:
                self.where(key, COVER_SHEET, row, 3)
                text = text_of(value, date_ok=key.startswith("period"))
                if text is not None:
                    head, _, part = key.partition(".")
                    if part:
                        content.setdefault(head, {})[part] = text
                    else:
                        content[key] = text
                if key.startswith("period"):
                    self.where("period", COVER_SHEET, row, 3)
            elif key in cover_specs or key in contact_specs:
                spec = cover_specs.get(key) or contact_specs[key]
                self.where(key, COVER_SHEET, row, 3)
                converted = self.convert(value, spec, COVER_SHEET, row, 3, count=False)
                if converted is not None:
                    head, _, part = key.partition(".")
                    if part:
                        content.setdefault(head, {})[part] = converted
                    else:
                        content[key] = converted
                if key.startswith("contact"):
                    self.where("contact", COVER_SHEET, row, 3)
            elif key.startswith("forms.") and self.definition.form(key[6:]) is not None:
                code = key[6:]
                self.where(code, COVER_SHEET, row, 2)
                self.where(f"{code}.status", COVER_SHEET, row, 3)
                self.where(f"{code}.unchanged_since", COVER_SHEET, row, 4)
                form: dict[str, Any] = {}
                status = text_of(value)
                if status is not None:
                    form["status"] = status
                since = grid.get((row, 4))
                if since is not None and since != "":
                    year, error = convert_value(since, FieldType.INTEGER)
                    if error:
                        self.problem(COVER_SHEET, row, 4, f"Unchanged since: {error}")
                    form["unchanged_since"] = year
                forms[code] = form
            elif key and key not in NON_DATA_KEYS and _row_has_values(grid, row):
                self.problem(COVER_SHEET, row, 1, f"{key!r} is not a row of the template.")
        content["forms"] = forms
        return content

    def form(self, spec: FormSpec, grid: Grid, form: dict[str, Any]) -> None:
        code = spec.code
        cells = {key: (f, b) for f in spec.fields for key, _label, b in field_cells(f)}
        data: dict[str, Any] = {}
        table: TableSpec | None = None
        columns: dict[int, tuple[FieldSpec, tuple[str, ...] | None]] = {}
        rows: list[dict[str, Any]] = []
        for row in _rows(grid):
            key = str(grid.get((row, 1)) or "")
            if key.startswith(TABLE_MARKER):
                self._close(table, rows, data)
                table, columns, rows = spec.table(key[len(TABLE_MARKER) :]), {}, []
                if table is None:
                    self.problem(code, row, 1, f"{key!r} is not a table of Form {code}.")
                else:
                    self.where(f"{code}.{table.key}", code, row, 2)
            elif table is not None and key == "keys":
                specs = {k: (f, b) for f in table.fields for k, _label, b in field_cells(f)}
                for (at_row, column), name in grid.items():
                    if at_row == row and column > 1 and str(name) in specs:
                        columns[column] = specs[str(name)]
            elif table is not None and key not in NON_DATA_KEYS:
                self._table_row(code, table, columns, grid, row, rows)
            elif table is None and key == "text":
                self.where(f"{code}.text", code, row, 3)
                text = text_of(grid.get((row, 3)))
                if text is not None:
                    form["text"] = text
            elif table is None and key in cells:
                field_spec, breakdown = cells[key]
                self._put_value(code, field_spec, breakdown, grid, row, 3, data, f"{code}.")
            elif key and key not in NON_DATA_KEYS and _row_has_values(grid, row):
                self.problem(code, row, 1, f"{key!r} is not a row of Form {code}.")
        self._close(table, rows, data)
        if data:
            form["data"] = data

    def _table_row(
        self,
        code: str,
        table: TableSpec,
        columns: Mapping[int, tuple[FieldSpec, tuple[str, ...] | None]],
        grid: Grid,
        row: int,
        rows: list[dict[str, Any]],
    ) -> None:
        if not any(grid.get((row, column)) not in (None, "") for column in columns):
            return  # a spare row left empty
        prefix = f"{code}.{table.key}[{len(rows)}]"
        self.where(prefix, code, row, 2)
        item: dict[str, Any] = {}
        for column, (field_spec, breakdown) in sorted(columns.items()):
            self._put_value(code, field_spec, breakdown, grid, row, column, item, f"{prefix}.")
        rows.append(item)

    def _put_value(
        self,
        sheet: str,
        spec: FieldSpec,
        breakdown: tuple[str, ...] | None,
        grid: Grid,
        row: int,
        column: int,
        target: dict[str, Any],
        prefix: str,
    ) -> None:
        """One cell into ``target`` (a form's data or a table row), noting its path."""
        path = f"{prefix}{spec.key}"
        if not spec.disaggregation:
            self.where(path, sheet, row, column)
        elif breakdown is None:
            self.where(path, sheet, row, column)
            self.where(f"{path}.total", sheet, row, column)
            self.where(f"{path}.by", sheet, row, column)
        else:
            self.where(f"{path}.by.{'.'.join(breakdown)}", sheet, row, column)
        count = bool(spec.disaggregation)
        value = self.convert(grid.get((row, column)), spec, sheet, row, column, count=count)
        put_value(target, spec, breakdown, value)

    @staticmethod
    def _close(table: TableSpec | None, rows: list[dict[str, Any]], data: dict[str, Any]) -> None:
        if table is not None and rows:
            data[table.key] = rows


def _rows(grid: Grid) -> list[int]:
    return sorted({row for row, _column in grid})


def _row_has_values(grid: Grid, row: int) -> bool:
    return any(
        at == row and column > 1 and value not in (None, "") for (at, column), value in grid.items()
    )


def parse_workbook(
    data: bytes, definition: FormDefinition, *, context: ReportContext | None = None
) -> ParseResult:
    """Read an uploaded template back into content; every problem by sheet and cell.

    Refusals (a file that is not the template, too large, with a formula or a value that
    does not convert) return no content; validation findings (against ``context``) come
    with it."""
    try:
        check_container(data)
        grids, formulas = read_sheets(data)
        _check_template(grids, definition)
    except Refused as refused:
        return ParseResult(None, [refused.problem])
    reader = _Reader(definition)
    content = reader.cover(grids[COVER_SHEET])
    forms: dict[str, Any] = content["forms"]
    for spec in definition.forms:
        form = forms.get(spec.code, {})
        reader.form(spec, grids[spec.code], form)
        if form:
            forms[spec.code] = form
        else:
            forms.pop(spec.code, None)
    result = ParseResult(content, [], reader.cells)
    refusals = formulas + reader.problems
    findings = result.locate(
        validate_report(content, definition, context=context or ReportContext())
    )
    if refusals:
        # List the findings too (destroyed more than declared is worth knowing now), but
        # not a second time at a cell that already has a problem.
        taken = {(p.sheet, p.cell) for p in refusals}
        findings = [f for f in findings if (f.sheet, f.cell) not in taken]
        return ParseResult(None, refusals + findings, reader.cells)
    result.problems = findings
    return result
