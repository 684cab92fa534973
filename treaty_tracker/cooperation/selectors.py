"""Reads for Article 6: the record's assistance facts, Form I of the published reports,
the Country Coalitions and the review's sourced figures, each in a fixed number of queries.

The web pages, the API and the profile section all build on :func:`overview`,
:func:`needs` and :func:`coalitions`, so they show the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse

from treaty_tracker.cooperation.models import (
    AssistanceRecord,
    Coalition,
    CoalitionMeeting,
    CoalitionPartner,
)
from treaty_tracker.rules import ReportKind
from treaty_tracker.rules import assistance as rules
from treaty_tracker.rules.cooperation import COUNTED_STATUSES, FORM, YearCooperation
from treaty_tracker.sources.models import Figure, StateList
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.selectors import register
from treaty_tracker.transparency import published
from treaty_tracker.transparency.models import Submission

#: The review's sourced totals and lists shown on the cooperation page (review-2020.yaml).
FIGURE_PREFIX = "cooperation."
LIST_KEYS_EXTRA = ("article5.requested_assistance_2016_2020",)
#: Para 78's figures as the review states them, per year: figure key -> direction.
REVIEW_FIGURES = {
    "cooperation.requested_assistance": "requesting",
    "cooperation.provided_assistance": "providing",
    "cooperation.received_assistance": "receiving",
}


# -- facts ---------------------------------------------------------------------------------


def record_facts(
    as_of: date, iso3: str | None = None
) -> list[tuple[rules.AssistanceFact, AssistanceRecord]]:
    """The record's facts (reference data and staff entry) whose first year is not after
    ``as_of``'s year, each with its model instance (one query)."""
    rows = AssistanceRecord.objects.select_related(
        "state", "counterpart", "source", "entered_by"
    ).filter(year__lte=as_of.year)
    if iso3 is not None:
        rows = rows.filter(state__iso3=iso3) | rows.filter(counterpart__iso3=iso3)
    return [(_fact(row), row) for row in rows.order_by("year", "state__iso3", "pk")]


def _fact(row: AssistanceRecord) -> rules.AssistanceFact:
    return rules.AssistanceFact(
        state=row.state.iso3,
        year=row.year,
        year_to=row.year_to,
        direction=row.direction,
        theme=row.theme,
        kind=row.kind,
        counterpart=row.counterpart.iso3 if row.counterpart is not None else None,
        counterpart_name=row.counterpart_name,
        amount=row.amount,
        currency=row.currency,
        description=row.description,
        origin="record",
        citations=(row.citation,),
    )


def report_contents(
    as_of: date, iso3: str | None = None, *, naming: str | None = None
) -> list[tuple[str, int, int, dict[str, Any]]]:
    """(ISO3, year covered, version id, content) of the latest published version of each
    annual or voluntary report submitted on or before ``as_of``, annual preferred to
    voluntary for a State and year (as the para 78 figures read them). One query.

    ``iso3``: that State's reports only. ``naming``: only other States' reports whose
    Form I tables may name that State, filtered in the database (see :func:`_may_name`), so
    the rows fetched grow with the reports that mention it, not with all reports."""
    newer = Submission.objects.filter(
        status=Submission.Status.PUBLISHED,
        state=OuterRef("state"),
        kind=OuterRef("kind"),
        year=OuterRef("year"),
        number__gt=OuterRef("number"),
        submitted_at__date__lte=as_of,
    ).values("pk")
    # The State's annual report for the year, if published by then, is read instead of a
    # voluntary one; decided in the database so that a filter on the content (``naming``)
    # never lets a voluntary report stand in for an annual one that does not match it.
    annual = Submission.objects.filter(
        status=Submission.Status.PUBLISHED,
        state=OuterRef("state"),
        kind=ReportKind.ANNUAL.value,
        year=OuterRef("year"),
        submitted_at__date__lte=as_of,
    ).values("pk")
    rows = (
        Submission.objects.filter(
            status=Submission.Status.PUBLISHED,
            kind__in=published.COOPERATION_KINDS,
            year__isnull=False,
            submitted_at__date__lte=as_of,
        )
        .filter(~Exists(newer))
        .exclude(Q(kind=ReportKind.VOLUNTARY.value) & Exists(annual))
    )
    if iso3 is not None:
        rows = rows.filter(state__iso3=iso3)
    if naming is not None:
        rows = rows.exclude(state__iso3=naming).filter(_may_name(naming))
    chosen: dict[tuple[str, int], tuple[str, int, int, dict[str, Any]]] = {}
    for state, year, kind, pk, content in rows.order_by("state__iso3", "year").values_list(
        "state__iso3", "year", "kind", "pk", "content"
    ):
        if isinstance(content, dict) and (
            kind == ReportKind.ANNUAL.value or (state, year) not in chosen
        ):
            chosen[(state, year)] = (state, year, pk, content)
    return list(chosen.values())


def _may_name(iso3: str) -> Q:
    """Reports whose Form I (marked changed or unchanged) has, in one of the tables read
    as facts, the letters of ``iso3`` in any case: a superset of the reports naming the
    State as counterpart (``rules.assistance.facts_from_report`` reads a counterpart as
    the ``state`` cell, trimmed and upper-cased, when it is three ASCII letters), with a
    few more (the letters inside a description) that the exact reading then drops.

    Portable: JSON key paths with ``icontains`` and ``in`` work on SQLite and PostgreSQL
    (the text of the table, case-insensitively); no index, but only these rows are sent."""
    form = f"content__forms__{FORM}"
    tables = Q()
    for table in rules.REPORT_TABLES:
        tables |= Q(**{f"{form}__data__{table}__icontains": iso3})
    return Q(**{f"{form}__status__in": sorted(COUNTED_STATUSES)}) & tables


def report_facts(
    as_of: date, iso3: str | None = None
) -> tuple[list[rules.AssistanceFact], list[rules.NationalResource]]:
    """Form I of the published reports as facts (assistance requested, provided, received)
    and national resources, each citing "report <State> <year>, Form I" with a link."""
    facts: list[rules.AssistanceFact] = []
    resources: list[rules.NationalResource] = []
    for state, year, pk, content in report_contents(as_of, iso3):
        url = reverse("web:published_report", args=[pk])
        facts += rules.facts_from_report(state, year, content, url)
        resources += rules.resources_from_report(state, year, content, url)
    return facts, resources


def report_facts_naming(as_of: date, iso3: str) -> list[rules.AssistanceFact]:
    """What other States' published reports say they gave ``iso3`` or received from it (or
    requested with it as counterpart): the facts of their Form I whose counterpart is
    ``iso3``. One query, which loads only the reports that may name the State; the same
    facts as reading every report and keeping those naming it."""
    facts: list[rules.AssistanceFact] = []
    for state, year, pk, content in report_contents(as_of, naming=iso3):
        url = reverse("web:published_report", args=[pk])
        facts += [
            fact
            for fact in rules.facts_from_report(state, year, content, url)
            if fact.counterpart == iso3
        ]
    return facts


def all_facts(as_of: date) -> list[rules.AssistanceFact]:
    facts, _resources = report_facts(as_of)
    return [fact for fact, _row in record_facts(as_of)] + facts


# -- the page's data -----------------------------------------------------------------------


@dataclass(frozen=True)
class Overview:
    as_of: date
    first: int
    last: int
    facts: list[rules.AssistanceFact]
    years: list[rules.PeriodSummary]
    record_years: dict[str, rules.PeriodSummary]  # period -> the record's facts only
    states: list[rules.StateSummary]
    report_figures: dict[int, YearCooperation]
    review_figures: dict[int, dict[str, Figure]]  # year -> direction -> sourced total
    figures: list[Figure]  # the other sourced totals (para 51, para 82)
    lists: list[StateList]
    names: dict[str, str]
    parties: frozenset[str]


def names_and_parties(as_of: date) -> tuple[dict[str, str], frozenset[str]]:
    everything = register()
    names = {record.iso3: record.name for record in everything.records}
    return names, frozenset(everything.summary(as_of).states_parties)


@per_record_version
def overview(as_of: date, first: int, last: int) -> Overview:
    facts = [f for f in all_facts(as_of) if f.overlaps(first, last)]
    names, parties = names_and_parties(as_of)
    review: dict[int, dict[str, Figure]] = {}
    figures = []
    for figure in Figure.objects.select_related("source").filter(key__startswith=FIGURE_PREFIX):
        stem, _dot, year = figure.key.rpartition(".")
        if stem in REVIEW_FIGURES and year.isdigit():
            if first <= int(year) <= last:
                review.setdefault(int(year), {})[REVIEW_FIGURES[stem]] = figure
        else:
            figures.append(figure)
    lists = list(
        StateList.objects.select_related("source")
        .prefetch_related("states")
        .filter(key__startswith=FIGURE_PREFIX)
        | StateList.objects.select_related("source")
        .prefetch_related("states")
        .filter(key__in=LIST_KEYS_EXTRA)
    )
    return Overview(
        as_of=as_of,
        first=first,
        last=last,
        facts=facts,
        years=rules.summarize_years(facts, first, last),
        record_years={
            summary.period: summary
            for summary in rules.summarize_years(
                [f for f in facts if f.origin == "record"], first, last
            )
        },
        states=rules.summarize_states(facts),
        report_figures={
            figure.year: figure for figure in published.cooperation(as_of, range(first, last + 1))
        },
        review_figures=review,
        figures=sorted(figures, key=lambda f: f.key),
        lists=sorted(lists, key=lambda item: item.key),
        names=names,
        parties=parties,
    )


def needs(as_of: date, first: int, last: int, window: int) -> list[rules.Match]:
    """The needs-and-offers matching over every fact known on ``as_of``, for the requests
    overlapping ``first``-``last`` (support is looked for in every year of the record)."""
    return [
        match
        for match in rules.match_needs(all_facts(as_of), window)
        if match.need.year <= last and match.need.last_year >= first
    ]


# -- coalitions ----------------------------------------------------------------------------


def coalitions(as_of: date, iso3: str | None = None) -> list[Coalition]:
    """The Country Coalitions launched (possibly) by ``as_of``, with their partners and the
    meetings held by then (three queries). ``iso3``: those the State is in, as the affected
    State or a partner."""
    rows = (
        Coalition.objects.select_related("state", "source", "entered_by")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=CoalitionPartner.objects.select_related("state", "source", "entered_by"),
            ),
            Prefetch(
                "meetings",
                queryset=CoalitionMeeting.objects.select_related("source", "entered_by"),
            ),
        )
        .order_by("state__name")
    )
    if iso3 is not None:
        rows = rows.filter(state__iso3=iso3) | rows.filter(members__state__iso3=iso3)
    result = []
    for coalition in rows.distinct():
        if coalition.launched is not None and coalition.launched.on_or_before(as_of) is False:
            continue
        result.append(coalition)
    return result


def coalition_status(coalition: Coalition, as_of: date) -> str:
    """``concluded`` once its conclusion is certainly on or before ``as_of``; before, the
    stated status (``active`` or ``not_known``), never a guess past what the source says."""
    if coalition.concluded is not None:
        ended = coalition.concluded.on_or_before(as_of)
        if ended is True:
            return Coalition.Status.CONCLUDED
        if ended is None:
            return Coalition.Status.NOT_KNOWN
        return Coalition.Status.ACTIVE
    if coalition.status == Coalition.Status.CONCLUDED:
        return Coalition.Status.NOT_KNOWN  # concluded at a date not on the record
    return str(coalition.status)


def meetings_by(coalition: Coalition, as_of: date) -> list[CoalitionMeeting]:
    return [m for m in coalition.meetings.all() if m.date.on_or_before(as_of) is not False]


def states_in(codes: Iterable[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [(code, names.get(code, code)) for code in codes]
