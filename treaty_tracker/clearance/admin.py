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
from treaty_tracker.sources.admin_base import SourcedAdmin, StateFactAdmin


@admin.register(ContaminatedArea)
class ContaminatedAreaAdmin(StateFactAdmin):
    list_display = ("state", "name", "size_m2", "status", "discovered", "released")
    list_filter = ("status",)
    search_fields = (*StateFactAdmin.search_fields, "name", "location")


@admin.register(ContaminationEstimate)
class ContaminationEstimateAdmin(StateFactAdmin):
    list_display = ("state", "area_m2", "bound", "as_of")


@admin.register(LandRelease)
class LandReleaseAdmin(StateFactAdmin):
    list_display = ("state", "year", "method", "area_m2", "submunitions_destroyed")
    list_filter = ("method", "year")


@admin.register(Survey)
class SurveyAdmin(StateFactAdmin):
    list_display = ("state", "kind", "carried_out", "area_m2")
    list_filter = ("kind",)


@admin.register(NationalPlan)
class NationalPlanAdmin(StateFactAdmin):
    list_display = ("state", "kind", "title", "period_start", "period_end", "adopted")
    list_filter = ("kind",)
    search_fields = (*StateFactAdmin.search_fields, "title")


@admin.register(Milestone)
class MilestoneAdmin(SourcedAdmin):
    list_display = ("plan", "description", "due", "achieved")
    search_fields = ("description", "plan__title")


@admin.register(RiskEducation)
class RiskEducationAdmin(StateFactAdmin):
    list_display = ("state", "year", "delivery", "total")
    list_filter = ("delivery", "year")
