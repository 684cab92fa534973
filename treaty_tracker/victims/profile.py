"""The victims section of a State's profile page (see ``themes.registry``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.rules.victims import casualties_by_year, latest
from treaty_tracker.states.selectors import register
from treaty_tracker.victims import reports, selectors


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}`` for the State's profile, or None to show nothing.
    A fixed number of queries, whatever the State.

    Shown for a State with Article 5 obligations on the date, or with any victim
    assistance fact, casualty figure or Form H on the record."""
    everything = register()
    if iso3 not in everything:
        return None
    obligation = everything.state(iso3, as_of).victim_assistance
    facts = selectors.state_facts(iso3)
    years = casualties_by_year(selectors.casualty_records(as_of), [iso3])
    form_h = reports.latest_form_h(iso3, as_of)
    if not (obligation or facts or years or form_h):
        return None
    current = {kind: f for (_state, kind), f in latest(facts, as_of).items()}
    return {
        "template": "victims/profile_section.html",
        "obligation": obligation,
        "current": current,
        "history": facts,
        "years": years,
        "form_h": form_h,
        "as_of": as_of,
    }
