"""Article 3 figures the States give in their published Article 7 reports: Form B
(stockpile, destroyed, discovered; the destruction programme's status: Art. 7(1)(b),
(e)-(g)) and Form D (retained and transferred: Art. 3(6)-(8)).

Only published versions are read (``transparency.published``): of each State's report for a
year, the latest published version submitted on or before the date asked (an annual report
preferred to a voluntary one). Each figure is cited "report <State> <year>, Form B" (or D).
The reading itself is the pure :func:`treaty_tracker.rules.stockpiles.read_report`.
"""

from __future__ import annotations

from datetime import date

from treaty_tracker.rules import stockpiles as rules
from treaty_tracker.transparency.published import published_cooperation_contents


def reported(as_of: date, iso3: str | None = None) -> dict[str, list[rules.ReportedYear]]:
    """ISO3 -> Forms B and D of its reports, oldest year first; States whose reports give
    nothing for Article 3 are left out. One query."""
    result: dict[str, list[rules.ReportedYear]] = {}
    for (state, year), content in sorted(published_cooperation_contents(as_of).items()):
        if iso3 is not None and state != iso3:
            continue
        row = rules.read_report(state, year, content)
        if row is not None:
            result.setdefault(state, []).append(row)
    return result
