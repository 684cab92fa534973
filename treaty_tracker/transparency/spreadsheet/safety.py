"""Stage 1 of reading a workbook: refuse a hostile or oversized file cheaply.

:func:`check_container` looks at the bytes and the zip directory only (size, zip check,
the declared uncompressed sizes of its members: a zip bomb is refused before openpyxl
opens it); :func:`read_sheets` then reads every sheet's cells with a row and column limit,
never evaluating a formula but listing each one as a problem at its cell.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from treaty_tracker.transparency.spreadsheet.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_ZIP_MEMBERS,
)
from treaty_tracker.transparency.spreadsheet.problems import Problem, refuse

Grid = dict[tuple[int, int], Any]  # (row, column) -> value


def check_container(data: bytes) -> None:
    """Refuse what is not a small, sane XLSX before any XML is parsed."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise refuse(
            f"The file is {len(data):,} bytes; the limit is {MAX_UPLOAD_BYTES:,}.",
            "upload.too_large",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise refuse(
            "This is not an XLSX workbook. Download the template from the draft page, fill it "
            "in and upload it as .xlsx.",
            "upload.not_xlsx",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise refuse(f"The workbook is damaged ({error}).", "upload.not_xlsx") from error
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise refuse(
            "This zip file is not an XLSX workbook (no xl/workbook.xml).", "upload.not_xlsx"
        )
    # Python's zipfile stops reading a member at its declared size (and fails its CRC
    # otherwise), so the declared sizes bound what openpyxl can decompress.
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNCOMPRESSED_BYTES:
        raise refuse(
            f"The workbook unpacks to {unpacked:,} bytes in {len(members)} parts; the limit "
            f"is {MAX_UNCOMPRESSED_BYTES:,} bytes in {MAX_ZIP_MEMBERS} parts. Is it the "
            "template?",
            "upload.too_large",
        )


def read_sheets(data: bytes) -> tuple[dict[str, Grid], list[Problem]]:
    """Every sheet's non-empty cells, and a problem for each formula (never evaluated)."""
    grids: dict[str, Grid] = {}
    formulas: list[Problem] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError,
            IndexError, AttributeError, OSError, SyntaxError, EOFError) as error:  # fmt: skip
        raise refuse(f"The workbook cannot be read ({error}).", "upload.not_xlsx") from error
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # do not trust the file's own idea of its size
            grid: Grid = {}
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    if cell.row > MAX_ROWS or cell.column > MAX_COLUMNS:
                        raise refuse(
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
        raise refuse(f"The workbook cannot be read ({error}).", "upload.not_xlsx") from error
    finally:
        workbook.close()
    return grids, formulas
