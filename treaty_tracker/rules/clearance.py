"""Article 4: clearance of cluster munition remnants and risk reduction education.

Plain Python, no Django: the models' ``clean()`` and the pages call these functions with
plain values. Areas are in square metres (m²), submunitions and people are counts. Checks
return :class:`Finding` objects naming the field at fault (codes ``clearance.*``,
documented in docs/article-4-clearance.md); figures are computed from the per-State rows,
never typed in.

Articles: 4(1) clear and destroy (deadline 10 years after entry into force, or after the
end of active hostilities); 4(2) survey, mark, clear, risk reduction education; 4(3)
declaration of compliance; 4(5)-(8) extensions; 7(1)(h)-(j) what the reports say (areas,
land released, warnings and risk education).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from treaty_tracker.rules import checks
from treaty_tracker.rules.checks import CLEARANCE_YEARS
from treaty_tracker.rules.dates import FuzzyDate
from treaty_tracker.rules.findings import Finding, error
from treaty_tracker.rules.records import ObligationRecord, Sources
from treaty_tracker.rules.results import ObligationStatus, Status, Summary

ARTICLE = "4"

#: A typo guard, not a treaty number: more than 10,000 km² released by one State in one
#: year (about ten times the largest estimate of contamination, Lao PDR's) is refused.
MAX_RELEASE_PER_YEAR_M2 = 10_000 * 1_000_000

#: The GeoJSON geometry types (RFC 7946, section 3.1).
GEOMETRY_TYPES = frozenset(
    {
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    }
)


class Method(StrEnum):
    """How land is released (the review's para 43, 53; IMAS land release)."""

    CANCELLED = "cancelled"  # by non-technical survey
    REDUCED = "reduced"  # by technical survey
    CLEARED = "cleared"


class Bound(StrEnum):
    """How exact an estimate is: ">800 million m²" is a lower bound, not a figure."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    APPROXIMATELY = "approximately"


#: Risk reduction education beneficiaries, by sex and age (Art. 4(2)(e), 7(1)(j); para 45).
BENEFICIARY_PARTS = ("girls", "boys", "women", "men", "not_disaggregated")


# -- checks (called by the models' clean()) ----------------------------------------------


def check_not_negative(values: Mapping[str, int | None]) -> list[Finding]:
    """Areas, quantities and people are zero or more (each field that is given)."""
    return [
        error("clearance.negative", name, f"Enter zero or more (got {value}).", value=value)
        for name, value in values.items()
        if value is not None and value < 0
    ]


def check_geometry(text: str) -> list[Finding]:
    """Optional: GeoJSON text (RFC 7946) whose top level is a geometry, e.g.
    ``{"type": "Point", "coordinates": [102.6, 19.9]}``."""
    if not text.strip():
        return []
    try:
        value = json.loads(text)
    except ValueError as problem:
        return [
            error(
                "clearance.geometry_not_json",
                "geometry",
                f"Not JSON: {problem}.",
                error=str(problem),
            )
        ]
    kind = value.get("type") if isinstance(value, dict) else None
    if kind not in GEOMETRY_TYPES:
        types = ", ".join(sorted(GEOMETRY_TYPES))
        return [
            error(
                "clearance.geometry_type",
                "geometry",
                f"Not a GeoJSON geometry: the type must be one of {types}.",
                types=types,
            )
        ]
    member = "geometries" if kind == "GeometryCollection" else "coordinates"
    if not isinstance(value.get(member), list):
        return [
            error(
                "clearance.geometry_type",
                "geometry",
                f"A GeoJSON {kind} needs a list of {member}.",
                kind=kind,
                member=member,
            )
        ]
    return []


def check_area(
    *,
    size_m2: int | None,
    discovered: FuzzyDate | None,
    previous_completion: FuzzyDate | None,
    released: FuzzyDate | None,
    geometry: str = "",
) -> list[Finding]:
    """A contaminated area (Art. 7(1)(h)). An area found after the State had declared
    completion (Mauritania, para 38) must be found after that declaration; an area cannot
    be released before it is found."""
    findings = check_not_negative({"size_m2": size_m2}) + check_geometry(geometry)
    if previous_completion is not None:
        if discovered is None or not discovered.is_known:
            findings.append(
                error(
                    "clearance.discovery_date_missing",
                    "discovered",
                    "An area found after completion needs the date it was found (a year will do).",
                )
            )
        elif _before(discovered, previous_completion):
            findings.append(
                error(
                    "clearance.found_before_completion",
                    "discovered",
                    f"Found {discovered.iso()}, before the completion declared "
                    f"{previous_completion.iso()}: then it is not newly found contamination.",
                    found=discovered.iso(),
                    completed=previous_completion.iso(),
                )
            )
    if released is not None and discovered is not None and _before(released, discovered):
        findings.append(
            error(
                "clearance.released_before_found",
                "released",
                f"Released {released.iso()}, before it was found ({discovered.iso()}).",
                released=released.iso(),
                found=discovered.iso(),
            )
        )
    return findings


def _before(a: FuzzyDate, b: FuzzyDate) -> bool:
    """``a`` is certainly before ``b``."""
    return a.latest is not None and b.earliest is not None and a.latest < b.earliest


def check_year(year: int | None, field: str = "year") -> list[Finding]:
    """A calendar year a report can cover (clearance of remnants goes back before the
    Convention: :data:`~treaty_tracker.rules.checks.CLEARANCE_YEARS`)."""
    return checks.check_year(year, field, CLEARANCE_YEARS)


def check_release(
    *,
    year: int | None,
    area_m2: int | None,
    submunitions: int | None,
    others_m2: int = 0,
    method: str = "",
) -> list[Finding]:
    """Land released by one method in one year (Art. 7(1)(i)). ``others_m2``: what the
    record already holds for the same State and year by the other methods, so the year's
    total stays sane (:data:`MAX_RELEASE_PER_YEAR_M2`). Land cancelled by non-technical
    survey had no evidence of contamination, so it yields no submunitions."""
    findings = check_not_negative({"area_m2": area_m2, "submunitions_destroyed": submunitions})
    findings += check_year(year)
    if area_m2 is not None and area_m2 >= 0 and area_m2 + others_m2 > MAX_RELEASE_PER_YEAR_M2:
        total, limit = f"{area_m2 + others_m2:,}", f"{MAX_RELEASE_PER_YEAR_M2:,}"
        findings.append(
            error(
                "clearance.release_implausible",
                "area_m2",
                f"With the other methods this makes {total} m² released in one year, more "
                f"than {limit} m²: check the unit (m², not hectares or km²).",
                total=total,
                limit=limit,
            )
        )
    if method == Method.CANCELLED and submunitions:
        findings.append(
            error(
                "clearance.cancelled_with_submunitions",
                "submunitions_destroyed",
                "Land cancelled by non-technical survey had no evidence of contamination: "
                "record submunitions destroyed under technical survey or clearance.",
            )
        )
    return findings


def check_beneficiaries(parts: Mapping[str, int | None], total: int | None) -> list[Finding]:
    """Risk reduction education beneficiaries: every part zero or more; where a total is
    given, the parts add up to no more than it (and to it exactly if it is fully split)."""
    findings = check_not_negative({**parts, "total": total})
    given = [v for v in parts.values() if v is not None and v >= 0]
    if total is not None and total >= 0 and sum(given) > total:
        findings.append(
            error(
                "clearance.beneficiaries_exceed_total",
                "total",
                f"The parts add up to {sum(given)}, more than the total {total}.",
                parts=sum(given),
                total=total,
            )
        )
    if total is None and not given:
        findings.append(
            error(
                "clearance.beneficiaries_missing",
                "total",
                "Enter the total or at least one part "
                "(girls, boys, women, men, not disaggregated).",
            )
        )
    return findings


def check_plan(*, start: FuzzyDate | None, end: FuzzyDate | None) -> list[Finding]:
    """A national strategy or work plan (Art. 4(2), 4(6)(h); para 46)."""
    if start is not None and end is not None and _before(end, start):
        return [
            error(
                "clearance.plan_ends_before_start",
                "period_end",
                f"The period ends ({end.iso()}) before it starts ({start.iso()}).",
                end=end.iso(),
                start=start.iso(),
            )
        ]
    return []


def check_milestone(
    *, achieved: FuzzyDate | None, adopted: FuzzyDate | None, period_start: FuzzyDate | None
) -> list[Finding]:
    """A milestone is not achieved before its plan was adopted (or, without an adoption
    date, before the plan's period starts)."""
    anchor, what = (adopted, "adopted") if adopted is not None else (period_start, "starts")
    if achieved is not None and anchor is not None and _before(achieved, anchor):
        return [
            error(
                "clearance.milestone_before_plan",
                "achieved",
                f"Achieved {achieved.iso()}, before the plan {what} ({anchor.iso()}).",
                achieved=achieved.iso(),
                what=what,
                anchor=anchor.iso(),
            )
        ]
    return []


# -- land release ------------------------------------------------------------------------


@dataclass(frozen=True)
class Release:
    """One row of land release: a State, a year, a method."""

    state: str
    year: int
    method: Method
    area_m2: int
    submunitions: int | None = None
    sources: Sources = ()


@dataclass(frozen=True)
class YearRelease:
    """Land released in a year (by one State, or by all): m² by method, in total, and the
    submunitions destroyed; ``states`` are the States behind the figure."""

    year: int
    by_method: Mapping[Method, int]
    submunitions: int | None
    states: tuple[str, ...]
    sources: Sources

    @property
    def total_m2(self) -> int:
        return sum(self.by_method.values())


def _year_release(year: int, rows: Sequence[Release]) -> YearRelease:
    by_method = {m: sum(r.area_m2 for r in rows if r.method is m) for m in Method}
    counted = [r.submunitions for r in rows if r.submunitions is not None]
    return YearRelease(
        year=year,
        by_method=by_method,
        submunitions=sum(counted) if counted else None,
        states=tuple(sorted({r.state for r in rows})),
        sources=tuple(dict.fromkeys(s for r in rows for s in r.sources)),
    )


def release_by_state(rows: Iterable[Release]) -> dict[str, list[YearRelease]]:
    """State -> its land release per year (oldest first), by method and in total."""
    grouped: dict[tuple[str, int], list[Release]] = defaultdict(list)
    for row in rows:
        grouped[(row.state, row.year)].append(row)
    result: dict[str, list[YearRelease]] = defaultdict(list)
    for (state, year), group in sorted(grouped.items()):
        result[state].append(_year_release(year, group))
    return dict(result)


def release_by_year(rows: Iterable[Release]) -> list[YearRelease]:
    """Land released per year across the States on the record (oldest first). A total of
    the rows on the record, not of every State: ``states`` says whose figures it adds."""
    grouped: dict[int, list[Release]] = defaultdict(list)
    for row in rows:
        grouped[row.year].append(row)
    return [_year_release(year, grouped[year]) for year in sorted(grouped)]


# -- remaining contamination ---------------------------------------------------------------


@dataclass(frozen=True)
class Estimate:
    """A State's estimate of its remaining contamination at a date (Art. 7(1)(h))."""

    state: str
    area_m2: int
    as_of: FuzzyDate
    bound: Bound = Bound.EXACT
    sources: Sources = ()


@dataclass(frozen=True)
class Area:
    """A contaminated area, as far as the remaining-contamination figure needs it."""

    state: str
    size_m2: int | None
    discovered: FuzzyDate | None = None
    released: FuzzyDate | None = None
    sources: Sources = ()


@dataclass(frozen=True)
class Remaining:
    """A State's remaining contamination: its latest estimate, labelled with the date it
    refers to, or else the sum of its open areas on the record. ``bound`` is ``at_least``
    when an estimate says "more than" or an open area's size is not known; ``dated`` is
    False when the estimate's date is not known (shown, labelled "date not known")."""

    state: str
    area_m2: int | None
    as_of: FuzzyDate
    bound: Bound
    basis: str  # "estimate" or "areas"
    dated: bool
    sources: Sources
    areas_unsized: int = 0


def remaining(
    estimates: Iterable[Estimate], areas: Iterable[Area], as_of: date
) -> dict[str, Remaining]:
    """State -> remaining contamination known on ``as_of``.

    An estimate dated on or before ``as_of`` wins (the latest one); an undated estimate is
    used only when no dated one exists, and says so. Without an estimate, the areas found
    by ``as_of`` (or with no date) and not released by it are added up.
    """
    result: dict[str, Remaining] = {}
    dated: dict[str, Estimate] = {}
    undated: dict[str, Estimate] = {}
    for e in estimates:
        known = e.as_of.on_or_before(as_of)
        if known is True:
            best = dated.get(e.state)
            if best is None or (e.as_of.latest or date.min) > (best.as_of.latest or date.min):
                dated[e.state] = e
        elif known is None and e.state not in undated:
            undated[e.state] = e
    for state, e in {**undated, **dated}.items():
        result[state] = Remaining(
            state=state,
            area_m2=e.area_m2,
            as_of=e.as_of,
            bound=e.bound,
            basis="estimate",
            dated=state in dated,
            sources=e.sources,
        )
    open_areas: dict[str, list[Area]] = defaultdict(list)
    for a in areas:
        found = a.discovered is None or a.discovered.on_or_before(as_of) is not False
        gone = a.released is not None and a.released.on_or_before(as_of) is True
        if found and not gone:
            open_areas[a.state].append(a)
    for state, group in open_areas.items():
        if state in result:
            continue
        unsized = sum(1 for a in group if a.size_m2 is None)
        sized = [a.size_m2 for a in group if a.size_m2 is not None]
        result[state] = Remaining(
            state=state,
            area_m2=sum(sized) if sized else None,
            as_of=FuzzyDate.exact(as_of),
            bound=Bound.AT_LEAST if unsized else Bound.EXACT,
            basis="areas",
            dated=True,
            sources=tuple(dict.fromkeys(s for a in group for s in a.sources)),
            areas_unsized=unsized,
        )
    return dict(sorted(result.items()))


# -- risk reduction education ------------------------------------------------------------


@dataclass(frozen=True)
class Beneficiaries:
    """People reached by risk reduction education, by sex and age; ``None`` = not given."""

    girls: int | None = None
    boys: int | None = None
    women: int | None = None
    men: int | None = None
    not_disaggregated: int | None = None
    total: int | None = None

    @property
    def reached(self) -> int | None:
        """The total if given, else the sum of the parts given (None when nothing is)."""
        if self.total is not None:
            return self.total
        parts = [getattr(self, p) for p in BENEFICIARY_PARTS if getattr(self, p) is not None]
        return sum(parts) if parts else None


@dataclass(frozen=True)
class Education:
    """Risk reduction education by one State in one year."""

    state: str
    year: int
    beneficiaries: Beneficiaries
    delivery: str = ""
    sources: Sources = ()


@dataclass(frozen=True)
class BeneficiaryTotals:
    """Sums over rows: each part over the rows that give it (``rows_with`` says how many),
    and the people reached (each row's total, or its parts)."""

    parts: Mapping[str, int]
    rows_with: Mapping[str, int]
    reached: int
    rows: int
    states: tuple[str, ...]
    sources: Sources


def beneficiary_totals(rows: Iterable[Education]) -> BeneficiaryTotals:
    rows = list(rows)
    parts = {p: 0 for p in BENEFICIARY_PARTS}
    rows_with = {p: 0 for p in BENEFICIARY_PARTS}
    for row in rows:
        for p in BENEFICIARY_PARTS:
            value = getattr(row.beneficiaries, p)
            if value is not None:
                parts[p] += value
                rows_with[p] += 1
    return BeneficiaryTotals(
        parts=parts,
        rows_with=rows_with,
        reached=sum(r.beneficiaries.reached or 0 for r in rows),
        rows=len(rows),
        states=tuple(sorted({r.state for r in rows})),
        sources=tuple(dict.fromkeys(s for r in rows for s in r.sources)),
    )


def beneficiaries_by_year(rows: Iterable[Education]) -> dict[int, BeneficiaryTotals]:
    grouped: dict[int, list[Education]] = defaultdict(list)
    for row in rows:
        grouped[row.year].append(row)
    return {year: beneficiary_totals(grouped[year]) for year in sorted(grouped)}


# -- the States with Article 4 obligations between two dates (para 38) --------------------


@dataclass(frozen=True)
class Movement:
    """Para 38's account between ``start`` (end of the 1RC) and ``end``: who had
    obligations at the start, who declared completion, who is new, who found contamination
    again after completing, who has obligations at the end. ``not_known`` lists States
    whose position at the start the record cannot tell (e.g. a completion dated only
    "before 2019")."""

    start: date
    end: date
    at_start: tuple[str, ...]
    completed: tuple[str, ...]
    new: tuple[str, ...]
    rediscovered: tuple[str, ...]
    at_end: tuple[str, ...]
    not_known_at_start: tuple[str, ...]
    sources: Mapping[str, Sources] = field(default_factory=dict)


def _outstanding(record: ObligationRecord, day: date) -> bool | None:
    """Whether the obligation is outstanding at the start of ``day``: not completed before
    that day, and not known to arise only later. As in the engine, an obligation runs
    from entry into force unless its ``recorded`` date is certainly later."""
    if record.recorded.is_known and record.recorded.on_or_before(day) is False:
        return False
    if record.completed is None:
        return True
    done = record.completed.on_or_before(day - timedelta(days=1))
    return None if done is None else not done


def movement(start: Summary, end: Summary, rediscovered: Iterable[str] = ()) -> Movement:
    """Computed from the record (``Register.summary`` at both dates) and the States that
    found contamination after declaring completion (from the contaminated areas)."""
    again = set(rediscovered)

    def obligations(summary: Summary) -> dict[str, tuple[ObligationRecord, ObligationStatus]]:
        found: dict[str, tuple[ObligationRecord, ObligationStatus]] = {}
        for s in summary.states:
            if s.status is not Status.STATE_PARTY:
                continue
            result = s.obligation(ARTICLE)
            record = next((o for o in s.record.obligations if o.article == ARTICLE), None)
            if result is not None and record is not None:
                found[s.iso3] = (record, result.status)
        return found

    before, after = obligations(start), obligations(end)
    at_start = sorted(iso for iso, (r, _) in before.items() if _outstanding(r, start.as_of) is True)
    unknown = sorted(iso for iso, (r, _) in before.items() if _outstanding(r, start.as_of) is None)
    at_end = sorted(
        iso
        for iso, (r, _) in after.items()
        if _outstanding(r, end.as_of + timedelta(days=1)) is True
    )
    completed = sorted(
        iso
        for iso in at_start
        if iso in after
        and (done := after[iso][0].completed) is not None
        and done.on_or_before(end.as_of) is True
    )
    rediscovered_now = sorted(iso for iso in at_end if iso in again and iso not in at_start)
    new = sorted(
        iso
        for iso in at_end
        if iso not in at_start and iso not in rediscovered_now and iso not in unknown
    )
    return Movement(
        start=start.as_of,
        end=end.as_of,
        at_start=tuple(at_start),
        completed=tuple(completed),
        new=tuple(new),
        rediscovered=tuple(rediscovered_now),
        at_end=tuple(at_end),
        not_known_at_start=tuple(unknown),
        sources={iso: r.sources for iso, (r, _) in after.items()},
    )
