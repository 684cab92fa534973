from django.contrib import admin

from treaty_tracker.meetings.models import Meeting
from treaty_tracker.sources.admin_base import SourcedAdmin


@admin.register(Meeting)
class MeetingAdmin(SourcedAdmin):
    list_display = ("code", "name", "opens", "closes", "place", "president")
    list_filter = ("kind",)
    search_fields = ("code", "name", "place")
