"""Article 9 (national implementation measures) as plain data: each State's categories
over time and the counts per category on a date (CCM/CONF/2020/13 paras 106-107, 111).

A source that classifies States at a date (the review's two snapshots, a staff entry, a
State's report) gives the State's **whole** picture at that date: the categories recorded
at the State's most recent date on or before the as-of date are its categories then, and
a category absent from that date no longer holds (Guinea-Bissau: existing law sufficient
in 2015, legislation in progress in 2020). A State recorded only at an earlier date keeps
that earlier picture, labelled with its date (Mauritania: in no 2020 list).

No Django here; the ``obligations`` app builds the records from ``NationalMeasure``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from treaty_tracker.rules.dates import FuzzyDate

Sources = tuple[str, ...]

#: The categories of paras 106-107, in the review's order.
CATEGORIES = (
    "investment_prohibition",
    "specific_law",
    "existing_law_sufficient",
    "legislation_in_progress",
)


@dataclass(frozen=True)
class MeasureRecord:
    """One State's category at a date, as one source gives it, with the measure itself
    where known (kind, title, adoption date, text or link)."""

    state: str
    category: str
    as_of: FuzzyDate
    kind: str = "not_known"  # legal, administrative, other, not_known
    title: str = ""
    adopted: FuzzyDate | None = None
    url: str = ""
    sources: Sources = ()


@dataclass(frozen=True)
class Snapshot:
    """A State's categories at one date, and the records that say so."""

    state: str
    as_of: FuzzyDate
    categories: tuple[str, ...]
    records: tuple[MeasureRecord, ...]

    @property
    def sources(self) -> Sources:
        return tuple(dict.fromkeys(s for r in self.records for s in r.sources))


def _order(day: FuzzyDate) -> tuple[date, date]:
    return (day.latest or date.min, day.earliest or date.min)


def _category_order(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def history(records: Iterable[MeasureRecord], state: str) -> list[Snapshot]:
    """The State's snapshots, oldest first: one per date recorded."""
    by_date: dict[FuzzyDate, list[MeasureRecord]] = {}
    for record in records:
        if record.state == state:
            by_date.setdefault(record.as_of, []).append(record)
    return [
        Snapshot(
            state=state,
            as_of=day,
            categories=tuple(sorted({r.category for r in rows}, key=_category_order)),
            records=tuple(sorted(rows, key=lambda r: _category_order(r.category))),
        )
        for day, rows in sorted(by_date.items(), key=lambda item: _order(item[0]))
    ]


def latest(records: Iterable[MeasureRecord], as_of: date) -> dict[str, Snapshot]:
    """State -> its most recent snapshot certainly dated on or before ``as_of``."""
    records = list(records)
    result: dict[str, Snapshot] = {}
    for state in sorted({r.state for r in records}):
        dated = [s for s in history(records, state) if s.as_of.on_or_before(as_of) is True]
        if dated:
            result[state] = dated[-1]
    return result


@dataclass(frozen=True)
class SourcedCount:
    """A number of States a source states for a category (a ``Figure``)."""

    key: str
    value: Decimal
    as_of: FuzzyDate
    label: str
    sources: Sources


@dataclass(frozen=True)
class CategoryCount:
    """One category on a date: the States whose latest snapshot has it (``states``), of
    which those whose latest snapshot is older than the category's most recent source
    date (``carried``, shown with their date), beside the figure the source states."""

    category: str
    states: tuple[str, ...]
    carried: tuple[str, ...]
    stated: SourcedCount | None

    @property
    def count(self) -> int:
        return len(self.states)

    @property
    def differs(self) -> bool:
        return self.stated is not None and int(self.stated.value) != self.count


def counts(
    records: Iterable[MeasureRecord],
    as_of: date,
    stated: Iterable[SourcedCount] = (),
    figure_prefix: str = "national_implementation.",
) -> list[CategoryCount]:
    """Per category (the review's order): the States in it on ``as_of`` and the sourced
    figure ``<figure_prefix><category>`` most recently stated on or before that date."""
    now = latest(records, as_of)
    newest = max((_order(s.as_of) for s in now.values()), default=None)
    figures: dict[str, list[SourcedCount]] = {}
    for figure in stated:
        figures.setdefault(figure.key, []).append(figure)
    result = []
    for category in CATEGORIES:
        states = tuple(s for s, snap in now.items() if category in snap.categories)
        carried = tuple(s for s in states if _order(now[s].as_of) != newest)
        known = [
            f
            for f in figures.get(figure_prefix + category, ())
            if f.as_of.on_or_before(as_of) is True
        ]
        result.append(
            CategoryCount(
                category=category,
                states=states,
                carried=carried,
                stated=max(known, key=lambda f: _order(f.as_of), default=None),
            )
        )
    return result


def count_kinds(records: Sequence[MeasureRecord], as_of: date) -> dict[str, tuple[str, ...]]:
    """Kind of measure (legal, administrative, other) -> the States with a measure of
    that kind in their latest snapshot; measures of a kind not known are not counted."""
    now = latest(records, as_of)
    kinds: dict[str, set[str]] = {}
    for state, snap in now.items():
        for record in snap.records:
            if record.kind != "not_known":
                kinds.setdefault(record.kind, set()).add(state)
    return {k: tuple(sorted(v)) for k, v in sorted(kinds.items())}
