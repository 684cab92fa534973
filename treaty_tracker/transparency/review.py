"""Section VII of the review, Transparency and exchange of information measures: the
Article 7 reporting figures of the period, computed by ``rules.compliance`` (the same
figures as ``treaty-tracker reporting`` and ``/api/v1/reporting``)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.rules import compliance
from treaty_tracker.states.selectors import register, treaty
from treaty_tracker.themes.charts import render_svg
from treaty_tracker.themes.document import (
    Block,
    Chart,
    Paragraph,
    Period,
    ReviewSection,
    Run,
    SectionContent,
    Table,
    fig,
)
from treaty_tracker.transparency.charts import reporting_chart

METHOD_INITIAL = "Art. 7(1): due 180 days after entry into force; counted by the rules engine"


def _name(code: str) -> str:
    for record in register().records:
        if record.iso3 == code:
            return record.name
    return code


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def build(period: Period) -> SectionContent:
    everything = register()
    years = range(period.start.year, period.end.year)  # calendar years whose reports fell due
    figures = compliance.compute(everything, period.end, years)
    initial = figures.initial
    sources = ("Art. 7(1)", "depositary")
    overdue = tuple(sorted(_name(c) for c in initial.states.get("overdue", ())))
    rate = _percent(initial.submitted, initial.due) if initial.complete else None
    paragraphs = [
        Paragraph(
            (
                _(
                    "By the end of the period, the initial transparency report (%(article)s) "
                    "had fallen due for "
                )
                % {"article": treaty().articles["initial_report"]},
                fig(initial.due, "transparency.initial_due", sources, METHOD_INITIAL),
                _(" States Parties, of which "),
                fig(
                    initial.submitted if initial.complete else None,
                    "transparency.initial_submitted",
                    sources,
                    _("reports on the record, submitted by the period's last day"),
                ),
                _(" had submitted it ("),
                fig(
                    rate,
                    "transparency.initial_rate",
                    sources,
                    _("submitted ÷ due, rounded to the whole per cent"),
                    text=_("not known") if rate is None else _("%(n)s per cent") % {"n": rate},
                ),
                _("). Overdue: "),
                fig(
                    overdue or None,
                    "transparency.initial_overdue",
                    sources,
                    _("due before the period's last day and not submitted by it"),
                    text=", ".join(overdue) if overdue else _("none"),
                ),
                ".",
            )
        )
    ]
    rows: list[tuple[Run, ...]] = []
    for year in figures.annual:
        f = year.figures
        key = f"transparency.annual_{year.year}"
        rows.append(
            (
                str(year.year),
                fig(f.due, key + "_due", ("Art. 7(2)",), _("States Parties with the report due")),
                fig(
                    f.submitted if f.complete else None,
                    key + "_submitted",
                    ("Art. 7(2)",),
                    _("reports on the record covering the year"),
                ),
                fig(
                    None if f.submitted_rate is None else round(100 * f.submitted_rate),
                    key + "_rate",
                    ("Art. 7(2)",),
                    _("submitted ÷ due; not known while the record is incomplete"),
                ),
            )
        )
    blocks: list[Block] = [*paragraphs]
    if rows:
        blocks.append(
            Table(
                caption=_("Annual reports (%(article)s), by calendar year covered")
                % {"article": treaty().articles["annual_report"]},
                header=(_("Year covered"), _("Due"), _("Submitted"), _("Per cent submitted")),
                rows=tuple(rows),
                note=_(
                    "“not known”: the record does not say, for every State due, whether it "
                    "reported; it is not a finding that reports are missing."
                ),
            )
        )
    chart = reporting_chart(figures, id="review-a7")
    blocks.append(Chart(chart.title, chart.description, render_svg(chart)))
    return SectionContent(status=tuple(blocks), theme="transparency")


SECTION = ReviewSection(
    number="VII",
    key="transparency",
    title=gettext_lazy("Transparency and exchange of information measures"),
    build=build,
)
