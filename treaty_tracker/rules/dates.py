"""Calendar arithmetic and dates that are only partly known.

The treaty record is full of dates known only to the month ("completed in March 2019"),
only as a bound ("submitted, date not known, by 28 September 2020") or not at all.
``FuzzyDate`` keeps such a date as the interval it is known to lie in, so the engine can
say "met", "overdue" or "not known" without ever guessing a day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Comparison = Literal[True, False] | None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later, clipped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


_DAY = r"\d{4}-\d{2}-\d{2}"
_RANGE = re.compile(rf"^({_DAY})?\.\.({_DAY})?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_BY = re.compile(rf"^by ({_DAY})$")
_AFTER = re.compile(rf"^after ({_DAY})$")


class FuzzyDateError(ValueError):
    """A text that is not a date in any of the accepted forms."""


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date known to lie between ``earliest`` and ``latest`` (inclusive).

    ``None`` on a side means no bound is known. ``earliest == latest`` is an exact date;
    both ``None`` is "not known".
    """

    earliest: date | None = None
    latest: date | None = None

    def __post_init__(self) -> None:
        if self.earliest and self.latest and self.earliest > self.latest:
            raise FuzzyDateError(f"{self.earliest} is after {self.latest}")

    # -- constructors ----------------------------------------------------------------
    @classmethod
    def exact(cls, day: date) -> FuzzyDate:
        return cls(day, day)

    @classmethod
    def month(cls, year: int, month: int) -> FuzzyDate:
        start = date(year, month, 1)
        return cls(start, last_of_month(start))

    @classmethod
    def year(cls, year: int) -> FuzzyDate:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def by(cls, day: date) -> FuzzyDate:
        return cls(None, day)

    @classmethod
    def unknown(cls) -> FuzzyDate:
        return cls(None, None)

    @classmethod
    def parse(cls, text: str | date | None) -> FuzzyDate:
        """Read ``2019-03-01``, ``2019-03``, ``2019``, ``by 2020-09-28``,
        ``after 2020-09-28``, ``2015-09-11..2020-09-28`` (either side may be empty) or
        ``not known``."""
        if text is None:
            return cls.unknown()
        if isinstance(text, date):
            return cls.exact(text)
        value = text.strip()
        try:
            if value in ("", "not known", "unknown"):
                return cls.unknown()
            if match := _RANGE.match(value):
                lo, hi = match.groups()
                return cls(
                    date.fromisoformat(lo) if lo else None,
                    date.fromisoformat(hi) if hi else None,
                )
            if match := _BY.match(value):
                return cls.by(date.fromisoformat(match.group(1)))
            if match := _AFTER.match(value):
                return cls(date.fromisoformat(match.group(1)) + timedelta(days=1), None)
            if match := _MONTH.match(value):
                return cls.month(int(match.group(1)), int(match.group(2)))
            if match := _YEAR.match(value):
                return cls.year(int(match.group(1)))
            return cls.exact(date.fromisoformat(value))
        except ValueError as error:
            raise FuzzyDateError(f"not a date: {text!r} ({error})") from error

    # -- questions ---------------------------------------------------------------------
    @property
    def is_exact(self) -> bool:
        return self.earliest is not None and self.earliest == self.latest

    @property
    def is_known(self) -> bool:
        return self.earliest is not None or self.latest is not None

    @property
    def precision(self) -> str:
        """``day``, ``month``, ``year``, ``by``, ``after``, ``range`` or ``unknown``."""
        lo, hi = self.earliest, self.latest
        if lo is None and hi is None:
            return "unknown"
        if lo is None:
            return "by"
        if hi is None:
            return "after"
        if lo == hi:
            return "day"
        if lo.day == 1 and hi == last_of_month(lo):
            return "month"
        if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
            return "year"
        return "range"

    def on_or_before(self, day: date) -> Comparison:
        """True if the date is certainly on or before ``day``, False if certainly after,
        None if the record cannot tell."""
        if self.latest is not None and self.latest <= day:
            return True
        if self.earliest is not None and self.earliest > day:
            return False
        return None

    def map(self, function: Callable[[date], date]) -> FuzzyDate:
        """Apply a non-decreasing date rule to both bounds (every treaty rule is one)."""
        return FuzzyDate(
            function(self.earliest) if self.earliest else None,
            function(self.latest) if self.latest else None,
        )

    def __str__(self) -> str:
        return self.iso()

    def iso(self) -> str:
        """The inverse of :meth:`parse`."""
        lo, hi = self.earliest, self.latest
        match self.precision:
            case "unknown":
                return "not known"
            case "day":
                assert lo is not None
                return lo.isoformat()
            case "month":
                assert lo is not None
                return f"{lo:%Y-%m}"
            case "year":
                assert lo is not None
                return f"{lo:%Y}"
            case "by":
                assert hi is not None
                return f"by {hi.isoformat()}"
            case _:
                return f"{lo.isoformat() if lo else ''}..{hi.isoformat() if hi else ''}"


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EARLIEST_AS_OF = date(2008, 1, 1)
# Far enough for any deadline the treaty can set; near enough that date arithmetic on it
# (an as-of date plus a horizon) stays within the calendar.
LATEST_AS_OF = date(2100, 12, 31)


class AsOfError(ValueError):
    """An as-of date that is malformed or before any treaty of this kind existed."""


def parse_as_of(text: str) -> date:
    """The one rule for every ``as_of`` the CLI, the API and the pages accept: exactly
    ``YYYY-MM-DD``, on or after 2008-01-01 (the CCM was adopted in May 2008) and not
    after 2100-12-31."""
    try:
        if not _ISO_DAY.match(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        raise AsOfError(f"{text!r} is not a date (use YYYY-MM-DD)") from None
    if day < EARLIEST_AS_OF:
        raise AsOfError(
            f"{day.isoformat()} is before {EARLIEST_AS_OF.isoformat()}; "
            "the Convention did not exist yet"
        )
    if day > LATEST_AS_OF:
        raise AsOfError(f"{day.isoformat()} is after {LATEST_AS_OF.isoformat()}")
    return day
