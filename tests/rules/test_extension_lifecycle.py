"""The extension-request lifecycle as pure rules: stages, the content checklist of
Art. 3(4) / 4(6) and the 2018 guidelines, what a decision may be, milestones."""

from __future__ import annotations

from datetime import date

import pytest

from treaty_tracker.rules import CCM, MBC, FuzzyDate, Severity
from treaty_tracker.rules.extensions import (
    TRANSITIONS,
    Assessment,
    MilestoneStatus,
    Stage,
    analyse,
    check_decision,
    check_transition,
    milestone_status,
    requirements,
)


def test_the_checklist_is_the_treatys_list_then_the_guidelines() -> None:
    art3 = [r.provision for r in requirements(CCM, "3")]
    art4 = [r.provision for r in requirements(CCM, "4")]
    assert art3[:6] == [f"Art. 3(4)({letter})" for letter in "abcdef"]
    assert art4[:9] == [f"Art. 4(6)({letter})" for letter in "abcdefghi"]
    assert [r.code for r in requirements(CCM, "4")[9:]] == [
        "guidelines_work_plan",
        "guidelines_milestones",
        "guidelines_resources",
        "guidelines_previous_extension",
    ]
    for article in ("3", "4"):
        codes = [r.code for r in requirements(CCM, article)]
        assert len(codes) == len(set(codes))


def test_the_mine_ban_convention_has_no_stockpile_extension_content() -> None:
    assert requirements(MBC, "4") == ()


def test_an_analysis_counts_and_lists_the_gaps() -> None:
    result = analyse(
        CCM,
        "4",
        {
            "art4_6_a": (Assessment.MET, ""),
            "art4_6_f": (Assessment.NOT_MET, "no remaining area given"),
            "guidelines_work_plan": (Assessment.PARTLY, "not costed"),
            "no_such_code": (Assessment.MET, ""),
        },
    )
    assert len(result.items) == 13
    assert (result.count(Assessment.MET), result.count(Assessment.NOT_ASSESSED)) == (1, 10)
    assert not result.complete
    assert [r.code for r in result.gaps] == ["art4_6_f", "guidelines_work_plan"]
    everything = {r.code: (Assessment.MET, "") for r in requirements(CCM, "3")}
    assert analyse(CCM, "3", everything).complete


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (Stage.DRAFT, Stage.SUBMITTED, True),
        (Stage.DRAFT, Stage.DECIDED, False),
        (Stage.SUBMITTED, Stage.ANALYSIS, True),
        (Stage.SUBMITTED, Stage.DECIDED, True),
        (Stage.ANALYSIS, Stage.DECIDED, True),
        (Stage.ANALYSIS, Stage.SUBMITTED, False),
        (Stage.DECIDED, Stage.WITHDRAWN, False),
        (Stage.WITHDRAWN, Stage.SUBMITTED, False),
    ],
)
def test_stages_move_only_forward(current: Stage, target: Stage, allowed: bool) -> None:
    findings = check_transition(current, target)
    assert (findings == []) is allowed
    if not allowed:
        assert findings[0].code == "extension.bad_transition"
    assert (target in TRANSITIONS[current]) is allowed


@pytest.mark.parametrize(
    ("article", "outcome", "requested", "granted", "codes"),
    [
        ("4", "granted", 60, 60, []),
        ("4", "granted", 60, 18, []),  # shorter than asked: allowed (with benchmarks)
        ("4", "granted", 60, 61, ["extension.granted_too_long"]),
        ("3", "granted", 48, 49, ["extension.granted_too_long"]),
        ("3", "granted", 12, 24, ["extension.granted_more_than_requested"]),
        ("4", "granted", 12, None, ["extension.granted_period_missing"]),
        ("4", "granted", 12, 0, ["extension.granted_not_positive"]),
        ("4", "refused", 12, None, []),
        ("4", "refused", 12, 12, ["extension.period_without_grant"]),
    ],
)
def test_what_a_decision_may_be(
    article: str, outcome: str, requested: int, granted: int | None, codes: list[str]
) -> None:
    findings = check_decision(
        CCM, article, outcome=outcome, months_requested=requested, months_granted=granted
    )
    assert [f.code for f in findings] == codes
    assert all(f.field == "months_granted" for f in findings)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert bool(errors) is any(c != "extension.granted_more_than_requested" for c in codes)


@pytest.mark.parametrize(
    ("due", "achieved", "status"),
    [
        ("2025-12-31", "2025-11", MilestoneStatus.ACHIEVED),
        ("2025-12-31", None, MilestoneStatus.MISSED),
        ("2026-12-31", None, MilestoneStatus.DUE),
        ("2026", None, MilestoneStatus.NOT_KNOWN),  # the year is not over on 2026-06-01
        ("2025-12-31", "2026-07", MilestoneStatus.MISSED),  # achieved only later
        ("not known", None, MilestoneStatus.NOT_KNOWN),
    ],
)
def test_a_milestone_on_a_date(due: str, achieved: str | None, status: MilestoneStatus) -> None:
    achieved_date = FuzzyDate.parse(achieved) if achieved else None
    assert milestone_status(FuzzyDate.parse(due), achieved_date, date(2026, 6, 1)) is status


@pytest.mark.parametrize(
    ("submitted", "codes"),
    [
        ("2020-02-01", []),  # certainly 9 months before 25 November 2020
        ("2020-06-01", ["extension.late_request"]),
        ("by 2020-09-28", ["extension.timing_not_known"]),  # Bulgaria's 24-month request
    ],
)
def test_the_nine_month_rule_says_when_it_cannot_tell(submitted: str, codes: list[str]) -> None:
    from treaty_tracker.rules import check_extension_request

    findings = check_extension_request(
        CCM,
        "3",
        months_requested=24,
        months_granted=None,
        submitted=FuzzyDate.parse(submitted),
        meeting_opens=FuzzyDate.parse("2020-11-25"),
        deadline=FuzzyDate.parse("2020-10-01"),
    )
    assert [f.code for f in findings] == codes
