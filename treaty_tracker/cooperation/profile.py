"""The cooperation section of a State's profile page (see ``themes.registry``):
what the State requested, offered, provided and received (the record's facts and Form I of
its published reports), what others reported giving it or receiving from it, its national
resources (Form I), and the Country Coalitions it is in."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.cooperation import selectors
from treaty_tracker.cooperation.models import Coalition, Direction, Kind, Theme
from treaty_tracker.rules import assistance as rules

THEMES = dict(Theme.choices)
DIRECTIONS = dict(Direction.choices)
KINDS = dict(Kind.choices)


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}`` for the State's profile, or None to show nothing.
    A fixed number of queries, whatever the State: its record facts (one), its published
    reports (one), others' reports naming it (one, fetching only those reports),
    coalitions (three)."""
    own = [fact for fact, _row in selectors.record_facts(as_of, iso3)]
    report_facts, resources = selectors.report_facts(as_of, iso3)
    # What other States' reports say they gave this State or received from it: only the
    # reports that may name it are loaded (filtered in the database), never all of them.
    mentions = selectors.report_facts_naming(as_of, iso3)
    coalitions = selectors.coalitions(as_of, iso3)
    facts = sorted(
        [f for f in own if f.state == iso3] + report_facts,
        key=lambda f: (f.year, f.direction, f.theme),
    )
    mentions += [f for f in own if f.state != iso3]
    if not (facts or mentions or resources or coalitions):
        return None
    return {
        "template": "cooperation/profile_section.html",
        "iso3": iso3,
        "facts": [_row(f) for f in facts],
        "mentions": [_row(f) for f in sorted(mentions, key=lambda f: (f.year, f.state))],
        "resources": [
            {"resource": r, "theme": THEMES.get(r.theme, r.theme)}
            for r in sorted(resources, key=lambda r: (r.year, r.theme))
        ],
        "coalitions": [
            {
                "coalition": c,
                "role": (
                    None
                    if c.state.iso3 == iso3
                    else next((m for m in c.members.all() if m.state.iso3 == iso3), None)
                ),
                "status": dict(Coalition.Status.choices)[selectors.coalition_status(c, as_of)],
            }
            for c in coalitions
        ],
    }


def _row(fact: rules.AssistanceFact) -> dict[str, Any]:
    return {
        "fact": fact,
        "direction": DIRECTIONS.get(fact.direction, fact.direction),
        "theme": THEMES.get(fact.theme, fact.theme),
        "kind": KINDS.get(fact.kind, fact.kind),
    }
