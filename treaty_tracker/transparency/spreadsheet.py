"""The spreadsheet round trip and JSON import of Article 7 reports.

:func:`build_workbook` writes a report's content (a draft, usually carried forward from the
State's last report) as an XLSX template: a "Cover" sheet (period, contact, and per form
its status and "unchanged since"), one sheet per form (``A`` … ``J``) and a hidden
``_meta`` sheet naming the template and the form version. Column A of every sheet holds the
machine key of its row, hidden, so parsing never depends on labels a translator or the
focal point may change.

:func:`parse_workbook` reads one back in stages (docs/STYLE "Ingestion is staged"):

1. the container: a size limit, a zip check, the uncompressed sizes of its members (a
   zip bomb is refused before openpyxl opens it), then a row limit per sheet;
2. the template: ``_meta`` must name this template and the form version;
3. the cells: a formula anywhere is refused, naming its cell; each value is converted to
   its field's type, every problem listed by sheet and cell;
4. validation: :func:`validate_report`, each finding located by sheet and cell through the
   path-to-cell map kept while parsing.

Problems of stages 1–3 are ``refusal``s: no content is returned and nothing may be saved.
Validation findings (``error`` / ``warning``) come with content, which a draft keeps as
it does anything typed online. :func:`parse_json` does the same for a JSON file (the
export is the content itself).

No Django import: the pages in ``web/spreadsheet_views.py`` call these and then
``report_draft_save``.
"""

from __future__ import annotations

import io
import itertools
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from treaty_tracker.rules import Finding
from treaty_tracker.rules.reporting import (
    FieldSpec,
    FieldType,
    FormDefinition,
    FormSpec,
    ReportContext,
    TableSpec,
    validate_report,
)
from treaty_tracker.rules.reporting.content import parse_day

TEMPLATE_ID = "treaty-tracker/article7"
LAYOUT = "1"  # bump when the sheets' layout changes; older templates are then refused
META_SHEET = "_meta"
COVER_SHEET = "Cover"

# Limits. A filled-in report is a few dozen kilobytes; these leave a wide margin while
# keeping a hostile file from costing the server memory or time.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the file as uploaded
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024  # all members of the zip, decompressed
MAX_ZIP_MEMBERS = 200
MAX_ROWS = 5000  # per sheet
MAX_COLUMNS = 200  # per sheet
SPARE_ROWS = 10  # empty rows offered under each table

REFUSAL = "refusal"  # the file cannot be imported; nothing is saved

_BOOLEAN_WORDS = {"yes": True, "true": True, "no": False, "false": False}
# Words for the form-level parts shown on the cover page.
_COVER_ROWS = (
    ("state", "Name of State"),
    ("kind", "Kind of report"),
    ("period.from", "Reporting period from (YYYY-MM-DD)"),
    ("period.to", "Reporting period to (YYYY-MM-DD)"),
)
# Column A markers that are not data.
_TABLE = "table:"
_SKIPPED = {"title", "keys", "labels", "header"}

Location = tuple[str, str]  # (sheet, cell), e.g. ("B", "C7")


@dataclass(frozen=True)
class Problem:
    """One problem with an upload, where it is: ``sheet`` and ``cell`` ("B", "C7"); for
    JSON, ``sheet`` is empty and ``cell`` the field's path (or the line and column).

    ``severity`` is ``refusal`` (nothing can be imported), or a validation finding's
    ``error`` / ``warning``; ``code`` is ``upload.*`` or the finding's code."""

    sheet: str
    cell: str
    message: str
    code: str
    severity: str = REFUSAL
    field: str = ""

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or self.cell


@dataclass
class ParseResult:
    """What an upload gave: the content (None when refused) and every problem, in order:
    refusals first, then validation findings by sheet and cell."""

    content: dict[str, Any] | None
    problems: list[Problem]
    cells: dict[str, Location] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        return self.content is None

    def locate(self, findings: Iterable[Finding]) -> list[Problem]:
        """Validation findings as problems at the sheet and cell their field path came from
        (the nearest enclosing path when the exact one has no cell)."""
        return [self._located(finding) for finding in findings]

    def _located(self, finding: Finding) -> Problem:
        sheet, cell = self._cell_of(finding.field or "")
        return Problem(
            sheet=sheet,
            cell=cell,
            message=finding.message,
            code=finding.code,
            severity=finding.severity.value,
            field=finding.field or "",
        )

    def _cell_of(self, path: str) -> Location:
        if not self.cells:  # JSON: the path is the place
            return ("", path)
        candidate = path
        while candidate:
            if candidate in self.cells:
                return self.cells[candidate]
            head, dot, _tail = candidate.rpartition(".")
            bracket = candidate.rfind("[")
            if bracket > len(head):  # "B.stockpile[2]" -> "B.stockpile"
                candidate = candidate[:bracket]
            elif dot:
                candidate = head
            else:
                break
        return ("", path)


# -- building --------------------------------------------------------------------------------


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
        cell.value = value
        cell.data_type = "s"
    elif isinstance(value, bool | int | float | Decimal):
        cell.value = value
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
    elif value is not None:
        cell.value = json.dumps(value, ensure_ascii=False)
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
    for key, label in _COVER_ROWS:
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


def _columns(spec: FieldSpec) -> list[tuple[str, str, tuple[str, ...] | None]]:
    """The cells a field takes: ``(key, label, breakdown)``; a disaggregated count takes
    its total (``injured``) and one cell per breakdown (``injured.female.child.civilian``)."""
    if not spec.disaggregation:
        return [(spec.key, spec.label, None)]
    cells: list[tuple[str, str, tuple[str, ...] | None]] = [
        (spec.key, f"{spec.label}: total", None)
    ]
    for combination in itertools.product(*(d.choices for d in spec.disaggregation)):
        values = tuple(choice.value for choice in combination)
        words = ", ".join(choice.label for choice in combination)
        cells.append((".".join((spec.key, *values)), f"{spec.label}: {words}", values))
    return cells


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
        for key, label, breakdown in _columns(field_spec):
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
    _put(sheet, row, 1, f"{_TABLE}{table.key}")
    _put(sheet, row, 2, table.label).font = Font(bold=True)
    columns = [(f, *c) for f in table.fields for c in _columns(f)]
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


# -- parsing ---------------------------------------------------------------------------------

Grid = dict[tuple[int, int], Any]  # (row, column) -> value


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(problem.message)


def _refuse(message: str, code: str, sheet: str = "", cell: str = "") -> _Refused:
    return _Refused(Problem(sheet=sheet, cell=cell, message=message, code=code))


def _check_container(data: bytes) -> None:
    """Refuse what is not a small, sane XLSX before any XML is parsed."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(
            f"The file is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}.",
            "upload.too_large",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(
            "This is not an XLSX workbook. Download the template from the draft page, fill it "
            "in and upload it as .xlsx.",
            "upload.not_xlsx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(f"The workbook is damaged ({error}).", "upload.not_xlsx") from error
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(
            "This zip file is not an XLSX workbook (no xl/workbook.xml).", "upload.not_xlsx"
        )
    # Python's zipfile stops reading a member at its declared size (and fails its CRC
    # otherwise), so the declared sizes bound what openpyxl can decompress.
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(
            f"The workbook unpacks to {unpacked:,} bytes in {len(members)} parts; the limit "
            f"is {MAX_UNCOMPRESSED_BYTES:,} bytes in {MAX_ZIP_MEMBERS} parts. Is it the "
            "template?",
            "upload.too_large",
        )


def _read_sheets(data: bytes) -> tuple[dict[str, Grid], list[Problem]]:
    """Every sheet's non-empty cells, and a problem for each formula (never evaluated)."""
    grids: dict[str, Grid] = {}
    formulas: list[Problem] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            IndexError, AttributeError, OSError, SyntaxError, EOFError) as error:  # fmt: skip
        raise _refuse(f"The workbook cannot be read ({error}).", "upload.not_xlsx") from error
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # do not trust the file's own idea of its size
            grid: Grid = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    if cell.row > MAX_ROWS or cell.column > MAX_COLUMNS:
                        raise _refuse(
                            f"Sheet {sheet.title} goes beyond row {MAX_ROWS:,} or column "
                            f"{MAX_COLUMNS}; the template has far fewer. Is it the template?",
                            "upload.too_large",
                            sheet.title,
                            cell.coordinate,
                        )
                    if cell.data_type == "f":
                        formulas.append(
                            Problem(
                                sheet=sheet.title,
                                cell=cell.coordinate,
                                message="holds a formula; type the value itself "
                                "(formulas are not read).",
                                code="upload.formula",
                            )
                        )
                        continue
                    grid[(cell.row, cell.column)] = cell.value
            grids[sheet.title] = grid
    except (KeyError, ValueError, TypeError, IndexError, AttributeError, OSError, SyntaxError,
            EOFError, zipfile.BadZipFile) as error:  # fmt: skip
        raise _refuse(f"The workbook cannot be read ({error}).", "upload.not_xlsx") from error
    finally:
        workbook.close()
    return grids, formulas


def _check_template(grids: Mapping[str, Grid], definition: FormDefinition) -> None:
    meta = grids.get(META_SHEET)
    if meta is None:
        raise _refuse(
            "This workbook is not the Article 7 template (it has no _meta sheet). Download "
            "the template from the draft page and copy your figures into it.",
            "upload.wrong_template",
        )
    values = {str(meta.get((row, 1))): meta.get((row, 2)) for row in range(1, 10)}
    if values.get("template") != TEMPLATE_ID:
        raise _refuse(
            "This workbook is not the Article 7 template of this site.",
            "upload.wrong_template",
            META_SHEET,
            "B1",
        )
    if values.get("form_version") != definition.version or str(values.get("layout")) != LAYOUT:
        raise _refuse(
            f"This template is for form version {values.get('form_version')!r} (layout "
            f"{values.get('layout')!r}); this site reads {definition.version!r} (layout "
            f"{LAYOUT}). Download a new template from the draft page.",
            "upload.wrong_template",
            META_SHEET,
            "B2",
        )
    missing = [name for name in (COVER_SHEET, *definition.codes) if name not in grids]
    if missing:
        raise _refuse(
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
        converted, error = _convert(value, FieldType.INTEGER if count else spec.type)
        if error:
            self.problem(sheet, row, column, f"{spec.label}: {error}")
        return converted

    def cover(self, grid: Grid) -> dict[str, Any]:
        content: dict[str, Any] = {"form_version": self.definition.version}
        cover_specs = {f.key: f for f in self.definition.cover.fields}
        contact_specs = {f"contact.{f.key}": f for f in self.definition.cover.contact}
        fixed = dict(_COVER_ROWS)
        forms: dict[str, Any] = {}
        for row in _rows(grid):
            key = str(grid.get((row, 1)) or "")
            value = grid.get((row, 3))
            if key in fixed:
                self.where(key, COVER_SHEET, row, 3)
                text = _text_of(value, date_ok=key.startswith("period"))
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
                status = _text_of(value)
                if status is not None:
                    form["status"] = status
                since = grid.get((row, 4))
                if since is not None and since != "":
                    year, error = _convert(since, FieldType.INTEGER)
                    if error:
                        self.problem(COVER_SHEET, row, 4, f"Unchanged since: {error}")
                    form["unchanged_since"] = year
                forms[code] = form
            elif key and key not in _SKIPPED and _row_has_values(grid, row):
                self.problem(COVER_SHEET, row, 1, f"{key!r} is not a row of the template.")
        content["forms"] = forms
        return content

    def form(self, spec: FormSpec, grid: Grid, form: dict[str, Any]) -> None:
        code = spec.code
        cells = {key: (f, b) for f in spec.fields for key, _label, b in _columns(f)}
        data: dict[str, Any] = {}
        table: TableSpec | None = None
        columns: dict[int, tuple[FieldSpec, tuple[str, ...] | None]] = {}
        rows: list[dict[str, Any]] = []
        for row in _rows(grid):
            key = str(grid.get((row, 1)) or "")
            if key.startswith(_TABLE):
                self._close(table, rows, data)
                table, columns, rows = spec.table(key[len(_TABLE) :]), {}, []
                if table is None:
                    self.problem(code, row, 1, f"{key!r} is not a table of Form {code}.")
                else:
                    self.where(f"{code}.{table.key}", code, row, 2)
            elif table is not None and key == "keys":
                specs = {k: (f, b) for f in table.fields for k, _label, b in _columns(f)}
                for (at_row, column), name in grid.items():
                    if at_row == row and column > 1 and str(name) in specs:
                        columns[column] = specs[str(name)]
            elif table is not None and key not in _SKIPPED:
                self._table_row(code, table, columns, grid, row, rows)
            elif table is None and key == "text":
                self.where(f"{code}.text", code, row, 3)
                text = _text_of(grid.get((row, 3)))
                if text is not None:
                    form["text"] = text
            elif table is None and key in cells:
                field_spec, breakdown = cells[key]
                self._put_value(code, field_spec, breakdown, grid, row, 3, data, f"{code}.")
            elif key and key not in _SKIPPED and _row_has_values(grid, row):
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
            value = self.convert(grid.get((row, column)), spec, sheet, row, column, count=False)
            if value is not None:
                target[spec.key] = value
            return
        if breakdown is None:
            self.where(path, sheet, row, column)
            self.where(f"{path}.total", sheet, row, column)
            self.where(f"{path}.by", sheet, row, column)
        else:
            self.where(f"{path}.by.{'.'.join(breakdown)}", sheet, row, column)
        value = self.convert(grid.get((row, column)), spec, sheet, row, column, count=True)
        if value is None:
            return
        count = target.setdefault(spec.key, {})
        if breakdown is None:
            count["total"] = value
            return
        node = count.setdefault("by", {})
        for part in breakdown[:-1]:
            node = node.setdefault(part, {})
        node[breakdown[-1]] = value

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


def _text_of(value: object, *, date_ok: bool = False) -> str | None:
    """A cell as text, or None when empty."""
    if value is None:
        return None
    if isinstance(value, datetime | date) and date_ok:
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _convert(value: object, kind: FieldType) -> tuple[Any, str]:
    """A cell's value as the JSON value of a field of type ``kind``, or a problem.

    Empty means absent. Spreadsheets hold every number as a float, so 12.0 is the count 12;
    a text is read as a number when it is one ("1,300" is not: say 1300)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if kind.is_numeric:
        number = _number(value)
        if number is None:
            what = "a whole number" if kind is FieldType.INTEGER else "a number"
            return None, f"must be {what}, not {_shown(value)}"
        if kind is FieldType.INTEGER:
            if number != number.to_integral_value():
                return None, f"must be a whole number, not {_shown(value)}"
            return int(number), ""
        return (int(number) if number == number.to_integral_value() else float(number)), ""
    if kind is FieldType.BOOLEAN:
        if isinstance(value, bool):
            return value, ""
        word = str(value).strip().lower()
        if word in _BOOLEAN_WORDS:
            return _BOOLEAN_WORDS[word], ""
        return None, f"must be yes or no, not {_shown(value)}"
    if kind is FieldType.DATE:
        if isinstance(value, datetime | date):
            return (value.date() if isinstance(value, datetime) else value).isoformat(), ""
        text = str(value).strip()
        if parse_day(text) is None:
            return None, f"must be a date (YYYY-MM-DD), not {_shown(value)}"
        return text, ""
    if isinstance(value, bool):
        return None, f"must be text, not {_shown(value)}"
    return _text_of(value), ""  # text, choice, state, currency: checked by validation


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def parse_workbook(
    data: bytes, definition: FormDefinition, *, context: ReportContext | None = None
) -> ParseResult:
    """Read an uploaded template back into content; every problem by sheet and cell.

    Refusals (a file that is not the template, too large, with a formula or a value that
    does not convert) return no content; validation findings (against ``context``) come
    with it."""
    try:
        _check_container(data)
        grids, formulas = _read_sheets(data)
        _check_template(grids, definition)
    except _Refused as refused:
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


def parse_json(
    data: bytes, definition: FormDefinition, *, context: ReportContext | None = None
) -> ParseResult:
    """Read an uploaded JSON report (the shape of docs/reporting.md, "Report content");
    problems name the field's path."""
    if len(data) > MAX_UPLOAD_BYTES:
        return ParseResult(
            None,
            [
                Problem(
                    "",
                    "",
                    f"The file is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}.",
                    "upload.too_large",
                )
            ],
        )
    try:
        content = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return ParseResult(
            None, [Problem("", "", "The file is not UTF-8 text; is it JSON?", "upload.not_json")]
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        return ParseResult(
            None, [Problem("", where, f"This is not valid JSON: {error.msg}.", "upload.not_json")]
        )
    except RecursionError:
        return ParseResult(
            None, [Problem("", "", "The JSON is nested too deeply.", "upload.not_json")]
        )
    if not isinstance(content, dict):
        return ParseResult(
            None,
            [Problem("", "", "The JSON must be an object: a report's content.", "upload.not_json")],
        )
    result = ParseResult(content, [])
    result.problems = result.locate(
        validate_report(content, definition, context=context or ReportContext())
    )
    return result


def export_json(content: Mapping[str, Any]) -> bytes:
    """A report's content as the JSON file :func:`parse_json` reads back."""
    return json.dumps(content, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
