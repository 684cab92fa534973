"""Version 1 of the JSON API: read-only, anonymous, over the same selector and rules engine
as the CLI, returning the same shapes (:mod:`treaty_tracker.rules.serialize`).

Each endpoint parses its query, calls :func:`~treaty_tracker.states.selectors.register`
once (a fixed number of queries, whatever the number of States) and serializes the result.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.timezone import localdate
from ninja import NinjaAPI, Path, Query, Router, Swagger

from treaty_tracker.rules import (
    EARLIEST_AS_OF,
    LATEST_AS_OF,
    ReportKind,
    Status,
    compliance,
    cooperation,
    serialize,
)
from treaty_tracker.states.selectors import register
from treaty_tracker.themes import api_errors as errors
from treaty_tracker.themes import registry
from treaty_tracker.themes.api_errors import ApiError, ErrorCode
from treaty_tracker.themes.api_params import (
    AS_OF,
    OBLIGATION,
    REGION,
    STATUS,
    WITHIN,
    AsOf,
    Within,
    known_state,
    only,
)
from treaty_tracker.themes.api_schemas import (
    FUZZY_DATE,
    DeadlineList,
    Error,
    PublishedReportContent,
    PublishedReportList,
    ReportingFigures,
    StateList,
    StateProfile,
    TreatySummary,
)
from treaty_tracker.transparency import published

DESCRIPTION = f"""\
The record of the Convention on Cluster Munitions: States, treaty actions, obligations
(Articles 3, 4 and 5) with deadlines and extensions, and Article 7 reports, each fact with
its source. Every figure is computed from the record as it stood on `as_of` (default:
today), exactly as the `treaty-tracker` command line computes it: `summary`, `state` and
`deadlines` return what `treaty-tracker summary|state|deadlines --format json` print.

The API is read-only and anonymous.

## Dates

Dates in responses are text. {FUZZY_DATE} `null` means there is no such event (e.g. no
signature). `as_of` is always an exact day, `YYYY-MM-DD`.

## Errors

{errors.describe()}
"""

#: The record's own endpoints; each theme adds its router (``themes.registry``).
router = Router()


def build(urls_namespace: str = "api-v1") -> NinjaAPI:
    """The API: the record's endpoints, then every theme's router, in the order of the
    review's sections, under the error shape. Called once for the site (:data:`api`);
    a test that installs another theme builds its own."""
    built = NinjaAPI(
        title="treaty-tracker API",
        version="1",
        description=DESCRIPTION,
        urls_namespace=urls_namespace,
        # Served from ninja's static files (INSTALLED_APPS), under the site's CSP; no call
        # to the public validator, which would send it our schema's address.
        docs=Swagger(settings={"validatorUrl": None}),
    )
    errors.install(built)
    built.add_router("", router)
    for theme_router in registry.parts("api"):
        built.add_router("", theme_router)
    return built


TAGS = ["record"]
ISO3 = Path(..., description="ISO 3166-1 alpha-3 code, e.g. ISL (any case).", examples=["ISL"])


def _today() -> date:
    """The default ``as_of`` (a function so tests can replace it)."""
    return date.today()


@router.get(
    "/states",
    response={200: StateList, 400: Error},
    operation_id="listStates",
    summary="Every State in the record, with its status",
    description=(
        "All States in the record (party or not), alphabetical by name, with their status, "
        "entry into force and obligations as of `as_of`. Filters combine."
    ),
    tags=TAGS,
)
def list_states(
    request: HttpRequest,
    as_of: AsOf | None = AS_OF,
    status: Status | None = STATUS,
    region: str | None = REGION,
    obligation: str | None = OBLIGATION,
) -> dict[str, Any]:
    only(request, "as_of", "status", "region", "obligation")
    day = as_of or _today()
    everything = register()
    if region is not None:
        regions = sorted({record.region for record in everything.records})
        match = next((r for r in regions if r.casefold() == region.casefold()), None)
        if match is None:
            raise ApiError.for_field(
                ErrorCode.INVALID_PARAMETER,
                "region",
                f"region {region!r} is not a region of any State in the record "
                f"(one of: {', '.join(regions)}).",
            )
        region = match
    if obligation is not None:
        treaty = everything.treaty
        articles = (
            treaty.stockpile.article,
            treaty.clearance.article,
            treaty.victim_assistance_article,
        )
        if obligation not in articles:
            raise ApiError.for_field(
                ErrorCode.INVALID_PARAMETER,
                "obligation",
                f"obligation {obligation!r} is not an article with State obligations "
                f"(one of: {', '.join(articles)}).",
            )
    selected = everything.summary(day).select(
        statuses=None if status is None else {status}, region=region, article=obligation
    )
    states = [
        {
            "iso3": result.iso3,
            "name": result.name,
            "region": result.region,
            "status": result.status.value,
            "entry_into_force": serialize.fuzzy(result.entry_into_force),
            "in_force": result.in_force,
            "obligations": list(result.articles),
        }
        for result in selected
    ]
    return {"as_of": day.isoformat(), "count": len(states), "states": states}


@router.get(
    "/states/{iso3}",
    response={200: StateProfile, 400: Error, 404: Error},
    operation_id="getState",
    summary="One State's whole computed profile",
    description=(
        "Status, treaty actions, entry into force, reports due and submitted, obligations "
        "and deadlines with extensions, each with its sources, as of `as_of`. The code is "
        "case-insensitive (`isl` = `ISL`)."
    ),
    tags=TAGS,
)
def get_state(
    request: HttpRequest,
    iso3: str = ISO3,
    as_of: AsOf | None = AS_OF,
) -> dict[str, Any]:
    only(request, "as_of")
    day = as_of or _today()
    everything = register()
    code = known_state(everything, iso3)
    return serialize.state(everything.state(code, day))


@router.get(
    "/summary",
    response={200: TreatySummary, 400: Error},
    operation_id="getSummary",
    summary="The treaty's status on a date",
    description=(
        "States Parties, signatories, entry into force, initial reports (due / submitted / "
        "overdue / not yet due), Article 3 and 4 obligations with deadlines and extensions, "
        "and Article 5 States."
    ),
    tags=TAGS,
)
def get_summary(request: HttpRequest, as_of: AsOf | None = AS_OF) -> dict[str, Any]:
    only(request, "as_of")
    return serialize.summary(register().summary(as_of or _today()))


@router.get(
    "/deadlines",
    response={200: DeadlineList, 400: Error},
    operation_id="listDeadlines",
    summary="Dates the treaty sets from a date on",
    description=(
        "Initial and annual reports, Article 3 and 4 deadlines and withdrawals taking "
        "effect, soonest first, from `as_of` on; overdue items are included."
    ),
    tags=TAGS,
)
def list_deadlines(
    request: HttpRequest, as_of: AsOf | None = AS_OF, within: Within | None = WITHIN
) -> dict[str, Any]:
    only(request, "as_of", "within")
    day = as_of or _today()
    items = [serialize.deadline(i) for i in register().deadlines(day, within)]
    return {"as_of": day.isoformat(), "within_days": within, "deadlines": items}


# -- Article 7: published reports and reporting figures -----------------------------------

REPORTS_TAGS = ["article 7"]
YEAR_RANGE = f"{EARLIEST_AS_OF.year}-{LATEST_AS_OF.year}"


def _year(name: str, value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.isdigit() or not EARLIEST_AS_OF.year <= int(text) <= LATEST_AS_OF.year:
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER,
            name,
            f"{name} must be a year from {YEAR_RANGE} (got {value!r}).",
        )
    return int(text)


@router.get(
    "/reports",
    response={200: PublishedReportList, 400: Error},
    operation_id="listPublishedReports",
    summary="Published Article 7 reports",
    description=(
        "The latest published version of each State's Article 7 report (drafts and versions "
        "under review are never shown), by State name, kind and year, with on time or late "
        "as the rules engine judges it today. Filters combine; no row limit."
    ),
    tags=REPORTS_TAGS,
)
def list_published_reports(
    request: HttpRequest,
    state: str | None = Query(
        None, description="ISO 3166-1 alpha-3 code (any case).", examples=["ISL"]
    ),
    kind: str | None = Query(None, description="`initial`, `annual` or `voluntary`."),
    year: str | None = Query(
        None, description=f"The calendar year covered ({YEAR_RANGE}).", examples=["2019"]
    ),
) -> dict[str, Any]:
    only(request, "state", "kind", "year")
    code = state.upper() if state is not None else None
    if code is not None and code not in register():
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER, "state", f"state {state!r} is not a State in the record."
        )
    kinds = [k.value for k in ReportKind]
    if kind is not None and kind not in kinds:
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER,
            "kind",
            f"kind {kind!r} is not a report kind (one of: {', '.join(kinds)}).",
        )
    rows = published.published_rows(iso3=code, kind=kind, year=_year("year", year))
    reports = [
        {k: v for k, v in row.items() if k != "kind_label"}
        | {"submitted": row["submitted"].isoformat()}
        for row in rows
    ]
    return {"count": len(reports), "reports": reports}


@router.get(
    "/reports/{report_id}",
    response={200: PublishedReportContent, 400: Error, 404: Error},
    operation_id="getPublishedReport",
    summary="One published Article 7 report version, with its content",
    description=(
        "A published version by its id (from `/reports`), with its content as submitted. "
        "An unknown id, or a version not published, is a 404."
    ),
    tags=REPORTS_TAGS,
)
def get_published_report(
    request: HttpRequest,
    report_id: int = Path(..., description="The id from `/reports`.", examples=[1]),
) -> dict[str, Any]:
    only(request)
    submission = published.published_version(report_id)
    if submission is None:
        raise ApiError(ErrorCode.NOT_FOUND, f"No published report with id {report_id}.")
    everything = register()
    iso3 = submission.state.iso3
    state = everything.state(iso3, localdate()) if iso3 in everything else None
    return {
        "id": submission.pk,
        "state": iso3,
        "state_name": submission.state.name,
        "kind": submission.kind,
        "year": submission.year,
        "version": submission.number,
        "submitted": localdate(submission.submitted_at).isoformat(),
        "timeliness": published.timeliness(state, submission),
        "url": reverse("web:published_report", args=[submission.pk]),
        "form_version": submission.form_version,
        "period_start": submission.period_start.isoformat() if submission.period_start else None,
        "period_end": submission.period_end.isoformat() if submission.period_end else None,
        "content": submission.content,
    }


@router.get(
    "/reporting",
    response={200: ReportingFigures, 400: Error},
    operation_id="getReportingFigures",
    summary="Article 7 reporting figures on a date",
    description=(
        "Initial reports, and per calendar year covered by annual reports (due 30 April of "
        "the next year), the States Parties due, submitted, on time, late, overdue and not "
        "known, with rates (`null` when not computable: nothing due, or the record cannot "
        "tell for a State); per year also the cooperation figures (CCM/CONF/2020/13 "
        "para 78): of the States Parties with a published report covering the year, those "
        "requesting, providing and receiving assistance, and States not party apart. "
        "As `treaty-tracker reporting --format json`. Default years: "
        f"the {compliance.DEFAULT_YEARS} calendar years before `as_of`'s."
    ),
    tags=REPORTS_TAGS,
)
def get_reporting_figures(
    request: HttpRequest,
    as_of: AsOf | None = AS_OF,
    from_year: str | None = Query(None, description=f"First calendar year covered ({YEAR_RANGE})."),
    to_year: str | None = Query(
        None, description="Last calendar year covered (default: the year before `as_of`'s)."
    ),
) -> dict[str, Any]:
    only(request, "as_of", "from_year", "to_year")
    day = as_of or _today()
    last = _year("to_year", to_year)
    last = day.year - 1 if last is None else last
    first = _year("from_year", from_year)
    first = last - compliance.DEFAULT_YEARS + 1 if first is None else first
    if first > last:
        raise ApiError.for_field(
            ErrorCode.INVALID_PARAMETER,
            "from_year",
            f"from_year {first} is after to_year {last}.",
        )
    years = range(first, last + 1)
    return cooperation.add_to(
        compliance.serialize(compliance.compute(register(), day, years)),
        published.cooperation(day, years),
    )


api = build()
