"""Reads for the public: published Article 7 report versions, and nothing else.

Drafts, versions awaiting review and returned versions never leave these selectors, so a
public page or endpoint built on them cannot leak one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.timezone import localdate

from treaty_tracker.rules import ReportKind, StateResult
from treaty_tracker.rules.compliance import annual_report
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
