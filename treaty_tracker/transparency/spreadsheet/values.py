"""Converting one cell's value to the JSON value of its field, or saying why not."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from treaty_tracker.rules.reporting import FieldSpec, FieldType
from treaty_tracker.rules.reporting.content import parse_day
from treaty_tracker.sources.text import clean_text

_BOOLEAN_WORDS = {"yes": True, "true": True, "no": False, "false": False}


def text_of(value: object, *, date_ok: bool = False) -> str | None:
    """A cell as text, or None when empty; control characters are dropped as on every
    form (``sources.text.clean_text``: a cell pasted from Word holds vertical tabs)."""
    if value is None:
        return None
    if isinstance(value, datetime | date) and date_ok:
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean_text(str(value)).strip()
    return text or None


def convert_value(value: object, kind: FieldType) -> tuple[Any, str]:
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
    return text_of(value), ""  # text, choice, state, currency: checked by validation


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


def put_value(
    target: dict[str, Any], spec: FieldSpec, breakdown: tuple[str, ...] | None, value: Any
) -> None:
    """A converted value into a form's data or a table row: a disaggregated count's total
    under ``total``, a breakdown cell nested by dimension under ``by``; None is not stored.
    Shared by the template reader and the online figures page."""
    if value is None:
        return
    if not spec.disaggregation:
        target[spec.key] = value
        return
    count = target.setdefault(spec.key, {})
    if breakdown is None:
        count["total"] = value
        return
    node = count.setdefault("by", {})
    for part in breakdown[:-1]:
        node = node.setdefault(part, {})
    node[breakdown[-1]] = value
