"""The Article 6 chart: per year, the States requesting, providing and receiving
assistance, drawn by ``themes.charts.render_svg`` (accessible: a title, a description that
says every figure in words, patterns as well as colours, counts on the bars).

Each year has up to three rows, one per origin, never added together (the page's table
shows the same three): counted from the published reports' Form I (para 78's figures,
States Parties, out of the reports covering the year), as the review states them
(CCM/CONF/2020/13 para 78, sourced totals), and the facts in the record. A fact the record
gives for a period of years (para 71's 2016-2020) has its own row, as in the table.

The three segments of a bar count States separately: a State that requested and received
assistance is in both, so a bar's length is not a number of States (the caption and the
description say so)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from treaty_tracker.cooperation.selectors import Overview
from treaty_tracker.rules.cooperation import Counts
from treaty_tracker.sources.models import Figure
from treaty_tracker.themes.charts import Bar, Category, StackedBarChart, render_svg, svg_document

#: Segment key -> the record's direction of the same meaning.
RECORD_DIRECTIONS = {
    "requesting": "requested",
    "providing": "provided",
    "receiving": "received",
}


def _categories() -> tuple[Category, ...]:
    return (
        Category("requesting", _("Requesting"), "#1d4f91", "solid"),
        Category("providing", _("Providing"), "#00643a", "dots"),
        Category("receiving", _("Receiving"), "#8a5a00", "stripes"),
    )


def _said(counts: tuple[int | None, ...]) -> str:
    requesting, providing, receiving = (_("not stated") if c is None else str(c) for c in counts)
    return str(
        _("%(requesting)s requesting, %(providing)s providing, %(receiving)s receiving.")
        % {"requesting": requesting, "providing": providing, "receiving": receiving}
    )


def _whole(figure: Figure | None) -> int | None:
    """A sourced count as drawn: only a whole number (a count of States always is)."""
    if figure is None:
        return None
    value = Decimal(figure.value)
    return int(value) if value == value.to_integral_value() else None


def _reports_bar(year: int, counts: Counts) -> tuple[Bar, str]:
    reports = len(counts.reports)
    drawn = (len(counts.requesting), len(counts.providing), len(counts.receiving))
    label = _("%(year)s · reports (Form I)") % {"year": year}
    if not reports:
        empty = str(_("No published report covers the year"))
        return Bar(label, drawn, "", empty), str(
            _("%(year)s, published reports (Form I): none covers the year.") % {"year": year}
        )
    note = str(_("States Parties, of %(reports)s reports") % {"reports": reports})
    empty = str(_("None of %(reports)s reports lists assistance") % {"reports": reports})
    words = str(
        _("%(year)s, counted from %(reports)s published reports (Form I), States Parties: ")
        % {"year": year, "reports": reports}
    ) + _said(drawn)
    return Bar(label, drawn, note, empty), words


def _review_bar(year: int, figures: dict[str, Figure]) -> tuple[Bar, str]:
    stated = tuple(_whole(figures.get(key)) for key in RECORD_DIRECTIONS)
    citation = next(iter(figures.values())).citation
    label = _("%(year)s · review (para 78)") % {"year": year}
    note = str(_("as the review states them"))
    if None in stated:
        note = str(_("as stated; some not stated"))
    words = str(
        _("%(year)s, as the review states (%(source)s): ") % {"year": year, "source": citation}
    ) + _said(stated)
    drawn = tuple(0 if c is None else c for c in stated)
    return Bar(label, drawn, note, str(_("None, as the review states"))), words


def _record_bar(period: str, overview: Overview) -> tuple[Bar, str]:
    summary = overview.record_years.get(period)
    totals = summary.totals if summary is not None else {}
    drawn = tuple(len(totals[d].states) if d in totals else 0 for d in RECORD_DIRECTIONS.values())
    label = _("%(period)s · record") % {"period": period}
    note = str(_("States with facts in the record"))
    words = str(_("%(period)s, facts in the record, States: ") % {"period": period}) + _said(drawn)
    return Bar(label, drawn, note, str(_("No fact in the record"))), words


def cooperation_chart(overview: Overview, id: str = "a6chart") -> StackedBarChart:
    """Per year of the overview (and per period the record states), a row per origin:
    the published reports' Form I, the review's para 78 where it states the year, the
    record."""
    bars: list[Bar] = []
    said: list[str] = []
    for summary in overview.years:
        rows = []
        if summary.first == summary.last:
            year = summary.first
            figure = overview.report_figures.get(year)
            rows.append(_reports_bar(year, figure.parties if figure is not None else Counts()))
            review = overview.review_figures.get(year)
            if review:
                rows.append(_review_bar(year, review))
        rows.append(_record_bar(summary.period, overview))
        for bar, words in rows:
            bars.append(bar)
            said.append(words)
    said.append(
        str(
            _(
                "A State may be counted in more than one direction, so a bar's length is not "
                "a number of States."
            )
        )
    )
    return StackedBarChart(
        title=_(
            "States requesting, providing and receiving assistance, %(first)s to %(last)s, "
            "as of %(date)s"
        )
        % {"first": overview.first, "last": overview.last, "date": overview.as_of.isoformat()},
        description=" ".join(said),
        categories=_categories(),
        bars=tuple(bars),
        id=id,
    )


def cooperation_svg(overview: Overview) -> str:
    """The chart inlined in the page."""
    return render_svg(cooperation_chart(overview))


def cooperation_svg_document(overview: Overview) -> str:
    """The chart as a standalone ``.svg`` file."""
    return svg_document(cooperation_chart(overview))
