"""The clearance section of a State's profile page (see ``themes.registry``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.clearance import selectors
from treaty_tracker.rules import clearance as rules


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}`` for the State's profile, or None to show nothing
    (no Article 4 obligation and no clearance fact on the record for the date).
    A fixed number of queries, whatever the State."""
    overview = selectors.state_overview(iso3, as_of)
    if overview.obligation is None and overview.empty:
        return None
    return {
        "template": "clearance/profile_section.html",
        "c": overview,
        "parts": rules.BENEFICIARY_PARTS,
    }
