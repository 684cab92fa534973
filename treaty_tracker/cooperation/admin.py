from django.contrib import admin

from treaty_tracker.cooperation.models import (
    AssistanceRecord,
    Coalition,
    CoalitionMeeting,
    CoalitionPartner,
)
from treaty_tracker.sources.admin_base import SourcedAdmin, StateFactAdmin


@admin.register(AssistanceRecord)
class AssistanceRecordAdmin(SourcedAdmin):
    list_display = (
        "state",
        "year",
        "year_to",
        "direction",
        "theme",
        "amount",
        "currency",
        "source",
    )
    list_filter = ("direction", "theme", "kind")
    search_fields = ("state__name", "state__iso3", "counterpart__name", "counterpart_name")
    autocomplete_fields = ("state", "counterpart")


@admin.register(Coalition)
class CoalitionAdmin(StateFactAdmin):
    list_display = ("state", "theme", "launched", "status", "concluded", "source")
    list_filter = ("status", "theme")


@admin.register(CoalitionPartner)
class CoalitionPartnerAdmin(SourcedAdmin):
    list_display = ("coalition", "state", "role", "source")
    list_filter = ("role",)
    autocomplete_fields = ("state",)


@admin.register(CoalitionMeeting)
class CoalitionMeetingAdmin(SourcedAdmin):
    list_display = ("coalition", "date", "place", "source")
