"""Indicators on a date: the Django side of ``rules.indicators``.

:class:`Reader` gathers, for a date, the results the thematic apps already compute (the
register's summary, ``rules.compliance`` reporting figures, the ``stockpiles`` overview's
figures, the ``clearance`` movement and surveys, the ``victims`` status figures, the
Article 9 category counts, the cooperation figures of published reports) into
:class:`~treaty_tracker.rules.indicators.Inputs`, computing only what the plan's formulas
need. :func:`evaluate` gives every action of a plan with its indicators' values, status and
trend (the value at each year end of the plan's period up to the date).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from treaty_tracker.clearance import selectors as clearance_selectors
from treaty_tracker.obligations import measures_selectors
from treaty_tracker.plans.models import Action, ActionPlan, Indicator, number_key
from treaty_tracker.rules import clearance as clearance_rules
from treaty_tracker.rules import compliance
from treaty_tracker.rules import indicators as rules
from treaty_tracker.rules.measures import counts
from treaty_tracker.rules.results import Summary
from treaty_tracker.rules.victims import status_figures
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.selectors import register, treaty
from treaty_tracker.stockpiles import selectors as stockpile_selectors
from treaty_tracker.transparency import published
from treaty_tracker.victims import selectors as victim_selectors


class Reader:
    """Builds :class:`rules.Inputs` for any date; the facts that do not depend on the date
    are read once (so a trend of six dates costs six computations, not six readings), and
    each date's inputs are kept per record version for every worker and request
    (``states.caching``): a trend's dates cost their computation once per record change."""

    def __init__(self, needs: Iterable[str], start: date | None = None) -> None:
        self.needs = frozenset(needs)
        self.start = start  # the period's start, for "since" figures (Article 4 movement)

    def __repr__(self) -> str:
        # Part of the cache key of ``inputs``: with the record version and the date, the
        # needs and the start determine every input.
        return f"Reader({sorted(self.needs)!r}, start={self.start!r})"

    @cached_property
    def _clearance_facts(self) -> clearance_selectors.Facts:
        return clearance_selectors.facts()

    @cached_property
    def _victim_facts(self) -> Any:
        return (
            victim_selectors.dated_facts(),
            victim_selectors.sourced_figures(),
            victim_selectors.sourced_lists(),
        )

    @cached_property
    def _measures(self) -> Any:
        return measures_selectors.records(), measures_selectors.stated_counts()

    def inputs(self, as_of: date) -> rules.Inputs:
        """The inputs on ``as_of``, computed once per record version (see the class)."""
        return _inputs(self, as_of)

    def compute(self, as_of: date) -> rules.Inputs:
        """The inputs on ``as_of``, computed now."""
        need = self.needs
        summary: Summary | None = None
        if need & {"summary", "victims", "clearance", "measures"}:
            summary = register().summary(as_of)
        parts: dict[str, Any] = {"summary": summary}
        last_year = compliance.default_years(as_of)[-1]
        if "reporting" in need:
            parts["reporting"] = compliance.compute(register(), as_of, [last_year])
        if "stockpiles" in need:
            parts["stockpiles"] = stockpile_selectors.overview(as_of).figures
            parts["stockpile_article"] = treaty().stockpile.article
        if "clearance" in need and summary is not None and self.start and as_of > self.start:
            areas = self._clearance_facts.areas
            parts["clearance"] = clearance_rules.movement(
                register().summary(self.start),
                summary,
                clearance_selectors.rediscovered(areas, as_of),
            )
        if "surveys" in need:
            surveys: dict[str, tuple[str, ...]] = {}
            for survey in self._clearance_facts.surveys:
                if survey.carried_out.on_or_before(as_of) is True:
                    iso3 = survey.state.iso3
                    surveys[iso3] = (*surveys.get(iso3, ()), survey.citation)
            parts["surveys"] = surveys
        if "victims" in need and summary is not None:
            facts, figures, lists = self._victim_facts
            parts["victims"] = status_figures(
                victim_selectors.SPECS,
                obligated=summary.victim_assistance,
                facts=facts,
                figures=figures,
                lists=lists,
                as_of=as_of,
            )
        if "measures" in need:
            records, stated = self._measures
            parts["measures"] = counts(records, as_of, stated, measures_selectors.FIGURE_PREFIX)
        if "cooperation" in need:
            parts["cooperation"] = published.cooperation(as_of, [last_year])[0]
        return rules.Inputs(as_of=as_of, **parts)


@per_record_version
def _inputs(reader: Reader, as_of: date) -> rules.Inputs:
    return reader.compute(as_of)


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    value: rules.Value
    status: rules.Status
    trend: tuple[tuple[date, rules.Value], ...]

    @property
    def key(self) -> str:
        return self.indicator.figure_key

    @property
    def sources(self) -> tuple[str, ...]:
        """The indicator's definition first, then the facts behind the value."""
        return tuple(dict.fromkeys([self.indicator.citation, *self.value.sources]))

    @property
    def formula(self) -> rules.Formula | None:
        return rules.FORMULAS.get(self.indicator.formula)


@dataclass(frozen=True)
class ActionResult:
    action: Action
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class PlanResult:
    plan: ActionPlan
    as_of: date
    days: tuple[date, ...]  # the trend's dates
    actions: tuple[ActionResult, ...]

    def indicators(self) -> list[IndicatorResult]:
        return [i for a in self.actions for i in a.indicators]


def plans() -> list[ActionPlan]:
    return list(ActionPlan.objects.select_related("adopted_at", "source", "entered_by"))


def plan_in_force(start: date, end: date) -> ActionPlan | None:
    """The plan whose period holds ``end`` (the latest starting, if two do), else the
    latest plan started by ``end``; None when no plan had started."""
    started = [(p, d) for p in plans() if (d := p.days()) is not None and d[0] <= end]
    holding = [(p, d) for p, d in started if d[1] >= end] or started
    return max(holding, key=lambda pd: pd[1][0])[0] if holding else None


def evaluate(plan: ActionPlan, as_of: date, *, trend: bool = True) -> PlanResult:
    """Every action of ``plan`` with its indicators on ``as_of``, computed once per record
    version (``states.caching``; a fixed number of queries per date of the trend when it
    is computed)."""
    period = plan.days()
    days, actions = _evaluated(plan.pk, period, as_of, trend)
    return PlanResult(plan=plan, as_of=as_of, days=days, actions=actions)


@per_record_version
def _evaluated(
    plan: int, period: tuple[date, date] | None, as_of: date, trend: bool
) -> tuple[tuple[date, ...], tuple[ActionResult, ...]]:
    """The trend's dates and every action's results (the plan by primary key and its
    period, so that the cache key is plain)."""
    actions = sorted(
        Action.objects.filter(plan=plan).select_related("plan", "source", "entered_by"),
        key=lambda a: number_key(a.number),
    )
    indicators = list(
        Indicator.objects.filter(action__plan=plan).select_related(
            "action__plan", "source", "entered_by"
        )
    )
    reader = Reader(rules.needs(i.formula for i in indicators), start=period[0] if period else None)
    days = rules.trend_days(*period, as_of) if trend and period else ()
    on = {day: reader.inputs(day) for day in dict.fromkeys([*days, as_of])}
    by_action: dict[int, list[IndicatorResult]] = {}
    for indicator in indicators:
        value = rules.compute(indicator.formula, on[as_of])
        by_action.setdefault(indicator.action_id, []).append(
            IndicatorResult(
                indicator=indicator,
                value=value,
                status=rules.status(
                    value,
                    rules.Comparison(indicator.comparison),
                    indicator.target_value,
                    indicator.baseline_value,
                ),
                trend=tuple(
                    (day, rules.compute(indicator.formula, on[day]))
                    for day in days
                    if indicator.formula
                ),
            )
        )
    return days, tuple(
        ActionResult(a, tuple(sorted(by_action.get(a.pk, []), key=lambda r: r.indicator.code)))
        for a in actions
    )


# -- plain data (CLI, API, downloads) ---------------------------------------------------------


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _fuzzy(value: Any) -> str | None:
    return None if value is None else value.iso()


def value_data(value: rules.Value) -> dict[str, Any]:
    return {
        "value": value.value,
        "of": value.of,
        "states": list(value.states),
        "sources": list(value.sources),
        "method": value.method,
        "note": value.note,
    }


def serialize(result: PlanResult) -> dict[str, Any]:
    plan = result.plan
    return {
        "plan": plan.code,
        "name": plan.name,
        "adopted_at": plan.adopted_at.code if plan.adopted_at else None,
        "period_start": _fuzzy(plan.period_start),
        "period_end": _fuzzy(plan.period_end),
        "as_of": result.as_of.isoformat(),
        "source": plan.citation,
        "note": plan.note,
        "actions": [
            {
                "number": a.action.number,
                "theme": a.action.theme,
                "title": a.action.title,
                "text": a.action.text,
                "text_retrieved": bool(a.action.title or a.action.text),
                "source": a.action.citation,
                "indicators": [indicator_data(i) for i in a.indicators],
                "note": "" if a.indicators else rules.NOT_DEFINED,
            }
            for a in result.actions
        ],
    }


@per_record_version
def serialized(codes: tuple[str, ...], as_of: date) -> list[dict[str, Any]]:
    """The plans ``codes`` (those on the record, in that order) evaluated on ``as_of`` as
    plain data: the API's answer, kept per record version."""
    found = {p.code: p for p in plans() if p.code in codes}
    return [serialize(evaluate(found[c], as_of)) for c in codes if c in found]


def indicator_data(result: IndicatorResult) -> dict[str, Any]:
    i = result.indicator
    return {
        "key": result.key,
        "code": i.code,
        "description": i.description,
        "formula": i.formula or None,
        "comparison": i.comparison,
        "unit": i.unit,
        "baseline": {"value": _number(i.baseline_value), "date": _fuzzy(i.baseline_date)},
        "target": {"value": _number(i.target_value), "date": _fuzzy(i.target_date)},
        **value_data(result.value),
        "status": result.status.value,
        "trend": [{"date": d.isoformat(), **value_data(v)} for d, v in result.trend],
        "definition_source": i.citation,
        "definition_note": i.note,
    }


ROW_COLUMNS = (
    "plan",
    "action",
    "theme",
    "title",
    "indicator",
    "description",
    "formula",
    "unit",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
    "value",
    "of",
    "status",
    "states",
    "note",
    "sources",
)


def rows(result: PlanResult) -> list[dict[str, Any]]:
    """One row per indicator (an action without one: one row saying so), for CSV and
    downloads."""
    found: list[dict[str, Any]] = []
    for a in result.actions:
        base: dict[str, Any] = {
            **dict.fromkeys(ROW_COLUMNS, None),
            "plan": result.plan.code,
            "action": a.action.number,
            "theme": a.action.theme,
            "title": a.action.title or "text not retrieved",
        }
        if not a.indicators:
            found.append(
                {
                    **base,
                    "status": rules.Status.NOT_KNOWN.value,
                    "note": rules.NOT_DEFINED,
                    "sources": a.action.citation,
                }
            )
        for r in a.indicators:
            i = r.indicator
            found.append(
                {
                    **base,
                    "indicator": i.code,
                    "description": i.description,
                    "formula": i.formula,
                    "unit": i.unit,
                    "baseline": _number(i.baseline_value),
                    "baseline_date": _fuzzy(i.baseline_date),
                    "target": _number(i.target_value),
                    "target_date": _fuzzy(i.target_date),
                    "value": r.value.value,
                    "of": r.value.of,
                    "status": r.status.value,
                    "states": " ".join(r.value.states),
                    "note": r.value.note,
                    "sources": "; ".join(r.sources),
                }
            )
    return found
