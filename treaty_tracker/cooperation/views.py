"""The Article 6 pages: the overview (per year and theme, per State, downloads), the
needs-and-offers view and the Country Coalitions. Each parses its GET form, asks
``cooperation.selectors`` and renders; no figure is computed here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from treaty_tracker.cooperation import selectors
from treaty_tracker.cooperation.charts import cooperation_svg, cooperation_svg_document
from treaty_tracker.cooperation.forms import NeedsForm, YearsForm
from treaty_tracker.cooperation.models import Coalition, Direction, Kind, Theme
from treaty_tracker.cooperation.tables import FACT_COLUMNS, NEED_COLUMNS, fact_row, need_row
from treaty_tracker.rules import assistance as rules
from treaty_tracker.themes.forms import AsOfForm
from treaty_tracker.themes.pages import BAD_REQUEST, Table, ThemePage, download_links

DIRECTION_HEADS = [
    ("requested", _("Requested")),
    ("offered", _("Offered")),
    ("provided", _("Provided")),
    ("received", _("Received")),
]
REPORT_HEADS = [
    ("requesting", _("Requesting")),
    ("providing", _("Providing")),
    ("receiving", _("Receiving")),
]
THEME_LABELS = dict(Theme.choices)
DIRECTION_LABELS = dict(Direction.choices)
KIND_LABELS = dict(Kind.choices)


def _fact_rows(view: selectors.Overview) -> list[dict[str, Any]]:
    return [fact_row(f, view.names) for f in view.facts]


class CooperationPage(ThemePage):
    template = "cooperation/cooperation.html"
    form_class = YearsForm
    nav = "cooperation"
    tables = {"assistance": Table(FACT_COLUMNS, _fact_rows)}

    def overview(self, data: dict[str, Any]) -> selectors.Overview:
        return selectors.overview(data["as_of"], data["from_year"], data["to_year"])

    def download_name(self, view: Any, data: dict[str, Any], table: str) -> str:
        return f"cooperation-{data['as_of']}"

    def page(self, view: selectors.Overview, data: dict[str, Any]) -> dict[str, Any]:
        return dict(
            download_links(self.request),
            as_of=view.as_of,
            view=view,
            chart=mark_safe(cooperation_svg(view)),  # render_svg escapes every text
            chart_url=_chart_url(view.as_of, view.first, view.last),
            years=[
                {
                    "summary": summary,
                    "report": view.report_figures.get(summary.first)
                    if summary.first == summary.last
                    else None,
                    "review": view.review_figures.get(summary.first, {})
                    if summary.first == summary.last
                    else {},
                    "record": view.record_years.get(summary.period),
                    "themes": [
                        (
                            THEME_LABELS[theme],
                            [summary.cell(theme, d) for d, _label in DIRECTION_HEADS],
                        )
                        for theme in rules.THEMES
                        if any(summary.cell(theme, d).facts for d, _label in DIRECTION_HEADS)
                    ],
                }
                for summary in view.years
            ],
            states=[
                {
                    "summary": s,
                    "name": view.names.get(s.state, s.state),
                    "party": s.state in view.parties,
                    "cells": [
                        [THEME_LABELS[t] for t in s.themes[d]] for d, _label in DIRECTION_HEADS
                    ],
                }
                for s in sorted(view.states, key=lambda s: view.names.get(s.state, s.state))
            ],
            facts=[(f, view.names.get(f.state, f.state)) for f in view.facts],
            direction_heads=DIRECTION_HEADS,
            report_heads=REPORT_HEADS,
            theme_labels=THEME_LABELS,
            direction_labels=DIRECTION_LABELS,
            kind_labels=KIND_LABELS,
        )


cooperation = CooperationPage.as_view()


def _chart_url(as_of: date, first: int, last: int) -> str:
    query = {"as_of": as_of.isoformat(), "from_year": first, "to_year": last}
    return f"{reverse('web:cooperation_chart')}?{urlencode(query)}"


def cooperation_chart(request: HttpRequest) -> HttpResponse:
    """``/cooperation/chart.svg``: the overview's chart as a file, for the same date and
    years; a bad query is a 400 with each problem in words."""
    form = YearsForm.bind(request.GET)
    if not form.is_valid():
        errors = "; ".join(
            f"{name}: {error}" for name, errors in form.errors.items() for error in errors
        )
        return HttpResponse(
            errors + "\n", content_type="text/plain; charset=utf-8", status=BAD_REQUEST
        )
    data = form.cleaned_data
    view = selectors.overview(data["as_of"], data["from_year"], data["to_year"])
    response = HttpResponse(
        cooperation_svg_document(view), content_type="image/svg+xml; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="cooperation-{view.as_of.isoformat()}-{view.first}-{view.last}.svg"'
    )
    return response


@dataclass(frozen=True)
class Needs:
    """The requests for assistance in the years, each with the support found around it."""

    window: int
    matches: list[rules.Match]
    names: dict[str, str]
    parties: set[str]


def _need_rows(found: Needs) -> list[dict[str, Any]]:
    return [need_row(m, found.names) for m in found.matches]


class NeedsPage(ThemePage):
    template = "cooperation/needs.html"
    form_class = NeedsForm
    nav = "cooperation"
    tables = {"needs": Table(NEED_COLUMNS, _need_rows)}

    def overview(self, data: dict[str, Any]) -> Needs:
        window = rules.DEFAULT_WINDOW if data["window"] is None else data["window"]
        matches = selectors.needs(data["as_of"], data["from_year"], data["to_year"], window)
        if data["theme"]:
            matches = [m for m in matches if m.need.theme == data["theme"]]
        names, parties = selectors.names_and_parties(data["as_of"])
        matches.sort(
            key=lambda m: (m.need.year, names.get(m.need.state, m.need.state), m.need.theme)
        )
        return Needs(window, matches, names, parties)

    def download_name(self, view: Any, data: dict[str, Any], table: str) -> str:
        return f"cooperation-needs-{data['as_of']}"

    def page(self, found: Needs, data: dict[str, Any]) -> dict[str, Any]:
        names = found.names
        return dict(
            download_links(self.request),
            as_of=data["as_of"],
            first=data["from_year"],
            last=data["to_year"],
            window=found.window,
            matches=[
                {
                    "match": m,
                    "name": names.get(m.need.state, m.need.state),
                    "party": m.need.state in found.parties,
                    "theme": THEME_LABELS[m.need.theme],
                    "supporters": [(s, names.get(s.state, s.state)) for s in m.supporters],
                }
                for m in found.matches
            ],
            unmatched=sum(1 for m in found.matches if not m.matched),
            direction_labels=DIRECTION_LABELS,
        )


cooperation_needs = NeedsPage.as_view()


class CoalitionsPage(ThemePage):
    template = "cooperation/coalitions.html"
    form_class = AsOfForm
    nav = "cooperation"

    def overview(self, data: dict[str, Any]) -> date:
        return data["as_of"]

    def page(self, as_of: date, data: dict[str, Any]) -> dict[str, Any]:
        return dict(
            as_of=as_of,
            coalitions=[
                {
                    "coalition": c,
                    "status": selectors.coalition_status(c, as_of),
                    "status_label": dict(Coalition.Status.choices)[
                        selectors.coalition_status(c, as_of)
                    ],
                    "theme": THEME_LABELS.get(c.theme, c.theme),
                    "members": list(c.members.all()),
                    "meetings": selectors.meetings_by(c, as_of),
                }
                for c in selectors.coalitions(as_of)
            ],
        )


cooperation_coalitions = CoalitionsPage.as_view()
