"""The Article 9 page (``/national-measures/``): the categories of national implementation
measures per State and their counts, with what States list in Form A beside them, and
downloads of each table. Every read is in ``measures_selectors``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from treaty_tracker.obligations.measures_selectors import Overview, overview, snapshot_display
from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.rules import serialize
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm
from treaty_tracker.themes.pages import Table, ThemePage, links_by_table

STATE_COLUMNS = ("iso3", "name", "categories", "as_of", "history", "sources")
COUNT_COLUMNS = (
    "category",
    "count",
    "states",
    "carried_from_earlier_date",
    "stated_count",
    "stated_as_of",
    "sources",
)


class MeasuresForm(QueryForm):
    defaults = {"table": "states"}

    as_of = AsOfField()
    table = downloads.table_field(
        [
            ("states", _("Each State's latest categories")),
            ("counts", _("Counts per category")),
        ]
    )
    format = downloads.format_field()


def state_rows(view: Overview) -> list[dict[str, Any]]:
    return [
        {
            "iso3": iso3,
            "name": view.names.get(iso3, iso3),
            "categories": " ".join(snap.categories),
            "as_of": serialize.fuzzy(snap.as_of),
            "history": "; ".join(
                f"{serialize.fuzzy(s.as_of)}: {' '.join(s.categories)}"
                for s in view.histories[iso3]
            ),
            "sources": "; ".join(snap.sources),
        }
        for iso3, snap in sorted(view.latest.items(), key=lambda i: view.names.get(i[0], i[0]))
    ]


def count_rows(view: Overview) -> list[dict[str, Any]]:
    return [
        {
            "category": c.category,
            "count": c.count,
            "states": " ".join(c.states),
            "carried_from_earlier_date": " ".join(c.carried),
            "stated_count": int(c.stated.value) if c.stated else None,
            "stated_as_of": serialize.fuzzy(c.stated.as_of) if c.stated else None,
            "sources": "; ".join(c.stated.sources) if c.stated else "",
        }
        for c in view.counts
    ]


class MeasuresPage(ThemePage):
    template = "obligations/measures.html"
    form_class = MeasuresForm
    nav = "national_measures"
    download_prefix = "national-measures"
    tables = {
        "states": Table(STATE_COLUMNS, state_rows),
        "counts": Table(COUNT_COLUMNS, count_rows),
    }

    def overview(self, data: dict[str, Any]) -> Overview:
        return overview(data["as_of"])

    def page(self, view: Overview, data: dict[str, Any]) -> dict[str, Any]:
        links = links_by_table(self.request, self.tables)
        return dict(as_of=view.as_of, view=view, links=links, **display(view))


national_measures = MeasuresPage.as_view()


def display(view: Overview) -> dict[str, Any]:
    """The overview in words for the template: category labels, State names."""
    labels = dict(NationalMeasure.Category.choices)
    name = view.names.get
    return {
        "count_rows": [
            {
                "category": c.category,
                "label": labels.get(c.category, c.category),
                "count": c.count,
                "states": [(s, name(s, s), s in c.carried) for s in c.states],
                "carried": len(c.carried),
                "stated": c.stated,
                "differs": c.differs,
            }
            for c in view.counts
        ],
        "kind_rows": [
            (dict(NationalMeasure.Kind.choices).get(k, k), [(s, name(s, s)) for s in states])
            for k, states in view.kinds.items()
        ],
        "state_rows": [
            {
                "iso3": iso3,
                "name": name(iso3, iso3),
                "latest": snapshot_display(snap),
                "history": [snapshot_display(h) for h in view.histories[iso3]],
                "reported": view.reported.get(iso3),
            }
            for iso3, snap in sorted(view.latest.items(), key=lambda i: name(i[0], i[0]))
        ],
        "reported_only": [
            (iso3, name(iso3, iso3), r)
            for iso3, r in sorted(view.reported.items())
            if iso3 not in view.latest
        ],
    }
