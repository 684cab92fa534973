"""The stockpiles section of a State's profile page (see ``themes.registry``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.states.selectors import register, treaty
from treaty_tracker.stockpiles import selectors, tables


def section(iso3: str, as_of: date) -> dict[str, Any] | None:
    """``{"template": ..., **context}`` for the State's profile, or None to show nothing.
    A fixed number of queries, whatever the State: the five of ``selectors.facts`` and the
    cached register.

    Shown when the record holds an Article 3 fact of the State (declared stockpile,
    destruction, retention, declaration of compliance), a published report's Form B or D
    figure, or an Article 3 obligation."""
    facts = selectors.facts(iso3, as_of)
    everything = register()
    obligation = None
    if iso3 in everything:
        obligation = everything.state(iso3, as_of).obligation(treaty().stockpile.article)
    if not facts.states and obligation is None:
        return None
    progress = facts.progress(iso3, as_of)
    destruction = [
        (d, d.as_rule().amount)
        for d in facts.destructions.get(iso3, [])
        if rules.counts_on(d.as_rule(), as_of)
    ]
    retained = {r.year: r for r in facts.retentions.get(iso3, [])}
    history = rules.retention_history([r.as_rule() for r in retained.values()], as_of)
    declarations = [d for d in facts.declarations.get(iso3, []) if selectors.dated(d.as_of, as_of)]
    return {
        "template": "stockpiles/profile_section.html",
        "obligation": obligation,
        "declarations": declarations,
        "progress": progress,
        "destruction": sorted(destruction, key=lambda r: (r[0].year or 0, r[0].category)),
        "retention": [(item, retained[item.row.year]) for item in history],
        "compliance": [
            c for c in facts.compliance.get(iso3, []) if selectors.dated(c.declared, as_of)
        ],
        "reported": tables.reported_rows(
            iso3, iso3, facts.reported.get(iso3, []), facts.merged(iso3)
        ),
        "article": treaty().articles["stockpile"],
    }
