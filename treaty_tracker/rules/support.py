"""Implementation support (CCM/CONF/2020/13 section IX, Arts. 11, 12 and 14), as plain data.

Pure Python (no Django), mypy strict. Two kinds of things live here:

1. **Checks** (:func:`check_money`, :func:`check_budget`, :func:`check_contribution`,
   :func:`check_assessment`, :func:`check_participation`, :func:`check_period`): what a
   fact of implementation support must satisfy, as :class:`Finding` s naming the field,
   so the models' ``clean()``, the reference loader and the tests apply the same rules.
2. **Computations** (:func:`budget_balance`, :func:`reserve_status`, :func:`arrears`,
   :func:`arrears_by_meeting`, :func:`sponsorship_totals`): the ISU's budget against the
   contributions received per year, the capital reserve against its target (para 119),
   outstanding assessed contributions for meetings under Art. 14 (paras 125-126) and the
   sponsorship programme per meeting (para 134).

Unknown stays unknown: an amount the record does not hold is ``None`` ("not known"),
never 0, and a total with unknown parts is a lower bound (``complete=False``). Amounts in
different currencies are never added together: no exchange rate is guessed. Codes are
documented in docs/support.md (a test checks it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from treaty_tracker.rules.assistance import CURRENCIES
from treaty_tracker.rules.checks import check_year
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity

#: The ISU's budget and the financial procedures are in Swiss francs (paras 118-119).
ISU_CURRENCY = "CHF"


class ContributionKind(StrEnum):
    """A contribution to the ISU under the financial procedures (para 118): to the budget
    (regular), earmarked for a purpose, or to the capital reserve (para 119)."""

    REGULAR = "regular"
    EARMARKED = "earmarked"
    RESERVE = "reserve"
    NOT_KNOWN = "not_known"


class Role(StrEnum):
    """A seat on the Coordination Committee (para 130)."""

    PRESIDENT = "president"
    PRESIDENT_DESIGNATE = "president_designate"
    PAST_PRESIDENT = "past_president"
    COORDINATOR = "coordinator"


#: Every finding code this module raises, with its severity (docs/support.md lists them).
CODES: dict[str, Severity] = {
    "support.amount_negative": Severity.ERROR,
    "support.currency_missing": Severity.ERROR,
    "support.currency_unknown": Severity.ERROR,
    "support.period_reversed": Severity.ERROR,
    "support.theme_missing": Severity.ERROR,
    "support.theme_not_allowed": Severity.ERROR,
    "support.contributor_missing": Severity.ERROR,
    "support.two_contributors": Severity.ERROR,
    "support.paid_more_than_assessed": Severity.WARNING,
    "support.states_exceed_delegates": Severity.ERROR,
}


def _finding(code: str, field_name: str, message: str, **params: Any) -> Finding:
    return Finding(code, CODES[code], message, params, field_name)


# -- checks ----------------------------------------------------------------------------


def check_money(
    amount: Decimal | None,
    currency: str,
    *,
    amount_field: str = "amount",
    currency_field: str = "currency",
) -> list[Finding]:
    """An amount is zero or more and has an ISO 4217 currency; a currency alone is fine
    only with an amount (empty amount = not known, and then the currency says nothing)."""
    findings = []
    if amount is not None and amount < 0:
        findings.append(
            _finding(
                "support.amount_negative",
                amount_field,
                "An amount cannot be negative.",
                amount=str(amount),
            )
        )
    if amount is not None and not currency:
        findings.append(
            _finding(
                "support.currency_missing",
                currency_field,
                "Give the currency of the amount (an ISO 4217 code such as CHF or USD).",
            )
        )
    if currency and currency not in CURRENCIES:
        findings.append(
            _finding(
                "support.currency_unknown",
                currency_field,
                f"{currency!r} is not an ISO 4217 currency code (e.g. CHF, USD, EUR).",
                currency=currency,
            )
        )
    return findings


def check_period(
    start: FuzzyDate | None, end: FuzzyDate | None, end_field: str = "ends"
) -> list[Finding]:
    """A period never ends certainly before it starts (partly known dates that may
    overlap are accepted: the record cannot tell)."""
    if start and end and start.earliest and end.latest and end.latest < start.earliest:
        return [
            _finding(
                "support.period_reversed",
                end_field,
                f"The period ends ({end}) before it starts ({start}).",
            )
        ]
    return []


def check_budget(year: int | None, amount: Decimal | None, currency: str) -> list[Finding]:
    """The ISU's budget for a year (para 118); an empty amount is "not known"."""
    return check_year(year) + check_money(amount, currency)


def check_contribution(
    *,
    state: str | None,
    contributor: str,
    year: int | None,
    amount: Decimal | None,
    currency: str,
) -> list[Finding]:
    """A contribution to the ISU or to the sponsorship programme: from a State or a named
    contributor (one of the two), in a year, of an amount (empty: not known)."""
    findings = check_year(year) + check_money(amount, currency)
    if state is None and not contributor.strip():
        findings.append(
            _finding(
                "support.contributor_missing",
                "state",
                "Give the contributing State, or name the contributor.",
            )
        )
    if state is not None and contributor.strip():
        findings.append(
            _finding(
                "support.two_contributors",
                "contributor",
                "Give the contributor either as a State or as a name, not both.",
            )
        )
    return findings


def check_assessment(
    assessed: Decimal | None, paid: Decimal | None, currency: str
) -> list[Finding]:
    """An assessed contribution for a meeting (Art. 14) and what was paid of it.

    Paying more than was assessed is possible (an advance or a credit carried to the next
    meeting), so it is a warning, shown and kept, never an error."""
    findings = check_money(assessed, currency, amount_field="assessed")
    findings += [
        f for f in check_money(paid, currency, amount_field="paid") if f.field != "currency"
    ]
    if assessed is not None and paid is not None and paid > assessed:
        findings.append(
            _finding(
                "support.paid_more_than_assessed",
                "paid",
                f"Paid ({paid}) is more than assessed ({assessed}): a credit of {paid - assessed}.",
                credit=str(paid - assessed),
            )
        )
    return findings


def check_participation(delegates: int | None, states_count: int | None) -> list[Finding]:
    """Sponsored participation in a meeting (para 134): each sponsored State sends at least
    one sponsored delegate, so there are never more States than delegates."""
    if delegates is not None and states_count is not None and states_count > delegates:
        return [
            _finding(
                "support.states_exceed_delegates",
                "states_count",
                f"{states_count} States cannot be represented by {delegates} sponsored delegates.",
            )
        ]
    return []


def check_role(role: str, theme: str) -> list[Finding]:
    """A coordinator has a theme; a President, President-designate or Past-President
    holds the seat as such (para 130), without one."""
    if role == Role.COORDINATOR.value and not theme:
        return [_finding("support.theme_missing", "theme", "A coordinator needs a theme.")]
    if role != Role.COORDINATOR.value and theme:
        return [
            _finding(
                "support.theme_not_allowed",
                "theme",
                "Only coordinators have a theme; leave it empty for the Presidency.",
            )
        ]
    return []


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


# -- amounts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sum:
    """A total over parts some of which may be unknown: ``amount`` is the sum of the known
    parts in ``currency`` (None if no part is known), ``complete`` whether every part was
    known and in that currency, ``other`` the parts in other currencies (never converted)."""

    amount: Decimal | None
    currency: str
    complete: bool
    unknown: int = 0
    other: dict[str, Decimal] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        return self.amount is not None


def total(amounts: Iterable[tuple[Decimal | None, str]], currency: str = ISU_CURRENCY) -> Sum:
    """Add ``(amount, currency)`` pairs in ``currency``; None for an empty list."""
    known: Decimal | None = None
    unknown = 0
    other: dict[str, Decimal] = defaultdict(Decimal)
    for amount, cur in amounts:
        if amount is None:
            unknown += 1
        elif cur == currency:
            known = (known or Decimal(0)) + amount
        else:
            other[cur] += amount
    return Sum(
        known, currency, complete=not unknown and not other, unknown=unknown, other=dict(other)
    )


# -- the ISU's budget against contributions ------------------------------------------


@dataclass(frozen=True)
class Budget:
    year: int
    amount: Decimal | None  # None: not known
    currency: str = ISU_CURRENCY
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contribution:
    """A contribution to the ISU in a year (``contributor``: ISO3 or a name)."""

    contributor: str
    year: int
    amount: Decimal | None
    currency: str = ISU_CURRENCY
    kind: str = ContributionKind.REGULAR.value
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class YearBalance:
    """One year: the budget, what was contributed towards it and whether it was covered.

    ``covered`` is True when the known contributions reach the budget, False when every
    contribution is known and they fall short, None when the record cannot tell (no
    budget amount, or unknown contributions that might make up the difference)."""

    year: int
    budget: Decimal | None
    currency: str
    contributions: Sum
    regular: Sum
    earmarked: Sum
    contributors: tuple[str, ...]
    difference: Decimal | None  # contributions - budget; a lower bound if not complete
    covered: bool | None
    sources: tuple[str, ...]


def budget_balance(
    budgets: Sequence[Budget], contributions: Sequence[Contribution]
) -> list[YearBalance]:
    """Per year with a budget or a contribution, oldest first. Contributions to the
    capital reserve are not counted against the budget (para 119: the reserve only covers
    cash-flow shortfalls)."""
    by_year = {b.year: b for b in budgets}
    given: dict[int, list[Contribution]] = defaultdict(list)
    for c in contributions:
        if c.kind != ContributionKind.RESERVE.value:
            given[c.year].append(c)
    result = []
    for year in sorted(set(by_year) | set(given)):
        budget = by_year.get(year)
        currency = budget.currency if budget else ISU_CURRENCY
        rows = given.get(year, [])
        received = total(((c.amount, c.currency) for c in rows), currency)
        regular = total(
            ((c.amount, c.currency) for c in rows if c.kind != ContributionKind.EARMARKED.value),
            currency,
        )
        earmarked = total(
            ((c.amount, c.currency) for c in rows if c.kind == ContributionKind.EARMARKED.value),
            currency,
        )
        amount = budget.amount if budget else None
        difference = covered = None
        if amount is not None and received.amount is not None:
            difference = received.amount - amount
            if difference >= 0:
                covered = True
            elif received.complete:
                covered = False
        sources = [*(budget.sources if budget else ()), *(s for c in rows for s in c.sources)]
        result.append(
            YearBalance(
                year=year,
                budget=amount,
                currency=currency,
                contributions=received,
                regular=regular,
                earmarked=earmarked,
                contributors=tuple(sorted({c.contributor for c in rows})),
                difference=difference,
                covered=covered,
                sources=tuple(dict.fromkeys(sources)),
            )
        )
    return result


# -- the capital reserve (para 119) ----------------------------------------------------


@dataclass(frozen=True)
class Dated:
    """An amount that holds from a date: a reserve target or a reserve balance."""

    amount: Decimal | None
    currency: str
    on: FuzzyDate
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReserveStatus:
    target: Dated | None
    balance: Dated | None
    shortfall: Decimal | None  # target - balance (0 when met); None: not known
    met: bool | None


def latest(facts: Iterable[Dated], as_of: date) -> Dated | None:
    """The fact certainly dated on or before ``as_of`` with the latest date."""
    held = [f for f in facts if f.on.on_or_before(as_of) is True]
    return max(held, key=lambda f: f.on.latest or date.min, default=None)


def reserve_status(
    targets: Sequence[Dated], balances: Sequence[Dated], as_of: date
) -> ReserveStatus:
    """The capital reserve on ``as_of`` against the target in force then."""
    target, balance = latest(targets, as_of), latest(balances, as_of)
    shortfall = met = None
    if (
        target is not None
        and balance is not None
        and target.amount is not None
        and balance.amount is not None
        and target.currency == balance.currency
    ):
        shortfall = max(target.amount - balance.amount, Decimal(0))
        met = shortfall == 0
    return ReserveStatus(target, balance, shortfall, met)


# -- assessed contributions for meetings (Art. 14) -------------------------------------


@dataclass(frozen=True)
class Assessment:
    meeting: str  # the meeting's code, e.g. "9MSP"
    state: str  # ISO3
    assessed: Decimal | None
    paid: Decimal | None  # None: not known (0 is "nothing paid")
    currency: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Arrear:
    """One State's position for one meeting: ``outstanding`` is assessed - paid when both
    are known (0 if paid in full), ``credit`` what was paid beyond the assessment."""

    meeting: str
    state: str
    assessed: Decimal | None
    paid: Decimal | None
    currency: str
    outstanding: Decimal | None
    credit: Decimal | None
    sources: tuple[str, ...]


def arrears(assessments: Iterable[Assessment]) -> list[Arrear]:
    """Per State and meeting (in the order given)."""
    result = []
    for a in assessments:
        outstanding = credit = None
        if a.assessed is not None and a.paid is not None:
            outstanding = max(a.assessed - a.paid, Decimal(0))
            credit = max(a.paid - a.assessed, Decimal(0))
        result.append(
            Arrear(
                a.meeting, a.state, a.assessed, a.paid, a.currency, outstanding, credit, a.sources
            )
        )
    return result


@dataclass(frozen=True)
class MeetingArrears:
    """The totals of one meeting (what the public sees, paras 125-126): ``states_in_arrears``
    counts States with a known outstanding amount; ``not_known`` States whose position the
    record cannot tell; ``outstanding`` is a lower bound when ``not_known`` is not empty."""

    meeting: str
    currency: str
    assessed: Sum
    paid: Sum
    outstanding: Sum
    states: int
    states_in_arrears: int
    not_known: int
    sources: tuple[str, ...]


def arrears_by_meeting(rows: Sequence[Arrear], order: Sequence[str] = ()) -> list[MeetingArrears]:
    """Per meeting (in ``order``, then any other in the order met). A meeting's amounts are
    added in the currency most of its assessments use."""
    grouped: dict[str, list[Arrear]] = defaultdict(list)
    for row in rows:
        grouped[row.meeting].append(row)
    codes = [m for m in order if m in grouped] + [m for m in grouped if m not in order]
    result = []
    for code in codes:
        group = grouped[code]
        currencies = [r.currency for r in group]
        currency = max(sorted(set(currencies)), key=currencies.count)
        result.append(
            MeetingArrears(
                meeting=code,
                currency=currency,
                assessed=total(((r.assessed, r.currency) for r in group), currency),
                paid=total(((r.paid, r.currency) for r in group), currency),
                outstanding=total(((r.outstanding, r.currency) for r in group), currency),
                states=len({r.state for r in group}),
                states_in_arrears=len({r.state for r in group if r.outstanding}),
                not_known=len({r.state for r in group if r.outstanding is None}),
                sources=tuple(dict.fromkeys(s for r in group for s in r.sources)),
            )
        )
    return result


# -- the sponsorship programme (para 134) ----------------------------------------------


@dataclass(frozen=True)
class Donation:
    meeting: str  # the meeting the contribution was for ("" if only the year is known)
    year: int
    donor: str  # ISO3 or a name
    amount: Decimal | None
    currency: str = ISU_CURRENCY
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Participation:
    meeting: str
    delegates: int | None
    states: tuple[str, ...]  # the sponsored States named (ISO3)
    states_count: int | None  # the number of States, when only it is known
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class MeetingSponsorship:
    meeting: str
    donors: tuple[str, ...]
    amount: Sum
    delegates: int | None
    states: tuple[str, ...]
    states_count: int | None  # len(states) when named, else the number stated
    sources: tuple[str, ...]


def sponsorship_totals(
    donations: Sequence[Donation],
    participation: Sequence[Participation],
    order: Sequence[str] = (),
) -> list[MeetingSponsorship]:
    """Per meeting: the donors and what they gave, the sponsored delegates and States."""
    given: dict[str, list[Donation]] = defaultdict(list)
    for d in donations:
        if d.meeting:
            given[d.meeting].append(d)
    took = {p.meeting: p for p in participation}
    meetings = set(given) | set(took)
    codes = [m for m in order if m in meetings] + sorted(meetings - set(order))
    result = []
    for code in codes:
        rows = given.get(code, [])
        p = took.get(code)
        states = p.states if p else ()
        count = len(states) if states else (p.states_count if p else None)
        result.append(
            MeetingSponsorship(
                meeting=code,
                donors=tuple(dict.fromkeys(d.donor for d in rows)),
                amount=total((d.amount, d.currency) for d in rows),
                delegates=p.delegates if p else None,
                states=states,
                states_count=count,
                sources=tuple(
                    dict.fromkeys(
                        [*(s for d in rows for s in d.sources), *(p.sources if p else ())]
                    )
                ),
            )
        )
    return result
