"""Helpers every section's prose uses: dates and lists of States in words, figures of
States, sourced figures that apply on a date, extension requests in a period. Shared by the
sections' ``review.py`` modules (section III, IV, V, VI, VIII)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from treaty_tracker.rules import FuzzyDate, Status, Summary
from treaty_tracker.rules.records import Decision
from treaty_tracker.sources.models import Figure as SourcedFigure
from treaty_tracker.sources.models import StateList
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.document import Figure, Period, fig

AS_THE_SOURCE_STATES_IT = "as the source states it"


# -- words, figures of States, sourced figures, extensions ---------------------------------


def plain_date(value: FuzzyDate | date | None) -> str:
    """A date as precisely as the record knows it, in words ("1 August 2025", "March
    2019", "2019", "by 28 September 2020"); "not known" when it is not."""
    if value is None:
        return gettext("not known")
    if isinstance(value, date):
        return date_format(value, "j F Y")
    lo, hi = value.earliest, value.latest
    match value.precision:
        case "day" if lo is not None:
            return date_format(lo, "j F Y")
        case "month" if lo is not None:
            return date_format(lo, "F Y")
        case "year" if lo is not None:
            return str(lo.year)
        case "by" if hi is not None:
            return gettext("by %(date)s") % {"date": date_format(hi, "j F Y")}
        case "after" if lo is not None:
            return gettext("on or after %(date)s") % {"date": date_format(lo, "j F Y")}
        case "range" if lo is not None and hi is not None:
            return gettext("between %(start)s and %(end)s") % {
                "start": date_format(lo, "j F Y"),
                "end": date_format(hi, "j F Y"),
            }
    return gettext("not known")


def state_list(codes: Iterable[str], name: Callable[[str], str]) -> tuple[tuple[str, ...], str]:
    """ISO3 codes ordered by name, and the names in words ("A, B and C"; "none")."""
    ordered = tuple(sorted(dict.fromkeys(codes), key=name))
    names = [name(code) for code in ordered]
    if not names:
        return ordered, gettext("none")
    if len(names) == 1:
        return ordered, names[0]
    return ordered, gettext("%(list)s and %(last)s") % {
        "list": ", ".join(names[:-1]),
        "last": names[-1],
    }


def states_fig(
    codes: Iterable[str],
    key: str,
    name: Callable[[str], str],
    sources: Sequence[str],
    method: str,
) -> Figure:
    """A list of States as a figure: the value the ISO3 codes, the text their names."""
    ordered, words = state_list(codes, name)
    return fig(ordered, key, sources, method, text=words)


def namer(summary: Summary) -> Callable[[str], str]:
    by_iso = {s.iso3: s.name for s in summary.states}
    return lambda code: by_iso.get(code, code)


def sourced_sources(figure: SourcedFigure | StateList) -> tuple[str, ...]:
    return (figure.citation,)


def sourced_method(figure: SourcedFigure | StateList) -> str:
    return f"{AS_THE_SOURCE_STATES_IT}: {figure.label} (as of {figure.as_of.iso()})"


def number(value: Decimal) -> int | float:
    """A sourced figure's value as printed: whole numbers without decimals."""
    return int(value) if value == value.to_integral_value() else float(value)


def contains(value: FuzzyDate, day: date) -> bool:
    """The (fuzzy) date certainly covers ``day``: "2015" covers 11 September 2015."""
    return (
        value.earliest is not None
        and value.latest is not None
        and value.earliest <= day <= value.latest
    )


def within(value: FuzzyDate, period: Period) -> bool:
    """The (fuzzy) date lies wholly within the period."""
    return (
        value.earliest is not None
        and value.latest is not None
        and period.start <= value.earliest
        and value.latest <= period.end
    )


def sourced_at(figures: Sequence[SourcedFigure], key: str, day: date) -> SourcedFigure | None:
    """The sourced figure of ``key`` referring to ``day`` (the most precise one)."""
    found = [f for f in figures if f.key == key and contains(f.as_of, day)]
    return min(found, key=_span, default=None)


def sourced_during(
    figures: Sequence[SourcedFigure], key: str, period: Period
) -> SourcedFigure | None:
    """The sourced figure of ``key`` about (a part of) the period."""
    found = [f for f in figures if f.key == key and within(f.as_of, period)]
    return max(found, key=_span, default=None)


def _span(figure: SourcedFigure | StateList) -> int:
    lo, hi = figure.as_of.earliest, figure.as_of.latest
    assert lo is not None and hi is not None
    return (hi - lo).days


def list_at(lists: Sequence[StateList], key: str, day: date) -> StateList | None:
    found = [item for item in lists if item.key == key and contains(item.as_of, day)]
    return min(found, key=_span, default=None)


@dataclass(frozen=True)
class Extension:
    """An extension request under ``article`` that belongs to the period: submitted or
    decided within it. ``granted`` / ``refused`` / ``pending``: as things stood on the
    period's last day (a decision taken later leaves it pending then)."""

    state: str
    meeting: str
    months_requested: int | None
    submitted: FuzzyDate
    decision: Decision
    months_granted: int | None
    decided: FuzzyDate
    deadline_after: FuzzyDate | None  # the engine's, once granted
    sources: tuple[str, ...]

    @property
    def pending(self) -> bool:
        return self.decision is Decision.PENDING

    @property
    def granted(self) -> bool:
        return self.decision is Decision.GRANTED


def extensions_in_period(article: str, period: Period) -> list[Extension]:
    """Every extension request of an ``article`` obligation (the register's records, built
    from ``obligations.ExtensionRequest`` / ``ExtensionDecision``; drafts are not requests)
    that was submitted or decided within the period; its outcome as of the period's end."""
    end = register().summary(period.end)
    found = []
    for state in end.states:
        if state.status is not Status.STATE_PARTY:
            continue
        result = state.obligation(article)
        record = next((o for o in state.record.obligations if o.article == article), None)
        if result is None or record is None:
            continue
        outcomes = {e.meeting: e for e in result.extensions}
        for request in record.extensions:
            if not _in_period(request.submitted, request.decided, request.meeting_opens, period):
                continue
            decided_by_end = request.decided.on_or_before(period.end) is True
            outcome = outcomes.get(request.meeting)
            decision = request.decision if decided_by_end else Decision.PENDING
            found.append(
                Extension(
                    state=state.iso3,
                    meeting=request.meeting,
                    months_requested=request.months_requested,
                    submitted=request.submitted,
                    decision=decision,
                    months_granted=request.months_granted if decided_by_end else None,
                    decided=request.decided if decided_by_end else FuzzyDate(),
                    deadline_after=(
                        outcome.deadline_after
                        if outcome is not None and decision is Decision.GRANTED
                        else None
                    ),
                    sources=tuple(request.sources),
                )
            )
    return found


def _in_period(
    submitted: FuzzyDate, decided: FuzzyDate, meeting_opens: FuzzyDate, period: Period
) -> bool:
    """Submitted or decided within the period. A request whose submission is known only
    to be before the period's end counts if the meeting it is for opens after the start."""
    if within(decided, period) or within(submitted, period):
        return True
    if submitted.on_or_before(period.end) is not True:
        return False
    if submitted.earliest is not None:
        return submitted.latest is not None and submitted.latest >= period.start
    return meeting_opens.earliest is not None and meeting_opens.earliest > period.start


def months(value: int | None) -> str:
    if value is None:
        return gettext("not known")
    return gettext("%(count)s months") % {"count": value}


# -- what a source states on a day -------------------------------------------------------


def joined(names: Sequence[str]) -> str:
    """ "A, B and C" (translated "and")."""
    if not names:
        return str(_("none"))
    if len(names) == 1:
        return names[0]
    return str(_("%(list)s and %(last)s") % {"list": ", ".join(names[:-1]), "last": names[-1]})


def states_named(
    states: Iterable[str] | None,
    key: str,
    names: dict[str, str],
    sources: Iterable[str] = (),
    method: str = "",
) -> Figure:
    """A list of States as a figure: ISO3 codes for machines, names in the prose."""
    if states is None:
        return fig(None, key, tuple(sources), method)
    codes = tuple(states)
    printed = joined(sorted(names.get(s, s) for s in codes))
    return fig(codes, key, tuple(sources), method, text=printed)


def overlaps(day: FuzzyDate, period: Period) -> bool:
    """Whether a date may fall in the period (a source's figure for 2015 speaks of a
    period starting in September 2015; one of 2020-09-28 does not speak of 2021-2026)."""
    return (day.latest is None or day.latest >= period.start) and (
        day.earliest is None or day.earliest <= period.end
    )


def _contains(day: FuzzyDate, on: date) -> bool:
    return (day.earliest is None or day.earliest <= on) and (day.latest is None or day.latest >= on)


def _order(day: FuzzyDate) -> tuple[date, date]:
    return (day.latest or date.min, day.earliest or date.min)


class _Dated(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def as_of(self) -> FuzzyDate: ...


Stated = TypeVar("Stated", bound=_Dated)


def stated_on(items: Iterable[Stated], key: str, on: date, period: Period) -> Stated | None:
    """What a source states for ``key`` on the day ``on``: one whose date may be that day
    (the narrowest), else the most recent certainly before it; only one that speaks of
    the period at all."""
    mine = [i for i in items if i.key == key and overlaps(i.as_of, period)]
    containing = [i for i in mine if _contains(i.as_of, on)]
    if containing:
        return min(
            containing, key=lambda i: (i.as_of.latest or date.max) - (i.as_of.earliest or date.min)
        )
    before = [i for i in mine if i.as_of.on_or_before(on) is True]
    return max(before, key=lambda i: _order(i.as_of), default=None)


def _int(value: Decimal) -> int:
    return int(value)
