"""The plans fact types of the reference data (see ``reference.validation.FactType``).

==================  ================================================  =====================
type                fields                                            identified by
==================  ================================================  =====================
``action_plan``     code, name, adopted_at (meeting code),            code
                    period_start, period_end
``plan_action``     plan, number, theme, title, text                  plan, number
``plan_indicator``  plan, action, code, description, formula,         plan, action, code
                    comparison, unit, baseline_value, baseline_date,
                    target_value, target_date
==================  ================================================  =====================
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.plans.models import Action, ActionPlan, Indicator
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.indicators import Comparison, Unit, check_indicator
from treaty_tracker.themes import registry
from treaty_tracker.themes.facts import Checker, FactType


def _fz(value: Any) -> FuzzyDate | None:
    return None if value in (None, "") else FuzzyDate.parse(str(value))


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _declared(c: Checker, kind: str, **where: str) -> bool:
    return any(
        f.get("type") == kind and all(str(f.get(k)) == v for k, v in where.items())
        for _file, _index, f in c.batch.facts
    )


def _check_plan(c: Checker) -> None:
    c.required("code", "name", "period_start", "period_end")
    c.choice("code", ActionPlan.Code.values)
    c.date("period_start", "period_end")
    meeting = c.fact.get("adopted_at")
    if meeting and not _declared(c, "meeting", code=str(meeting)):
        c.problem("adopted_at", f"no meeting {meeting!r} in the reference data")


def _persist_plan(p: Any, f: dict[str, Any]) -> None:
    meeting = f.get("adopted_at")
    p.upsert(
        ActionPlan,
        f,
        {
            "code": f["code"],
            "name": str(f["name"]),
            "adopted_at": Meeting.objects.get(code=meeting) if meeting else None,
            "period_start": _fz(f["period_start"]),
            "period_end": _fz(f["period_end"]),
        },
    )


def _check_action(c: Checker) -> None:
    c.required("plan", "number", "theme")
    c.choice("theme", [key for key, _title in registry.choices()])
    number = str(c.fact.get("number") or "")
    if number and not all(part.isdigit() for part in number.split(".")):
        c.problem("number", f"{number!r} is not an action number like 1.1 or 12")
    plan = c.fact.get("plan")
    if plan and not _declared(c, "action_plan", code=str(plan)):
        c.problem("plan", f"no action_plan {plan!r} in the reference data")


def _persist_action(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        Action,
        f,
        {
            "plan": ActionPlan.objects.get(code=f["plan"]),
            "number": str(f["number"]),
            "theme": f["theme"],
            "title": str(f.get("title") or ""),
            "text": str(f.get("text") or ""),
        },
    )


def _check_indicator(c: Checker) -> None:
    c.required("plan", "action", "code", "description", "unit")
    c.choice("comparison", [x.value for x in Comparison])
    c.choice("unit", [u.value for u in Unit])
    c.date("baseline_date", "target_date")
    for name in ("baseline_value", "target_value"):
        value = c.fact.get(name)
        if value is not None and not isinstance(value, int | float):
            c.problem(name, f"{value!r} is not a number")
    plan, action = c.fact.get("plan"), c.fact.get("action")
    if plan and action and not _declared(c, "plan_action", plan=str(plan), number=str(action)):
        c.problem("action", f"no plan_action {plan} {action} in the reference data")
    if c.batch.problems_for(c.where, c.file):
        return
    f = c.fact
    for finding in check_indicator(
        formula=str(f.get("formula") or ""),
        comparison=str(f.get("comparison") or Comparison.NONE.value),
        unit=str(f["unit"]),
        baseline_value=_decimal(f.get("baseline_value")),
        target_value=_decimal(f.get("target_value")),
        baseline_date=_fz(f.get("baseline_date")),
        target_date=_fz(f.get("target_date")),
    ):
        c.problem(finding.field, finding.message)


def _persist_indicator(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        Indicator,
        f,
        {
            "action": Action.objects.get(plan__code=f["plan"], number=str(f["action"])),
            "code": str(f["code"]),
            "description": str(f["description"]),
            "formula": str(f.get("formula") or ""),
            "comparison": str(f.get("comparison") or Comparison.NONE.value),
            "unit": str(f["unit"]),
            "baseline_value": _decimal(f.get("baseline_value")),
            "baseline_date": _fz(f.get("baseline_date")),
            "target_value": _decimal(f.get("target_value")),
            "target_date": _fz(f.get("target_date")),
        },
    )


FACT_TYPES: list[FactType] = [
    FactType("action_plan", ("code",), _check_plan, _persist_plan),
    FactType("plan_action", ("plan", "number"), _check_action, _persist_action),
    FactType("plan_indicator", ("plan", "action", "code"), _check_indicator, _persist_indicator),
]
