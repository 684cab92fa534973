"""The data-quality layer: treaty rules over a report's figures, as registered classes.

Each rule is a small class with a stable ``code``, a ``severity`` and a ``help_text``, in
the manner of django.contrib.auth's password validators; :func:`register` adds it to the
registry that :func:`validate_report` runs. A rule declares the definition paths it
``reads`` (``"B.stockpile.munitions"``): on a form version without them the rule does not
run, and a test checks every rule reads paths that exist in the shipped version, so a
renamed field cannot switch a rule off unnoticed.

The rules read the content through :class:`ReportView`, which never raises on malformed
data: what the schema layer rejects (a quantity written "about 4,000") reads as absent.
Rules that weigh this period's figures look only at forms that are not "unchanged": an
unchanged form holds the previous report's data, which were checked when they were new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, TypeVar

from treaty_tracker.rules.findings import Finding, Severity
from treaty_tracker.rules.records import ReportKind
from treaty_tracker.rules.reporting.content import (
    FormView,
    Period,
    ReportContext,
    ReportView,
    as_decimal,
    count_of,
    is_blank,
    normalise,
)
from treaty_tracker.rules.reporting.definition import FieldSpec, FormDefinition, FormStatus
from treaty_tracker.rules.reporting.locations import finding_at
from treaty_tracker.rules.treaty import TREATIES

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
UNITS = ("munitions", "submunitions")


@dataclass(frozen=True)
class Subject:
    """What a rule looks at: the report, the previous report, and the record's context."""

    definition: FormDefinition
    report: ReportView
    previous: ReportView | None
    context: ReportContext


class QualityRule:
    """A data-quality rule. Subclass, set the class attributes, implement :meth:`check`,
    and decorate with :func:`register`."""

    code: ClassVar[str]
    severity: ClassVar[Severity]
    help_text: ClassVar[str]
    reads: ClassVar[tuple[str, ...]] = ()

    def applies_to(self, definition: FormDefinition) -> bool:
        return all(definition.has_path(path) for path in self.reads)

    def check(self, subject: Subject) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, subject: Subject, path: str, problem: str, **params: Any) -> Finding:
        return finding_at(subject.definition, self.code, self.severity, path, problem, **params)


_REGISTRY: dict[str, type[QualityRule]] = {}
_R = TypeVar("_R", bound=type[QualityRule])


def register(rule: _R) -> _R:
    """Add a rule class to the registry (a class decorator); codes are unique and dotted."""
    code = rule.code
    if not CODE_PATTERN.match(code) or code.startswith("schema."):
        raise ValueError(f"{code!r} is not a data-quality code such as 'stockpile.grows'")
    if code in _REGISTRY and _REGISTRY[code] is not rule:
        raise ValueError(f"{code!r} is registered twice")
    _REGISTRY[code] = rule
    return rule


def registered_rules() -> tuple[QualityRule, ...]:
    """One instance of every registered rule, in registration order."""
    return tuple(rule() for rule in _REGISTRY.values())


# -- helpers ---------------------------------------------------------------------------------


def _fmt(number: Decimal) -> str:
    return f"{number:,f}" if number != number.to_integral_value() else f"{int(number):,}"


def _plain(number: Decimal) -> int | str:
    """A Decimal for a finding's params (stored as JSON): an int when it is whole."""
    return int(number) if number == number.to_integral_value() else str(number)


def _type_key(row: Mapping[str, Any]) -> str:
    value = row.get("type")
    return " ".join(value.split()).casefold() if isinstance(value, str) else ""


def _sum_by_type(rows: Iterable[Mapping[str, Any]], unit: str) -> dict[str, Decimal | None]:
    """Per type, the sum of ``unit``; None for a type where a row does not give it (a sum
    over a missing figure is not known, and a rule must not fire on it)."""
    sums: dict[str, Decimal | None] = {}
    for row in rows:
        key = _type_key(row)
        value = as_decimal(row.get(unit))
        if key not in sums:
            sums[key] = Decimal(0)
        running = sums[key]
        sums[key] = None if running is None or value is None else running + value
    return sums


def _total(sums: Mapping[str, Decimal | None]) -> Decimal | None:
    total = Decimal(0)
    for value in sums.values():
        if value is None:
            return None
        total += value
    return total


def _previous_form(subject: Subject, code: str) -> FormView | None:
    return None if subject.previous is None else subject.previous.form(code)


# -- the rules, in the order docs/reporting.md lists them -----------------------------------


@register
class StateMismatch(QualityRule):
    code = "report.state_mismatch"
    severity = Severity.ERROR
    help_text = "The cover page names another State than the one the report is filed for."

    def check(self, subject: Subject) -> Iterator[Finding]:
        state = subject.report.raw.get("state")
        expected = subject.context.state
        if expected and isinstance(state, str) and state and state != expected:
            yield self.finding(
                subject,
                "state",
                f"the report is filed for {expected}, but the cover page names {state}",
                state=state,
                expected=expected,
            )


@register
class PeriodNotPreviousYear(QualityRule):
    code = "period.not_previous_year"
    severity = Severity.ERROR
    help_text = (
        "An annual report's period is not 1 January to 31 December of the year before the "
        "30 April it is due (Art. 7(2)); with no due year known, not one calendar year."
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        period = subject.report.period
        if subject.report.kind != ReportKind.ANNUAL or period is None:
            return
        due_year = subject.context.due_year
        covered = f"this one runs from {period.start.isoformat()} to {period.end.isoformat()}"
        if due_year is None:
            if not period.is_calendar_year:
                yield self.finding(
                    subject,
                    "period",
                    f"an annual report covers one calendar year (Art. 7(2)); {covered}",
                )
            return
        expected = Period.for_annual_report(due_year)
        if period != expected:
            treaty = TREATIES[subject.definition.treaty]
            due = date(due_year, treaty.annual_report_due_month, treaty.annual_report_due_day)
            yield self.finding(
                subject,
                "period",
                f"the annual report due on {due.day} {due:%B %Y} covers 1 January to 31 December "
                f"{due_year - 1} (Art. 7(2)); {covered}",
                expected_from=expected.start.isoformat(),
                expected_to=expected.end.isoformat(),
            )


@register
class UnchangedWithoutPrevious(QualityRule):
    code = "report.unchanged_without_previous"
    severity = Severity.ERROR
    help_text = (
        "A form is marked unchanged, but the record holds no previous report of that form "
        "to carry forward (always so in an initial report)."
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        for spec in subject.definition.forms:
            form = subject.report.form(spec.code)
            if form.status != FormStatus.UNCHANGED:
                continue
            previous = _previous_form(subject, spec.code)
            if previous is None or not previous.exists:
                since = form.raw.get("unchanged_since") if form.raw else None
                yield self.finding(
                    subject,
                    f"{spec.code}.status",
                    f"marked unchanged since {since}, but there is no previous report of this "
                    "form on the record: fill in the form",
                )


@register
class UnchangedButDifferent(QualityRule):
    code = "report.unchanged_but_different"
    severity = Severity.WARNING
    help_text = (
        "A form is marked unchanged, but its data or text differ from the previous report's. "
        "(An unchanged form with no data at all, the paper short report, is not flagged.)"
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        for spec in subject.definition.forms:
            form = subject.report.form(spec.code)
            previous = _previous_form(subject, spec.code)
            if form.status != FormStatus.UNCHANGED or previous is None or not previous.exists:
                continue
            if is_blank(normalise(form.data)) and not form.text:
                continue
            if normalise(form.data) != normalise(previous.data) or form.text != previous.text:
                yield self.finding(
                    subject,
                    spec.code,
                    "marked unchanged, but its content differs from the previous report: "
                    "mark it changed, or undo the edits",
                )


@register
class NotApplicableWithObligation(QualityRule):
    code = "form.not_applicable_with_obligation"
    severity = Severity.ERROR
    help_text = (
        "A form is marked not applicable while the State has an obligation it reports on: "
        "B under Art. 3, F and G under Art. 4, H under Art. 5."
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        for spec in subject.definition.forms:
            if subject.report.form(spec.code).status != FormStatus.NOT_APPLICABLE:
                continue
            for article in spec.obligations:
                if article in subject.context.obligations:
                    yield self.finding(
                        subject,
                        f"{spec.code}.status",
                        f"marked not applicable, but the State has an obligation under "
                        f"Art. {article}",
                        article=article,
                    )
                    break


@register
class NotApplicableWithData(QualityRule):
    code = "form.not_applicable_with_data"
    severity = Severity.ERROR
    help_text = (
        "A form is marked not applicable but holds data (free text, e.g. why it does not "
        "apply, is allowed)."
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        for spec in subject.definition.forms:
            form = subject.report.form(spec.code)
            if form.status != FormStatus.NOT_APPLICABLE:
                continue
            filled = [key for key, value in form.data.items() if not is_blank(normalise(value))]
            if filled:
                yield self.finding(
                    subject,
                    spec.code,
                    f"marked not applicable, but holds data ({', '.join(map(str, filled))}): "
                    "clear it, or mark the form changed",
                    keys=[str(key) for key in filled],
                )


@register
class DestroyedExceedsDeclared(QualityRule):
    code = "stockpile.destroyed_exceeds_declared"
    severity = Severity.ERROR
    help_text = (
        "Form B: more munitions or submunitions destroyed during the period than the State "
        "declared, i.e. the previous report's stockpile plus stockpiles discovered during "
        "the period; per type, and in total when no single type is at fault."
    )
    reads = (
        "B.stockpile.type",
        "B.stockpile.munitions",
        "B.stockpile.submunitions",
        "B.destroyed.type",
        "B.destroyed.munitions",
        "B.destroyed.submunitions",
        "B.discovered.type",
        "B.discovered.munitions",
        "B.discovered.submunitions",
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        form = subject.report.form("B")
        previous = _previous_form(subject, "B")
        held = previous.known_rows("stockpile") if previous is not None else None
        if not form.is_new or held is None:
            return
        discovered = form.known_rows("discovered") or []
        destroyed = form.rows("destroyed")
        first: dict[str, tuple[int, Mapping[str, Any]]] = {}
        for index, row in destroyed:
            first.setdefault(_type_key(row), (index, row))
        for unit in UNITS:
            before = _sum_by_type(held, unit)
            found = _sum_by_type(discovered, unit)
            gone = _sum_by_type((row for _, row in destroyed), unit)
            fired = False
            for key, amount in gone.items():
                if key not in before and key not in found:
                    continue  # a type never declared: it counts in the total below
                held_now, found_now = before.get(key, Decimal(0)), found.get(key, Decimal(0))
                if amount is None or held_now is None or found_now is None:
                    continue
                if amount > held_now + found_now:
                    fired = True
                    index, row = first[key]
                    yield self.finding(
                        subject,
                        f"B.destroyed[{index}].{unit}",
                        f"{_fmt(amount)} {unit} of type {row.get('type')} destroyed, more than "
                        f"the {_fmt(held_now + found_now)} declared ({_fmt(held_now)} in the "
                        f"previous report's stockpile, {_fmt(found_now)} discovered)",
                        type=str(row.get("type")),
                        unit=unit,
                        destroyed=_plain(amount),
                        declared=_plain(held_now + found_now),
                    )
            gone_all, held_all, found_all = _total(gone), _total(before), _total(found)
            if fired or gone_all is None or held_all is None or found_all is None:
                continue
            if gone_all > held_all + found_all:
                yield self.finding(
                    subject,
                    "B.destroyed",
                    f"{_fmt(gone_all)} {unit} destroyed in all, more than the "
                    f"{_fmt(held_all + found_all)} declared ({_fmt(held_all)} in the previous "
                    f"report's stockpile, {_fmt(found_all)} discovered)",
                    unit=unit,
                    destroyed=_plain(gone_all),
                    declared=_plain(held_all + found_all),
                )


def _grown(
    rows: list[tuple[int, Mapping[str, Any]]], previous: list[Mapping[str, Any]], unit: str
) -> Iterator[tuple[int, Mapping[str, Any], Decimal, Decimal]]:
    """Per type, ``(first row index, row, now, before)`` where ``unit`` grew; a type the
    previous report did not hold grew from 0."""
    now = _sum_by_type((row for _, row in rows), unit)
    before = _sum_by_type(previous, unit)
    first: dict[str, tuple[int, Mapping[str, Any]]] = {}
    for index, row in rows:
        first.setdefault(_type_key(row), (index, row))
    for key, amount in now.items():
        then = before.get(key, Decimal(0))
        if amount is not None and then is not None and amount > then:
            yield (*first[key], amount, then)


@register
class StockpileGrowsUnexplained(QualityRule):
    code = "stockpile.grows_unexplained"
    severity = Severity.WARNING
    help_text = (
        "Form B: more munitions or submunitions of a type held than in the previous report "
        "(a new type counts as grown from 0), with no stockpile discovered and no "
        "explanation in the free text."
    )
    reads = (
        "B.stockpile.type",
        "B.stockpile.munitions",
        "B.stockpile.submunitions",
        "B.discovered",
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        form = subject.report.form("B")
        previous = _previous_form(subject, "B")
        then = previous.known_rows("stockpile") if previous is not None else None
        if not form.is_new or then is None or form.known_rows("discovered") or form.text:
            return
        for unit in UNITS:
            for index, row, now, before in _grown(form.rows("stockpile"), then, unit):
                yield self.finding(
                    subject,
                    f"B.stockpile[{index}].{unit}",
                    f"{_fmt(now)} {unit} of type {row.get('type')} held, more than the "
                    f"{_fmt(before)} in the previous report, with no stockpile discovered: "
                    "explain the increase",
                    type=str(row.get("type")),
                    unit=unit,
                    current=_plain(now),
                    previous=_plain(before),
                )


@register
class RetentionIncrease(QualityRule):
    code = "retention.increase"
    severity = Severity.WARNING
    help_text = (
        "Form D: more munitions or submunitions of a type retained under Art. 3(6) than in "
        "the previous report, with no explanation in the free text (retention must stay at "
        "the minimum number absolutely necessary)."
    )
    reads = ("D.retained.type", "D.retained.munitions", "D.retained.submunitions")

    def check(self, subject: Subject) -> Iterator[Finding]:
        form = subject.report.form("D")
        previous = _previous_form(subject, "D")
        then = previous.known_rows("retained") if previous is not None else None
        if not form.is_new or then is None or form.text:
            return
        for unit in UNITS:
            for index, row, now, before in _grown(form.rows("retained"), then, unit):
                yield self.finding(
                    subject,
                    f"D.retained[{index}].{unit}",
                    f"{_fmt(now)} {unit} of type {row.get('type')} retained, more than the "
                    f"{_fmt(before)} in the previous report: explain the increase",
                    type=str(row.get("type")),
                    unit=unit,
                    current=_plain(now),
                    previous=_plain(before),
                )


def _area(rows: Iterable[Mapping[str, Any]], *columns: str) -> Decimal | None:
    total = Decimal(0)
    for row in rows:
        for column in columns:
            value = row.get(column)
            if is_blank(value):
                continue
            number = as_decimal(value)
            if number is None:
                return None
            total += number
    return total


@register
class ContaminationGrowsUnexplained(QualityRule):
    code = "contamination.grows_unexplained"
    severity = Severity.WARNING
    help_text = (
        "Form F: the total contaminated area is larger than in the previous report, and no "
        "area is marked as new contamination identified during the period."
    )
    reads = ("F.areas.size", "F.areas.new")

    def check(self, subject: Subject) -> Iterator[Finding]:
        form = subject.report.form("F")
        previous = _previous_form(subject, "F")
        then = previous.known_rows("areas") if previous is not None else None
        now_rows = form.known_rows("areas")
        if not form.is_new or then is None or now_rows is None:
            return
        if any(row.get("new") is True for row in now_rows):
            return
        now, before = _area(now_rows, "size"), _area(then, "size")
        if now is not None and before is not None and now > before:
            yield self.finding(
                subject,
                "F.areas",
                f"{_fmt(now)} m² contaminated, more than the {_fmt(before)} m² in the previous "
                "report, and no area is marked as new contamination",
                current=_plain(now),
                previous=_plain(before),
            )


@register
class ReleasedExceedsContaminated(QualityRule):
    code = "clearance.released_exceeds_contaminated"
    severity = Severity.WARNING
    help_text = (
        "Form F: more land released during the period (cancelled, reduced and cleared) than "
        "was contaminated: the previous report's areas plus the new contamination."
    )
    reads = (
        "F.areas.size",
        "F.areas.new",
        "F.released.cancelled",
        "F.released.reduced",
        "F.released.cleared",
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        form = subject.report.form("F")
        previous = _previous_form(subject, "F")
        then = previous.known_rows("areas") if previous is not None else None
        if not form.is_new or then is None:
            return
        new_rows = [row for row in form.known_rows("areas") or [] if row.get("new") is True]
        released = _area(form.known_rows("released") or [], "cancelled", "reduced", "cleared")
        before, new = _area(then, "size"), _area(new_rows, "size")
        if released is None or before is None or new is None:
            return
        if released > before + new:
            yield self.finding(
                subject,
                "F.released",
                f"{_fmt(released)} m² released, more than the {_fmt(before + new)} m² "
                f"contaminated ({_fmt(before)} m² in the previous report, {_fmt(new)} m² new)",
                released=_plain(released),
                contaminated=_plain(before + new),
            )


@register
class DisaggregationSumMismatch(QualityRule):
    code = "disaggregation.sum_mismatch"
    severity = Severity.WARNING
    help_text = (
        "A count broken down by sex, age (or civilian/military status) whose breakdown does "
        "not add up to its total: victims (Form H), people reached by risk education (Form G)."
    )

    def check(self, subject: Subject) -> Iterator[Finding]:
        for spec in subject.definition.forms:
            form = subject.report.form(spec.code)
            if not form.is_new:
                continue
            for field_spec in spec.fields:
                if field_spec.disaggregation:
                    path = f"{spec.code}.{field_spec.key}"
                    yield from self._mismatch(
                        subject, field_spec, form.data.get(field_spec.key), path
                    )
            for table in spec.tables:
                for column in table.fields:
                    if not column.disaggregation:
                        continue
                    for index, row in form.rows(table.key):
                        path = f"{spec.code}.{table.key}[{index}].{column.key}"
                        yield from self._mismatch(subject, column, row.get(column.key), path)

    def _mismatch(
        self, subject: Subject, spec: FieldSpec, value: object, path: str
    ) -> Iterator[Finding]:
        if not isinstance(value, Mapping) or not isinstance(value.get("by"), Mapping):
            return
        total = count_of(value)
        cells = _cells(value["by"], len(spec.disaggregation))
        if total is None or not cells or None in cells:
            return
        added = sum((cell for cell in cells if cell is not None), Decimal(0))
        if added != total:
            yield self.finding(
                subject,
                path,
                f"the breakdown adds up to {_fmt(added)}, not to the total of {_fmt(total)} "
                "(count people whose sex or age is not known as unknown)",
                total=_plain(total),
                breakdown=_plain(added),
            )


def _cells(node: object, depth: int) -> list[Decimal | None]:
    """The numbers at the leaves of a breakdown; None for a leaf that is not a number."""
    if depth == 0:
        return [] if is_blank(node) else [as_decimal(node)]
    if not isinstance(node, Mapping):
        return [None]
    return [cell for child in node.values() for cell in _cells(child, depth - 1)]
