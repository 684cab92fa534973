"""SVG charts of Article 3 destruction progress, drawn by ``themes.charts.render_svg`` (the
same accessible stacked bars as the Article 7 chart: title, description in words,
patterns as well as colours, counts on the bars)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from treaty_tracker.rules.stockpiles import Amount, Category, StateProgress
from treaty_tracker.themes.charts import Bar, StackedBarChart
from treaty_tracker.themes.charts import Category as Segment

SEGMENTS = (
    Segment("destroyed", _("Destroyed"), "#00643a", "solid"),
    Segment("remaining", _("Remaining to destroy"), "#a4121f", "crosshatch"),
)


def _words(amount: Amount | None) -> str:
    if amount is None:
        return str(_("not known"))
    if amount.exact:
        return f"{amount.value:,}"
    if amount.qualifier == "at_least":
        return str(_("at least %(count)s") % {"count": f"{amount.value:,}"})
    return str(_("about %(count)s") % {"count": f"{amount.value:,}"})


def progress_chart(
    progresses: Sequence[StateProgress],
    names: dict[str, str],
    category: Category,
    title: str,
    id: str,
) -> StackedBarChart | None:
    """One bar per State whose declared stockpile of ``category`` is on the record:
    destroyed and remaining. None when no State has one (the page says so in words)."""
    bars = []
    said = []
    for p in progresses:
        c = p.category(category)
        if c is None or c.declared is None:
            continue
        name = names.get(p.state, p.state)
        if c.destroyed is None or c.remaining is None:
            note = str(_("destroyed: not known"))
            bars.append(Bar(name, (0, 0), note, note))
            said.append(
                str(
                    _("%(name)s: %(declared)s declared, destruction not known.")
                    % {"name": name, "declared": _words(c.declared)}
                )
            )
            continue
        share = c.share_destroyed or 0.0
        if not (c.destroyed.exact and c.remaining.exact):
            # A rounded figure is never drawn as an exact count: the table says it.
            note = str(_("approximate figures: see the table"))
            bars.append(Bar(name, (0, 0), note, note))
            said.append(
                str(
                    _("%(name)s: %(declared)s declared, %(destroyed)s destroyed.")
                    % {
                        "name": name,
                        "declared": _words(c.declared),
                        "destroyed": _words(c.destroyed),
                    }
                )
            )
            continue
        note = str(_("%(share)s destroyed") % {"share": f"{share * 100:.1f}%"})
        bars.append(Bar(name, (c.destroyed.value, c.remaining.value), note))
        said.append(
            str(
                _(
                    "%(name)s: %(declared)s declared, %(destroyed)s destroyed, "
                    "%(remaining)s remaining (%(share)s)."
                )
                % {
                    "name": name,
                    "declared": _words(c.declared),
                    "destroyed": _words(c.destroyed),
                    "remaining": _words(c.remaining),
                    "share": f"{share * 100:.1f}%",
                }
            )
        )
    if not bars:
        return None
    return StackedBarChart(
        title=title,
        description=" ".join(said),
        categories=SEGMENTS,
        bars=tuple(bars),
        id=id,
    )
