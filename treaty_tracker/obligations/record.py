"""Each State's Art. 3 and 4 obligations and their extension requests, as the rules
engine reads them (``states.selectors.RecordPart``, registered in ``apps.py``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from treaty_tracker.obligations.models import ExtensionDecision, ExtensionRequest, Obligation
from treaty_tracker.rules import Basis, Decision, ExtensionRecord, FuzzyDate, ObligationRecord
from treaty_tracker.states.models import State
from treaty_tracker.states.selectors import RecordPart


def _extension(request: ExtensionRequest) -> ExtensionRecord:
    decision: ExtensionDecision | None = getattr(request, "decision", None)
    meeting = request.meeting
    sources = (request.citation,) + ((decision.citation,) if decision else ())
    return ExtensionRecord(
        months_requested=request.months_requested,
        submitted=request.submitted or FuzzyDate(),
        meeting=meeting.code if meeting else "",
        meeting_opens=meeting.opens if meeting else FuzzyDate(),
        decision=(
            Decision(decision.outcome)
            if decision
            else Decision.WITHDRAWN
            if request.stage == ExtensionRequest.StageChoice.WITHDRAWN
            else Decision.PENDING
        ),
        months_granted=decision.months_granted if decision else None,
        decided=decision.decided if decision else FuzzyDate(),
        sources=sources,
    )


def _obligation(obligation: Obligation) -> ObligationRecord:
    return ObligationRecord(
        article=obligation.article,
        basis=Basis(obligation.basis),
        start=obligation.start or FuzzyDate(),
        recorded=obligation.recorded or FuzzyDate(),
        ended=obligation.ended,
        completed=obligation.completed,
        extensions=tuple(_extension(e) for e in obligation.extension_list),
        sources=(obligation.citation,),
    )


def part() -> RecordPart:
    return RecordPart(
        prefetch=Prefetch(
            "obligations",
            to_attr="obligation_list",
            queryset=Obligation.objects.select_related("source", "entered_by").prefetch_related(
                Prefetch(
                    "extensions",
                    to_attr="extension_list",
                    # A draft is not a request under the treaty: the engine never sees it.
                    queryset=ExtensionRequest.objects.exclude(
                        stage=ExtensionRequest.StageChoice.DRAFT
                    ).select_related(
                        "source",
                        "entered_by",
                        "meeting",
                        "decision",
                        "decision__source",
                        "decision__entered_by",
                    ),
                )
            ),
        ),
        fields=_fields,
    )


def _fields(state: State) -> dict[str, Any]:
    return {"obligations": tuple(_obligation(o) for o in state.obligation_list)}  # type: ignore[attr-defined]
