"""The ISU budget chart: per year, the budget and the contributions received towards it
(regular and earmarked), in Swiss francs, drawn by ``themes.charts.render_svg`` (accessible:
a title, a description that says every figure in words, patterns as well as colours).

A year whose budget is not known has no budget bar but says so; contributions the record
holds without an amount, or in another currency, are not drawn (no exchange rate is
guessed) and the words say the total is a lower bound."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from treaty_tracker.rules.support import ISU_CURRENCY, YearBalance
from treaty_tracker.themes.charts import Bar, Category, StackedBarChart, render_svg


def _categories() -> tuple[Category, ...]:
    return (
        Category("budget", _("Budget"), "#1d4f91", "solid"),
        Category("regular", _("Contributions: regular"), "#00643a", "dots"),
        Category("earmarked", _("Contributions: earmarked"), "#8a5a00", "stripes"),
    )


def _whole(value: Decimal | None) -> int:
    return 0 if value is None else int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _money(value: Decimal | None) -> str:
    return _("not known") if value is None else f"{ISU_CURRENCY} {_whole(value):,}"


def budget_chart(years: list[YearBalance], as_of: date, id: str = "isuchart") -> StackedBarChart:
    bars: list[Bar] = []
    said: list[str] = []
    for y in years:
        if y.currency != ISU_CURRENCY:
            continue
        budget_note = "" if y.budget is not None else str(_("budget not known"))
        bars.append(
            Bar(
                _("%(year)s · budget") % {"year": y.year},
                (_whole(y.budget), 0, 0),
                budget_note,
                str(_("Budget not known")),
            )
        )
        lower = not y.contributions.complete
        note = str(_("at least: some amounts not known")) if lower else ""
        bars.append(
            Bar(
                _("%(year)s · received") % {"year": y.year},
                (0, _whole(y.regular.amount), _whole(y.earmarked.amount)),
                note,
                str(_("No contribution on the record")),
            )
        )
        covered = {True: _("covered"), False: _("not covered"), None: _("coverage not known")}
        said.append(
            str(
                _(
                    "%(year)s: budget %(budget)s; contributions received %(received)s"
                    "%(lower)s; %(covered)s."
                )
                % {
                    "year": y.year,
                    "budget": _money(y.budget),
                    "received": _money(y.contributions.amount),
                    "lower": _(" (at least)") if lower else "",
                    "covered": covered[y.covered],
                }
            )
        )
    return StackedBarChart(
        title=_("ISU budget and contributions received per year (CHF), as of %(date)s")
        % {"date": as_of.isoformat()},
        description=" ".join(said),
        categories=_categories(),
        bars=tuple(bars),
        id=id,
    )


def budget_svg(years: list[YearBalance], as_of: date) -> str:
    return render_svg(budget_chart(years, as_of))
