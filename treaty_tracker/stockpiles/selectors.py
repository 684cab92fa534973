"""Reads for Article 3: the per-State facts as rules input, the engine's obligations, and
the sourced totals (``Figure``) and lists that the review states; a fixed number of
queries, whatever the number of States."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import QuerySet

from treaty_tracker.rules import ObligationResult, StateResult, Status, Summary
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.sources.models import Figure, StateList
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.selectors import register, treaty
from treaty_tracker.stockpiles import reports
from treaty_tracker.stockpiles.models import (
    ComplianceDeclaration,
    StockpileDeclaration,
    StockpileDestruction,
    StockpileRetention,
)

# Sourced figures about Article 3 carry keys starting with this (review-2020.yaml,
# article3.yaml).
FIGURE_PREFIX = "article3."


def _cited(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.select_related("state", "source", "entered_by")


@dataclass
class Facts:
    """Every Article 3 fact on the record (or one State's), as model rows and rules input,
    and the figures of the published Article 7 reports (Forms B and D) kept apart in
    ``reported``. The computed figures use both, never twice for one State, year and
    category: a staff-entered figure wins (``rules.merge_reported``)."""

    declarations: dict[str, list[StockpileDeclaration]] = field(default_factory=dict)
    destructions: dict[str, list[StockpileDestruction]] = field(default_factory=dict)
    retentions: dict[str, list[StockpileRetention]] = field(default_factory=dict)
    compliance: dict[str, list[ComplianceDeclaration]] = field(default_factory=dict)
    reported: dict[str, list[rules.ReportedYear]] = field(default_factory=dict)

    @property
    def states(self) -> list[str]:
        return sorted(
            set(self.declarations)
            | set(self.destructions)
            | set(self.retentions)
            | set(self.compliance)
            | set(self.reported)
        )

    def merged(self, iso3: str) -> rules.Merged:
        """The State's destruction and retention: staff-entered, plus reported figures
        for the years and categories the staff-entered ones leave open."""
        return rules.merge_reported(
            [d.as_rule() for d in self.destructions.get(iso3, [])],
            [r.as_rule() for r in self.retentions.get(iso3, [])],
            self.reported.get(iso3, []),
        )

    def progress(self, iso3: str, as_of: date | None) -> rules.StateProgress:
        return rules.progress(
            iso3,
            [d.as_rule() for d in self.declarations.get(iso3, [])],
            self.merged(iso3).destructions,
            as_of,
        )

    def has_progress(self, iso3: str) -> bool:
        """Declared or destroyed (entered, or reported in Form B) on the record."""
        return bool(self.declarations.get(iso3) or self.merged(iso3).destructions)

    def destruction_rules(self) -> dict[str, list[rules.Destruction]]:
        return {
            s: list(self.merged(s).destructions)
            for s in set(self.destructions) | set(self.reported)
            if self.merged(s).destructions
        }

    def retention_rules(self) -> dict[str, list[rules.Retention]]:
        return {
            s: list(self.merged(s).retention)
            for s in set(self.retentions) | set(self.reported)
            if self.merged(s).retention
        }


def facts(iso3: str | None = None, as_of: date | None = None) -> Facts:
    """Four queries: declarations, destruction, retention, declarations of compliance; and
    with ``as_of``, a fifth: the published reports' Forms B and D submitted by that date."""
    result = Facts()
    if as_of is not None:
        result.reported = reports.reported(as_of, iso3)
    for model, target in (
        (StockpileDeclaration, result.declarations),
        (StockpileDestruction, result.destructions),
        (StockpileRetention, result.retentions),
        (ComplianceDeclaration, result.compliance),
    ):
        rows = _cited(model.objects.all())
        if iso3 is not None:
            rows = rows.filter(state__iso3=iso3)
        grouped: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            grouped[row.state.iso3].append(row)
        target.update(grouped)
    return result


def dated(value: Any, as_of: date) -> bool:
    """A fact dated (a FuzzyDate) on or before ``as_of`` for certain."""
    return value is not None and value.on_or_before(as_of) is True


def sourced_figures(as_of: date) -> dict[str, Figure]:
    """The latest sourced Article 3 figure of each key stated on or before ``as_of``."""
    latest: dict[str, Figure] = {}
    figures = Figure.objects.filter(key__startswith=FIGURE_PREFIX).select_related(
        "source", "entered_by"
    )
    for figure in figures:
        if not dated(figure.as_of, as_of):
            continue
        current = latest.get(figure.key)
        if current is None or _day(figure.as_of) > _day(current.as_of):
            latest[figure.key] = figure
    return latest


def sourced_lists(as_of: date) -> list[StateList]:
    lists = (
        StateList.objects.filter(key__startswith=FIGURE_PREFIX)
        .select_related("source", "entered_by")
        .prefetch_related("states")
    )
    return [item for item in lists if dated(item.as_of, as_of)]


def _day(value: Any) -> date:
    return value.latest or value.earliest or date.min


@dataclass(frozen=True)
class Overview:
    """Everything the thematic page, its downloads and the API show for one date."""

    as_of: date
    summary: Summary
    obligations: list[ObligationResult]
    facts: Facts
    progress: dict[str, rules.StateProgress]
    figures: rules.Figures
    sourced: dict[str, Figure]
    lists: list[StateList]
    yearly: list[rules.YearTotal]

    @property
    def by_iso(self) -> dict[str, StateResult]:
        return {s.iso3: s for s in self.summary.states}

    def name(self, iso3: str) -> str:
        state = self.by_iso.get(iso3)
        return state.name if state else iso3

    def names(self, codes: Sequence[str]) -> list[StateResult]:
        by_iso = self.by_iso
        return [by_iso[c] for c in codes if c in by_iso]


@per_record_version
def overview(as_of: date) -> Overview:
    """The engine's Art. 3 obligations for ``as_of`` and the per-State facts (entered, and
    reported in published Article 7 reports), with the figures of paras 28-31: the register
    (cached) plus seven queries."""
    summary = register().summary(as_of)
    article = treaty().stockpile.article
    obligations = summary.obligations(article)
    everything = facts(as_of=as_of)
    parties = {s.iso3 for s in summary.states if s.status is Status.STATE_PARTY}
    progress = {
        iso3: everything.progress(iso3, as_of)
        for iso3 in everything.states
        if everything.has_progress(iso3)
    }
    # Paras 28-31 speak of States Parties: the figures count them only.
    party_progress = [p for iso3, p in progress.items() if iso3 in parties]
    retention = {s: r for s, r in everything.retention_rules().items() if s in parties}
    return Overview(
        as_of=as_of,
        summary=summary,
        obligations=obligations,
        facts=everything,
        progress=progress,
        figures=rules.figures(as_of, obligations, party_progress, retention),
        sourced=sourced_figures(as_of),
        lists=sourced_lists(as_of),
        yearly=rules.yearly_totals(everything.destruction_rules(), as_of),
    )
