"""The schema layer: does a report's content fit its form definition?

Every finding here is an error (a report that does not fit its form cannot be submitted)
with a ``schema.*`` code. Each code is listed in :data:`SCHEMA_CODES` and documented in
docs/reporting.md (a test keeps the two equal).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.records import ReportKind
from treaty_tracker.rules.reporting.content import Period, as_decimal, is_blank, parse_day
from treaty_tracker.rules.reporting.definition import (
    FORM_PARTS,
    FieldSpec,
    FieldType,
    FormDefinition,
    FormSpec,
    FormStatus,
    TableSpec,
)
from treaty_tracker.rules.reporting.locations import finding_at
from treaty_tracker.rules.treaty import TREATIES

_ISO_CODE = re.compile(r"^[A-Z]{3}$")
_EXPECTED = {
    FieldType.INTEGER: "a whole number",
    FieldType.DECIMAL: "a number",
    FieldType.AREA_M2: "an area in square metres (a number)",
    FieldType.TEXT: "a text",
    FieldType.DATE: "a date written YYYY-MM-DD",
    FieldType.BOOLEAN: "true or false",
    FieldType.STATE: "an ISO 3166-1 alpha-3 code such as KEN",
    FieldType.CURRENCY: "an ISO 4217 currency code such as EUR",
}
TOP_LEVEL = ("form_version", "kind", "period", "contact", "forms")


@dataclass(frozen=True)
class CodeInfo:
    """A finding code, for the catalogue: docs, help pages, and the doc-coverage test."""

    code: str
    severity: Severity
    help_text: str
    layer: str  # "schema" or "quality"


def _schema(code: str, help_text: str) -> CodeInfo:
    return CodeInfo(code, Severity.ERROR, help_text, "schema")


SCHEMA_CODES: tuple[CodeInfo, ...] = (
    _schema("schema.version", "The report is written in another form version than the one used."),
    _schema(
        "schema.required",
        "A required value is missing: a form's status, a required field or table, a row's "
        "required cell, a currency given an amount, the period or the contact.",
    ),
    _schema(
        "schema.type",
        "A value of the wrong type: a non-numeric quantity, a bad date, a malformed "
        "breakdown, a table that is not a list of rows.",
    ),
    _schema("schema.negative", "A quantity below its minimum: every quantity is 0 or more."),
    _schema("schema.choice", "A value that is not one of the field's choices, or the kind."),
    _schema("schema.unknown_field", "A key the form version does not define."),
    _schema("schema.unknown_form", "A form the form version does not have."),
    _schema("schema.status", "A status the form does not offer (e.g. not applicable on A)."),
    _schema(
        "schema.unchanged_since",
        "A form marked unchanged without a valid year, with a year after the period or "
        "before the Convention, or a year given on a form not marked unchanged.",
    ),
    _schema("schema.period", "The reporting period starts after it ends."),
)


def check_schema(content: object, definition: FormDefinition) -> list[Finding]:
    """The ``schema.*`` findings for ``content`` against ``definition``, in form order."""
    checker = _Checker(definition)
    checker.report(content)
    return checker.findings


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _plain(value: object) -> Any:
    """A value fit for a finding's params (which are stored as JSON)."""
    return value if isinstance(value, str | int | float | bool) or value is None else _show(value)


class _Checker:
    def __init__(self, definition: FormDefinition) -> None:
        self.definition = definition
        self.findings: list[Finding] = []

    def add(self, code: str, path: str, problem: str, **params: Any) -> None:
        self.findings.append(
            finding_at(self.definition, code, Severity.ERROR, path, problem, **params)
        )

    def unknown_keys(self, values: Mapping[str, Any], known: Sequence[str], prefix: str) -> None:
        for key in values:
            if key not in known:
                path = f"{prefix}.{key}" if prefix else str(key)
                self.add(
                    "schema.unknown_field",
                    path,
                    f"not a field of form version {self.definition.version}",
                    key=str(key),
                )

    # -- the cover page ------------------------------------------------------------------

    def report(self, content: object) -> None:
        if not isinstance(content, Mapping):
            self.add("schema.type", "", f"must be an object, not {_show(content)}")
            return
        cover = self.definition.cover
        self.unknown_keys(content, [*TOP_LEVEL, *(f.key for f in cover.fields)], "")
        version = content.get("form_version")
        if is_blank(version):
            self.add("schema.required", "form_version", "is required")
        elif version != self.definition.version:
            self.add(
                "schema.version",
                "form_version",
                f"the report is written in {_show(version)}, not in {self.definition.version!r}",
                version=_plain(version),
                expected=self.definition.version,
            )
        kind = content.get("kind")
        if is_blank(kind):
            self.add("schema.required", "kind", "is required")
        elif kind not in [k.value for k in ReportKind]:
            allowed = ", ".join(k.value for k in ReportKind)
            self.add("schema.choice", "kind", f"{_show(kind)} is not one of: {allowed}")
        self.fields(cover.fields, content, "", required=True)
        self.period(content.get("period"))
        contact = content.get("contact")
        if is_blank(contact):
            self.add("schema.required", "contact", "is required (Art. 7(1)(l))")
        elif not isinstance(contact, Mapping):
            self.add("schema.type", "contact", f"must be an object, not {_show(contact)}")
        else:
            self.unknown_keys(contact, [f.key for f in cover.contact], "contact")
            self.fields(cover.contact, contact, "contact", required=True)
        self.forms(content.get("forms"), Period.from_content(content))

    def period(self, period: object) -> None:
        if is_blank(period):
            self.add("schema.required", "period", "is required")
            return
        if not isinstance(period, Mapping):
            self.add("schema.type", "period", f"must be an object with from and to, not {period!r}")
            return
        self.unknown_keys(period, ["from", "to"], "period")
        days = {}
        for side in ("from", "to"):
            value = period.get(side)
            if is_blank(value):
                self.add("schema.required", f"period.{side}", "is required")
            elif (day := parse_day(value)) is None:
                self.add(
                    "schema.type",
                    f"period.{side}",
                    f"must be {_EXPECTED[FieldType.DATE]}, not {_show(value)}",
                    value=_plain(value),
                )
            else:
                days[side] = day
        if len(days) == 2 and days["from"] > days["to"]:
            self.add(
                "schema.period",
                "period",
                f"starts on {days['from']}, after it ends on {days['to']}",
                start=days["from"].isoformat(),
                end=days["to"].isoformat(),
            )

    # -- forms ---------------------------------------------------------------------------

    def forms(self, forms: object, period: Period | None) -> None:
        if is_blank(forms):
            forms = {}
        if not isinstance(forms, Mapping):
            self.add("schema.type", "forms", f"must be an object keyed by form, not {_show(forms)}")
            return
        for key in forms:
            if self.definition.form(str(key)) is None:
                known = ", ".join(self.definition.codes)
                self.add(
                    "schema.unknown_form",
                    f"forms.{key}",
                    f"form version {self.definition.version} has no such form (forms: {known})",
                    key=str(key),
                )
        for spec in self.definition.forms:
            if spec.code not in forms:
                options = ", ".join(o.value for o in spec.status_options)
                self.add("schema.required", spec.code, f"no status given (one of: {options})")
            else:
                self.form(spec, forms[spec.code], period)

    def form(self, spec: FormSpec, raw: object, period: Period | None) -> None:
        code = spec.code
        if not isinstance(raw, Mapping):
            self.add("schema.type", code, f"must be an object with a status, not {_show(raw)}")
            return
        self.unknown_keys(raw, FORM_PARTS, code)
        status = raw.get("status")
        if is_blank(status):
            options = ", ".join(o.value for o in spec.status_options)
            self.add("schema.required", f"{code}.status", f"is required (one of: {options})")
        elif status not in [o.value for o in spec.status_options]:
            options = ", ".join(o.value for o in spec.status_options)
            self.add(
                "schema.status",
                f"{code}.status",
                f"{_show(status)} is not allowed on this form (allowed: {options})",
                status=_plain(status),
            )
        since = raw.get("unchanged_since")
        if status == FormStatus.UNCHANGED:
            self.unchanged_since(code, since, period)
        elif since is not None:
            self.add(
                "schema.unchanged_since",
                f"{code}.unchanged_since",
                "is given, but the form is not marked unchanged",
                year=_plain(since),
            )
        changed = status == FormStatus.CHANGED
        data = raw.get("data")
        if is_blank(data):
            data = {}
        if not isinstance(data, Mapping):
            self.add("schema.type", code, f"data must be an object of fields, not {_show(data)}")
            data = {}
        self.unknown_keys(
            data, [*(f.key for f in spec.fields), *(t.key for t in spec.tables)], code
        )
        self.fields(spec.fields, data, code, required=changed)
        for table in spec.tables:
            self.table(table, data.get(table.key), f"{code}.{table.key}", required=changed)
        self.text(spec, raw.get("text"), required=changed)

    def unchanged_since(self, code: str, year: object, period: Period | None) -> None:
        path = f"{code}.unchanged_since"
        adopted = TREATIES[self.definition.treaty].adopted.year
        if not isinstance(year, int) or isinstance(year, bool):
            self.add(
                "schema.unchanged_since",
                path,
                "give the year of the last report in which this form changed",
                year=_plain(year),
            )
        elif period is not None and year > period.end.year:
            self.add(
                "schema.unchanged_since",
                path,
                f"{year} is after the year this report covers ({period.end.year})",
                year=year,
            )
        elif year < adopted:
            self.add(
                "schema.unchanged_since",
                path,
                f"{year} is before the Convention was adopted ({adopted})",
                year=year,
            )

    def text(self, spec: FormSpec, text: object, *, required: bool) -> None:
        path = f"{spec.code}.text"
        if is_blank(text):
            if required and spec.text is not None and spec.text.required:
                self.add("schema.required", path, "is required")
        elif spec.text is None:
            self.add("schema.unknown_field", path, "this form has no free text", key="text")
        elif not isinstance(text, str):
            self.add("schema.type", path, f"must be a text, not {_show(text)}")

    def table(self, spec: TableSpec, rows: object, path: str, *, required: bool) -> None:
        if is_blank(rows):
            if required and spec.required:
                self.add("schema.required", path, "at least one row is required")
            return
        if not isinstance(rows, list):
            self.add("schema.type", path, f"must be a list of rows, not {_show(rows)}")
            return
        for index, row in enumerate(rows):
            row_path = f"{path}[{index}]"
            if not isinstance(row, Mapping):
                self.add("schema.type", row_path, f"must be an object, not {_show(row)}")
                continue
            self.unknown_keys(row, [f.key for f in spec.fields], row_path)
            # A row that is there must be whole, whatever the form's status.
            self.fields(spec.fields, row, row_path, required=True)

    # -- values --------------------------------------------------------------------------

    def fields(
        self, specs: Sequence[FieldSpec], values: Mapping[str, Any], prefix: str, *, required: bool
    ) -> None:
        labels = {spec.key: spec.label for spec in specs}
        for spec in specs:
            path = f"{prefix}.{spec.key}" if prefix else spec.key
            value = values.get(spec.key)
            if not is_blank(value):
                self.value(spec, value, path)
            elif required and spec.required:
                self.add("schema.required", path, "is required")
            elif spec.required_with and not is_blank(values.get(spec.required_with)):
                other = labels[spec.required_with]
                self.add("schema.required", path, f"is required when {other} is given")

    def value(self, spec: FieldSpec, value: object, path: str) -> None:
        if spec.disaggregation:
            self.disaggregated(spec, value, path)
        else:
            self.scalar(spec, value, path)

    def scalar(self, spec: FieldSpec, value: object, path: str) -> None:
        kind = spec.type
        if kind.is_numeric:
            number = as_decimal(value)
            if number is None or (kind is FieldType.INTEGER and not isinstance(value, int)):
                self.add(
                    "schema.type",
                    path,
                    f"must be {_EXPECTED[kind]}, not {_show(value)}",
                    value=_plain(value),
                )
            elif spec.min is not None and number < spec.min:
                problem = "cannot be negative" if spec.min == 0 else f"must be at least {spec.min}"
                self.add(
                    "schema.negative",
                    path,
                    f"{problem} ({_show(value)})",
                    value=_plain(value),
                    min=int(spec.min) if spec.min == int(spec.min) else str(spec.min),
                )
            return
        if kind is FieldType.CHOICE:
            if value not in spec.choice_values:
                allowed = ", ".join(spec.choice_values)
                self.add(
                    "schema.choice",
                    path,
                    f"{_show(value)} is not one of: {allowed}",
                    value=_plain(value),
                )
            return
        valid = {
            FieldType.TEXT: isinstance(value, str),
            FieldType.DATE: parse_day(value) is not None,
            FieldType.BOOLEAN: isinstance(value, bool),
            FieldType.STATE: isinstance(value, str) and bool(_ISO_CODE.match(value)),
            FieldType.CURRENCY: isinstance(value, str) and bool(_ISO_CODE.match(value)),
        }[kind]
        if not valid:
            self.add(
                "schema.type",
                path,
                f"must be {_EXPECTED[kind]}, not {_show(value)}",
                value=_plain(value),
            )

    def disaggregated(self, spec: FieldSpec, value: object, path: str) -> None:
        """A count with a breakdown: ``{"total": 12, "by": {"female": {"child": 3, ...}}}``;
        the breakdown is optional ("where available"), and may be partial."""
        if not isinstance(value, Mapping):
            self.add(
                "schema.type",
                path,
                f'must be a count with a breakdown, {{"total": n, "by": {{...}}}}, '
                f"not {_show(value)}",
                value=_plain(value),
            )
            return
        self.unknown_keys(value, ["total", "by"], path)
        total = value.get("total")
        if is_blank(total):
            self.add("schema.required", f"{path}.total", "is required when a count is given")
        else:
            self.scalar(spec, total, f"{path}.total")
        if not is_blank(value.get("by")):
            self.breakdown(spec, value["by"], f"{path}.by", 0)

    def breakdown(self, spec: FieldSpec, node: object, path: str, depth: int) -> None:
        if depth == len(spec.disaggregation):
            if not is_blank(node):
                self.scalar(spec, node, path)
            return
        dimension = spec.disaggregation[depth]
        if not isinstance(node, Mapping):
            self.add(
                "schema.type",
                path,
                f"must be a breakdown by {dimension.label} ({', '.join(dimension.values)}), "
                f"not {_show(node)}",
            )
            return
        for key, child in node.items():
            if key in dimension.values:
                self.breakdown(spec, child, f"{path}.{key}", depth + 1)
            else:
                self.add(
                    "schema.choice",
                    f"{path}.{key}",
                    f"{key!r} is not a category of {dimension.label} "
                    f"(one of: {', '.join(dimension.values)})",
                    value=str(key),
                )
