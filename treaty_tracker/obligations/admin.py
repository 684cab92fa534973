from django.contrib import admin

from treaty_tracker.obligations.models import (
    ExtensionDecision,
    ExtensionRequest,
    NationalMeasure,
    Obligation,
)
from treaty_tracker.sources.admin_base import SourcedAdmin, StateFactAdmin


@admin.register(Obligation)
class ObligationAdmin(StateFactAdmin):
    list_display = ("state", "article", "basis", "completed", "source", "paragraph")
    list_filter = ("article", "basis")


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(SourcedAdmin):
    list_display = ("obligation", "months_requested", "submitted", "meeting", "source")
    list_filter = ("obligation__article", "meeting")
    search_fields = ("obligation__state__name", "obligation__state__iso3")


@admin.register(ExtensionDecision)
class ExtensionDecisionAdmin(SourcedAdmin):
    list_display = ("request", "outcome", "months_granted", "decided", "source")
    list_filter = ("outcome",)


@admin.register(NationalMeasure)
class NationalMeasureAdmin(StateFactAdmin):
    list_display = ("state", "category", "as_of", "source", "paragraph")
    list_filter = ("category",)
