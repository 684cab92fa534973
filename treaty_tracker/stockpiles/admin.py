"""The Article 3 facts in the staff admin, with history and attribution (``SourcedAdmin``);
each save runs the model's own validation (destroyed never more than declared)."""

from __future__ import annotations

from django.contrib import admin

from treaty_tracker.sources.admin_base import SourcedAdmin
from treaty_tracker.stockpiles.models import (
    ComplianceDeclaration,
    StockpileDeclaration,
    StockpileDestruction,
    StockpileRetention,
)


@admin.register(StockpileDeclaration)
class StockpileDeclarationAdmin(SourcedAdmin):
    list_display = ("state", "category", "origin", "quantity", "qualifier", "as_of", "source")
    list_filter = ("category", "origin", "qualifier")
    search_fields = ("state__name", "state__iso3", "munition_type")
    autocomplete_fields = ("state",)


@admin.register(StockpileDestruction)
class StockpileDestructionAdmin(SourcedAdmin):
    list_display = ("state", "category", "year", "through", "quantity", "qualifier", "source")
    list_filter = ("category", "qualifier")
    search_fields = ("state__name", "state__iso3", "method", "site")
    autocomplete_fields = ("state",)


@admin.register(StockpileRetention)
class StockpileRetentionAdmin(SourcedAdmin):
    list_display = ("state", "year", "munitions", "submunitions", "source")
    search_fields = ("state__name", "state__iso3")
    autocomplete_fields = ("state",)


@admin.register(ComplianceDeclaration)
class ComplianceDeclarationAdmin(SourcedAdmin):
    list_display = ("state", "declared", "uses_template", "source")
    search_fields = ("state__name", "state__iso3")
    autocomplete_fields = ("state",)
