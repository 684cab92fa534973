"""Staff entry of obligations facts (``themes.fact_editor``: list, new, edit, history at
``/record/<key>/``). Validation is the models' ``clean()``; the editor adds the source,
paragraph, quote and note fields.

Art. 9: a State's national implementation measures. A source that classifies the State at
a date gives its whole picture at that date (``rules.measures``): to record a change,
enter every category that holds at the new date.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.obligations.models import NationalMeasure, Obligation
from treaty_tracker.themes.fact_editor import FactEditor

EDITORS = [
    FactEditor(
        key="obligations",
        model=Obligation,
        fields=("state", "article", "basis", "start", "recorded", "ended", "completed"),
        title=_("Obligations under Articles 3, 4 and 5, and their completion"),
        columns=("state", "article", "basis", "recorded", "ended", "completed"),
    ),
    FactEditor(
        key="national-measures",
        model=NationalMeasure,
        fields=("state", "category", "as_of", "kind", "title", "adopted", "url"),
        title=_("National implementation measures (Art. 9)"),
        columns=("state", "category", "as_of", "kind", "title"),
    ),
]
