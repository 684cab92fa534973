from django.contrib import admin

from treaty_tracker.sources.admin_base import SourcedAdmin
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
class CasualtiesAdmin(SourcedAdmin):
    list_display = ("state", "year", "outcome", "total", "source", "paragraph")
    list_filter = ("outcome", "year")
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(FocalPoint)
class FocalPointAdmin(SourcedAdmin):
    list_display = ("state", "designated", "entity", "source", "paragraph")
    search_fields = ("state__iso3", "state__name", "entity")
    autocomplete_fields = ("state",)


@admin.register(NationalPlan)
class NationalPlanAdmin(SourcedAdmin):
    list_display = ("state", "kind", "title", "adopted", "source", "paragraph")
    list_filter = ("kind",)
    search_fields = ("state__iso3", "state__name", "title")
    autocomplete_fields = ("state",)


@admin.register(CrpdStatus)
class CrpdStatusAdmin(SourcedAdmin):
    list_display = ("state", "status", "since", "source", "paragraph")
    list_filter = ("status",)
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(DataCollection)
class DataCollectionAdmin(SourcedAdmin):
    list_display = ("state", "status", "as_of", "disaggregated", "source", "paragraph")
    list_filter = ("status",)
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(SurvivorInvolvement)
class SurvivorInvolvementAdmin(SourcedAdmin):
    list_display = ("state", "involved", "as_of", "source", "paragraph")
    list_filter = ("involved",)
    search_fields = ("state__iso3", "state__name")
    autocomplete_fields = ("state",)


@admin.register(Service)
class ServiceAdmin(SourcedAdmin):
    list_display = ("state", "kind", "as_of", "source", "paragraph")
    list_filter = ("kind",)
    search_fields = ("state__iso3", "state__name", "description")
    autocomplete_fields = ("state",)
