"""Action-plan indicators as computations over the record (pure Python, no Django).

An indicator of an action plan (the Dubrovnik Action Plan, DAP 2015-2020; the Lausanne
Action Plan, LAP 2021-2026) names a **formula**: one of :data:`FORMULAS`, each a small
function from :class:`Inputs` (the results the other rules already compute: the engine's
:class:`~treaty_tracker.rules.results.Summary`, ``rules.compliance`` reporting figures,
``rules.stockpiles`` figures, ``rules.clearance`` movement, ``rules.victims`` status
figures, ``rules.measures`` category counts, ``rules.cooperation`` year figures) to a
:class:`Value`. Nothing is recomputed differently here: a formula only reads a figure those
modules give, so an indicator can never disagree with the thematic page it comes from.

A value carries the States behind it, the citations and how it was computed. When the
inputs it needs are not there, or the figure they give is not known, the value is
``None`` with a note ("data not available: ..."); an indicator without a formula (the LAP's,
whose definitions were not retrieved) says :data:`NOT_DEFINED`.

Status (:func:`status`) compares the value with the target as the indicator's
``comparison`` says: ``at_least`` / ``at_most`` a target value, ``all`` (every State the
figure is counted over, e.g. every State with Article 5 obligations), ``above_baseline``
(the plan asks for an increase), or ``none`` (no target in the retrieved sources: "not
known"). The trend is the value at the end of each calendar year of the plan's period
(:func:`trend_days`). The date is always an argument.

Finding codes (docs/indicators.md): ``indicator.formula_unknown``,
``indicator.target_missing``, ``indicator.baseline_missing``, ``indicator.percent_range``,
``indicator.target_before_baseline``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from treaty_tracker.rules import clearance, compliance, cooperation, measures, stockpiles, victims
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, error
from treaty_tracker.rules.results import ObligationStatus, Summary
from treaty_tracker.rules.results import Status as StateStatus

NOT_DEFINED = "indicator not defined in the retrieved sources"
NOT_AVAILABLE = "data not available"
NO_TARGET = "no target in the retrieved sources"

Number = int | float | Decimal


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    NOT_KNOWN = "not_known"


class Comparison(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ALL = "all"
    ABOVE_BASELINE = "above_baseline"
    NONE = "none"


class Unit(StrEnum):
    STATES = "states"
    PER_CENT = "per_cent"


@dataclass(frozen=True)
class Value:
    """An indicator's value on a date: ``value`` (None: not known, ``note`` says why),
    ``of`` the number it is counted over where there is one (e.g. 11 States with Article 5
    obligations), ``states`` the States behind it (ISO3), ``sources`` the citations,
    ``method`` how it was computed."""

    value: float | int | None
    states: tuple[str, ...] = ()
    of: int | None = None
    sources: tuple[str, ...] = ()
    method: str = ""
    note: str = ""


@dataclass(frozen=True)
class Inputs:
    """What the formulas read on ``as_of``: each part is ``None`` when it was not computed
    (a formula that needs it then says "data not available")."""

    as_of: date
    summary: Summary | None = None
    reporting: compliance.ReportingFigures | None = None
    stockpiles: stockpiles.Figures | None = None
    # The treaty's stockpile article ("3" in the CCM), for the obligations' citations.
    stockpile_article: str = "3"
    clearance: clearance.Movement | None = None
    # ISO3 -> citations of the surveys carried out by ``as_of`` (Art. 4(2)(a)).
    surveys: Mapping[str, tuple[str, ...]] | None = None
    victims: Sequence[victims.StatusFigure] | None = None
    measures: Sequence[measures.CategoryCount] | None = None
    cooperation: cooperation.YearCooperation | None = None


@dataclass(frozen=True)
class Formula:
    """A computation an indicator may name: ``needs`` lists the :class:`Inputs` fields it
    reads, so the adapter computes only those."""

    key: str
    label: str
    unit: Unit
    needs: tuple[str, ...]
    compute: Callable[[Inputs], Value]
    method: str


def _missing(what: str) -> Value:
    return Value(None, note=f"{NOT_AVAILABLE}: {what}")


def _sources(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in items if s))


def _rate(part: int, whole: int) -> float:
    return round(100 * part / whole, 1)


# -- universalization ----------------------------------------------------------------------


def states_parties(inputs: Inputs) -> Value:
    """DAP Action 1.1: the States Parties on the date (the engine's status: Art. 17)."""
    if inputs.summary is None:
        return _missing("the register was not computed")
    parties = [s for s in inputs.summary.states if s.status is StateStatus.STATE_PARTY]
    return Value(
        len(parties),
        states=tuple(sorted(s.iso3 for s in parties)),
        sources=_sources(c for s in parties for c in s.record.sources.get("consent", ())),
        method="States Parties on the date (ratification or accession in force, not "
        "withdrawn), from the register",
    )


# -- transparency (Art. 7) ------------------------------------------------------------------


def _reporting_rate(figures: compliance.Figures, which: str, label: str) -> Value:
    rate = figures.submitted_rate if which == "submitted" else figures.on_time_rate
    counted = figures.states.get(which, ())
    if figures.due == 0:
        return _missing(f"no {label} was due on the date")
    if rate is None:
        return Value(
            None,
            states=counted,
            of=figures.due,
            note=f"{NOT_AVAILABLE}: the record cannot tell for "
            f"{figures.not_known + figures.timeliness_not_known} of the {figures.due} "
            "States Parties due",
        )
    return Value(
        round(100 * rate, 1),
        states=counted,
        of=figures.due,
        method=f"{len(counted)} of {figures.due} {label}s due ({which.replace('_', ' ')}), "
        "from the reporting figures (rules.compliance)",
    )


def initial_reports_submitted(inputs: Inputs) -> Value:
    """DAP Action 6.1: initial reports (Art. 7(1)) submitted, per cent of those due."""
    if inputs.reporting is None:
        return _missing("the reporting figures were not computed")
    return _reporting_rate(inputs.reporting.initial, "submitted", "initial report")


def initial_reports_on_time(inputs: Inputs) -> Value:
    """DAP Action 6.1: initial reports submitted within 180 days, per cent of those due."""
    if inputs.reporting is None:
        return _missing("the reporting figures were not computed")
    return _reporting_rate(inputs.reporting.initial, "on_time", "initial report")


def annual_reports_submitted(inputs: Inputs) -> Value:
    """DAP Action 6.1: annual reports (Art. 7(2)) covering the last year whose report is
    due by the date, per cent of those due."""
    if inputs.reporting is None or not inputs.reporting.annual:
        return _missing("the reporting figures were not computed")
    year = inputs.reporting.annual[-1]
    return _reporting_rate(year.figures, "submitted", f"annual report covering {year.year}")


# -- stockpiles (Art. 3) --------------------------------------------------------------------


def _stockpile_value(inputs: Inputs, attribute: str, method: str) -> Value:
    if inputs.stockpiles is None:
        return _missing("the Article 3 figures were not computed")
    figures = inputs.stockpiles
    states: tuple[str, ...] = getattr(figures, attribute)
    obligations = inputs.summary.obligations(inputs.stockpile_article) if inputs.summary else []
    return Value(
        len(states),
        states=tuple(sorted(states)),
        of=len(figures.with_obligation),
        sources=_sources(c for o in obligations if o.state in states for c in o.sources),
        method=method + " (rules.stockpiles figures)",
    )


def article3_completed(inputs: Inputs) -> Value:
    return _stockpile_value(
        inputs, "completed", "States Parties with a confirmed Article 3 obligation, completed"
    )


def article3_overdue(inputs: Inputs) -> Value:
    return _stockpile_value(
        inputs, "overdue", "States Parties past their current Article 3 deadline, not completed"
    )


def article3_extended(inputs: Inputs) -> Value:
    return _stockpile_value(
        inputs, "extended", "States Parties with an Article 3 extension granted (Art. 3(3))"
    )


def article3_retaining(inputs: Inputs) -> Value:
    return _stockpile_value(
        inputs, "retaining", "States Parties retaining cluster munitions under Art. 3(6)"
    )


# -- clearance (Art. 4) ---------------------------------------------------------------------


def article4_completed(inputs: Inputs) -> Value:
    """States Parties that declared completion of Article 4 since the period's start."""
    movement = inputs.clearance
    if movement is None:
        return _missing("the Article 4 movement since the start of the period was not computed")
    return Value(
        len(movement.completed),
        states=movement.completed,
        of=len(movement.at_start),
        sources=_sources(c for s in movement.completed for c in movement.sources.get(s, ())),
        method=f"States Parties with Article 4 obligations on {movement.start} that completed "
        f"them by {movement.end} (rules.clearance.movement)",
    )


def article4_overdue(inputs: Inputs) -> Value:
    if inputs.summary is None:
        return _missing("the register was not computed")
    found = inputs.summary.obligations(clearance.ARTICLE)
    overdue = sorted(o.state for o in found if o.status is ObligationStatus.OVERDUE)
    return Value(
        len(overdue),
        states=tuple(overdue),
        of=len(found),
        sources=_sources(c for o in found if o.state in overdue for c in o.sources),
        method="States Parties past their current Article 4 deadline, not completed (register)",
    )


def article4_surveyed(inputs: Inputs) -> Value:
    if inputs.surveys is None:
        return _missing("the surveys were not read")
    if not inputs.surveys:
        return _missing("no survey on the record by the date")
    return Value(
        len(inputs.surveys),
        states=tuple(sorted(inputs.surveys)),
        sources=_sources(c for cites in inputs.surveys.values() for c in cites),
        method="States with a survey of contamination (Art. 4(2)(a)) on the record by the date",
    )


# -- victim assistance (Art. 5) ---------------------------------------------------------------


def _victims(key: str, label: str) -> Callable[[Inputs], Value]:
    def compute(inputs: Inputs) -> Value:
        if inputs.victims is None:
            return _missing("the Article 5 status figures were not computed")
        by_key = {f.key: f for f in inputs.victims}
        figure, base = by_key.get(key), by_key.get("states_with_obligations")
        if figure is None or figure.value is None:
            return _missing(f"nothing on the record for '{label}' on the date")
        return Value(
            figure.value,
            states=figure.states,
            of=base.value if base is not None else None,
            sources=_sources(
                [
                    *(figure.figure.sources if figure.figure else ()),
                    *(figure.listed.sources if figure.listed else ()),
                ]
            ),
            method=f"{label}: the Article 5 status figure '{key}' ({figure.basis}), "
            "rules.victims.status_figures",
            note=f"not known on this date for {', '.join(figure.uncertain)}"
            if figure.uncertain
            else "",
        )

    compute.__doc__ = f"Article 5: {label}."
    return compute


# -- cooperation (Art. 6) ---------------------------------------------------------------------


def _cooperation(which: str) -> Callable[[Inputs], Value]:
    def compute(inputs: Inputs) -> Value:
        figures = inputs.cooperation
        if figures is None:
            return _missing("the cooperation figures were not computed")
        if not figures.parties.reports:
            return _missing(f"no published Article 7 report covering {figures.year} on the record")
        states: tuple[str, ...] = getattr(figures.parties, which)
        return Value(
            len(states),
            states=states,
            of=len(figures.parties.reports),
            sources=tuple(f"report {s} {figures.year}, Form I" for s in states),
            method=f"States Parties {which} assistance in Form I of their published report "
            f"covering {figures.year}, of those with such a report (rules.cooperation)",
        )

    compute.__doc__ = f"Article 6: States Parties {which} assistance in their reports."
    return compute


# -- national implementation measures (Art. 9) -----------------------------------------------


def _measures(categories: tuple[str, ...], label: str) -> Callable[[Inputs], Value]:
    def compute(inputs: Inputs) -> Value:
        if inputs.measures is None or inputs.summary is None:
            return _missing("the Article 9 counts were not computed")
        parties = set(inputs.summary.states_parties)
        counted = [c for c in inputs.measures if c.category in categories]
        if not any(c.states for c in counted):
            return _missing("no Article 9 category on the record by the date")
        states = sorted({s for c in counted for s in c.states if s in parties})
        return Value(
            len(states),
            states=tuple(states),
            of=len(parties),
            sources=_sources(c for cat in counted if cat.stated for c in cat.stated.sources),
            method=f"States Parties whose latest Article 9 category is {label} "
            "(rules.measures.counts), of the States Parties on the date",
        )

    compute.__doc__ = f"Article 9: States Parties with {label}."
    return compute


def _formulas() -> dict[str, Formula]:
    per_cent, states = Unit.PER_CENT, Unit.STATES
    table: list[tuple[str, str, Unit, tuple[str, ...], Callable[[Inputs], Value]]] = [
        ("states_parties", "States Parties", states, ("summary",), states_parties),
        (
            "initial_reports_submitted",
            "Initial Article 7 reports submitted, per cent of those due",
            per_cent,
            ("reporting",),
            initial_reports_submitted,
        ),
        (
            "initial_reports_on_time",
            "Initial Article 7 reports submitted on time, per cent of those due",
            per_cent,
            ("reporting",),
            initial_reports_on_time,
        ),
        (
            "annual_reports_submitted",
            "Annual Article 7 reports submitted for the last year due, per cent",
            per_cent,
            ("reporting",),
            annual_reports_submitted,
        ),
        (
            "article3_completed",
            "States Parties that completed their Article 3 destruction",
            states,
            ("stockpiles", "summary"),
            article3_completed,
        ),
        (
            "article3_overdue",
            "States Parties past their Article 3 deadline",
            states,
            ("stockpiles", "summary"),
            article3_overdue,
        ),
        (
            "article3_extended",
            "States Parties that needed an Article 3 extension",
            states,
            ("stockpiles", "summary"),
            article3_extended,
        ),
        (
            "article3_retaining",
            "States Parties retaining cluster munitions (Art. 3(6))",
            states,
            ("stockpiles", "summary"),
            article3_retaining,
        ),
        (
            "article4_completed",
            "States Parties that completed Article 4 clearance in the period",
            states,
            ("clearance",),
            article4_completed,
        ),
        (
            "article4_overdue",
            "States Parties past their Article 4 deadline",
            states,
            ("summary",),
            article4_overdue,
        ),
        (
            "article4_surveyed",
            "States with a survey of contamination on the record",
            states,
            ("surveys",),
            article4_surveyed,
        ),
    ]
    for key, label in (
        ("national_focal_points", "focal point designated"),
        ("national_plans_or_authority", "national plan or national authority"),
        ("crpd_parties", "party to the CRPD"),
        ("sex_age_disaggregated_data", "data disaggregated by sex and age"),
        ("survivors_involved", "survivors involved in coordination"),
        ("reported_resource_mobilization", "reported mobilising resources"),
        ("requested_assistance_2016_2020", "requested international assistance"),
    ):
        table.append(
            (
                f"va_{key}",
                f"States with Article 5 obligations: {label}",
                states,
                ("victims",),
                _victims(key, label),
            )
        )
    for which in ("requesting", "providing"):
        table.append(
            (
                f"cooperation_{which}",
                f"States Parties {which} assistance in their reports",
                states,
                ("cooperation",),
                _cooperation(which),
            )
        )
    table += [
        (
            "measures_in_compliance",
            "States Parties with specific legislation or existing law deemed sufficient",
            states,
            ("summary", "measures"),
            _measures(
                ("specific_law", "existing_law_sufficient"),
                "specific legislation or existing law deemed sufficient",
            ),
        ),
        (
            "measures_specific_law",
            "States Parties with specific legislation",
            states,
            ("summary", "measures"),
            _measures(("specific_law",), "specific legislation"),
        ),
    ]
    return {
        key: Formula(key, label, unit, needs, compute, (compute.__doc__ or "").strip())
        for key, label, unit, needs, compute in table
    }


#: Every computation an indicator may name, by key.
FORMULAS: dict[str, Formula] = _formulas()


def compute(formula: str, inputs: Inputs) -> Value:
    """The formula's value for ``inputs`` (an empty or unknown formula: not defined)."""
    if formula not in FORMULAS:
        return Value(None, note=NOT_DEFINED)
    return FORMULAS[formula].compute(inputs)


def needs(formulas: Iterable[str]) -> frozenset[str]:
    """The :class:`Inputs` fields the formulas read."""
    return frozenset(n for f in formulas if f in FORMULAS for n in FORMULAS[f].needs)


# -- status and trend -------------------------------------------------------------------------


def status(
    value: Value,
    comparison: Comparison,
    target: Number | None = None,
    baseline: Number | None = None,
) -> Status:
    """Met, not met or not known, as ``comparison`` says (see the module's docstring)."""
    if value.value is None:
        return Status.NOT_KNOWN
    current = Decimal(str(value.value))
    match comparison:
        case Comparison.AT_LEAST | Comparison.AT_MOST if target is not None:
            goal = Decimal(str(target))
            met = current >= goal if comparison is Comparison.AT_LEAST else current <= goal
        case Comparison.ALL if value.of is not None:
            met = current >= value.of
        case Comparison.ABOVE_BASELINE if baseline is not None:
            met = current > Decimal(str(baseline))
        case _:
            return Status.NOT_KNOWN
    return Status.MET if met else Status.NOT_MET


def trend_days(start: date, end: date, as_of: date) -> tuple[date, ...]:
    """The end of each calendar year of the period ``start``..``end`` up to ``as_of``, and
    the last day counted (``end`` or ``as_of``, whichever comes first) if it is not a year
    end itself."""
    last = min(end, as_of)
    if last < start:
        return ()
    days = [date(y, 12, 31) for y in range(start.year, last.year + 1) if date(y, 12, 31) <= last]
    if not days or days[-1] != last:
        days.append(last)
    return tuple(d for d in days if d >= start)


def period_days(start: FuzzyDate | None, end: FuzzyDate | None) -> tuple[date, date] | None:
    """A plan's period as days: from the earliest its start may be to the latest its end
    may be; ``None`` when either is not known."""
    if start is None or end is None or start.earliest is None or end.latest is None:
        return None
    return start.earliest, end.latest


# -- checks (the Indicator model's clean()) ---------------------------------------------------


def check_indicator(
    *,
    formula: str,
    comparison: str,
    unit: str,
    baseline_value: Number | None,
    target_value: Number | None,
    baseline_date: FuzzyDate | None,
    target_date: FuzzyDate | None,
) -> list[Finding]:
    """Every problem with an indicator's definition at once, each naming its field."""
    found: list[Finding] = []
    if formula and formula not in FORMULAS:
        found.append(
            error(
                "indicator.formula_unknown",
                "formula",
                f"'{formula}' is not a known computation (one of: {', '.join(FORMULAS)}).",
                formula=formula,
            )
        )
    if comparison in (Comparison.AT_LEAST, Comparison.AT_MOST) and target_value is None:
        found.append(
            error(
                "indicator.target_missing",
                "target_value",
                "A target value is needed to compare with 'at least' or 'at most'.",
            )
        )
    if comparison == Comparison.ABOVE_BASELINE and baseline_value is None:
        found.append(
            error(
                "indicator.baseline_missing",
                "baseline_value",
                "A baseline value is needed to compare with the baseline.",
            )
        )
    if unit == Unit.PER_CENT:
        for name, number in (("baseline_value", baseline_value), ("target_value", target_value)):
            if number is not None and not 0 <= number <= 100:
                found.append(
                    error(
                        "indicator.percent_range",
                        name,
                        "A percentage lies between 0 and 100.",
                        value=str(number),
                    )
                )
    if (
        baseline_date is not None
        and target_date is not None
        and baseline_date.earliest is not None
        and target_date.latest is not None
        and target_date.latest < baseline_date.earliest
    ):
        found.append(
            error(
                "indicator.target_before_baseline",
                "target_date",
                "The target date is before the baseline date.",
            )
        )
    return found
