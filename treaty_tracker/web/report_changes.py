"""The field-level diff between two versions of a State's report, as rows for a page.

Used by the version page (against the State's previous version) and the public report
page (against its previous published one), with one template:
``web/includes/report_changes.html``.
"""

from __future__ import annotations

from typing import Any

from treaty_tracker.rules.reporting import (
    DefinitionError,
    FormDefinition,
    describe,
    diff_reports,
    load_form_definition,
)
from treaty_tracker.transparency.models import Submission
from treaty_tracker.transparency.services import CURRENT_FORM_VERSION


def _definition(content: Any) -> FormDefinition:
    version = content.get("form_version") if isinstance(content, dict) else None
    try:
        return load_form_definition(str(version))
    except DefinitionError:
        return load_form_definition(CURRENT_FORM_VERSION)


def changes_between(submission: Submission, previous: Submission | None) -> list[dict[str, Any]]:
    """Each change from ``previous`` to ``submission``: form, field in words, before, after."""
    if previous is None:
        return []
    definition = _definition(submission.content)
    rows = []
    for change in diff_reports(previous.content, submission.content, definition=definition):
        try:
            where = describe(change.path, definition)
        except (KeyError, ValueError):
            where = change.path
        rows.append(
            {
                "form": change.form,
                "where": where,
                "kind": change.kind.value,
                "before": change.before,
                "after": change.after,
            }
        )
    return rows
