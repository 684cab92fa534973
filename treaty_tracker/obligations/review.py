"""Section VIII of the generated review, National Implementation Measures (Art. 9): part A
("Status of the situation and progress"), computed from the record as CCM/CONF/2020/13
paras 105-107 state it.

Figures are keyed ``national_measures.<name>``; for each category of ``rules.measures``
(``investment_prohibition``, ``specific_law``, ``existing_law_sufficient``,
``legislation_in_progress``) and each end of the period (``start``, ``end``):

- ``<category>.<end>``: the States Parties whose latest ``NationalMeasure`` snapshot on
  that day has the category (``rules.measures.counts``), ``.states`` who;
  ``.carried``: those among them whose latest snapshot is older than the most recent
  source date (kept as last recorded, labelled; Mauritania in 2020);
- ``<category>.<end>.stated``: the count the source states for that day, kept beside the
  computed one even where they differ (para 107 says 23 States had legislation in
  progress but describes 22: docs/sources.md);
- ``<category>.added`` / ``.left``: the States that entered / left the category between
  the two days.

``legal_measures`` and ``administrative_measures`` (paras 106-107) are computed from the
kind of each measure where every measure in the latest snapshots has a known kind, else
"not known", with the count the source states beside them. ``states_parties_in_force``:
the base, States Parties for which the Convention is in force (the register).
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.obligations import measures_selectors
from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.rules.measures import CATEGORIES, CategoryCount, SourcedCount
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.document import (
    Figure,
    Paragraph,
    Period,
    ReviewSection,
    Run,
    SectionContent,
    fig,
)
from treaty_tracker.themes.prose import overlaps, stated_on, states_named

KEY = "national_measures"
PREFIX = measures_selectors.FIGURE_PREFIX


class _Builder:
    def __init__(self, period: Period) -> None:
        self.period = period
        self.views = {
            "start": measures_selectors.overview(period.start),
            "end": measures_selectors.overview(period.end),
        }
        self.names = self.views["end"].names
        self.labels = dict(NationalMeasure.Category.choices)

    def day(self, end: str) -> date:
        return self.period.start if end == "start" else self.period.end

    def _stated(self, stated: SourcedCount | None, key: str, computed: int | None) -> Figure:
        if stated is None or not overlaps(stated.as_of, self.period):
            return fig(None, key, (), "no source on the record states this count for the day")
        method = "as the source states it"
        if computed is not None and computed != int(stated.value):
            method += f"; differs from the {computed} States the record holds (kept, not fixed)"
        return fig(int(stated.value), key, stated.sources, method)

    def category(self, count: CategoryCount, end: str) -> list[Run]:
        view = self.views[end]
        key = f"{KEY}.{count.category}.{end}"
        sources = [s for iso in count.states for s in view.latest[iso].sources]
        on = self.day(end).isoformat()
        method = (
            f"the States whose latest national-measures snapshot on {on} has the category "
            f"'{count.category}' (rules.measures)"
        )
        runs: list[Run] = [
            fig(count.count, key, sources, method),
            " ",
            str(self.labels.get(count.category, count.category)).lower(),
            " (",
            states_named(count.states, f"{key}.states", self.names, sources, method),
        ]
        carried = states_named(
            count.carried,
            f"{key}.carried",
            self.names,
            [s for iso in count.carried for s in view.latest[iso].sources],
            "States counted as last recorded at an earlier date than the category's most "
            "recent source",
        )
        if count.carried:
            runs += [_("; of which as last recorded at an earlier date: "), carried]
        runs += [
            _("; the source states "),
            self._stated(count.stated, f"{key}.stated", count.count),
            ")",
        ]
        return runs

    def kinds(self, end: str) -> list[Run]:
        view = self.views[end]
        known = all(
            record.kind != "not_known" for snap in view.latest.values() for record in snap.records
        ) and bool(view.latest)
        runs: list[Run] = []
        for kind, stated in (
            ("legal", view.legal_stated),
            ("administrative", view.administrative_stated),
        ):
            key = f"{KEY}.{kind}_measures.{end}"
            states = view.kinds.get(kind, ())
            if known:
                sources = [s for iso in states for s in view.latest[iso].sources]
                method = f"the States with a {kind} measure in their latest snapshot"
                value: int | None = len(states)
            else:
                sources, value = [], None
                method = "not known: the record does not give the kind of every measure"
            runs += [
                fig(value, key, sources, method),
                _(" (the source states "),
                self._stated(stated, f"{key}.stated", value),
                _(") States Parties have undertaken legal measures")
                if kind == "legal"
                else _(") have undertaken administrative and other (non-legal) measures"),
                _(" while ") if kind == "legal" else "",
            ]
        return runs

    def base(self, end: str) -> list[Run]:
        on = self.day(end)
        summary = register().summary(on)
        in_force = summary.in_force_for
        parties = set(summary.states_parties)
        states = [s for s in in_force if s in parties]
        stated = stated_on(
            measures_selectors.stated_counts(), PREFIX + "states_parties_base", on, self.period
        )
        return [
            fig(
                len(states),
                f"{KEY}.states_parties_in_force.{end}",
                (),
                f"States Parties for which the Convention is in force on {on.isoformat()} "
                "(the register)",
            ),
            _(" States Parties for which the Convention is in force (the source states "),
            self._stated(stated, f"{KEY}.states_parties_in_force.{end}.stated", len(states)),
            ")",
        ]

    def snapshot(self, end: str) -> Paragraph:
        on = self.day(end).isoformat()
        view = self.views[end]
        items = tuple(tuple(self.category(count, end)) for count in view.counts)
        return Paragraph(
            (
                _("On %(date)s, ") % {"date": on},
                *self.kinds(end),
                _(". Out of "),
                *self.base(end),
                ":",
            ),
            items=items,
        )

    def changes(self) -> Paragraph:
        first = {c.category: set(c.states) for c in self.views["start"].counts}
        last = {c.category: set(c.states) for c in self.views["end"].counts}
        items: list[tuple[Run, ...]] = []
        for category in CATEGORIES:
            added = sorted(last.get(category, set()) - first.get(category, set()))
            left = sorted(first.get(category, set()) - last.get(category, set()))
            end_view, start_view = self.views["end"], self.views["start"]
            items.append(
                (
                    str(self.labels.get(category, category)),
                    _(": added "),
                    states_named(
                        added,
                        f"{KEY}.{category}.added",
                        self.names,
                        [s for iso in added for s in end_view.latest[iso].sources],
                        "in the category on the last day and not on the first",
                    ),
                    _("; no longer in it "),
                    states_named(
                        left,
                        f"{KEY}.{category}.left",
                        self.names,
                        [
                            s
                            for iso in left
                            for s in (
                                *start_view.latest[iso].sources,
                                *(end_view.latest[iso].sources if iso in end_view.latest else ()),
                            )
                        ],
                        "in the category on the first day and not on the last",
                    ),
                    ".",
                )
            )
        return Paragraph(
            (
                _("Between %(a)s and %(b)s:")
                % {"a": self.period.start.isoformat(), "b": self.period.end.isoformat()},
            ),
            items=tuple(items),
        )


def build(period: Period) -> SectionContent:
    """Part A of section VIII for ``period``."""
    b = _Builder(period)
    return SectionContent(status=(b.snapshot("start"), b.snapshot("end"), b.changes()), theme=KEY)


SECTION = ReviewSection(
    number="VIII",
    key=KEY,
    title=gettext_lazy("National Implementation Measures"),
    build=build,
)
