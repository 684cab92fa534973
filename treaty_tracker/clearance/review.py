"""Section IV of the generated review (Clearance and Risk Reduction Education), part A:
the status and progress of Article 4 over a period, like CCM/CONF/2020/13 paras 38-41
and 53.

Every number and list of States is a :func:`~treaty_tracker.themes.document.fig` keyed
``clearance.<name>``. The States with obligations at the start and the end, completions,
new and rediscovered obligations come from the rules engine (``rules.clearance.movement``
over ``register().summary`` at both dates); extensions from the register's records of
``obligations.ExtensionRequest`` (see ``stockpiles.review.extensions_in_period``). Where
the record cannot tell a State's position (a completion dated only "by 2018"), the
source's count is the main figure, "as the source states it", with what the record names
beside it. Para 53's clearance per year exists only as sourced totals (Mine Action
Review, through the review): shown as such, with the land release on the record beside
them when there is any.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from treaty_tracker.clearance import charts, selectors
from treaty_tracker.rules import clearance as rules
from treaty_tracker.sources.models import Figure as SourcedFigure
from treaty_tracker.sources.models import StateList
from treaty_tracker.states.selectors import register
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
from treaty_tracker.themes.prose import (
    Extension,
    extensions_in_period,
    months,
    namer,
    number,
    plain_date,
    sourced_at,
    sourced_method,
    sourced_sources,
    states_fig,
)

KEY = "clearance"
MOVEMENT = (
    "computed from the record: the rules engine's Art. 4 obligations of States Parties "
    "(rules.clearance.movement) on the period's first and last days"
)


def _key(name: str) -> str:
    return f"{KEY}.{name}"


def _figures() -> list[SourcedFigure]:
    return list(
        SourcedFigure.objects.filter(key__startswith="article4.").select_related(
            "source", "entered_by"
        )
        | SourcedFigure.objects.filter(key__startswith="clearance.").select_related(
            "source", "entered_by"
        )
    )


def _lists() -> list[StateList]:
    return list(
        StateList.objects.filter(key__startswith="article4.")
        .select_related("source", "entered_by")
        .prefetch_related("states")
    )


class _Context:
    def __init__(self, period: Period) -> None:
        self.period = period
        everything = register()
        self.start = everything.summary(period.start)
        self.end = everything.summary(period.end)
        self.name = namer(self.end)
        facts = selectors.facts()
        self.facts = facts
        self.movement = rules.movement(
            self.start, self.end, selectors.rediscovered(facts.areas, period.end)
        )
        self.figures = _figures()
        self.lists = _lists()
        self.obligations = {o.state: o for o in self.end.obligations(rules.ARTICLE)}

    def sources(self, codes: Sequence[str]) -> tuple[str, ...]:
        found = [s for code in codes for s in self.movement.sources.get(code, ())]
        return tuple(dict.fromkeys(found))


def _named(c: _Context, name: str, codes: Sequence[str], method: str) -> list[Run]:
    """ "3 (A, B and C)": the count and the names, each a figure."""
    runs: list[Run] = [fig(len(codes), _key(f"{name}_count"), c.sources(codes), method)]
    if codes:
        runs += [" (", states_fig(codes, _key(name), c.name, c.sources(codes), method), ")"]
    else:
        runs.append(states_fig(codes, _key(name), c.name, (), method))
    return runs


def _obligations(c: _Context) -> Paragraph:
    """Para 38: obligations at the start and the end, and what changed in between."""
    m = c.movement
    start_method = f"{MOVEMENT}: outstanding on {c.period.start.isoformat()}"
    at_start: list[Run]
    sourced = sourced_at(c.figures, "article4.outstanding_states", c.period.start)
    if m.not_known_at_start and sourced is not None:
        at_start = [
            fig(
                number(sourced.value),
                _key("obligations_at_start"),
                sourced_sources(sourced),
                sourced_method(sourced),
            ),
            gettext(" (the record names "),
            fig(
                len(m.at_start),
                _key("obligations_at_start_on_record"),
                c.sources(m.at_start),
                start_method,
            ),
            " (",
            states_fig(
                m.at_start,
                _key("obligations_at_start_states"),
                c.name,
                c.sources(m.at_start),
                start_method,
            ),
            gettext("); for "),
            states_fig(
                m.not_known_at_start,
                _key("not_known_at_start"),
                c.name,
                c.sources(m.not_known_at_start),
                f"{start_method}: completion dated too vaguely to tell",
            ),
            gettext(" it cannot tell)"),
        ]
    elif m.not_known_at_start:
        at_start = [
            fig(
                None,
                _key("obligations_at_start"),
                c.sources(m.not_known_at_start),
                f"{start_method}: not known, the record cannot tell for some States",
            ),
            gettext(" (the record names "),
            *_named(c, "obligations_at_start_states", m.at_start, start_method),
            ")",
        ]
    else:
        at_start = [
            fig(len(m.at_start), _key("obligations_at_start"), c.sources(m.at_start), start_method),
            " (",
            states_fig(
                m.at_start,
                _key("obligations_at_start_states"),
                c.name,
                c.sources(m.at_start),
                start_method,
            ),
            ")",
        ]
    end_method = f"{MOVEMENT}: outstanding on {c.period.end.isoformat()}"
    return Paragraph(
        (
            gettext("At the start of the period (%(date)s), ")
            % {"date": plain_date(c.period.start)},
            *at_start,
            gettext(
                " States Parties had clearance obligations under Article 4. During the "
                "period, States Parties that declared completion: "
            ),
            *_named(c, "completed", m.completed, f"{MOVEMENT}: completion dated within the period"),
            gettext(". New States Parties with obligations under Article 4: "),
            *_named(c, "new", m.new, f"{MOVEMENT}: outstanding at the end, not at the start"),
            gettext(
                ". States Parties that had declared completion and found previously "
                "unknown contaminated areas: "
            ),
            *_named(
                c,
                "rediscovered",
                m.rediscovered,
                f"{MOVEMENT}; contaminated areas found after a declared completion",
            ),
            gettext(". Consequently, "),
            fig(len(m.at_end), _key("obligations_at_end"), c.sources(m.at_end), end_method),
            gettext(" States Parties ("),
            states_fig(
                m.at_end, _key("obligations_at_end_states"), c.name, c.sources(m.at_end), end_method
            ),
            gettext(
                ") have outstanding clearance obligations under Article 4 at the end of the period."
            ),
        )
    )


def _extensions(c: _Context) -> Paragraph:
    """Paras 39-40: extensions granted during the period (with the engine's new
    deadlines) and requests pending at its end."""
    requests = extensions_in_period(rules.ARTICLE, c.period)
    method = (
        "computed from the record: extension requests (obligations.ExtensionRequest) "
        "submitted or decided within the period, with their decision as of the period's end"
    )
    granted = sorted((r for r in requests if r.granted), key=lambda r: c.name(r.state))
    pending = sorted((r for r in requests if r.pending), key=lambda r: c.name(r.state))
    runs: list[Run] = [
        gettext("Extensions granted during the period: "),
        states_fig(
            [r.state for r in granted],
            _key("extensions_granted"),
            c.name,
            _sources(granted),
            method,
        ),
    ]
    by_deadline: dict[str, list[Extension]] = defaultdict(list)
    for r in granted:
        by_deadline[r.deadline_after.iso() if r.deadline_after else ""].append(r)
    details: list[Run] = []
    for r in granted:
        details += [
            "; " if details else " (",
            f"{c.name(r.state)}{', ' + r.meeting if r.meeting else ''}: ",
            fig(
                r.months_granted,
                _key(f"months_granted.{r.state}"),
                r.sources,
                "months granted, as the decision states them",
                text=months(r.months_granted),
            ),
            gettext(", until "),
            fig(
                r.deadline_after.iso() if r.deadline_after else None,
                _key(f"extended_deadline.{r.state}"),
                r.sources,
                "the rules engine's deadline after the extension",
                text=plain_date(r.deadline_after) if r.deadline_after else None,
            ),
        ]
    runs += [*details, ")"] if details else []
    runs += [
        gettext(". Requests pending at the end of the period: "),
        states_fig(
            [r.state for r in pending],
            _key("extensions_pending"),
            c.name,
            _sources(pending),
            method,
        ),
    ]
    details = []
    for r in pending:
        o = c.obligations.get(r.state)
        details += [
            "; " if details else " (",
            f"{c.name(r.state)}: ",
            fig(
                r.months_requested,
                _key(f"months_requested.{r.state}"),
                r.sources,
                "months requested, as the request states them",
                text=months(r.months_requested),
            ),
            gettext(" requested, current deadline "),
            fig(
                o.current_deadline.iso() if o and o.current_deadline.is_known else None,
                _key(f"deadline.{r.state}"),
                o.sources if o else (),
                "the rules engine's current deadline",
                text=plain_date(o.current_deadline) if o and o.current_deadline.is_known else None,
            ),
        ]
    runs += [*details, ")"] if details else []
    expected = sourced_at(c.figures, "article4.expected_outstanding_end_2rc", c.period.end)
    if expected is not None:
        runs += [
            gettext(
                ". States Parties expected to continue to have outstanding clearance "
                "obligations after the next Review Conference: "
            ),
            fig(
                number(expected.value),
                _key("expected_outstanding"),
                sourced_sources(expected),
                sourced_method(expected),
            ),
        ]
    runs.append(".")
    return Paragraph(tuple(runs))


def _sources(requests: Sequence[Extension]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for r in requests for s in r.sources))


def _education(c: _Context) -> Paragraph:
    """Para 41: States Parties with outstanding obligations that gave detailed risk
    reduction education data. A judgement of detail only a source makes; beside it, the
    States whose disaggregated beneficiaries are on the record for years in the period."""
    item = next(
        (
            x
            for x in c.lists
            if x.key == "article4.rre_detailed_disaggregated_data"
            and x.as_of.earliest is not None
            and x.as_of.earliest <= c.period.end
            and x.as_of.latest is not None
            and x.as_of.latest >= c.period.end
        ),
        None,
    )
    detailed = (
        states_fig(
            [s.iso3 for s in item.states.all()],
            _key("rre_detailed"),
            c.name,
            sourced_sources(item),
            sourced_method(item),
        )
        if item
        else fig(None, _key("rre_detailed"), (), "not known: no source on the record says so")
    )
    years = range(c.period.start.year, c.period.end.year + 1)
    disaggregated = sorted(
        {
            e.state.iso3
            for e in c.facts.education
            if e.year in years
            and any(
                getattr(e.beneficiaries(), part) is not None
                for part in ("girls", "boys", "women", "men")
            )
        }
    )
    return Paragraph(
        (
            gettext(
                "States Parties that provided particularly detailed information on risk "
                "reduction education, including disaggregated data: "
            ),
            detailed,
            gettext(
                ". On the record, beneficiaries disaggregated by sex and age for years in "
                "the period: "
            ),
            states_fig(
                disaggregated,
                _key("rre_disaggregated_on_record"),
                c.name,
                tuple(e.citation for e in c.facts.education if e.state.iso3 in disaggregated),
                "computed from the record: risk education entries with girls, boys, women or "
                "men given, for calendar years in the period",
            ),
            ".",
        )
    )


MEASURES = (
    ("area_cleared_km2", "global", " km²"),
    ("area_cleared_km2", "states_parties", " km²"),
    ("submunitions_cleared", "global", ""),
    ("submunitions_cleared", "states_parties", ""),
)


def _year_figures(c: _Context) -> dict[int, dict[str, SourcedFigure]]:
    """Para 53's sourced totals for calendar years within the period, by year."""
    by_year: dict[int, dict[str, SourcedFigure]] = defaultdict(dict)
    for f in c.figures:
        parts = f.key.split(".")
        if len(parts) != 4 or parts[0] != "clearance" or not parts[3].isdigit():
            continue
        year = int(parts[3])
        if not c.period.start.year <= year <= c.period.end.year:
            continue
        if f.as_of.earliest is None or f.as_of.earliest.year != year:
            continue
        by_year[year][f"{parts[1]}.{parts[2]}"] = f
    return dict(sorted(by_year.items()))


def _clearance(c: _Context) -> Paragraph:
    """Para 53: clearance per year, globally and in States Parties, as sourced totals."""
    by_year = _year_figures(c)

    def value(item: SourcedFigure | None, key: str, unit: str) -> Figure:
        if item is None:
            return fig(None, key, (), "not known: no source on the record gives it")
        amount = number(item.value)
        return fig(
            amount,
            key,
            sourced_sources(item),
            sourced_method(item),
            text=f"{fig(amount, key).text}{unit}",
        )

    items = []
    for year, figures in by_year.items():
        cells = {
            f"{measure}.{scope}": value(
                figures.get(f"{measure}.{scope}"), _key(f"{measure}.{scope}.{year}"), unit
            )
            for measure, scope, unit in MEASURES
        }
        items.append(
            (
                f"{year}: ",
                cells["area_cleared_km2.global"],
                gettext(" cleared globally (in States Parties, more than "),
                cells["area_cleared_km2.states_parties"],
                gettext("); submunitions cleared globally: "),
                cells["submunitions_cleared.global"],
                gettext(" (in States Parties, more than "),
                cells["submunitions_cleared.states_parties"],
                ");",
            )
        )
    releases = [
        r
        for r in selectors.release_rows(c.facts.releases, c.period.end)
        if c.period.start.year <= r.year <= c.period.end.year
    ]
    totals = rules.release_by_year(releases)
    lead: list[Run] = [
        gettext(
            "Cluster munition remnant contaminated area cleared and submunitions cleared "
            "each year, as the sources state the totals"
        ),
    ]
    if not items:
        lead += [
            ": ",
            fig(
                None,
                _key("area_cleared_km2.global"),
                (),
                "not known: no source on the record gives yearly totals for the period",
            ),
        ]
    lead.append(". ")
    lead += [
        gettext("Land released on the record (States' own figures) for years in the period: "),
        fig(
            sum(y.total_m2 for y in totals) / 1_000_000 if totals else None,
            _key("released_km2_on_record"),
            tuple(dict.fromkeys(s for y in totals for s in y.sources)),
            "computed from the record: land release (cancelled, reduced and cleared) added "
            "up over the States and calendar years in the period",
            text=(f"{sum(y.total_m2 for y in totals) / 1_000_000:,.2f} km²" if totals else None),
        ),
        ".",
    ]
    return Paragraph(tuple(lead), items=tuple(items))


def _charts(c: _Context) -> list[Chart]:
    """Area cleared per year (para 53's sourced totals; "more than" hatched), and the land
    release on the record per year when there is any, drawn by ``clearance.charts``."""
    by_year = _year_figures(c)
    rows = []
    said = []
    for year, figures in by_year.items():
        for scope, label, hatched in (
            ("global", gettext("%(year)s globally"), False),
            ("states_parties", gettext("%(year)s in States Parties"), True),
        ):
            item = figures.get(f"area_cleared_km2.{scope}")
            if item is None:
                continue
            km2 = float(item.value)
            note = (gettext("more than %(area)s km²") if hatched else "%(area)s km²") % {
                "area": f"{km2:,.1f}"
            }
            rows.append(
                charts.Row(
                    label=label % {"year": year},
                    segments=(charts.Segment(scope, km2),),
                    note=note,
                    hatched=hatched,
                )
            )
            said.append(f"{label % {'year': year}}: {note}")
    found = []
    if rows:
        chart = charts.Chart(
            id="review-a4-cleared",
            title=gettext("Area cleared of cluster munition remnants per year (sourced totals)"),
            description="; ".join(said),
            legend={"global": gettext("Globally"), "states_parties": gettext("In States Parties")},
            rows=tuple(rows),
            empty=gettext("No yearly clearance total is on the record for the period."),
        )
        found.append(Chart(chart.title, chart.description, charts.render_area_svg(chart)))
    releases = [
        r
        for r in selectors.release_rows(c.facts.releases, c.period.end)
        if c.period.start.year <= r.year <= c.period.end.year
    ]
    if releases:
        names = {s.iso3: s.name for s in c.end.states}
        chart = charts.release_chart(
            rules.release_by_year(releases), rules.release_by_state(releases), names
        )
        found.append(Chart(chart.title, chart.description, charts.render_area_svg(chart)))
    return found


def build(period: Period) -> SectionContent:
    """Part A of section IV for ``period``, computed on its first and last days."""
    c = _Context(period)
    blocks: list[Block] = [
        _obligations(c),
        _extensions(c),
        _education(c),
        _clearance(c),
        *_charts(c),
    ]
    return SectionContent(status=tuple(blocks), theme=KEY)


SECTION = ReviewSection(
    number="IV", key=KEY, title=_("Clearance and Risk Reduction Education"), build=build
)
