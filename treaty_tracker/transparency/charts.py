"""The Article 7 reporting chart: States Parties due to report, initial reports then each
covered year, by what they did (on time, late, missing, not known), drawn by
``themes.charts.render_svg``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from treaty_tracker.rules.compliance import Figures, ReportingFigures
from treaty_tracker.themes.charts import MUTED, Bar, Category, StackedBarChart


def _categories() -> tuple[Category, ...]:
    return (
        Category("on_time", _("On time"), "#00643a", "solid"),
        Category("submitted", _("Submitted, timeliness not known"), "#2e7d57", "dots"),
        Category("late", _("Late"), "#8a5a00", "stripes"),
        Category("overdue", _("Missing (overdue)"), "#a4121f", "crosshatch"),
        Category("not_known", _("Not known"), MUTED, "hatch"),
    )


def _counts(f: Figures) -> tuple[int, ...]:
    return (f.on_time, f.timeliness_not_known, f.late, f.overdue, f.not_known)


def _percent(rate: float | None) -> str:
    return _("not known") if rate is None else f"{rate * 100:.1f}%"


def _note(f: Figures) -> str:
    return str(
        _("%(due)s due · submitted: %(rate)s") % {"due": f.due, "rate": _percent(f.submitted_rate)}
    )


def _words(label: str, f: Figures) -> str:
    if f.due == 0:
        return str(_("%(label)s: none due yet.") % {"label": label})
    said: str = ngettext(
        "%(label)s: %(due)s State Party due; ",
        "%(label)s: %(due)s States Parties due; ",
        f.due,
    ) % {"label": label, "due": f.due}
    said += _(
        "%(on_time)s on time, %(loose)s submitted with timeliness not known, %(late)s late, "
        "%(overdue)s missing (overdue), %(not_known)s not known. "
        "Submitted: %(submitted_rate)s; on time: %(on_time_rate)s."
    ) % {
        "on_time": f.on_time,
        "loose": f.timeliness_not_known,
        "late": f.late,
        "overdue": f.overdue,
        "not_known": f.not_known,
        "submitted_rate": _percent(f.submitted_rate),
        "on_time_rate": _percent(f.on_time_rate),
    }
    return said


def reporting_chart(result: ReportingFigures, id: str = "a7chart") -> StackedBarChart:
    """Initial reports, then each covered year: States Parties due, by what they did."""
    rows: Sequence[tuple[str, Figures]] = [
        (_("Initial reports"), result.initial),
        *((_("Annual, covering %(year)s") % {"year": y.year}, y.figures) for y in result.annual),
    ]
    title = _("Article 7 reports of the States Parties due, as of %(date)s") % {
        "date": result.as_of.isoformat()
    }
    return StackedBarChart(
        title=title,
        description=" ".join(_words(label, f) for label, f in rows),
        categories=_categories(),
        bars=tuple(Bar(label, _counts(f), _note(f), _("None due yet")) for label, f in rows),
        id=id,
    )
