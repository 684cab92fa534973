"""Section VI of the generated review, International Cooperation and Assistance: part A
("Status of the situation and progress"), computed from the record as CCM/CONF/2020/13
paras 76-82 state it.

Figures are keyed ``cooperation.<name>``:

- ``cooperation.<direction>.<year>`` (direction: ``requesting``, ``providing``,
  ``receiving``): the States Parties whose published annual report covering ``year``
  (as published by the period's last day) shows assistance requested, provided or
  received in Form I (para 78; ``rules.cooperation``, ``transparency.published``), with
  ``.states``; "not known" when the record holds no published report of a State Party
  covering the year. ``.stated``: the figure the review states (a sourced ``Figure``),
  beside it. ``cooperation.reports.<year>``: the reports counted.
- ``cooperation.nonparty_requesting.<year>``: the same for States not party.
- ``cooperation.record_<direction>``: the States with a fact of assistance on the record
  (reference data, staff entry, Form I) in the period's years.
- ``cooperation.country_coalitions`` (para 82): the Country Coalitions on the record by
  the last day, with those concluded.

The years are the calendar years the reports cover: from the first day's year to the year
before the last day's (the report covering the last day's year is not yet due).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.cooperation import selectors
from treaty_tracker.rules import assistance as rules
from treaty_tracker.rules.cooperation import TABLES, Counts
from treaty_tracker.sources.models import Figure as SourcedFigure
from treaty_tracker.sources.models import StateList
from treaty_tracker.themes.document import (
    Figure,
    Paragraph,
    Period,
    ReviewSection,
    Run,
    SectionContent,
    fig,
)
from treaty_tracker.themes.prose import overlaps, states_named

KEY = "cooperation"
DIRECTIONS = ("requesting", "providing", "receiving")
#: direction -> the review's figure key stem (review-2020.yaml).
STATED = {
    "requesting": "cooperation.requested_assistance",
    "providing": "cooperation.provided_assistance",
    "receiving": "cooperation.received_assistance",
}
REPORTS = "published annual reports (Form I) on the record"


def years(period: Period) -> list[int]:
    """The calendar years whose reports the period can count."""
    last = max(period.start.year, period.end.year - 1)
    return list(range(period.start.year, last + 1))


class _Builder:
    def __init__(self, period: Period) -> None:
        self.period = period
        self.years = years(period)
        self.view = selectors.overview(period.end, self.years[0], self.years[-1])
        self.names = self.view.names

    def _list(self, key: str) -> StateList | None:
        found = [
            item
            for item in self.view.lists
            if item.key == key and overlaps(item.as_of, self.period)
        ]
        return found[-1] if found else None

    def _stated(self, year: int, direction: str) -> Figure:
        figure: SourcedFigure | None = self.view.review_figures.get(year, {}).get(direction)
        key = f"{KEY}.{direction}.{year}.stated"
        if figure is None:
            return fig(None, key, (), "no source on the record states this figure")
        return fig(int(figure.value), key, (figure.citation,), "as the source states it")

    def _counted(
        self, counts: Counts, direction: str, key: str, year: int
    ) -> tuple[Figure, Figure]:
        """The number and the States doing ``direction`` among those with a report."""
        if not counts.reports:
            method = f"not known: no {REPORTS} covering {year} as published by {self.period.end}"
            return fig(None, key, (), method), states_named(
                None, f"{key}.states", self.names, (), method
            )
        states = getattr(counts, direction)
        sources = [rules.citation_for_report(s, year) for s in states]
        method = (
            f"the States whose latest {REPORTS} covering {year}, published by "
            f"{self.period.end.isoformat()}, has a row in Form I's "
            f"'{TABLES[direction]}' table, out of "
            f"{len(counts.reports)} reports"
        )
        return (
            fig(len(states), key, sources, method),
            states_named(states, f"{key}.states", self.names, sources, method),
        )

    def para_78(self) -> list[Paragraph]:
        items: list[tuple[Run, ...]] = []
        for year in self.years:
            figure = self.view.report_figures.get(year)
            parties = figure.parties if figure is not None else Counts()
            others = figure.not_party if figure is not None else Counts()
            runs: list[Run] = [
                _("In %(year)s (") % {"year": year},
                fig(
                    len(parties.reports),
                    f"{KEY}.reports.{year}",
                    [rules.citation_for_report(s, year) for s in parties.reports],
                    f"States Parties with a published report covering {year} on the record",
                ),
                _(" reports of States Parties on the record), "),
            ]
            for direction, words in (
                ("requesting", _(" States Parties requested assistance (")),
                ("providing", _(" reported to have provided assistance (")),
                ("receiving", _(" reported to have received assistance (")),
            ):
                count, states = self._counted(parties, direction, f"{KEY}.{direction}.{year}", year)
                runs += [
                    count,
                    words,
                    states,
                    _("; the review states "),
                    self._stated(year, direction),
                    "), " if direction != "receiving" else ")",
                ]
            count, states = self._counted(
                others, "requesting", f"{KEY}.nonparty_requesting.{year}", year
            )
            listed = self._list(f"cooperation.nonparty_requested_assistance_{year}")
            runs += [
                _("; States not party that requested assistance: "),
                count,
                " (",
                states,
                _("; the source names "),
                states_named(
                    tuple(sorted(s.iso3 for s in listed.states.all()))
                    if listed is not None
                    else None,
                    f"{KEY}.nonparty_requesting.{year}.stated",
                    self.names,
                    (listed.citation,) if listed is not None else (),
                    "as the source names them (a sourced list)"
                    if listed is not None
                    else "no source on the record names them",
                ),
                ").",
            ]
            items.append(tuple(runs))
        intro = Paragraph(
            (
                _(
                    "The information States Parties provided in their annual reports to "
                    "request assistance, to indicate that they have provided assistance or "
                    "that they have received assistance, as published by %(date)s:"
                )
                % {"date": self.period.end.isoformat()},
            ),
            items=tuple(items),
        )
        return [intro]

    def record(self) -> list[Paragraph]:
        """Who requested, provided (or offered) and received assistance on the record."""
        first, last = self.years[0], self.period.end.year
        facts = [f for f in self.view.facts if f.overlaps(first, last)]
        runs: list[Run] = [
            _("On the record (the review, staff entry and published reports), in %(a)s-%(b)s, ")
            % {"a": first, "b": last}
        ]
        for name, directions, words in (
            ("record_requesting", ("requested",), _(" States requested assistance (")),
            ("record_providing", rules.SUPPORT, _(" provided or offered it (")),
            ("record_receiving", ("received",), _(" reported receiving it (")),
        ):
            chosen = [f for f in facts if f.direction in directions]
            states = tuple(sorted({f.state for f in chosen}))
            sources = [c for f in chosen for c in f.citations]
            method = (
                f"the States with at least one fact of assistance {'/'.join(directions)} "
                f"covering a year from {first} to {last}, from the record and Form I of "
                "published reports"
            )
            key = f"{KEY}.{name}"
            runs += [
                fig(len(states), key, sources, method),
                words,
                states_named(states, f"{key}.states", self.names, sources, method),
                ")" + (", " if name != "record_receiving" else "."),
            ]
        return [Paragraph(tuple(runs))]

    def coalitions(self) -> list[Paragraph]:
        end = self.period.end
        found = selectors.coalitions(end)
        states = tuple(sorted(c.state.iso3 for c in found))
        sources = [c.citation for c in found]
        concluded = tuple(
            sorted(c.state.iso3 for c in found if selectors.coalition_status(c, end) == "concluded")
        )
        method = f"the Country Coalitions on the record launched by {end.isoformat()}"
        stated = next(
            (
                f
                for f in self.view.figures
                if f.key == "cooperation.country_coalitions" and overlaps(f.as_of, self.period)
            ),
            None,
        )
        return [
            Paragraph(
                (
                    _("Country Coalitions established by %(date)s: ") % {"date": end.isoformat()},
                    fig(len(states), f"{KEY}.country_coalitions", sources, method),
                    " (",
                    states_named(
                        states, f"{KEY}.country_coalitions.states", self.names, sources, method
                    ),
                    _("; the source states "),
                    fig(
                        int(stated.value) if stated is not None else None,
                        f"{KEY}.country_coalitions.stated",
                        (stated.citation,) if stated is not None else (),
                        "as the source states it" if stated is not None else "not stated",
                    ),
                    _("), of which concluded: "),
                    states_named(
                        concluded,
                        f"{KEY}.country_coalitions.concluded",
                        self.names,
                        [c.citation for c in found if c.state.iso3 in concluded],
                        f"the coalitions certainly concluded on or before {end.isoformat()}",
                    ),
                    ".",
                )
            )
        ]


def build(period: Period) -> SectionContent:
    """Part A of section VI for ``period``."""
    b = _Builder(period)
    return SectionContent(status=(*b.para_78(), *b.record(), *b.coalitions()), theme=KEY)


SECTION = ReviewSection(
    number="VI",
    key=KEY,
    title=gettext_lazy("International Cooperation and Assistance"),
    build=build,
)
