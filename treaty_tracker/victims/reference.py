"""The victims fact types of the reference data (see ``reference.validation.FactType``).

=====================  =========================================  ===========================
type                   fields                                     identified by
=====================  =========================================  ===========================
``va_focal_point``     state, designated, entity                  state, designated
``va_plan``            state, kind, title, period_start,          state, kind, adopted
                       period_end, adopted, url
``va_crpd``            state, status, since                       state, since
``va_data_collection`` state, status, as_of, description,         state, as_of
                       disaggregated
``va_involvement``     state, involved, as_of                     state, as_of
``va_service``         state, kind, description, as_of            state, kind, as_of
``va_casualties``      state, year, outcome, total, parts          state, year, outcome
=====================  =========================================  ===========================
"""

from __future__ import annotations

from typing import Any

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.victims import check_casualties
from treaty_tracker.themes.facts import Checker, FactType
from treaty_tracker.victims.models import (
    Casualties,
    CrpdStatus,
    DataCollection,
    FocalPoint,
    NationalPlan,
    Service,
    SurvivorInvolvement,
)


def _fz(value: Any) -> FuzzyDate | None:
    return None if value is None else FuzzyDate.parse(str(value))


def _check_focal_point(c: Checker) -> None:
    c.required("state", "designated")
    c.state()
    c.date("designated")


def _persist_focal_point(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        FocalPoint,
        f,
        {
            "state": p.states[f["state"]],
            "designated": _fz(f["designated"]),
            "entity": str(f.get("entity") or ""),
        },
    )


def _check_plan(c: Checker) -> None:
    c.required("state", "kind", "adopted")
    c.state()
    c.choice("kind", NationalPlan.Kind.values)
    c.date("adopted", "period_start", "period_end")


def _persist_plan(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        NationalPlan,
        f,
        {
            "state": p.states[f["state"]],
            "kind": f["kind"],
            "title": str(f.get("title") or ""),
            "period_start": _fz(f.get("period_start")),
            "period_end": _fz(f.get("period_end")),
            "adopted": _fz(f["adopted"]),
            "url": str(f.get("url") or ""),
        },
    )


def _check_crpd(c: Checker) -> None:
    c.required("state", "status", "since")
    c.state()
    c.choice("status", CrpdStatus.Status.values)
    c.date("since")


def _persist_crpd(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        CrpdStatus,
        f,
        {"state": p.states[f["state"]], "status": f["status"], "since": _fz(f["since"])},
    )


def _check_data_collection(c: Checker) -> None:
    c.required("state", "status", "as_of")
    c.state()
    c.choice("status", DataCollection.Status.values)
    c.date("as_of")
    if c.fact.get("disaggregated") not in (None, True, False):
        c.problem("disaggregated", "is true, false or absent (not known)")


def _persist_data_collection(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        DataCollection,
        f,
        {
            "state": p.states[f["state"]],
            "status": f["status"],
            "as_of": _fz(f["as_of"]),
            "description": str(f.get("description") or ""),
            "disaggregated": f.get("disaggregated"),
        },
    )


def _check_involvement(c: Checker) -> None:
    c.required("state", "involved", "as_of")
    c.state()
    c.choice("involved", SurvivorInvolvement.Involved.values)
    c.date("as_of")


def _persist_involvement(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        SurvivorInvolvement,
        f,
        {"state": p.states[f["state"]], "involved": f["involved"], "as_of": _fz(f["as_of"])},
    )


def _check_service(c: Checker) -> None:
    c.required("state", "kind", "description", "as_of")
    c.state()
    c.choice("kind", Service.Kind.values)
    c.date("as_of")


def _persist_service(p: Any, f: dict[str, Any]) -> None:
    p.upsert(
        Service,
        f,
        {
            "state": p.states[f["state"]],
            "kind": f["kind"],
            "description": str(f["description"]),
            "as_of": _fz(f["as_of"]),
        },
    )


def _check_casualties(c: Checker) -> None:
    c.required("state", "year", "outcome")
    c.state()
    c.integer("year", "total")
    c.choice("outcome", Casualties.OutcomeChoice.values)
    parts = c.fact.get("parts") or {}
    if not isinstance(parts, dict):
        c.problem("parts", "is a mapping of part -> number")
        return
    for name in parts:
        if name not in Casualties.PARTS:
            c.problem(f"parts.{name}", f"is not one of {', '.join(Casualties.PARTS)}")
    for name, value in parts.items():
        if value is not None and (not isinstance(value, int) or value < 0):
            c.problem(f"parts.{name}", f"{value!r} is not a whole number")
    if c.batch.problems_for(c.where, c.file):
        return
    for finding in check_casualties(c.fact.get("total"), parts):
        c.problem(
            "total" if finding.field == "total" else f"parts.{finding.field}", finding.message
        )


def _persist_casualties(p: Any, f: dict[str, Any]) -> None:
    parts = f.get("parts") or {}
    p.upsert(
        Casualties,
        f,
        {
            "state": p.states[f["state"]],
            "year": int(f["year"]),
            "outcome": f["outcome"],
            "total": f.get("total"),
            **{name: parts.get(name) for name in Casualties.PARTS},
        },
    )


FACT_TYPES: list[FactType] = [
    FactType("va_focal_point", ("state", "designated"), _check_focal_point, _persist_focal_point),
    FactType("va_plan", ("state", "kind", "adopted"), _check_plan, _persist_plan),
    FactType("va_crpd", ("state", "since"), _check_crpd, _persist_crpd),
    FactType(
        "va_data_collection", ("state", "as_of"), _check_data_collection, _persist_data_collection
    ),
    FactType("va_involvement", ("state", "as_of"), _check_involvement, _persist_involvement),
    FactType("va_service", ("state", "kind", "as_of"), _check_service, _persist_service),
    FactType("va_casualties", ("state", "year", "outcome"), _check_casualties, _persist_casualties),
]
