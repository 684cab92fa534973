"""The needs-and-offers matching: each request (Art. 6(1)) beside the States that provided
or offered the same kind of support (Art. 6(2)-(7)) in a window of years.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from treaty_tracker.rules.assistance.facts import (
    AssistanceFact,
)
from treaty_tracker.rules.assistance.summaries import (
    _group,
)
from treaty_tracker.rules.assistance.vocabulary import (
    DEFAULT_WINDOW,
    SUPPORT,
    Direction,
    Theme,
)


@dataclass(frozen=True)
class Need:
    """A request for assistance: a State, a theme, a year or period, with every fact that
    states it (a request in a report and the same in the record are one need)."""

    state: str
    theme: str
    year: int
    year_to: int | None
    facts: tuple[AssistanceFact, ...]

    @property
    def last_year(self) -> int:
        return self.year_to if self.year_to is not None else self.year

    @property
    def period(self) -> str:
        return self.facts[0].period

    @property
    def citations(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for f in self.facts for c in f.citations))

    @property
    def origins(self) -> tuple[str, ...]:
        return tuple(sorted({f.origin for f in self.facts}))


@dataclass(frozen=True)
class Supporter:
    """A State that provided or offered support of the need's theme in the window.

    ``last_year``: the most recent year of that support; ``times``: how many facts show it;
    ``directions``: provided and/or offered; ``to_requester``: whether any of it went to
    the requesting State itself."""

    state: str
    last_year: int
    times: int
    directions: tuple[str, ...]
    to_requester: bool
    citations: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    need: Need
    supporters: tuple[Supporter, ...]
    window: tuple[int, int]  # the years searched, inclusive

    @property
    def matched(self) -> bool:
        return bool(self.supporters)

    @property
    def matchable(self) -> bool:
        """A request whose theme is not known cannot be matched on theme."""
        return self.need.theme != Theme.NOT_KNOWN.value


@dataclass(frozen=True)
class _Support:
    state: str  # the supporting State
    theme: str
    year: int
    last_year: int
    direction: str
    recipient: str | None
    citations: tuple[str, ...]


def _supports(facts: Iterable[AssistanceFact]) -> list[_Support]:
    """Who supported whom: a State's own "provided" or "offered" fact, and a recipient's
    "received" fact naming the donor State (the donor provided it)."""
    supports = []
    for fact in facts:
        if fact.direction in SUPPORT:
            supports.append(
                _Support(
                    fact.state,
                    fact.theme,
                    fact.year,
                    fact.last_year,
                    fact.direction,
                    fact.counterpart,
                    fact.citations,
                )
            )
        elif fact.direction == Direction.RECEIVED.value and fact.counterpart is not None:
            supports.append(
                _Support(
                    fact.counterpart,
                    fact.theme,
                    fact.year,
                    fact.last_year,
                    Direction.PROVIDED.value,
                    fact.state,
                    fact.citations,
                )
            )
    return supports


def needs(facts: Iterable[AssistanceFact]) -> list[Need]:
    """Every request, one per (State, theme, year, last year), the facts stating it merged."""
    grouped = _group(
        (f for f in facts if f.direction == Direction.REQUESTED.value),
        lambda f: (f.state, f.theme, f.year, f.year_to if f.year_to != f.year else None),
    )
    return [
        Need(state, theme, year, year_to, tuple(items))
        for (state, theme, year, year_to), items in sorted(
            grouped.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1], kv[0][3] or 0)
        )
    ]


def match_needs(facts: Iterable[AssistanceFact], window: int = DEFAULT_WINDOW) -> list[Match]:
    """For each request (State, theme, year or period), the States that provided or offered
    support of the same theme from ``window`` years before the request's first year to
    ``window`` years after its last, the requester itself excluded; ranked by the most
    recent year of support, then by how often, then by ISO3. A request with no such State
    is unmatched (``supporters == ()``); one whose theme is not known matches nothing."""
    if window < 0:
        raise ValueError("window must be zero or more years")
    facts = list(facts)
    supports = [s for s in _supports(facts) if s.theme != Theme.NOT_KNOWN.value]
    by_theme = _group_supports(supports)
    result = []
    for need in needs(facts):
        first, last = need.year - window, need.last_year + window
        found: dict[str, list[_Support]] = defaultdict(list)
        if need.theme != Theme.NOT_KNOWN.value:
            for support in by_theme.get(need.theme, []):
                if (
                    support.state != need.state
                    and support.year <= last
                    and support.last_year >= first
                ):
                    found[support.state].append(support)
        supporters = [
            Supporter(
                state=state,
                last_year=min(last, max(s.last_year for s in items)),
                times=len(items),
                directions=tuple(sorted({s.direction for s in items})),
                to_requester=any(s.recipient == need.state for s in items),
                citations=tuple(dict.fromkeys(c for s in items for c in s.citations)),
            )
            for state, items in found.items()
        ]
        supporters.sort(key=lambda s: (-s.last_year, -s.times, s.state))
        result.append(Match(need, tuple(supporters), (first, last)))
    return result


def _group_supports(supports: Iterable[_Support]) -> dict[str, list[_Support]]:
    grouped: dict[str, list[_Support]] = defaultdict(list)
    for support in supports:
        grouped[support.theme].append(support)
    return grouped
