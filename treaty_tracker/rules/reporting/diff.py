"""A field-level diff between two reports' contents ("what changed since the last report").

Rows of a table are matched by content, not by position (difflib's longest matching
blocks), so a type fully destroyed and dropped from Form B's stockpile shows as one row
removed, not as every later row changed. A row added or removed is one change carrying the
whole row; rows paired in a run of edits are compared cell by cell.

Paths are those of :mod:`.locations`. A changed or added row's index is its index in the
current report; a removed row's is its index in the previous report. None, "", [] and {}
all mean "nothing given", and 1 equals 1.0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from treaty_tracker.rules.reporting.content import (
    ReportContent,
    as_decimal,
    is_blank,
    normalise,
)
from treaty_tracker.rules.reporting.definition import (
    FORM_PARTS,
    FieldSpec,
    FormDefinition,
    FormSpec,
    TableSpec,
)
from treaty_tracker.rules.reporting.locations import COVER

_COVER_ORDER = ("form_version", "kind", "state", "submitted", "period", "contact")
_STATUS_PARTS = ("status", "unchanged_since")


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    STATUS = "status"  # a form's status or its "unchanged since" year


@dataclass(frozen=True)
class Change:
    form: str  # "A".."J", or "cover"
    path: str
    kind: ChangeKind
    before: Any = None
    after: Any = None


def diff_reports(
    previous: ReportContent,
    current: ReportContent,
    *,
    definition: FormDefinition | None = None,
) -> list[Change]:
    """The changes from ``previous`` to ``current``: the cover page first, then the forms
    in code order; within a form its status, then its fields in the definition's order
    (alphabetical without a definition, and for keys it does not define), then its text."""
    differ = _Differ(definition)
    before = previous if isinstance(previous, Mapping) else {}
    after = current if isinstance(current, Mapping) else {}
    for key in _ordered([*before, *after], _COVER_ORDER):
        if key != "forms":
            differ.walk(str(key), before.get(key), after.get(key), COVER, None, 0)
    forms_before, forms_after = _mapping(before.get("forms")), _mapping(after.get("forms"))
    for code in sorted({str(code) for code in [*forms_before, *forms_after]}):
        differ.form(code, forms_before.get(code), forms_after.get(code))
    return differ.changes


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _ordered(keys: Sequence[Any], preferred: Sequence[str]) -> list[str]:
    present = {str(key) for key in keys}
    return [key for key in preferred if key in present] + sorted(present - set(preferred))


def _same(before: object, after: object) -> bool:
    a, b = as_decimal(before), as_decimal(after)
    if a is not None or b is not None:
        return a == b
    return bool(normalise(before) == normalise(after))


Spec = FormSpec | TableSpec | FieldSpec | None


def _order(spec: Spec, depth: int) -> tuple[str, ...]:
    """The definition's order of the keys at this level of a value."""
    if isinstance(spec, FormSpec):
        return (*(f.key for f in spec.fields), *(t.key for t in spec.tables))
    if isinstance(spec, TableSpec):
        return tuple(f.key for f in spec.fields)
    if isinstance(spec, FieldSpec) and spec.disaggregation:
        if depth == 0:
            return ("total", "by")
        if depth <= len(spec.disaggregation):
            return spec.disaggregation[depth - 1].values
    return ()


def _child(spec: Spec, key: str) -> Spec:
    if isinstance(spec, FormSpec):
        return spec.field(key) or spec.table(key)
    if isinstance(spec, TableSpec):
        return spec.field(key)
    return spec  # within a field's value the field stays the spec


class _Differ:
    def __init__(self, definition: FormDefinition | None) -> None:
        self.definition = definition
        self.changes: list[Change] = []

    def form(self, code: str, before: object, after: object) -> None:
        if not isinstance(before, Mapping | None) or not isinstance(after, Mapping | None):
            self.leaf(code, before, after, code)  # a malformed form: compare it whole
            return
        before, after = _mapping(before), _mapping(after)
        spec = self.definition.form(code) if self.definition else None
        for part in _STATUS_PARTS:
            old, new = before.get(part), after.get(part)
            if not _same(old, new):
                self.changes.append(
                    Change(code, f"{code}.{part}", ChangeKind.STATUS, _value(old), _value(new))
                )
        self.walk(code, before.get("data"), after.get("data"), code, spec, 0)
        self.walk(f"{code}.text", before.get("text"), after.get("text"), code, None, 0)
        for part in _ordered([*before, *after], ()):
            if part not in FORM_PARTS:
                self.walk(f"{code}.{part}", before.get(part), after.get(part), code, None, 0)

    def walk(
        self, path: str, before: object, after: object, form: str, spec: Spec, depth: int
    ) -> None:
        if is_blank(before) and is_blank(after):
            return
        if isinstance(before, Mapping | None) and isinstance(after, Mapping | None):
            if isinstance(before, Mapping) or isinstance(after, Mapping):
                old, new = _mapping(before), _mapping(after)
                for key in _ordered([*old, *new], _order(spec, depth)):
                    field_spec = _child(spec, key)
                    deeper = depth + 1 if field_spec is spec else 0
                    # A form's data are its fields: the path leaves out the "data" level.
                    child = f"{path}.{key}"
                    self.walk(child, old.get(key), new.get(key), form, field_spec, deeper)
                return
        if isinstance(before, list | None) and isinstance(after, list | None):
            if isinstance(before, list) or isinstance(after, list):
                self.rows(path, before or [], after or [], form, spec)
                return
        self.leaf(path, before, after, form)

    def rows(self, path: str, before: list[Any], after: list[Any], form: str, spec: Spec) -> None:
        keys_before = [_key(row) for row in before]
        keys_after = [_key(row) for row in after]
        matcher = SequenceMatcher(None, keys_before, keys_after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1)
            for offset in range(pairs):
                old, new = before[i1 + offset], after[j1 + offset]
                self.walk(f"{path}[{j1 + offset}]", old, new, form, spec, 0)
            for i in range(i1 + pairs, i2):
                self.changes.append(
                    Change(form, f"{path}[{i}]", ChangeKind.REMOVED, before[i], None)
                )
            for j in range(j1 + pairs, j2):
                self.changes.append(Change(form, f"{path}[{j}]", ChangeKind.ADDED, None, after[j]))

    def leaf(self, path: str, before: object, after: object, form: str) -> None:
        if _same(before, after):
            return
        if is_blank(before):
            kind = ChangeKind.ADDED
        elif is_blank(after):
            kind = ChangeKind.REMOVED
        else:
            kind = ChangeKind.CHANGED
        self.changes.append(Change(form, path, kind, _value(before), _value(after)))


def _value(value: object) -> Any:
    return None if is_blank(value) else value


def _key(row: object) -> str:
    return json.dumps(normalise(row), sort_keys=True, default=str)
