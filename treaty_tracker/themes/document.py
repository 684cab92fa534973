"""The generated review as plain data: sections of parts of blocks (paragraphs, tables,
charts), whose figures each carry the facts and sources behind them. No Django here: the
sections build it, the renderers (``review.render``) print it, tests read its figures.

A section's builder writes prose as runs of text and :class:`Figure` values::

    Paragraph((fig(110, "universalization.states_parties", sources), " of them have become
    full States Parties."))

so "110" is never typed: it is the figure, with its key (tests compare figures by key),
its sources (footnotes / the annex) and how it was computed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from treaty_tracker.rules.dates import add_years
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.treaty import CCM, Treaty

if TYPE_CHECKING:  # a lazy translation, for the type checker only: no Django here
    from django.utils.functional import Promise

#: The longest period a review covers. CCM/CONF/2020/13 covered five years; twenty allows
#: a review of the Convention's whole life so far, and bounds the generator's work (each
#: section computes the record per year of the period).
MAX_REVIEW_YEARS = 20
#: How far past today a period may end: an edition is drafted ahead of the Review
#: Conference it is for, and Review Conferences are at least five years apart (Art. 12).
FUTURE_MARGIN_YEARS = 5


@dataclass(frozen=True)
class Period:
    """The review period, both days included (e.g. 2015-09-11 to 2020-09-28)."""

    start: date
    end: date


def check_period(
    start: date | None, end: date | None, *, today: date, treaty: Treaty = CCM
) -> list[Finding]:
    """The one rule for a review's period, asked by the page, the command and the edition
    form alike: within the Convention's life (not before its adoption, not after
    ``FUTURE_MARGIN_YEARS`` from ``today``), the start not after the end, at most
    ``MAX_REVIEW_YEARS`` long. A finding's ``field`` is ``start`` or ``end``; ``None``
    (a day the caller could not read) is not checked."""
    findings: list[Finding] = []
    earliest = treaty.adopted
    latest = add_years(today, FUTURE_MARGIN_YEARS)
    for name, day in (("start", start), ("end", end)):
        if day is not None and day < earliest:
            findings.append(
                _period_error(
                    "review.period_before_treaty",
                    name,
                    f"{day.isoformat()} is before {earliest.isoformat()}, when the "
                    f"{treaty.name} was adopted.",
                    day=day,
                    earliest=earliest,
                )
            )
        elif day is not None and day > latest:
            findings.append(
                _period_error(
                    "review.period_too_late",
                    name,
                    f"{day.isoformat()} is after {latest.isoformat()}, "
                    f"{FUTURE_MARGIN_YEARS} years from today.",
                    day=day,
                    latest=latest,
                )
            )
    if findings or start is None or end is None:
        return findings
    if start > end:
        findings.append(
            _period_error(
                "review.period_reversed",
                "end",
                f"The period ends on {end.isoformat()}, before it starts on {start.isoformat()}.",
                start=start,
                end=end,
            )
        )
    elif end >= add_years(start, MAX_REVIEW_YEARS):
        findings.append(
            _period_error(
                "review.period_too_long",
                "end",
                f"A review covers at most {MAX_REVIEW_YEARS} years: from {start.isoformat()}, "
                f"end before {add_years(start, MAX_REVIEW_YEARS).isoformat()}.",
                start=start,
                end=end,
                years=MAX_REVIEW_YEARS,
            )
        )
    return findings


def _period_error(code: str, name: str, message: str, **params: Any) -> Finding:
    return Finding(code, Severity.ERROR, message, params, field=name)


@dataclass(frozen=True)
class Figure:
    """A value in the prose: ``text`` as printed ("110", "93 per cent", "not known"),
    ``value`` for machines and tests (110, 93, ("BGR", "PER"), None when not known),
    ``key`` stable (``<section>.<name>``), ``sources`` the citations behind it, ``method``
    how it was computed (or "as the source states it")."""

    text: str
    value: Any
    key: str
    sources: tuple[str, ...] = ()
    method: str = ""


def fig(
    value: Any,
    key: str,
    sources: Sequence[str] = (),
    method: str = "",
    text: str | None = None,
) -> Figure:
    """A :class:`Figure`; ``text`` defaults to the value as printed (None: "not known")."""
    if text is None:
        text = "not known" if value is None else _printed(value)
    return Figure(text, value, key, tuple(dict.fromkeys(s for s in sources if s)), method)


def _printed(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}".removesuffix(".0")
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    return str(value)


Run = str | Figure


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the document (numbered across the whole document, like
    the original), made of text runs and figures; ``items`` are its lettered
    sub-paragraphs ((a), (b), …), each a tuple of runs."""

    runs: tuple[Run, ...]
    items: tuple[tuple[Run, ...], ...] = ()


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[Run, ...], ...]
    note: str = ""


@dataclass(frozen=True)
class Chart:
    """An SVG chart (HTML and PDF use it as it is; DOCX gets it as PNG)."""

    title: str
    description: str
    svg: str


Block = Paragraph | Table | Chart


@dataclass(frozen=True)
class Part:
    """A. Status and progress, B. Evaluation against the action plan, C. Challenges."""

    letter: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    number: str  # roman: "II"
    key: str  # "universalization"
    title: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Document:
    title: str
    symbol: str
    period: Period
    generated: date
    language: str
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default=())

    def figures(self) -> Iterator[Figure]:
        """Every figure, in reading order."""
        for section in self.sections:
            for part in section.parts:
                for block in part.blocks:
                    yield from _block_figures(block)

    def figure(self, key: str) -> Figure:
        """The figure with ``key`` (the first, if a section repeats it)."""
        for found in self.figures():
            if found.key == key:
                return found
        raise KeyError(key)


def _block_figures(block: Block) -> Iterator[Figure]:
    if isinstance(block, Paragraph):
        for runs in (block.runs, *block.items):
            yield from (r for r in runs if isinstance(r, Figure))
    elif isinstance(block, Table):
        for row in block.rows:
            yield from (c for c in row if isinstance(c, Figure))


@dataclass(frozen=True)
class SectionContent:
    """What a thematic app contributes to its section: the status-and-progress blocks
    (part A). The generator adds part B (the action plan's indicators for ``theme``) and
    part C (the staff's narrative for the edition)."""

    status: tuple[Block, ...]
    theme: str


@dataclass(frozen=True)
class ReviewSection:
    number: str
    key: str
    title: str | Promise
    build: Callable[[Period], SectionContent]
    # Sections I and IX have no "evaluation / challenges" parts in the original.
    thematic: bool = True
