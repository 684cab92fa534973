"""The template's layout, shared by the writer (``build``) and the reader (``parse``).

Column A of every sheet holds the machine key of its row, hidden, so that reading never
depends on labels a translator or the focal point may change. The ``_meta`` sheet names
the template, the form version and :data:`LAYOUT`; bump :data:`LAYOUT` when the layout
changes, and older templates are then refused.
"""

from __future__ import annotations

import itertools

from treaty_tracker.rules.reporting import FieldSpec

TEMPLATE_ID = "treaty-tracker/article7"
LAYOUT = "1"  # bump when the sheets' layout changes; older templates are then refused
META_SHEET = "_meta"
COVER_SHEET = "Cover"
SPARE_ROWS = 10  # empty rows offered under each table

# Words for the form-level parts shown on the cover page.
COVER_ROWS = (
    ("state", "Name of State"),
    ("kind", "Kind of report"),
    ("period.from", "Reporting period from (YYYY-MM-DD)"),
    ("period.to", "Reporting period to (YYYY-MM-DD)"),
)
# Column A markers that are not data.
TABLE_MARKER = "table:"
NON_DATA_KEYS = {"title", "keys", "labels", "header"}


def field_cells(spec: FieldSpec) -> list[tuple[str, str, tuple[str, ...] | None]]:
    """The cells a field takes: ``(key, label, breakdown)``; a disaggregated count takes
    its total (``injured``) and one cell per breakdown (``injured.female.child.civilian``)."""
    if not spec.disaggregation:
        return [(spec.key, spec.label, None)]
    cells: list[tuple[str, str, tuple[str, ...] | None]] = [
        (spec.key, f"{spec.label}: total", None)
    ]
    for combination in itertools.product(*(d.choices for d in spec.disaggregation)):
        values = tuple(choice.value for choice in combination)
        words = ", ".join(choice.label for choice in combination)
        cells.append((".".join((spec.key, *values)), f"{spec.label}: {words}", values))
    return cells
