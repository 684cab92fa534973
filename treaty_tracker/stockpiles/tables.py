"""The Article 3 tables for one date, built once from the :class:`~.selectors.Overview`
and shown three ways: the page (objects), the downloads and the API (flat, JSON-ready
rows). A quantity travels as its number and its exactness (``exact``, ``approximate``,
``at_least``); ``null`` is "not known"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import StateResult, serialize
from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.sources.models import Figure
from treaty_tracker.stockpiles.models import Category
from treaty_tracker.stockpiles.selectors import Overview

PROGRESS_COLUMNS = (
    "iso3",
    "name",
    "category",
    "declared",
    "declared_exactness",
    "destroyed",
    "destroyed_exactness",
    "remaining",
    "remaining_exactness",
    "share_destroyed",
    "sources",
)
OBLIGATION_COLUMNS = (
    "iso3",
    "name",
    "basis",
    "status",
    "original_deadline",
    "current_deadline",
    "completed",
    "extensions",
    "pending_request",
    "sources",
)
DESTRUCTION_COLUMNS = (
    "iso3",
    "name",
    "category",
    "year",
    "through",
    "quantity",
    "exactness",
    "method",
    "site",
    "source",
)
RETENTION_COLUMNS = (
    "iso3",
    "name",
    "year",
    "munitions",
    "munitions_change",
    "submunitions",
    "submunitions_change",
    "exactness",
    "munitions_consumed",
    "submunitions_consumed",
    "planned_use",
    "actual_use",
    "source",
)
REPORTED_COLUMNS = (
    "iso3",
    "name",
    "year",
    "category",
    "stockpile",
    "destroyed",
    "discovered",
    "retained",
    "transferred",
    "programme_status",
    "destroyed_in_totals",
    "retained_in_totals",
    "sources",
)
FIGURE_COLUMNS = (
    "measure",
    "label",
    "computed",
    "computed_exactness",
    "computed_states",
    "sourced",
    "sourced_label",
    "sourced_as_of",
    "sourced_source",
)
COLUMNS = {
    "progress": PROGRESS_COLUMNS,
    "obligations": OBLIGATION_COLUMNS,
    "destruction": DESTRUCTION_COLUMNS,
    "retention": RETENTION_COLUMNS,
    "reported": REPORTED_COLUMNS,
    "figures": FIGURE_COLUMNS,
}


def _value(amount: rules.Amount | None) -> int | None:
    return None if amount is None else amount.value


def _exactness(amount: rules.Amount | None) -> str | None:
    return None if amount is None else amount.qualifier.value


def _ordered(overview: Overview, codes: Any) -> list[str]:
    return sorted(codes, key=lambda code: overview.name(code))


# -- the figures of paras 28-31 ----------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One measure: computed from the record (with the States behind it) beside the total
    a source states (``sourced``, shown as "sourced total, not computed")."""

    measure: str
    label: str | Promise
    computed: rules.Amount | int | None
    states: list[StateResult]
    anchor: str
    sourced: Figure | None
    note: str | Promise = ""
    share: rules.Share | None = None
    extra: list[Figure] = field(default_factory=list)


def figure_rows(overview: Overview) -> list[FigureRow]:
    f = overview.figures
    s = overview.sourced

    def count(codes: tuple[str, ...]) -> int:
        return len(codes)

    def names(codes: tuple[str, ...]) -> list[StateResult]:
        return overview.names(_ordered(overview, codes))

    share = f.share_munitions
    return [
        FigureRow(
            "with_obligation",
            _("States Parties with an Article 3 obligation (stockpiles held at entry into force)"),
            count(f.with_obligation),
            names(f.with_obligation),
            "obligations",
            s.get("article3.states_reported_stockpiles"),
        ),
        FigureRow(
            "completed",
            _("Completed their destruction obligations"),
            count(f.completed),
            names(f.completed),
            "completed",
            s.get("article3.completed_states"),
        ),
        FigureRow(
            "outstanding",
            _("Outstanding obligations (stockpiles still to destroy)"),
            count(f.outstanding),
            names(f.outstanding),
            "outstanding",
            s.get("article3.outstanding_states"),
        ),
        FigureRow(
            "unconfirmed",
            _("Obligation not confirmed (still verifying, or doubtful)"),
            count(f.unconfirmed),
            names(f.unconfirmed),
            "unconfirmed",
            None,
        ),
        FigureRow(
            "destroyed_munitions",
            _("Cluster munitions destroyed"),
            f.destroyed_munitions,
            names(f.destroyed_states),
            "progress",
            s.get("article3.destroyed_cluster_munitions"),
            _(
                "Added up over the States whose destruction figures are on the record or in "
                "their published Article 7 reports only."
            ),
        ),
        FigureRow(
            "destroyed_submunitions",
            _("Explosive submunitions destroyed"),
            f.destroyed_submunitions,
            names(f.destroyed_states),
            "progress",
            s.get("article3.destroyed_submunitions"),
            _(
                "Added up over the States whose destruction figures are on the record or in "
                "their published Article 7 reports only."
            ),
        ),
        FigureRow(
            "share_destroyed",
            _("Share of declared cluster munitions destroyed"),
            None,
            names(share.states) if share else [],
            "progress",
            s.get("article3.destroyed_share_percent"),
            _("Over the States whose declared stockpile and destruction are both on the record."),
            share=share,
        ),
        FigureRow(
            "retaining",
            _("States Parties retaining cluster munitions under Art. 3(6)"),
            count(f.retaining),
            names(f.retaining),
            "retention",
            s.get("article3.retaining_states"),
            _("From the latest retention figures on the record for each State."),
        ),
        FigureRow(
            "discovered",
            _("States Parties that declared stockpiles discovered after entry into force"),
            count(f.discovered),
            names(f.discovered),
            "progress",
            None,
        ),
    ]


# Sourced figures shown beside a computed one above; the others with an aggregate key are
# listed on their own ("other sourced figures").
PAIRED = {
    "article3.states_reported_stockpiles",
    "article3.completed_states",
    "article3.outstanding_states",
    "article3.destroyed_cluster_munitions",
    "article3.destroyed_submunitions",
    "article3.destroyed_share_percent",
    "article3.retaining_states",
}


def other_figures(overview: Overview) -> list[Figure]:
    """Aggregate sourced figures not paired with a computed one. Per-State figures
    (a key naming a State, e.g. ``article3.destroyed.per.2019...``) are left out: the
    per-State facts on this page hold them."""
    codes = {s.iso3.lower() for s in overview.summary.states}
    return [
        figure
        for key, figure in sorted(overview.sourced.items())
        if key not in PAIRED and not codes & set(key.split("."))
    ]


def figure_table(overview: Overview) -> list[dict[str, Any]]:
    rows = []
    for row in figure_rows(overview):
        computed: Any = row.computed
        if row.share is not None:
            computed = round(row.share.value * 100, 1)
        rows.append(
            {
                "measure": row.measure,
                "label": str(row.label),
                "computed": computed.value if isinstance(computed, rules.Amount) else computed,
                "computed_exactness": (
                    computed.qualifier.value
                    if isinstance(computed, rules.Amount)
                    else (
                        _exactness(row.share.destroyed + row.share.declared)
                        if row.share
                        else ("exact" if computed is not None else None)
                    )
                ),
                "computed_states": " ".join(s.iso3 for s in row.states),
                "sourced": None if row.sourced is None else float(row.sourced.value),
                "sourced_label": "" if row.sourced is None else row.sourced.label,
                "sourced_as_of": None
                if row.sourced is None
                else serialize.fuzzy(row.sourced.as_of),
                "sourced_source": "" if row.sourced is None else row.sourced.citation,
            }
        )
    return rows


# -- per-State tables ----------------------------------------------------------------------


def progress_table(overview: Overview) -> list[dict[str, Any]]:
    rows = []
    labels = dict(Category.choices)
    for iso3 in _ordered(overview, overview.progress):
        progress = overview.progress[iso3]
        for c in progress.categories:
            citations = [
                d.citation
                for d in overview.facts.declarations.get(iso3, [])
                if d.category == c.category.value
            ] + [
                source
                for d in overview.facts.merged(iso3).destructions
                if d.category is c.category and rules.counts_on(d, overview.as_of)
                for source in d.sources
            ]
            rows.append(
                {
                    "iso3": iso3,
                    "name": overview.name(iso3),
                    "category": c.category.value,
                    "category_label": labels[c.category.value],
                    "declared": _value(c.declared),
                    "declared_exactness": _exactness(c.declared),
                    "destroyed": _value(c.destroyed),
                    "destroyed_exactness": _exactness(c.destroyed),
                    "remaining": _value(c.remaining),
                    "remaining_exactness": _exactness(c.remaining),
                    "share_destroyed": (
                        None if c.share_destroyed is None else round(c.share_destroyed, 4)
                    ),
                    "sources": "; ".join(dict.fromkeys(citations)),
                    "progress": c,
                }
            )
    return rows


def _extensions(result: Any) -> str:
    parts = []
    for e in result.extensions:
        text = f"{e.meeting or '?'}: {e.decision.value}"
        if e.months_granted:
            text += f" ({e.months_granted} months)"
        parts.append(text)
    return "; ".join(parts)


def obligation_table(overview: Overview) -> list[dict[str, Any]]:
    return [
        {
            "iso3": o.state,
            "name": overview.name(o.state),
            "basis": o.basis.value,
            "status": o.status.value,
            "original_deadline": serialize.fuzzy(o.original_deadline),
            "current_deadline": serialize.fuzzy(o.current_deadline),
            "completed": serialize.fuzzy(o.completed),
            "extensions": _extensions(o),
            "pending_request": o.pending_request,
            "sources": "; ".join(o.sources),
        }
        for o in sorted(overview.obligations, key=lambda o: overview.name(o.state))
    ]


def destruction_table(overview: Overview, iso3: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for code in _ordered(overview, overview.facts.destructions):
        if iso3 is not None and code != iso3:
            continue
        for d in overview.facts.destructions[code]:
            if not rules.counts_on(d.as_rule(), overview.as_of):
                continue
            rows.append(
                {
                    "iso3": code,
                    "name": overview.name(code),
                    "category": d.category,
                    "year": d.year,
                    "through": serialize.fuzzy(d.through),
                    "quantity": d.quantity,
                    "exactness": d.qualifier,
                    "method": d.method,
                    "site": d.site,
                    "source": d.citation,
                    "fact": d,
                    "amount": d.as_rule().amount,
                }
            )
    rows.sort(key=lambda r: (r["name"], r["year"] or 0, r["through"] or "", r["category"]))
    return rows


def retention_table(overview: Overview, iso3: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for code in _ordered(overview, overview.facts.retentions):
        if iso3 is not None and code != iso3:
            continue
        facts = {r.year: r for r in overview.facts.retentions[code]}
        history = rules.retention_history([r.as_rule() for r in facts.values()], overview.as_of)
        for item in history:
            fact = facts[item.row.year]
            rows.append(
                {
                    "iso3": code,
                    "name": overview.name(code),
                    "year": item.row.year,
                    "munitions": item.row.munitions,
                    "munitions_change": item.munitions_change,
                    "submunitions": item.row.submunitions,
                    "submunitions_change": item.submunitions_change,
                    "exactness": item.row.qualifier.value,
                    "munitions_amount": item.row.munitions_amount,
                    "submunitions_amount": item.row.submunitions_amount,
                    "munitions_consumed": item.row.munitions_consumed,
                    "submunitions_consumed": item.row.submunitions_consumed,
                    "planned_use": item.row.planned_use,
                    "actual_use": item.row.actual_use,
                    "source": fact.citation,
                    "retains": item.row.retains,
                    "fact": fact,
                }
            )
    return rows


PROGRAMME_LABELS = {
    "not_started": _("Not started"),
    "in_progress": _("In progress"),
    "completed": _("Completed"),
}


def reported_rows(
    iso3: str, name: str, reports: list[rules.ReportedYear], merged: rules.Merged
) -> list[dict[str, Any]]:
    """One row per report year and category (Forms B and D), with whether its destroyed
    and retained figures count in the computed totals (``False``: the record's own figure
    for that State, year and category is used instead; ``None``: no such figure)."""
    labels = dict(Category.choices)
    T = rules.ReportTable
    rows = []
    for report in sorted(reports, key=lambda r: r.year):
        categories: list[rules.Category | None] = [*report.categories] or [None]
        for category in categories:

            def get(
                table: rules.ReportTable,
                r: rules.ReportedYear = report,
                c: rules.Category | None = category,
            ) -> int | None:
                amount = None if c is None else r.amount(table, c)
                return None if amount is None else amount.value

            destroyed, retained = get(T.DESTROYED), get(T.RETAINED)
            forms = sorted(
                {rules.FORM_OF[f.table] for f in report.figures if f.category is category}
                | ({"B"} if report.programme_status else set())
            )
            rows.append(
                {
                    "iso3": iso3,
                    "name": name,
                    "year": report.year,
                    "category": None if category is None else category.value,
                    "category_label": "" if category is None else labels[category.value],
                    "stockpile": get(T.STOCKPILE),
                    "destroyed": destroyed,
                    "discovered": get(T.DISCOVERED),
                    "retained": retained,
                    "transferred": get(T.TRANSFERRED),
                    "programme_status": report.programme_status,
                    "programme_label": PROGRAMME_LABELS.get(report.programme_status or "", ""),
                    "destroyed_in_totals": None
                    if destroyed is None
                    else (report.year, category) in merged.destruction_used,
                    "retained_in_totals": None
                    if retained is None
                    else report.year in merged.retention_used,
                    "sources": "; ".join(report.citation(f) for f in forms),
                    "citations": [report.citation(f) for f in forms],
                }
            )
    return rows


def reported_table(overview: Overview, iso3: str | None = None) -> list[dict[str, Any]]:
    """Forms B and D of the published reports, by State (name), year and category."""
    rows = []
    for code in _ordered(overview, overview.facts.reported):
        if iso3 is not None and code != iso3:
            continue
        rows += reported_rows(
            code, overview.name(code), overview.facts.reported[code], overview.facts.merged(code)
        )
    return rows


def flat(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> list[dict[str, Any]]:
    return [{c: row[c] for c in columns} for row in rows]


def table(overview: Overview, name: str) -> list[dict[str, Any]]:
    build = {
        "progress": progress_table,
        "obligations": obligation_table,
        "destruction": destruction_table,
        "retention": retention_table,
        "reported": reported_table,
        "figures": figure_table,
    }[name]
    return flat(build(overview), COLUMNS[name])
