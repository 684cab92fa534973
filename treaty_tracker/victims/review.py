"""Section V of the generated review, Victim Assistance: part A ("Status of the situation
and progress"), computed from the record as CCM/CONF/2020/13 paras 64-71 state it.

Every count and list of States is a figure keyed ``victim_assistance.<name>``:

- ``<name>`` the number on the period's last day, ``<name>.states`` who;
- ``<name>.start`` (and ``.start.states``) the same on the period's first day, where the
  review speaks of progress "since" then;
- ``<name>.stated`` / ``<name>.start.stated`` the total a source states for that day (a
  sourced ``Figure`` in the record), shown beside the computed one, never in its place.

What is computed: the States with Article 5 obligations come from the register (the
obligations on the record); focal points, plans and CRPD status from the per-State facts
(``victims.selectors``, ``rules.victims``); initial reports from the register. Where the
record holds only a list or a total a source states (paras 67-71), that is the figure,
labelled as such. A fact whose date may fall after the day asked about is not counted: the
figure is then "not known". Casualties: the record's and published Form H figures per
year, with the chart of ``victims.charts``.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.rules.results import ReportStatus
from treaty_tracker.rules.victims import StatusFigure
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.charts import render_svg
from treaty_tracker.themes.document import (
    Block,
    Chart,
    Figure,
    Paragraph,
    Period,
    ReviewSection,
    Run,
    SectionContent,
    fig,
)
from treaty_tracker.themes.prose import stated_on, states_named
from treaty_tracker.victims import selectors
from treaty_tracker.victims.charts import casualties_chart

KEY = "victim_assistance"
FACTS = "computed from the record's per-State facts"


# -- the section --------------------------------------------------------------------------


class _Builder:
    def __init__(self, period: Period) -> None:
        self.period = period
        self.first = selectors.overview(period.start)
        self.last = selectors.overview(period.end)
        self.names = {**self.first.names, **self.last.names}
        self.figures = selectors.sourced_figures()
        self.lists = selectors.sourced_lists()

    # a line of the status, on a day

    def status(self, key: str, on: date) -> StatusFigure:
        view = self.first if on == self.period.start else self.last
        return next(f for f in view.figures if f.key == key)

    def count(self, key: str, name: str, *, start: bool = False) -> tuple[Figure, Figure]:
        """The number and the States of one status line on the period's last (or first)
        day: computed from the per-State facts where the record has facts of that kind,
        else the list a source gives, else the total a source states, else not known."""
        on = self.period.start if start else self.period.end
        view = self.first if start else self.last
        line = self.status(key, on)
        suffix = ".start" if start else ""
        fkey = f"{KEY}.{name}{suffix}"
        listed = stated_on(self.lists, key, on, self.period)
        figure = stated_on(self.figures, key, on, self.period)
        if line.computed is not None:
            spec = next(s for s in selectors.SPECS if s.key == key)
            rows = {r.iso3: r for r in view.states}
            if key == "states_with_obligations":
                sources = [s for iso in line.computed for s in rows[iso].obligation_sources]
                method = (
                    f"the States Parties with an Article 5 obligation on {on.isoformat()}, "
                    "from the obligations on the record (the register)"
                )
            else:
                sources = [
                    s
                    for iso in line.computed
                    if (fact := rows[iso].get(spec.kind)) is not None
                    for s in fact.sources
                ]
                values = ", ".join(spec.values) or "any"
                method = (
                    f"{FACTS}: the States with Article 5 obligations whose latest "
                    f"'{spec.kind}' fact on {on.isoformat()} counts ({values})"
                )
            if line.uncertain:
                uncertain = ", ".join(line.uncertain)
                method += (
                    f"; not known: the facts of {uncertain} may date from after "
                    f"{on.isoformat()} ({len(line.computed)} certain)"
                )
                return (
                    fig(None, fkey, sources, method),
                    states_named(None, f"{fkey}.states", self.names, sources, method),
                )
            return (
                fig(len(line.computed), fkey, sources, method),
                states_named(line.computed, f"{fkey}.states", self.names, sources, method),
            )
        if listed is not None:
            method = "as the source lists them (a sourced list in the record)"
            return (
                fig(len(listed.states), fkey, listed.sources, method),
                states_named(listed.states, f"{fkey}.states", self.names, listed.sources, method),
            )
        if figure is not None:
            method = "as the source states it (a sourced total; the record does not name them)"
            return (
                fig(int(figure.value), fkey, figure.sources, method),
                states_named(None, f"{fkey}.states", self.names, (), "not named by the source"),
            )
        method = "the record holds neither per-State facts nor a sourced figure"
        return fig(None, fkey, (), method), states_named(
            None, f"{fkey}.states", self.names, (), method
        )

    def stated(self, key: str, name: str, *, start: bool = False) -> Figure:
        """The total a source states for the day (``.stated``), None when none."""
        on = self.period.start if start else self.period.end
        figure = stated_on(self.figures, key, on, self.period)
        fkey = f"{KEY}.{name}{'.start' if start else ''}.stated"
        if figure is None:
            return fig(None, fkey, (), "no source on the record states this total")
        return fig(int(figure.value), fkey, figure.sources, "as the source states it")

    # paragraphs

    def obligations(self) -> list[Block]:
        start, end = self.period.start.isoformat(), self.period.end.isoformat()
        n0, s0 = self.count("states_with_obligations", "states_with_obligations", start=True)
        n1, s1 = self.count("states_with_obligations", "states_with_obligations")
        before = set(s0.value or ())
        after = set(s1.value or ())
        rows = {r.iso3: r for r in (*self.first.states, *self.last.states)}
        left = sorted(before - after)
        joined_ = sorted(after - before)
        method = "the States with an Article 5 obligation on the first day and not the last"
        left_fig = states_named(
            left,
            f"{KEY}.left_article5",
            self.names,
            [s for iso in left for s in rows[iso].obligation_sources],
            method,
        )
        joined_fig = states_named(
            joined_,
            f"{KEY}.joined_article5",
            self.names,
            [s for iso in joined_ for s in rows[iso].obligation_sources],
            "the States with an Article 5 obligation on the last day and not the first",
        )
        runs: list[Run] = [
            _("On %(date)s, ") % {"date": start},
            n0,
            _(" States Parties had obligations under Article 5 on the record ("),
            s0,
            _("; the source states "),
            self.stated("states_with_obligations", "states_with_obligations", start=True),
            _("). Since then, "),
            fig(len(left), f"{KEY}.left_article5_count", left_fig.sources, method),
            _(" left the list ("),
            left_fig,
            _(") and "),
            fig(
                len(joined_), f"{KEY}.joined_article5_count", joined_fig.sources, joined_fig.method
            ),
            _(" joined it ("),
            joined_fig,
            _(
                "). On %(date)s, the number of States Parties with obligations under Article 5 "
                "stands at "
            )
            % {"date": end},
            n1,
            " (",
            s1,
            _("; the source states "),
            self.stated("states_with_obligations", "states_with_obligations"),
            ").",
        ]
        clarified = stated_on(self.lists, "clarified_no_victims", self.period.end, self.period)
        if clarified is not None:
            runs += [
                " ",
                states_named(
                    clarified.states,
                    f"{KEY}.clarified_no_victims",
                    self.names,
                    clarified.sources,
                    "as the source names them (a sourced list)",
                ),
                _(" clarified after verification that it had no cluster munition victims."),
            ]
        return [Paragraph(tuple(runs))]

    def reporting(self) -> list[Block]:
        n, s = self.count("reported_new_victims_since_2015", "reported_new_victims")
        without = self.count(
            "annual_reports_2018_without_va_info", "annual_reports_without_va_info"
        )[0]
        stated = stated_on(
            self.figures, "annual_reports_2018_without_va_info", self.period.end, self.period
        )
        year = (
            str(stated.as_of.earliest.year)
            if stated is not None and stated.as_of.earliest is not None
            else _("a year of the period")
        )
        summary = register().summary(self.period.end)
        obligated = {r.iso3 for r in self.last.states}
        submitted = [
            st
            for st in summary.states
            if st.iso3 in obligated
            and st.initial_report is not None
            and st.initial_report.status is ReportStatus.SUBMITTED
        ]
        sources = [
            src for st in submitted if st.initial_report for src in st.initial_report.sources
        ]
        method = (
            "the States with Article 5 obligations on the last day whose initial Article 7 "
            "report the register counts as submitted by then"
        )
        return [
            Paragraph(
                (
                    _("Since %(date)s, ") % {"date": self.period.start.isoformat()},
                    n,
                    _(
                        " States Parties with obligations under Article 5 have reported on new "
                        "cluster munition victims ("
                    ),
                    s,
                    _(
                        "). States Parties with obligations under Article 5 whose annual "
                        "report gave no appropriate information on victim assistance in "
                        "%(year)s: "
                    )
                    % {"year": year},
                    without,
                    _(". Of the "),
                    fig(
                        len(obligated),
                        f"{KEY}.initial_reports_base",
                        [src for r in self.last.states for src in r.obligation_sources],
                        "the States with Article 5 obligations on the last day",
                    ),
                    _(" States Parties with obligations under Article 5, "),
                    fig(len(submitted), f"{KEY}.initial_reports_submitted", sources, method),
                    _(" have submitted their initial transparency report ("),
                    states_named(
                        [st.iso3 for st in submitted],
                        f"{KEY}.initial_reports_submitted.states",
                        self.names,
                        sources,
                        method,
                    ),
                    ").",
                )
            )
        ]

    def national_capacity(self) -> list[Block]:
        fp1, fps = self.count("national_focal_points", "national_focal_points")
        fp0 = self.count("national_focal_points", "national_focal_points", start=True)[0]
        np0 = self.count("national_plans_or_authority", "national_plans_or_authority", start=True)[
            0
        ]
        np1, nps = self.count("national_plans_or_authority", "national_plans_or_authority")
        return [
            Paragraph(
                (
                    _(
                        "States Parties with obligations under Article 5 that have designated a "
                        "national focal point (Article 5.2 (g)): "
                    ),
                    fp0,
                    _(" on %(date)s, ") % {"date": self.period.start.isoformat()},
                    fp1,
                    _(" on %(date)s (") % {"date": self.period.end.isoformat()},
                    fps,
                    _("; the source states "),
                    self.stated("national_focal_points", "national_focal_points"),
                    _(
                        "). States Parties that have a national disability or victim assistance "
                        "action plan or a national authority leading the work (Article 5.2): "
                    ),
                    np0,
                    _(" at the start of the period (the source states "),
                    self.stated(
                        "national_plans_or_authority", "national_plans_or_authority", start=True
                    ),
                    _("), "),
                    np1,
                    _(" at its end ("),
                    nps,
                    _("; the source states "),
                    self.stated("national_plans_or_authority", "national_plans_or_authority"),
                    ").",
                )
            )
        ]

    def plans_and_data(self) -> list[Block]:
        dp, dps = self.count("dedicated_action_plans", "dedicated_action_plans")
        crpd, crpds = self.count("crpd_parties", "crpd_parties")
        dc, dcs = self.count("reported_data_collection", "reported_data_collection")
        rm, rms = self.count("reported_resource_mobilization", "reported_resource_mobilization")
        sv, svs = self.count("survivors_involved", "survivors_involved")
        sa, sas = self.count("sex_age_disaggregated_data", "sex_age_disaggregated_data")
        rq, rqs = self.count("requested_assistance_2016_2020", "requested_assistance")
        return [
            Paragraph(
                (
                    dp,
                    _(
                        " States Parties with obligations under Article 5 reported having "
                        "developed dedicated victim assistance action plans ("
                    ),
                    dps,
                    _("); "),
                    crpd,
                    _(
                        " of the States Parties with obligations under Article 5 are party to the "
                        "Convention on the Rights of Persons with Disabilities ("
                    ),
                    crpds,
                    _("). "),
                    dc,
                    _(" have reported on data collection ("),
                    dcs,
                    _(")."),
                )
            ),
            Paragraph(
                (
                    rm,
                    _(
                        " States Parties have reported on the mobilization of resources leading to "
                        "an improvement of the assistance provided to victims ("
                    ),
                    rms,
                    _(
                        "). States Parties that involve survivors or their representative "
                        "organizations in coordination: "
                    ),
                    sv,
                    " (",
                    svs,
                    _("). "),
                    sa,
                    _(
                        " States Parties have indicated collecting figures disaggregated by sex "
                        "and age ("
                    ),
                    sas,
                    _("), and "),
                    rq,
                    _(
                        " have requested international assistance and cooperation regarding "
                        "victim assistance through their Article 7 reports ("
                    ),
                    rqs,
                    ").",
                )
            ),
        ]

    def casualties(self) -> list[Block]:
        years = [
            y for y in self.last.years if self.period.start.year <= y.year <= self.period.end.year
        ]
        span = f"{self.period.start.year}-{self.period.end.year}"
        if not years:
            return [
                Paragraph(
                    (
                        _("Cluster munition casualties in %(years)s: ") % {"years": span},
                        fig(
                            None,
                            f"{KEY}.casualties",
                            (),
                            "the record (staff entry and Form H of published reports) holds "
                            "no casualty figures for these years",
                        ),
                        ".",
                    )
                )
            ]
        total = sum(y.total for y in years)
        lower = [y.year for y in years if y.totals_not_known]
        method = (
            "people killed, injured and killed-or-injured per calendar year, added up over "
            "the States on the record (staff entry; Form H of published reports)"
        )
        if lower:
            method += "; a lower bound: some totals not known in " + ", ".join(map(str, lower))
        runs: list[Run] = [
            _("Cluster munition casualties on the record in %(years)s: ") % {"years": span},
            fig(total, f"{KEY}.casualties", tuple(s for y in years for s in y.sources), method),
            _(" ("),
        ]
        for i, y in enumerate(years):
            if i:
                runs.append("; ")
            runs += [
                f"{y.year}: ",
                fig(y.total, f"{KEY}.casualties.{y.year}", y.sources, method),
            ]
        runs.append(").")
        chart = casualties_chart(years, self.period.end, id="review-va")
        return [
            Paragraph(tuple(runs)),
            Chart(str(chart.title), str(chart.description), render_svg(chart)),
        ]


def build(period: Period) -> SectionContent:
    """Part A of section V for ``period``."""
    b = _Builder(period)
    blocks = [
        *b.casualties(),
        *b.obligations(),
        *b.reporting(),
        *b.national_capacity(),
        *b.plans_and_data(),
    ]
    return SectionContent(status=tuple(blocks), theme=KEY)


SECTION = ReviewSection(number="V", key=KEY, title=gettext_lazy("Victim Assistance"), build=build)
