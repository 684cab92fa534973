"""Staff entry and correction of the Article 3 facts (``/record/<key>/``): every save runs
the model's ``clean()``, so a destruction figure above the declared stockpile, a year
outside 2008-2100 or a negative count is refused on its field."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.stockpiles.models import (
    ComplianceDeclaration,
    StockpileDeclaration,
    StockpileDestruction,
    StockpileRetention,
)
from treaty_tracker.themes.fact_editor import FactEditor

GROUP = _("Article 3: stockpiles")

EDITORS = [
    FactEditor(
        key="stockpile-declarations",
        model=StockpileDeclaration,
        fields=("state", "category", "origin", "munition_type", "quantity", "qualifier", "as_of"),
        title=_("Declared stockpiles (Art. 3, 7(1)(b))"),
        columns=("state", "category", "origin", "quantity", "qualifier", "as_of"),
        help=_(
            "One row per category (and type, if given): held at entry into force, or "
            "discovered later. Leave the quantity empty when the source gives none."
        ),
        group=GROUP,
    ),
    FactEditor(
        key="stockpile-destruction",
        model=StockpileDestruction,
        fields=(
            "state",
            "category",
            "year",
            "through",
            "quantity",
            "qualifier",
            "method",
            "site",
        ),
        title=_("Stockpile destruction (Art. 3(2), 7(1)(e))"),
        columns=("state", "category", "year", "through", "quantity", "qualifier"),
        help=_(
            "One row per category and calendar year; a total the source does not break "
            "down by year takes the date it runs to instead of a year. The total destroyed "
            "can never exceed the declared stockpile."
        ),
        group=GROUP,
    ),
    FactEditor(
        key="stockpile-retention",
        model=StockpileRetention,
        fields=(
            "state",
            "year",
            "munitions",
            "submunitions",
            "qualifier",
            "munitions_consumed",
            "submunitions_consumed",
            "planned_use",
            "actual_use",
        ),
        title=_("Retention for training and development (Art. 3(6)-(8))"),
        columns=("state", "year", "munitions", "submunitions"),
        group=GROUP,
    ),
    FactEditor(
        key="stockpile-compliance",
        model=ComplianceDeclaration,
        fields=("state", "declared", "uses_template", "url"),
        title=_("Declarations of compliance with Article 3"),
        columns=("state", "declared", "uses_template"),
        group=GROUP,
    ),
]
