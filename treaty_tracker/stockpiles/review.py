"""Section III of the generated review (Stockpile Destruction), part A: the status and
progress of Article 3 over a period, like CCM/CONF/2020/13 paras 28-31.

Every number, count and list of States is a :func:`~treaty_tracker.themes.document.fig`
keyed ``stockpiles.<name>``. Each comes from the record where it holds the per-State data
(the rules engine's obligations, deadlines, extensions and completions through
``states.selectors.register()``; declared, destroyed and retained stockpiles through
``stockpiles.selectors``), or else from the sourced total a document states (a
``sources.Figure``), labelled "as the source states it" and cited. When the record holds
per-State data for fewer States than the source counts, both appear: the source's total
and what the record names. Where neither can say, the figure is "not known".

A sourced total counts for the period only when it refers to the day in question: a
status figure must be dated on the period's last day (or its first, for "at the start"),
a figure about the period must lie within it. Nothing here computes a deadline: they are
the engine's.

:func:`extensions_in_period`, :func:`state_list` and :func:`plain_date` are shared with
section IV (``clearance.review``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import FuzzyDate, ObligationResult, ObligationStatus, Summary
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.rules.dates import add_years
from treaty_tracker.rules.records import Basis
from treaty_tracker.sources.models import Figure as SourcedFigure
from treaty_tracker.sources.models import StateList
from treaty_tracker.states.selectors import register, treaty
from treaty_tracker.stockpiles.charts import progress_chart
from treaty_tracker.stockpiles.selectors import FIGURE_PREFIX, Overview, overview
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
from treaty_tracker.themes.prose import (
    Extension,
    extensions_in_period,
    list_at,
    months,
    number,
    plain_date,
    sourced_at,
    sourced_during,
    sourced_method,
    sourced_sources,
    state_list,
    states_fig,
    within,
)

KEY = "stockpiles"


# -- section III ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    period: Period
    view: Overview
    start: Summary
    name: Callable[[str], str]
    figures: list[SourcedFigure]
    lists: list[StateList]

    def key(self, name: str) -> str:
        return f"{KEY}.{name}"

    def obligation(self, iso3: str) -> ObligationResult | None:
        return next((o for o in self.view.obligations if o.state == iso3), None)

    def sources(self, codes: Iterable[str]) -> tuple[str, ...]:
        found: list[str] = []
        for code in codes:
            o = self.obligation(code)
            if o is not None:
                found += o.sources
        return tuple(dict.fromkeys(found))


def _context(period: Period) -> _Context:
    view = overview(period.end)
    lists = list(
        StateList.objects.filter(key__startswith=FIGURE_PREFIX)
        .select_related("source", "entered_by")
        .prefetch_related("states")
    )
    return _Context(
        period=period,
        view=view,
        start=register().summary(period.start),
        name=view.name,
        figures=list(
            SourcedFigure.objects.filter(key__startswith=FIGURE_PREFIX).select_related(
                "source", "entered_by"
            )
        ),
        lists=lists,
    )


def _count_or_source(
    c: _Context,
    name: str,
    codes: Sequence[str],
    sourced: SourcedFigure | None,
    method: str,
) -> tuple[list[Run], Figure]:
    """A count computed from the record's per-State data, or, when a source counts more
    States than the record holds, the source's count (the main figure) and what the record
    names: the runs "12 (A, B, …)", empty when the computed count is the main figure."""
    computed = fig(len(codes), c.key(name), c.sources(codes), method)
    if sourced is None or len(codes) >= number(sourced.value):
        return [], computed
    main = fig(
        number(sourced.value),
        c.key(name),
        sourced_sources(sourced),
        sourced_method(sourced),
    )
    named: list[Run] = [fig(len(codes), c.key(f"{name}_on_record"), c.sources(codes), method)]
    if codes:
        named += [
            " (",
            states_fig(codes, c.key(f"{name}_on_record_states"), c.name, c.sources(codes), method),
            ")",
        ]
    return named, main


def _status(c: _Context) -> Paragraph:
    """Para 28: stockpiles reported and destroyed, completions, totals destroyed."""
    f = c.view.figures
    end = c.period.end
    engine = "computed from the record: the rules engine's Art. 3 obligations"
    reported_extra, reported = _count_or_source(
        c,
        "reported_stockpiles",
        f.with_obligation,
        sourced_at(c.figures, "article3.states_reported_stockpiles", end),
        f"{engine} of States Parties whose stockpile at entry into force is confirmed",
    )
    completed_extra, completed = _count_or_source(
        c,
        "completed",
        f.completed,
        sourced_at(c.figures, "article3.completed_states", end),
        f"{engine} with the status completed on {end.isoformat()}",
    )
    runs: list[Run] = [
        completed,
        gettext(" of "),
        reported,
        gettext(
            " States Parties that reported to have stockpiles of cluster munitions when the "
            "Convention entered into force for them have completed their destruction "
            "obligations. "
        ),
        *(
            [gettext("The record holds per-State data for "), *reported_extra, ". "]
            if reported_extra
            else []
        ),
        *(
            [gettext("Completed on the record: "), *completed_extra, ". "]
            if completed_extra
            else []
        ),
        *_destroyed(c),
    ]
    without = sourced_at(c.figures, "article3.states_without_stockpiles", end)
    runs += [
        gettext(" States Parties which do not hold stockpiles of cluster munitions: "),
        fig(
            None if without is None else number(without.value),
            c.key("without_stockpiles"),
            sourced_sources(without) if without else (),
            sourced_method(without)
            if without
            else "not known: the record does not hold every State Party's stockpiles",
        ),
        ". ",
    ]
    at_start = [
        o.state
        for o in c.start.obligations(treaty().stockpile.article)
        if o.basis is not Basis.NOT_KNOWN and o.status is not ObligationStatus.COMPLETED
    ]
    start_extra, start_count = _count_or_source(
        c,
        "outstanding_at_start",
        at_start,
        sourced_at(c.figures, "article3.outstanding_states", c.period.start),
        f"computed from the record: the rules engine's Art. 3 obligations not completed "
        f"on {c.period.start.isoformat()}",
    )
    runs += [
        gettext("At the start of the period (%(date)s), ") % {"date": plain_date(c.period.start)},
        start_count,
        gettext(" States Parties still had an obligation to destroy their stockpiles"),
        *([gettext("; the record names "), *start_extra] if start_extra else []),
        ".",
    ]
    return Paragraph(tuple(runs))


def _destroyed(c: _Context) -> list[Run]:
    """Totals destroyed: the source's totals (the record has per-State destruction for a
    few States only), and what the record adds up beside them."""
    f = c.view.figures
    end = c.period.end
    share = sourced_at(c.figures, "article3.destroyed_share_percent", end)
    munitions = sourced_at(c.figures, "article3.destroyed_cluster_munitions", end)
    submunitions = sourced_at(c.figures, "article3.destroyed_submunitions", end)
    not_known = (
        "not known: no source states the total, and the record's per-State data "
        "does not cover every State Party"
    )

    def sourced(item: SourcedFigure | None, name: str, text: str | None = None) -> Figure:
        if item is None:
            return fig(None, c.key(name), (), not_known)
        return fig(
            number(item.value), c.key(name), sourced_sources(item), sourced_method(item), text
        )

    computed = (
        "computed from the record: destruction entered or reported in Form B, "
        "added up over the States Parties that report it"
    )
    states = f.destroyed_states
    runs: list[Run] = [
        gettext("Share of the stockpiles declared by States Parties already destroyed: "),
        sourced(share, "destroyed_share_percent"),
        gettext(" per cent; destroyed in total: "),
        sourced(munitions, "destroyed_munitions"),
        gettext(" cluster munitions containing "),
        sourced(submunitions, "destroyed_submunitions"),
        gettext(" submunitions. "),
    ]
    if states:
        sources = tuple(
            s for code in states for d in c.view.facts.merged(code).destructions for s in d.sources
        )
        runs += [
            gettext("The record's per-State figures account for "),
            _amount(
                f.destroyed_munitions, c.key("destroyed_munitions_on_record"), sources, computed
            ),
            gettext(" cluster munitions and "),
            _amount(
                f.destroyed_submunitions,
                c.key("destroyed_submunitions_on_record"),
                sources,
                computed,
            ),
            gettext(" submunitions destroyed by "),
            states_fig(states, c.key("destroyed_on_record_states"), c.name, sources, computed),
            ".",
        ]
    return runs


def _amount(amount: rules.Amount | None, key: str, sources: Sequence[str], method: str) -> Figure:
    if amount is None:
        return fig(None, key, sources, method)
    text = f"{amount.value:,}"
    if amount.qualifier is rules.Qualifier.APPROXIMATE:
        text = gettext("about %(count)s") % {"count": text}
    elif amount.qualifier is rules.Qualifier.AT_LEAST:
        text = gettext("at least %(count)s") % {"count": text}
    return fig(amount.value, key, sources, f"{method} ({amount.qualifier.value})", text)


def _since(c: _Context) -> Paragraph:
    """Para 28(a)-(d): what happened during the period."""
    return Paragraph(
        (gettext("During the period, the following was observed:"),),
        items=(_compliance(c), _joined(c), _not_believed(c), _outstanding(c)),
    )


def _compliance(c: _Context) -> tuple[Run, ...]:
    """28(a): declarations of compliance made during the period, in time or not, and how
    far ahead of the deadline."""
    declared = [
        code
        for code, rows in c.view.facts.compliance.items()
        if any(within(r.declared, c.period) for r in rows)
    ]
    sources = tuple(r.citation for code in declared for r in c.view.facts.compliance[code])
    method = (
        "computed from the record: the States' Art. 3 declarations of compliance dated "
        "within the period"
    )
    in_time = [_ahead(c.obligation(code), 0) for code in declared]
    ahead = [_ahead(c.obligation(code), 3) for code in declared]
    timely_method = (
        "computed from the record: completion (engine) on or before the current deadline "
        "(engine); not known when a completion date is too vague to tell"
    )
    three = sourced_during(c.figures, "article3.completed_3_years_ahead", c.period)
    if None not in ahead or three is None:
        ahead_fig = fig(
            None if None in ahead else sum(1 for a in ahead if a),
            c.key("completed_3_years_ahead"),
            c.sources(declared),
            "computed from the record: completion at least three years before the "
            "deadline (engine); not known when a completion date is too vague to tell",
        )
    else:
        ahead_fig = fig(
            number(three.value),
            c.key("completed_3_years_ahead"),
            sourced_sources(three),
            sourced_method(three),
        )
    return (
        fig(len(declared), c.key("declared_compliance_count"), sources, method),
        gettext(" States Parties ("),
        states_fig(declared, c.key("declared_compliance"), c.name, sources, method),
        gettext(") have declared compliance with their Article 3 obligations; of them, "),
        fig(
            None if None in in_time else sum(1 for a in in_time if a),
            c.key("declared_compliance_in_time"),
            c.sources(declared),
            timely_method,
        ),
        gettext(" did so within the stipulated timeframe, and "),
        ahead_fig,
        gettext(" completed their obligations at least three years ahead of the deadline;"),
    )


def _ahead(o: ObligationResult | None, years: int) -> bool | None:
    """Completed at least ``years`` before the current deadline: True, False, or None
    when the record cannot tell."""
    if o is None or o.completed is None or o.status is not ObligationStatus.COMPLETED:
        return None
    if o.completed.precision not in ("day", "month", "year"):
        # A window (e.g. "declared between the 1RC and the review") is not a completion
        # date: it says when the declaration was made, not when destruction ended.
        return None
    deadline = o.current_deadline.earliest
    if deadline is None or not o.current_deadline.is_exact:
        return None
    limit = add_years(deadline, -years) if years else deadline
    return o.completed.on_or_before(limit)


def _joined(c: _Context) -> tuple[Run, ...]:
    """28(b): States that joined during the period and reported stockpiles."""
    parties_at_start = set(c.start.states_parties)
    joined = [s for s in c.view.figures.with_obligation if s not in parties_at_start]
    completed = [s for s in joined if s in c.view.figures.completed]
    method = (
        "computed from the record: States Parties with a confirmed Art. 3 obligation that "
        "were not States Parties at the start of the period"
    )
    return (
        fig(len(joined), c.key("joined_with_stockpiles_count"), c.sources(joined), method),
        ngettext(
            " State Party that joined the Convention during the period (",
            " States Parties that joined the Convention during the period (",
            len(joined),
        ),
        states_fig(joined, c.key("joined_with_stockpiles"), c.name, c.sources(joined), method),
        gettext(") reported having cluster munitions; completed destruction: "),
        states_fig(
            completed,
            c.key("joined_completed"),
            c.name,
            c.sources(completed),
            f"{method}, with the status completed on {c.period.end.isoformat()}",
        ),
        ";",
    )


def _not_believed(c: _Context) -> tuple[Run, ...]:
    """28(c): new States Parties without an initial report, believed to hold no
    stockpiles: a judgement only a source can give."""
    item = list_at(
        c.lists, "article3.new_parties_without_initial_report_no_stockpile_believed", c.period.end
    )
    codes = [s.iso3 for s in item.states.all()] if item else []
    value = (
        states_fig(
            codes,
            c.key("new_parties_no_stockpile_believed"),
            c.name,
            sourced_sources(item),
            sourced_method(item),
        )
        if item
        else fig(
            None,
            c.key("new_parties_no_stockpile_believed"),
            (),
            "not known: no source on the record says so for this date",
        )
    )
    return (
        gettext(
            "States Parties that recently joined, have not yet shared their initial report "
            "and are not believed to hold stockpiles: "
        ),
        value,
        ";",
    )


def _outstanding(c: _Context) -> tuple[Run, ...]:
    """28(d): outstanding obligations at the end, each with the engine's current
    deadline; States whose obligation is not confirmed (still verifying)."""
    f = c.view.figures
    method = (
        f"computed from the record: the rules engine's confirmed Art. 3 obligations not "
        f"completed on {c.period.end.isoformat()}"
    )
    ordered, _words = state_list(f.outstanding, c.name)
    runs: list[Run] = [
        fig(len(ordered), c.key("outstanding_count"), c.sources(ordered), method),
        gettext(" States Parties ("),
        states_fig(ordered, c.key("outstanding"), c.name, c.sources(ordered), method),
        gettext(
            ") reported still having stockpiles and have an outstanding obligation to "
            "destroy them; their current deadlines: "
        ),
    ]
    for index, code in enumerate(ordered):
        o = c.obligation(code)
        deadline = o.current_deadline if o else FuzzyDate()
        runs += [
            ", " if index else "",
            f"{c.name(code)} ",
            fig(
                deadline.iso() if deadline.is_known else None,
                c.key(f"deadline.{code}"),
                o.sources if o else (),
                "the rules engine's current deadline (original deadline and extensions "
                "granted by the period's end)",
                text=plain_date(deadline) if deadline.is_known else None,
            ),
        ]
    unconfirmed = [
        s for s in f.unconfirmed if (o := c.obligation(s)) is None or o.completed is None
    ]
    runs += [
        gettext(". Still verifying whether they hold cluster munitions: "),
        states_fig(
            unconfirmed,
            c.key("unconfirmed"),
            c.name,
            c.sources(unconfirmed),
            "computed from the record: Art. 3 obligations whose basis is not known and "
            "which are not completed",
        ),
        ".",
    ]
    return tuple(runs)


def _extensions(c: _Context) -> Paragraph:
    """Para 30: extension requests submitted or decided within the period."""
    requests = extensions_in_period(treaty().stockpile.article, c.period)
    method = (
        "computed from the record: extension requests (obligations.ExtensionRequest) "
        "submitted or decided within the period, with their decision as of the period's end"
    )
    granted = [r for r in requests if r.granted]
    pending = [r for r in requests if r.pending]
    runs: list[Run] = [
        gettext("Extension requests under Article 3 during the period: "),
        fig(len(requests), c.key("extension_requests_count"), _request_sources(requests), method),
        gettext(". Granted: "),
        *_requests(c, granted, "granted", method),
        gettext(". Pending at the end of the period: "),
        *_requests(c, pending, "pending", method),
        ". ",
    ]
    with_request = {r.state for r in requests}
    others = [s for s in c.view.figures.outstanding if s not in with_request]
    runs += [
        gettext("States Parties with outstanding obligations that made no request: "),
        states_fig(
            others,
            c.key("outstanding_without_request"),
            c.name,
            c.sources(others),
            f"{method}; outstanding obligations from the rules engine",
        ),
        gettext(". States Parties that declared previously unknown stockpiles: "),
        states_fig(
            c.view.figures.discovered,
            c.key("discovered"),
            c.name,
            c.sources(c.view.figures.discovered),
            "computed from the record: stockpile declarations of origin 'discovered after "
            "entry into force' dated by the period's end",
        ),
        ".",
    ]
    return Paragraph(tuple(runs))


def _request_sources(requests: Sequence[Extension]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for r in requests for s in r.sources))


def _requests(c: _Context, requests: Sequence[Extension], kind: str, method: str) -> list[Run]:
    ordered = sorted(requests, key=lambda r: (c.name(r.state), r.submitted.latest or date.min))
    runs: list[Run] = [
        states_fig(
            [r.state for r in ordered],
            c.key(f"extensions_{kind}"),
            c.name,
            _request_sources(ordered),
            method,
        ),
    ]
    if not ordered:
        return runs
    runs.append(" (")
    for index, r in enumerate(ordered):
        suffix = f"{r.state}.{r.meeting or 'request'}"
        runs += [
            "; " if index else "",
            f"{c.name(r.state)}{', ' + r.meeting if r.meeting else ''}: ",
            fig(
                r.months_requested,
                c.key(f"months_requested.{suffix}"),
                r.sources,
                "months requested, as the request states them",
                text=months(r.months_requested),
            ),
            gettext(" requested"),
        ]
        if r.granted:
            runs += [
                gettext(", "),
                fig(
                    r.months_granted,
                    c.key(f"months_granted.{suffix}"),
                    r.sources,
                    "months granted, as the decision states them",
                    text=months(r.months_granted),
                ),
                gettext(" granted, deadline now "),
                fig(
                    r.deadline_after.iso() if r.deadline_after else None,
                    c.key(f"extended_deadline.{suffix}"),
                    r.sources,
                    "the rules engine's deadline after the extension",
                    text=plain_date(r.deadline_after) if r.deadline_after else None,
                ),
            ]
    runs.append(")")
    return runs


def _retention(c: _Context) -> Paragraph:
    """Para 31: States Parties retaining under Art. 3(6), at the end and the start."""
    f = c.view.figures
    method = (
        "computed from the record: States Parties whose latest retention (entered, or "
        "Form D) by the date holds some"
    )
    end_extra, end_count = _count_or_source(
        c,
        "retaining",
        f.retaining,
        sourced_at(c.figures, "article3.retaining_states", c.period.end),
        method,
    )
    start_view = overview(c.period.start) if c.period.start < c.period.end else c.view
    start_extra, start_count = _count_or_source(
        c,
        "retaining_at_start",
        start_view.figures.retaining,
        sourced_at(c.figures, "article3.retaining_states", c.period.start),
        method,
    )
    return Paragraph(
        (
            gettext(
                "States Parties retaining cluster munitions for training and research "
                "(Article 3(6)): "
            ),
            end_count,
            *([gettext(" (the record names "), *end_extra, ")"] if end_extra else []),
            gettext(" at the end of the period, against "),
            start_count,
            *([gettext(" (the record names "), *start_extra, ")"] if start_extra else []),
            gettext(" at its start."),
        )
    )


def _charts(c: _Context) -> list[Chart]:
    """Destruction progress per State (declared, destroyed, remaining), as on the
    thematic page."""
    view = c.view
    ordered = [view.progress[code] for code in sorted(view.progress, key=view.name)]
    names = {code: view.name(code) for code in view.progress}
    charts = []
    for category, title, ident in (
        (
            rules.Category.CLUSTER_MUNITIONS,
            gettext("Cluster munitions destroyed and remaining, as of %(date)s"),
            "review-a3-munitions",
        ),
        (
            rules.Category.EXPLOSIVE_SUBMUNITIONS,
            gettext("Explosive submunitions destroyed and remaining, as of %(date)s"),
            "review-a3-submunitions",
        ),
    ):
        chart = progress_chart(
            ordered, names, category, title % {"date": plain_date(c.period.end)}, ident
        )
        if chart is not None:
            charts.append(Chart(chart.title, chart.description, render_svg(chart)))
    return charts


def build(period: Period) -> SectionContent:
    """Part A of section III for ``period``, computed as of its last day (and its first,
    for "at the start")."""
    c = _context(period)
    blocks: list[Block] = [
        _status(c),
        _since(c),
        _extensions(c),
        _retention(c),
        *_charts(c),
    ]
    return SectionContent(status=tuple(blocks), theme=KEY)


SECTION = ReviewSection(number="III", key=KEY, title=_("Stockpile Destruction"), build=build)


__all__ = [
    "SECTION",
    "Extension",
    "build",
    "extensions_in_period",
    "plain_date",
    "state_list",
    "states_fig",
]
