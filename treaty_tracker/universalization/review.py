"""Section II of the review, Universalization, part A (status of the situation and
progress): CCM/CONF/2020/13 paras 3-6, 8, 11, 16, 18-19, every number computed from the
record (the register for statuses and joiners; this app's facts and the review's lists
for the rest). Where a source states the same figure, it is shown beside the computed one
when they differ (key ``<key>.sourced``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.rules import universalization as rules
from treaty_tracker.rules.results import Status, Summary
from treaty_tracker.states.selectors import register
from treaty_tracker.themes.document import (
    Block,
    Chart,
    Paragraph,
    Period,
    ReviewSection,
    Run,
    SectionContent,
    Table,
    fig,
)
from treaty_tracker.universalization import charts, selectors

DEPOSITARY = "depositary record (ccm_participants.csv), computed by the register"
REGISTER = _("States' treaty actions on the record, status computed by the rules engine")


def _names(codes: list[str] | tuple[str, ...], names: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted(names.get(c, c) for c in codes))


def _sourced(view: selectors.Overview, key: str, value: Any, day: date) -> tuple[Run, ...]:
    """ " (the source states N)" when a figure with ``key`` dated ``day`` disagrees."""
    found = [
        f
        for f in view.figures
        if f.key == key and f.as_of.earliest is not None and f.as_of.latest == day
    ]
    if not found or value is None or int(found[-1].value) == value:
        return ()
    figure = found[-1]
    return (
        _(" (the source states "),
        fig(int(figure.value), key + ".sourced", figure.sources, _("as the source states it")),
        ")",
    )


def _status(view: selectors.Overview, period: Period) -> list[Block]:
    summary, counts, names = view.summary, view.counts, view.names
    src = (DEPOSITARY,)
    parties, signatories = summary.states_parties, summary.signatories
    first = Paragraph(
        (
            _("To date, "),
            fig(
                counts.committed,
                "universalization.committed_states",
                src,
                _("States Parties plus signatories on the period's last day"),
            ),
            *_sourced(view, "universalization.committed_states", counts.committed, period.end),
            _(" States have committed themselves to the goals of the Convention. "),
            fig(counts.states_parties, "universalization.states_parties", src, REGISTER),
            *_sourced(view, "universalization.states_parties", counts.states_parties, period.end),
            _(" of them have become full States Parties through ratification or accession, while "),
            fig(counts.signatories, "universalization.signatories", src, REGISTER),
            *_sourced(view, "universalization.signatories", counts.signatories, period.end),
            _(" are Signatory States that are still to ratify the Convention."),
        )
    )
    blocks: list[Block] = [first]
    joined = rules.joiners(summary, period.start, period.end)
    joiner_sources = tuple(s for j in joined.states for s in j.sources) or src
    method = _("States whose ratification or accession is dated within the period")
    runs: list[Run] = [
        _("During the review period, a total of "),
        fig(len(joined.states), "universalization.joined", joiner_sources, method),
    ]
    sourced = [
        f
        for f in view.figures
        if f.key == "universalization.joined_review_period"
        and f.as_of.earliest == period.start
        and f.as_of.latest == period.end
    ]
    if sourced and int(sourced[-1].value) != len(joined.states):
        runs += [
            _(" (the source states "),
            fig(
                int(sourced[-1].value),
                "universalization.joined.sourced",
                sourced[-1].sources,
                _("as the source states it"),
            ),
            ")",
        ]
    runs.append(_(" States have joined the Convention: "))
    items = []
    for year, states in joined.by_year().items():
        kinds = {k: sum(1 for s in states if s.kind == k) for k in ("ratification", "accession")}
        items.append(
            (
                f"{year}: ",
                fig(len(states), f"universalization.joined.{year}", joiner_sources, method),
                _(" ("),
                fig(
                    kinds["ratification"],
                    f"universalization.ratifications.{year}",
                    joiner_sources,
                    method,
                ),
                _(" ratification(s), "),
                fig(
                    kinds["accession"],
                    f"universalization.accessions.{year}",
                    joiner_sources,
                    method,
                ),
                _(" accession(s)): "),
                fig(
                    tuple(s.iso3 for s in states),
                    f"universalization.joined.{year}.states",
                    joiner_sources,
                    method,
                    text=", ".join(f"{s.name} ({s.consent})" for s in states),
                ),
                ".",
            )
        )
    if joined.uncertain:
        runs += [
            _(" The record cannot place the consent of "),
            fig(
                tuple(j.iso3 for j in joined.uncertain),
                "universalization.joined.uncertain",
                src,
                _("consent dated partly inside the period"),
                text=", ".join(j.name for j in joined.uncertain),
            ),
            _(" within or outside the period."),
        ]
    blocks.append(Paragraph(tuple(runs), tuple(items)))

    regions = rules.by_region(summary, Status.SIGNATORY)
    region_items = tuple(
        (
            fig(len(codes), f"universalization.signatories.{region.lower()}", src, REGISTER),
            _(" in %(region)s (") % {"region": region},
            fig(
                tuple(codes),
                f"universalization.signatories.{region.lower()}.states",
                src,
                REGISTER,
                text=", ".join(_names(codes, names)),
            ),
            ")",
        )
        for region, codes in regions.items()
    )
    blocks.append(
        Paragraph(
            (
                _("Regarding the "),
                fig(len(signatories), "universalization.signatories_total", src, REGISTER),
                _(" States that have signed but not yet ratified the Convention:"),
            ),
            region_items,
        )
    )
    blocks.append(_affected(view, summary, parties))
    return blocks


def _affected(view: selectors.Overview, summary: Summary, parties: list[str]) -> Paragraph:
    signatories = set(summary.signatories)
    affected = [r for r in view.affected if r.iso3 not in parties]
    sources = tuple(s for r in affected for s in r.sources)
    method = _("States with an 'affected' fact on the record, by their status on the date")
    signed = sorted({r.iso3 for r in affected if r.iso3 in signatories})
    neither = sorted(
        {r.iso3 for r in affected if r.iso3 not in signatories and r.kind == "affected"}
    )
    potential = sorted(
        {r.iso3 for r in affected if r.iso3 not in signatories and r.kind != "affected"}
        - set(neither)
    )
    names = view.names
    return Paragraph(
        (
            _(
                "States reportedly affected by cluster munition contamination that are not "
                "parties: "
            ),
            fig(len(signed), "universalization.affected_signatories", sources, method),
            _(" signatories ("),
            fig(
                tuple(signed),
                "universalization.affected_signatories.states",
                sources,
                method,
                text=", ".join(_names(signed, names)) or _("none"),
            ),
            _("), and "),
            fig(len(neither), "universalization.affected_non_parties", sources, method),
            _(" States neither parties nor signatories ("),
            fig(
                tuple(neither),
                "universalization.affected_non_parties.states",
                sources,
                method,
                text=", ".join(_names(neither, names)) or _("none"),
            ),
            _("), and potentially "),
            fig(
                tuple(potential),
                "universalization.affected_potentially.states",
                sources,
                method,
                text=", ".join(_names(potential, names)) or _("none"),
            ),
            ".",
        )
    )


def _votes(view: selectors.Overview, period: Period) -> list[Block]:
    years = [y for y in view.votes if period.start.year <= y.year <= period.end.year]
    last = rules.last_year_in(view.votes, period.start, period.end)
    if last is None:
        return [
            Paragraph(
                (
                    _("Votes on the UN General Assembly resolution in the period: "),
                    fig(None, "universalization.unga_last_year", (), _("no totals on the record")),
                    ".",
                )
            )
        ]
    method = (
        _("counted from the vote of each State")
        if last.basis == "per_state"
        else _("totals as the source states them")
    )
    key = "universalization.unga"
    runs: list[Run] = [
        _(
            "The UN General Assembly resolution “Implementation of the Convention on Cluster "
            "Munitions” received, in "
        ),
        fig(last.year, f"{key}_last_year", last.sources, method),
        ", ",
        fig(last.yes, f"{key}_yes", last.sources, method),
        _(" yes, "),
        fig(last.no, f"{key}_no", last.sources, method),
        _(" no and "),
        fig(last.abstain, f"{key}_abstain", last.sources, method),
        _(" abstentions."),
    ]
    # Para 8: the non-parties voting yes in that year, by their status at the year's end.
    summary = register().summary(min(date(last.year, 12, 31), view.as_of))
    status = {s.iso3: s.status for s in summary.states}
    yes = [
        v
        for v in view.state_votes
        if v.year == last.year
        and v.vote is rules.VoteChoice.YES
        and status.get(v.iso3) not in (Status.STATE_PARTY, Status.SIGNATORY)
    ]
    if yes:
        sources = tuple(s for v in yes for s in v.sources)
        codes = tuple(sorted(v.iso3 for v in yes))
        vmethod = _("per-State votes on the record, by status at the year's end")
        runs += [
            _(" States neither parties nor signatories that voted in favour: "),
            fig(len(codes), f"{key}_nonparty_yes", sources, vmethod),
            " (",
            fig(
                codes,
                f"{key}_nonparty_yes.states",
                sources,
                vmethod,
                text=", ".join(_names(codes, view.names)),
            ),
            ").",
        ]
    blocks: list[Block] = [Paragraph(tuple(runs))]
    rows = tuple(
        (
            str(y.year),
            fig(y.yes, f"{key}.{y.year}.yes", y.sources),
            fig(y.no, f"{key}.{y.year}.no", y.sources),
            fig(y.abstain, f"{key}.{y.year}.abstain", y.sources),
            _("each State's vote") if y.basis == "per_state" else _("sourced totals"),
        )
        for y in years
    )
    blocks.append(
        Table(
            caption=_("Votes on the UN General Assembly resolution, per year of the period"),
            header=(_("Year"), _("Yes"), _("No"), _("Abstentions"), _("From")),
            rows=rows,
            note=_("Years without a vote on the record are left out."),
        )
    )
    return blocks


def _participation(view: selectors.Overview, period: Period) -> Paragraph:
    meetings = [m for m in view.meetings if rules.within(m.opens, period.start, period.end) is True]
    average = rules.average_non_parties(meetings)
    method = _("mean number of non-parties per meeting whose participation is on the record")
    sources = (
        tuple(s for p in selectors.participations(period.end) for s in p.sources)
        if meetings
        else ()
    )
    runs: list[Run] = [
        _("On average, "),
        fig(
            None if average is None else round(average, 1),
            "universalization.msp_nonparty_average",
            sources,
            method,
        ),
    ]
    sourced = view.figure("msp.avg_nonparty_attendance")
    if sourced is not None and (average is None or round(average) != int(sourced.value)):
        runs += [
            _(" (the source states around "),
            fig(
                int(sourced.value),
                "universalization.msp_nonparty_average.sourced",
                sourced.sources,
                _("as the source states it"),
            ),
            ")",
        ]
    runs.append(_(" States not parties took part in the annual Meeting of States Parties. "))
    states = sorted({c for m in meetings for c in m.non_parties})
    if states:
        runs += [
            _("States not parties that took part in at least one meeting: "),
            fig(
                tuple(states),
                "universalization.msp_nonparties.states",
                sources,
                _("participation per meeting on the record"),
                text=", ".join(_names(states, view.names)),
            ),
            ".",
        ]
    elif view.participation_lists:
        listed = view.participation_lists[-1]
        runs += [
            _(
                "States not parties that took part in at least one meeting (as the source "
                "lists them): "
            ),
            fig(
                tuple(c for c, _n in listed.states),
                "universalization.msp_nonparties.states",
                listed.sources,
                _("as the source lists them"),
                text=", ".join(n for _c, n in listed.states),
            ),
            ".",
        ]
    return Paragraph(tuple(runs))


def _norm(view: selectors.Overview, period: Period) -> list[Block]:
    parties = set(view.summary.states_parties)
    producers = sorted({r.iso3 for r in view.producers if r.kind == "producer_past"} - parties)
    psources = tuple(s for r in view.producers for s in r.sources)
    policies = [r for r in view.policies if r.iso3 not in parties]
    in_period = [
        a for a in view.allegations if rules.within(a.period, period.start, period.end) is not False
    ]
    asources = tuple(s for a in in_period for s in a.sources)
    territories = sorted({a.territory[0] for a in in_period if a.territory})
    return [
        Paragraph(
            (
                fig(
                    len(in_period),
                    "universalization.allegations",
                    asources,
                    _("reports and allegations of use dated in the period"),
                ),
                _(
                    " reports or allegations of use of cluster munitions in the period are on "
                    "the record, on the territory of: "
                ),
                fig(
                    tuple(territories),
                    "universalization.allegations.territories",
                    asources,
                    _("reports and allegations of use dated in the period"),
                    text=", ".join(_names(territories, view.names)) or _("none"),
                ),
                ".",
            )
        ),
        Paragraph(
            (
                _(
                    "States not party to the Convention that have reportedly produced cluster "
                    "munitions in the past: "
                ),
                fig(
                    tuple(producers),
                    "universalization.past_producers",
                    psources,
                    _("'produced in the past' facts, less the States Parties on the date"),
                    text=", ".join(_names(producers, view.names)) or _("none"),
                ),
                ".",
            )
        ),
        Paragraph(
            (
                _(
                    "States not parties with a policy, moratorium or law restricting cluster "
                    "munitions on the record: "
                ),
                fig(
                    tuple(sorted({r.iso3 for r in policies})),
                    "universalization.nonparty_policies",
                    tuple(s for r in policies for s in r.sources),
                    _("policies on the record, less the States Parties on the date"),
                    text="; ".join(f"{r.name} ({r.label})" for r in policies) or _("none"),
                ),
                ".",
            )
        ),
    ]


def build(period: Period) -> SectionContent:
    view = selectors.overview(period.end)
    blocks: list[Block] = _status(view, period)
    blocks += _votes(view, period)
    blocks.append(_participation(view, period))
    blocks += _norm(view, period)
    counts = selectors.parties_over_time(period.end)
    counts = [c for c in counts if c.day.year >= period.start.year]
    chart = charts.parties_chart(counts)
    blocks.append(Chart(chart.title, chart.description, charts.parties_svg(counts)))
    return SectionContent(status=tuple(blocks), theme="universalization")


SECTION = ReviewSection(
    number="II",
    key="universalization",
    title=gettext_lazy("Universalization"),
    build=build,
)
