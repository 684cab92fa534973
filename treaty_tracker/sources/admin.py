from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from treaty_tracker.sources.admin_base import SourcedAdmin
from treaty_tracker.sources.models import Coverage, Figure, Source, StateList


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("key", "symbol", "title", "published")
    search_fields = ("key", "symbol", "title", "url")


@admin.register(Figure)
class FigureAdmin(SourcedAdmin):
    list_display = ("key", "value", "unit", "as_of", "source", "paragraph")
    search_fields = ("key", "label")
    list_filter = ("unit",)


@admin.register(StateList)
class StateListAdmin(SourcedAdmin):
    list_display = ("key", "label", "as_of", "source", "paragraph")
    search_fields = ("key", "label")
    filter_horizontal = ("states",)


@admin.register(Coverage)
class CoverageAdmin(SourcedAdmin):
    list_display = ("subject", "complete_until", "source", "paragraph")
