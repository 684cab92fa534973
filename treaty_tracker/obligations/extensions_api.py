"""Extension requests in API v1: every request from submission on (drafts are the ISU's
working copies and never shown), with its checklist, decision, milestones and the
deadlines the rules compute from it today."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.timezone import localdate
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from treaty_tracker.obligations import services
from treaty_tracker.obligations.extension_selectors import row, serialized
from treaty_tracker.obligations.models import ExtensionRequest
from treaty_tracker.rules import serialize
from treaty_tracker.rules.extensions import Stage, milestone_status
from treaty_tracker.themes.api_errors import ApiError, ErrorCode
from treaty_tracker.themes.api_params import only
from treaty_tracker.themes.api_schemas import FUZZY_DATE, NULLABLE_DATE, Error, Out

router = Router(tags=["extension requests"])


class ExtensionRow(Out):
    id: int
    state: str = Field(description="ISO 3166-1 alpha-3 code.")
    name: str
    article: str = Field(description="`3` (stockpiles) or `4` (clearance).")
    stage: str = Field(description="`submitted`, `analysis`, `decided` or `withdrawn`.")
    meeting: str | None = Field(description="The meeting that considers it, e.g. `9MSP`.")
    submitted: str | None = Field(description=NULLABLE_DATE)
    months_requested: int | None
    decision: str | None = Field(description="`granted`, `refused`, … `null`: pending.")
    months_granted: int | None
    decided: str | None = Field(description=NULLABLE_DATE)
    deadline_before: str | None = Field(description=NULLABLE_DATE)
    deadline_after: str | None = Field(description=NULLABLE_DATE)
    current_deadline: str | None = Field(description="Today's deadline. " + FUZZY_DATE)
    sources: str


class ExtensionList(Out):
    count: int
    requests: list[ExtensionRow]


class Check(Out):
    code: str
    severity: str
    message: str


class ChecklistItem(Out):
    code: str
    provision: str
    requirement: str
    assessment: str = Field(description="`met`, `partly`, `not_met` or `not_assessed`.")
    comment: str


class Milestone(Out):
    due: str = Field(description=FUZZY_DATE)
    description: str
    origin: str = Field(description="`work_plan` or `decision` (a benchmark).")
    achieved: str | None = Field(description=NULLABLE_DATE)
    status: str = Field(description="`achieved`, `due`, `missed` or `not_known`, today.")


class ExtensionDetail(Schema):
    model_config = ConfigDict(extra="forbid")

    request: ExtensionRow
    checks: list[Check]
    checklist: list[ChecklistItem]
    milestones: list[Milestone]


def _visible() -> Any:
    return ExtensionRequest.objects.exclude(stage=Stage.DRAFT).select_related(
        "obligation__state", "meeting", "decision", "source", "entered_by"
    )


@router.get(
    "/extensions",
    response={200: ExtensionList, 400: Error},
    operation_id="extensionsList",
    url_name="extensions_list",
    summary="Extension requests (Art. 3(3)-(5), 4(5)-(8))",
    description=(
        "Every extension request from its submission on, by State, with its decision and "
        "the deadlines the rules compute from it today. Filter by `state` and `article`."
    ),
)
def extensions_list(
    request: HttpRequest,
    state: str | None = Query(None, description="ISO 3166-1 alpha-3 code (any case)."),
    article: str | None = Query(None, description="`3` or `4`."),
) -> dict[str, Any]:
    only(request, "state", "article")
    requests = _visible().order_by("obligation__state__name", "obligation__article", "pk")
    if article is not None:
        if article not in ("3", "4"):
            raise ApiError.for_field(
                ErrorCode.INVALID_PARAMETER,
                "article",
                f"article {article!r} has no extensions (one of: 3, 4).",
            )
        requests = requests.filter(obligation__article=article)
    if state is not None:
        requests = requests.filter(obligation__state__iso3=state.upper())
    rows = [serialized(row(r)) for r in requests]
    return {"count": len(rows), "requests": rows}


@router.get(
    "/extensions/{request_id}",
    response={200: ExtensionDetail, 400: Error, 404: Error},
    operation_id="extensionsGet",
    url_name="extensions_get",
    summary="One extension request with its checks, checklist and milestones",
    description=(
        "The request, the treaty's checks on it (period, 9 months before the meeting, before "
        "the deadline for Art. 4), the ISU's analysis against Art. 3(4) / 4(6) and the 2018 "
        "guidelines, and its milestones with their status today. Drafts are a 404."
    ),
)
def extensions_get(
    request: HttpRequest,
    request_id: int = Path(..., description="The id from `/extensions`."),
) -> dict[str, Any]:
    only(request)
    extension = _visible().filter(pk=request_id).first()
    if extension is None:
        raise ApiError(ErrorCode.NOT_FOUND, f"No extension request with id {request_id}.")
    today = localdate()
    checks = (
        services.submission_findings(extension, extension.submitted) if extension.submitted else []
    )
    return {
        "request": serialized(row(extension)),
        "checks": [
            {"code": f.code, "severity": f.severity.value, "message": f.message} for f in checks
        ],
        "checklist": [
            {
                "code": r.code,
                "provision": r.provision,
                "requirement": r.text,
                "assessment": a.value,
                "comment": c,
            }
            for r, a, c in services.analysis(extension).items
        ],
        "milestones": [
            {
                "due": serialize.fuzzy(m.due),
                "description": m.description,
                "origin": m.origin,
                "achieved": serialize.fuzzy(m.achieved) if m.achieved else None,
                "status": milestone_status(m.due, m.achieved, today).value,
            }
            for m in extension.milestones.all()
        ],
    }
