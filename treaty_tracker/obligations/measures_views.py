"""Article 9 (national implementation measures): the reads shared by the page, its
downloads, the API (``measures_api``) and the profile section, and the page itself.

The categories come from ``NationalMeasure`` facts through ``rules.measures``; the
measures States list in Form A of their published Article 7 reports are shown beside
them, cited as ``report ISL 2023, Form A``, never turned into a category.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from treaty_tracker.obligations.models import NationalMeasure
from treaty_tracker.rules import serialize
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
from treaty_tracker.sources.models import Figure
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.models import State
from treaty_tracker.themes import downloads
from treaty_tracker.themes.forms import AsOfField, QueryForm, keep_date
from treaty_tracker.transparency.published import published_cooperation_contents

BAD_REQUEST = 400
FIGURE_PREFIX = "national_implementation."
FORM = "A"

# -- reads -------------------------------------------------------------------------------


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
    """ISO3 -> the most recent published Form A (changed or unchanged) submitted by
    ``as_of``: its measures and citation (one query)."""
    found: dict[str, dict[str, Any]] = {}
    for (state, year), content in sorted(published_cooperation_contents(as_of).items()):
        if iso3 is not None and state != iso3:
            continue
        forms_ = content.get("forms")
        form = forms_.get(FORM) if isinstance(forms_, Mapping) else None
        if not isinstance(form, Mapping) or form.get("status") not in ("changed", "unchanged"):
            continue
        data = form.get("data")
        measures = data.get("measures") if isinstance(data, Mapping) else None
        found[state] = {
            "year": year,
            "measures": [m for m in measures or [] if isinstance(m, Mapping)],
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


def _stated(stated: list[SourcedCount], key: str, as_of: date) -> SourcedCount | None:
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
        legal_stated=_stated(stated, FIGURE_PREFIX + "legal_measures", as_of),
        administrative_stated=_stated(stated, FIGURE_PREFIX + "administrative_measures", as_of),
        reported=form_a(as_of),
        names=dict(State.objects.values_list("iso3", "name")),
    )


# -- the page ----------------------------------------------------------------------------

TEMPLATE = "obligations/measures.html"
STATE_COLUMNS = ("iso3", "name", "categories", "as_of", "history", "sources")
COUNT_COLUMNS = (
    "category",
    "count",
    "states",
    "carried_from_earlier_date",
    "stated_count",
    "stated_as_of",
    "sources",
)


class MeasuresForm(QueryForm):
    defaults = {"table": "states"}

    as_of = AsOfField()
    table = forms.ChoiceField(
        label=_("Table to download"),
        required=False,
        choices=[
            ("states", _("Each State's latest categories")),
            ("counts", _("Counts per category")),
        ],
    )
    format = downloads.format_field()


def state_rows(view: Overview) -> list[dict[str, Any]]:
    return [
        {
            "iso3": iso3,
            "name": view.names.get(iso3, iso3),
            "categories": " ".join(snap.categories),
            "as_of": serialize.fuzzy(snap.as_of),
            "history": "; ".join(
                f"{serialize.fuzzy(s.as_of)}: {' '.join(s.categories)}"
                for s in view.histories[iso3]
            ),
            "sources": "; ".join(snap.sources),
        }
        for iso3, snap in sorted(view.latest.items(), key=lambda i: view.names.get(i[0], i[0]))
    ]


def count_rows(view: Overview) -> list[dict[str, Any]]:
    return [
        {
            "category": c.category,
            "count": c.count,
            "states": " ".join(c.states),
            "carried_from_earlier_date": " ".join(c.carried),
            "stated_count": int(c.stated.value) if c.stated else None,
            "stated_as_of": serialize.fuzzy(c.stated.as_of) if c.stated else None,
            "sources": "; ".join(c.stated.sources) if c.stated else "",
        }
        for c in view.counts
    ]


def national_measures(request: HttpRequest) -> HttpResponse:
    form = MeasuresForm.bind(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "nav": "national_measures",
        "keep": keep_date(request, form),
    }
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=BAD_REQUEST)
    data = form.cleaned_data
    view = overview(data["as_of"])
    if data["format"]:
        table = data["table"] or "states"
        rows, columns = {
            "states": (state_rows(view), STATE_COLUMNS),
            "counts": (count_rows(view), COUNT_COLUMNS),
        }[table]
        return downloads.download(
            rows,
            columns,
            name=f"national-measures-{table}-{view.as_of}",
            fmt=data["format"],
            key=table,
        )
    query = request.GET.copy()
    query.pop("format", None)
    links = {}
    for table in ("states", "counts"):
        q = query.copy()
        q["table"] = table
        links[table] = {fmt: downloads.query_with(q, fmt) for fmt in ("csv", "xlsx", "json")}
    context.update(as_of=view.as_of, view=view, links=links, **display(view))
    return render(request, TEMPLATE, context)


def snapshot_display(snap: Snapshot) -> dict[str, Any]:
    labels = dict(NationalMeasure.Category.choices)
    return {
        "as_of": snap.as_of,
        "categories": [labels.get(c, c) for c in snap.categories],
        "records": snap.records,
        "sources": snap.sources,
    }


def display(view: Overview) -> dict[str, Any]:
    """The overview in words for the template: category labels, State names."""
    labels = dict(NationalMeasure.Category.choices)
    name = view.names.get
    return {
        "count_rows": [
            {
                "category": c.category,
                "label": labels.get(c.category, c.category),
                "count": c.count,
                "states": [(s, name(s, s), s in c.carried) for s in c.states],
                "carried": len(c.carried),
                "stated": c.stated,
                "differs": c.differs,
            }
            for c in view.counts
        ],
        "kind_rows": [
            (dict(NationalMeasure.Kind.choices).get(k, k), [(s, name(s, s)) for s in states])
            for k, states in view.kinds.items()
        ],
        "state_rows": [
            {
                "iso3": iso3,
                "name": name(iso3, iso3),
                "latest": snapshot_display(snap),
                "history": [snapshot_display(h) for h in view.histories[iso3]],
                "reported": view.reported.get(iso3),
            }
            for iso3, snap in sorted(view.latest.items(), key=lambda i: name(i[0], i[0]))
        ],
        "reported_only": [
            (iso3, name(iso3, iso3), r)
            for iso3, r in sorted(view.reported.items())
            if iso3 not in view.latest
        ],
    }
