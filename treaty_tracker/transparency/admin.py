from django.contrib import admin

from treaty_tracker.sources.admin_base import SourcedAdmin
from treaty_tracker.transparency.models import Report


@admin.register(Report)
class ReportAdmin(SourcedAdmin):
    list_display = ("state", "kind", "year", "submitted", "source", "paragraph")
    list_filter = ("kind", "year")
    search_fields = ("state__name", "state__iso3")
    autocomplete_fields = ("state",)
