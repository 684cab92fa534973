"""What a record of assistance or a Country Coalition must satisfy, as findings naming the
field, so the models' ``clean()``, the reference loader and the tests apply the same rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from treaty_tracker.rules.assistance.vocabulary import (
    CURRENCIES,
    DIRECTIONS,
    KINDS,
    THEMES,
    Direction,
    Kind,
    Theme,
)
from treaty_tracker.rules.checks import check_year
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity, error


@dataclass(frozen=True)
class AssistanceInput:
    """What a record of assistance says, as its model's ``clean()`` sees it."""

    state: str | None  # ISO3 of the State requesting / offering / providing / receiving
    year: int | None
    year_to: int | None = None  # last year of a period; None for one year
    direction: str = Direction.PROVIDED.value
    theme: str = Theme.NOT_KNOWN.value
    kind: str = Kind.NOT_KNOWN.value
    counterpart: str | None = None  # ISO3 of another State
    counterpart_name: str = ""  # an organisation or group named in the source
    amount: Decimal | None = None
    currency: str = ""


def check_year_given(year: int | None, field: str = "year") -> list[Finding]:
    """A fact of assistance has a year (the loader; the model's field says so itself),
    within the record's years."""
    if year is None:
        return [error("assistance.year_missing", field, "A year is required.")]
    return check_year(year, field)


def check_amount(amount: Decimal | None, currency: str) -> list[Finding]:
    """An amount is zero or more and has an ISO 4217 currency; a currency needs an amount."""
    findings = []
    if amount is not None and amount < 0:
        findings.append(
            error(
                "assistance.amount_negative",
                "amount",
                "An amount cannot be negative.",
                amount=str(amount),
            )
        )
    if amount is not None and not currency:
        findings.append(
            error(
                "assistance.currency_missing",
                "currency",
                "Give the currency of the amount (an ISO 4217 code such as EUR or USD).",
            )
        )
    if currency and amount is None:
        findings.append(
            error(
                "assistance.amount_missing",
                "amount",
                "A currency was given without an amount: give the amount, or leave both empty.",
            )
        )
    if currency and currency not in CURRENCIES:
        findings.append(
            error(
                "assistance.currency_unknown",
                "currency",
                f"{currency!r} is not an ISO 4217 currency code (e.g. EUR, USD, NOK).",
                currency=currency,
            )
        )
    return findings


def check_assistance(record: AssistanceInput) -> list[Finding]:
    """Every problem of one record of assistance, each naming its field."""
    findings = check_year_given(record.year)
    if record.year_to is not None:
        findings += check_year(record.year_to, "year_to")
        if record.year is not None and record.year_to < record.year:
            findings.append(
                error(
                    "assistance.period_reversed",
                    "year_to",
                    f"The period ends ({record.year_to}) before it starts ({record.year}).",
                )
            )
    for name, value, allowed in (
        ("direction", record.direction, DIRECTIONS),
        ("theme", record.theme, THEMES),
        ("kind", record.kind, KINDS),
    ):
        if value not in allowed:
            findings.append(
                error(
                    f"assistance.{name}_unknown",
                    name,
                    f"{value!r} is not one of {', '.join(allowed)}.",
                )
            )
    if record.counterpart is not None and record.counterpart == record.state:
        findings.append(
            error(
                "assistance.own_counterpart",
                "counterpart",
                "A State cannot be its own counterpart: choose another State, or name the "
                "organisation in the text field.",
                state=record.state,
            )
        )
    if record.counterpart is not None and record.counterpart_name.strip():
        findings.append(
            error(
                "assistance.two_counterparts",
                "counterpart_name",
                "Give the counterpart either as a State or as a name, not both (record a "
                "second counterpart as a second fact).",
            )
        )
    findings += check_amount(record.amount, record.currency)
    return findings


def check_coalition(
    *,
    status: str,
    launched: FuzzyDate | None,
    concluded: FuzzyDate | None,
) -> list[Finding]:
    """A Country Coalition (CCM/CONF/2020/13 para 82): concluded only with a conclusion
    date (possibly "not known"), never concluded before it was launched."""
    findings = []
    if status == "concluded" and concluded is None:
        findings.append(
            error(
                "coalition.concluded_without_date",
                "concluded",
                "A concluded coalition needs its conclusion date ('not known' if the source "
                "does not give it).",
            )
        )
    if status == "active" and concluded is not None:
        findings.append(
            error(
                "coalition.active_but_concluded",
                "status",
                "The coalition has a conclusion date: its status cannot be active.",
            )
        )
    if _certainly_before(concluded, launched):
        findings.append(
            error(
                "coalition.concluded_before_launch",
                "concluded",
                "The coalition cannot conclude before it was launched.",
            )
        )
    return findings


def check_partner(*, coalition_state: str | None, partner: str | None) -> list[Finding]:
    if partner is not None and partner == coalition_state:
        return [
            error(
                "coalition.own_partner",
                "state",
                "The affected State cannot be a partner of its own coalition.",
            )
        ]
    return []


def check_meeting(
    *, held: FuzzyDate | None, launched: FuzzyDate | None, concluded: FuzzyDate | None
) -> list[Finding]:
    findings = []
    if held is None:
        findings.append(
            error("coalition.meeting_date_missing", "date", "Give the date ('not known' if so).")
        )
    if _certainly_before(held, launched):
        findings.append(
            error(
                "coalition.meeting_before_launch",
                "date",
                "The meeting is dated before the coalition was launched.",
            )
        )
    if _certainly_before(concluded, held):
        findings.append(
            error(
                "coalition.meeting_after_conclusion",
                "date",
                "The meeting is dated after the coalition concluded.",
            )
        )
    return findings


def _certainly_before(first: FuzzyDate | None, second: FuzzyDate | None) -> bool:
    """Whether ``first`` is certainly before ``second`` (both partly known)."""
    if first is None or second is None or first.latest is None or second.earliest is None:
        return False
    return first.latest < second.earliest


def by_field(findings: Iterable[Finding]) -> dict[str, list[str]]:
    """Error messages grouped by field (for ``ValidationError({...})``)."""
    grouped: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            grouped.setdefault(finding.field or "__all__", []).append(finding.message)
    return grouped
