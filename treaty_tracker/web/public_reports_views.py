"""The public Article 7 pages: published reports (a list with downloads, and each version
read form by form) and the compliance matrix.

Only published versions are ever read (``transparency.published``); an unpublished or
unknown id is a 404. On time or late comes from the rules engine (the record's report
dated by its first version), never from a date computed here. Every page costs a fixed
number of queries.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.rules import EARLIEST_AS_OF, LATEST_AS_OF, ReportKind
from treaty_tracker.rules.compliance import (
    Cell,
    Figures,
    cell,
    compute,
    default_years,
)
from treaty_tracker.rules.reporting import (
    DefinitionError,
    FieldSpec,
    FieldType,
    FormDefinition,
    load_form_definition,
)
from treaty_tracker.sources.forms import CleanTextMixin
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.charts import render_svg, svg_document
from treaty_tracker.themes.downloads import download, format_field, query_with
from treaty_tracker.themes.forms import AsOfForm
from treaty_tracker.transparency import published
from treaty_tracker.transparency.charts import reporting_chart
from treaty_tracker.transparency.models import Report
from treaty_tracker.transparency.selectors import previous_submission
from treaty_tracker.web.report_changes import changes_between

BAD_REQUEST = 400
TEMPLATES = "web/public_reports/"

CELL: dict[str, Promise] = {
    Cell.ON_TIME: gettext_lazy("On time"),
    Cell.LATE: gettext_lazy("Late"),
    Cell.SUBMITTED: gettext_lazy("Submitted, timeliness not known"),
    Cell.OVERDUE: gettext_lazy("Missing (overdue)"),
    Cell.NOT_YET_DUE: gettext_lazy("Not yet due"),
    Cell.NOT_KNOWN: gettext_lazy("Not known"),
    Cell.NOT_REQUIRED: gettext_lazy("None due (not yet in force or before the first)"),
}
# The site's status colours; every cell also says its status in words.
CELL_CLASS = {
    Cell.ON_TIME: "submitted",
    Cell.LATE: "pending",
    Cell.SUBMITTED: "submitted",
    Cell.OVERDUE: "overdue",
    Cell.NOT_YET_DUE: "not_yet_due",
    Cell.NOT_KNOWN: "not_known",
    Cell.NOT_REQUIRED: "not_in_force",
}
TIMELINESS: dict[str, Promise] = {
    "on_time": gettext_lazy("On time"),
    "late": gettext_lazy("Late"),
    "not_known": gettext_lazy("Not known"),
}


# -- forms ----------------------------------------------------------------------------


class ReportFilterForm(CleanTextMixin, forms.Form):
    """``/reports/`` filters; each is optional, a bad one is a 400 with its error."""

    state = forms.RegexField(
        label=gettext_lazy("State"),
        required=False,
        regex=r"^[A-Za-z]{3}$",
        help_text=gettext_lazy("ISO 3166-1 alpha-3 code, e.g. ISL."),
        error_messages={"invalid": gettext_lazy("Enter a three-letter code, e.g. ISL.")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *Report.Kind.choices],
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year covered"),
        required=False,
        min_value=EARLIEST_AS_OF.year,
        max_value=LATEST_AS_OF.year,
        error_messages={"invalid": gettext_lazy("Enter a year, for example 2019.")},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    format = format_field()

    def clean_state(self) -> str:
        code = str(self.cleaned_data["state"] or "").upper()
        if code and code not in register():
            raise forms.ValidationError(
                _("The record holds no State with the code %(code)s."),
                code="unknown_state",
                params={"code": code},
            )
        return code


class ContentFormatForm(CleanTextMixin, forms.Form):
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        required=False,
        choices=[("", gettext_lazy("Web page")), ("json", gettext_lazy("JSON download"))],
    )


# -- the list of published reports -----------------------------------------------------


CSV_COLUMNS = ("state", "state_name", "kind", "year", "version", "submitted", "timeliness", "url")


def report_list(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET)
    context: dict[str, Any] = {"form": form, "nav": "reports", "keep": ""}
    if not form.is_valid():
        return render(request, TEMPLATES + "list.html", context, status=BAD_REQUEST)
    data = form.cleaned_data
    rows = published.published_rows(
        iso3=data["state"] or None, kind=data["kind"] or None, year=data["year"]
    )
    if data["format"]:
        json_rows = [row | {"submitted": row["submitted"].isoformat()} for row in rows]
        return download(
            json_rows if data["format"] == "json" else rows,
            CSV_COLUMNS,
            name="article7-reports",
            fmt=data["format"],
            key="reports",
        )
    query = request.GET.copy()
    query.pop("format", None)
    context.update(
        rows=rows,
        timeliness=TIMELINESS,
        csv_query=query_with(query, "csv"),
        json_query=query_with(query, "json"),
        xlsx_query=query_with(query, "xlsx"),
    )
    return render(request, TEMPLATES + "list.html", context)


# -- one published version ------------------------------------------------------------


def _value(spec: FieldSpec | None, value: Any) -> str:
    """A stored value in words: a choice's label, yes / no, a total with its breakdown."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if spec is not None and spec.type is FieldType.CHOICE:
        return next((c.label for c in spec.choices if c.value == value), str(value))
    if isinstance(value, dict):
        total = value.get("total")
        by = value.get("by")
        parts = [f"{k}: {v}" for k, v in by.items()] if isinstance(by, dict) else []
        if total is not None:
            return f"{total}" + (f" ({', '.join(parts)})" if parts else "")
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    return f"{text} {spec.unit}" if spec is not None and spec.unit else text


FORM_STATUS: dict[str, Promise] = {
    "changed": gettext_lazy("Changed"),
    "unchanged": gettext_lazy("Unchanged"),
    "not_applicable": gettext_lazy("Not applicable"),
}


def _forms(content: dict[str, Any], definition: FormDefinition | None) -> list[dict[str, Any]]:
    """Each form of the content, readably: its title, status, fields, tables and text."""
    stored = content.get("forms") if isinstance(content.get("forms"), dict) else {}
    assert isinstance(stored, dict)
    specs = {f.code: f for f in definition.forms} if definition else {}
    codes = [c for c in specs if c in stored] + sorted(c for c in stored if c not in specs)
    result = []
    for code in codes:
        form = stored.get(code) if isinstance(stored.get(code), dict) else {}
        assert isinstance(form, dict)
        spec = specs.get(code)
        data = form.get("data") if isinstance(form.get("data"), dict) else {}
        assert isinstance(data, dict)
        field_specs = {f.key: f for f in spec.fields} if spec else {}
        table_specs = {t.key: t for t in spec.tables} if spec else {}
        fields = [
            (field_specs[k].label if k in field_specs else k, _value(field_specs.get(k), v))
            for k, v in data.items()
            if k not in table_specs and not isinstance(v, list)
        ]
        tables = []
        for key, rows in data.items():
            if not isinstance(rows, list):
                continue
            table = table_specs.get(key)
            columns = (
                [c.key for c in table.fields]
                if table
                else sorted({k for r in rows if isinstance(r, dict) for k in r})
            )
            columns_specs = {c.key: c for c in table.fields} if table else {}
            tables.append(
                {
                    "label": table.label if table else key,
                    "columns": [
                        columns_specs[c].label if c in columns_specs else c for c in columns
                    ],
                    "rows": [
                        [_value(columns_specs.get(c), r.get(c)) for c in columns]
                        for r in rows
                        if isinstance(r, dict)
                    ],
                }
            )
        status = str(form.get("status", ""))
        result.append(
            {
                "code": code,
                "title": spec.title if spec else "",
                "status": status,
                "status_label": FORM_STATUS.get(status, status),
                "unchanged_since": form.get("unchanged_since"),
                "fields": fields,
                "tables": tables,
                "text": form.get("text") or "",
                "text_label": spec.text.label if spec and spec.text else _("Other information"),
            }
        )
    return result


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "404.html",
        {"message": _("No published Article 7 report has this number.")},
        status=404,
    )


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = published.published_version(pk)
    if submission is None:
        return _not_found(request)
    form = ContentFormatForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            TEMPLATES + "report.html",
            {"form": form, "nav": "reports", "keep": "", "submission": submission},
            status=BAD_REQUEST,
        )
    content = submission.content if isinstance(submission.content, dict) else {}
    if form.cleaned_data["format"] == "json":
        response = HttpResponse(
            json.dumps(content, indent=2, ensure_ascii=False) + "\n",
            content_type="application/json; charset=utf-8",
        )
        name = f"{submission.state.iso3}-{submission.kind}-{submission.year or ''}"
        response["Content-Disposition"] = f'attachment; filename="{name}-v{submission.number}.json"'
        return response
    try:
        definition: FormDefinition | None = load_form_definition(submission.form_version)
    except DefinitionError:
        definition = None
    contact = content.get("contact") if isinstance(content.get("contact"), dict) else {}
    assert isinstance(contact, dict)
    contact_specs = {c.key: c for c in definition.cover.contact} if definition else {}
    previous = previous_submission(submission, published=True)
    state = register().summary(localdate()).states
    by_iso = {s.iso3: s for s in state}
    context = {
        "form": form,
        "nav": "reports",
        "keep": "",
        "submission": submission,
        "timeliness": TIMELINESS.get(
            published.timeliness(by_iso.get(submission.state.iso3), submission) or ""
        ),
        "later": published.later_version(submission),
        # The field-level diff against the State's previous published version.
        "previous": previous,
        "changes": changes_between(submission, previous),
        "definition": definition,
        "contact": [
            (contact_specs[k].label if k in contact_specs else k, _value(None, v))
            for k, v in contact.items()
        ],
        "forms": _forms(content, definition),
    }
    return render(request, TEMPLATES + "report.html", context)


# -- the compliance matrix ----------------------------------------------------------------


def _percent(rate: float | None) -> str | None:
    return None if rate is None else f"{rate * 100:.1f}"


def _figures(figures: Figures) -> dict[str, Any]:
    return {
        "f": figures,
        "submitted_rate": _percent(figures.submitted_rate),
        "on_time_rate": _percent(figures.on_time_rate),
    }


class MatrixForm(AsOfForm):
    format = format_field()


def matrix(request: HttpRequest) -> HttpResponse:
    form = MatrixForm.bind(request.GET)
    keep = ""
    if request.GET.get("as_of") and form.is_valid():
        keep = "?as_of=" + form.cleaned_data["as_of"].isoformat()
    context: dict[str, Any] = {"form": form, "nav": "reports", "keep": keep}
    if not form.is_valid():
        return render(request, TEMPLATES + "matrix.html", context, status=BAD_REQUEST)
    as_of: date = form.cleaned_data["as_of"]
    everything = register()
    years = default_years(as_of)
    figures = compute(everything, as_of, years)
    links = published.published_ids(ReportKind.ANNUAL.value)
    rows = []
    for state in everything.summary(as_of).select():
        if state.status.value != "state_party":
            continue
        cells = []
        for year in years:
            code = cell(state, year, everything.treaty)
            pk = links.get((state.iso3, year))
            cells.append(
                {
                    "code": code.value,
                    "label": CELL[code],
                    "css": CELL_CLASS[code],
                    "url": reverse("web:published_report", args=[pk]) if pk else "",
                }
            )
        rows.append((state, cells))
    if form.cleaned_data["format"]:
        # The matrix as a table: one row per State Party, one column per covered year.
        table = [
            {"iso3": state.iso3, "name": state.name}
            | {str(year): c["code"] for year, c in zip(years, cells, strict=True)}
            for state, cells in rows
        ]
        columns = ["iso3", "name", *(str(y) for y in years)]
        return download(
            table,
            columns,
            name=f"article7-matrix-{as_of}",
            fmt=form.cleaned_data["format"],
            key="states",
        )
    query = request.GET.copy()
    query.pop("format", None)
    context.update(
        csv_query=query_with(query, "csv"),
        xlsx_query=query_with(query, "xlsx"),
        json_query=query_with(query, "json"),
        as_of=as_of,
        years=years,
        rows=rows,
        # The renderer escapes every word it writes (charts.py), so its SVG is safe.
        chart=mark_safe(render_svg(reporting_chart(figures))),
        chart_url=reverse("web:reporting_chart") + "?as_of=" + as_of.isoformat(),
        cell_legend=[(c.value, CELL[c], CELL_CLASS[c]) for c in Cell],
        initial=_figures(figures.initial),
        annual=[(y.year, y.due_date, _figures(y.figures)) for y in figures.annual],
        cooperation=published.cooperation(as_of, years),
        voluntary=[(y.year, y.voluntary) for y in figures.annual if y.voluntary],
    )
    return render(request, TEMPLATES + "matrix.html", context)


def chart(request: HttpRequest) -> HttpResponse:
    """``/reporting/chart.svg``: the matrix page's chart as a file; a bad date is a 400."""
    form = AsOfForm.bind(request.GET)
    if not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            errors + "\n", content_type="text/plain; charset=utf-8", status=BAD_REQUEST
        )
    as_of: date = form.cleaned_data["as_of"]
    figures = compute(register(), as_of, default_years(as_of))
    response = HttpResponse(
        svg_document(reporting_chart(figures)), content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="article7-reporting-{as_of.isoformat()}.svg"'
    )
    return response
