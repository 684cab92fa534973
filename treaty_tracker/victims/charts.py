"""The casualties chart: people killed and injured per year, as an SVG stacked bar chart
drawn by ``themes.charts.render_svg`` (accessible: title, description in words, patterns)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from treaty_tracker.rules.victims import YearCasualties
from treaty_tracker.themes.charts import MUTED, Bar, Category, StackedBarChart, render_svg


def _categories() -> tuple[Category, ...]:
    return (
        Category("killed", _("Killed"), "#a4121f", "solid"),
        Category("injured", _("Injured"), "#8a5a00", "stripes"),
        Category("outcome_not_known", _("Killed or injured, not known"), MUTED, "hatch"),
    )


def _note(year: YearCasualties) -> str:
    note = _("%(total)s in %(states)s State(s)") % {
        "total": year.total,
        "states": len(year.states),
    }
    if year.totals_not_known:
        note += " · " + _("some totals not known")
    return str(note)


def casualties_chart(
    years: Sequence[YearCasualties], as_of: date, id: str = "vachart"
) -> StackedBarChart:
    """One bar per calendar year: killed, injured, and outcome not known."""
    words = " ".join(
        _(
            "%(year)s: %(killed)s killed, %(injured)s injured, %(unknown)s not known "
            "whether killed or injured."
        )
        % {
            "year": y.year,
            "killed": y.killed,
            "injured": y.injured,
            "unknown": y.outcome_not_known,
        }
        for y in years
    )
    return StackedBarChart(
        title=_("Cluster munition casualties on the record per year, as of %(date)s")
        % {"date": as_of.isoformat()},
        description=words or _("The record holds no casualty figures."),
        categories=_categories(),
        bars=tuple(
            Bar(
                str(y.year),
                (y.killed, y.injured, y.outcome_not_known),
                _note(y),
                _("Totals not known"),
            )
            for y in years
        ),
        id=id,
    )


def casualties_svg(years: Sequence[YearCasualties], as_of: date) -> str:
    return render_svg(casualties_chart(years, as_of))
