"""The universalization section of a State's profile page (see
``themes.registry``): for a State not party on the date, its UNGA votes,
participation in meetings, policies and moratoria, the facts about it (affected,
producer, stockpiler), outreach addressed to it and allegations of use on its territory
or by it. A fixed number of queries, whatever the State."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.rules.results import Status
from treaty_tracker.states.selectors import register
from treaty_tracker.universalization import selectors


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}``, or None for a State Party (its place is the rest
    of the profile) or a State with nothing on the record here."""
    everything = register()
    if iso3 not in everything:
        return None
    status = everything.state(iso3, as_of).status
    if status is Status.STATE_PARTY:
        return None
    votes = [v for v in selectors.state_votes(iso3) if v.year <= as_of.year]
    participation = selectors.participations(as_of, iso3)
    policies = selectors.policies(as_of, iso3)
    affected, producers = selectors.norm_facts(as_of, iso3)
    outreach = selectors.outreach(as_of, iso3)
    allegations = selectors.allegations(as_of, iso3)
    if not (votes or participation or policies or affected or producers or outreach or allegations):
        return None
    return {
        "template": "universalization/profile_section.html",
        "status": str(status),
        "votes": votes,
        "participation": participation,
        "policies": policies,
        "facts": affected + producers,
        "outreach": outreach,
        "allegations": allegations,
        "as_of": as_of,
    }
