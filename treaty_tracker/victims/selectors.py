"""Reads for Article 5: the victims facts as rules-engine records, in a fixed number of
queries (one per model, whatever the number of States), and the page's whole picture on a
date (:func:`overview`), shared by the page, its downloads, the API and the profile."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from treaty_tracker.rules.victims import (
    CasualtyRecord,
    DatedFact,
    FigureSpec,
    Outcome,
    SourcedFigure,
    SourcedList,
    StatusFigure,
    YearCasualties,
    casualties_by_year,
    latest,
    status_figures,
)
from treaty_tracker.sources.models import Figure, StateList
from treaty_tracker.states.caching import per_record_version
from treaty_tracker.states.selectors import register
from treaty_tracker.victims import reports
from treaty_tracker.victims.models import (
    Casualties,
    CrpdStatus,
    DataCollection,
    FocalPoint,
    NationalPlan,
    Service,
    SurvivorInvolvement,
)

PREFIX = "article5."

#: The lines of the status (CCM/CONF/2020/13 paras 66-71), in the review's order.
SPECS = (
    FigureSpec("states_with_obligations", str(_("States Parties with Article 5 obligations"))),
    FigureSpec(
        "national_focal_points",
        str(_("Focal point designated (Art. 5(2)(g), DAP Action 4.1(a))")),
        "focal_point",
    ),
    FigureSpec(
        "national_plans_or_authority",
        str(_("National plan (victim assistance or disability) or national authority")),
        "plan",
    ),
    FigureSpec(
        "dedicated_action_plans",
        str(_("Dedicated victim assistance action plan")),
        "plan",
        ("va_action_plan",),
    ),
    FigureSpec(
        "crpd_parties",
        str(_("Party to the Convention on the Rights of Persons with Disabilities")),
        "crpd",
        ("party",),
    ),
    FigureSpec(
        "reported_data_collection",
        str(_("Reported on victim data collection")),
        "data_collection",
        ("comprehensive", "partial"),
    ),
    FigureSpec(
        "sex_age_disaggregated_data",
        str(_("Collect figures disaggregated by sex and age (DAP Action 4.1(a))")),
        "disaggregated",
        ("yes",),
    ),
    FigureSpec(
        "survivors_involved",
        str(_("Survivors involved in coordination (Art. 5(2)(f), DAP Action 4.2(a))")),
        "involvement",
        ("yes",),
    ),
    FigureSpec("reported_new_victims_since_2015", str(_("Reported new victims since 2015"))),
    FigureSpec(
        "reported_resource_mobilization",
        str(_("Reported mobilising resources for victim assistance (DAP Action 4.1(d))")),
    ),
    FigureSpec(
        "requested_assistance_2016_2020",
        str(_("Requested international assistance for victim assistance (DAP Action 4.4)")),
    ),
    FigureSpec(
        "annual_reports_2018_without_va_info",
        str(_("Annual reports of 2018 without victim assistance information")),
    ),
)


def _citations(rows: Iterable[Any]) -> tuple[str, ...]:
    return tuple(r.citation for r in rows)


def _related(model: Any) -> QuerySet[Any]:
    return model.objects.select_related("state", "source", "entered_by")


def dated_facts() -> list[DatedFact]:
    """Every State's profile facts (focal points, plans, CRPD, data collection, survivors'
    involvement, services) as dated facts, oldest first per kind: six queries."""
    facts: list[DatedFact] = []
    for f in _related(FocalPoint):
        facts.append(
            DatedFact(
                f.state.iso3, "focal_point", "designated", f.designated, f.entity, (f.citation,)
            )
        )
    for p in _related(NationalPlan):
        facts.append(DatedFact(p.state.iso3, "plan", p.kind, p.adopted, p.title, (p.citation,)))
    for c in _related(CrpdStatus):
        facts.append(DatedFact(c.state.iso3, "crpd", c.status, c.since, "", (c.citation,)))
    for d in _related(DataCollection):
        facts.append(
            DatedFact(
                d.state.iso3, "data_collection", d.status, d.as_of, d.description, (d.citation,)
            )
        )
        if d.disaggregated is not None:
            facts.append(
                DatedFact(
                    d.state.iso3,
                    "disaggregated",
                    "yes" if d.disaggregated else "no",
                    d.as_of,
                    "",
                    (d.citation,),
                )
            )
    for i in _related(SurvivorInvolvement):
        facts.append(DatedFact(i.state.iso3, "involvement", i.involved, i.as_of, "", (i.citation,)))
    for s in _related(Service):
        facts.append(
            DatedFact(
                s.state.iso3, f"service:{s.kind}", s.kind, s.as_of, s.description, (s.citation,)
            )
        )
    return facts


def casualty_records(as_of: date) -> list[CasualtyRecord]:
    """The casualties on the record (staff entry) and those of published Form H reports
    submitted by ``as_of``; for a (State, year, outcome) the record's own row wins over a
    report's, which is kept only where the record has none."""
    rows = [
        CasualtyRecord(
            state=c.state.iso3,
            year=c.year,
            outcome=Outcome(c.outcome),
            total=c.total,
            parts=c.parts(),
            sources=(c.citation,),
        )
        for c in _related(Casualties)
    ]
    have = {(r.state, r.year, r.outcome) for r in rows}
    rows += [r for r in reports.casualties(as_of) if (r.state, r.year, r.outcome) not in have]
    return rows


def sourced_figures() -> list[SourcedFigure]:
    return [
        SourcedFigure(f.key.removeprefix(PREFIX), f.value, f.as_of, f.label, (f.citation,))
        for f in Figure.objects.filter(key__startswith=PREFIX).select_related(
            "source", "entered_by"
        )
    ]


def sourced_lists() -> list[SourcedList]:
    return [
        SourcedList(
            lst.key.removeprefix(PREFIX),
            tuple(sorted(s.iso3 for s in lst.states.all())),
            lst.as_of,
            lst.label,
            (lst.citation,),
        )
        for lst in StateList.objects.filter(key__startswith=PREFIX)
        .select_related("source", "entered_by")
        .prefetch_related("states")
    ]


@dataclass(frozen=True)
class StateRow:
    """One State with Article 5 obligations on the date, and its latest facts."""

    iso3: str
    name: str
    facts: dict[str, DatedFact]  # kind -> latest fact holding on the date
    obligation_sources: tuple[str, ...]

    def get(self, kind: str) -> DatedFact | None:
        return self.facts.get(kind)

    @property
    def sources(self) -> tuple[str, ...]:
        """The obligation's and every fact's citations, once each."""
        return tuple(
            dict.fromkeys(
                [*self.obligation_sources, *(s for f in self.facts.values() for s in f.sources)]
            )
        )

    @property
    def services(self) -> list[DatedFact]:
        return [f for k, f in sorted(self.facts.items()) if k.startswith("service:")]


@dataclass(frozen=True)
class Overview:
    as_of: date
    states: list[StateRow]
    figures: list[StatusFigure]
    years: list[YearCasualties]
    names: dict[str, str]


@per_record_version
def overview(as_of: date) -> Overview:
    """Everything the Article 5 page shows for ``as_of``, in a fixed number of queries."""
    summary = register().summary(as_of)
    names = {s.iso3: s.name for s in summary.states}
    obligated = summary.victim_assistance
    facts = dated_facts()
    now = latest(facts, as_of)
    by_iso = {s.iso3: s for s in summary.states}
    article = register().treaty.victim_assistance_article
    states = [
        StateRow(
            iso3=iso3,
            name=names[iso3],
            facts={kind: fact for (state, kind), fact in now.items() if state == iso3},
            obligation_sources=tuple(
                source
                for o in by_iso[iso3].record.obligations
                if o.article == article
                for source in o.sources
            ),
        )
        for iso3 in obligated
    ]
    figures = status_figures(
        SPECS,
        obligated=obligated,
        facts=facts,
        figures=sourced_figures(),
        lists=sourced_lists(),
        as_of=as_of,
    )
    years = casualties_by_year(casualty_records(as_of))
    return Overview(as_of, states, figures, years, names)


def state_facts(iso3: str) -> list[DatedFact]:
    """One State's victims facts, oldest first (its history)."""
    return sorted(
        (f for f in dated_facts() if f.state == iso3),
        key=lambda f: (f.kind, f.since.latest or date.min),
    )
