"""The Article 5 page: the States with victim assistance obligations and their focal point,
plan and CRPD status, the status figures of CCM/CONF/2020/13 paras 66-71, and casualties
per year (table and chart), with downloads. Everything comes from ``selectors.overview``."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import serialize
from treaty_tracker.rules.victims import DIMENSIONS, StatusFigure, YearCasualties
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm
from treaty_tracker.themes.pages import Table, ThemePage, links_by_table
from treaty_tracker.victims.charts import casualties_svg
from treaty_tracker.victims.selectors import Overview, StateRow, overview

STATE_COLUMNS = (
    "iso3",
    "name",
    "focal_point_designated",
    "focal_point",
    "plan_kind",
    "plan_title",
    "plan_adopted",
    "crpd",
    "crpd_since",
    "data_collection",
    "survivors_involved",
    "sources",
)
FIGURE_COLUMNS = (
    "key",
    "label",
    "basis",
    "value",
    "states",
    "not_known_states",
    "sourced_figure",
    "sourced_figure_as_of",
    "sources",
)
PARTS = tuple(p for names in DIMENSIONS.values() for p in names)
CASUALTY_COLUMNS = (
    "year",
    "killed",
    "injured",
    "outcome_not_known",
    "total",
    *PARTS,
    *(f"{d}_not_disaggregated" for d in DIMENSIONS),
    "states",
    "totals_not_known",
    "sources",
)


class VictimAssistanceForm(QueryForm):
    defaults = {"table": "states"}

    as_of = AsOfField()
    table = downloads.table_field(
        [
            ("states", _("States with Article 5 obligations")),
            ("figures", _("Status figures")),
            ("casualties", _("Casualties per year")),
        ]
    )
    format = downloads.format_field()


def _fact(row: StateRow, kind: str, attr: str = "value") -> str:
    fact = row.get(kind)
    if fact is None:
        return ""
    value = getattr(fact, attr)
    return value.iso() if hasattr(value, "iso") else str(value)


def state_rows(view: Overview) -> list[dict[str, Any]]:
    return [
        {
            "iso3": r.iso3,
            "name": r.name,
            "focal_point_designated": _fact(r, "focal_point", "since"),
            "focal_point": _fact(r, "focal_point", "detail"),
            "plan_kind": _fact(r, "plan"),
            "plan_title": _fact(r, "plan", "detail"),
            "plan_adopted": _fact(r, "plan", "since"),
            "crpd": _fact(r, "crpd"),
            "crpd_since": _fact(r, "crpd", "since"),
            "data_collection": _fact(r, "data_collection"),
            "survivors_involved": _fact(r, "involvement"),
            "sources": "; ".join(r.sources),
        }
        for r in view.states
    ]


def figure_rows(figures: list[StatusFigure]) -> list[dict[str, Any]]:
    return [
        {
            "key": f.key,
            "label": f.label,
            "basis": f.basis,
            "value": f.value,
            "states": " ".join(f.states),
            "not_known_states": " ".join(f.uncertain),
            "sourced_figure": int(f.figure.value) if f.figure else None,
            "sourced_figure_as_of": serialize.fuzzy(f.figure.as_of) if f.figure else None,
            "sources": "; ".join(
                [
                    *(f.figure.sources if f.figure else ()),
                    *(f.listed.sources if f.listed else ()),
                ]
            ),
        }
        for f in figures
    ]


def casualty_rows(years: list[YearCasualties]) -> list[dict[str, Any]]:
    rows = []
    for y in years:
        row: dict[str, Any] = {
            "year": y.year,
            "killed": y.killed,
            "injured": y.injured,
            "outcome_not_known": y.outcome_not_known,
            "total": y.total,
            "states": " ".join(y.states),
            "totals_not_known": " ".join(y.totals_not_known),
            "sources": "; ".join(y.sources),
        }
        for dimension, breakdown in y.breakdowns.items():
            row.update(breakdown.parts)
            row[f"{dimension}_not_disaggregated"] = breakdown.not_disaggregated
        rows.append(row)
    return rows


class VictimAssistancePage(ThemePage):
    template = "victims/victim_assistance.html"
    form_class = VictimAssistanceForm
    nav = "victim_assistance"
    download_prefix = "victim-assistance"
    tables = {
        "states": Table(STATE_COLUMNS, state_rows),
        "figures": Table(FIGURE_COLUMNS, lambda view: figure_rows(view.figures)),
        "casualties": Table(CASUALTY_COLUMNS, lambda view: casualty_rows(view.years)),
    }

    def overview(self, data: dict[str, Any]) -> Overview:
        return overview(data["as_of"])

    def page(self, view: Overview, data: dict[str, Any]) -> dict[str, Any]:
        return dict(
            as_of=view.as_of,
            view=view,
            names=view.names,
            links=links_by_table(self.request, self.tables),
            # The SVG is built by our own renderer from numbers and escaped words.
            chart=mark_safe(casualties_svg(view.years, view.as_of)) if view.years else "",
            dimensions=DIMENSIONS,
        )


victim_assistance = VictimAssistancePage.as_view()
