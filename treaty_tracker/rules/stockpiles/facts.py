"""Art. 3 facts as the record holds them: the categories a stockpile is counted in,
quantities with how exact the source gives them (:class:`Amount`), and the declared
stockpiles, destruction and retention (frozen dataclasses, no Django).

A source that rounds ("2.8 million") or bounds ("over 95 per cent") gives an
:class:`Amount` with that :class:`Qualifier`; a sum or difference is exact only when every
term is, so a rounded figure never turns into an exact one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from treaty_tracker.rules.checks import RECORD_YEARS
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.records import Sources

# The years a destruction or retention figure may be given for (rules.checks).
FIRST_YEAR = RECORD_YEARS.first
LAST_YEAR = RECORD_YEARS.last


class Category(StrEnum):
    """Art. 1(2) and 3: what a stockpile is counted in."""

    CLUSTER_MUNITIONS = "cluster_munitions"
    EXPLOSIVE_SUBMUNITIONS = "explosive_submunitions"
    EXPLOSIVE_BOMBLETS = "explosive_bomblets"


class Origin(StrEnum):
    """Art. 3(2): stockpiles held at entry into force; Art. 3(4)(d) and para 30: stockpiles
    discovered after it ("previously unknown stockpiles")."""

    AT_ENTRY_INTO_FORCE = "at_entry_into_force"
    DISCOVERED = "discovered"


class Qualifier(StrEnum):
    """How exact a quantity is, as the source gives it."""

    EXACT = "exact"  # "162,417"
    APPROXIMATE = "approximate"  # "2.8 million", "nearly 1.5 million": rounded by the source
    AT_LEAST = "at_least"  # "over 52,000": a lower bound


@dataclass(frozen=True)
class Amount:
    """A quantity with how exact it is."""

    value: int
    qualifier: Qualifier = Qualifier.EXACT

    @property
    def exact(self) -> bool:
        return self.qualifier is Qualifier.EXACT

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.value + other.value, _combine(self.qualifier, other.qualifier))

    def minus(self, other: Amount) -> Amount:
        """The difference; exact only if both are (a bound minus anything is not a bound)."""
        exact = self.exact and other.exact
        return Amount(
            max(self.value - other.value, 0) if not exact else self.value - other.value,
            Qualifier.EXACT if exact else Qualifier.APPROXIMATE,
        )


def _combine(a: Qualifier, b: Qualifier) -> Qualifier:
    if Qualifier.APPROXIMATE in (a, b):
        return Qualifier.APPROXIMATE
    if Qualifier.AT_LEAST in (a, b):
        return Qualifier.AT_LEAST
    return Qualifier.EXACT


def total(amounts: Iterable[Amount | None]) -> Amount | None:
    """The sum, or None when there is nothing to add."""
    result: Amount | None = None
    for amount in amounts:
        if amount is not None:
            result = amount if result is None else result + amount
    return result


@dataclass(frozen=True)
class Declaration:
    """A declared stockpile of one category (Art. 7(1)(b)): held at entry into force, or
    discovered later. ``quantity`` None: declared, quantity not known. ``as_of``: the date
    the quantity refers to; the record counts it from then on. ``key`` identifies the
    database row (so a check can leave out the row being replaced)."""

    category: Category
    quantity: int | None
    origin: Origin = Origin.AT_ENTRY_INTO_FORCE
    as_of: FuzzyDate = FuzzyDate()
    qualifier: Qualifier = Qualifier.EXACT
    sources: Sources = ()
    key: int | None = None

    @property
    def amount(self) -> Amount | None:
        return None if self.quantity is None else Amount(self.quantity, self.qualifier)


@dataclass(frozen=True)
class Destruction:
    """Items of one category destroyed (Art. 7(1)(e)): in one calendar ``year``, or, when
    the source gives no yearly breakdown, the programme's total up to ``through``."""

    category: Category
    quantity: int | None
    year: int | None = None
    through: FuzzyDate | None = None
    qualifier: Qualifier = Qualifier.EXACT
    method: str = ""
    site: str = ""
    sources: Sources = ()
    key: int | None = None

    @property
    def amount(self) -> Amount | None:
        return None if self.quantity is None else Amount(self.quantity, self.qualifier)


@dataclass(frozen=True)
class Retention:
    """Art. 3(6)-(8): what a State retains for training and development in a calendar
    year (its holding as reported for that year), and what it consumed. None: not known;
    a row with both holdings not known says the State retains, number not given.
    ``qualifier``: how exact the two holdings are, as the source gives them (the consumed
    counts are exact)."""

    year: int
    munitions: int | None = None
    submunitions: int | None = None
    munitions_consumed: int | None = None
    submunitions_consumed: int | None = None
    planned_use: str = ""
    actual_use: str = ""
    sources: Sources = ()
    qualifier: Qualifier = Qualifier.EXACT

    @property
    def munitions_amount(self) -> Amount | None:
        return None if self.munitions is None else Amount(self.munitions, self.qualifier)

    @property
    def submunitions_amount(self) -> Amount | None:
        return None if self.submunitions is None else Amount(self.submunitions, self.qualifier)

    @property
    def retains(self) -> bool:
        """Holds some: a positive holding, or holdings given without a number."""
        holdings = (self.munitions, self.submunitions)
        if all(h is None for h in holdings):
            return True
        return any(h is not None and h > 0 for h in holdings)
