"""Form H (victim assistance) of the published Article 7 reports: the States' own figures,
cited as ``report LAO 2023, Form H``. Published versions only (``transparency.published``):
a draft or a version awaiting review never reaches a public page through here."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.rules.reporting.content import ReportView
from treaty_tracker.rules.victims import CasualtyRecord, form_h_casualties
from treaty_tracker.transparency.published import published_cooperation_contents

FORM = "H"


def citation(iso3: str, year: int, form: str = FORM) -> str:
    return f"report {iso3} {year}, Form {form}"


def casualties(as_of: date) -> list[CasualtyRecord]:
    """Killed and injured per State and year from the latest published report covering
    the year, submitted on or before ``as_of`` (one query)."""
    records: list[CasualtyRecord] = []
    for (iso3, year), content in sorted(published_cooperation_contents(as_of).items()):
        records += form_h_casualties(iso3, year, content, citation(iso3, year))
    return records


def latest_form_h(iso3: str, as_of: date) -> dict[str, Any] | None:
    """The State's most recent published Form H marked ``changed`` or ``unchanged`` (by
    ``as_of``): its data and citation, for the profile; None when there is none."""
    contents = published_cooperation_contents(as_of)
    for (state, year), content in sorted(contents.items(), reverse=True):
        if state != iso3:
            continue
        form = ReportView(content).form(FORM)
        if form.counted:  # FormView's status rule: the profile shows what still stands
            return {
                "year": year,
                "status": form.status,
                "data": form.figures(),
                "text": form.text,
                "citation": citation(iso3, year),
            }
    return None
