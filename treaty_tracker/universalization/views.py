"""The universalization page (CCM/CONF/2020/13 section II): status and joiners computed
from the register, UNGA votes (table and chart), States Parties over time (chart),
participation in meetings, outreach, and the facts about States not parties (affected,
producers, policies, allegations of use), each with its sources and as downloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules import universalization as rules
from treaty_tracker.rules.results import Status
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import ISO_DATE, AsOfField, QueryForm
from treaty_tracker.themes.pages import Table, ThemePage, links_by_table
from treaty_tracker.universalization import charts, selectors

# The default period for "joined": since the end of the First Review Conference.
DEFAULT_SINCE = date(2015, 9, 11)

TABLES = {
    "status": _("States Parties and signatories"),
    "joiners": _("States that joined in the period"),
    "votes": _("UNGA votes per year"),
    "state_votes": _("UNGA votes per State"),
    "participation": _("Participation in meetings"),
    "outreach": _("Outreach"),
    "affected": _("Affected States not parties"),
    "producers": _("Producers and stockpilers"),
    "policies": _("Policies and moratoria"),
    "allegations": _("Allegations of use"),
}
COLUMNS = {
    "status": ("iso3", "name", "region", "status", "signature", "consent", "consent_kind"),
    "joiners": ("iso3", "name", "region", "kind", "consent", "sources"),
    "votes": (
        "year",
        "basis",
        "yes",
        "no",
        "abstain",
        "absent",
        "per_state_yes",
        "per_state_no",
        "per_state_abstain",
        "per_state_absent",
        "per_state_complete",
        "sourced_yes",
        "sourced_no",
        "sourced_abstain",
        "mismatch",
        "sources",
    ),
    "state_votes": ("year", "iso3", "name", "vote", "sources"),
    "participation": ("meeting", "opens", "iso3", "name", "role"),
    "outreach": ("date", "kind", "actor", "region", "states", "description", "sources"),
    "affected": ("iso3", "name", "kind", "as_of", "from_list", "sources"),
    "producers": ("iso3", "name", "kind", "as_of", "from_list", "sources"),
    "policies": ("iso3", "name", "kind", "adopted", "text", "url", "from_list", "sources"),
    "allegations": (
        "period",
        "territory",
        "place",
        "user_state",
        "user_description",
        "status",
        "description",
        "sources",
    ),
}


class UniversalizationForm(QueryForm):
    defaults = {"table": "status"}

    as_of = AsOfField()
    since = forms.DateField(
        label=_("Joined since"),
        required=False,
        input_formats=[ISO_DATE],
        help_text=_("Start of the period for “joined” (YYYY-MM-DD); default 11 September 2015."),
        widget=forms.DateInput(format=ISO_DATE, attrs={"type": "date"}),
    )
    table = downloads.table_field(list(TABLES.items()))
    format = downloads.format_field()

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        since, as_of = data.get("since"), data.get("as_of")
        if since and as_of and since > as_of:
            self.add_error("since", _("The period must start on or before the “as of” date."))
        return data


def _fz(value: Any) -> str:
    return "" if value is None else value.iso()


def _join(sources: tuple[str, ...]) -> str:
    return "; ".join(dict.fromkeys(sources))


def rows(table: str, view: selectors.Overview, joined: rules.Joiners) -> list[dict[str, Any]]:
    names = view.names
    if table == "status":
        return [
            {
                "iso3": s.iso3,
                "name": s.name,
                "region": s.region,
                "status": str(s.status),
                "signature": _fz(s.record.signature),
                "consent": _fz(s.record.consent),
                "consent_kind": str(s.record.consent_kind or ""),
            }
            for s in view.summary.states
            if s.status in (Status.STATE_PARTY, Status.SIGNATORY)
        ]
    if table == "joiners":
        return [
            {
                "iso3": j.iso3,
                "name": j.name,
                "region": j.region,
                "kind": j.kind,
                "consent": j.consent.iso(),
                "sources": _join(j.sources),
            }
            for j in joined.states
        ]
    if table == "votes":
        return [
            {
                "year": y.year,
                "basis": y.basis,
                "yes": y.yes,
                "no": y.no,
                "abstain": y.abstain,
                "absent": y.absent,
                **{f"per_state_{k}": y.per_state.get(k, 0) for k in rules.VoteChoice},
                "per_state_complete": y.per_state_complete,
                "sourced_yes": y.sourced.yes if y.sourced else None,
                "sourced_no": y.sourced.no if y.sourced else None,
                "sourced_abstain": y.sourced.abstain if y.sourced else None,
                "mismatch": y.mismatch,
                "sources": _join(y.sources),
            }
            for y in view.votes
        ]
    if table == "state_votes":
        return [
            {
                "year": v.year,
                "iso3": v.iso3,
                "name": names.get(v.iso3, v.iso3),
                "vote": str(v.vote),
                "sources": _join(v.sources),
            }
            for v in view.state_votes
        ]
    if table == "participation":
        return [
            {
                "meeting": m.meeting,
                "opens": m.opens.iso(),
                "iso3": code,
                "name": names.get(code, code),
                "role": role,
            }
            for m in view.meetings
            for role, codes in m.by_role.items()
            for code in codes
        ]
    if table == "outreach":
        return [
            {
                "date": o.date.iso(),
                "kind": o.kind,
                "actor": o.actor,
                "region": o.region,
                "states": " ".join(c for c, _n in o.states),
                "description": o.description,
                "sources": _join(o.sources),
            }
            for o in view.outreach
        ]
    if table in ("affected", "producers", "policies"):
        found = {"affected": view.affected, "producers": view.producers, "policies": view.policies}[
            table
        ]
        date_column = "adopted" if table == "policies" else "as_of"
        return [
            {
                "iso3": r.iso3,
                "name": r.name,
                "kind": r.kind,
                date_column: r.when.iso(),
                "text": r.detail,
                "url": r.url,
                "from_list": r.from_list,
                "sources": _join(r.sources),
            }
            for r in found
        ]
    return [
        {
            "period": a.period.iso(),
            "territory": a.territory[0] if a.territory else "",
            "place": a.place,
            "user_state": a.user[0] if a.user else "",
            "user_description": a.user_description,
            "status": a.status,
            "description": a.description,
            "sources": _join(a.sources),
        }
        for a in view.allegations
    ]


@dataclass(frozen=True)
class Joined:
    """The overview on the date, and who joined in the period from ``since`` to it."""

    view: selectors.Overview
    since: date
    joined: rules.Joiners


def _table_rows(table: str, found: Joined) -> list[dict[str, Any]]:
    return rows(table, found.view, found.joined)


class UniversalizationPage(ThemePage):
    template = "universalization/universalization.html"
    form_class = UniversalizationForm
    nav = "universalization"
    tables = {
        table: Table(columns, partial(_table_rows, table)) for table, columns in COLUMNS.items()
    }

    def overview(self, data: dict[str, Any]) -> Joined:
        as_of: date = data["as_of"]
        since: date = data["since"] or min(DEFAULT_SINCE, as_of)
        view = selectors.overview(as_of)
        return Joined(view, since, rules.joiners(view.summary, since, as_of))

    def page(self, found: Joined, data: dict[str, Any]) -> dict[str, Any]:
        view, as_of = found.view, data["as_of"]
        return dict(
            as_of=as_of,
            since=found.since,
            view=view,
            joined=found.joined,
            names=view.names,
            links=links_by_table(self.request, TABLES),
            regions=sorted(
                (region, [view.names[c] for c in codes])
                for region, codes in view.signatories_by_region.items()
            ),
            # The SVGs are built by our own renderer from numbers and escaped words.
            votes_chart=mark_safe(charts.votes_svg(view.votes)) if view.votes else "",
            parties_chart=mark_safe(charts.parties_svg(selectors.parties_over_time(as_of))),
        )


universalization = UniversalizationPage.as_view()
