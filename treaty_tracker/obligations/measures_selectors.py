"""Article 9 (national implementation measures): the reads shared by the page
(``measures_views``), its downloads, the API (``measures_api``), the profile section, the
review section and the plans' indicators.

The categories come from ``NationalMeasure`` facts through ``rules.measures``; the
measures States list in Form A of their published Article 7 reports are shown beside
them, cited as ``report ISL 2023, Form A``, never turned into a category.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.rules.measures import (
    CategoryCount,
    MeasureRecord,
    Snapshot,
    SourcedCount,
    count_kinds,
    counts,
    history,
    latest,
)
from treaty_tracker.rules.reporting.content import ReportView
from treaty_tracker.sources.models import Figure
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.models import State
from treaty_tracker.transparency.published import published_cooperation_contents

FIGURE_PREFIX = "national_implementation."
FORM = "A"


def records(iso3: str | None = None) -> list[MeasureRecord]:
    """The ``NationalMeasure`` facts as rules records (one query)."""
    rows = NationalMeasure.objects.select_related("state", "source", "entered_by")
    if iso3 is not None:
        rows = rows.filter(state__iso3=iso3)
    return [
        MeasureRecord(
            state=m.state.iso3,
            category=m.category,
            as_of=m.as_of,
            kind=m.kind,
            title=m.title,
            adopted=m.adopted,
            url=m.url,
            sources=(m.citation,),
        )
        for m in rows
    ]


def stated_counts() -> list[SourcedCount]:
    """The totals the sources state (``national_implementation.*`` figures; one query)."""
    return [
        SourcedCount(f.key, f.value, f.as_of, f.label, (f.citation,))
        for f in Figure.objects.filter(key__startswith=FIGURE_PREFIX).select_related(
            "source", "entered_by"
        )
    ]


def form_a(as_of: date, iso3: str | None = None) -> dict[str, dict[str, Any]]:
    """ISO3 -> the most recent published Form A submitted by ``as_of`` that the status rule
    reads (``FormView.counted``: changed or unchanged): its measures and citation (one
    query). A list of measures still stands when the form is unchanged."""
    found: dict[str, dict[str, Any]] = {}
    for (state, year), content in sorted(published_cooperation_contents(as_of).items()):
        if iso3 is not None and state != iso3:
            continue
        form = ReportView(content).form(FORM)
        if not form.counted:
            continue
        found[state] = {
            "year": year,
            "measures": form.figure_rows("measures"),
            "citation": f"report {state} {year}, Form {FORM}",
        }
    return found


@dataclass(frozen=True)
class Overview:
    as_of: date
    counts: list[CategoryCount]
    latest: dict[str, Snapshot]
    histories: dict[str, list[Snapshot]]
    kinds: dict[str, tuple[str, ...]]
    legal_stated: SourcedCount | None
    administrative_stated: SourcedCount | None
    reported: dict[str, dict[str, Any]]
    names: dict[str, str]


def _latest_stated(stated: list[SourcedCount], key: str, as_of: date) -> SourcedCount | None:
    """The latest of the totals with ``key`` the sources state on or before ``as_of``."""
    known = [s for s in stated if s.key == key and s.as_of.on_or_before(as_of) is True]
    return max(known, key=lambda s: s.as_of.latest or date.min, default=None)


@per_record_version
def overview(as_of: date) -> Overview:
    """Everything the Article 9 page shows for ``as_of`` (a fixed number of queries)."""
    all_records = records()
    stated = stated_counts()
    now = latest(all_records, as_of)
    return Overview(
        as_of=as_of,
        counts=counts(all_records, as_of, stated, FIGURE_PREFIX),
        latest=now,
        histories={s: history(all_records, s) for s in now},
        kinds=count_kinds(all_records, as_of),
        legal_stated=_latest_stated(stated, FIGURE_PREFIX + "legal_measures", as_of),
        administrative_stated=_latest_stated(
            stated, FIGURE_PREFIX + "administrative_measures", as_of
        ),
        reported=form_a(as_of),
        names=dict(State.objects.values_list("iso3", "name")),
    )


def snapshot_display(snap: Snapshot) -> dict[str, Any]:
    """A snapshot in words for a template: the categories' labels."""
    labels = dict(NationalMeasure.Category.choices)
    return {
        "as_of": snap.as_of,
        "categories": [labels.get(c, c) for c in snap.categories],
        "records": snap.records,
        "sources": snap.sources,
    }
