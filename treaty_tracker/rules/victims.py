"""Article 5 (victim assistance) as plain data: casualty figures and their checks, each
State's profile facts over time, and the status figures of CCM/CONF/2020/13 paras 66-71.

No Django here: the ``victims`` app builds these records from its models and calls
:func:`check_casualties` from ``clean()``, so staff entry, the loader and the API share
one rule. Dates are ``FuzzyDate``; "not known" parts are kept apart from parts not given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.reporting.content import ReportView

Sources = tuple[str, ...]


# -- casualties ---------------------------------------------------------------------------


class Outcome(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    NOT_KNOWN = "not_known"


#: Each way a casualty count may be split (Art. 5(1): "age- and gender-sensitive"; the
#: review's civilian/military status), with its parts; the last part of each is "stated as
#: not known", which is not the same as a part left blank ("not given").
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male", "sex_unknown"),
    "age": ("child", "adult", "age_unknown"),
    "status": ("civilian", "military", "status_unknown"),
}


@dataclass(frozen=True)
class CasualtyRecord:
    """People killed or injured in one State in one calendar year, as one source gives
    them. ``total`` is None when the source gives no total; each part is None when the
    source does not give it."""

    state: str
    year: int
    outcome: Outcome
    total: int | None
    parts: Mapping[str, int | None] = field(default_factory=dict)
    sources: Sources = ()

    def part(self, name: str) -> int | None:
        return self.parts.get(name)


def check_casualties(total: int | None, parts: Mapping[str, int | None]) -> list[Finding]:
    """Every problem with one casualty count at once, each naming its field.

    - ``casualties.negative``: a count below zero;
    - ``casualties.parts_exceed_total``: the parts of one dimension add up to more than
      the total;
    - ``casualties.parts_do_not_add_up``: every part of a dimension is given (including
      "not known") but they do not add up to the total.
    """
    findings: list[Finding] = []
    named = {"total": total, **parts}
    for name, value in named.items():
        if value is not None and value < 0:
            findings.append(
                Finding(
                    "casualties.negative",
                    Severity.ERROR,
                    "A number of people cannot be negative.",
                    {"value": value},
                    field=name,
                )
            )
    if findings or total is None:
        return findings
    for dimension, names in DIMENSIONS.items():
        given = [parts.get(n) for n in names]
        counted = sum(v for v in given if v is not None)
        if counted > total:
            findings.append(
                Finding(
                    "casualties.parts_exceed_total",
                    Severity.ERROR,
                    f"The parts by {dimension} add up to {counted}, more than the total "
                    f"of {total}.",
                    {"dimension": dimension, "parts": counted, "total": total},
                    field=names[0],
                )
            )
        elif all(v is not None for v in given) and counted != total:
            findings.append(
                Finding(
                    "casualties.parts_do_not_add_up",
                    Severity.ERROR,
                    f"Every part by {dimension} is given, but they add up to {counted}, "
                    f"not the total of {total}.",
                    {"dimension": dimension, "parts": counted, "total": total},
                    field=names[0],
                )
            )
    return findings


@dataclass(frozen=True)
class Breakdown:
    """One dimension of a year's total: each part given, and what no part covers.

    ``not_disaggregated`` is the total less the parts given (people the source counts but
    does not split); ``None`` when no total is known. A part "stated as not known"
    (``sex_unknown``...) is a part, kept apart from ``not_disaggregated``.
    """

    parts: dict[str, int]
    not_disaggregated: int | None


@dataclass(frozen=True)
class YearCasualties:
    """The casualties of one calendar year over the States given."""

    year: int
    killed: int
    injured: int
    outcome_not_known: int
    # States with a record for the year whose total is not known (their parts still count
    # in the breakdowns; the totals above are then lower bounds).
    totals_not_known: tuple[str, ...]
    states: tuple[str, ...]
    breakdowns: dict[str, Breakdown]
    sources: Sources

    @property
    def total(self) -> int:
        return self.killed + self.injured + self.outcome_not_known


def casualties_by_year(
    records: Iterable[CasualtyRecord], states: Iterable[str] | None = None
) -> list[YearCasualties]:
    """Per calendar year (oldest first), casualties added up over ``states`` (all when
    None): killed, injured, outcome not known, and each dimension's parts."""
    wanted = None if states is None else set(states)
    by_year: dict[int, list[CasualtyRecord]] = {}
    for record in records:
        if wanted is None or record.state in wanted:
            by_year.setdefault(record.year, []).append(record)
    years: list[YearCasualties] = []
    for year in sorted(by_year):
        rows = by_year[year]
        sums = {o: sum(r.total or 0 for r in rows if r.outcome is o) for o in Outcome}
        breakdowns: dict[str, Breakdown] = {}
        unknown_total = any(r.total is None for r in rows)
        for dimension, names in DIMENSIONS.items():
            parts = {n: sum(r.part(n) or 0 for r in rows) for n in names}
            rest = None
            if not unknown_total:
                rest = sum((r.total or 0) - sum(r.part(n) or 0 for n in names) for r in rows)
            breakdowns[dimension] = Breakdown(parts, rest)
        years.append(
            YearCasualties(
                year=year,
                killed=sums[Outcome.KILLED],
                injured=sums[Outcome.INJURED],
                outcome_not_known=sums[Outcome.NOT_KNOWN],
                totals_not_known=tuple(sorted({r.state for r in rows if r.total is None})),
                states=tuple(sorted({r.state for r in rows})),
                breakdowns=breakdowns,
                sources=tuple(dict.fromkeys(s for r in rows for s in r.sources)),
            )
        )
    return years


# -- a State's profile facts over time ---------------------------------------------------


@dataclass(frozen=True)
class DatedFact:
    """One profile fact of a State (a focal point, a plan, CRPD status, data collection,
    survivors' involvement, a service) that holds from ``since``.

    ``value`` is the fact's code (e.g. ``party``, ``va_action_plan``), ``detail`` its
    words (the entity, the title); ``since`` is when it is known to hold from.
    """

    state: str
    kind: str  # focal_point, plan, crpd, data_collection, involvement, service
    value: str
    since: FuzzyDate
    detail: str = ""
    sources: Sources = ()


def holds(fact: DatedFact, as_of: date) -> bool:
    """Whether the fact certainly holds on ``as_of`` (a date that may be later is not
    counted: unknown stays unknown)."""
    return fact.since.on_or_before(as_of) is True


def latest(facts: Iterable[DatedFact], as_of: date) -> dict[tuple[str, str], DatedFact]:
    """(State, kind) -> the most recent fact holding on ``as_of``. Among facts of one
    kind the one with the latest ``since`` wins (a later status replaces an earlier one);
    facts whose date is not known at all come first, so any dated fact replaces them."""
    chosen: dict[tuple[str, str], DatedFact] = {}
    for fact in sorted(facts, key=lambda f: _order(f.since)):
        if holds(fact, as_of):
            chosen[(fact.state, fact.kind)] = fact
    return chosen


def _order(day: FuzzyDate) -> tuple[date, date]:
    return (day.latest or date.min, day.earliest or date.min)


# -- the status figures of paras 66-71 ---------------------------------------------------


@dataclass(frozen=True)
class SourcedFigure:
    """A total a source states (a ``Figure``), as the engine sees it."""

    key: str
    value: Decimal
    as_of: FuzzyDate
    label: str
    sources: Sources


@dataclass(frozen=True)
class SourcedList:
    """A list of States a source names (a ``StateList``)."""

    key: str
    states: tuple[str, ...]
    as_of: FuzzyDate
    label: str
    sources: Sources


@dataclass(frozen=True)
class StatusFigure:
    """One line of the Article 5 status: what the per-State facts give (``computed``,
    None when no per-State fact of the kind is loaded), and what the sources state
    (``figure``, ``listed``) for the date, each labelled for what it is."""

    key: str
    label: str
    computed: tuple[str, ...] | None
    figure: SourcedFigure | None
    listed: SourcedList | None
    # States whose fact may or may not hold on the date (e.g. designated "by 2020-09-28",
    # asked about 2019): neither counted nor left out, but said.
    uncertain: tuple[str, ...] = ()

    @property
    def basis(self) -> str:
        """``computed``, ``sourced_list``, ``sourced_figure`` or ``none``: where the
        figure shown comes from."""
        if self.computed is not None:
            return "computed"
        if self.listed is not None:
            return "sourced_list"
        if self.figure is not None:
            return "sourced_figure"
        return "none"

    @property
    def value(self) -> int | None:
        """The number shown: the computed count, else the sourced list's length, else the
        sourced figure; None when the record holds nothing for the date."""
        if self.computed is not None:
            return len(self.computed)
        if self.listed is not None:
            return len(self.listed.states)
        if self.figure is not None:
            return int(self.figure.value)
        return None

    @property
    def states(self) -> tuple[str, ...]:
        if self.computed is not None:
            return self.computed
        return self.listed.states if self.listed is not None else ()

    @property
    def differs(self) -> bool:
        """Whether the figure the source states differs from the number shown."""
        return self.figure is not None and self.value != int(self.figure.value)


def current(
    items: Iterable[SourcedFigure | SourcedList], as_of: date
) -> SourcedFigure | SourcedList | None:
    """The most recent sourced figure or list of one key stated on or before ``as_of``."""
    known = [i for i in items if i.as_of.on_or_before(as_of) is True]
    return max(known, key=lambda i: _order(i.as_of), default=None)


@dataclass(frozen=True)
class FigureSpec:
    """One line of the status: its key (the ``article5.<key>`` of the sourced figures and
    lists), its label, and which per-State facts count for it (kind, values), if any."""

    key: str
    label: str
    kind: str = ""
    values: tuple[str, ...] = ()


def status_figures(
    specs: Sequence[FigureSpec],
    *,
    obligated: Sequence[str],
    facts: Iterable[DatedFact],
    figures: Iterable[SourcedFigure],
    lists: Iterable[SourcedList],
    as_of: date,
) -> list[StatusFigure]:
    """Each line of ``specs`` for ``as_of``: counted from the per-State facts of the
    States with Article 5 obligations (``obligated``, from the register) where facts of
    that kind are loaded, beside the sourced figure and list of the same key.

    The States with obligations themselves are ``key == "states_with_obligations"``.
    """
    facts = list(facts)
    now = latest(facts, as_of)
    maybe: dict[tuple[str, str], set[str]] = {}
    for f in facts:
        if f.since.on_or_before(as_of) is None and (f.state, f.kind) not in now:
            maybe.setdefault((f.state, f.kind), set()).add(f.value)
    loaded = {f.kind for f in facts}
    figure_by_key: dict[str, list[SourcedFigure]] = {}
    for fig in figures:
        figure_by_key.setdefault(fig.key, []).append(fig)
    list_by_key: dict[str, list[SourcedList]] = {}
    for lst in lists:
        list_by_key.setdefault(lst.key, []).append(lst)
    result = []
    for spec in specs:
        computed: tuple[str, ...] | None = None
        uncertain: tuple[str, ...] = ()
        if spec.key == "states_with_obligations":
            computed = tuple(obligated)
        elif spec.kind and spec.kind in loaded:
            computed = tuple(
                s
                for s in obligated
                if (fact := now.get((s, spec.kind))) is not None
                and (not spec.values or fact.value in spec.values)
            )
            uncertain = tuple(
                s
                for s in obligated
                if (s, spec.kind) in maybe
                and (not spec.values or maybe[(s, spec.kind)] & set(spec.values))
            )
        figure = current(figure_by_key.get(spec.key, ()), as_of)
        listed = current(list_by_key.get(spec.key, ()), as_of)
        result.append(
            StatusFigure(
                key=spec.key,
                label=spec.label,
                computed=computed,
                figure=figure if isinstance(figure, SourcedFigure) else None,
                listed=listed if isinstance(listed, SourcedList) else None,
                uncertain=uncertain,
            )
        )
    return result


# -- Form H of Article 7 reports ----------------------------------------------------------

#: Form H's fields with casualties of the period, and the outcome each counts.
FORM_H_OUTCOMES = {"killed": Outcome.KILLED, "injured": Outcome.INJURED}
#: Form H's dimension keys (sex -> age -> role, ``rules/reporting/forms/ccm-2010.yaml``)
#: and the part each value is.
FORM_H_PARTS: dict[str, dict[str, str]] = {
    "sex": {"female": "female", "male": "male", "unknown": "sex_unknown"},
    "age": {"child": "child", "adult": "adult", "unknown": "age_unknown"},
    "status": {"civilian": "civilian", "military": "military", "unknown": "status_unknown"},
}


def _sum(node: object) -> int:
    if isinstance(node, bool):
        return 0
    if isinstance(node, int):
        return node
    if isinstance(node, Mapping):
        return sum(_sum(v) for v in node.values())
    return 0


def _marginals(by: Mapping[str, object]) -> dict[str, int | None]:
    """The parts by sex, age and status of Form H's nested ``by`` (sex -> age -> role);
    a part is None where the report does not give it."""
    parts: dict[str, int] = {}

    def add(name: str, value: int) -> None:
        parts[name] = parts.get(name, 0) + value

    for sex, ages in by.items():
        if sex in FORM_H_PARTS["sex"]:
            add(FORM_H_PARTS["sex"][sex], _sum(ages))
        if not isinstance(ages, Mapping):
            continue
        for age, roles in ages.items():
            if age in FORM_H_PARTS["age"]:
                add(FORM_H_PARTS["age"][age], _sum(roles))
            if not isinstance(roles, Mapping):
                continue
            for role, count in roles.items():
                if role in FORM_H_PARTS["status"]:
                    add(FORM_H_PARTS["status"][role], _sum(count))
    return dict(parts)


def form_h_casualties(
    state: str, year: int, content: Mapping[str, object], citation: str
) -> list[CasualtyRecord]:
    """The people killed and injured in ``year`` as one report's Form H gives them.

    Killed and injured count what happened during the period, so under FormView's status
    rule only a Form H marked ``changed`` gives them: one marked ``unchanged`` repeats an
    earlier report's figures, which are not this year's casualties; ``not_applicable`` has
    none.
    """
    data = ReportView(content).form("H").figures(during_period=True)
    records = []
    for key, outcome in FORM_H_OUTCOMES.items():
        value = data.get(key)
        if not isinstance(value, Mapping):
            continue
        total = value.get("total")
        by = value.get("by")
        records.append(
            CasualtyRecord(
                state=state,
                year=year,
                outcome=outcome,
                total=total if isinstance(total, int) and not isinstance(total, bool) else None,
                parts=_marginals(by) if isinstance(by, Mapping) else {},
                sources=(citation,),
            )
        )
    return records
