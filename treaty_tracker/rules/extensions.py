"""Extension requests under Art. 3(3)-(5) and Art. 4(5)-(8): the checks a request or a
decision must pass, as findings with stable codes (documented in docs/rules.md)."""

from __future__ import annotations

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.treaty import Treaty
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
    if meeting_opens.earliest is not None:
        latest = extension_request_latest(meeting_opens.earliest, treaty)
        if submitted.on_or_before(latest) is False:
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
