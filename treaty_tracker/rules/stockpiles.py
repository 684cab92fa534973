"""Article 3: stockpile destruction and retention, as plain Python (no Django).

The facts come in as frozen dataclasses (declared stockpiles, destruction, retention);
out come each State's progress (declared, destroyed, remaining, share destroyed, by
category), the checks a write must pass (destroyed never more than declared), and the
figures of CCM/CONF/2020/13 paras 28-31 computed from the record.

Quantities are counts of items. A source that rounds ("2.8 million") or bounds ("over
95 per cent") gives an :class:`Amount` with that :class:`Qualifier`; a sum or difference
is exact only when every term is, so a rounded figure never turns into an exact one.

The date is always an argument; a calendar year's figures count once the year is over
(an annual Article 7 report covers the previous calendar year, Art. 7(2)).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from treaty_tracker.rules.checks import RECORD_YEARS, check_year
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.records import Basis, Sources
from treaty_tracker.rules.reporting.content import FormView, ReportView
from treaty_tracker.rules.results import ObligationResult, ObligationStatus

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


# -- the facts ---------------------------------------------------------------------------


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


# -- what counts on a date ---------------------------------------------------------------


def year_over(year: int, as_of: date | None) -> bool:
    """A calendar year's figures count once the year is over (``as_of`` None: always)."""
    return as_of is None or date(year, 12, 31) <= as_of


def counts_on(destruction: Destruction, as_of: date | None) -> bool:
    """Whether a destruction figure counts on ``as_of``: its year is over, or its total is
    dated on or before it."""
    if destruction.year is not None:
        return year_over(destruction.year, as_of)
    if destruction.through is None:
        return False
    return as_of is None or destruction.through.on_or_before(as_of) is True


def declared(
    declarations: Iterable[Declaration], category: Category, as_of: date | None = None
) -> Amount | None:
    """Art. 3(4)(d): the stockpile held at entry into force plus any discovered later, of
    one category, counting declarations dated on or before ``as_of`` (None: all). None when
    nothing is declared or a declared quantity is not known."""
    rows = [
        d
        for d in declarations
        if d.category is category
        and (as_of is None or not d.as_of.is_known or d.as_of.on_or_before(as_of) is True)
    ]
    if not rows or any(d.amount is None for d in rows):
        return None
    return total(d.amount for d in rows)


def destroyed(
    destructions: Iterable[Destruction], category: Category, as_of: date | None = None
) -> Amount | None:
    """Art. 3(4)(e), 7(1)(e): destroyed to date, of one category.

    The latest programme total (``through`` on or before the date) counts with the
    yearly figures of the years after the one it falls in; without a total, the yearly
    figures are added up. A year whose quantity is not known makes the result not known.
    """
    rows = [d for d in destructions if d.category is category and counts_on(d, as_of)]
    totals = [d for d in rows if d.year is None and d.through is not None]
    yearly = [d for d in rows if d.year is not None]
    base: Amount | None = None
    after = FIRST_YEAR - 1
    if totals:
        latest = max(totals, key=lambda d: _latest_day(d.through))
        if latest.amount is None:
            return None
        base = latest.amount
        after = _latest_day(latest.through).year
    counted = [d for d in yearly if d.year is not None and d.year > after]
    if any(d.amount is None for d in counted):
        return None
    return total([base, *(d.amount for d in counted)])


def _latest_day(when: FuzzyDate | None) -> date:
    if when is None:
        return date.min
    return when.latest or when.earliest or date.min


# -- progress per State ------------------------------------------------------------------


@dataclass(frozen=True)
class CategoryProgress:
    category: Category
    declared: Amount | None
    destroyed: Amount | None
    remaining: Amount | None
    share_destroyed: float | None  # 0..1 of the declared stockpile; None: not known


@dataclass(frozen=True)
class StateProgress:
    """Art. 3(4)(d)-(f): a State's declared, destroyed and remaining stockpile."""

    state: str
    as_of: date | None
    categories: tuple[CategoryProgress, ...]
    discovered: bool  # declared stockpiles discovered after entry into force

    def category(self, category: Category) -> CategoryProgress | None:
        return next((c for c in self.categories if c.category is category), None)

    @property
    def has_data(self) -> bool:
        return bool(self.categories)


def progress(
    state: str,
    declarations: Sequence[Declaration],
    destructions: Sequence[Destruction],
    as_of: date | None = None,
) -> StateProgress:
    """One State's progress on ``as_of``, for each category it declared or destroyed."""
    used = {d.category for d in declarations} | {d.category for d in destructions}
    categories = []
    for category in Category:
        if category not in used:
            continue
        held = declared(declarations, category, as_of)
        gone = destroyed(destructions, category, as_of)
        # Nothing destroyed on the record is "not known", never "none destroyed".
        remaining = held.minus(gone) if held is not None and gone is not None else None
        share = None
        if held is not None and held.value > 0 and gone is not None:
            share = gone.value / held.value
        categories.append(CategoryProgress(category, held, gone, remaining, share))
    return StateProgress(
        state=state,
        as_of=as_of,
        categories=tuple(categories),
        discovered=any(
            d.origin is Origin.DISCOVERED and (as_of is None or d.as_of.on_or_before(as_of) is True)
            for d in declarations
        ),
    )


@dataclass(frozen=True)
class YearTotal:
    """Destruction in one calendar year, added up over the States that report it."""

    year: int
    munitions: Amount | None
    submunitions: Amount | None
    states: tuple[str, ...]


def yearly_totals(
    destructions: Mapping[str, Sequence[Destruction]], as_of: date | None = None
) -> list[YearTotal]:
    """Each year with destruction on the record (programme totals without a yearly
    breakdown are left out: they belong to no year), oldest first."""
    years = sorted({d.year for rows in destructions.values() for d in rows if d.year is not None})
    result = []
    for year in years:
        if not year_over(year, as_of):
            continue
        rows = [
            (state, d)
            for state, items in sorted(destructions.items())
            for d in items
            if d.year == year
        ]
        result.append(
            YearTotal(
                year=year,
                munitions=total(
                    d.amount for _s, d in rows if d.category is Category.CLUSTER_MUNITIONS
                ),
                submunitions=total(
                    d.amount for _s, d in rows if d.category is Category.EXPLOSIVE_SUBMUNITIONS
                ),
                states=tuple(dict.fromkeys(state for state, _d in rows)),
            )
        )
    return result


@dataclass(frozen=True)
class RetentionYear:
    """A year's retention with the change since the previous year on the record."""

    row: Retention
    munitions_change: int | None
    submunitions_change: int | None


def retention_history(rows: Sequence[Retention], as_of: date | None = None) -> list[RetentionYear]:
    """Art. 3(8): holdings year by year with their yearly changes, oldest first. A change
    is None where either year's figure is not known or not exact (a difference of rounded
    figures is no yearly change)."""
    ordered = sorted((r for r in rows if year_over(r.year, as_of)), key=lambda r: r.year)
    history = []
    previous: Retention | None = None
    for row in ordered:
        exact = previous is not None and previous.qualifier is row.qualifier is Qualifier.EXACT
        history.append(
            RetentionYear(
                row=row,
                munitions_change=_change(
                    None if previous is None or not exact else previous.munitions, row.munitions
                ),
                submunitions_change=_change(
                    None if previous is None or not exact else previous.submunitions,
                    row.submunitions,
                ),
            )
        )
        previous = row
    return history


def _change(before: int | None, after: int | None) -> int | None:
    return None if before is None or after is None else after - before


def latest_retention(rows: Sequence[Retention], as_of: date | None = None) -> Retention | None:
    history = retention_history(rows, as_of)
    return history[-1].row if history else None


# -- checks a write must pass ------------------------------------------------------------

CODES = {
    "stockpile.negative_quantity": "A quantity below zero.",
    "stockpile.period_missing": "A destruction figure with neither a year nor a 'through' date.",
    "stockpile.period_both": "A destruction figure with both a year and a 'through' date.",
    "stockpile.total_destroyed_exceeds_declared": (
        "More destroyed, in total, than declared (at entry into force plus discovered)."
    ),
    "stockpile.destroyed_may_exceed_declared": (
        "An approximate figure puts the total destroyed above the declared stockpile."
    ),
}


def check_quantity(value: int | None, field: str) -> list[Finding]:
    if value is not None and value < 0:
        return [
            Finding(
                "stockpile.negative_quantity",
                Severity.ERROR,
                "Enter zero or more.",
                {"value": value},
                field,
            )
        ]
    return []


def check_destruction_period(year: int | None, through: FuzzyDate | None) -> list[Finding]:
    if year is None and through is None:
        return [
            Finding(
                "stockpile.period_missing",
                Severity.ERROR,
                "Give the calendar year, or the date a programme total runs to.",
                {},
                "year",
            )
        ]
    if year is not None and through is not None:
        return [
            Finding(
                "stockpile.period_both",
                Severity.ERROR,
                "Give either a calendar year or a 'through' date, not both.",
                {},
                "through",
            )
        ]
    return []


def check_within_declared(
    declarations: Sequence[Declaration],
    destructions: Sequence[Destruction],
    field: str = "quantity",
) -> list[Finding]:
    """Art. 3(2), 3(4)(d)-(e): per category, everything destroyed (every year and
    programme total) never more than declared (at entry into force plus discovered). An
    error when both are exact; a warning when a rounded figure makes it uncertain. Nothing
    when the declared stockpile is not on the record."""
    findings = []
    for category in Category:
        held = declared(declarations, category)
        gone = destroyed(destructions, category)
        if held is None or gone is None or gone.value <= held.value:
            continue
        params = {"category": category.value, "declared": held.value, "destroyed": gone.value}
        if held.exact and gone.exact:
            findings.append(
                Finding(
                    "stockpile.total_destroyed_exceeds_declared",
                    Severity.ERROR,
                    f"{gone.value:,} destroyed in total is more than the {held.value:,} "
                    "declared (at entry into force plus discovered).",
                    params,
                    field,
                )
            )
        else:
            findings.append(
                Finding(
                    "stockpile.destroyed_may_exceed_declared",
                    Severity.WARNING,
                    f"About {gone.value:,} destroyed against about {held.value:,} declared.",
                    params,
                    field,
                )
            )
    return findings


def check_retention(row: Retention) -> list[Finding]:
    """Art. 3(6)-(8): a real year, and every figure a count (zero or more)."""
    findings = check_year(row.year)
    for name in ("munitions", "submunitions", "munitions_consumed", "submunitions_consumed"):
        findings += check_quantity(getattr(row, name), name)
    return findings


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


# -- the figures of CCM/CONF/2020/13 paras 28-31 -----------------------------------------


@dataclass(frozen=True)
class Share:
    """Destroyed / declared, over the States whose both figures are known."""

    destroyed: Amount
    declared: Amount
    states: tuple[str, ...]

    @property
    def value(self) -> float:
        return self.destroyed.value / self.declared.value if self.declared.value else 0.0


@dataclass(frozen=True)
class Figures:
    """Paras 28-31, computed from the record for ``as_of``.

    ``with_obligation``: States Parties whose Art. 3 obligation is confirmed (basis known;
    para 28: "reported to have stockpiles ... when the Convention entered into force");
    ``unconfirmed``: those whose obligation is not (para 28(d): Guinea-Bissau).
    """

    as_of: date
    with_obligation: tuple[str, ...]
    completed: tuple[str, ...]
    outstanding: tuple[str, ...]
    overdue: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    extended: tuple[str, ...]  # an extension granted and applied by the date
    pending_request: tuple[str, ...]
    destroyed_munitions: Amount | None
    destroyed_submunitions: Amount | None
    destroyed_states: tuple[str, ...]
    share_munitions: Share | None
    share_submunitions: Share | None
    retaining: tuple[str, ...]
    not_retaining: tuple[str, ...]
    discovered: tuple[str, ...]


def _share(progresses: Sequence[StateProgress], category: Category) -> Share | None:
    pairs = [
        (p.state, c)
        for p in progresses
        if (c := p.category(category)) is not None
        and c.declared is not None
        and c.destroyed is not None
        and c.declared.value > 0
    ]
    if not pairs:
        return None
    destroyed_sum = total(c.destroyed for _s, c in pairs)
    declared_sum = total(c.declared for _s, c in pairs)
    assert destroyed_sum is not None and declared_sum is not None
    return Share(destroyed_sum, declared_sum, tuple(s for s, _c in pairs))


def figures(
    as_of: date,
    obligations: Sequence[ObligationResult],
    progresses: Sequence[StateProgress],
    retention: Mapping[str, Sequence[Retention]],
) -> Figures:
    """Paras 28-31 from the engine's Art. 3 obligations (statuses and deadlines) and the
    per-State facts (progress on ``as_of``, retention)."""
    confirmed = [o for o in obligations if o.basis is not Basis.NOT_KNOWN]
    destroyed_rows = [
        (
            p.state,
            p.category(Category.CLUSTER_MUNITIONS),
            p.category(Category.EXPLOSIVE_SUBMUNITIONS),
        )
        for p in progresses
    ]
    latest = {state: latest_retention(rows, as_of) for state, rows in retention.items()}
    return Figures(
        as_of=as_of,
        with_obligation=tuple(o.state for o in confirmed),
        completed=tuple(o.state for o in confirmed if o.status is ObligationStatus.COMPLETED),
        outstanding=tuple(o.state for o in confirmed if o.status is not ObligationStatus.COMPLETED),
        overdue=tuple(o.state for o in confirmed if o.status is ObligationStatus.OVERDUE),
        unconfirmed=tuple(o.state for o in obligations if o.basis is Basis.NOT_KNOWN),
        extended=tuple(o.state for o in obligations if any(e.applied for e in o.extensions)),
        pending_request=tuple(o.state for o in obligations if o.pending_request),
        destroyed_munitions=total(m.destroyed for _s, m, _u in destroyed_rows if m is not None),
        destroyed_submunitions=total(u.destroyed for _s, _m, u in destroyed_rows if u is not None),
        destroyed_states=tuple(
            s
            for s, m, u in destroyed_rows
            if (m is not None and m.destroyed is not None)
            or (u is not None and u.destroyed is not None)
        ),
        share_munitions=_share(progresses, Category.CLUSTER_MUNITIONS),
        share_submunitions=_share(progresses, Category.EXPLOSIVE_SUBMUNITIONS),
        retaining=tuple(sorted(s for s, r in latest.items() if r is not None and r.retains)),
        not_retaining=tuple(
            sorted(s for s, r in latest.items() if r is not None and not r.retains)
        ),
        discovered=tuple(p.state for p in progresses if p.discovered),
    )


# -- figures from Article 7 reports (Forms B and D) ----------------------------------------


class ReportTable(StrEnum):
    """The tables of the ccm-2010 Forms B and D (rules/reporting/forms/ccm-2010.yaml)."""

    STOCKPILE = "stockpile"  # Form B: held at the end of the period, Art. 7(1)(b)
    DESTROYED = "destroyed"  # Form B: destroyed during the period, Art. 7(1)(e)-(f)
    DISCOVERED = "discovered"  # Form B: discovered during the period, Art. 7(1)(g)
    RETAINED = "retained"  # Form D: held under Art. 3(6) at the end of the period
    TRANSFERRED = "transferred"  # Form D: transferred during the period, Art. 3(7)


FORM_OF = {
    ReportTable.STOCKPILE: "B",
    ReportTable.DESTROYED: "B",
    ReportTable.DISCOVERED: "B",
    ReportTable.RETAINED: "D",
    ReportTable.TRANSFERRED: "D",
}
# Holdings at the end of the period: an "unchanged" form that repeats its data still says
# what is held. The other tables count events of the period: an unchanged form's copy of
# them belongs to an earlier period and is not read again.
HOLDINGS = frozenset({ReportTable.STOCKPILE, ReportTable.RETAINED})
# Each row's columns -> the category they count (Form B and D rows: munitions of a type,
# and their explosive submunitions).
REPORT_COLUMNS = {
    "munitions": Category.CLUSTER_MUNITIONS,
    "submunitions": Category.EXPLOSIVE_SUBMUNITIONS,
}
PROGRAMME_STATUSES = ("not_started", "in_progress", "completed")
FORM_STATUSES = ("changed", "unchanged", "not_applicable")


@dataclass(frozen=True)
class ReportedFigure:
    """One quantity a report gives: a table's row, one of its columns (a category)."""

    table: ReportTable
    category: Category
    quantity: int
    type: str = ""
    method: str = ""
    site: str = ""
    planned_use: str = ""
    actual_use: str = ""


@dataclass(frozen=True)
class ReportedYear:
    """What one State's report for one calendar year says in Forms B and D.

    ``form_b`` / ``form_d``: the form's status as ticked (``changed``, ``unchanged``,
    ``not_applicable``), None when the form is missing or its status is not one of them.
    A not-applicable form gives no figures (never zeros)."""

    state: str
    year: int
    form_b: str | None
    form_d: str | None
    programme_status: str | None
    figures: tuple[ReportedFigure, ...]

    def citation(self, form: str) -> str:
        return f"report {self.state} {self.year}, Form {form}"

    def amount(self, table: ReportTable, category: Category) -> Amount | None:
        """The table's quantities of ``category`` added up; None when the report gives
        none (a missing or malformed cell is not a zero)."""
        return total(
            Amount(f.quantity) for f in self.figures if f.table is table and f.category is category
        )

    def rows(self, table: ReportTable) -> list[ReportedFigure]:
        return [f for f in self.figures if f.table is table]

    @property
    def categories(self) -> list[Category]:
        used = {f.category for f in self.figures}
        return [c for c in Category if c in used]


def _count(value: object) -> int | None:
    """A cell as a count of items: a whole number, zero or more (never a boolean, a text or
    a fraction); anything else is not a figure."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not (value == value and value.is_integer()):
        return None
    number = int(value)
    return number if number >= 0 else None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _status(form: FormView) -> str | None:
    return form.status if form.status in FORM_STATUSES else None


def _figures(table: ReportTable, form: FormView) -> list[ReportedFigure]:
    # Holdings at the end of the period still stand in an unchanged form; the other
    # tables count events of the period (FormView's status rule).
    figures = []
    for row in form.figure_rows(table.value, during_period=table not in HOLDINGS):
        for column, category in REPORT_COLUMNS.items():
            quantity = _count(row.get(column))
            if quantity is None:
                continue
            figures.append(
                ReportedFigure(
                    table=table,
                    category=category,
                    quantity=quantity,
                    type=_text(row.get("type")),
                    method=_text(row.get("method")),
                    site=_text(row.get("site")),
                    planned_use=_text(row.get("planned_use")),
                    actual_use=_text(row.get("actual_use")),
                )
            )
    return figures


def read_report(state: str, year: int, content: object) -> ReportedYear | None:
    """Forms B and D of one report's content as plain records; None when neither gives a
    figure or a programme status. Never raises: what is malformed is left out, and nothing
    is filled in for it. A form with an unknown status is not read."""
    report = ReportView(content)
    form_b, form_d = report.form("B"), report.form("D")
    figures = [
        *(
            f
            for t in (ReportTable.STOCKPILE, ReportTable.DESTROYED, ReportTable.DISCOVERED)
            for f in _figures(t, form_b)
        ),
        *(f for t in (ReportTable.RETAINED, ReportTable.TRANSFERRED) for f in _figures(t, form_d)),
    ]
    programme = form_b.figures().get("programme_status")
    programme = programme if programme in PROGRAMME_STATUSES else None
    if not figures and programme is None:
        return None
    return ReportedYear(
        state=state,
        year=year,
        form_b=_status(form_b),
        form_d=_status(form_d),
        programme_status=programme,
        figures=tuple(figures),
    )


def reported_destruction(report: ReportedYear) -> list[Destruction]:
    """Form B's destruction of the year as rules input, one per category (its rows added
    up, methods and sites kept), cited "report <State> <year>, Form B"."""
    result = []
    for category in Category:
        rows = [f for f in report.rows(ReportTable.DESTROYED) if f.category is category]
        if not rows:
            continue
        result.append(
            Destruction(
                category=category,
                quantity=sum(f.quantity for f in rows),
                year=report.year,
                method="; ".join(dict.fromkeys(f.method for f in rows if f.method)),
                site="; ".join(dict.fromkeys(f.site for f in rows if f.site)),
                sources=(report.citation("B"),),
            )
        )
    return result


def reported_retention(report: ReportedYear) -> Retention | None:
    """Form D's holdings under Art. 3(6) at the end of the year as rules input, or None
    when the report gives none."""
    rows = report.rows(ReportTable.RETAINED)
    if not rows:
        return None
    munitions = report.amount(ReportTable.RETAINED, Category.CLUSTER_MUNITIONS)
    submunitions = report.amount(ReportTable.RETAINED, Category.EXPLOSIVE_SUBMUNITIONS)
    return Retention(
        year=report.year,
        munitions=None if munitions is None else munitions.value,
        submunitions=None if submunitions is None else submunitions.value,
        planned_use="; ".join(dict.fromkeys(f.planned_use for f in rows if f.planned_use)),
        actual_use="; ".join(dict.fromkeys(f.actual_use for f in rows if f.actual_use)),
        sources=(report.citation("D"),),
    )


@dataclass(frozen=True)
class Merged:
    """Staff-entered facts with the reported figures that fill their gaps.

    ``destruction_used`` / ``retention_used``: the (year, category) and years whose reported
    figure counts; the others are shown, not counted, because the record's own figure for
    the same State, year and category is the one used (docs/article-3-stockpiles.md)."""

    destructions: tuple[Destruction, ...]
    retention: tuple[Retention, ...]
    destruction_used: frozenset[tuple[int, Category]]
    retention_used: frozenset[int]


def merge_reported(
    destructions: Sequence[Destruction],
    retention: Sequence[Retention],
    reports: Sequence[ReportedYear],
) -> Merged:
    """One State's facts plus its reported figures, never both for one year and category:
    a staff-entered figure for a calendar year (destruction of a category, or retention)
    wins over the report's; a reported year of destruction that a programme total already
    covers is left out by :func:`destroyed` as a staff yearly figure would be."""
    staff_years = {(d.year, d.category) for d in destructions if d.year is not None}
    staff_retention = {r.year for r in retention}
    added_destruction: list[Destruction] = []
    added_retention: list[Retention] = []
    for report in sorted(reports, key=lambda r: r.year):
        for row in reported_destruction(report):
            if (row.year, row.category) not in staff_years:
                added_destruction.append(row)
        held = reported_retention(report)
        if held is not None and held.year not in staff_retention:
            added_retention.append(held)
    return Merged(
        destructions=(*destructions, *added_destruction),
        retention=(*retention, *added_retention),
        destruction_used=frozenset(
            (d.year, d.category) for d in added_destruction if d.year is not None
        ),
        retention_used=frozenset(r.year for r in added_retention),
    )
