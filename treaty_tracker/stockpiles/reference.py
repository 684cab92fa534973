"""The stockpiles fact types of the reference data (see ``reference.validation.FactType``):
``stockpile_declaration``, ``stockpile_destruction``, ``stockpile_retention`` and
``stockpile_compliance`` (``reference/data/article3.yaml``)."""

from __future__ import annotations

from typing import Any

from treaty_tracker.rules import FuzzyDate
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.stockpiles.models import (
    Category,
    ComplianceDeclaration,
    Qualifier,
    StockpileDeclaration,
    StockpileDestruction,
    StockpileRetention,
)
from treaty_tracker.themes.facts import Checker, FactType

RETAINED = ("munitions", "submunitions", "munitions_consumed", "submunitions_consumed")


def _date(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(str(value))


def _year(c: Checker, name: str = "year") -> None:
    value = c.fact.get(name)
    if value is None:
        return
    if not isinstance(value, int):
        c.problem(name, f"{value!r} is not a year")
        return
    for finding in rules.check_year(value, name):
        c.problem(name, finding.message)


def _check_declaration(c: Checker) -> None:
    c.required("state", "category", "as_of")
    c.state()
    c.choice("category", Category.values)
    c.choice("origin", StockpileDeclaration.Origin.values)
    c.choice("qualifier", Qualifier.values)
    c.integer("quantity")
    c.date("as_of")


def _check_destruction(c: Checker) -> None:
    c.required("state", "category")
    c.state()
    c.choice("category", Category.values)
    c.choice("qualifier", Qualifier.values)
    c.integer("quantity")
    c.date("through")
    _year(c)
    if not c.batch.problems_for(c.where, c.file):
        for finding in rules.check_destruction_period(
            c.fact.get("year"), _date(c.fact.get("through"))
        ):
            c.problem(finding.field, finding.message)


def _check_retention(c: Checker) -> None:
    c.required("state", "year")
    c.state()
    c.integer(*RETAINED)
    c.choice("qualifier", Qualifier.values)
    _year(c)


def _check_compliance(c: Checker) -> None:
    c.required("state", "declared")
    c.state()
    c.date("declared")
    if c.fact.get("uses_template") not in (None, True, False):
        c.problem("uses_template", "is true, false or left out (not known)")


def _persist_declaration(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        StockpileDeclaration,
        f,
        {
            "state": p.states[f["state"]],
            "category": f["category"],
            "origin": f.get("origin") or StockpileDeclaration.Origin.AT_ENTRY_INTO_FORCE,
            "munition_type": str(f.get("munition_type") or ""),
            "quantity": f.get("quantity"),
            "qualifier": f.get("qualifier") or Qualifier.EXACT,
            "as_of": _date(f["as_of"]),
        },
    )


def _persist_destruction(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        StockpileDestruction,
        f,
        {
            "state": p.states[f["state"]],
            "category": f["category"],
            "year": f.get("year"),
            "through": _date(f.get("through")),
            "quantity": f.get("quantity"),
            "qualifier": f.get("qualifier") or Qualifier.EXACT,
            "method": str(f.get("method") or ""),
            "site": str(f.get("site") or ""),
        },
    )


def _persist_retention(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        StockpileRetention,
        f,
        {
            "state": p.states[f["state"]],
            "year": f["year"],
            **{name: f.get(name) for name in RETAINED},
            "qualifier": f.get("qualifier") or Qualifier.EXACT,
            "planned_use": str(f.get("planned_use") or ""),
            "actual_use": str(f.get("actual_use") or ""),
        },
    )


def _persist_compliance(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        ComplianceDeclaration,
        f,
        {
            "state": p.states[f["state"]],
            "declared": _date(f["declared"]),
            "uses_template": f.get("uses_template"),
            "url": str(f.get("url") or ""),
        },
    )


FACT_TYPES: list[FactType] = [
    FactType(
        "stockpile_declaration",
        ("state", "category", "origin", "munition_type", "as_of"),
        _check_declaration,
        _persist_declaration,
    ),
    FactType(
        "stockpile_destruction",
        ("state", "category", "year", "through"),
        _check_destruction,
        _persist_destruction,
    ),
    FactType("stockpile_retention", ("state", "year"), _check_retention, _persist_retention),
    FactType("stockpile_compliance", ("state", "declared"), _check_compliance, _persist_compliance),
]
