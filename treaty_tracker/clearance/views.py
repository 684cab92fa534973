"""The Article 4 thematic page (like the review's section IV): status, progress, risk
education, each figure with its sources and the States behind it; downloads of each table
(``?format=csv|xlsx|json&table=...``). A view parses its GET form, reads the selectors and
renders: every figure is computed in ``rules.clearance`` or is a sourced total.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from treaty_tracker.clearance import charts, selectors
from treaty_tracker.rules import clearance as rules
from treaty_tracker.rules import serialize
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm
from treaty_tracker.themes.pages import Table, ThemePage, table_links

TABLES = {
    "states": (
        "state",
        "name",
        "status",
        "original_deadline",
        "current_deadline",
        "completed",
        "extensions",
        "pending_request",
        "remaining_m2",
        "remaining_bound",
        "remaining_as_of",
        "released_m2",
        "sources",
    ),
    "release": (
        "state",
        "name",
        "year",
        "cancelled_m2",
        "reduced_m2",
        "cleared_m2",
        "total_m2",
        "submunitions_destroyed",
        "sources",
    ),
    "education": (
        "state",
        "name",
        "year",
        "delivery",
        *rules.BENEFICIARY_PARTS,
        "total",
        "reached",
        "sources",
    ),
    "reported": (
        "state",
        "name",
        "year",
        "areas",
        "areas_new",
        "area_m2",
        "cancelled_m2",
        "reduced_m2",
        "cleared_m2",
        "submunitions_destroyed",
        "beneficiaries",
        "sources",
    ),
    "figures": ("key", "label", "value", "unit", "as_of", "sources"),
}


class ClearanceForm(QueryForm):
    as_of = AsOfField()
    table = downloads.table_field(
        [
            ("", _("States with Article 4 obligations")),
            ("release", _("Land release per State and year")),
            ("education", _("Risk reduction education")),
            ("reported", _("Figures from Article 7 reports (Forms F and G)")),
            ("figures", _("Sourced totals")),
        ]
    )
    format = downloads.format_field()


def _num(value: Decimal | int | None) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def state_rows(o: selectors.Overview) -> list[dict[str, Any]]:
    released = {iso: sum(y.total_m2 for y in years) for iso, years in o.by_state.items()}
    rows = []
    for ob in o.obligations:
        left = o.remaining.get(ob.state)
        rows.append(
            {
                "state": ob.state,
                "name": o.names.get(ob.state, ob.state),
                "status": ob.status.value,
                "original_deadline": serialize.fuzzy(ob.original_deadline),
                "current_deadline": serialize.fuzzy(ob.current_deadline),
                "completed": serialize.fuzzy(ob.completed),
                "extensions": "; ".join(
                    f"{e.meeting}: {e.decision.value}"
                    + (f" ({e.months_granted} months)" if e.months_granted else "")
                    for e in ob.extensions
                ),
                "pending_request": ob.pending_request,
                "remaining_m2": left.area_m2 if left else None,
                "remaining_bound": left.bound.value if left else None,
                "remaining_as_of": (left.as_of.iso() if left.dated else "not known")
                if left
                else None,
                "released_m2": released.get(ob.state),
                "sources": "; ".join(dict.fromkeys(ob.sources + (left.sources if left else ()))),
            }
        )
    return rows


def release_rows(o: selectors.Overview) -> list[dict[str, Any]]:
    return [
        {
            "state": iso,
            "name": o.names.get(iso, iso),
            "year": y.year,
            **{f"{m.value}_m2": y.by_method[m] for m in rules.Method},
            "total_m2": y.total_m2,
            "submunitions_destroyed": y.submunitions,
            "sources": "; ".join(y.sources),
        }
        for iso, years in sorted(o.by_state.items(), key=lambda i: o.names.get(i[0], i[0]))
        for y in years
    ]


def education_rows(o: selectors.Overview) -> list[dict[str, Any]]:
    return [
        {
            "state": e.state,
            "name": o.names.get(e.state, e.state),
            "year": e.year,
            "delivery": e.delivery,
            **{p: getattr(e.beneficiaries, p) for p in rules.BENEFICIARY_PARTS},
            "total": e.beneficiaries.total,
            "reached": e.beneficiaries.reached,
            "sources": "; ".join(e.sources),
        }
        for e in o.education
    ]


def reported_rows(o: selectors.Overview) -> list[dict[str, Any]]:
    return [
        {
            "state": r.state,
            "name": o.names.get(r.state, r.state),
            "year": r.year,
            "areas": r.areas,
            "areas_new": r.areas_new,
            "area_m2": _num(r.area_m2),
            **{f"{m.value}_m2": _num(r.released[m]) for m in rules.Method},
            "submunitions_destroyed": r.submunitions,
            "beneficiaries": r.education.reached if r.education else None,
            "sources": f"{r.citation_f}; {r.citation_g}",
        }
        for r in o.reported.rows
    ]


def figure_rows(o: selectors.Overview) -> list[dict[str, Any]]:
    return [
        {
            "key": f.key,
            "label": f.label,
            "value": _num(f.value),
            "unit": f.unit,
            "as_of": f.as_of.iso(),
            "sources": f.citation,
        }
        for f in o.figures
    ]


ROWS = {
    "states": state_rows,
    "release": release_rows,
    "education": education_rows,
    "reported": reported_rows,
    "figures": figure_rows,
}


def _names(o: selectors.Overview, codes: Iterable[str]) -> list[dict[str, str]]:
    return sorted(({"iso3": c, "name": o.names.get(c, c)} for c in codes), key=lambda s: s["name"])


class ClearancePage(ThemePage):
    template = "clearance/clearance.html"
    form_class = ClearanceForm
    nav = "clearance"
    tables = {key: Table(columns, ROWS[key]) for key, columns in TABLES.items()}

    def overview(self, data: dict[str, Any]) -> selectors.Overview:
        return selectors.overview(data["as_of"])

    def page(self, o: selectors.Overview, data: dict[str, Any]) -> dict[str, Any]:
        by_iso = {row["state"]: row for row in state_rows(o)}
        return dict(
            as_of=o.as_of,
            o=o,
            obligations=[(by_iso[ob.state], ob) for ob in o.obligations],
            movement=o.movement,
            movement_names={
                name: _names(o, getattr(o.movement, name))
                for name in (
                    "at_start",
                    "completed",
                    "new",
                    "rediscovered",
                    "at_end",
                    "not_known_at_start",
                )
            }
            if o.movement
            else {},
            release_table=release_rows(o),
            by_year=o.by_year,
            remaining=[(o.names.get(iso, iso), r) for iso, r in o.remaining.items()],
            figure_table=selectors.figure_table(o.figures),
            other_figures=[f for f in o.figures if not f.key.startswith("clearance.")],
            release_svg=mark_safe(
                charts.render_area_svg(charts.release_chart(o.by_year, o.by_state, o.names))
            ),
            remaining_svg=mark_safe(
                charts.render_area_svg(charts.remaining_chart(o.remaining, o.names))
            ),
            downloads=table_links(
                self.request,
                ClearanceForm.base_fields["table"].choices,  # type: ignore[attr-defined]
            ),
            parts=rules.BENEFICIARY_PARTS,
        )


clearance = ClearancePage.as_view()
