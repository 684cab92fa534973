from django.contrib import admin

from treaty_tracker.sources.admin_base import StateFactAdmin
from treaty_tracker.victims.models import (
    Casualties,
    CrpdStatus,
    DataCollection,
    FocalPoint,
    NationalPlan,
    Service,
    SurvivorInvolvement,
)


@admin.register(Casualties)
class CasualtiesAdmin(StateFactAdmin):
    list_display = ("state", "year", "outcome", "total", "source", "paragraph")
    list_filter = ("outcome", "year")


@admin.register(FocalPoint)
class FocalPointAdmin(StateFactAdmin):
    list_display = ("state", "designated", "entity", "source", "paragraph")
    search_fields = (*StateFactAdmin.search_fields, "entity")


@admin.register(NationalPlan)
class NationalPlanAdmin(StateFactAdmin):
    list_display = ("state", "kind", "title", "adopted", "source", "paragraph")
    list_filter = ("kind",)
    search_fields = (*StateFactAdmin.search_fields, "title")


@admin.register(CrpdStatus)
class CrpdStatusAdmin(StateFactAdmin):
    list_display = ("state", "status", "since", "source", "paragraph")
    list_filter = ("status",)


@admin.register(DataCollection)
class DataCollectionAdmin(StateFactAdmin):
    list_display = ("state", "status", "as_of", "disaggregated", "source", "paragraph")
    list_filter = ("status",)


@admin.register(SurvivorInvolvement)
class SurvivorInvolvementAdmin(StateFactAdmin):
    list_display = ("state", "involved", "as_of", "source", "paragraph")
    list_filter = ("involved",)


@admin.register(Service)
class ServiceAdmin(StateFactAdmin):
    list_display = ("state", "kind", "as_of", "source", "paragraph")
    list_filter = ("kind",)
    search_fields = (*StateFactAdmin.search_fields, "description")
