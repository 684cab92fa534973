"""The extension-request lifecycle through ``obligations.services``: every step by ISU
staff only, every refusal with its finding and nothing written, and the decision moving
the State's deadline in the rules engine (hence on every page and command)."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.obligations import services
from treaty_tracker.obligations.models import ExtensionMilestone, ExtensionRequest
from treaty_tracker.rules import FuzzyDate
from treaty_tracker.rules.extensions import Assessment
from treaty_tracker.states.selectors import register

# Germany's Art. 4 deadline is 1 August 2025 on the record (para 39: the 9MSP's extension).
AFTER_DECISION = date(2024, 10, 1)


def _deadline(iso3: str, article: str, day: date) -> FuzzyDate:
    result = register().state(iso3, day).obligation(article)
    assert result is not None
    return result.current_deadline


def _draft(user: User, months: int = 60, meeting: str = "12MSP") -> ExtensionRequest:
    return services.extension_draft(
        user=user,
        iso3="DEU",
        article="4",
        months_requested=months,
        meeting=Meeting.objects.get(code=meeting),
    )


def _codes(error: pytest.ExceptionInfo[services.ExtensionRefused]) -> list[str]:
    return [f.code for f in error.value.findings]


def test_the_whole_lifecycle_moves_the_deadline(isla: User) -> None:
    assert _deadline("DEU", "4", AFTER_DECISION) == FuzzyDate.parse("2025-08-01")
    request = _draft(isla)
    assert _deadline("DEU", "4", AFTER_DECISION) == FuzzyDate.parse("2025-08-01")  # a draft

    warnings = services.extension_submit(user=isla, request=request, submitted=date(2023, 11, 1))
    assert warnings == []
    services.extension_assess(
        user=isla,
        request=request,
        assessments={"art4_6_a": (Assessment.MET, ""), "art4_6_f": (Assessment.PARTLY, "")},
    )
    request.refresh_from_db()
    assert request.stage == "analysis"
    analysis = services.analysis(request)
    assert [r.code for r in analysis.gaps] == ["art4_6_f"]

    services.extension_decide(
        user=isla, request=request, outcome="granted", months_granted=60, decided=date(2024, 9, 12)
    )
    request.refresh_from_db()
    assert request.stage == "decided"
    assert request.decision.entered_by == isla
    assert _deadline("DEU", "4", AFTER_DECISION) == FuzzyDate.parse("2030-08-01")
    assert _deadline("DEU", "4", date(2024, 9, 1)) == FuzzyDate.parse("2025-08-01")  # before

    benchmark = services.milestone_add(
        user=isla,
        request=request,
        due=FuzzyDate.parse("2027-12-31"),
        description="Survey of the remaining range completed",
        origin=ExtensionMilestone.Origin.DECISION,
    )
    services.milestone_achieved(user=isla, milestone=benchmark, achieved=FuzzyDate.parse("2027-06"))
    benchmark.refresh_from_db()
    assert benchmark.achieved == FuzzyDate.parse("2027-06")
    assert [h.history_change_reason for h in request.history.order_by("history_date")] == [
        "drafted",
        "submitted",
        "analysis started",
        "decided",
    ]


def test_a_granted_period_beyond_the_treaty_is_refused_and_nothing_written(isla: User) -> None:
    request = _draft(isla)
    services.extension_submit(user=isla, request=request, submitted=date(2023, 11, 1))
    with pytest.raises(services.ExtensionRefused) as refused:
        services.extension_decide(
            user=isla,
            request=request,
            outcome="granted",
            months_granted=61,
            decided=date(2024, 9, 12),
        )
    assert _codes(refused) == ["extension.granted_too_long"]
    assert refused.value.by_field() == {
        "months_granted": ["61 months granted; Article 4 allows at most 60 months per extension."]
    }
    request.refresh_from_db()
    assert request.stage == "submitted"
    assert not hasattr(request, "decision")


def test_a_shorter_period_than_requested_may_be_granted(isla: User) -> None:
    request = _draft(isla)
    services.extension_submit(user=isla, request=request, submitted=date(2023, 11, 1))
    services.extension_decide(
        user=isla, request=request, outcome="granted", months_granted=18, decided=date(2024, 9, 12)
    )
    assert _deadline("DEU", "4", AFTER_DECISION) == FuzzyDate.parse("2027-02-01")


def test_a_request_less_than_nine_months_before_the_meeting_is_kept_with_a_warning(
    isla: User,
) -> None:
    request = _draft(isla)  # the 12MSP opened on 10 September 2024
    warnings = services.extension_submit(user=isla, request=request, submitted=date(2024, 3, 1))
    assert [w.code for w in warnings] == ["extension.late_request"]
    request.refresh_from_db()
    assert request.stage == "submitted"


def test_an_article_4_request_after_the_deadline_is_refused(isla: User) -> None:
    request = _draft(isla, meeting="13MSP")
    with pytest.raises(services.ExtensionRefused) as refused:
        services.extension_submit(user=isla, request=request, submitted=date(2025, 8, 2))
    assert "extension.after_deadline" in _codes(refused)
    request.refresh_from_db()
    assert (request.stage, request.submitted) == ("draft", None)


def test_a_request_longer_than_the_treaty_allows_is_refused_at_once(isla: User) -> None:
    with pytest.raises(services.ExtensionRefused) as refused:
        _draft(isla, months=61)
    assert _codes(refused) == ["extension.requested_too_long"]
    assert not ExtensionRequest.objects.filter(stage="draft").exists()


def test_only_article_3_and_4_obligations_on_the_record_can_be_extended(isla: User) -> None:
    for iso3, article in (("ISL", "4"), ("LAO", "5")):
        with pytest.raises(services.ExtensionRefused) as refused:
            services.extension_draft(user=isla, iso3=iso3, article=article, months_requested=12)
        assert _codes(refused) == ["extension.no_obligation"]


def test_stages_only_move_forward(isla: User) -> None:
    request = _draft(isla)
    with pytest.raises(services.ExtensionRefused) as refused:
        services.extension_decide(
            user=isla,
            request=request,
            outcome="granted",
            months_granted=12,
            decided=date(2024, 9, 12),
        )
    assert _codes(refused) == ["extension.bad_transition"]
    services.extension_withdraw(user=isla, request=request)
    with pytest.raises(services.ExtensionRefused):
        services.extension_submit(user=isla, request=request, submitted=date(2023, 11, 1))


def test_a_submitted_request_is_not_edited(isla: User) -> None:
    request = _draft(isla)
    services.extension_submit(user=isla, request=request, submitted=date(2023, 11, 1))
    with pytest.raises(services.ExtensionRefused) as refused:
        services.extension_update(
            user=isla,
            request=request,
            months_requested=12,
            meeting=None,
            summary="",
            document_url="",
        )
    assert _codes(refused) == ["extension.not_a_draft"]


def test_a_benchmark_needs_the_decision_and_unknown_requirements_are_refused(isla: User) -> None:
    request = _draft(isla)
    with pytest.raises(services.ExtensionRefused) as refused:
        services.milestone_add(
            user=isla,
            request=request,
            due=FuzzyDate.parse("2027"),
            description="x",
            origin=ExtensionMilestone.Origin.DECISION,
        )
    assert _codes(refused) == ["extension.benchmark_before_decision"]
    services.extension_submit(user=isla, request=request, submitted=date(2023, 11, 1))
    with pytest.raises(services.ExtensionRefused) as refused:
        services.extension_assess(
            user=isla, request=request, assessments={"art3_4_a": (Assessment.MET, "")}
        )
    assert _codes(refused) == ["extension.unknown_requirement"]
    assert not request.assessments.exists()


@pytest.mark.parametrize("persona", ["bob", "fiona", "felix", "carla"])
def test_everyone_but_the_isu_is_refused(
    request: pytest.FixtureRequest, isla: User, persona: str
) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        _draft(user)
    draft = _draft(isla)
    with pytest.raises(PermissionDenied):
        services.extension_submit(user=user, request=draft, submitted=date(2023, 11, 1))
    draft.refresh_from_db()
    assert draft.stage == "draft"
