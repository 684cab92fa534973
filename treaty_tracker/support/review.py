"""Section IX (Implementation support) of the generated review: part A, the status, with
every figure computed from the record as of the period's end (``selectors.overview``) or,
where the record holds only the total a source states, that total labelled as such.
"Not known" (value None) where the record cannot say. Section IX has no evaluation or
challenges parts in the original (``thematic=False``)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.support import ISU_CURRENCY
from treaty_tracker.support.selectors import Overview, amount, overview
from treaty_tracker.themes.document import (
    Figure,
    Paragraph,
    Period,
    ReviewSection,
    SectionContent,
    fig,
)

KEY = "support"


def _within(start: FuzzyDate, end: FuzzyDate, period: Period) -> bool:
    """Certainly held in the period: opened on or after its start, closed by its end."""
    return (
        start.earliest is not None
        and start.earliest >= period.start
        and end.latest is not None
        and end.latest <= period.end
    )


def _money(value: Decimal | None, currency: str = ISU_CURRENCY) -> str | None:
    return None if value is None else f"{currency} {amount(value)}"


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _stated(view: Overview, key: str) -> tuple[int | float | None, tuple[str, ...]]:
    for f in view.figures:
        if f.key == key:
            return _number(f.value), (f.citation,)
    return None, ()


def figures(period: Period) -> dict[str, Figure]:
    """Every figure of part A by name (tests read them by key)."""
    view = overview(period.end)
    meetings = [m for m in view.meetings if _within(m.opens, m.closes, period)]
    codes = {m.code for m in meetings}
    meeting_sources = tuple(m.citation for m in meetings)
    out: dict[str, Figure] = {}

    def put(
        name: str, value: object, sources: tuple[str, ...], method: str, text: str | None = None
    ) -> None:
        out[name] = fig(value, f"{KEY}.{name}", sources, method, text)

    put(
        "meetings_held",
        len(meetings) if view.meetings else None,
        meeting_sources,
        "computed from the record of meetings: meetings that opened on or after the "
        "period's start and closed by its end",
    )
    put("meetings", tuple(m.code for m in meetings) or None, meeting_sources, "as above")
    places = tuple(dict.fromkeys(m.place for m in meetings if m.place))
    put(
        "meeting_places",
        places or None,
        meeting_sources,
        "computed from the record of meetings: the places of the meetings held",
    )
    presidencies = tuple(m.president for m in meetings if m.president)
    put(
        "presidencies",
        presidencies or None,
        meeting_sources,
        "computed from the record of meetings: the presidencies on the record",
    )
    put(
        "presidencies_not_known",
        sum(1 for m in meetings if not m.president) if meetings else None,
        meeting_sources,
        "computed: meetings of the period whose presidency the record does not hold",
    )
    documents = [d for m in meetings for d in m.documents]
    put(
        "documents",
        len(documents) if meetings else None,
        tuple(d.citation for d in documents),
        "computed: documents and decisions on the record of the meetings held",
    )

    target, balance = view.reserve.target, view.reserve.balance
    put(
        "reserve_target",
        _number(target.amount) if target else None,
        target.sources if target else (),
        "the capital reserve target in force at the period's end",
        _money(target.amount, target.currency) if target and target.amount is not None else None,
    )
    put(
        "reserve_balance",
        _number(balance.amount) if balance else None,
        balance.sources if balance else (),
        "the latest capital reserve balance on the record by the period's end",
        _money(balance.amount, balance.currency)
        if balance and balance.amount is not None
        else None,
    )
    put(
        "reserve_shortfall",
        _number(view.reserve.shortfall),
        (*(target.sources if target else ()), *(balance.sources if balance else ())),
        "computed: target minus balance (0 when met)",
        _money(view.reserve.shortfall, target.currency)
        if target and view.reserve.shortfall is not None
        else None,
    )

    years = [y for y in view.budgets if period.start.year <= y.year <= period.end.year]
    known = [y for y in years if y.covered is not None]
    put(
        "budget_years",
        len(years) or None,
        tuple(s for y in years for s in y.sources),
        "computed: years of the period with an ISU budget or contribution on the record",
    )
    put(
        "budget_years_covered",
        sum(1 for y in known if y.covered) if known else None,
        tuple(s for y in known for s in y.sources),
        "computed: years whose contributions received reached the budget",
    )
    put(
        "budget_years_not_covered",
        sum(1 for y in known if y.covered is False) if known else None,
        tuple(s for y in known for s in y.sources),
        "computed: years whose contributions, all known, fell short of the budget",
    )
    contributors = sorted({c for y in years for c in y.contributors})
    put(
        "isu_contributors",
        len(contributors) if years else None,
        tuple(s for y in years for s in y.sources),
        "computed: States and others contributing to the ISU in the period",
    )

    arrears = [a for a in view.meeting_arrears if a.meeting in codes]
    outstanding = [a.outstanding for a in arrears]
    complete = all(o.complete for o in outstanding)
    total = sum((o.amount or Decimal(0) for o in outstanding), Decimal(0))
    currencies = {o.currency for o in outstanding}
    put(
        "arrears_outstanding",
        _number(total) if arrears and complete and len(currencies) == 1 else None,
        tuple(s for a in arrears for s in a.sources),
        "computed: assessed minus paid, per State and meeting, added over the meetings "
        "held (not known when any position is not known)",
        None
        if not (arrears and complete and len(currencies) == 1)
        else f"{currencies.pop()} {amount(total)}",
    )
    put(
        "states_in_arrears",
        len({a.state for a in view.arrears if a.meeting in codes and a.outstanding})
        if arrears and complete
        else None,
        tuple(s for a in arrears for s in a.sources),
        "computed: States with an outstanding assessed contribution for a meeting held",
    )

    seats = [
        s
        for s in view.seats
        if s.starts.on_or_before(period.end) is True
        and (s.ends is None or s.ends.latest is None or s.ends.latest >= period.start)
    ]
    put(
        "coordinators",
        tuple(sorted({s.state for s in seats if s.role == "coordinator"})) or None,
        tuple(s.citation for s in seats),
        "computed: States holding a coordinator's seat at some time in the period",
    )

    # Sponsorship: averages per meeting held from the record where it holds every meeting
    # of the period; otherwise the figure the review states (paras 134-135), as stated.
    sponsored = {s.meeting: s for s in view.sponsorship if s.meeting in codes}
    by_year: dict[int, list[Decimal]] = defaultdict(list)
    for d in view.donations:
        if period.start.year <= d.year <= period.end.year and d.amount is not None:
            by_year[d.year].append(d.amount)
    full = bool(meetings) and set(sponsored) == codes

    def average(values: list[int | None]) -> float | None:
        if not values or any(v is None for v in values):
            return None
        return round(sum(v for v in values if v is not None) / len(values), 1)

    for name, values, stated_key in (
        (
            "sponsored_delegates_average",
            [sponsored[c].delegates for c in sorted(sponsored)],
            "support.sponsored_delegates_average",
        ),
        (
            "sponsored_states_average",
            [sponsored[c].states_count for c in sorted(sponsored)],
            "support.sponsored_states_average",
        ),
    ):
        computed = average(values) if full else None
        if computed is not None:
            put(
                name,
                computed,
                tuple(s for c in sorted(sponsored) for s in sponsored[c].sources),
                "computed: average over the meetings held",
            )
        else:
            value, sources = _stated(view, stated_key)
            put(name, value, sources, "as the source states it")
    value, sources = _stated(view, "support.sponsorship_average_chf")
    text = _money(Decimal(str(value))) if value is not None else None
    put("sponsorship_average_chf", value, sources, "as the source states it", text)
    value, sources = _stated(view, "support.sponsorship_donors_average")
    put("sponsorship_donors_average", value, sources, "as the source states it")
    return out


def build(period: Period) -> SectionContent:
    f = figures(period)
    return SectionContent(
        status=(
            Paragraph(
                (
                    _("Meetings held in the period: "),
                    f["meetings_held"],
                    " (",
                    f["meetings"],
                    _("), in "),
                    f["meeting_places"],
                    _(". Presidencies on the record: "),
                    f["presidencies"],
                    _("; meetings whose presidency is not recorded: "),
                    f["presidencies_not_known"],
                    _(". Documents and decisions recorded: "),
                    f["documents"],
                    ".",
                )
            ),
            Paragraph(
                (
                    _("The capital reserve target is "),
                    f["reserve_target"],
                    _("; its balance at the end of the period is "),
                    f["reserve_balance"],
                    _(", short of the target by "),
                    f["reserve_shortfall"],
                    _(". Years with an ISU budget or contribution on the record: "),
                    f["budget_years"],
                    _(", of which covered by contributions: "),
                    f["budget_years_covered"],
                    _(" and not covered: "),
                    f["budget_years_not_covered"],
                    _("; contributors to the ISU: "),
                    f["isu_contributors"],
                    ".",
                )
            ),
            Paragraph(
                (
                    _("Assessed contributions outstanding for the meetings held: "),
                    f["arrears_outstanding"],
                    _("; States in arrears: "),
                    f["states_in_arrears"],
                    _(". Coordinators: "),
                    f["coordinators"],
                    ".",
                )
            ),
            Paragraph(
                (
                    _("Contributions to the Sponsorship Programme amounted on average to "),
                    f["sponsorship_average_chf"],
                    _(" a year, from an average of "),
                    f["sponsorship_donors_average"],
                    _(" donors, enabling the participation of an average of "),
                    f["sponsored_delegates_average"],
                    _(" delegates representing an average of "),
                    f["sponsored_states_average"],
                    _(" States at each Meeting of States Parties."),
                )
            ),
        ),
        theme=KEY,
    )


SECTION = ReviewSection(
    number="IX",
    key=KEY,
    title=gettext_lazy("Implementation Support"),
    build=build,
    thematic=False,
)
