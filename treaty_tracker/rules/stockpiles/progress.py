"""Art. 3(4)(d)-(f): what counts on a date and each State's progress (declared, destroyed,
remaining, share destroyed, by category), the yearly totals and the retention history.

The date is always an argument; a calendar year's figures count once the year is over
(an annual Article 7 report covers the previous calendar year, Art. 7(2)).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.stockpiles.facts import (
    FIRST_YEAR,
    Amount,
    Category,
    Declaration,
    Destruction,
    Origin,
    Qualifier,
    Retention,
    total,
)


def year_over(year: int, as_of: date | None) -> bool:
    """A calendar year's figures count once the year is over (``as_of`` None: always)."""
    return as_of is None or date(year, 12, 31) <= as_of


def counts_on(destruction: Destruction, as_of: date | None) -> bool:
    """Whether a destruction figure counts on ``as_of``: its year is over, or its total is
    dated on or before it."""
    if destruction.year is not None:
        return year_over(destruction.year, as_of)
    if destruction.through is None:
        return False
    return as_of is None or destruction.through.on_or_before(as_of) is True


def declared(
    declarations: Iterable[Declaration], category: Category, as_of: date | None = None
) -> Amount | None:
    """Art. 3(4)(d): the stockpile held at entry into force plus any discovered later, of
    one category, counting declarations dated on or before ``as_of`` (None: all). None when
    nothing is declared or a declared quantity is not known."""
    rows = [
        d
        for d in declarations
        if d.category is category
        and (as_of is None or not d.as_of.is_known or d.as_of.on_or_before(as_of) is True)
    ]
    if not rows or any(d.amount is None for d in rows):
        return None
    return total(d.amount for d in rows)


def destroyed(
    destructions: Iterable[Destruction], category: Category, as_of: date | None = None
) -> Amount | None:
    """Art. 3(4)(e), 7(1)(e): destroyed to date, of one category.

    The latest programme total (``through`` on or before the date) counts with the
    yearly figures of the years after the one it falls in; without a total, the yearly
    figures are added up. A year whose quantity is not known makes the result not known.
    """
    rows = [d for d in destructions if d.category is category and counts_on(d, as_of)]
    totals = [d for d in rows if d.year is None and d.through is not None]
    yearly = [d for d in rows if d.year is not None]
    base: Amount | None = None
    after = FIRST_YEAR - 1
    if totals:
        latest = max(totals, key=lambda d: _latest_day(d.through))
        if latest.amount is None:
            return None
        base = latest.amount
        after = _latest_day(latest.through).year
    counted = [d for d in yearly if d.year is not None and d.year > after]
    if any(d.amount is None for d in counted):
        return None
    return total([base, *(d.amount for d in counted)])


def _latest_day(when: FuzzyDate | None) -> date:
    if when is None:
        return date.min
    return when.latest or when.earliest or date.min


@dataclass(frozen=True)
class CategoryProgress:
    category: Category
    declared: Amount | None
    destroyed: Amount | None
    remaining: Amount | None
    share_destroyed: float | None  # 0..1 of the declared stockpile; None: not known


@dataclass(frozen=True)
class StateProgress:
    """Art. 3(4)(d)-(f): a State's declared, destroyed and remaining stockpile."""

    state: str
    as_of: date | None
    categories: tuple[CategoryProgress, ...]
    discovered: bool  # declared stockpiles discovered after entry into force

    def category(self, category: Category) -> CategoryProgress | None:
        return next((c for c in self.categories if c.category is category), None)

    @property
    def has_data(self) -> bool:
        return bool(self.categories)


def progress(
    state: str,
    declarations: Sequence[Declaration],
    destructions: Sequence[Destruction],
    as_of: date | None = None,
) -> StateProgress:
    """One State's progress on ``as_of``, for each category it declared or destroyed."""
    used = {d.category for d in declarations} | {d.category for d in destructions}
    categories = []
    for category in Category:
        if category not in used:
            continue
        held = declared(declarations, category, as_of)
        gone = destroyed(destructions, category, as_of)
        # Nothing destroyed on the record is "not known", never "none destroyed".
        remaining = held.minus(gone) if held is not None and gone is not None else None
        share = None
        if held is not None and held.value > 0 and gone is not None:
            share = gone.value / held.value
        categories.append(CategoryProgress(category, held, gone, remaining, share))
    return StateProgress(
        state=state,
        as_of=as_of,
        categories=tuple(categories),
        discovered=any(
            d.origin is Origin.DISCOVERED and (as_of is None or d.as_of.on_or_before(as_of) is True)
            for d in declarations
        ),
    )


@dataclass(frozen=True)
class YearTotal:
    """Destruction in one calendar year, added up over the States that report it."""

    year: int
    munitions: Amount | None
    submunitions: Amount | None
    states: tuple[str, ...]


def yearly_totals(
    destructions: Mapping[str, Sequence[Destruction]], as_of: date | None = None
) -> list[YearTotal]:
    """Each year with destruction on the record (programme totals without a yearly
    breakdown are left out: they belong to no year), oldest first."""
    years = sorted({d.year for rows in destructions.values() for d in rows if d.year is not None})
    result = []
    for year in years:
        if not year_over(year, as_of):
            continue
        rows = [
            (state, d)
            for state, items in sorted(destructions.items())
            for d in items
            if d.year == year
        ]
        result.append(
            YearTotal(
                year=year,
                munitions=total(
                    d.amount for _s, d in rows if d.category is Category.CLUSTER_MUNITIONS
                ),
                submunitions=total(
                    d.amount for _s, d in rows if d.category is Category.EXPLOSIVE_SUBMUNITIONS
                ),
                states=tuple(dict.fromkeys(state for state, _d in rows)),
            )
        )
    return result


@dataclass(frozen=True)
class RetentionYear:
    """A year's retention with the change since the previous year on the record."""

    row: Retention
    munitions_change: int | None
    submunitions_change: int | None


def retention_history(rows: Sequence[Retention], as_of: date | None = None) -> list[RetentionYear]:
    """Art. 3(8): holdings year by year with their yearly changes, oldest first. A change
    is None where either year's figure is not known or not exact (a difference of rounded
    figures is no yearly change)."""
    ordered = sorted((r for r in rows if year_over(r.year, as_of)), key=lambda r: r.year)
    history = []
    previous: Retention | None = None
    for row in ordered:
        exact = previous is not None and previous.qualifier is row.qualifier is Qualifier.EXACT
        history.append(
            RetentionYear(
                row=row,
                munitions_change=_change(
                    None if previous is None or not exact else previous.munitions, row.munitions
                ),
                submunitions_change=_change(
                    None if previous is None or not exact else previous.submunitions,
                    row.submunitions,
                ),
            )
        )
        previous = row
    return history


def _change(before: int | None, after: int | None) -> int | None:
    return None if before is None or after is None else after - before


def latest_retention(rows: Sequence[Retention], as_of: date | None = None) -> Retention | None:
    history = retention_history(rows, as_of)
    return history[-1].row if history else None
