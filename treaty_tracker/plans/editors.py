"""Staff entry of the action plans, their actions and their indicators' definitions
(``themes.fact_editor``: list, new, edit, history at ``/record/<key>/``). Validation is the
models' ``clean()`` (``rules.indicators.check_indicator`` for an indicator's formula,
baseline and target); the editor adds the source, paragraph, quote and note fields."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from treaty_tracker.plans.models import Action, ActionPlan, Indicator
from treaty_tracker.themes.fact_editor import FactEditor

EDITORS = [
    FactEditor(
        key="plans",
        model=ActionPlan,
        fields=("code", "name", "adopted_at", "period_start", "period_end"),
        title=_("Action plans"),
    ),
    FactEditor(
        key="plan-actions",
        model=Action,
        fields=("plan", "number", "theme", "title", "text"),
        title=_("Actions of the action plans"),
        columns=("plan", "number", "theme", "title"),
        help=_("Leave the title and text empty when the action's words were not retrieved."),
    ),
    FactEditor(
        key="plan-indicators",
        model=Indicator,
        fields=(
            "action",
            "code",
            "description",
            "formula",
            "comparison",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
        ),
        title=_("Indicators of the actions: formula, baseline and target"),
        columns=("action", "code", "formula", "baseline_value", "target_value"),
        help=_("The formula is the key of a computation listed in docs/indicators.md."),
    ),
]
