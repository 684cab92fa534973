"""Reads for the public: published Article 7 report versions, and nothing else.

Drafts, versions awaiting review and returned versions never leave these selectors, so a
public page or endpoint built on them cannot leak one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.timezone import localdate

from treaty_tracker.rules import ReportKind, StateResult
from treaty_tracker.rules.compliance import annual_report, states_parties
from treaty_tracker.rules.cooperation import YearCooperation, cooperation_figures
from treaty_tracker.states.selectors import register
from treaty_tracker.transparency.models import Submission


def published() -> QuerySet[Submission]:
    """Every published version, with its State (one query)."""
    return Submission.objects.filter(status=Submission.Status.PUBLISHED).select_related("state")


def published_latest(
    *, iso3: str | None = None, kind: str | None = None, year: int | None = None
) -> QuerySet[Submission]:
    """The latest published version of each report (State, kind, year), by State name,
    kind and year; each filter ignored when ``None``.

    Portable ORM: a version is the latest when no published version of the same report has
    a higher number (initial reports have no year, so years compare through ``Coalesce``).
    """
    newer = (
        Submission.objects.annotate(slot_year=Coalesce("year", Value(0)))
        .filter(
            status=Submission.Status.PUBLISHED,
            state=OuterRef("state"),
            kind=OuterRef("kind"),
            slot_year=OuterRef("slot_year"),
            number__gt=OuterRef("number"),
        )
        .values("pk")
    )
    rows = (
        published()
        .annotate(slot_year=Coalesce("year", Value(0)))
        .filter(~Exists(newer))
        .order_by("state__name", "kind", "year")
    )
    if iso3 is not None:
        rows = rows.filter(state__iso3=iso3)
    if kind is not None:
        rows = rows.filter(kind=kind)
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def published_version(pk: int) -> Submission | None:
    """A published version by id; ``None`` when unknown or not published."""
    return published().filter(pk=pk).first()


def later_version(submission: Submission) -> Submission | None:
    """A later published version of the same report, if any (the one to read instead)."""
    return (
        published()
        .filter(
            state_id=submission.state_id,
            kind=submission.kind,
            year=submission.year,
            number__gt=submission.number,
        )
        .order_by("-number")
        .first()
    )


def published_ids(kind: str) -> dict[tuple[str, int | None], int]:
    """(ISO3, year) -> the latest published version's id, for linking (one query)."""
    return {
        (s.state.iso3, s.year): s.pk
        for s in published_latest(kind=kind).only("pk", "year", "state__iso3", "state__name")
    }


def timeliness(state: StateResult | None, submission: Submission) -> str | None:
    """On time or late, as the engine judges the report on the record (its first version)."""
    if state is None:
        return None
    if submission.kind == ReportKind.INITIAL:
        report = state.initial_report
    elif submission.kind == ReportKind.ANNUAL and submission.year is not None:
        report = annual_report(state, submission.year)
    else:
        return None  # voluntary reports have no due date
    if report is None or report.timeliness is None:
        return None
    return report.timeliness.value


def published_rows(
    *, iso3: str | None = None, kind: str | None = None, year: int | None = None
) -> list[dict[str, Any]]:
    """One row per latest published version, with the engine's on time / late today."""
    by_iso = {s.iso3: s for s in register().summary(localdate()).states}
    return [
        {
            "id": s.pk,
            "state": s.state.iso3,
            "state_name": s.state.name,
            "kind": s.kind,
            "kind_label": s.get_kind_display(),
            "year": s.year,
            "version": s.number,
            "submitted": localdate(s.submitted_at),
            "timeliness": timeliness(by_iso.get(s.state.iso3), s),
            "url": reverse("web:published_report", args=[s.pk]),
        }
        for s in published_latest(iso3=iso3, kind=kind, year=year)
    ]


# -- cooperation and assistance (para 78) -------------------------------------------------

#: The reports whose Form I the cooperation figures read: annual reports (Art. 7(2)), and
#: voluntary ones, the only kind a State not party sends (para 78 counts South Sudan's).
COOPERATION_KINDS = (ReportKind.ANNUAL.value, ReportKind.VOLUNTARY.value)


def published_cooperation_contents(as_of: date) -> dict[tuple[str, int], dict[str, Any]]:
    """(ISO3, year covered) -> the content of the latest published version submitted on or
    before ``as_of`` ("as reported by" that day), annual preferred to voluntary when a
    State has both for a year. One query; only the latest versions are loaded.
    """
    newer = Submission.objects.filter(
        status=Submission.Status.PUBLISHED,
        state=OuterRef("state"),
        kind=OuterRef("kind"),
        year=OuterRef("year"),
        number__gt=OuterRef("number"),
        submitted_at__date__lte=as_of,
    ).values("pk")
    rows = (
        Submission.objects.filter(
            status=Submission.Status.PUBLISHED,
            kind__in=COOPERATION_KINDS,
            year__isnull=False,
            submitted_at__date__lte=as_of,
        )
        .filter(~Exists(newer))
        .values_list("state__iso3", "year", "kind", "content")
    )
    contents: dict[tuple[str, int], dict[str, Any]] = {}
    for iso3, year, kind, content in rows.order_by("state__iso3", "year"):
        if isinstance(content, dict) and (
            kind == ReportKind.ANNUAL.value or (iso3, year) not in contents
        ):
            contents[(iso3, year)] = content
    return contents


def cooperation(as_of: date, years: Iterable[int]) -> list[YearCooperation]:
    """Para 78's figures on ``as_of`` for the covered ``years``: the States Parties on that
    day from the record, the reports from the published versions."""
    parties = {s.iso3 for s in states_parties(register(), as_of)}
    return cooperation_figures(published_cooperation_contents(as_of), parties, years)
