"""Summaries of the facts of assistance: per year (or period) and theme, and per State."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from treaty_tracker.rules.assistance.facts import (
    AssistanceFact,
)
from treaty_tracker.rules.assistance.vocabulary import (
    DIRECTIONS,
)


@dataclass(frozen=True)
class Cell:
    """The States doing one thing (sorted ISO3) and the amounts stated, per currency (never
    converted: amounts in different currencies are not added). ``unpriced``: facts with no
    amount, so a sum is never read as the whole."""

    states: tuple[str, ...] = ()
    amounts: tuple[tuple[str, Decimal], ...] = ()
    facts: int = 0
    unpriced: int = 0


def _cell(facts: Sequence[AssistanceFact]) -> Cell:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for fact in facts:
        if fact.amount is not None and fact.currency:
            sums[fact.currency] += fact.amount
    return Cell(
        states=tuple(sorted({f.state for f in facts})),
        amounts=tuple(sorted(sums.items())),
        facts=len(facts),
        unpriced=sum(1 for f in facts if f.amount is None),
    )


@dataclass(frozen=True)
class PeriodSummary:
    """The facts of one year (or one period of years) by theme and direction."""

    period: str
    first: int
    last: int
    cells: dict[tuple[str, str], Cell]  # (theme, direction) -> cell
    totals: dict[str, Cell]  # direction -> cell, every theme

    def cell(self, theme: str, direction: str) -> Cell:
        return self.cells.get((theme, direction), Cell())


def summarize_years(facts: Iterable[AssistanceFact], first: int, last: int) -> list[PeriodSummary]:
    """Per year from ``first`` to ``last`` (every year listed, even without facts), then per
    period (a fact stated for 2016-2020 is not split into years it may not concern): the
    States requesting / offering / providing / receiving each theme, with amounts."""
    groups: dict[tuple[int, int], list[AssistanceFact]] = defaultdict(list)
    for fact in facts:
        if fact.overlaps(first, last):
            groups[(fact.year, fact.last_year)].append(fact)
    keys = sorted({(y, y) for y in range(first, last + 1)} | set(groups))
    result = []
    for start, end in keys:
        group = groups.get((start, end), [])
        if start != end and not group:
            continue
        result.append(
            PeriodSummary(
                period=str(start) if start == end else f"{start}-{end}",
                first=start,
                last=end,
                cells={
                    (theme, direction): _cell(items)
                    for (theme, direction), items in _group(
                        group, lambda f: (f.theme, f.direction)
                    ).items()
                },
                totals={
                    direction: _cell(items)
                    for direction, items in _group(group, lambda f: f.direction).items()
                },
            )
        )
    return result


def _group(facts: Iterable[AssistanceFact], key: Any) -> dict[Any, list[AssistanceFact]]:
    grouped: dict[Any, list[AssistanceFact]] = defaultdict(list)
    for fact in facts:
        grouped[key(fact)].append(fact)
    return grouped


@dataclass(frozen=True)
class StateSummary:
    """One State's facts by direction: the themes, the number of facts, the years, and
    whether any comes from the record or from a report."""

    state: str
    themes: dict[str, tuple[str, ...]]  # direction -> sorted themes
    facts: dict[str, int]  # direction -> how many facts
    first: int
    last: int
    origins: tuple[str, ...]
    citations: tuple[str, ...]


def summarize_states(facts: Iterable[AssistanceFact]) -> list[StateSummary]:
    """Per State (by ISO3) with at least one fact: what it requested, offered, provided and
    received."""
    result = []
    for state, items in sorted(_group(facts, lambda f: f.state).items()):
        by_direction = _group(items, lambda f: f.direction)
        result.append(
            StateSummary(
                state=state,
                themes={
                    d: tuple(sorted({f.theme for f in by_direction.get(d, [])})) for d in DIRECTIONS
                },
                facts={d: len(by_direction.get(d, [])) for d in DIRECTIONS},
                first=min(f.year for f in items),
                last=max(f.last_year for f in items),
                origins=tuple(sorted({f.origin for f in items})),
                citations=tuple(dict.fromkeys(c for f in items for c in f.citations)),
            )
        )
    return result
