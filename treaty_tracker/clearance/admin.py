"""The Article 4 facts in the Django admin, with history and attribution."""

from __future__ import annotations

from django.contrib import admin

from treaty_tracker.clearance.models import (
    ContaminatedArea,
    ContaminationEstimate,
    LandRelease,
    Milestone,
    NationalPlan,
    RiskEducation,
    Survey,
)
from treaty_tracker.sources.admin_base import SourcedAdmin


@admin.register(ContaminatedArea)
class ContaminatedAreaAdmin(SourcedAdmin):
    list_display = ("state", "name", "size_m2", "status", "discovered", "released")
    list_filter = ("status",)
    search_fields = ("state__iso3", "state__name", "name", "location")
    autocomplete_fields = ("state",)


@admin.register(ContaminationEstimate)
class ContaminationEstimateAdmin(SourcedAdmin):
    list_display = ("state", "area_m2", "bound", "as_of")
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(LandRelease)
class LandReleaseAdmin(SourcedAdmin):
    list_display = ("state", "year", "method", "area_m2", "submunitions_destroyed")
    list_filter = ("method", "year")
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(Survey)
class SurveyAdmin(SourcedAdmin):
    list_display = ("state", "kind", "carried_out", "area_m2")
    list_filter = ("kind",)
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(NationalPlan)
class NationalPlanAdmin(SourcedAdmin):
    list_display = ("state", "kind", "title", "period_start", "period_end", "adopted")
    list_filter = ("kind",)
    search_fields = ("state__iso3", "state__name", "title")
    autocomplete_fields = ("state",)


@admin.register(Milestone)
class MilestoneAdmin(SourcedAdmin):
    list_display = ("plan", "description", "due", "achieved")
    search_fields = ("description", "plan__title")


@admin.register(RiskEducation)
class RiskEducationAdmin(SourcedAdmin):
    list_display = ("state", "year", "delivery", "total")
    list_filter = ("delivery", "year")
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)
