"""The one write path for extension requests (Art. 3(3)-(5), Art. 4(5)-(8)), for the web
pages, the API and commands alike: draft -> submitted -> analysis -> decided (or
withdrawn), with milestones tracked after the decision.

Every function checks the caller through ``accounts.policy`` (``can_edit_record``: the
ISU) and raises ``PermissionDenied`` when refused; a blocking rule raises
:class:`ExtensionRefused` with every finding, and nothing is written. Each runs in one
transaction with the request row locked, so two staff members cannot move one request at
once. The rules themselves are pure (``rules.extensions``); the deadline a request is
checked against is the engine's current deadline on the day it was submitted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from treaty_tracker.accounts import policy
from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations.models import (
    ExtensionAssessment,
    ExtensionDecision,
    ExtensionMilestone,
    ExtensionRequest,
    Obligation,
)
from treaty_tracker.rules import Finding, FuzzyDate, Severity, check_extension_request
from treaty_tracker.rules.extensions import (
    Assessment,
    Stage,
    analyse,
    check_decision,
    check_transition,
    requirements,
)
from treaty_tracker.sources.models import Source
from treaty_tracker.states.selectors import register, treaty


class ExtensionRefused(Exception):
    """A blocking finding: ``findings`` holds every one, each with its field."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("; ".join(f.message for f in findings))

    def by_field(self) -> dict[str, list[str]]:
        fields: dict[str, list[str]] = {}
        for finding in self.findings:
            fields.setdefault(finding.field or "__all__", []).append(finding.message)
        return fields


@dataclass(frozen=True)
class Citation:
    """Where a step is documented (the request itself, a meeting's final report); empty:
    the step is attributed to the staff member who recorded it."""

    source: Source | None = None
    paragraph: str = ""
    quote: str = ""
    note: str = ""

    def values(self, user: AbstractBaseUser) -> dict[str, Any]:
        return {
            "source": self.source,
            "paragraph": self.paragraph,
            "quote": self.quote,
            "note": self.note,
            "entered_by": user,
        }


def _allowed(user: AbstractBaseUser) -> None:
    if not policy.can_edit_record(user):
        raise PermissionDenied("Only ISU staff record extension requests.")


def _locked(request: ExtensionRequest) -> ExtensionRequest:
    return ExtensionRequest.objects.select_for_update().get(pk=request.pk)


# The form field each treaty check is about (``rules.extensions`` codes).
FIELDS = {
    "extension.requested_too_long": "months_requested",
    "extension.requested_not_positive": "months_requested",
    "extension.late_request": "submitted",
    "extension.timing_not_known": "submitted",
    "extension.after_deadline": "submitted",
    "extension.not_allowed": "obligation",
}


def _placed(findings: list[Finding]) -> list[Finding]:
    return [f if f.field else replace(f, field=FIELDS.get(f.code, "")) for f in findings]


def _refuse_errors(findings: list[Finding]) -> list[Finding]:
    findings = _placed(findings)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise ExtensionRefused(errors)
    return [f for f in findings if f.severity is Severity.WARNING]


def _move(request: ExtensionRequest, target: Stage) -> None:
    _refuse_errors(check_transition(Stage(request.stage), target))
    request.stage = target.value


def _save(fact: Any, user: AbstractBaseUser, reason: str) -> None:
    try:
        fact.full_clean()
    except ValidationError as error:
        raise ExtensionRefused(
            [
                Finding("extension.invalid", Severity.ERROR, message, {}, field=name)
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        ) from None
    fact._history_user = user
    fact._change_reason = reason
    fact.save()


def extension_draft(
    *,
    user: AbstractBaseUser,
    iso3: str,
    article: str,
    months_requested: int | None,
    meeting: Meeting | None = None,
    summary: str = "",
    document_url: str = "",
    citation: Citation = Citation(),
) -> ExtensionRequest:
    """Start a request for the State's Art. 3 or 4 obligation (which must be on the
    record). A draft counts for nothing until it is submitted."""
    _allowed(user)
    obligation = Obligation.objects.filter(state__iso3=iso3, article=article).first()
    if obligation is None or article not in (
        treaty().stockpile.article,
        treaty().clearance.article,
    ):
        raise ExtensionRefused(
            [
                Finding(
                    "extension.no_obligation",
                    Severity.ERROR,
                    f"The record holds no Article {article} obligation for {iso3}: "
                    "only an Article 3 or Article 4 deadline can be extended.",
                    {"state": iso3, "article": article},
                    field="obligation",
                )
            ]
        )
    _refuse_errors(
        [
            f
            for f in check_extension_request(
                treaty(),
                article,
                months_requested=months_requested,
                months_granted=None,
                submitted=FuzzyDate(),
                meeting_opens=FuzzyDate(),
                deadline=FuzzyDate(),
            )
            if f.code.startswith("extension.requested")
        ]
    )
    request = ExtensionRequest(
        obligation=obligation,
        stage=Stage.DRAFT.value,
        months_requested=months_requested,
        meeting=meeting,
        summary=summary,
        document_url=document_url,
        **citation.values(user),
    )
    with transaction.atomic():
        _save(request, user, "drafted")
    return request


def extension_update(
    *,
    user: AbstractBaseUser,
    request: ExtensionRequest,
    months_requested: int | None,
    meeting: Meeting | None,
    summary: str,
    document_url: str,
    citation: Citation = Citation(),
) -> ExtensionRequest:
    """Change a draft (a submitted request is what the State sent: it is not edited; a
    State that revises its request submits a revised one, recorded as a new request)."""
    _allowed(user)
    with transaction.atomic():
        request = _locked(request)
        if request.stage != Stage.DRAFT.value:
            raise ExtensionRefused(
                [
                    Finding(
                        "extension.not_a_draft",
                        Severity.ERROR,
                        "Only a draft can be changed; this request has been submitted.",
                        {},
                        field="stage",
                    )
                ]
            )
        request.months_requested = months_requested
        request.meeting = meeting
        request.summary = summary
        request.document_url = document_url
        for name, value in citation.values(user).items():
            setattr(request, name, value)
        _save(request, user, "draft changed")
    return request


def submission_findings(request: ExtensionRequest, submitted: FuzzyDate) -> list[Finding]:
    """Art. 3(3)-(4), 4(5)-(6): the request's period, and its timing against the meeting
    (at least 9 months before) and, for Art. 4, against the deadline then in force."""
    obligation = request.obligation
    deadline = FuzzyDate()
    day = submitted.latest or submitted.earliest
    everything = register()
    if day is not None and obligation.state.iso3 in everything:
        result = everything.state(obligation.state.iso3, day).obligation(obligation.article)
        if result is not None:
            deadline = result.current_deadline
    findings = _placed(
        check_extension_request(
            treaty(),
            obligation.article,
            months_requested=request.months_requested,
            months_granted=None,
            submitted=submitted,
            meeting_opens=request.meeting.opens if request.meeting else FuzzyDate(),
            deadline=deadline,
        )
    )
    if request.months_requested is None:
        findings.append(
            Finding(
                "extension.duration_missing",
                Severity.ERROR,
                "A request states the duration of the proposed extension "
                f"({requirements(treaty(), obligation.article)[0].provision}).",
                {},
                field="months_requested",
            )
        )
    if request.meeting is None:
        findings.append(
            Finding(
                "extension.meeting_not_known",
                Severity.WARNING,
                "No meeting is named to consider the request: the 9-month rule cannot be checked.",
                {},
                field="meeting",
            )
        )
    return findings


def extension_submit(
    *,
    user: AbstractBaseUser,
    request: ExtensionRequest,
    submitted: date,
    citation: Citation | None = None,
) -> list[Finding]:
    """Record that the State submitted the request on ``submitted``. Refused (nothing
    written) for an error; returns the warnings (e.g. less than 9 months before the
    meeting), which stay visible on the request."""
    _allowed(user)
    with transaction.atomic():
        request = _locked(request)
        _move(request, Stage.SUBMITTED)
        when = FuzzyDate.exact(submitted)
        warnings = _refuse_errors(submission_findings(request, when))
        request.submitted = when
        if citation is not None:
            for name, value in citation.values(user).items():
                setattr(request, name, value)
        _save(request, user, "submitted")
    return warnings


def extension_assess(
    *,
    user: AbstractBaseUser,
    request: ExtensionRequest,
    assessments: dict[str, tuple[Assessment, str]],
) -> None:
    """Record the ISU's analysis: for each requirement code (Art. 3(4), 4(6), the 2018
    guidelines), met / partly / not met, with a comment. The first analysis moves a
    submitted request to ``analysis``; a decided one keeps its stage (the analysis is
    completed for the record). Drafts and withdrawn requests are refused, and so are
    unknown codes."""
    _allowed(user)
    with transaction.atomic():
        request = _locked(request)
        if request.stage == Stage.SUBMITTED.value:
            _move(request, Stage.ANALYSIS)
            _save(request, user, "analysis started")
        elif request.stage not in (Stage.ANALYSIS.value, Stage.DECIDED.value):
            # An analysis may still be completed for the record after the decision.
            _refuse_errors(check_transition(Stage(request.stage), Stage.ANALYSIS))
        known = {r.code for r in requirements(treaty(), request.obligation.article)}
        unknown = sorted(set(assessments) - known)
        if unknown:
            raise ExtensionRefused(
                [
                    Finding(
                        "extension.unknown_requirement",
                        Severity.ERROR,
                        f"Not a requirement of an Article {request.obligation.article} "
                        f"request: {', '.join(unknown)}.",
                        {"codes": unknown},
                        field="requirement",
                    )
                ]
            )
        existing = {a.requirement: a for a in request.assessments.all()}
        for code, (assessment, comment) in assessments.items():
            row = existing.get(code) or ExtensionAssessment(
                request=request, requirement=code, entered_by=user
            )
            if row.pk and (row.assessment, row.comment) == (assessment.value, comment):
                continue
            row.assessment = assessment.value
            row.comment = comment
            _save(row, user, "assessed")


def analysis(request: ExtensionRequest) -> Any:
    """The request's checklist (``rules.extensions.Analysis``)."""
    return analyse(
        treaty(),
        request.obligation.article,
        {a.requirement: (Assessment(a.assessment), a.comment) for a in request.assessments.all()},
    )


def extension_decide(
    *,
    user: AbstractBaseUser,
    request: ExtensionRequest,
    outcome: str,
    months_granted: int | None,
    decided: date,
    stated_new_deadline: FuzzyDate | None = None,
    citation: Citation = Citation(),
) -> list[Finding]:
    """Record the meeting's decision (Art. 3(5), 4(6)): granted (for at most the
    treaty's maximum; a shorter period than asked is allowed), refused or withdrawn. The
    engine then computes the new deadline from it, on every page and command."""
    _allowed(user)
    with transaction.atomic():
        request = _locked(request)
        _move(request, Stage.DECIDED)
        findings = check_decision(
            treaty(),
            request.obligation.article,
            outcome=outcome,
            months_requested=request.months_requested,
            months_granted=months_granted,
        )
        if request.meeting is None:
            findings.append(
                Finding(
                    "extension.meeting_missing",
                    Severity.ERROR,
                    "A decision is taken at a meeting: name the meeting on the request first.",
                    {},
                    field="meeting",
                )
            )
        warnings = _refuse_errors(findings)
        _save(request, user, "decided")
        decision = ExtensionDecision(
            request=request,
            outcome=outcome,
            months_granted=months_granted,
            decided=FuzzyDate.exact(decided),
            stated_new_deadline=stated_new_deadline,
            **citation.values(user),
        )
        _save(decision, user, "decided")
    return warnings


def extension_withdraw(*, user: AbstractBaseUser, request: ExtensionRequest) -> None:
    """The State withdrew its request before the decision."""
    _allowed(user)
    with transaction.atomic():
        request = _locked(request)
        _move(request, Stage.WITHDRAWN)
        _save(request, user, "withdrawn")


def milestone_add(
    *,
    user: AbstractBaseUser,
    request: ExtensionRequest,
    due: FuzzyDate,
    description: str,
    origin: str = ExtensionMilestone.Origin.WORK_PLAN,
) -> ExtensionMilestone:
    """A milestone of the work plan, or a benchmark the decision set (only once
    decided)."""
    _allowed(user)
    with transaction.atomic():
        request = _locked(request)
        if origin == ExtensionMilestone.Origin.DECISION and request.stage != Stage.DECIDED:
            raise ExtensionRefused(
                [
                    Finding(
                        "extension.benchmark_before_decision",
                        Severity.ERROR,
                        "A benchmark is set by the decision: record the decision first.",
                        {},
                        field="origin",
                    )
                ]
            )
        milestone = ExtensionMilestone(
            request=request, due=due, description=description, origin=origin, entered_by=user
        )
        _save(milestone, user, "milestone added")
    return milestone


def milestone_achieved(
    *, user: AbstractBaseUser, milestone: ExtensionMilestone, achieved: FuzzyDate | None
) -> ExtensionMilestone:
    """Record (or clear) when a milestone was achieved."""
    _allowed(user)
    with transaction.atomic():
        milestone = ExtensionMilestone.objects.select_for_update().get(pk=milestone.pk)
        milestone.achieved = achieved
        _save(milestone, user, "milestone achieved" if achieved else "milestone reopened")
    return milestone
