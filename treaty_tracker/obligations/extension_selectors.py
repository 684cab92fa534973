"""Extension requests as the public list, its downloads, each request's page and the API
show them: a request with the deadlines the engine computed from it."""

from __future__ import annotations

from typing import Any

from django.utils.timezone import localdate

from treaty_tracker.obligations.models import ExtensionRequest
from treaty_tracker.rules import FuzzyDate, ObligationResult, serialize
from treaty_tracker.states.selectors import register


def obligation_result(request: ExtensionRequest) -> ObligationResult | None:
    """The engine's result for the request's obligation today, or None if the State is not
    on the register."""
    everything = register()
    iso3 = request.obligation.state.iso3
    if iso3 not in everything:
        return None
    return everything.state(iso3, localdate()).obligation(request.obligation.article)


def row(request: ExtensionRequest) -> dict[str, Any]:
    """A request as the list, the downloads and the API show it, with the deadlines the
    engine computed from it (today)."""
    result = obligation_result(request)
    match = None
    if result is not None and request.meeting is not None:
        match = next((e for e in result.extensions if e.meeting == request.meeting.code), None)
    decision = getattr(request, "decision", None)
    return {
        "id": request.pk,
        "state": request.obligation.state.iso3,
        "name": request.obligation.state.name,
        "article": request.obligation.article,
        "stage": request.stage,
        "meeting": request.meeting.code if request.meeting else None,
        "submitted": request.submitted,
        "months_requested": request.months_requested,
        "decision": decision.outcome if decision else None,
        "months_granted": decision.months_granted if decision else None,
        "decided": decision.decided if decision else None,
        "deadline_before": match.deadline_before if match else None,
        "deadline_after": match.deadline_after if match else None,
        "current_deadline": result.current_deadline if result else None,
        "sources": tuple(
            dict.fromkeys([request.citation] + ([decision.citation] if decision else []))
        ),
    }


def serialized(values: dict[str, Any]) -> dict[str, Any]:
    """A :func:`row` ready for JSON, CSV and XLSX: dates as text (``rules.serialize``)."""
    return {
        key: serialize.fuzzy(value)
        if isinstance(value, FuzzyDate)
        else "; ".join(value)
        if isinstance(value, tuple)
        else value
        for key, value in values.items()
    }
