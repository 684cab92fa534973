from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from treaty_tracker.sources.admin_base import StateFactAdmin
from treaty_tracker.states.models import State, TreatyAction


class TreatyActionInline(admin.TabularInline):
    model = TreatyAction
    extra = 0
    fields = ("kind", "date", "source", "paragraph", "note")


@admin.register(State)
class StateAdmin(SimpleHistoryAdmin):
    list_display = ("iso3", "name", "region", "subregion")
    list_filter = ("region",)
    search_fields = ("iso3", "name")
    inlines = [TreatyActionInline]


@admin.register(TreatyAction)
class TreatyActionAdmin(StateFactAdmin):
    list_display = ("state", "kind", "date", "source", "paragraph")
    list_filter = ("kind",)
