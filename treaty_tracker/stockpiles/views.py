"""The Article 3 thematic page (``/stockpiles/``), like the review's section III: status
and progress (paras 28-31), outstanding and completed obligations from the rules engine,
declared stockpiles, destruction per year, retention, with downloads of each table.

A fixed number of queries: the (cached) register plus the selectors' six.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.translation import gettext as _

from treaty_tracker.rules import ObligationStatus
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.states.selectors import treaty
from treaty_tracker.stockpiles import tables as stockpile_tables
from treaty_tracker.stockpiles.charts import progress_chart
from treaty_tracker.stockpiles.forms import TABLES, StockpilesForm
from treaty_tracker.stockpiles.selectors import Overview, overview
from treaty_tracker.themes.charts import render_svg
from treaty_tracker.themes.pages import Table, ThemePage, table_links


class StockpilesPage(ThemePage):
    template = "stockpiles/stockpiles.html"
    form_class = StockpilesForm
    nav = "stockpiles"
    tables = {
        name: Table(columns, partial(stockpile_tables.table, name=name))
        for name, columns in stockpile_tables.COLUMNS.items()
    }

    def overview(self, data: dict[str, Any]) -> Overview:
        return overview(data["as_of"])

    def page(self, view: Overview, data: dict[str, Any]) -> dict[str, Any]:
        return _page(view) | {"downloads": table_links(self.request, TABLES)}


def _page(view: Overview) -> dict[str, Any]:
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
    return dict(
        as_of=view.as_of,
        articles=treaty().articles,
        figures=stockpile_tables.figure_rows(view),
        other_figures=stockpile_tables.other_figures(view),
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
        progress=stockpile_tables.progress_table(view),
        destruction=stockpile_tables.destruction_table(view),
        yearly=[(y, [view.name(code) for code in y.states]) for y in view.yearly],
        retention=stockpile_tables.retention_table(view),
        reported=stockpile_tables.reported_table(view),
        charts=[render_svg(chart) for chart in charts],
    )


stockpiles = StockpilesPage.as_view()
