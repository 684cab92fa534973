"""The JSON import and export of a report's content (the export is the content itself).

Reading is strict where Python's ``json`` is lenient, so that what is imported can be
stored (PostgreSQL's jsonb refuses NaN, NUL and lone surrogates) and written back to the
template: ``NaN`` and ``Infinity``, a number too large for a float or with more than
``MAX_NUMBER_DIGITS`` digits, and a text holding a NUL or a lone surrogate are refused,
each naming its field's path. Other control characters are dropped from the text
(``sources.text.clean_text``), as on every form; the file itself is kept as received by
the upload's log.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from treaty_tracker.rules.reporting import FormDefinition, ReportContext, validate_report
from treaty_tracker.sources.text import clean_text, unstorable
from treaty_tracker.transparency.spreadsheet.limits import MAX_NUMBER_DIGITS, MAX_UPLOAD_BYTES
from treaty_tracker.transparency.spreadsheet.problems import ParseResult, Problem


class _Refused:
    """A value the parser would not take, left in its place so that the walk over the
    content names its path."""

    def __init__(self, why: str) -> None:
        self.why = why


def _constant(name: str) -> _Refused:
    return _Refused(f"is {name}, which is not a number (JSON has no {name})")


def _integer(text: str) -> int | _Refused:
    digits = len(text.lstrip("-"))
    if digits > MAX_NUMBER_DIGITS:
        return _Refused(
            f"is a number of {digits:,} digits; a report's numbers have at most {MAX_NUMBER_DIGITS}"
        )
    return int(text)


def _float(text: str) -> float | _Refused:
    value = float(text)
    if not math.isfinite(value):
        return _Refused(f"is {text[:20]}{'...' if len(text) > 20 else ''}, too large a number")
    return value


def _shown(key: str) -> str:
    return key if key.isprintable() else json.dumps(key)[1:-1]


def _checked(value: Any, path: str, problems: list[Problem]) -> Any:
    """``value`` with its texts cleaned, each refused value or unstorable text (or key)
    listed in ``problems`` at its path."""
    if isinstance(value, _Refused):
        problems.append(_problem(path, f"{path or 'The file'} {value.why}.", "upload.bad_number"))
        return None
    if isinstance(value, str):
        found = unstorable(value)
        if found:
            problems.append(
                _problem(
                    path,
                    f"{path or 'The file'} holds {found}, which cannot be stored; remove it.",
                    "upload.bad_text",
                )
            )
        return clean_text(value)
    if isinstance(value, list):
        return [_checked(item, f"{path}[{index}]", problems) for index, item in enumerate(value)]
    if isinstance(value, dict):
        checked = {}
        for key, item in value.items():
            where = f"{path}.{_shown(key)}" if path else _shown(key)
            found = unstorable(key)
            if found:
                problems.append(
                    _problem(
                        where,
                        f"The key {where} holds {found}, which cannot be stored.",
                        "upload.bad_text",
                    )
                )
            checked[clean_text(key)] = _checked(item, where, problems)
        return checked
    return value


def _problem(path: str, message: str, code: str) -> Problem:
    return Problem("", path, message, code, field=path)


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
        content = json.loads(
            data.decode("utf-8-sig"),
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_float,
        )
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
    except ValueError as error:  # not raised by json itself, but a guard for the hooks
        return ParseResult(
            None, [Problem("", "", f"This is not valid JSON: {error}.", "upload.not_json")]
        )
    problems: list[Problem] = []
    try:
        content = _checked(content, "", problems)
    except RecursionError:
        return ParseResult(
            None, [Problem("", "", "The JSON is nested too deeply.", "upload.not_json")]
        )
    if problems:
        return ParseResult(None, problems)
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
