"""The Article 3 facts in the staff admin, with history and attribution (``SourcedAdmin``);
each save runs the model's own validation (destroyed never more than declared)."""

from __future__ import annotations

from django.contrib import admin

from treaty_tracker.sources.admin_base import StateFactAdmin
from treaty_tracker.stockpiles.models import (
    ComplianceDeclaration,
    StockpileDeclaration,
    StockpileDestruction,
    StockpileRetention,
)


@admin.register(StockpileDeclaration)
class StockpileDeclarationAdmin(StateFactAdmin):
    list_display = ("state", "category", "origin", "quantity", "qualifier", "as_of", "source")
    list_filter = ("category", "origin", "qualifier")
    search_fields = (*StateFactAdmin.search_fields, "munition_type")


@admin.register(StockpileDestruction)
class StockpileDestructionAdmin(StateFactAdmin):
    list_display = ("state", "category", "year", "through", "quantity", "qualifier", "source")
    list_filter = ("category", "qualifier")
    search_fields = (*StateFactAdmin.search_fields, "method", "site")


@admin.register(StockpileRetention)
class StockpileRetentionAdmin(StateFactAdmin):
    list_display = ("state", "year", "munitions", "submunitions", "source")


@admin.register(ComplianceDeclaration)
class ComplianceDeclarationAdmin(StateFactAdmin):
    list_display = ("state", "declared", "uses_template", "source")
