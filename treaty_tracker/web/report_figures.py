"""Entering a form's figures online: one page per form of a draft, generated from its
:class:`FormSpec` (scalar fields, disaggregated counts, table rows).

The page posts plain inputs; each is converted with the spreadsheet's
:func:`convert_value`, so a value typed here and the same value typed in the template
become the same content. One value that cannot be converted refuses the whole form (400,
the entered text kept next to its input) and nothing is saved; otherwise the form's
``data`` is replaced, its status set to "changed" when the figures changed, and the
draft saved through ``report_draft_save`` (the one write path), whose findings for this
form are shown.

Input names: ``f-<field>`` for a field (the total of a disaggregated count),
``f-<field>.<value>.<value>…`` for one breakdown cell; ``t-<table>-<row>-<cell>`` for a
table cell (``cell`` as the template's column keys, so a disaggregated column takes one
input per breakdown), ``t-<table>-<row>-remove`` for the remove box of an existing row and
``t-<table>-rows`` for the number of rows posted.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from treaty_tracker.accounts import policy
from treaty_tracker.accounts.decorators import require
from treaty_tracker.rules import Finding
from treaty_tracker.rules.reporting import FieldType, FormSpec, FormStatus
from treaty_tracker.rules.reporting.definition import FieldSpec, TableSpec
from treaty_tracker.states.models import State
from treaty_tracker.transparency import selectors
from treaty_tracker.transparency.services import (
    DraftGone,
    Slot,
    missing_draft,
    report_draft_save,
)
from treaty_tracker.transparency.spreadsheet.layout import field_cells
from treaty_tracker.transparency.spreadsheet.values import convert_value, put_value
from treaty_tracker.web.reporting_views import (
    BAD_REQUEST,
    _definition,
    _findings,
    _signed_in,
    _slot,
    draft_gone,
)

BLANK_ROWS = 3  # blank rows offered below a table's rows
MAX_ROWS = 1000  # rows accepted per table in one post (the count is posted by the browser)

Cell = tuple[str, str, tuple[str, ...] | None]  # (key, label, breakdown), as field_cells


# -- reading the posted inputs into data -----------------------------------------------


@dataclass
class Posted:
    """A form's data built from the inputs, with the problems by input name."""

    data: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _convert(raw: str, spec: FieldSpec, name: str, errors: dict[str, str], place: str = "") -> Any:
    """One input's text as its field's value (a disaggregated count, total or breakdown,
    is an integer, as in the template); a problem is noted under the input's name."""
    kind = FieldType.INTEGER if spec.disaggregation else spec.type
    value, error = convert_value(raw, kind)
    if error:
        errors[name] = f"{place}{spec.label}: {error}"
        return None
    return value


def _cells(specs: tuple[FieldSpec, ...]) -> list[tuple[FieldSpec, Cell]]:
    return [(spec, cell) for spec in specs for cell in field_cells(spec)]


def _row_count(post: Any, table: TableSpec) -> int:
    try:
        count = int(post.get(f"t-{table.key}-rows", "0"))
    except ValueError:
        return 0
    return max(0, min(count, MAX_ROWS))


def read_post(spec: FormSpec, post: Any) -> Posted:
    """The form's data from the posted inputs: blank inputs are absent, a table row left
    entirely blank or marked for removal is dropped."""
    posted = Posted()
    for field_spec, (key, _label, breakdown) in _cells(spec.fields):
        name = f"f-{key}"
        raw = str(post.get(name, ""))
        value = _convert(raw, field_spec, name, posted.errors)
        put_value(posted.data, field_spec, breakdown, value)
    for table in spec.tables:
        rows: list[dict[str, Any]] = []
        for index in range(_row_count(post, table)):
            prefix = f"t-{table.key}-{index}-"
            if post.get(prefix + "remove"):
                continue
            row: dict[str, Any] = {}
            for field_spec, (key, _label, breakdown) in _cells(table.fields):
                name = prefix + key
                raw = str(post.get(name, ""))
                place = _("%(table)s, row %(number)s, ") % {
                    "table": table.label,
                    "number": index + 1,
                }
                value = _convert(raw, field_spec, name, posted.errors, place)
                put_value(row, field_spec, breakdown, value)
            if row:
                rows.append(row)
        if rows:
            posted.data[table.key] = rows
    return posted


# -- showing the inputs --------------------------------------------------------------


def _shown(value: Any) -> str:
    """A stored value as the text of its input."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _value_at(target: dict[str, Any], spec: FieldSpec, breakdown: tuple[str, ...] | None) -> Any:
    value = target.get(spec.key)
    if not spec.disaggregation:
        return value
    if not isinstance(value, dict):
        return value if breakdown is None else None
    if breakdown is None:
        return value.get("total")
    node: Any = value.get("by")
    for part in breakdown:
        node = node.get(part) if isinstance(node, dict) else None
    return node


def texts_of(spec: FormSpec, data: dict[str, Any]) -> tuple[dict[str, str], dict[str, int]]:
    """The inputs' texts for stored ``data`` and the number of stored rows per table."""
    texts: dict[str, str] = {}
    for field_spec, (key, _label, breakdown) in _cells(spec.fields):
        texts[f"f-{key}"] = _shown(_value_at(data, field_spec, breakdown))
    stored: dict[str, int] = {}
    for table in spec.tables:
        rows = [row for row in data.get(table.key) or [] if isinstance(row, dict)]
        stored[table.key] = len(rows)
        for index, row in enumerate(rows):
            for field_spec, (key, _label, breakdown) in _cells(table.fields):
                value = _value_at(row, field_spec, breakdown)
                texts[f"t-{table.key}-{index}-{key}"] = _shown(value)
    return texts, stored


def _id(name: str) -> str:
    return "in-" + name.replace(".", "-")


def widget(
    spec: FieldSpec, name: str, text: str, *, count: bool, label: str = "", error: str = ""
) -> SafeString:
    """The input for one value: a select for a choice or a yes/no, a number input (with
    its minimum) for a quantity, a date input for a date, else a text input. ``label``
    is an ``aria-label`` for a cell with no ``<label>`` of its own (a table cell)."""
    attrs: dict[str, str] = {"name": name, "id": _id(name)}
    if label:
        attrs["aria-label"] = label
    if error:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = _id(name) + "-error"
    kind = FieldType.INTEGER if count else spec.type
    if kind in (FieldType.CHOICE, FieldType.BOOLEAN):
        # yes / no as a choice, not a checkbox: an unticked box would say "no" where the
        # State said nothing (unknown stays unknown).
        if kind is FieldType.BOOLEAN:
            options = [("yes", _("Yes")), ("no", _("No"))]
        else:
            options = [(choice.value, choice.label) for choice in spec.choices]
        known = {value for value, _label in options}
        if text and text not in known:
            options.append((text, text))  # an entered or stored value kept, to be corrected
        choices = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, " selected" if value == text else "", shown)
                for value, shown in [("", _("(not given)")), *options]
            ),
        )
        return format_html("<select{}>{}</select>", _attributes(attrs), choices)
    if kind.is_numeric:
        attrs["type"] = "number"
        attrs["step"] = "1" if kind is FieldType.INTEGER else "any"
        if spec.min is not None or count:
            attrs["min"] = str(spec.min if spec.min is not None else 0)
        attrs["inputmode"] = "numeric" if kind is FieldType.INTEGER else "decimal"
        # type=number would empty a non-number on redisplay: show the entered text.
        if error:
            attrs["type"] = "text"
    elif kind is FieldType.DATE:
        attrs["type"] = "text" if error else "date"
    else:
        attrs["type"] = "text"
    attrs["value"] = text
    return format_html("<input{}>", _attributes(attrs))


def _attributes(attrs: dict[str, str]) -> SafeString:
    return format_html_join("", ' {}="{}"', attrs.items())


@dataclass
class Breakdown:
    """A disaggregated count's breakdown as a small table: one row per combination of all
    dimensions but the last, one column per value of the last."""

    columns: list[str]
    rows: list[tuple[str, list[SafeString]]]


@dataclass
class FieldInput:
    label: str
    caption: str  # the field's own label (``label`` may add ": total")
    help: str
    id: str
    input: SafeString
    error: str
    breakdown: Breakdown | None
    errors: list[tuple[str, str]]  # (input id, message) of the breakdown cells


def _field_inputs(
    spec: FormSpec, texts: dict[str, str], errors: dict[str, str]
) -> list[FieldInput]:
    shown = []
    for field_spec in spec.fields:
        name = f"f-{field_spec.key}"
        counted = bool(field_spec.disaggregation)
        breakdown = None
        cell_errors: list[tuple[str, str]] = []
        if counted:
            *leading, last = field_spec.disaggregation
            rows = []
            for combination in itertools.product(*(d.choices for d in leading)):
                words = ", ".join(choice.label for choice in combination)
                inputs = []
                for choice in last.choices:
                    values = (*(c.value for c in combination), choice.value)
                    cell = f"{name}.{'.'.join(values)}"
                    error = errors.get(cell, "")
                    if error:
                        cell_errors.append((_id(cell), error))
                    label = f"{field_spec.label}: {', '.join(filter(None, [words, choice.label]))}"
                    inputs.append(
                        widget(
                            field_spec,
                            cell,
                            texts.get(cell, ""),
                            count=True,
                            label=label,
                            error=error,
                        )
                    )
                rows.append((words, inputs))
            breakdown = Breakdown([choice.label for choice in last.choices], rows)
        error = errors.get(name, "")
        shown.append(
            FieldInput(
                label=field_spec.label + (_(": total") if counted else ""),
                caption=field_spec.label,
                help=field_spec.help or field_spec.unit,
                id=_id(name),
                input=widget(field_spec, name, texts.get(name, ""), count=counted, error=error),
                error=error,
                breakdown=breakdown,
                errors=cell_errors,
            )
        )
    return shown


@dataclass
class RowInput:
    number: int  # counted from 1, as the findings count rows
    existing: bool
    remove_name: str
    remove_id: str
    removed: bool
    cells: list[tuple[SafeString, str, str]]  # (input, its id, error)


@dataclass
class TableInput:
    spec: TableSpec
    rows_name: str
    row_count: int
    columns: list[str]
    rows: list[RowInput]


def _table_inputs(
    spec: FormSpec,
    texts: dict[str, str],
    errors: dict[str, str],
    stored: dict[str, int],
    posted: Any = None,
) -> list[TableInput]:
    shown = []
    for table in spec.tables:
        cells = _cells(table.fields)
        if posted is not None:
            count = _row_count(posted, table)
        else:
            count = stored.get(table.key, 0) + BLANK_ROWS
        rows = []
        for index in range(count):
            prefix = f"t-{table.key}-{index}-"
            row_cells = []
            for field_spec, (key, label, _breakdown) in cells:
                name = prefix + key
                error = errors.get(name, "")
                aria = _("Row %(number)s, %(column)s") % {"number": index + 1, "column": label}
                row_cells.append(
                    (
                        widget(
                            field_spec,
                            name,
                            texts.get(name, ""),
                            count=bool(field_spec.disaggregation),
                            label=aria,
                            error=error,
                        ),
                        _id(name),
                        error,
                    )
                )
            rows.append(
                RowInput(
                    number=index + 1,
                    existing=index < stored.get(table.key, 0),
                    remove_name=prefix + "remove",
                    remove_id=_id(prefix + "remove"),
                    removed=bool(posted is not None and posted.get(prefix + "remove")),
                    cells=row_cells,
                )
            )
        shown.append(
            TableInput(
                spec=table,
                rows_name=f"t-{table.key}-rows",
                row_count=count,
                columns=[label for _spec, (_key, label, _b) in cells],
                rows=rows,
            )
        )
    return shown


# -- the page --------------------------------------------------------------------------


def _form_spec(content: dict[str, Any], code: str) -> FormSpec:
    spec = _definition(content).form(code)
    if spec is None:
        raise Http404(_("This report has no form %(code)s.") % {"code": code})
    return spec


def _of_form(findings: list[Finding], code: str) -> list[Finding]:
    """The findings about form ``code`` (its status, text, fields and rows)."""
    return [
        finding
        for finding in findings
        if finding.params.get("form") == code
        or finding.field == code
        or finding.field.startswith(code + ".")
    ]


def _page(
    request: HttpRequest,
    slot: Slot,
    spec: FormSpec | None,
    *,
    texts: dict[str, str] | None = None,
    stored: dict[str, int] | None = None,
    errors: dict[str, str] | None = None,
    posted: Any = None,
    findings: list[Finding] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    context: dict[str, Any] = {
        "nav": "reporting",
        "slot": slot,
        "state": get_object_or_404(State, iso3=slot.iso3),
        "year_part": "initial" if slot.year is None else str(slot.year),
        "spec": spec,
    }
    if spec is not None and texts is not None:
        fields = _field_inputs(spec, texts, errors)
        tables = _table_inputs(spec, texts, errors, stored or {}, posted)
        summary = [(item.id, item.error) for item in fields if item.error]
        for item in fields:
            summary += item.errors
        for table in tables:
            summary += [
                (cell_id, error) for row in table.rows for _i, cell_id, error in row.cells if error
            ]
        context.update(
            fields=fields,
            tables=tables,
            error_summary=summary,
            findings=_findings(findings) if findings is not None else None,
        )
    return render(request, "web/reporting/form_figures.html", context, status=status)


@_signed_in
@require(policy.can_draft_report)
def form_figures(request: HttpRequest, iso3: str, kind: str, year: str, code: str) -> HttpResponse:
    """One form's figures of the draft: shown as inputs; posted, converted and saved."""
    slot = _slot(iso3, kind, year)
    current = selectors.draft_for(slot)
    if current is None and request.method == "POST":
        # Submitted meanwhile (another tab): nothing is saved; say what it became.
        return draft_gone(request, missing_draft(slot))
    if current is None:
        # No draft yet: the draft page starts one (carrying the last report forward).
        return _page(request, slot, None)
    content = copy.deepcopy(dict(current.content))
    spec = _form_spec(content, code)
    form = dict((content.get("forms") or {}).get(code) or {})
    old_data = form.get("data") or {}
    if request.method != "POST":
        texts, stored = texts_of(spec, old_data)
        return _page(request, slot, spec, texts=texts, stored=stored)
    posted = read_post(spec, request.POST)
    _old_texts, stored = texts_of(spec, old_data)
    if posted.errors:
        texts = {key: str(value) for key, value in request.POST.items()}
        return _page(
            request,
            slot,
            spec,
            texts=texts,
            stored=stored,
            errors=posted.errors,
            posted=request.POST,
            status=BAD_REQUEST,
        )
    unchanged = (FormStatus.UNCHANGED.value, FormStatus.NOT_APPLICABLE.value)
    if posted.data != old_data and form.get("status") in unchanged:
        # New figures make the form "changed" (the cover page's tick box).
        form["status"] = FormStatus.CHANGED.value
        form.pop("unchanged_since", None)
    if posted.data:
        form["data"] = posted.data
    else:
        form.pop("data", None)
    content.setdefault("forms", {})[code] = form
    try:
        _saved, findings = report_draft_save(user=request.user, slot=slot, content=content)
    except DraftGone as gone:
        return draft_gone(request, gone)
    messages.success(request, _("Form %(code)s saved.") % {"code": code})
    texts, stored = texts_of(spec, posted.data)
    return _page(
        request,
        slot,
        spec,
        texts=texts,
        stored=stored,
        findings=_of_form(findings, code),
    )
