"""The short form: a new draft that carries the previous report forward.

A State with nothing new starts from its last report, confirms "unchanged" per form and
submits in minutes (the 2010 cover page's "unchanged (last reporting: yyyy)" tick box).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from treaty_tracker.rules.records import ReportKind
from treaty_tracker.rules.reporting.content import Period, ReportContent, ReportView
from treaty_tracker.rules.reporting.definition import FormStatus

# Cover keys that belong to one submission and are not carried into the next draft.
_NOT_CARRIED = ("kind", "period", "submitted", "forms")


def carry_forward(previous: ReportContent, *, kind: ReportKind, period: Period) -> dict[str, Any]:
    """A draft for ``period`` from the previous report's content.

    Every form keeps its data and text. A form the previous report changed becomes
    "unchanged since" the year that report covered (the end of its period; the year before
    ``period`` if its period is malformed); a form already unchanged keeps its year; a form
    not applicable stays not applicable. The State, the contact and the form version are
    kept; the date of submission is not."""
    view = ReportView(previous)
    last = view.period
    last_year = last.end.year if last is not None else period.start.year - 1
    draft: dict[str, Any] = {}
    if "form_version" in previous:
        draft["form_version"] = previous["form_version"]
    draft["kind"] = ReportKind(kind).value
    draft["period"] = period.as_content()
    for key, value in previous.items():
        if key not in (*_NOT_CARRIED, "form_version"):
            draft[key] = copy.deepcopy(value)
    forms: dict[str, Any] = {}
    for code, raw in view.forms.items():
        if not isinstance(raw, Mapping):
            continue  # nothing to carry; validation asks for the form's status
        status, since = raw.get("status"), raw.get("unchanged_since")
        form: dict[str, Any] = {}
        if status == FormStatus.NOT_APPLICABLE:
            form["status"] = FormStatus.NOT_APPLICABLE.value
        elif (
            status == FormStatus.UNCHANGED
            and isinstance(since, int)
            and not isinstance(since, bool)
        ):
            form |= {"status": FormStatus.UNCHANGED.value, "unchanged_since": since}
        else:
            form |= {"status": FormStatus.UNCHANGED.value, "unchanged_since": last_year}
        for part, value in raw.items():
            if part not in ("status", "unchanged_since"):
                form[str(part)] = copy.deepcopy(value)
        forms[str(code)] = form
    draft["forms"] = forms
    return draft
