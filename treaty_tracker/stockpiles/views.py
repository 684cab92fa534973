"""The Article 3 thematic page (``/stockpiles/``), like the review's section III: status
and progress (paras 28-31), outstanding and completed obligations from the rules engine,
declared stockpiles, destruction per year, retention, with downloads of each table.

A fixed number of queries: the (cached) register plus the selectors' six.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from treaty_tracker.rules import ObligationStatus
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.states.selectors import treaty
from treaty_tracker.stockpiles import tables
from treaty_tracker.stockpiles.charts import progress_chart
from treaty_tracker.stockpiles.forms import TABLES, StockpilesForm
from treaty_tracker.stockpiles.selectors import overview
from treaty_tracker.web.charts import render_svg
from treaty_tracker.web.downloads import download
from treaty_tracker.web.views import _context, _invalid

TEMPLATE = "stockpiles/stockpiles.html"


def _download_links(request: HttpRequest) -> list[tuple[str, str, dict[str, str]]]:
    """(table key, label, {format: query}) for every table, keeping the chosen date."""
    links = []
    for key, label in TABLES:
        by_format = {}
        for fmt in ("csv", "xlsx", "json"):
            query = request.GET.copy()
            query["table"] = key
            query["format"] = fmt
            by_format[fmt] = "?" + query.urlencode()
        links.append((key, str(label), by_format))
    return links


def stockpiles(request: HttpRequest) -> HttpResponse:
    form = StockpilesForm.bind(request.GET)
    context = _context(request, form, "stockpiles")
    if not form.is_valid():
        return _invalid(request, TEMPLATE, context)
    data = form.cleaned_data
    view = overview(data["as_of"])
    if data["format"]:
        name = data["table"] or "progress"
        return download(
            tables.table(view, name),
            tables.COLUMNS[name],
            name=f"stockpiles-{name}-{view.as_of}",
            fmt=data["format"],
            key=name,
        )
    by_iso = view.by_iso
    rows = [(by_iso[o.state], o) for o in view.obligations]
    completed_codes = set(view.figures.completed)
    unconfirmed_codes = set(view.figures.unconfirmed)
    names = {code: view.name(code) for code in view.progress}
    ordered = [view.progress[c] for c in sorted(view.progress, key=view.name)]
    charts = [
        chart
        for chart in (
            progress_chart(
                ordered,
                names,
                rules.Category.CLUSTER_MUNITIONS,
                _("Cluster munitions destroyed and remaining, as of %(date)s")
                % {"date": view.as_of.isoformat()},
                "a3-munitions",
            ),
            progress_chart(
                ordered,
                names,
                rules.Category.EXPLOSIVE_SUBMUNITIONS,
                _("Explosive submunitions destroyed and remaining, as of %(date)s")
                % {"date": view.as_of.isoformat()},
                "a3-submunitions",
            ),
        )
        if chart is not None
    ]
    context.update(
        as_of=view.as_of,
        articles=treaty().articles,
        figures=tables.figure_rows(view),
        other_figures=tables.other_figures(view),
        lists=view.lists,
        outstanding=[
            (s, o)
            for s, o in rows
            if o.state not in completed_codes | unconfirmed_codes
            and o.status is not ObligationStatus.COMPLETED
        ],
        completed=[
            (s, o, view.facts.compliance.get(o.state, []))
            for s, o in sorted(rows, key=lambda r: r[0].name)
            if o.state in completed_codes
        ],
        unconfirmed=[(s, o) for s, o in rows if o.state in unconfirmed_codes],
        progress=tables.progress_table(view),
        destruction=tables.destruction_table(view),
        yearly=[(y, [view.name(code) for code in y.states]) for y in view.yearly],
        retention=tables.retention_table(view),
        reported=tables.reported_table(view),
        charts=[render_svg(chart) for chart in charts],
        downloads=_download_links(request),
    )
    return render(request, TEMPLATE, context)
