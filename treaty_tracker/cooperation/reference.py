"""The cooperation fact types of the reference data (see ``reference.validation.FactType``),
loaded from ``reference/data/article6.yaml``:

- ``cooperation_assistance``: a request, offer, provision or receipt of assistance;
- ``cooperation_coalition``: a Country Coalition (affected State, theme, launch, status);
- ``cooperation_coalition_partner``: a partner State of a coalition, with its role;
- ``cooperation_coalition_meeting``: a meeting of a coalition.

Each is checked by the same pure rules as the models' ``clean()`` (``rules/assistance/``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from treaty_tracker.rules import FuzzyDate, FuzzyDateError
from treaty_tracker.rules import assistance as rules
from treaty_tracker.themes.facts import Checker, FactType


def _fz(value: Any) -> FuzzyDate | None:
    if value is None:
        return None
    try:
        return FuzzyDate.parse(str(value))
    except FuzzyDateError:
        return None


def _amount(c: Checker) -> Decimal | None:
    value = c.fact.get("amount")
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        c.problem("amount", f"{value!r} is not a number")
        return None


def _report(c: Checker, findings: list[Any]) -> None:
    for finding in findings:
        c.problem(finding.field, finding.message)


def _check_assistance(c: Checker) -> None:
    c.required("state", "year", "direction", "theme")
    c.state()
    c.state("counterpart")
    c.integer("year", "year_to")
    if c.batch.problems_for(c.where, c.file):
        return
    f = c.fact
    _report(
        c,
        rules.check_assistance(
            rules.AssistanceInput(
                state=f["state"],
                year=f["year"],
                year_to=f.get("year_to"),
                direction=str(f["direction"]),
                theme=str(f["theme"]),
                kind=str(f.get("kind") or rules.Kind.NOT_KNOWN.value),
                counterpart=f.get("counterpart"),
                counterpart_name=str(f.get("counterpart_name") or ""),
                amount=_amount(c),
                currency=str(f.get("currency") or ""),
            )
        ),
    )


def _persist_assistance(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.cooperation.models import AssistanceRecord

    p.upsert(
        AssistanceRecord,
        f,
        {
            "state": p.states[f["state"]],
            "year": f["year"],
            "year_to": f.get("year_to"),
            "direction": f["direction"],
            "theme": f["theme"],
            "kind": f.get("kind") or rules.Kind.NOT_KNOWN.value,
            "counterpart": p.states[f["counterpart"]] if f.get("counterpart") else None,
            "counterpart_name": str(f.get("counterpart_name") or ""),
            "amount": Decimal(str(f["amount"])) if f.get("amount") is not None else None,
            "currency": str(f.get("currency") or ""),
            "description": str(f.get("description") or ""),
        },
    )


COALITION_STATUSES = ("active", "concluded", "not_known")
PARTNER_ROLES = ("lead", "donor", "member", "not_known")


def _check_coalition(c: Checker) -> None:
    c.required("state", "status")
    c.state()
    c.choice("status", COALITION_STATUSES)
    c.choice("theme", rules.THEMES)
    c.date("launched", "concluded", "status_as_of")
    if c.batch.problems_for(c.where, c.file):
        return
    _report(
        c,
        rules.check_coalition(
            status=str(c.fact["status"]),
            launched=_fz(c.fact.get("launched")),
            concluded=_fz(c.fact.get("concluded")),
        ),
    )


def _coalition_fact(c: Checker) -> dict[str, Any] | None:
    """The batch's coalition of the fact's State, or None (a problem is reported)."""
    for _file, _index, fact in c.batch.facts:
        if fact.get("type") == "cooperation_coalition" and fact.get("state") == c.fact.get("state"):
            return fact
    c.problem("state", f"no cooperation_coalition for {c.fact.get('state')!r} in the data")
    return None


def _persist_coalition(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.cooperation.models import Coalition

    p.upsert(
        Coalition,
        f,
        {
            "state": p.states[f["state"]],
            "theme": f.get("theme") or rules.Theme.NOT_KNOWN.value,
            "launched": _fz(f.get("launched")),
            "status": f["status"],
            "concluded": _fz(f.get("concluded")),
            "status_as_of": _fz(f.get("status_as_of")),
            "description": str(f.get("description") or ""),
        },
    )


def _check_partner(c: Checker) -> None:
    c.required("state", "partner")
    c.state()
    c.state("partner")
    c.choice("role", PARTNER_ROLES)
    if _coalition_fact(c) is not None:
        _report(c, rules.check_partner(coalition_state=c.fact["state"], partner=c.fact["partner"]))


def _persist_partner(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.cooperation.models import Coalition, CoalitionPartner

    p.upsert(
        CoalitionPartner,
        f,
        {
            "coalition": Coalition.objects.get(reference_key=f"cooperation_coalition:{f['state']}"),
            "state": p.states[f["partner"]],
            "role": f.get("role") or "member",
        },
    )


def _check_meeting(c: Checker) -> None:
    c.required("state", "date")
    c.state()
    c.date("date")
    coalition = _coalition_fact(c)
    if coalition is None or c.batch.problems_for(c.where, c.file):
        return
    _report(
        c,
        rules.check_meeting(
            held=_fz(c.fact["date"]),
            launched=_fz(coalition.get("launched")),
            concluded=_fz(coalition.get("concluded")),
        ),
    )


def _persist_meeting(p: Any, f: dict[str, Any]) -> None:
    from treaty_tracker.cooperation.models import Coalition, CoalitionMeeting

    p.upsert(
        CoalitionMeeting,
        f,
        {
            "coalition": Coalition.objects.get(reference_key=f"cooperation_coalition:{f['state']}"),
            "date": _fz(f["date"]),
            "place": str(f.get("place") or ""),
            "description": str(f.get("description") or ""),
        },
    )


FACT_TYPES: list[FactType] = [
    FactType(
        "cooperation_assistance",
        ("state", "direction", "theme", "year", "year_to", "counterpart", "counterpart_name"),
        _check_assistance,
        _persist_assistance,
    ),
    FactType("cooperation_coalition", ("state",), _check_coalition, _persist_coalition),
    FactType(
        "cooperation_coalition_partner", ("state", "partner"), _check_partner, _persist_partner
    ),
    FactType(
        "cooperation_coalition_meeting",
        ("state", "date", "place"),
        _check_meeting,
        _persist_meeting,
    ),
]
