"""Plain-data renderings of engine results, shared by the CLI and the API (JSON/CSV)."""

from __future__ import annotations

from typing import Any

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.results import (
    DeadlineItem,
    ObligationResult,
    ReportResult,
    StateResult,
    Summary,
)


def fuzzy(value: FuzzyDate | None) -> str | None:
    """``None`` for "no such event", otherwise the date's text ("2019-03", "not known")."""
    return None if value is None else value.iso()


def obligation(result: ObligationResult) -> dict[str, Any]:
    return {
        "state": result.state,
        "article": result.article,
        "basis": result.basis.value,
        "original_deadline": fuzzy(result.original_deadline),
        "current_deadline": fuzzy(result.current_deadline),
        "status": result.status.value,
        "completed": fuzzy(result.completed),
        "pending_extension_request": result.pending_request,
        "extensions": [
            {
                "meeting": e.meeting,
                "months_requested": e.months_requested,
                "decision": e.decision.value,
                "months_granted": e.months_granted,
                "decided": fuzzy(e.decided),
                "deadline_before": fuzzy(e.deadline_before),
                "deadline_after": fuzzy(e.deadline_after),
                "applied": e.applied,
                "sources": list(e.sources),
            }
            for e in result.extensions
        ],
        "sources": list(result.sources),
    }


def report(result: ReportResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "kind": result.kind.value,
        "year": result.year,
        "due": fuzzy(result.due),
        "status": result.status.value,
        "submitted": fuzzy(result.submitted),
        "timeliness": result.timeliness.value if result.timeliness else None,
        "sources": list(result.sources),
    }


def state(result: StateResult) -> dict[str, Any]:
    record = result.record
    return {
        "iso3": result.iso3,
        "name": result.name,
        "region": result.region,
        "as_of": result.as_of.isoformat(),
        "status": result.status.value,
        "signature": fuzzy(record.signature),
        "consent": (
            {
                "kind": record.consent_kind.value if record.consent_kind else None,
                "date": fuzzy(record.consent),
            }
            if record.consent is not None
            else None
        ),
        "provisional_application": fuzzy(record.provisional_application),
        "entry_into_force": fuzzy(result.entry_into_force),
        "in_force": result.in_force,
        "withdrawal_effective": fuzzy(result.withdrawal_effective),
        "initial_report": report(result.initial_report),
        "annual_reports": [report(r) for r in result.annual_reports],
        "voluntary_reports": [
            {"year": r.year, "submitted": fuzzy(r.submitted), "sources": list(r.sources)}
            for r in result.voluntary_reports
        ],
        "obligations": [obligation(o) for o in result.obligations],
        "article5": result.victim_assistance,
        "sources": {key: list(value) for key, value in record.sources.items()},
    }


def summary(result: Summary) -> dict[str, Any]:
    return {
        "treaty": result.treaty,
        "as_of": result.as_of.isoformat(),
        "states_parties": result.states_parties,
        "signatories": result.signatories,
        "in_force_for": result.in_force_for,
        "withdrawn": result.withdrawn,
        "counts": {
            "states_parties": len(result.states_parties),
            "signatories": len(result.signatories),
            "in_force_for": len(result.in_force_for),
            "withdrawn": len(result.withdrawn),
        },
        "initial_reports": result.initial_reports(),
        "article3": [obligation(o) for o in result.obligations("3")],
        "article4": [obligation(o) for o in result.obligations("4")],
        "article5": result.victim_assistance,
    }


def deadline(item: DeadlineItem) -> dict[str, Any]:
    return {
        "state": item.state,
        "name": item.name,
        "kind": item.kind,
        "due": fuzzy(item.due),
        "status": item.status.value,
        "article": item.article,
        "sources": list(item.sources),
    }
