from django.contrib import admin

from treaty_tracker.plans.models import Action, ActionPlan, Indicator
from treaty_tracker.sources.admin_base import SourcedAdmin


@admin.register(ActionPlan)
class ActionPlanAdmin(SourcedAdmin):
    list_display = ("code", "name", "adopted_at", "period_start", "period_end", "source")
    search_fields = ("code", "name")


@admin.register(Action)
class ActionAdmin(SourcedAdmin):
    list_display = ("plan", "number", "theme", "title", "source", "paragraph")
    list_filter = ("plan", "theme")
    search_fields = ("number", "title", "text")


@admin.register(Indicator)
class IndicatorAdmin(SourcedAdmin):
    list_display = (
        "action",
        "code",
        "formula",
        "comparison",
        "baseline_value",
        "target_value",
        "source",
        "paragraph",
    )
    list_filter = ("action__plan", "comparison", "unit")
    search_fields = ("code", "description", "formula")
