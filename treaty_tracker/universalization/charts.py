"""The universalization charts (SVG, ``themes.charts.render_svg``): UNGA votes per year, and
States Parties and signatories over time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from treaty_tracker.rules.universalization import StatusCount, YearVotes
from treaty_tracker.themes.charts import MUTED, Bar, Category, StackedBarChart, render_svg


def votes_chart(years: Sequence[YearVotes], id: str = "ungachart") -> StackedBarChart:
    """One bar per year: yes, no, abstentions (totals as shown in the table)."""
    known = [y for y in years if y.total is not None]
    words = " ".join(
        _("%(year)s: %(yes)s yes, %(no)s no, %(abstain)s abstentions.")
        % {"year": y.year, "yes": y.yes, "no": y.no, "abstain": y.abstain}
        for y in known
    )
    return StackedBarChart(
        title=_("Votes on the UN General Assembly resolution on the Convention, per year"),
        description=words or _("The record holds no vote totals."),
        categories=(
            Category("yes", _("Yes"), "#1d70b8", "solid"),
            Category("no", _("No"), "#a4121f", "stripes"),
            Category("abstain", _("Abstentions"), MUTED, "hatch"),
        ),
        bars=tuple(
            Bar(
                str(y.year),
                (y.yes or 0, y.no or 0, y.abstain or 0),
                _("computed from the votes of each State")
                if y.basis == "per_state"
                else _("totals as the source states them"),
            )
            for y in known
        ),
        id=id,
    )


def parties_chart(counts: Sequence[StatusCount], id: str = "partieschart") -> StackedBarChart:
    """One bar per year end (and the chosen date): States Parties and signatories."""
    words = " ".join(
        _("%(day)s: %(parties)s States Parties, %(signatories)s signatories.")
        % {"day": c.day.isoformat(), "parties": c.states_parties, "signatories": c.signatories}
        for c in counts
    )
    return StackedBarChart(
        title=_("States Parties and signatories at each year end (computed from the register)"),
        description=words or _("No data."),
        categories=(
            Category("parties", _("States Parties"), "#00703c", "solid"),
            Category("signatories", _("Signatories"), "#8a5a00", "dots"),
        ),
        bars=tuple(
            Bar(
                _label(c.day),
                (c.states_parties, c.signatories),
                _("%(n)s committed") % {"n": c.committed},
            )
            for c in counts
        ),
        id=id,
    )


def _label(day: date) -> str:
    return str(day.year) if (day.month, day.day) == (12, 31) else day.isoformat()


def votes_svg(years: Sequence[YearVotes]) -> str:
    return render_svg(votes_chart(years))


def parties_svg(counts: Sequence[StatusCount]) -> str:
    return render_svg(parties_chart(counts))
