"""The JSON import and export of a report's content (the export is the content itself)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from treaty_tracker.rules.reporting import FormDefinition, ReportContext, validate_report
from treaty_tracker.transparency.spreadsheet.limits import MAX_UPLOAD_BYTES
from treaty_tracker.transparency.spreadsheet.problems import ParseResult, Problem


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
