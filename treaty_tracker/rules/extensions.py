"""Extension requests under Art. 3(3)-(5) and Art. 4(5)-(8): the checks a request or a
decision must pass, as findings with stable codes (documented in docs/rules.md)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.treaty import Requirement, Treaty
from treaty_tracker.rules.treaty_dates import extension_request_latest


def check_extension_request(
    treaty: Treaty,
    article: str,
    *,
    months_requested: int | None,
    months_granted: int | None,
    submitted: FuzzyDate,
    meeting_opens: FuzzyDate,
    deadline: FuzzyDate,
) -> list[Finding]:
    """Art. 3(3)-(5) and 4(5)-(8): the findings a request or decision raises."""
    rule = treaty.obligation(article)
    findings: list[Finding] = []
    if rule.extension_max_months is None:
        findings.append(
            Finding(
                "extension.not_allowed",
                Severity.ERROR,
                f"Article {article} allows no extension.",
                {},
            )
        )
        return findings
    for label, months in (("requested", months_requested), ("granted", months_granted)):
        if months is not None and months > rule.extension_max_months:
            findings.append(
                Finding(
                    f"extension.{label}_too_long",
                    Severity.ERROR,
                    f"{months} months {label}; Article {article} allows at most "
                    f"{rule.extension_max_months} months per extension.",
                    {"months": months, "max": rule.extension_max_months},
                )
            )
        if months is not None and months <= 0:
            findings.append(
                Finding(
                    f"extension.{label}_not_positive",
                    Severity.ERROR,
                    f"{label.capitalize()} period must be at least one month.",
                    {"months": months},
                )
            )
    if meeting_opens.latest is not None:
        # Late only when certainly late: against the latest day the meeting may open.
        latest = extension_request_latest(meeting_opens.latest, treaty)
        in_time = submitted.on_or_before(latest)
        if in_time is None:
            findings.append(
                Finding(
                    "extension.timing_not_known",
                    Severity.WARNING,
                    f"The record cannot tell whether the request came at least "
                    f"{treaty.extension_request_lead_months} months before the meeting "
                    f"(by {latest.isoformat()}): its submission date is not known precisely.",
                    {"latest": latest.isoformat()},
                )
            )
        if in_time is False:
            findings.append(
                Finding(
                    "extension.late_request",
                    Severity.WARNING,
                    f"Submitted after {latest.isoformat()}, less than "
                    f"{treaty.extension_request_lead_months} months before the meeting.",
                    {"latest": latest.isoformat()},
                )
            )
    if rule.extension_must_precede_deadline and deadline.latest is not None:
        if submitted.on_or_before(deadline.latest) is False:
            findings.append(
                Finding(
                    "extension.after_deadline",
                    Severity.ERROR,
                    f"Submitted after the deadline of {deadline.latest.isoformat()} "
                    f"(Article {article} requires the request before the deadline expires).",
                    {"deadline": deadline.latest.isoformat()},
                )
            )
    return findings


# -- the lifecycle of a request: stages, the content checklist, the decision ---------------


class Stage(StrEnum):
    """Where a request stands. ``draft`` is the ISU's (or the State's) working copy and
    counts for nothing; from ``submitted`` on it is a request under the treaty."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ANALYSIS = "analysis"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"


# Which stage may follow which. A decided or withdrawn request is final: a State that
# needs more time submits a new request (Art. 3(3), 4(8)).
TRANSITIONS: dict[Stage, frozenset[Stage]] = {
    Stage.DRAFT: frozenset({Stage.SUBMITTED, Stage.WITHDRAWN}),
    Stage.SUBMITTED: frozenset({Stage.ANALYSIS, Stage.DECIDED, Stage.WITHDRAWN}),
    Stage.ANALYSIS: frozenset({Stage.DECIDED, Stage.WITHDRAWN}),
    Stage.DECIDED: frozenset(),
    Stage.WITHDRAWN: frozenset(),
}


def check_transition(current: Stage, target: Stage) -> list[Finding]:
    if target in TRANSITIONS[current]:
        return []
    return [
        Finding(
            "extension.bad_transition",
            Severity.ERROR,
            f"A request at the stage {current.value!r} cannot move to {target.value!r}.",
            {"from": current.value, "to": target.value},
            field="stage",
        )
    ]


class Assessment(StrEnum):
    """The ISU's reading of one required element of a request."""

    MET = "met"
    PARTLY = "partly"
    NOT_MET = "not_met"
    NOT_ASSESSED = "not_assessed"


def requirements(treaty: Treaty, article: str) -> tuple[Requirement, ...]:
    """What a request under ``article`` must contain: the treaty's list (CCM Art. 3(4),
    4(6)), then the guidelines the States Parties adopted (8MSP, 2018)."""
    return treaty.obligation(article).extension_content + treaty.extension_guidelines


@dataclass(frozen=True)
class Analysis:
    """The checklist of one request: every requirement with its assessment."""

    items: tuple[tuple[Requirement, Assessment, str], ...]  # requirement, assessment, note

    def count(self, assessment: Assessment) -> int:
        return sum(1 for _, a, _ in self.items if a is assessment)

    @property
    def complete(self) -> bool:
        """Every requirement has been assessed."""
        return self.count(Assessment.NOT_ASSESSED) == 0

    @property
    def gaps(self) -> tuple[Requirement, ...]:
        """Requirements assessed as not met or only partly met."""
        return tuple(r for r, a, _ in self.items if a in (Assessment.NOT_MET, Assessment.PARTLY))


def analyse(
    treaty: Treaty, article: str, assessments: dict[str, tuple[Assessment, str]]
) -> Analysis:
    """The checklist for a request under ``article``: ``assessments`` maps a requirement's
    code to the ISU's assessment and note; a requirement not in it is not yet assessed.
    Codes that are not requirements of the article are ignored."""
    return Analysis(
        tuple(
            (r, *assessments.get(r.code, (Assessment.NOT_ASSESSED, "")))
            for r in requirements(treaty, article)
        )
    )


def check_decision(
    treaty: Treaty,
    article: str,
    *,
    outcome: str,
    months_requested: int | None,
    months_granted: int | None,
) -> list[Finding]:
    """Art. 3(5), 4(6)-(7): what a meeting's decision may be. A granted period is required,
    never beyond the treaty's maximum; it may be shorter than requested (with benchmarks),
    and a longer one than requested is shown as a warning."""
    findings: list[Finding] = []
    if outcome == "granted":
        if months_granted is None:
            findings.append(
                Finding(
                    "extension.granted_period_missing",
                    Severity.ERROR,
                    "A granted extension needs its period in months.",
                    {},
                    field="months_granted",
                )
            )
        else:
            for finding in check_extension_request(
                treaty,
                article,
                months_requested=None,
                months_granted=months_granted,
                submitted=FuzzyDate(),
                meeting_opens=FuzzyDate(),
                deadline=FuzzyDate(),
            ):
                findings.append(replace(finding, field="months_granted"))
            too_long = any(f.severity is Severity.ERROR for f in findings)
            if not too_long and months_requested is not None and months_granted > months_requested:
                findings.append(
                    Finding(
                        "extension.granted_more_than_requested",
                        Severity.WARNING,
                        f"{months_granted} months granted, more than the "
                        f"{months_requested} requested.",
                        {"granted": months_granted, "requested": months_requested},
                        field="months_granted",
                    )
                )
    elif months_granted is not None:
        findings.append(
            Finding(
                "extension.period_without_grant",
                Severity.ERROR,
                f"Only a granted extension has a period; this one is {outcome!r}.",
                {"outcome": outcome},
                field="months_granted",
            )
        )
    return findings


class MilestoneStatus(StrEnum):
    ACHIEVED = "achieved"
    DUE = "due"  # not yet due on the date asked
    MISSED = "missed"  # due date passed with no achievement on the record
    NOT_KNOWN = "not_known"


def milestone_status(due: FuzzyDate, achieved: FuzzyDate | None, as_of: date) -> MilestoneStatus:
    """A milestone on ``as_of``: achieved (on or before ``as_of``), still due, missed
    (certainly past due, nothing achieved), or not known (the due date is not known well
    enough to tell)."""
    if achieved is not None and achieved.on_or_before(as_of) is True:
        return MilestoneStatus.ACHIEVED
    if due.latest is not None and due.latest < as_of:
        return MilestoneStatus.MISSED
    if due.earliest is not None and due.earliest >= as_of:
        return MilestoneStatus.DUE
    return MilestoneStatus.NOT_KNOWN
