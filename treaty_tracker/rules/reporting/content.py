"""A report's content: the JSON-compatible dict a focal point's draft holds, and safe ways
to read it.

The shape (docs/reporting.md, "Report content")::

    {"form_version": "ccm-2010", "kind": "annual", "state": "XAR",
     "period": {"from": "2019-01-01", "to": "2019-12-31"},
     "contact": {"organization": ..., "email": ...},
     "forms": {"A": {"status": "changed", "data": {...}, "text": "..."},
               "C": {"status": "unchanged", "unchanged_since": 2018, "data": {...}}, ...}}

A draft may be malformed in any way, and the data-quality rules still run on it (a report
with a non-numeric quantity can also destroy more than it declared), so the readers here
never raise: what is not of the expected shape reads as absent. The schema layer is what
reports the shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from treaty_tracker.rules.reporting.definition import FormStatus

ReportContent = Mapping[str, Any]

#: The statuses whose forms are read at all (FormView's status rule).
COUNTED_STATUSES = frozenset({FormStatus.CHANGED.value, FormStatus.UNCHANGED.value})

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(value: object) -> date | None:
    """A ``YYYY-MM-DD`` text as a date, or None if it is not one."""
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def as_decimal(value: object) -> Decimal | None:
    """A JSON number (never a boolean, never a text) as an exact Decimal, else None.

    Sums of areas such as 0.1 + 0.2 m² are compared exactly, so a rule never fires on a
    rounding error."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def count_of(value: object) -> Decimal | None:
    """A quantity: a number, or the ``total`` of a disaggregated count."""
    if isinstance(value, Mapping):
        return as_decimal(value.get("total"))
    return as_decimal(value)


def is_blank(value: object) -> bool:
    """None, "", [] and {} all mean "nothing given"."""
    return value is None or (isinstance(value, str | list | dict | Mapping) and len(value) == 0)


@dataclass(frozen=True)
class Period:
    """A reporting period, both days included (cover page: "from dd/mm/yyyy to dd/mm/yyyy")."""

    start: date
    end: date

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def for_annual_report(cls, due_year: int) -> Period:
        """Art. 7(2): the annual report due on 30 April covers the previous calendar year."""
        return cls.calendar_year(due_year - 1)

    @classmethod
    def from_content(cls, content: object) -> Period | None:
        """The period of a report's content, or None if it is missing or malformed."""
        if not isinstance(content, Mapping) or not isinstance(content.get("period"), Mapping):
            return None
        start = parse_day(content["period"].get("from"))
        end = parse_day(content["period"].get("to"))
        if start is None or end is None or start > end:
            return None
        return cls(start, end)

    @property
    def is_calendar_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            1,
            1,
            12,
            31,
        ) and self.start.year == self.end.year

    def as_content(self) -> dict[str, str]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


@dataclass(frozen=True)
class ReportContext:
    """What the record knows that the report's own content does not; built by the caller.

    ``due_year``: for an annual report, the year whose 30 April it is due (the period must
    be the calendar year before). ``obligations``: articles under which the State has an
    active obligation, e.g. ``frozenset({"3", "4"})``. ``previous``: the content of the
    State's previous report, or None if the record holds none. ``state``: the ISO3 code of
    the State the report is filed for.
    """

    due_year: int | None = None
    obligations: frozenset[str] = frozenset()
    previous: ReportContent | None = None
    state: str = ""


class FormView:
    """One form of a report, read safely: anything malformed reads as absent.

    **The status rule**, the one every reader of a report's figures follows (the rules of
    Arts. 3-7, the theme apps' ``reports`` modules, the pages; docs/reporting.md, "Reading
    a form's figures"):

    - ``changed``: the form's data are the period's, and are read.
    - ``unchanged``: the data repeat those of the report the form is unchanged since. What
      they say holds at the end of the period (a stockpile, items retained, contaminated
      areas, risk education, the assistance tables, a programme's status) still stands and
      is read; what they count as happening *during the period* (destroyed, discovered,
      transferred, land released, people killed or injured: the form's "during the
      period" entries) belongs to that earlier period and is not read again.
    - ``not_applicable``: nothing to read (no rows, never zeros).
    - no status, or any other text: the form is not read at all.

    :attr:`counted`, :meth:`figures` and :meth:`figure_rows` apply the rule; :attr:`status`,
    :attr:`data` and :meth:`rows` give the form as written (the quality rules judge what
    was written, whatever its status).
    """

    def __init__(self, code: str, raw: object) -> None:
        self.code = code
        self.raw: Mapping[str, Any] | None = raw if isinstance(raw, Mapping) else None

    @property
    def exists(self) -> bool:
        return self.raw is not None

    @property
    def status(self) -> str | None:
        value = self.raw.get("status") if self.raw is not None else None
        return value if isinstance(value, str) else None

    @property
    def is_new(self) -> bool:
        """The form says something about this period: it is not "unchanged" (an unchanged
        form holds the previous report's data, so period figures in it are not new)."""
        return self.exists and self.status != FormStatus.UNCHANGED

    @property
    def data(self) -> Mapping[str, Any]:
        value = self.raw.get("data") if self.raw is not None else None
        return value if isinstance(value, Mapping) else {}

    @property
    def text(self) -> str:
        value = self.raw.get("text") if self.raw is not None else None
        return value.strip() if isinstance(value, str) else ""

    def rows(self, table: str) -> list[tuple[int, Mapping[str, Any]]]:
        """``(index, row)`` for every row of ``table`` that is an object."""
        value = self.data.get(table)
        if not isinstance(value, list):
            return []
        return [(index, row) for index, row in enumerate(value) if isinstance(row, Mapping)]

    @property
    def counted(self) -> bool:
        """Whether the status rule reads this form at all: ``changed`` or ``unchanged``."""
        return self.status in COUNTED_STATUSES

    def figures(self, *, during_period: bool = False) -> Mapping[str, Any]:
        """The data the status rule lets a figure be read from: a ``changed`` form's; an
        ``unchanged`` form's too unless the entries read count what happened
        ``during_period``; otherwise nothing."""
        if self.status == FormStatus.CHANGED:
            return self.data
        if self.status == FormStatus.UNCHANGED and not during_period:
            return self.data
        return {}

    def figure_rows(self, table: str, *, during_period: bool = False) -> list[Mapping[str, Any]]:
        """The rows of ``table`` that are objects, under the status rule (:meth:`figures`)."""
        value = self.figures(during_period=during_period).get(table)
        if not isinstance(value, list):
            return []
        return [row for row in value if isinstance(row, Mapping)]

    def known_rows(self, table: str) -> list[Mapping[str, Any]] | None:
        """The rows of ``table`` as a statement of fact, or None if the form does not say.

        Not applicable means none; a changed form without the table means none; an
        unchanged form without data (the paper short report) does not say."""
        if not self.exists:
            return None
        if self.status == FormStatus.NOT_APPLICABLE:
            return []
        if isinstance(self.data.get(table), list):
            return [row for _, row in self.rows(table)]
        return [] if self.status == FormStatus.CHANGED else None


class ReportView:
    """A report's content, read safely."""

    def __init__(self, content: object) -> None:
        self.raw: Mapping[str, Any] = content if isinstance(content, Mapping) else {}

    @property
    def kind(self) -> str | None:
        value = self.raw.get("kind")
        return value if isinstance(value, str) else None

    @property
    def period(self) -> Period | None:
        return Period.from_content(self.raw)

    @property
    def forms(self) -> Mapping[str, Any]:
        value = self.raw.get("forms")
        return value if isinstance(value, Mapping) else {}

    def form(self, code: str) -> FormView:
        return FormView(code, self.forms.get(code))


def normalise(value: object) -> Any:
    """A canonical form for comparing contents: blanks dropped from objects (and written
    None in lists, where position counts), numbers exact (``1``, ``1.0`` and ``-0.0`` vs
    ``0`` are equal), everything else as it is."""
    if isinstance(value, Mapping):
        items = ((str(key), normalise(item)) for key, item in value.items())
        return {key: item for key, item in sorted(items) if not is_blank(item)}
    if isinstance(value, list):
        return [None if is_blank(item) else item for item in map(normalise, value)]
    number = as_decimal(value)
    if number is not None:
        return {"$number": str(number.normalize() if number else Decimal(0))}
    return value
