"""Reads for Article 4: the clearance facts as the rules' plain records, in a fixed number
of queries (one per model, whatever the number of States), and the figures computed from
them by ``rules.clearance`` for a date. Pages, the API and the profile section all read
through :func:`overview` / :func:`state_overview`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch

from treaty_tracker.clearance import reports
from treaty_tracker.clearance.models import (
    ContaminatedArea,
    ContaminationEstimate,
    LandRelease,
    Milestone,
    NationalPlan,
    RiskEducation,
    Survey,
)
from treaty_tracker.meetings.models import Meeting
from treaty_tracker.rules import FuzzyDate, ObligationResult
from treaty_tracker.rules import clearance as rules
from treaty_tracker.sources.models import Figure, StateList
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.selectors import register

ARTICLE = rules.ARTICLE
#: The sourced totals of the review's section IV (para 53 and para 38-45 counts).
FIGURE_PREFIXES = ("clearance.", "article4.")
#: The end of the First Review Conference, when the review's period starts (para 38); the
#: record holds the 1RC's month only, so this is the project's convention (review-2020.yaml).
FIRST_REVIEW_CONFERENCE_END = date(2015, 9, 11)


def _sourced(qs: Any) -> Any:
    return qs.select_related("state", "source", "entered_by")


def _known_by(value: FuzzyDate | None, as_of: date) -> bool:
    """A dated fact is on the record for ``as_of`` unless it is certainly later."""
    return value is None or value.on_or_before(as_of) is not False


@dataclass
class Facts:
    """Every clearance fact on the record (model instances, for display with sources)."""

    areas: list[ContaminatedArea]
    estimates: list[ContaminationEstimate]
    releases: list[LandRelease]
    surveys: list[Survey]
    plans: list[NationalPlan]
    education: list[RiskEducation]


def facts(iso3: str | None = None) -> Facts:
    """Six queries (seven with milestones), for one State or all."""

    def scoped(qs: Any) -> Any:
        qs = _sourced(qs)
        return qs.filter(state__iso3=iso3) if iso3 else qs

    return Facts(
        areas=list(scoped(ContaminatedArea.objects.all())),
        estimates=list(scoped(ContaminationEstimate.objects.all())),
        releases=list(scoped(LandRelease.objects.all())),
        surveys=list(scoped(Survey.objects.all())),
        plans=list(
            scoped(NationalPlan.objects.all()).prefetch_related(
                Prefetch(
                    "milestones",
                    queryset=Milestone.objects.select_related("source", "entered_by"),
                    to_attr="milestone_list",
                )
            )
        ),
        education=list(scoped(RiskEducation.objects.all())),
    )


def release_rows(releases: list[LandRelease], as_of: date) -> list[rules.Release]:
    """Land release rows for years that have begun by ``as_of``."""
    return [
        rules.Release(
            state=r.state.iso3,
            year=r.year,
            method=rules.Method(r.method),
            area_m2=r.area_m2,
            submunitions=r.submunitions_destroyed,
            sources=(r.citation,),
        )
        for r in releases
        if r.year <= as_of.year
    ]


def education_rows(education: list[RiskEducation], as_of: date) -> list[rules.Education]:
    return [
        rules.Education(
            state=e.state.iso3,
            year=e.year,
            beneficiaries=e.beneficiaries(),
            delivery=e.delivery,
            sources=(e.citation,),
        )
        for e in education
        if e.year <= as_of.year
    ]


def remaining(f: Facts, as_of: date) -> dict[str, rules.Remaining]:
    return rules.remaining(
        [
            rules.Estimate(
                state=e.state.iso3,
                area_m2=e.area_m2,
                as_of=e.as_of,
                bound=rules.Bound(e.bound),
                sources=(e.citation,),
            )
            for e in f.estimates
        ],
        [
            rules.Area(
                state=a.state.iso3,
                size_m2=a.size_m2,
                discovered=a.discovered,
                released=a.released,
                sources=(a.citation,),
            )
            for a in f.areas
        ],
        as_of,
    )


def rediscovered(areas: list[ContaminatedArea], as_of: date) -> set[str]:
    """States with an area found after a declared completion, found by ``as_of``."""
    return {
        a.state.iso3
        for a in areas
        if a.previous_completion is not None
        and a.discovered is not None
        and a.discovered.on_or_before(as_of) is True
    }


def review_start() -> date:
    """The end of the First Review Conference: the meeting's recorded closing day when the
    record has it to the day, else the project's convention (2015-09-11)."""
    meeting = Meeting.objects.filter(code="1RC").only("closes").first()
    closes = meeting.closes if meeting else None
    if closes is not None and closes.is_exact and closes.latest is not None:
        return closes.latest
    return FIRST_REVIEW_CONFERENCE_END


@dataclass
class Overview:
    """Everything the thematic page, its downloads and the API show for a date."""

    as_of: date
    names: dict[str, str]
    obligations: list[ObligationResult]
    movement: rules.Movement | None
    releases: list[rules.Release]
    by_state: dict[str, list[rules.YearRelease]]
    by_year: list[rules.YearRelease]
    remaining: dict[str, rules.Remaining]
    education: list[rules.Education]
    education_totals: rules.BeneficiaryTotals
    education_by_year: dict[int, rules.BeneficiaryTotals]
    facts: Facts
    figures: list[Figure]
    lists: list[StateList]
    reported: reports.Reported = field(default_factory=reports.Reported)


@per_record_version
def overview(as_of: date) -> Overview:
    """The whole of Article 4 on ``as_of`` (a fixed number of queries)."""
    everything = register()
    summary = everything.summary(as_of)
    f = facts()
    start = review_start()
    movement = (
        rules.movement(everything.summary(start), summary, rediscovered(f.areas, as_of))
        if as_of > start
        else None
    )
    releases = release_rows(f.releases, as_of)
    education = education_rows(f.education, as_of)
    return Overview(
        as_of=as_of,
        names={s.iso3: s.name for s in summary.states},
        obligations=summary.obligations(ARTICLE),
        movement=movement,
        releases=releases,
        by_state=rules.release_by_state(releases),
        by_year=rules.release_by_year(releases),
        remaining=remaining(f, as_of),
        education=education,
        education_totals=rules.beneficiary_totals(education),
        education_by_year=rules.beneficiaries_by_year(education),
        facts=_on_record(f, as_of),
        figures=sourced_figures(as_of),
        lists=sourced_lists(as_of),
        reported=reports.reported(as_of),
    )


def _on_record(f: Facts, as_of: date) -> Facts:
    """The facts as the record stood on ``as_of`` (dated ones not certainly later)."""
    return Facts(
        areas=[a for a in f.areas if _known_by(a.discovered, as_of)],
        estimates=[e for e in f.estimates if e.as_of.on_or_before(as_of) is not False],
        releases=[r for r in f.releases if r.year <= as_of.year],
        surveys=[s for s in f.surveys if s.carried_out.on_or_before(as_of) is not False],
        plans=[p for p in f.plans if _known_by(p.adopted or p.period_start, as_of)],
        education=[e for e in f.education if e.year <= as_of.year],
    )


def sourced_figures(as_of: date) -> list[Figure]:
    """The sourced totals about Article 4 (para 53's clearance, para 38-45's counts) that
    refer to a time on or before ``as_of``; shown as sourced totals, never split."""
    rows = Figure.objects.select_related("source", "entered_by").filter(
        key__startswith=FIGURE_PREFIXES[0]
    ) | Figure.objects.select_related("source", "entered_by").filter(
        key__startswith=FIGURE_PREFIXES[1]
    )
    return [f for f in rows.order_by("key") if f.as_of.on_or_before(as_of) is not False]


def sourced_lists(as_of: date) -> list[StateList]:
    rows = (
        StateList.objects.filter(key__startswith="article4.")
        .select_related("source", "entered_by")
        .prefetch_related("states")
        .order_by("key")
    )
    return [r for r in rows if r.as_of.on_or_before(as_of) is not False]


@dataclass
class StateOverview:
    iso3: str
    as_of: date
    obligation: ObligationResult | None
    facts: Facts
    by_year: list[rules.YearRelease]
    remaining: rules.Remaining | None
    education: list[rules.Education]
    education_totals: rules.BeneficiaryTotals
    reported: reports.Reported

    @property
    def empty(self) -> bool:
        f = self.facts
        return not (
            f.areas
            or f.estimates
            or f.releases
            or f.surveys
            or f.plans
            or f.education
            or self.reported.rows
        )


def state_overview(iso3: str, as_of: date) -> StateOverview:
    everything = register()
    result = everything.state(iso3, as_of)
    f = _on_record(facts(iso3), as_of)
    releases = release_rows(f.releases, as_of)
    education = education_rows(f.education, as_of)
    return StateOverview(
        iso3=iso3,
        as_of=as_of,
        obligation=result.obligation(ARTICLE),
        facts=f,
        by_year=rules.release_by_state(releases).get(iso3, []),
        remaining=remaining(f, as_of).get(iso3),
        education=education,
        education_totals=rules.beneficiary_totals(education),
        reported=reports.reported(as_of, iso3=iso3),
    )


def figure_table(figures: list[Figure]) -> list[dict[str, Any]]:
    """Para 53's sourced totals as a table by year: area cleared (km²) and submunitions
    cleared, globally and in States Parties ("more than", as the source says)."""
    table: dict[str, dict[str, Any]] = defaultdict(dict)
    for f in figures:
        parts = f.key.split(".")
        if len(parts) == 4 and parts[0] == "clearance":
            _, measure, scope, year = parts
            table[year][f"{measure}.{scope}"] = f
    return [{"year": year, **table[year]} for year in sorted(table)]
