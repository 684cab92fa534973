"""Part B of a review section: the evaluation against the action plan in force.

``blocks(theme, period)`` gives, for the plan whose period holds the review period's end
(the Dubrovnik Action Plan for 2015-09-11..2020-09-28), one indicator table for the
actions of ``theme``: action, indicator, baseline, target, the value at the period's end as
a figure (key ``plans.<plan>.<action>.<indicator>``, with its sources and method), status.
An action without an indicator is a row that says so; a theme without actions in the plan
gives no block.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from treaty_tracker.plans import selectors
from treaty_tracker.plans.models import Indicator
from treaty_tracker.rules import indicators as rules
from treaty_tracker.themes.document import Block, Period, Run, Table, fig


def status_label(status: rules.Status) -> str:
    return {
        rules.Status.MET: _("met"),
        rules.Status.NOT_MET: _("not met"),
        rules.Status.NOT_KNOWN: _("not known"),
    }[status]


def _number(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    number = f"{value.normalize():f}"
    return f"{number} per cent" if unit == rules.Unit.PER_CENT else number


def _dated(value: Decimal | None, when: Any, unit: str) -> str:
    text = _number(value, unit)
    if not text:
        return "—"
    return f"{text} ({when.iso()})" if when is not None else text


def value_text(value: rules.Value, unit: str) -> str:
    """As printed: "93.5 per cent", "11 of 11", "110", "not known"."""
    if value.value is None:
        return "not known"
    if unit == rules.Unit.PER_CENT:
        return f"{value.value:g} per cent"
    return f"{value.value:,} of {value.of:,}" if value.of is not None else f"{value.value:,}"


def target_text(indicator: Indicator) -> str:
    comparison = rules.Comparison(indicator.comparison)
    unit = indicator.unit
    if comparison is rules.Comparison.ALL:
        return _("all")
    if comparison is rules.Comparison.ABOVE_BASELINE:
        return _("above the baseline")
    if comparison is rules.Comparison.NONE or indicator.target_value is None:
        return _("no target in the retrieved sources")
    sign = "≥" if comparison is rules.Comparison.AT_LEAST else "≤"
    return f"{sign} {_dated(indicator.target_value, indicator.target_date, unit)}"


def blocks(theme: str, period: Period) -> tuple[Block, ...]:
    plan = selectors.plan_in_force(period.start, period.end)
    if plan is None:
        return ()
    result = selectors.evaluate(plan, period.end, trend=False)
    actions = [a for a in result.actions if a.action.theme == theme]
    if not actions:
        return ()
    rows: list[tuple[Run, ...]] = []
    for a in actions:
        label = f"{_('Action')} {a.action.number}"
        if not a.indicators:
            rows.append(
                (label, rules.NOT_DEFINED, "—", "—", "—", status_label(rules.Status.NOT_KNOWN))
            )
        for r in a.indicators:
            i = r.indicator
            rows.append(
                (
                    label,
                    i.description,
                    _dated(i.baseline_value, i.baseline_date, i.unit),
                    target_text(i),
                    fig(
                        r.value.value,
                        r.key,
                        r.sources,
                        r.value.method or r.value.note,
                        text=value_text(r.value, i.unit),
                    ),
                    status_label(r.status),
                )
            )
    return (
        Table(
            caption=_("%(plan)s: indicators on %(date)s")
            % {"plan": plan.name, "date": period.end.isoformat()},
            header=(
                _("Action"),
                _("Indicator"),
                _("Baseline"),
                _("Target"),
                _("Value"),
                _("Status"),
            ),
            rows=tuple(rows),
            note=_(
                "Values computed from the record as of the end of the period "
                "(docs/indicators.md); 'not known' where the record cannot say."
            ),
        ),
    )
