"""Where a finding or a change is: a path for programs and words for people.

Paths name the form and the field, leaving out the ``data`` level of the content::

    kind, period.from, contact.email            the cover page
    B, B.status, B.unchanged_since, B.text      a form and its parts
    B.programme_status                          a field
    B.stockpile, B.stockpile[2].submunitions    a table, a cell (rows counted from 0)
    H.killed.total, H.killed.by.female.child    a disaggregated count and one of its cells
    forms.Z                                     a form the definition does not have

:func:`describe` turns a path into the words every message starts with ("Form B,
Stockpile, row 3, Explosive submunitions"), so no message can forget to say where it is.
"""

from __future__ import annotations

import re
from typing import Any

from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.reporting.definition import CODE_PATTERN, FieldSpec, FormDefinition

_SEGMENT = re.compile(r"^(?P<name>[^\[\]]*)(?:\[(?P<index>\d+)\])?$")
COVER = "cover"
_COVER_WORDS = {
    "form_version": "form version",
    "kind": "kind of report",
    "period": "reporting period",
    "contact": "national point of contact",
    "forms": "forms",
}
_FORM_PART_WORDS = {"status": "status", "unchanged_since": "unchanged since"}


def _segments(path: str) -> list[tuple[str, int | None]]:
    result: list[tuple[str, int | None]] = []
    for segment in path.split("."):
        match = _SEGMENT.match(segment)
        if match is None:
            result.append((segment, None))
        else:
            index = match.group("index")
            result.append((match.group("name"), None if index is None else int(index)))
    return result


def form_of(path: str) -> str:
    """The form a path is in (``"B"``), or ``"cover"`` for the cover page."""
    head, _, rest = path.partition(".")
    head = head.split("[")[0]
    if head == "forms" and rest:
        return rest.split(".")[0]
    return head if CODE_PATTERN.match(head) else COVER


def describe(path: str, definition: FormDefinition) -> str:
    """The words for a path, with the definition's labels."""
    if not path:
        return "Report"
    segments = _segments(path)
    head, _ = segments[0]
    form = definition.form(head)
    if form is None:
        if head == "forms" and len(segments) > 1:
            return f"Form {segments[1][0]}"
        return _describe_cover(segments, definition)
    words = [f"Form {form.code}"]
    rest = segments[1:]
    if not rest:
        return words[0]
    key, index = rest[0]
    field_spec = form.field(key)
    table = form.table(key)
    if key in _FORM_PART_WORDS:
        words.append(_FORM_PART_WORDS[key])
    elif key == "text":
        words.append(form.text.label if form.text else "free text")
    elif field_spec is not None:
        words += [field_spec.label, *_describe_value(field_spec, rest[1:])]
    elif table is not None:
        words.append(table.label)
        if index is not None:
            words.append(f"row {index + 1}")
        if len(rest) > 1:
            column = table.field(rest[1][0])
            if column is None:
                words += [name for name, _ in rest[1:]]
            else:
                words += [column.label, *_describe_value(column, rest[2:])]
    else:
        words += [name for name, _ in rest]
    return ", ".join(words)


def _describe_cover(segments: list[tuple[str, int | None]], definition: FormDefinition) -> str:
    head, _ = segments[0]
    words = ["Cover page"]
    cover_field = next((f for f in definition.cover.fields if f.key == head), None)
    if cover_field is not None:
        words.append(cover_field.label)
    elif head in _COVER_WORDS:
        words.append(_COVER_WORDS[head])
    else:
        words.append(head)
    for name, _ in segments[1:]:
        contact = next((f for f in definition.cover.contact if f.key == name), None)
        words.append(contact.label if head == "contact" and contact else name)
    if head == "period" and len(segments) == 2:
        return f"{', '.join(words[:-1])} {words[-1]}"  # "reporting period from"
    return ", ".join(words)


def _describe_value(spec: FieldSpec, rest: list[tuple[str, int | None]]) -> list[str]:
    """Words for the parts of a disaggregated count: total, breakdown, categories."""
    words = []
    depth = 0
    for name, _ in rest:
        if name == "total":
            words.append("total")
        elif name == "by":
            if len(rest) == 1:
                words.append("breakdown by " + ", ".join(d.label for d in spec.disaggregation))
        elif depth < len(spec.disaggregation):
            dimension = spec.disaggregation[depth]
            label = next((c.label for c in dimension.choices if c.value == name), name)
            words.append(label)
            depth += 1
        else:
            words.append(name)
    return words


def finding_at(
    definition: FormDefinition,
    code: str,
    severity: Severity,
    path: str,
    problem: str,
    **params: Any,
) -> Finding:
    """A finding whose message starts with where it is, and whose params say the form."""
    return Finding(
        code=code,
        severity=severity,
        message=f"{describe(path, definition)}: {problem}",
        params={"form": form_of(path), "path": path, **params},
        field=path,
    )
