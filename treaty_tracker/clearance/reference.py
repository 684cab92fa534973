"""The clearance fact types of the reference data (see ``reference.validation.FactType``).

Each fact is checked by the same pure rules the models' ``clean()`` call
(``rules.clearance``), so a file cannot load what staff could not enter.
"""

from __future__ import annotations

from typing import Any

from treaty_tracker.rules import Finding, FuzzyDate, FuzzyDateError
from treaty_tracker.rules import clearance as rules
from treaty_tracker.themes.facts import Checker, FactType


def _fz(value: Any) -> FuzzyDate | None:
    if value is None:
        return None
    try:
        return FuzzyDate.parse(str(value))
    except FuzzyDateError:
        return None  # reported by Checker.date


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _report(c: Checker, findings: list[Finding]) -> None:
    for finding in findings:
        c.problem(finding.field, finding.message)


def _whole_numbers(c: Checker, *names: str) -> None:
    """Given fields are whole numbers (negative ones are left to the rules' own message)."""
    for name in names:
        value = c.fact.get(name)
        if value is not None and _int(value) is None:
            c.problem(name, f"{value!r} is not a whole number")


# -- contaminated areas ---------------------------------------------------------------------


def _check_area(c: Checker) -> None:
    c.required("state", "name")
    c.state()
    c.date("used", "discovered", "previous_completion", "released")
    c.choice("status", ["suspected", "confirmed", "not_known"])
    _whole_numbers(c, "size_m2")
    f = c.fact
    _report(
        c,
        rules.check_area(
            size_m2=_int(f.get("size_m2")),
            discovered=_fz(f.get("discovered")),
            previous_completion=_fz(f.get("previous_completion")),
            released=_fz(f.get("released")),
            geometry=str(f.get("geometry") or ""),
        ),
    )


def _persist_area(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.clearance.models import ContaminatedArea

    p.upsert(
        ContaminatedArea,
        f,
        {
            "state": p.states[f["state"]],
            "name": f["name"],
            "location": f.get("location") or "",
            "size_m2": f.get("size_m2"),
            "remnant_types": f.get("remnant_types") or "",
            "used": _fz(f.get("used")),
            "status": f.get("status") or "not_known",
            "discovered": _fz(f.get("discovered")),
            "previous_completion": _fz(f.get("previous_completion")),
            "released": _fz(f.get("released")),
            "geometry": f.get("geometry") or "",
        },
    )


# -- estimates of remaining contamination ----------------------------------------------------


def _check_estimate(c: Checker) -> None:
    c.required("state", "area_m2", "as_of")
    c.state()
    c.date("as_of")
    c.choice("bound", [b.value for b in rules.Bound])
    _whole_numbers(c, "area_m2")
    _report(c, rules.check_not_negative({"area_m2": _int(c.fact.get("area_m2"))}))


def _persist_estimate(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.clearance.models import ContaminationEstimate

    p.upsert(
        ContaminationEstimate,
        f,
        {
            "state": p.states[f["state"]],
            "area_m2": f["area_m2"],
            "bound": f.get("bound") or rules.Bound.EXACT.value,
            "as_of": _fz(f["as_of"]),
        },
    )


# -- surveys ----------------------------------------------------------------------------------


def _check_survey(c: Checker) -> None:
    c.required("state", "kind", "carried_out")
    c.state()
    c.choice("kind", ["non_technical", "technical", "not_known"])
    c.date("carried_out")
    _whole_numbers(c, "area_m2")
    _report(c, rules.check_not_negative({"area_m2": _int(c.fact.get("area_m2"))}))


def _persist_survey(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.clearance.models import Survey

    p.upsert(
        Survey,
        f,
        {
            "state": p.states[f["state"]],
            "kind": f["kind"],
            "carried_out": _fz(f["carried_out"]),
            "area_m2": f.get("area_m2"),
        },
    )


# -- land release -------------------------------------------------------------------------------


def _check_release(c: Checker) -> None:
    c.required("state", "year", "method", "area_m2")
    c.state()
    c.choice("method", [m.value for m in rules.Method])
    _whole_numbers(c, "year", "area_m2", "submunitions_destroyed")
    f = c.fact
    _report(
        c,
        rules.check_release(
            year=_int(f.get("year")),
            area_m2=_int(f.get("area_m2")),
            submunitions=_int(f.get("submunitions_destroyed")),
            method=str(f.get("method") or ""),
        ),
    )


def _persist_release(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.clearance.models import LandRelease

    p.upsert(
        LandRelease,
        f,
        {
            "state": p.states[f["state"]],
            "year": f["year"],
            "method": f["method"],
            "area_m2": f["area_m2"],
            "submunitions_destroyed": f.get("submunitions_destroyed"),
        },
    )


# -- risk reduction education ---------------------------------------------------------------------

_PARTS = (*rules.BENEFICIARY_PARTS, "total")


def _check_education(c: Checker) -> None:
    c.required("state", "year")
    c.state()
    c.choice("delivery", ["face_to_face", "mass_media", "digital", "mixed", "not_known"])
    _whole_numbers(c, "year", *_PARTS)
    f = c.fact
    _report(
        c,
        rules.check_beneficiaries(
            {p: _int(f.get(p)) for p in rules.BENEFICIARY_PARTS}, _int(f.get("total"))
        )
        + rules.check_year(_int(f.get("year"))),
    )


def _persist_education(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.clearance.models import RiskEducation

    p.upsert(
        RiskEducation,
        f,
        {
            "state": p.states[f["state"]],
            "year": f["year"],
            "delivery": f.get("delivery") or "not_known",
            **{part: f.get(part) for part in _PARTS},
        },
    )


FACT_TYPES: list[FactType] = [
    FactType("clearance_area", ("state", "name"), _check_area, _persist_area),
    FactType("clearance_estimate", ("state", "as_of"), _check_estimate, _persist_estimate),
    FactType("clearance_survey", ("state", "kind", "carried_out"), _check_survey, _persist_survey),
    FactType("clearance_release", ("state", "year", "method"), _check_release, _persist_release),
    FactType(
        "clearance_education", ("state", "year", "delivery"), _check_education, _persist_education
    ),
]
