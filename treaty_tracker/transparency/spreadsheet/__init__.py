"""The spreadsheet round trip and JSON import of Article 7 reports.

:func:`build_workbook` writes a report's content (a draft, usually carried forward from the
State's last report) as an XLSX template: a "Cover" sheet (period, contact, and per form
its status and "unchanged since"), one sheet per form (``A`` … ``J``) and a hidden
``_meta`` sheet naming the template and the form version. Column A of every sheet holds the
machine key of its row, hidden, so parsing never depends on labels a translator or the
focal point may change.

:func:`parse_workbook` reads one back in stages (docs/STYLE "Ingestion is staged"):

1. the container (``safety``): a size limit, a zip check, the uncompressed sizes of its
   members (a zip bomb is refused before openpyxl opens it), then a row limit per sheet;
2. the template (``parse``): ``_meta`` must name this template and the form version;
3. the cells (``parse``, ``values``): a formula anywhere is refused, naming its cell; each
   value is converted to its field's type, every problem listed by sheet and cell;
4. validation: :func:`validate_report`, each finding located by sheet and cell through the
   path-to-cell map kept while parsing.

Problems of stages 1–3 are ``refusal``s: no content is returned and nothing may be saved.
Validation findings (``error`` / ``warning``) come with content, which a draft keeps as
it does anything typed online. :func:`parse_json` (``jsonio``) does the same for a JSON
file (the export is the content itself).

The modules, in the order a file goes through them:

- ``limits``: the size limits (bytes, zip members, rows, columns);
- ``layout``: the template's sheet names, version marker and column-A keys;
- ``build``: writing the template;
- ``safety``: refusing a hostile file before and while openpyxl reads it;
- ``values``: one cell's value as its field's JSON value;
- ``parse``: the template back into content, with every problem located;
- ``jsonio``: the JSON import and export;
- ``problems``: :class:`Problem` and :class:`ParseResult`, shared by all of them.

No Django import: the pages in ``web/spreadsheet_views.py`` call these, then
``report_draft_save`` and ``report_upload_record``. Import from this package, not from
its modules: this ``__init__`` is the API.
"""

from __future__ import annotations

from treaty_tracker.transparency.spreadsheet.build import build_workbook
from treaty_tracker.transparency.spreadsheet.jsonio import export_json, parse_json
from treaty_tracker.transparency.spreadsheet.layout import (
    COVER_SHEET,
    LAYOUT,
    META_SHEET,
    SPARE_ROWS,
    TEMPLATE_ID,
)
from treaty_tracker.transparency.spreadsheet.limits import (
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_ZIP_MEMBERS,
)
from treaty_tracker.transparency.spreadsheet.parse import parse_workbook
from treaty_tracker.transparency.spreadsheet.problems import (
    REFUSAL,
    Location,
    ParseResult,
    Problem,
)

__all__ = [
    "COVER_SHEET",
    "LAYOUT",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_UPLOAD_BYTES",
    "MAX_ZIP_MEMBERS",
    "META_SHEET",
    "REFUSAL",
    "SPARE_ROWS",
    "TEMPLATE_ID",
    "Location",
    "ParseResult",
    "Problem",
    "build_workbook",
    "export_json",
    "parse_json",
    "parse_workbook",
]
