"""The implementation support page (CCM/CONF/2020/13 section IX): the ISU's budget and the
contributions towards it (with a chart), the capital reserve, meetings with their
documents and decisions, assessed contributions (totals per meeting; per State for ISU
staff only), the sponsorship programme, the Coordination Committee by year and other
actors, each table downloadable. Everything comes from ``selectors.overview``."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from treaty_tracker.accounts import policy
from treaty_tracker.rules import serialize
from treaty_tracker.rules.support import Sum
from treaty_tracker.support.charts import budget_svg
from treaty_tracker.support.selectors import Overview, overview
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm
from treaty_tracker.themes.pages import Table, ThemePage, links_by_table

#: Tables everyone may download, and the one only ISU staff may (per-State arrears).
PUBLIC_TABLES = ("budgets", "contributions", "meetings", "arrears", "sponsorship", "committee")
STAFF_TABLES = ("arrears_by_state",)

COLUMNS: dict[str, tuple[str, ...]] = {
    "budgets": (
        "year",
        "currency",
        "budget",
        "contributions",
        "regular",
        "earmarked",
        "contributions_complete",
        "other_currencies",
        "difference",
        "covered",
        "contributors",
        "sources",
    ),
    "contributions": (
        "year",
        "contributor",
        "kind",
        "amount",
        "currency",
        "received",
        "sources",
    ),
    "meetings": (
        "meeting",
        "name",
        "opens",
        "closes",
        "place",
        "presidency",
        "document_kind",
        "symbol",
        "title",
        "date",
        "url",
        "sources",
    ),
    "arrears": (
        "meeting",
        "currency",
        "assessed",
        "paid",
        "outstanding",
        "outstanding_complete",
        "states",
        "states_in_arrears",
        "states_not_known",
        "sources",
    ),
    "arrears_by_state": (
        "meeting",
        "state",
        "currency",
        "assessed",
        "paid",
        "outstanding",
        "credit",
        "sources",
    ),
    "sponsorship": (
        "meeting",
        "donors",
        "amount",
        "currency",
        "amount_complete",
        "delegates",
        "states_count",
        "states",
        "sources",
    ),
    "committee": ("state", "role", "theme", "starts", "ends", "sources"),
}


class SupportForm(QueryForm):
    defaults = {"table": "budgets"}

    as_of = AsOfField()
    table = downloads.table_field(
        [
            ("budgets", _("ISU budget and contributions per year")),
            ("contributions", _("Contributions to the ISU")),
            ("meetings", _("Meetings, documents and decisions")),
            ("arrears", _("Assessed contributions per meeting (totals)")),
            ("arrears_by_state", _("Assessed contributions per State (ISU staff)")),
            ("sponsorship", _("Sponsorship programme per meeting")),
            ("committee", _("Coordination Committee")),
        ]
    )
    format = downloads.format_field()


def _num(value: Any) -> str | None:
    return None if value is None else str(value)


def _sum(s: Sum) -> str | None:
    return _num(s.amount)


def _rows(table: str, view: Overview) -> list[dict[str, Any]]:
    return rows(view, table)


def rows(view: Overview, table: str) -> list[dict[str, Any]]:
    """The rows of one downloadable table (values JSON-ready; None is "not known")."""
    if table == "budgets":
        return [
            {
                "year": y.year,
                "currency": y.currency,
                "budget": _num(y.budget),
                "contributions": _sum(y.contributions),
                "regular": _sum(y.regular),
                "earmarked": _sum(y.earmarked),
                "contributions_complete": y.contributions.complete,
                "other_currencies": " ".join(
                    f"{c} {a}" for c, a in sorted(y.contributions.other.items())
                ),
                "difference": _num(y.difference),
                "covered": y.covered,
                "contributors": " ".join(y.contributors),
                "sources": "; ".join(y.sources),
            }
            for y in view.budgets
        ]
    if table == "contributions":
        return [
            {
                "year": c.year,
                "contributor": c.state.iso3 if c.state_id else c.contributor,
                "kind": c.kind,
                "amount": _num(c.amount),
                "currency": c.currency,
                "received": serialize.fuzzy(c.received) if c.received else None,
                "sources": c.citation,
            }
            for c in view.contributions
        ]
    if table == "meetings":
        result = []
        for m in view.meetings:
            base = {
                "meeting": m.code,
                "name": m.name,
                "opens": serialize.fuzzy(m.opens),
                "closes": serialize.fuzzy(m.closes),
                "place": m.place,
                "presidency": m.president,
            }
            empty = dict.fromkeys(("document_kind", "symbol", "title", "date", "url"), "")
            docs = m.documents or (None,)
            for d in docs:
                row = base | empty | {"sources": m.citation}
                if d is not None:
                    row |= {
                        "document_kind": d.kind,
                        "symbol": d.symbol,
                        "title": d.title,
                        "date": serialize.fuzzy(d.date),
                        "url": d.url,
                        "sources": d.citation,
                    }
                result.append(row)
        return result
    if table == "arrears":
        return [
            {
                "meeting": a.meeting,
                "currency": a.currency,
                "assessed": _sum(a.assessed),
                "paid": _sum(a.paid),
                "outstanding": _sum(a.outstanding),
                "outstanding_complete": a.outstanding.complete,
                "states": a.states,
                "states_in_arrears": a.states_in_arrears,
                "states_not_known": a.not_known,
                "sources": "; ".join(a.sources),
            }
            for a in view.meeting_arrears
        ]
    if table == "arrears_by_state":
        return [
            {
                "meeting": a.meeting,
                "state": a.state,
                "currency": a.currency,
                "assessed": _num(a.assessed),
                "paid": _num(a.paid),
                "outstanding": _num(a.outstanding),
                "credit": _num(a.credit),
                "sources": "; ".join(a.sources),
            }
            for a in view.arrears
        ]
    if table == "sponsorship":
        return [
            {
                "meeting": s.meeting,
                "donors": " ".join(s.donors),
                "amount": _sum(s.amount),
                "currency": s.amount.currency,
                "amount_complete": s.amount.complete,
                "delegates": s.delegates,
                "states_count": s.states_count,
                "states": " ".join(s.states),
                "sources": "; ".join(s.sources),
            }
            for s in view.sponsorship
        ]
    return [
        {
            "state": s.state,
            "role": s.role,
            "theme": s.theme,
            "starts": serialize.fuzzy(s.starts),
            "ends": serialize.fuzzy(s.ends) if s.ends else None,
            "sources": s.citation,
        }
        for s in view.seats
    ]


class SupportPage(ThemePage):
    template = "support/support.html"
    form_class = SupportForm
    nav = "support"
    tables = {
        **{table: Table(COLUMNS[table], partial(_rows, table)) for table in PUBLIC_TABLES},
        # Per-State arrears are for the ISU (docs/support.md); the totals are public.
        **{
            table: Table(COLUMNS[table], partial(_rows, table), readers=policy.is_isu)
            for table in STAFF_TABLES
        },
    }

    def overview(self, data: dict[str, Any]) -> Overview:
        return overview(data["as_of"])

    def page(self, view: Overview, data: dict[str, Any]) -> dict[str, Any]:
        return dict(
            as_of=view.as_of,
            view=view,
            staff=policy.is_isu(self.request.user),
            links=links_by_table(self.request, self.readable_tables()),
            # The SVG is built by our own renderer from numbers and escaped words.
            chart=mark_safe(budget_svg(view.budgets, view.as_of)) if view.budgets else "",
        )


support = SupportPage.as_view()
