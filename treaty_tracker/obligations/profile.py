"""The national implementation measures (Art. 9) section of a State's profile page
(see ``themes.registry``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.obligations.measures_selectors import form_a, records, snapshot_display
from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.rules.measures import latest


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}`` for the State's profile, or None to show nothing.
    A fixed number of queries, whatever the State.

    Shown whenever the State has a category on the record or a published Form A: the
    categories on the date, every fact with its source (its history), and Form A."""
    history = list(
        NationalMeasure.objects.filter(state__iso3=iso3)
        .select_related("source", "entered_by")
        .order_by("as_of", "category")
    )
    reported = form_a(as_of, iso3).get(iso3)
    if not history and reported is None:
        return None
    snap = latest(records(iso3), as_of).get(iso3)
    return {
        "template": "obligations/measures_profile_section.html",
        "latest": snapshot_display(snap) if snap else None,
        "history": sorted(
            history, key=lambda m: (m.as_of.latest or date.min, m.as_of.earliest or date.min)
        ),
        "reported": reported,
    }
