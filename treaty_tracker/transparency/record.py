"""Each State's Article 7 reports as the rules engine reads them: kind, year, date
submitted (``states.selectors.RecordPart``, registered in ``apps.py``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from treaty_tracker.rules import ReportKind, ReportRecord
from treaty_tracker.states.models import State
from treaty_tracker.states.selectors import RecordPart
from treaty_tracker.transparency.models import Report


def part() -> RecordPart:
    return RecordPart(
        prefetch=Prefetch(
            "reports",
            to_attr="report_list",
            queryset=Report.objects.select_related("source", "entered_by"),
        ),
        fields=_fields,
    )


def _fields(state: State) -> dict[str, Any]:
    return {
        "reports": tuple(
            ReportRecord(
                kind=ReportKind(r.kind),
                submitted=r.submitted,
                year=r.year,
                sources=(r.citation,),
            )
            for r in state.report_list  # type: ignore[attr-defined]
        )
    }
